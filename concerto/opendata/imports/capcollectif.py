"""A Cap Collectif questionnaire export, like the Grand Débat National files: one row per
participant, metadata columns, then one column per question (its full text); usually
ISO-8859-1 with a comma or semicolon separator. Each non-empty answer becomes one
contribution titled with its question.
"""

import re
from collections.abc import Callable

from django.utils.translation import gettext as _

from concerto.csvreading import CsvReader, CsvRefused
from concerto.opendata.imports import common
from concerto.opendata.imports.parsed import Item, ParsedImport
from concerto.opendata.imports.report import ImportReport, Issue
from concerto.participation.models import ContributionKind
from concerto.participation.models.contribution import MAX_BODY_LENGTH, MAX_TITLE_LENGTH


def _norm(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


# Metadata columns of the known releases (headers changed between them): normalised name → role.
METADATA = {
    "id": "id",
    "reference": "reference",
    "title": "title",
    "createdat": "created_at",
    "publishedat": "published_at",
    "updatedat": "updated_at",
    "trashed": "trashed",
    "trashedstatus": "trashed_status",
    "authortype": "author_type",
}
PERSONAL = {"authorid", "authorzipcode", "authorname", "authoremail", "author", "username",
            "email", "zipcode", "codepostal"}  # fmt: skip


def _is_question(header: str) -> bool:
    return header.rstrip().endswith("?")


def parse(
    data: bytes, encoding: str = "ISO-8859-1", *, on_row: Callable[[int], None] | None = None
) -> ParsedImport:
    """Read an export; `on_row(n)` is told how many rows were read, for the progress. A
    row with a wrong number of fields, or a broken quote, refuses the whole file."""
    report = ImportReport(source="capcollectif")
    parsed = ParsedImport(report)
    if len(data) > common.MAX_FILE_SIZE:
        report.refuse(common.too_big_message())
        return parsed
    try:
        rows = CsvReader(data, max_rows=common.MAX_ROWS, encoding=encoding, delimiters=",;")
        report.encoding = rows.encoding
        header = rows.header
        roles, questions = _columns(header, report)
        if not questions:
            report.refuse(_(
                "Aucune colonne de question trouvée : l'en-tête de chaque question doit être "
                "le texte de la question, terminé par un point d'interrogation."
            ))  # fmt: skip
            return parsed
        if any(common.badly_encoded(h) for h in header):
            report.warnings.append(_("L'en-tête contient des caractères mal encodés."))
        for row in rows:
            if on_row is not None:
                on_row(row.index)
            if row.error:
                where = _("ligne %(line)d") % {"line": row.line}
                report.rows_rejected.append(Issue(where, row.error))
                report.malformed += 1
                continue
            _row(row.cells, row.line, row.index, header, roles, questions, parsed)
    except CsvRefused as refused:
        report.refuse(refused.errors[0])
        parsed.items = []
        return parsed
    if report.malformed:
        report.refuse(common.malformed_message(report.malformed))
        parsed.items = []
        return parsed
    # Rows without an identifier are told apart by their rank in this very file, so that
    # two identical answers on two rows are two contributions.
    for item in parsed.items:
        if item.source_id.startswith("#"):
            item.source_id = rows.digest[:32] + item.source_id
    return parsed


def _columns(header: list[str], report: ImportReport) -> tuple[dict[str, int], list[int]]:
    roles: dict[str, int] = {}
    questions: list[int] = []
    for index, name in enumerate(header):
        key = _norm(name)
        if _is_question(name):
            questions.append(index)
        elif key in METADATA:
            roles[METADATA[key]] = index
        elif key in PERSONAL:
            report.columns_ignored.append(Issue(name, _("donnée personnelle : non importée.")))
        else:
            report.columns_ignored.append(Issue(name, _("colonne inconnue : ignorée.")))
    return roles, questions


def _row(cells, line, index, header, roles, questions, parsed: ParsedImport) -> None:
    report = parsed.report
    where = _("ligne %(line)d") % {"line": line}

    def value(role: str) -> str:
        return cells[roles[role]].strip() if role in roles else ""

    if common.truthy(value("trashed")):
        report.rows_rejected.append(Issue(where, _(
            "contribution masquée par la modération de la plateforme d'origine : non importée."
        )))  # fmt: skip
        return
    answers = [(index, cells[index].strip()) for index in questions if cells[index].strip()]
    if not answers:
        report.rows_rejected.append(Issue(where, _("aucune réponse.")))
        return
    if any(common.badly_encoded(text) for _index, text in answers):
        report.rows_rejected.append(Issue(where, _(
            "caractères mal encodés (texte illisible) : ligne non importée."
        )))  # fmt: skip
        return
    too_long = [i for i, text in answers if len(text) > MAX_BODY_LENGTH]
    if too_long:
        report.rows_rejected.append(Issue(where, _("réponse de plus de %(max)d caractères.")
                                          % {"max": MAX_BODY_LENGTH}))  # fmt: skip
        return
    raw_date = value("published_at") or value("created_at")
    try:
        submitted_at = common.parse_moment(raw_date)
    except ValueError:
        report.rows_rejected.append(
            Issue(where, _("date « %(value)s » illisible.") % {"value": raw_date})
        )
        return
    # The row's own identifier, else its rank in the file (completed by the file's
    # digest once read): importing the file again adds nothing.
    row_key = value("id") or value("reference") or f"#{index}"
    for index, text in answers:
        question = header[index]
        title = (
            question
            if len(question) <= MAX_TITLE_LENGTH
            else question[: MAX_TITLE_LENGTH - 1] + "…"
        )
        parsed.items.append(
            Item(f"{row_key}:{_norm(question)[:80]}:{index}", ContributionKind.ANSWER, text,
                 title, submitted_at, where=where)
        )  # fmt: skip
