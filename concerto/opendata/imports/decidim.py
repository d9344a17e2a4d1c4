"""Decidim's open-data export: a ZIP of CSV files (separator `;`), one per kind of data.

Proposals and their comments become contributions; other files (results, meetings,
budgets…) are listed as not imported. Columns are flattened with `/` and translated
ones end with the locale (`title/fr`); French is read first. Author columns are
personal data and are never imported.

The archive is checked before anything is unpacked: its declared sizes may not add up
to more than MAX_UNPACKED_SIZE, nor any file be compressed more than MAX_RATIO times
(a "zip bomb"), and each file is read through a bounded stream in case its declared
size lies. A row with a wrong number of fields, or a broken quote, refuses the whole
archive; rows whose content cannot be imported (withdrawn, empty…) are reported.
"""

import io
import re
import zipfile
from collections.abc import Callable

from django.utils.translation import gettext as _

from concerto.csvreading import UTF8, CsvReader, CsvRefused
from concerto.opendata.imports import common
from concerto.opendata.imports.parsed import Item, ParsedImport
from concerto.opendata.imports.report import ImportReport, Issue
from concerto.participation.models import Contribution, ContributionKind
from concerto.participation.models.contribution import MAX_BODY_LENGTH, MAX_TITLE_LENGTH
from concerto.plaintext import html_to_text
from concerto.uploads.validators import format_size

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
MAX_MEMBERS = 1_000
READ_CHUNK = 1024 * 1024


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
    return html_to_text(value)


def _localised(row: dict, field: str) -> str:
    if row.get(f"{field}/fr", "").strip():
        return row[f"{field}/fr"]
    if row.get(field, "").strip():
        return row[field]
    for name, value in row.items():
        if name.startswith(f"{field}/") and name.count("/") == 1 and value.strip():
            return value
    return ""


class _Refused(Exception):
    """The whole archive is refused; the message says why."""


def parse(data: bytes, *, on_row: Callable[[int], None] | None = None) -> ParsedImport:
    """Read an archive; `on_row(n)` is told how many rows were read, for the progress."""
    report = ImportReport(source="decidim")
    parsed = ParsedImport(report)
    if len(data) > common.MAX_FILE_SIZE:
        report.refuse(common.too_big_message())
        return parsed
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError):
        report.refuse(_("Le fichier n'est pas une archive ZIP lisible (export « données "
                        "ouvertes » de Decidim attendu)."))  # fmt: skip
        return parsed
    if len(infos) > MAX_MEMBERS:
        report.refuse(_("L'archive contient plus de %(max)d fichiers, la limite d'un import.")
                      % {"max": MAX_MEMBERS})  # fmt: skip
        return parsed
    wanted: dict[str, list[zipfile.ZipInfo]] = {PROPOSALS: [], COMMENTS: []}
    for info in sorted(infos, key=lambda info: info.filename):
        name = info.filename
        kind = _kind_of(name)
        if kind in wanted:
            wanted[kind].append(info)
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
    members = wanted[PROPOSALS] + wanted[COMMENTS]
    try:
        _check_sizes(members)
        rows = 0
        for info in wanted[PROPOSALS]:
            rows += _read(archive, info, parsed, _proposal_item, PROPOSAL_KNOWN, rows, on_row)
        for info in wanted[COMMENTS]:
            rows += _read(archive, info, parsed, _comment_item, COMMENT_KNOWN, rows, on_row)
    except _Refused as refused:
        report.refuse(str(refused))
        parsed.items = []
        return parsed
    if report.malformed:
        report.refuse(common.malformed_message(report.malformed))
        parsed.items = []
        return parsed
    if report.encoding == "":
        report.encoding = UTF8
    _check_parents(parsed)
    return parsed


