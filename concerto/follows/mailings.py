"""The follows domain's campaigns and unsubscribe scopes, registered with the mailing core."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from concerto.follows import actions, digest, immediate
from concerto.follows.models import EventKind, Frequency
from concerto.mailing.kinds import register
from concerto.mailing.unsubscribe import register_scope


@dataclass(frozen=True)
class DigestKind:
    name: str = digest.KIND

    def recipients(self, campaign):
        return digest.recipients(campaign)

    def render(self, campaign, delivery):
        return digest.render(campaign, delivery)

    def unwanted(self, campaign, addresses):
        return digest.unwanted(campaign, addresses)


@dataclass(frozen=True)
class ImmediateKind:
    name: str = immediate.KIND

    def recipients(self, campaign):
        return immediate.recipients(campaign)

    def render(self, campaign, delivery):
        return immediate.render(campaign, delivery)


def _user(address: str):
    return get_user_model().objects.filter(email__iexact=address).first()


def _stop_digests(address: str, scope: str) -> None:
    user = _user(address)
    if user is not None:
        actions.stop_digests(user)


def _stop_all(address: str, scope: str) -> None:
    user = _user(address)
    if user is not None:
        actions.set_preferences(
            user,
            auto_follow=actions.preferences_of(user).auto_follow,
            frequencies=dict.fromkeys(EventKind.values, Frequency.NEVER),
        )


def _receives(address: str, frequencies: set[str]) -> bool:
    user = _user(address)
    if user is None:
        return False
    chosen = actions.preferences_of(user).frequencies()
    return any(frequency in frequencies for frequency in chosen.values())


def register_all() -> None:
    register(DigestKind())
    register(ImmediateKind())
    register_scope(
        digest.SCOPE,
        label=_("Résumés quotidiens et hebdomadaires de ce que vous suivez"),
        unsubscribe=_stop_digests,
        is_subscribed=lambda address: _receives(address, {Frequency.DAILY, Frequency.WEEKLY}),
    )
    register_scope(
        immediate.SCOPE,
        label=_("Tous les courriels sur ce que vous suivez"),
        unsubscribe=_stop_all,
        is_subscribed=lambda address: _receives(
            address, {Frequency.IMMEDIATE, Frequency.DAILY, Frequency.WEEKLY}
        ),
    )


register_all()
