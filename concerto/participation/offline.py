"""Offline contributions: typed in by an agent or imported from a CSV file.

Contributions that arrived on paper (*cahiers citoyens*), by mail, by e-mail or
in a meeting are stored like online ones, with their channel, the agent who
entered them and the date they were received, so they are counted, analysed
and answered alike.

The CSV import runs as a background job (`concerto.participation.tasks`) and is all
or nothing: every row is checked first, and any invalid row refuses the whole file
with one message per line. Each row's idempotency key comes from the module, the
file's content and the row's rank in it, so importing the same file again adds
nothing, while identical letters on several rows (a letter-writing campaign) are as
many contributions.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from dsfr.forms import DsfrBaseForm

from concerto.csvreading import CsvReader, CsvRefused
from concerto.forms import DateInput
from concerto.participation import idempotency
from concerto.participation.actions import submit_contribution
from concerto.participation.actions.common import require
from concerto.participation.bulk import Pending, check_contribution, store_contributions
from concerto.participation.forms import IdempotentForm
from concerto.participation.models import Channel, Contribution, Module
from concerto.participation.models.contribution import MAX_BODY_LENGTH, MAX_TITLE_LENGTH
from concerto.processes.models import Theme
from concerto.uploads.fields import UploadField

OFFLINE_CHANNELS = [Channel.PAPER, Channel.MAIL, Channel.EMAIL, Channel.MEETING]
# French words agents may type in the channel column, besides the codes.
CHANNEL_ALIASES = {
    "papier": Channel.PAPER,
    "cahier": Channel.PAPER,
    "courrier": Channel.MAIL,
    "courriel": Channel.EMAIL,
    "e-mail": Channel.EMAIL,
    "reunion": Channel.MEETING,
    "réunion": Channel.MEETING,
}
ANONYMOUS = {"", "anonyme", "anonymous"}
MAX_AUTHOR_LENGTH = 60
MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_ROWS = 10_000


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    description: str


COLUMNS = [
    Column("channel", True, gettext_lazy(
        "Canal d'arrivée : paper (papier, cahier citoyen), mail (courrier), email (courriel) "
        "ou meeting (réunion publique). Les mots papier, courrier, courriel et réunion sont "
        "aussi acceptés."
    )),
    Column("received_on", True, gettext_lazy(
        "Date de réception au format ISO 8601 (AAAA-MM-JJ), par exemple 2026-03-15."
    )),
    Column("author", False, gettext_lazy(
        "Nom de l'auteur tel qu'il a signé (60 caractères au plus) ; vide ou « anonyme » "
        "pour une contribution non signée."
    )),
    Column("title", False, gettext_lazy("Titre, s'il y en a un (200 caractères au plus).")),
    Column("text", True, gettext_lazy("Texte de la contribution (20 000 caractères au plus).")),
    Column("theme", False, gettext_lazy(
        "Thème, par son nom (par exemple « Transports et mobilités ») ou son identifiant "
        "(transports) ; vide si aucun."
    )),
]  # fmt: skip
COLUMN_NAMES = [column.name for column in COLUMNS]


@dataclass(frozen=True)
class OfflineRow:
    """One valid row of an import file, ready to store."""

    line: int
    channel: str
    received_on: date
    author: str
    title: str
    text: str
    theme: Theme | None
    index: int = 0  # rank among the file's rows, blank ones left out
    source: str = ""  # digest of the file's content

    def key(self, module: Module) -> uuid.UUID:
        """The same row of the same file imported again into the same module gets the
        same key; two identical rows of a file do not."""
        return idempotency.server_key("offline-row", module.pk, self.source, self.index)


@dataclass
class ImportResult:
    created: int = 0
    existing: int = 0


class ImportRefused(Exception):
    """The file has errors; nothing was imported. `errors` are messages for the agent."""

    def __init__(self, errors: list[str]):
        super().__init__(errors)
        self.errors = errors


# Checking values


def author_pseudonym(author: str) -> str:
    """The name stored for the author: blank for an unsigned contribution."""
    author = " ".join(author.split())
    return "" if author.lower() in ANONYMOUS else author


def received_datetime(received_on: date, now: datetime | None = None) -> datetime:
    """When an offline contribution counts as submitted: noon (Paris time) of the day it
    was received, never later than now."""
    now = now or timezone.now()
    moment = timezone.make_aware(datetime.combine(received_on, time(12)))
    return min(moment, now)


def _channel(value: str) -> str | None:
    value = value.strip().lower()
    if value in OFFLINE_CHANNELS:
        return value
    return CHANNEL_ALIASES.get(value)


def _themes_by_key() -> dict[str, Theme]:
    themes = {}
    for theme in Theme.objects.all():
        themes[theme.slug.lower()] = theme
        themes[theme.name.lower()] = theme
    return themes


def check_row(values: dict[str, str], line: int, themes: dict[str, Theme], today: date):
    """An OfflineRow, or the list of what is wrong with the row (in French)."""
    errors = []
    prefix = _("Ligne %(line)d : ") % {"line": line}
    raw_channel = values.get("channel", "").strip()
    channel = _channel(raw_channel)
    if not raw_channel:
        errors.append(prefix + _("le canal (channel) est vide."))
    elif channel is None:
        errors.append(prefix + _(
            "canal « %(value)s » inconnu ; valeurs acceptées : paper, mail, email, meeting."
        ) % {"value": raw_channel})  # fmt: skip
    raw_date = values.get("received_on", "").strip()
    received_on = None
    if not raw_date:
        errors.append(prefix + _("la date de réception (received_on) est vide."))
    else:
        try:
            received_on = date.fromisoformat(raw_date)
        except ValueError:
            errors.append(prefix + _(
                "date de réception « %(value)s » invalide ; format attendu AAAA-MM-JJ."
            ) % {"value": raw_date})  # fmt: skip
        else:
            if received_on > today:
                errors.append(prefix + _("la date de réception %(value)s est dans le futur.")
                              % {"value": raw_date})  # fmt: skip
    author = author_pseudonym(values.get("author", ""))
    if len(author) > MAX_AUTHOR_LENGTH:
        errors.append(prefix + _("le nom de l'auteur dépasse %(max)d caractères.")
                      % {"max": MAX_AUTHOR_LENGTH})  # fmt: skip
    title = values.get("title", "").strip()
    if len(title) > MAX_TITLE_LENGTH:
        errors.append(prefix + _("le titre dépasse %(max)d caractères.")
                      % {"max": MAX_TITLE_LENGTH})  # fmt: skip
    text = values.get("text", "").strip()
    if not text:
        errors.append(prefix + _("le texte (text) est vide."))
    elif len(text) > MAX_BODY_LENGTH:
        errors.append(prefix + _("le texte dépasse %(max)d caractères.") % {"max": MAX_BODY_LENGTH})
    raw_theme = " ".join(values.get("theme", "").split())
    theme = themes.get(raw_theme.lower()) if raw_theme else None
    if raw_theme and theme is None:
        errors.append(prefix + _("thème « %(value)s » inconnu.") % {"value": raw_theme})
    if errors:
        return errors
    return OfflineRow(line, channel, received_on, author, title, text, theme)


def parse_csv(
    data: bytes, today: date | None = None, *, on_row: Callable[[int], None] | None = None
) -> list[OfflineRow]:
    """Read and check a whole import file; raise ImportRefused listing every error.
    `on_row(n)` is told how many rows were read, for the job's progress."""
    today = today or timezone.localdate()
    try:
        reader = CsvReader(data, max_rows=MAX_ROWS, rows_name=_("contributions"))
        header = [cell.lower() for cell in reader.header]
        _check_header(header)
        themes = _themes_by_key()
        rows, errors = [], []
        for row in reader:
            if on_row is not None:
                on_row(row.index)
            if row.error:
                errors.append(row.labelled_error)
                continue
            checked = check_row(row.as_dict(header), row.line, themes, today)
            if isinstance(checked, list):
                errors.extend(checked)
            else:
                rows.append(checked)
    except CsvRefused as refused:
        raise ImportRefused(refused.errors) from None
    if errors:
        raise ImportRefused(errors)
    if not rows:
        raise ImportRefused([_("Le fichier ne contient aucune contribution.")])
    source = reader.digest
    return [
        OfflineRow(row.line, row.channel, row.received_on, row.author, row.title, row.text,
                   row.theme, index, source)
        for index, row in enumerate(rows, 1)
    ]  # fmt: skip