def _check_sizes(members: list[zipfile.ZipInfo]) -> None:
    """Refuse, before unpacking anything, an archive that would unpack too big."""
    report_limit = format_size(common.MAX_UNPACKED_SIZE)
    if sum(info.file_size for info in members) > common.MAX_UNPACKED_SIZE:
        raise _Refused(_("Une fois décompressés, les fichiers à importer dépasseraient "
                        "%(size)s, la limite d'un import : découpez l'export.")
                      % {"size": report_limit})  # fmt: skip
    for info in members:
        if info.file_size > common.MAX_RATIO * max(info.compress_size, 1):
            raise _Refused(_("%(file)s est compressé plus de %(ratio)d fois, la limite d'un "
                            "import : l'archive est refusée.")
                          % {"file": info.filename, "ratio": common.MAX_RATIO})  # fmt: skip


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The member's bytes, read through a bounded stream: a declared size that lies
    cannot make it unpack more than the limit."""
    limit = min(info.file_size, common.MAX_UNPACKED_SIZE)
    chunks, size = [], 0
    with archive.open(info) as member:
        while chunk := member.read(min(READ_CHUNK, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise _Refused(_("%(file)s est plus grand que sa taille annoncée dans "
                                "l'archive : l'archive est refusée.")
                              % {"file": info.filename})  # fmt: skip
    return b"".join(chunks)


def _read(archive, info, parsed: ParsedImport, make_item, known, rows_before: int,
          on_row) -> int:  # fmt: skip
    """Read one member's rows into `parsed`; returns how many rows it had. The archive's
    files together hold at most common.MAX_ROWS rows."""
    report = parsed.report
    name = info.filename
    try:
        data = _read_member(archive, info)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
        raise _Refused(_("%(file)s : fichier illisible dans l'archive.") % {"file": name}) from None
    try:
        rows = CsvReader(data, max_rows=common.MAX_ROWS, encoding="utf-8", delimiters=";,")
    except CsvRefused as refused:
        if refused.errors == [_("Le fichier est vide.")]:
            report.files_ignored.append(Issue(name, _("fichier vide.")))
            return 0
        raise _Refused(f"{name} : {refused.errors[0]}") from None
    if rows.encoding != UTF8:
        report.warnings.append(
            _("%(file)s : le fichier n'est pas en UTF-8, lu en %(encoding)s.")
            % {"file": name, "encoding": rows.encoding}
        )
    report.encoding = report.encoding or rows.encoding
    header = rows.header
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
    seen: dict[str, int] = {}
    try:
        for row in rows:
            if rows_before + row.index > common.MAX_ROWS:
                raise _Refused(_("Les fichiers de l'archive comptent plus de %(max)d lignes, la "
                                 "limite d'un import : découpez l'export.")
                               % {"max": common.MAX_ROWS})  # fmt: skip
            if on_row is not None:
                on_row(rows_before + row.index)
            where = f"{name}:{row.line}"
            if row.error:
                report.rows_rejected.append(Issue(where, row.error))
                report.malformed += 1
                continue
            item = make_item(row.as_dict(header), where)
            if isinstance(item, str):
                report.rows_rejected.append(Issue(where, item))
            elif item.source_id in seen:
                report.rows_rejected.append(Issue(where, _(
                    "identifiant déjà lu ligne %(line)d : ligne non importée."
                ) % {"line": seen[item.source_id]}))  # fmt: skip
            else:
                seen[item.source_id] = row.line
                parsed.items.append(item)
    except CsvRefused as refused:
        raise _Refused(f"{name} : {refused.errors[0]}") from None
    return rows.rows_read


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
    """A comment whose proposal (or comment) is not imported has nothing to hang on.

    Each item's depth in its reply chain is found once, walking up until a known depth,
    so the check is linear however long the chains and whatever the rows' order; the
    items kept are ordered parents first."""
    unresolved = -2
    by_id = {item.source_id: item for item in parsed.items}
    depth: dict[str, int] = {}
    for item in parsed.items:
        path, on_path = [], set()
        node = item
        while True:
            if node.source_id in depth:
                base = depth[node.source_id]
                break
            if node.source_id in on_path:  # a reply chain that loops
                base = unresolved
                break
            path.append(node)
            on_path.add(node.source_id)
            if node.parent_source_id is None:
                base = -1  # the last node walked is a root, at depth 0
                break
            parent = by_id.get(node.parent_source_id)
            if parent is None:
                base = unresolved
                break
            node = parent
        for node in reversed(path):
            base = unresolved if base == unresolved else base + 1
            depth[node.source_id] = base
    kept = [item for item in parsed.items if depth[item.source_id] != unresolved]
    for item in parsed.items:
        if depth[item.source_id] == unresolved:
            parsed.report.rows_rejected.append(
                Issue(item.where, _("répond à un élément absent de l'export ou non importé."))
            )
    kept.sort(key=lambda item: depth[item.source_id])  # stable: file order within a depth
    parsed.items = kept
