"""What a person can do with their own data: take it away, or erase their account."""

from django.core import serializers
from django.db import models, transaction
from django.utils import timezone

from concerto.follows.models import Preferences
from concerto.generations import renew
from concerto.mailing.models import Delivery, normalised
from concerto.participation.models import Contribution, ParticipantProfile
from concerto.participation.scopes import module_scope
from concerto.representativeness.models import ProfileResponse

DELETED_EMAIL = "compte-supprime-{pk}@concerto.invalid"


def personal_data(user) -> dict:
    """Everything stored about `user`: the account, every row that points to it, and
    the rows those own (a questionnaire response's answers, which point to the response,
    not to the person).

    Walks the reverse relations of the user model, so a domain added later is
    included without touching this function.
    """
    account = serializers.serialize("python", [user], fields=_account_fields(user))[0]
    data = {"compte": account["fields"] | {"id": user.pk}, "donnees_liees": {}}
    for relation in _reverse_relations(user._meta.model):
        rows = relation.related_model._default_manager.filter(**{relation.field.name: user})
        if not rows.exists():
            continue
        label = _label(relation)
        data["donnees_liees"][label] = _rows(rows)
        for child in _owned_rows(relation.related_model, user._meta.model):
            owned = child.related_model._default_manager.filter(**{f"{child.field.name}__in": rows})
            if owned.exists():
                data["donnees_liees"][f"{label} > {_label(child)}"] = _rows(owned)
    return data


def _reverse_relations(model) -> list:
    return [
        relation
        for relation in model._meta.get_fields(include_hidden=True)
        if relation.auto_created and not relation.concrete and not relation.many_to_many
    ]


def _owned_rows(model, user_model) -> list:
    """Relations to rows that belong to a `model` row and to nobody else: deleted with it,
    and with no link of their own to a person (a support of one's proposal is the
    supporter's data, not the author's)."""
    return [
        relation
        for relation in _reverse_relations(model)
        if relation.field.remote_field.on_delete is models.CASCADE
        and not any(
            field.is_relation and field.related_model is user_model
            for field in relation.related_model._meta.concrete_fields
        )
    ]


def _label(relation) -> str:
    model = relation.related_model
    return f"{model._meta.app_label}.{model._meta.model_name}/{relation.field.name}"


def _rows(rows) -> list[dict]:
    return [{"id": row["pk"], **row["fields"]} for row in serializers.serialize("python", rows)]


def _account_fields(user) -> list[str]:
    hidden = {"password", "groups", "user_permissions"}
    return [field.name for field in user._meta.concrete_fields if field.name not in hidden]


@transaction.atomic
def erase_account(user, *, withdraw_open_contributions: bool = False) -> dict:
    """Anonymise the account in place; returns counts of what was done.

    The row stays so that what others built on it (answers, supports, reviews)
    keeps its integrity, but nothing in it identifies the person any more.
    Contributions stay, anonymous; with `withdraw_open_contributions`, those of
    modules still open are also withdrawn and their text erased (once a module is
    closed, its contributions are part of the public record being answered).
    """
    contributions = Contribution.objects.filter(author=user).select_related("module__process")
    withdrawn = 0
    if withdraw_open_contributions:
        for contribution in contributions:
            if contribution.module.is_open() and contribution.status != Contribution.Status.HIDDEN:
                contribution.status = Contribution.Status.WITHDRAWN
                contribution.withdrawn_at = timezone.now()
                contribution.title = ""
                contribution.body = ""
                contribution.save(
                    update_fields=["status", "withdrawn_at", "title", "body", "updated_at"]
                )
                withdrawn += 1
    _renew_pages_signed_by(user)
    # updated_at moves too: the open-data files lose the author's id within minutes
    # (concerto.opendata.freshness).
    anonymised = Contribution.objects.filter(author=user).update(
        author=None, pseudonym="", updated_at=timezone.now()
    )
    ParticipantProfile.objects.filter(user=user).delete()
    ProfileResponse.objects.filter(user=user).delete()
    user.memberships.all().delete()
    # The opinion group each map placed them in (server-side only, see GroupMembership).
    user.opinion_groups.all().delete()
    user.notifications.all().delete()
    user.newsletter_subscriptions.all().delete()
    # What the person follows, how often they hear of it, and the bulk e-mails not yet
    # sent to them (and the record of those sent, which keeps their address).
    user.follows.all().delete()
    Preferences.objects.filter(user=user).delete()
    Delivery.objects.filter(address=normalised(user.email)).delete()
    user.email = DELETED_EMAIL.format(pk=user.pk)
    user.first_name = ""
    user.last_name = ""
    user.public_name_choice = user.PublicName.INITIALS
    user.public_pseudonym = ""
    user.is_active = False
    user.is_superuser = False
    user.set_unusable_password()  # also ends every open session (session hash changes)
    user.save()
    return {"withdrawn": withdrawn, "anonymised": anonymised, "erased_at": timezone.now()}


def set_public_name(user, *, choice: str, pseudonym: str = "") -> None:
    """How the person's signed contributions are shown on public pages from now on: their
    first name and last-name initial, or the pseudonym they chose (required for that
    choice). Contributions typed with a pseudonym of their own keep it."""
    pseudonym = " ".join(pseudonym.split())
    if choice == user.PublicName.PSEUDONYM and not pseudonym:
        raise ValueError("a pseudonym is required")
    if choice not in user.PublicName.values:
        raise ValueError(f"unknown choice {choice!r}")
    user.public_name_choice = choice
    user.public_pseudonym = pseudonym if choice == user.PublicName.PSEUDONYM else ""
    user.save(update_fields=["public_name_choice", "public_pseudonym"])
    _renew_pages_signed_by(user)


def _renew_pages_signed_by(user) -> None:
    """The pages kept for their readers that show the person's contributions (a module's
    list of proposals) show their new name at once: an update of many rows, or of the
    account alone, renews no module by itself."""
    modules = Contribution.objects.filter(author=user).values_list("module_id", flat=True)
    renew(*(module_scope(pk) for pk in set(modules)))


def is_erased(user) -> bool:
    return user.email == DELETED_EMAIL.format(pk=user.pk)