def _check_header(header: list[str]) -> None:
    errors = []
    unknown = [name for name in header if name not in COLUMN_NAMES]
    if unknown:
        errors.append(ngettext(
            "Ligne 1 : colonne inconnue : %(names)s. Colonnes possibles : %(expected)s.",
            "Ligne 1 : colonnes inconnues : %(names)s. Colonnes possibles : %(expected)s.",
            len(unknown),
        ) % {"names": ", ".join(unknown), "expected": ", ".join(COLUMN_NAMES)})  # fmt: skip
    missing = [c.name for c in COLUMNS if c.required and c.name not in header]
    if missing:
        errors.append(ngettext(
            "Ligne 1 : colonne obligatoire absente : %(names)s.",
            "Ligne 1 : colonnes obligatoires absentes : %(names)s.",
            len(missing),
        ) % {"names": ", ".join(missing)})  # fmt: skip
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        errors.append(ngettext(
            "Ligne 1 : colonne en double : %(names)s.",
            "Ligne 1 : colonnes en double : %(names)s.",
            len(repeated),
        ) % {"names": ", ".join(repeated)})  # fmt: skip
    if errors:
        raise ImportRefused(errors)


# Actions


def enter_offline_contribution(
    module: Module,
    *,
    actor,
    channel: str,
    received_on: date,
    body: str,
    idempotency_key: uuid.UUID | None,
    author: str = "",
    title: str = "",
    theme: Theme | None = None,
) -> tuple[Contribution, bool]:
    """Store one contribution that arrived offline, typed in by an organiser; it is
    published at once and dated the day it was received."""
    require(module, actor, "manage")
    if channel not in OFFLINE_CHANNELS:
        raise ValidationError({"channel": _("Choisissez le canal d'arrivée.")})
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("La date de réception est dans le futur.")})
    with transaction.atomic():
        contribution, created = submit_contribution(
            module,
            author=None,
            kind=module.offline_kind,
            body=body,
            idempotency_key=idempotency_key,
            channel=channel,
            entered_by=actor,
            pseudonym=author_pseudonym(author),
            title=module.offline_title(title, body),
            theme=theme,
        )
        if created:
            # created_at is set on insert; the received date is when it was submitted.
            contribution.created_at = received_datetime(received_on)
            Contribution.objects.filter(pk=contribution.pk).update(
                created_at=contribution.created_at
            )
    return contribution, created


