"""Decidim's open-data export: a ZIP of CSV files (separator `;`), one per kind of data.

Proposals and their comments become contributions; other files (results, meetings,
budgets…) are listed as not imported. Columns are flattened with `/` and translated
ones end with the locale (`title/fr`); French is read first. Author columns are
personal data and are never imported.
"""

import csv
import html
import io
import re
import zipfile

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from concerto.opendata.imports import common
from concerto.opendata.imports.parsed import Item, ParsedImport
from concerto.opendata.imports.report import ImportReport, Issue
from concerto.participation.models import Contribution, ContributionKind
from concerto.participation.models.contribution import MAX_BODY_LENGTH, MAX_TITLE_LENGTH

PROPOSALS = "proposals"
COMMENTS = "proposal_comments"
# Columns Decidim writes that carry nothing to import here (counts, links, geodata…).
PROPOSAL_KNOWN = re.compile(
    r"^(id|title/.+|body/.+|published_at|state|withdrawn|withdrawn_at|category/.+|scope/.+|"
    r"participatory_space/.+|component/.+|address|latitude|longitude|reference|answer/.+|"
    r"answered_at|supports|votes|endorsements/.+|comments|attachments|followers|url|"
    r"meeting_urls|related_proposals|related_results|is_amend|original_proposal/.+|"
    r"state_published_at|cost|cost_report/.+|execution_period/.+|created_at|updated_at)$"
)
COMMENT_KNOWN = re.compile(
    r"^(id|created_at|body(/.+)?|locale|alignment|depth|commentable_id|commentable_type|"
    r"root_commentable_url|user_group/.+|updated_at)$"
)
PERSONAL = re.compile(r"^(author|authors|user)(/.+)?$|^user_group/name$")
PROPOSAL_TYPE = "Decidim::Proposals::Proposal"
COMMENT_TYPE = "Decidim::Comments::Comment"


def _kind_of(name: str) -> str | None:
    base = name.rsplit("/", 1)[-1].lower()
    if not base.endswith(".csv"):
        return None
    if base.endswith("proposal_comments.csv") or base.endswith("proposals_comments.csv"):
        return COMMENTS
    if base.endswith("proposals.csv"):
        return PROPOSALS
    return "other"


def _text(value: str) -> str:
    """Decidim stores rich text as HTML: keep the words, paragraphs as line breaks."""
    value = re.sub(r"</p>\s*<p>|<br\s*/?>", "\n", value)
    return html.unescape(strip_tags(value)).strip()


def _localised(row: dict, field: str) -> str:
    if row.get(f"{field}/fr", "").strip():
        return row[f"{field}/fr"]
    if row.get(field, "").strip():
        return row[field]
    for name, value in row.items():
        if name.startswith(f"{field}/") and name.count("/") == 1 and value.strip():
            return value
    return ""


def parse(data: bytes) -> ParsedImport:
    report = ImportReport(source="decidim")
    parsed = ParsedImport(report)
    if len(data) > common.MAX_FILE_SIZE:
        report.refuse(common.too_big_message())
        return parsed
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = [info.filename for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError):
        report.refuse(_("Le fichier n'est pas une archive ZIP lisible (export « données "
                        "ouvertes » de Decidim attendu)."))  # fmt: skip
        return parsed
    wanted = {PROPOSALS: [], COMMENTS: []}
    for name in sorted(names):
        kind = _kind_of(name)
        if kind in wanted:
            wanted[kind].append(name)
        elif kind is None:
            report.files_ignored.append(Issue(name, _("pas un fichier CSV : non importé.")))
        else:
            report.files_ignored.append(
                Issue(name, _("ces données ne sont pas des contributions : non importées."))
            )
    if not wanted[PROPOSALS]:
        report.refuse(_("L'archive ne contient pas de fichier de propositions "
                        "(…-open-data-proposals.csv)."))  # fmt: skip
        return parsed
    for name in wanted[PROPOSALS]:
        _read(archive, name, parsed, _proposal_item, PROPOSAL_KNOWN)
    for name in wanted[COMMENTS]:
        _read(archive, name, parsed, _comment_item, COMMENT_KNOWN)
    if report.encoding == "":
        report.encoding = "UTF-8"
    _check_parents(parsed)
    return parsed


