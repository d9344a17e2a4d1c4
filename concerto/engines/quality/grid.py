"""Versioned grid definitions: which criteria, with which rule and parameters.

A grid is data, shipped as `grids/<version>.toml` in this package, so the
CIPC can revise titles, thresholds and the list of criteria by adding a new
version, without touching the rules. Versions are "YYYY-N" (year, then the
revision number within that year) and sort in that order; the latest is the
default. A file is validated entirely when loaded: any mistake raises
`GridError` naming the file and the criterion.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

# Imported for its side effect: registering the built-in rule kinds.
import concerto.engines.quality.rules  # noqa: F401
from concerto.engines.quality.registry import Params, get_rule_kind

VERSION_PATTERN = re.compile(r"^(\d{4})-(\d+)$")
_GRID_KEYS = {"version", "title", "criteria"}
_CRITERION_KEYS = {"code", "title", "description", "reference", "rule", "params"}
_REQUIRED_CRITERION_KEYS = _CRITERION_KEYS - {"params"}


class GridError(ValueError):
    """A grid definition is invalid or cannot be found."""


@dataclass(frozen=True)
class Criterion:
    """One criterion of a grid.

    code: stable identifier, kept across versions when the criterion's meaning is kept.
    title, description: French, shown to agents and CIPC advisors.
    reference: the text it comes from (OCDE 2022, CNDP, Charte 2016, CIPC…).
    rule: the registered rule kind that checks it.
    params: that rule's parameters, validated, defaults filled in.
    """

    code: str
    title: str
    description: str
    reference: str
    rule: str
    params: Params


@dataclass(frozen=True)
class Grid:
    """A version of the quality grid: its criteria, in display order."""

    version: str
    title: str
    criteria: tuple[Criterion, ...]

    def criterion(self, code: str) -> Criterion:
        """The criterion `code`; KeyError if this version has none."""
        for criterion in self.criteria:
            if criterion.code == code:
                return criterion
        raise KeyError(code)


def _version_key(version: str) -> tuple[int, int]:
    match = VERSION_PATTERN.match(version)
    if match is None:
        raise GridError(f"invalid grid version {version!r}: expected 'YYYY-N', e.g. '2026-1'")
    return int(match[1]), int(match[2])


def _packaged_grids() -> Traversable:
    return files("concerto.engines.quality").joinpath("grids")


def _grid_files(directory: Traversable) -> dict[str, Traversable]:
    found = {}
    for entry in directory.iterdir():
        stem = entry.name.removesuffix(".toml")
        if entry.name.endswith(".toml") and VERSION_PATTERN.match(stem):
            found[stem] = entry
    return found


def available_versions(directory: Path | None = None) -> tuple[str, ...]:
    """Grid versions shipped in the package (or found in `directory`), oldest first."""
    grids = _grid_files(directory or _packaged_grids())
    return tuple(sorted(grids, key=_version_key))


def load_grid(version: str | None = None, directory: Path | None = None) -> Grid:
    """Load grid `version` (the latest when None) from the package or `directory`.

    Packaged grids are parsed once and cached: they are immutable.
    Raises GridError for an unknown version or an invalid file.
    """
    if directory is None:
        return _load_packaged(version)
    return _load_from(directory, version)


@cache
def _load_packaged(version: str | None) -> Grid:
    return _load_from(_packaged_grids(), version)


def _load_from(directory: Traversable, version: str | None) -> Grid:
    grids = _grid_files(directory)
    if not grids:
        raise GridError(f"no grid file found in {directory}")
    if version is None:
        version = max(grids, key=_version_key)
    if version not in grids:
        known = ", ".join(sorted(grids, key=_version_key))
        raise GridError(f"unknown quality grid version {version!r} (available: {known})")
    grid = load_grid_file(grids[version])
    if grid.version != version:
        raise GridError(
            f"{grids[version].name}: declares version {grid.version!r}, expected {version!r}"
        )
    return grid


def load_grid_file(path: Path | Traversable) -> Grid:
    """Parse and validate one grid file; GridError (naming the file) if invalid."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise GridError(f"{path.name}: cannot read grid file: {error}") from error
    return parse_grid(data, source=path.name)


def parse_grid(data: Mapping[str, Any], source: str = "<grid>") -> Grid:
    """Build a Grid from its parsed form (a TOML document as a dict).

    Raises GridError, prefixed with `source`, on unknown or missing keys,
    duplicate codes, an unknown rule kind or invalid rule parameters.
    """
    unknown = sorted(set(data) - _GRID_KEYS)
    if unknown:
        raise GridError(f"{source}: unknown key(s) {', '.join(unknown)}")
    version, title = data.get("version"), data.get("title")
    if not isinstance(version, str) or not VERSION_PATTERN.match(version):
        raise GridError(f"{source}: 'version' must be a string like '2026-1', got {version!r}")
    if not isinstance(title, str) or not title.strip():
        raise GridError(f"{source}: 'title' must be a non-empty string")
    raw_criteria = data.get("criteria")
    if not isinstance(raw_criteria, list) or not raw_criteria:
        raise GridError(f"{source}: a grid needs a non-empty [[criteria]] list")
    criteria: list[Criterion] = []
    for position, raw in enumerate(raw_criteria, start=1):
        criterion = _parse_criterion(raw, f"{source}, criterion #{position}")
        if any(existing.code == criterion.code for existing in criteria):
            raise GridError(f"{source}: duplicate criterion code {criterion.code!r}")
        criteria.append(criterion)
    return Grid(version=version, title=title, criteria=tuple(criteria))


def _parse_criterion(raw: Any, where: str) -> Criterion:
    if not isinstance(raw, Mapping):
        raise GridError(f"{where}: expected a table, got {raw!r}")
    if isinstance(raw.get("code"), str):
        where = f"{where} ({raw['code']!r})"
    unknown = sorted(set(raw) - _CRITERION_KEYS)
    if unknown:
        raise GridError(f"{where}: unknown key(s) {', '.join(unknown)}")
    for key in sorted(_REQUIRED_CRITERION_KEYS):
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            raise GridError(f"{where}: '{key}' must be a non-empty string")
    try:
        kind = get_rule_kind(raw["rule"])
    except KeyError as error:
        raise GridError(f"{where}: {error.args[0]}") from None
    raw_params = raw.get("params", {})
    if not isinstance(raw_params, Mapping):
        raise GridError(f"{where}: 'params' must be a table, got {raw_params!r}")
    try:
        params = kind.validate(raw_params)
    except ValueError as error:
        raise GridError(f"{where}: {error}") from None
    return Criterion(
        code=raw["code"],
        title=raw["title"],
        description=raw["description"],
        reference=raw["reference"],
        rule=raw["rule"],
        params=params,
    )
