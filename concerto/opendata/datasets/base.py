"""A dataset: its TableSchema (typed, constrained, described in French) and its rows."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise

CHUNK_SIZE = 2000


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # TableSchema type: string, integer, number, date, datetime, boolean
    description: str | Promise
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None
    format: str | None = None

    def descriptor(self) -> dict:
        descriptor: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "description": str(self.description),
        }
        if self.format:
            descriptor["format"] = self.format
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.unique:
            constraints["unique"] = True
        if self.enum is not None:
            constraints["enum"] = list(self.enum)
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if self.maximum is not None:
            constraints["maximum"] = self.maximum
        if constraints:
            descriptor["constraints"] = constraints
        return descriptor


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str | Promise
    description: str | Promise
    fields: tuple[Field, ...]
    rows: Callable[[], Iterable[dict]]
    primary_key: tuple[str, ...] = field(default=())

    def schema(self) -> dict:
        schema: dict[str, Any] = {
            "fields": [f.descriptor() for f in self.fields],
            "missingValues": [""],
        }
        if self.primary_key:
            schema["primaryKey"] = list(self.primary_key)
        return schema

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]


def iso(value) -> str | None:
    """ISO 8601: dates as AAAA-MM-JJ, moments in UTC to the second with a Z."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def json_value(value):
    """A row value as JSON: numbers stay numbers, dates become ISO 8601 text."""
    if isinstance(value, datetime | date):
        return iso(value)
    if isinstance(value, Decimal):
        return float(value)
    return value


def csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return iso(value)
    return str(value)


def choices(enum_class) -> tuple[str, ...]:
    return tuple(str(value) for value in enum_class.values)