def _read(archive, name: str, parsed: ParsedImport, make_item, known) -> None:
    report = parsed.report
    data = archive.read(name)
    text, encoding = common.decode(data, "utf-8")
    if encoding != "UTF-8":
        report.warnings.append(
            _("%(file)s : le fichier n'est pas en UTF-8, lu en %(encoding)s.")
            % {"file": name, "encoding": encoding}
        )
    report.encoding = report.encoding or encoding
    rows = common.reader(text, common.sniff_delimiter(text, ";,"))
    try:
        header = next(rows, None)
        if not header:
            report.files_ignored.append(Issue(name, _("fichier vide.")))
            return
        header = [cell.strip() for cell in header]
        for column in header:
            if PERSONAL.match(column):
                report.columns_ignored.append(
                    Issue(f"{name} › {column}", _("donnée personnelle : non importée."))
                )
            elif not known.match(column):
                report.columns_ignored.append(
                    Issue(f"{name} › {column}", _("colonne inconnue : ignorée."))
                )
        report.files_read.append(name)
        line = rows.line_num + 1
        for cells in rows:
            start, line = line, rows.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            where = f"{name}:{start}"
            if len(cells) != len(header):
                report.rows_rejected.append(Issue(where, _(
                    "%(expected)d colonnes attendues, %(found)d trouvées."
                ) % {"expected": len(header), "found": len(cells)}))  # fmt: skip
                continue
            row = dict(zip(header, cells, strict=True))
            item = make_item(row, where)
            if isinstance(item, str):
                report.rows_rejected.append(Issue(where, item))
            else:
                parsed.items.append(item)
    except csv.Error as error:  # a broken quote makes the rest of the file unreadable
        report.rows_rejected.append(
            Issue(
                f"{name}:{rows.line_num}",
                _("CSV mal formé, fin du fichier non lue (%(error)s).") % {"error": error},
            )  # fmt: skip
        )


def _common_checks(body: str, title: str, row: dict, date_column: str):
    if common.badly_encoded(body + title):
        return _("caractères mal encodés (texte illisible) : ligne non importée.")
    if not body:
        return _("texte vide.")
    if len(body) > MAX_BODY_LENGTH:
        return _("texte de plus de %(max)d caractères.") % {"max": MAX_BODY_LENGTH}
    try:
        moment = common.parse_moment(row.get(date_column, ""))
    except ValueError:
        return _("date « %(value)s » illisible.") % {"value": row.get(date_column, "")}
    return moment


def _proposal_item(row: dict, where: str):
    source = row.get("id", "").strip()
    if not source:
        return _("identifiant (id) vide.")
    if common.truthy(row.get("withdrawn", "")) or row.get("state", "").strip() == "withdrawn":
        return _("proposition retirée par son auteur : non importée.")
    title = _text(_localised(row, "title"))
    body = _text(_localised(row, "body"))
    if len(title) > MAX_TITLE_LENGTH:
        title = title[: MAX_TITLE_LENGTH - 1] + "…"
    checked = _common_checks(body, title, row, "published_at")
    if isinstance(checked, str):
        return checked
    return Item(f"proposal:{source}", ContributionKind.PROPOSAL, body, title, checked,
                where=where)  # fmt: skip


def _comment_item(row: dict, where: str):
    source = row.get("id", "").strip()
    if not source:
        return _("identifiant (id) vide.")
    body = _text(_localised(row, "body"))
    checked = _common_checks(body, "", row, "created_at")
    if isinstance(checked, str):
        return checked
    commentable = row.get("commentable_type", "").strip()
    parent_id = row.get("commentable_id", "").strip()
    if commentable == PROPOSAL_TYPE:
        parent = f"proposal:{parent_id}"
    elif commentable == COMMENT_TYPE:
        parent = f"comment:{parent_id}"
    else:
        return _("commentaire d'un objet « %(type)s » : seuls ceux des propositions sont "
                 "importés.") % {"type": commentable or "?"}  # fmt: skip
    stance = {"1": Contribution.Stance.FOR, "-1": Contribution.Stance.AGAINST}.get(
        row.get("alignment", "").strip(), ""
    )
    return Item(f"comment:{source}", ContributionKind.COMMENT, body, "", checked, parent, stance,
                where=where)  # fmt: skip


def _check_parents(parsed: ParsedImport) -> None:
    """A comment whose proposal (or comment) is not imported has nothing to hang on."""
    known: set[str] = set()
    kept: list[Item] = []
    pending = parsed.items
    # Replies may come before what they answer: place parents first, pass after pass.
    while pending:
        waiting = []
        for item in pending:
            if item.parent_source_id is None or item.parent_source_id in known:
                known.add(item.source_id)
                kept.append(item)
            else:
                waiting.append(item)
        if len(waiting) == len(pending):
            break
        pending = waiting
    for item in pending:
        parsed.report.rows_rejected.append(
            Issue(item.where, _("répond à un élément absent de l'export ou non importé."))
        )
    parsed.items = kept
