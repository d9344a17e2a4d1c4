"""Accent- and case-insensitive matching, the same on SQLite and PostgreSQL.

People type "renovation", "RÉNOVATION" or "energie" and expect the processes about
"rénovation énergétique". Neither database folds accents in a plain `icontains`
(SQLite does not even fold the case of "É"), and PostgreSQL's `unaccent` needs an
extension that a managed server may refuse. So text is folded by one table of
French letters, applied in Python (`fold`) and in SQL (`Folded`): PostgreSQL with
`translate()` and `replace()` for the ligatures, SQLite with the same Python
function registered on each connection. Both give exactly the same folded text.
"""

from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.db.backends.signals import connection_created
from django.db.models import CharField, F, Func, Q, QuerySet

# Upper case first, then lower case: every letter maps to a plain lower-case one.
ACCENTED = "ÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸàâäáãåçéèêëíìîïñóòôöõúùûüýÿ"
PLAIN = "aaaaaaceeeeiiiinooooouuuuyyaaaaaaceeeeiiiinooooouuuuyy"
LIGATURES = {"Œ": "oe", "œ": "oe", "Æ": "ae", "æ": "ae"}
ASCII_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ASCII_LOWER = "abcdefghijklmnopqrstuvwxyz"
_TABLE = str.maketrans(ACCENTED + ASCII_UPPER, PLAIN + ASCII_LOWER)
SQLITE_FUNCTION = "concerto_fold"


def fold(text: str | None) -> str:
    """`text` without accents and in lower case, as the database folds it."""
    if text is None:
        return ""
    for ligature, plain in LIGATURES.items():
        text = text.replace(ligature, plain)
    return text.translate(_TABLE)


class Folded(Func):
    """A text expression folded in the database exactly as `fold` folds it in Python.

    Case is folded by the same table rather than by `lower()`, whose result
    depends on the server's locale (a "C" locale leaves "É" alone)."""

    output_field = CharField()
    arity = 1

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function=SQLITE_FUNCTION, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        for ligature, plain in LIGATURES.items():
            sql, params = f"replace({sql}, %s, %s)", [*params, ligature, plain]
        sql = f"translate(COALESCE({sql}, ''), %s, %s)"
        return sql, [*params, ACCENTED + ASCII_UPPER, PLAIN + ASCII_LOWER]


def _register_on_sqlite(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 1, fold, deterministic=True)


def register() -> None:
    """Give every new SQLite connection the folding function (called once at start-up)."""
    connection_created.connect(_register_on_sqlite, dispatch_uid="concerto.folding")


def french_order(field: str) -> list:
    """ORDER BY as a French reader sorts names: accents and case set aside first
    (« Économie » between « Droit » and « Emploi », « âge » first among a, b…), then the
    exact text to break ties. The same on both databases, unlike their collations."""
    return [Folded(field).asc(), F(field).asc()]


def french_sort_key(text: str | None) -> tuple[str, str]:
    """The same order for lists sorted in Python."""
    return fold(text), text or ""


def matching_words(queryset: QuerySet, query: str, fields: Iterable[str]) -> QuerySet:
    """`queryset` narrowed to the rows where every word of `query` is found, accents and
    case aside, in one of `fields` (a staff list's search box)."""
    words = fold(query).split()
    if not words:
        return queryset
    names = {f"folded_{i}": Folded(field) for i, field in enumerate(fields)}
    queryset = queryset.annotate(**names)
    for word in words:
        found = (Q(**{f"{name}__contains": word}) for name in names)
        queryset = queryset.filter(reduce(or_, found))
    return queryset