def import_offline_contributions(
    module: Module,
    *,
    actor,
    rows: list[OfflineRow],
    on_batch: Callable[[int], None] | None = None,
) -> ImportResult:
    """Store every checked row, in short batches; rows already imported are skipped.
    Should a row still be refused, nothing is stored (ImportRefused)."""
    require(module, actor, "manage")
    now = timezone.now()

    def pending(row: OfflineRow) -> Pending:
        contribution = Contribution(
            module=module, kind=module.offline_kind, channel=row.channel, entered_by=actor,
            pseudonym=author_pseudonym(row.author), title=module.offline_title(row.title, row.text),
            body=row.text.strip(), theme=row.theme, idempotency_key=row.key(module),
        )  # fmt: skip
        return Pending(contribution, received_datetime(row.received_on, now))

    errors = []
    for row in rows:
        if row.channel not in OFFLINE_CHANNELS:
            errors.append(
                _("Ligne %(line)d : %(error)s")
                % {"line": row.line, "error": _("Choisissez le canal d'arrivée.")}
            )
        errors.extend(
            _("Ligne %(line)d : %(error)s") % {"line": row.line, "error": message}
            for message in check_contribution(pending(row).contribution)
        )  # fmt: skip
    if errors:
        raise ImportRefused(errors)
    # Every row is checked before the first is stored; they are built again batch by
    # batch, so that a large file is never held twice as model instances.
    stored = store_contributions(module, map(pending, rows), on_batch=on_batch)
    return ImportResult(created=stored.created, existing=stored.existing)


# Forms


class OfflineEntryForm(IdempotentForm):
    channel = forms.ChoiceField(
        label=gettext_lazy("Canal d'arrivée"),
        choices=[(c.value, c.label) for c in OFFLINE_CHANNELS],
        widget=forms.RadioSelect,
    )
    received_on = forms.DateField(
        label=gettext_lazy("Date de réception"),
        widget=DateInput(),
    )
    author = forms.CharField(
        label=gettext_lazy("Nom de l'auteur"),
        max_length=MAX_AUTHOR_LENGTH,
        required=False,
        help_text=gettext_lazy(
            "Tel qu'il a signé. Laissez vide ou écrivez « anonyme » si la contribution "
            "n'est pas signée."
        ),
    )
    title = forms.CharField(
        label=gettext_lazy("Titre"), max_length=MAX_TITLE_LENGTH, required=False
    )
    body = forms.CharField(
        label=gettext_lazy("Texte de la contribution"),
        max_length=MAX_BODY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("Recopiez le texte tel quel, jusqu'à 20 000 caractères."),
    )
    theme = forms.ModelChoiceField(
        label=gettext_lazy("Thème"),
        queryset=Theme.objects.none(),
        required=False,
        empty_label=gettext_lazy("Aucun"),
    )

    def __init__(self, *args, module: Module, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("received_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        themes = module.process.themes.all()
        self.fields["theme"].queryset = themes if themes.exists() else Theme.objects.all()

    def clean_received_on(self):
        received_on = self.cleaned_data["received_on"]
        if received_on > timezone.localdate():
            raise forms.ValidationError(_("La date de réception est dans le futur."))
        return received_on


class ImportForm(DsfrBaseForm):
    file = UploadField(
        extensions=["csv", "txt"],
        max_size=MAX_FILE_SIZE,
        label=gettext_lazy("Fichier CSV"),
        help_text=gettext_lazy(
            "Une ligne d'en-tête ; séparateur virgule, point-virgule ou tabulation ; encodage "
            "UTF-8 ou Windows-1252 (reconnu seul). 5 Mo et 10 000 lignes au plus."
        ),
    )
