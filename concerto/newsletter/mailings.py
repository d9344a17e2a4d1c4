"""The newsletter as a campaign kind of the mailing core, and its unsubscribe scope."""

from django.utils.translation import gettext_lazy as _

from concerto.mailing.kinds import Recipient, register
from concerto.mailing.unsubscribe import register_scope, unsubscribe_url
from concerto.newsletter import actions
from concerto.newsletter.emails import SCOPE, EditionMail, personalise, render_edition
from concerto.newsletter.models import NewsletterEditionPage, Subscriber
from concerto.newsletter.queries import KIND

# Rows read per query while the fan-out streams the subscribers.
CHUNK = 2000


class NewsletterKind:
    """One campaign per edition (`source_id` is the edition's page id)."""

    name = KIND

    def __init__(self):
        # (campaign, its e-mail or None): the blocks are rendered once per campaign,
        # however many deliveries follow.
        self._memo: tuple[tuple, EditionMail | None] | None = None

    @staticmethod
    def _edition(campaign) -> NewsletterEditionPage | None:
        return NewsletterEditionPage.objects.live().filter(pk=campaign.source_id).first()

    def recipients(self, campaign):
        edition = self._edition(campaign)
        if edition is None:
            return
        rows = (
            Subscriber.objects.receiving(edition.audiences)
            .order_by("pk")
            .values_list("email", "user_id")
            .iterator(chunk_size=CHUNK)
        )
        for email, user_id in rows:
            yield Recipient(address=email, user_id=user_id)

    def unwanted(self, campaign, addresses: list[str]) -> set[str]:
        """The addresses of a batch that stopped receiving since the fan-out (unsubscribed,
        moved to an audience the edition is not for, or their subscription erased with
        their account), read against the edition as it is now: two queries a batch."""
        edition = self._edition(campaign)
        if edition is None:
            return set()  # render() sends nothing anyway
        still = (
            Subscriber.objects.receiving(edition.audiences)
            .filter(email__in=addresses)
            .values_list("email", flat=True)
        )
        return set(addresses) - set(still)

    def _mail(self, campaign) -> EditionMail | None:
        # The creation time with the id: a test database rolled back reuses ids.
        identity = (campaign.pk, campaign.created_at)
        if self._memo is None or self._memo[0] != identity:
            edition = self._edition(campaign)
            self._memo = (identity, render_edition(edition) if edition else None)
        return self._memo[1]

    def render(self, campaign, delivery):
        """The edition with the recipient's own unsubscribe link; None (nothing sent) once
        the edition is unpublished or deleted."""
        mail = self._mail(campaign)
        if mail is None:
            return None
        return personalise(mail, unsubscribe_url(delivery.address, SCOPE))


def is_subscribed(address: str) -> bool:
    return Subscriber.objects.filter(
        email=address, confirmed_at__isnull=False, unsubscribed_at__isnull=True
    ).exists()


register(NewsletterKind())
register_scope(
    SCOPE,
    label=_("Lettre d'information du CIPC"),
    unsubscribe=actions.unsubscribe,
    is_subscribed=is_subscribed,
)
