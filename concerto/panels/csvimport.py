"""Parse the organiser's CSV files (pool of respondents, quotas), all-or-nothing.

Formats are those of `../shared/data/sortition/`: respondents have one column per
category plus an optional identifier column (`pool_member_identifier`, `id` or
`identifiant`; otherwise the row number), an optional household column (`foyer`)
and an optional consent column (`consentement`: oui/non). Quotas have the header
`category,feature,min,max`. Every error names its line, in French; a row with more or
fewer values than the header (an unquoted comma in an address) is an error, never cut.
Files are read by the platform's one CSV reader (`concerto.csvreading`).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from concerto.csvreading import CsvReader, CsvRefused

ID_COLUMNS = ("pool_member_identifier", "id", "identifiant")
HOUSEHOLD_COLUMNS = ("foyer", "household")
CONSENT_COLUMNS = ("consentement", "consent")
YES = {"oui", "o", "1", "true", "vrai", "yes"}
NO = {"non", "n", "0", "false", "faux", "no"}
MAX_ROWS = 50_000
MAX_QUOTA_ROWS = 5_000
MAX_ERRORS = 20


@dataclass(frozen=True)
class Respondent:
    external_id: str
    values: dict[str, str]
    household: str
    consent: bool


def _reader(data: bytes, *, max_rows: int, rows_name: str) -> CsvReader:
    try:
        return CsvReader(data, max_rows=max_rows, rows_name=rows_name)
    except CsvRefused as refused:
        raise ValidationError(refused.errors) from None


def _rows(reader: CsvReader):
    """The reader's rows as {column: stripped value}, or the row's error message."""
    try:
        for row in reader:
            if row.error:
                yield row.line, row.labelled_error
            else:
                yield (
                    row.line,
                    {h: v.strip() for h, v in zip(reader.header, row.cells, strict=True)},
                )
    except CsvRefused as refused:
        raise ValidationError(refused.errors) from None


def _raise(errors: list[str]) -> None:
    if len(errors) > MAX_ERRORS:
        more = len(errors) - MAX_ERRORS
        errors = errors[:MAX_ERRORS] + [_("… et %(n)d autres erreurs.") % {"n": more}]
    raise ValidationError(errors)


def parse_pool(data: bytes, *, need_household: bool = False) -> tuple[list[str], list[Respondent]]:
    """Categories and respondents of a pool CSV; ValidationError listing every bad line."""
    reader = _reader(data, max_rows=MAX_ROWS, rows_name=_("personnes"))
    header = reader.header
    lowered = {h.casefold(): h for h in header}
    id_col = next((lowered[c] for c in ID_COLUMNS if c in lowered), None)
    house_col = next((lowered[c] for c in HOUSEHOLD_COLUMNS if c in lowered), None)
    consent_col = next((lowered[c] for c in CONSENT_COLUMNS if c in lowered), None)
    categories = [h for h in header if h and h not in {id_col, house_col, consent_col}]
    if not header:
        raise ValidationError(_("Le fichier est vide."))
    if not categories:
        raise ValidationError(_("Le fichier ne contient aucune colonne de catégorie."))
    if len(set(header)) != len(header):
        raise ValidationError(_("Ligne 1 : une colonne apparaît deux fois."))
    if need_household and house_col is None:
        raise ValidationError(
            _("La règle « une personne par foyer » demande une colonne « foyer ».")
        )
    errors: list[str] = []
    respondents: list[Respondent] = []
    seen: dict[str, int] = {}
    for line, row in _rows(reader):
        if isinstance(row, str):
            errors.append(row)
            continue
        external_id = row.get(id_col, "") if id_col else str(line - 1)
        if not external_id:
            errors.append(_("Ligne %(line)d : identifiant manquant.") % {"line": line})
        elif external_id in seen:
            errors.append(
                _("Ligne %(line)d : identifiant « %(id)s » déjà utilisé ligne %(first)d.")
                % {"line": line, "id": external_id, "first": seen[external_id]}
            )
        else:
            seen[external_id] = line
        missing = [c for c in categories if not row.get(c)]
        for category in missing:
            errors.append(
                _("Ligne %(line)d : valeur manquante pour « %(category)s ».")
                % {"line": line, "category": category}
            )
        consent = True
        if consent_col:
            answer = row.get(consent_col, "").casefold()
            if answer not in YES | NO:
                errors.append(
                    _("Ligne %(line)d : consentement « oui » ou « non » attendu.") % {"line": line}
                )
            consent = answer in YES
            if answer in NO:
                errors.append(
                    _("Ligne %(line)d : sans consentement, la personne ne peut entrer au vivier.")
                    % {"line": line}
                )
        if need_household and not row.get(house_col or "", ""):
            errors.append(_("Ligne %(line)d : foyer manquant.") % {"line": line})
        respondents.append(
            Respondent(
                external_id=external_id,
                values={c: row.get(c, "") for c in categories},
                household=row.get(house_col, "") if house_col else "",
                consent=consent,
            )
        )
    if errors:
        _raise(errors)
    if not respondents:
        raise ValidationError(_("Le fichier ne contient aucune personne."))
    return categories, respondents


def parse_quotas(data: bytes, known: dict[str, dict[str, int]]) -> list[tuple[str, str, int, int]]:
    """(category, value, min, max) rows of a `category,feature,min,max` CSV.

    `known` is the pool's {category: {value: count}}: other categories or values
    are refused, line by line.
    """
    reader = _reader(data, max_rows=MAX_QUOTA_ROWS, rows_name=_("quotas"))
    header = set(reader.header)
    missing = {"category", "feature", "min", "max"} - header
    if missing:
        raise ValidationError(
            _("Colonnes manquantes : %(columns)s.") % {"columns": ", ".join(sorted(missing))}
        )
    errors: list[str] = []
    rows: list[tuple[str, str, int, int]] = []
    seen: set[tuple[str, str]] = set()
    for line, row in _rows(reader):
        if isinstance(row, str):
            errors.append(row)
            continue
        category, value = row.get("category", ""), row.get("feature", "")
        if category not in known:
            errors.append(
                _("Ligne %(line)d : catégorie « %(category)s » absente du vivier.")
                % {"line": line, "category": category}
            )
            continue
        if value not in known[category]:
            errors.append(
                _("Ligne %(line)d : valeur « %(value)s » absente du vivier pour « %(category)s ».")
                % {"line": line, "value": value, "category": category}
            )
            continue
        if (category, value) in seen:
            errors.append(
                _("Ligne %(line)d : quota « %(category)s = %(value)s » en double.")
                % {"line": line, "category": category, "value": value}
            )
            continue
        seen.add((category, value))
        try:
            low, high = int(row.get("min", "")), int(row.get("max", ""))
        except ValueError:
            errors.append(
                _("Ligne %(line)d : min et max doivent être des nombres entiers.") % {"line": line}
            )
            continue
        if low < 0 or high < low:
            errors.append(
                _("Ligne %(line)d : il faut 0 ≤ min ≤ max (ici %(min)d et %(max)d).")
                % {"line": line, "min": low, "max": high}
            )
            continue
        rows.append((category, value, low, high))
    if errors:
        _raise(errors)
    if not rows:
        raise ValidationError(_("Le fichier ne contient aucun quota."))
    return rows


MAX_CONTACT_LENGTH = 300  # Invitation.contact
CONTACT_COLUMNS = ("adresse", "address", "telephone", "téléphone", "phone", "contact")


def normalise_contact(value: str, *, phone: bool) -> str:
    """One spelling per contact, so the same address or number is caught twice."""
    if phone:
        return "".join(c for c in value if c.isdigit() or c == "+")
    return " ".join(value.split())


def parse_contacts(data: bytes, *, phone: bool) -> list[str]:
    """Contacts of an invitation batch: the `adresse`/`telephone` column, or the only one."""
    reader = _reader(data, max_rows=MAX_ROWS, rows_name=_("invitations"))
    header = reader.header
    lowered = {h.casefold(): h for h in header}
    column = next((lowered[c] for c in CONTACT_COLUMNS if c in lowered), None)
    if column is None and len(header) == 1:
        column = header[0]
    if column is None:
        raise ValidationError(_("Le fichier doit avoir une colonne « adresse » ou « telephone »."))
    errors: list[str] = []
    contacts: list[str] = []
    seen: dict[str, int] = {}
    for line, row in _rows(reader):
        if isinstance(row, str):
            errors.append(row)
            continue
        value = normalise_contact(row.get(column, ""), phone=phone)
        if not value:
            continue
        if len(value) > MAX_CONTACT_LENGTH:
            errors.append(
                _("Ligne %(line)d : plus de %(max)d caractères.")
                % {"line": line, "max": MAX_CONTACT_LENGTH}
            )
            continue
        if phone and len(value.lstrip("+")) < 10:
            errors.append(
                _("Ligne %(line)d : « %(value)s » n'est pas un numéro de téléphone.")
                % {"line": line, "value": value}
            )
            continue
        if value.casefold() in seen:
            errors.append(
                _("Ligne %(line)d : déjà présent ligne %(first)d.")
                % {"line": line, "first": seen[value.casefold()]}
            )
            continue
        seen[value.casefold()] = line
        contacts.append(value)
    if errors:
        _raise(errors)
    if not contacts:
        raise ValidationError(_("Le fichier ne contient aucune adresse ni aucun numéro."))
    return contacts
