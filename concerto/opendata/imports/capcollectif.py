"""A Cap Collectif questionnaire export, like the Grand Débat National files: one row per
participant, metadata columns, then one column per question (its full text); usually
ISO-8859-1 with a comma or semicolon separator. Each non-empty answer becomes one
contribution titled with its question.
"""

import csv
import hashlib
import re

from django.utils.translation import gettext as _

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


def parse(data: bytes, encoding: str = "ISO-8859-1") -> ParsedImport:
    report = ImportReport(source="capcollectif")
    parsed = ParsedImport(report)
    if len(data) > common.MAX_FILE_SIZE:
        report.refuse(common.too_big_message())
        return parsed
    text, report.encoding = common.decode(data, encoding)
    rows = common.reader(text, common.sniff_delimiter(text, ",;"))
    try:
        header = next(rows, None)
        if not header or not any(cell.strip() for cell in header):
            report.refuse(_("Le fichier est vide."))
            return parsed
        header = [cell.strip() for cell in header]
        roles, questions = _columns(header, report)
        if not questions:
            report.refuse(_(
                "Aucune colonne de question trouvée : l'en-tête de chaque question doit être "
                "le texte de la question, terminé par un point d'interrogation."
            ))  # fmt: skip
            return parsed
        if any(common.badly_encoded(h) for h in header):
            report.warnings.append(_("L'en-tête contient des caractères mal encodés."))
        line = rows.line_num + 1
        count = 0
        for cells in rows:
            start, line = line, rows.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            count += 1
            if count > common.MAX_ROWS:
                report.refuse(_("Le fichier compte plus de %(max)d lignes : découpez-le.")
                              % {"max": common.MAX_ROWS})  # fmt: skip
                parsed.items = []
                return parsed
            _row(cells, start, header, roles, questions, parsed)
    except csv.Error as error:
        report.rows_rejected.append(
            Issue(_("ligne %(line)d") % {"line": rows.line_num},
                  _("CSV mal formé, fin du fichier non lue (%(error)s).") % {"error": error})
        )  # fmt: skip
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


def _row(cells, line, header, roles, questions, parsed: ParsedImport) -> None:
    report = parsed.report
    where = _("ligne %(line)d") % {"line": line}
    if len(cells) != len(header):
        report.rows_rejected.append(Issue(where, _(
            "%(expected)d colonnes attendues, %(found)d trouvées."
        ) % {"expected": len(header), "found": len(cells)}))  # fmt: skip
        return

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
    # The row's own identifier, else its content: importing the file again adds nothing.
    row_key = (
        value("id") or value("reference") or hashlib.sha256("\x1f".join(cells).encode()).hexdigest()
    )
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
