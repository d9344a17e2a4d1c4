"""Registry of rule kinds: the named pure functions a grid's criteria refer to.

A grid file says *which* rule kind checks a criterion and with which
parameters; the code here says *how*. Each kind declares the parameters it
accepts, so a grid file with a typo, a missing parameter or a wrong type is
refused when it is loaded, not when a process is evaluated.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

from concerto.engines.quality.description import Method, ProcessDescription
from concerto.engines.quality.results import Outcome

Params = Mapping[str, Any]
RuleFunction = Callable[[ProcessDescription, Params, date], Outcome]
Converter = Callable[[Any], Any]

_REQUIRED: Any = object()


@dataclass(frozen=True)
class Param:
    """Schema of one rule parameter.

    convert: checks a raw value read from the grid file and returns the value
        rules receive (e.g. a list becomes a tuple); raises ValueError saying
        what was expected.
    default: used when the grid file omits the parameter; no default means
        the parameter is required.
    """

    convert: Converter
    default: Any = _REQUIRED

    @property
    def required(self) -> bool:
        return self.default is _REQUIRED


@dataclass(frozen=True)
class RuleKind:
    """A registered rule: its name in grid files, its function, its parameters."""

    name: str
    function: RuleFunction
    params: Mapping[str, Param]

    def validate(self, raw: Mapping[str, Any]) -> Params:
        """Return the parameters rules will receive: converted, defaults filled in.

        Raises ValueError on an unknown, missing or ill-typed parameter.
        """
        unknown = sorted(set(raw) - set(self.params))
        if unknown:
            raise ValueError(
                f"unknown parameter(s) {', '.join(unknown)} for rule '{self.name}'"
                f" (accepted: {', '.join(sorted(self.params)) or 'none'})"
            )
        values: dict[str, Any] = {}
        for name, param in self.params.items():
            if name not in raw:
                if param.required:
                    raise ValueError(f"missing parameter '{name}' for rule '{self.name}'")
                values[name] = param.default
                continue
            try:
                values[name] = param.convert(raw[name])
            except (TypeError, ValueError) as error:
                raise ValueError(f"parameter '{name}' of rule '{self.name}': {error}") from error
        return MappingProxyType(values)


_RULE_KINDS: dict[str, RuleKind] = {}


def rule_kind(name: str, **params: Param) -> Callable[[RuleFunction], RuleFunction]:
    """Register the decorated function as rule kind `name` with these parameters."""

    def register(function: RuleFunction) -> RuleFunction:
        if name in _RULE_KINDS:
            raise ValueError(f"rule kind '{name}' is already registered")
        _RULE_KINDS[name] = RuleKind(name, function, MappingProxyType(dict(params)))
        return function

    return register


def get_rule_kind(name: str) -> RuleKind:
    """The registered rule kind `name`; KeyError (listing known kinds) if none."""
    try:
        return _RULE_KINDS[name]
    except KeyError:
        known = ", ".join(sorted(_RULE_KINDS))
        raise KeyError(f"unknown rule kind '{name}' (known: {known})") from None


def rule_kinds() -> tuple[str, ...]:
    """Names of all registered rule kinds, sorted."""
    return tuple(sorted(_RULE_KINDS))


# Converters shared by several rule kinds.


def non_negative_int(value: Any) -> int:
    # bool is an int subclass: "true" in a grid file is a typo, not 1.
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"expected a non-negative integer, got {value!r}")
    return value


def positive_int(value: Any) -> int:
    number = non_negative_int(value)
    if number == 0:
        raise ValueError("expected a positive integer, got 0")
    return number


def method_codes(value: Any) -> tuple[str, ...]:
    """A list of OECD method codes (see `Method`)."""
    if not isinstance(value, list | tuple):
        raise ValueError(f"expected a list of method codes, got {value!r}")
    known = {method.value for method in Method}
    unknown = [code for code in value if code not in known]
    if unknown:
        raise ValueError(f"unknown method code(s) {unknown!r} (known: {', '.join(sorted(known))})")
    return tuple(value)


def days_by_method(value: Any) -> Mapping[str, int]:
    """A table {method code: number of days}."""
    if not isinstance(value, Mapping):
        raise ValueError(f"expected a table of method code = days, got {value!r}")
    method_codes(list(value))
    return MappingProxyType({code: non_negative_int(days) for code, days in value.items()})
