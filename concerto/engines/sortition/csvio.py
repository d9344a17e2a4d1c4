"""Read the CSV format of `../shared/data/sortition/` (Flanigan et al.'s replication data).

- categories: header `category,feature,min,max`, one row per category value.
- respondents: one column per category, an optional `pool_member_identifier`
  column (otherwise the row number, from 1, is the identifier) and, when the
  household rule is used, one or more address columns whose joined values
  identify a household.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from concerto.engines.sortition.model import InvalidInputError, Pool, Quota
from concerto.engines.sortition.reasons import reason

ID_COLUMN = "pool_member_identifier"


def read_quotas(path: str | Path) -> tuple[Quota, ...]:
    """Quotas from a `category,feature,min,max` CSV file."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        missing = {"category", "feature", "min", "max"} - set(reader.fieldnames or ())
        if missing:
            raise InvalidInputError(
                reason("csv_columns_missing", path=str(path), columns=sorted(missing))
            )
        quotas = []
        for line, row in enumerate(reader, start=2):
            try:
                lo, hi = int(row["min"]), int(row["max"])
            except ValueError as exc:
                raise InvalidInputError(
                    reason("csv_not_integer", path=str(path), line=line)
                ) from exc
            quotas.append(Quota(row["category"].strip(), row["feature"].strip(), lo, hi))
    return tuple(quotas)


def read_pool(path: str | Path, household_columns: Sequence[str] = ()) -> Pool:
    """Respondents from a CSV file; every column but the id and address ones is a category."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        header = list(reader.fieldnames or ())
        rows = list(reader)
    missing = [c for c in household_columns if c not in header]
    if missing:
        raise InvalidInputError(
            reason("csv_household_columns_missing", path=str(path), columns=missing)
        )
    categories = tuple(c for c in header if c != ID_COLUMN and c not in household_columns)
    ids = tuple(
        row[ID_COLUMN].strip() if ID_COLUMN in header else str(i)
        for i, row in enumerate(rows, start=1)
    )
    values = tuple(tuple((row[c] or "").strip() for c in categories) for row in rows)
    households = None
    if household_columns:
        households = tuple(
            "|".join((row[c] or "").strip().casefold() for c in household_columns) or None
            for row in rows
        )
    return Pool(ids=ids, categories=categories, values=values, households=households)
