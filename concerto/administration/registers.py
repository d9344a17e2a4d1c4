"""The reference lists the CIPC and the administrators keep up to date from the
administration space: organisations, the training catalogue and its sessions, the
framework contract (lots, holders, prices) and the statuses of the sponsor's answers.

Each list is declared once here; one set of pages lists, searches, sorts, exports,
creates, edits and deletes them all (views/registers.py), and every change goes
through the named actions of `concerto.administration.actions`, which write the
activity log. A list whose rows carry rules of their own declares them as hooks: a
session's seats and dates concern the people registered.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from dsfr.models import DsfrConfig

from concerto.accounts.models import Organisation
from concerto.followup.models import AnswerStatus
from concerto.procurement.models import FrameworkContract, Holder, Lot, Service
from concerto.trainings import actions as training_actions
from concerto.trainings.models import Session, Training


@dataclass(frozen=True)
class Register:
    slug: str  # its address, in French
    model: type[models.Model]
    title: str  # plural, as the index and the page title say it
    group: str  # its heading on the index
    fields: tuple[str, ...]  # what the form edits
    columns: tuple[str, ...]  # what the list shows and the CSV holds
    searched: tuple[str, ...]  # text fields the search box looks in
    filters: tuple[str, ...] = ()  # choice or foreign-key fields offered as filters
    # Called with (row before, row to save, actor) inside the save's transaction, before
    # the row is written: may refuse with a ValidationError, may act on related rows.
    before_save: Callable | None = field(default=None, compare=False)
    # Called with (row before, row saved) once written, inside the same transaction.
    after_save: Callable | None = field(default=None, compare=False)
    # False for the one row of settings: not on the index, never created nor deleted.
    listed: bool = True
    # Help shown under a field, where the model's own would mislead (a library's model).
    help_texts: dict = field(default_factory=dict, compare=False)

    @property
    def singular(self) -> str:
        return str(self.model._meta.verbose_name)

    def label(self, name: str) -> str:
        return str(self.model._meta.get_field(name).verbose_name)


ORGANISATIONS = _("Organisations")
TRAININGS = _("Formations")
CONTRACT = _("Accord-cadre de la participation")
FOLLOW_UP = _("Devoir de suite")


def _organisation_before_save(before, organisation, actor) -> None:
    """An organisation is never its own ancestor: `ministry` walks up the parents."""
    node = organisation.parent
    while node is not None:
        if node.pk == organisation.pk:
            raise ValidationError(
                {"parent": _("Cette organisation ne peut pas être rattachée à elle-même ni à "
                             "l'une des organisations qui lui sont rattachées.")}
            )  # fmt: skip
        node = node.parent


def _session_before_save(before, session, actor) -> None:
    if before is not None and session.capacity != before.capacity:
        training_actions.check_capacity(session)


def _session_after_save(before, session) -> None:
    if before is None:
        return
    if session.capacity > before.capacity:
        training_actions.promote_waiting(session)
    moved = [name for name in ("starts_at", "ends_at", "place", "video_url")
             if getattr(before, name) != getattr(session, name)]  # fmt: skip
    if moved:
        training_actions.tell_session_changed(session)


REGISTERS: tuple[Register, ...] = (
    Register(
        "organisations", Organisation, _("Organisations"), ORGANISATIONS,
        fields=("name", "short_name", "slug", "kind", "parent", "siret"),
        columns=("name", "short_name", "kind", "parent", "siret"),
        searched=("name", "short_name", "slug", "siret"),
        filters=("kind",),
        before_save=_organisation_before_save,
    ),
    Register(
        "formations", Training, _("Formations du catalogue"), TRAININGS,
        fields=("title", "slug", "description", "objectives", "audience", "duration_hours",
                "is_published"),
        columns=("title", "audience", "duration_hours", "is_published"),
        searched=("title", "description", "audience"),
        filters=("is_published",),
    ),
    Register(
        "sessions", Session, _("Sessions de formation"), TRAININGS,
        fields=("training", "starts_at", "ends_at", "place", "video_url", "capacity", "trainer"),
        columns=("training", "starts_at", "place", "capacity", "trainer"),
        searched=("training__title", "place"),
        filters=("training",),
        before_save=_session_before_save,
        after_save=_session_after_save,
    ),
    Register(
        "accords-cadres", FrameworkContract, _("Accords-cadres"), CONTRACT,
        fields=("reference", "title", "buyer", "starts_on", "ends_on", "ordering_rules",
                "vat_rate", "ministry_annual_ceiling_ht", "alert_threshold"),
        columns=("reference", "title", "starts_on", "ends_on", "ministry_annual_ceiling_ht"),
        searched=("reference", "title", "buyer"),
    ),
    Register(
        "lots", Lot, _("Lots"), CONTRACT,
        fields=("contract", "number", "title", "description", "ceiling_ht"),
        columns=("contract", "number", "title", "ceiling_ht"),
        searched=("title", "description"),
        filters=("contract",),
    ),
    Register(
        "titulaires", Holder, _("Titulaires"), CONTRACT,
        fields=("lot", "name", "siret", "contact_name", "contact_email", "contact_phone",
                "organisation"),
        columns=("lot", "name", "contact_name", "contact_email"),
        searched=("name", "siret", "contact_name", "contact_email"),
        filters=("lot",),
    ),
    Register(
        "prix", Service, _("Prestations et prix"), CONTRACT,
        fields=("holder", "code", "label", "unit", "unit_price_ht", "active"),
        columns=("holder", "code", "label", "unit", "unit_price_ht", "active"),
        searched=("code", "label", "holder__name"),
        filters=("holder", "active"),
    ),
    Register(
        "statuts-de-reponse", AnswerStatus, _("Statuts des réponses"), FOLLOW_UP,
        fields=("label", "code", "default_progress", "requires_reason", "requires_new_date",
                "tracks_implementation", "badge", "position"),
        columns=("position", "label", "code", "default_progress", "requires_reason"),
        searched=("label", "code"),
    ),
)  # fmt: skip

BY_SLUG = {register.slug: register for register in REGISTERS}


# The site's settings: one row, edited from its own page (views/settings.py) with the
# lists' named action, fingerprint and history, never listed, created or deleted. Only what
# the platform's own templates show: the notice (plain text, settings.DSFR_CONTENT_IS_SAFE
# is off; not collapsible, whose button needs an inline script the CSP refuses) and the
# accessibility status of the footer.
SITE_SETTINGS = Register(
    "parametres", DsfrConfig, _("Paramètres du site"), "",
    fields=("notice_title", "notice_description", "notice_type", "notice_link",
            "accessibility_status"),
    columns=(), searched=(), listed=False,
    help_texts={
        "notice_title": _("Un bandeau en haut de chaque page, par exemple « Maintenance "
                          "prévue le 12 mars de 20 h à 22 h ». Laissez vide pour n'en "
                          "afficher aucun. Texte seul, sans HTML."),
        "notice_description": _("Facultatif. Texte seul, sans HTML."),
        "notice_type": _("« Information » pour un message du site ; les bandeaux d'alerte et "
                         "de vigilance sont réservés aux situations que le SIG encadre."),
        "accessibility_status": _("Ce que déclare le pied de chaque page : à accorder avec la "
                                  "déclaration d'accessibilité et son dernier audit."),
    },
)  # fmt: skip
