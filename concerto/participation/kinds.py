"""The registry of module kinds: each kind describes itself from its own package.

In the spirit of Decidim's component manifests, the participation core keeps no list of
kinds. A kind's package defines a `ModuleKindSpec` in its `kind.py` and registers it from
its app's `ready()`; the core asks the registry for the label, the public page, the
organisers' page and what counts as participation. Adding a kind therefore needs its
package, its line in INSTALLED_APPS and its URLs, nothing else (no core migration either:
`Module.kind` is checked against the registry, not against fixed choices).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ModuleKindSpec:
    code: str  # stored in Module.kind (20 characters at most)
    label: str | Promise
    # The URL namespace whose `module` page (slug, module_id) citizens open.
    namespace: str
    # Place in the organisers' list of kinds.
    position: int
    # The organisers' page of a module of this kind: URL name, how it is addressed
    # ("workspace": pk and module_id; "public": slug and module_id), and its link label.
    organiser_url: str = ""
    organiser_address: str = "workspace"
    organiser_label: str | Promise = ""
    # What a contribution that arrived offline (paper, mail, meeting) is in such a module,
    # and which kinds of contribution partners may send it through the API.
    offline_contribution_kind: str = "contribution"
    api_contribution_kinds: frozenset[str] = frozenset({"contribution"})
    # What people left in such a module besides contributions (a module holding any of
    # it is never deleted): each callable counts it for one module.
    participation_counters: tuple[Callable, ...] = field(default=())
    # How the analysis groups this kind's contributions besides a questionnaire's questions:
    # a callable giving, per contribution id, its section (a text's article: key, title,
    # position, and whether it is a suggestion with the citizen's `explanation`).
    analysis_sections: Callable | None = None

    def organiser_page(self, module) -> tuple[str, str] | None:
        if not self.organiser_url:
            return None
        if self.organiser_address == "workspace":
            kwargs = {"pk": module.process_id, "module_id": module.pk}
        else:
            kwargs = {"slug": module.process.slug, "module_id": module.pk}
        return reverse(self.organiser_url, kwargs=kwargs), str(self.organiser_label)


_KINDS: dict[str, ModuleKindSpec] = {}


def register(spec: ModuleKindSpec) -> ModuleKindSpec:
    """Called from the kind's AppConfig.ready(); registering the same spec twice is harmless."""
    known = _KINDS.get(spec.code)
    if known is not None and known != spec:
        raise ImproperlyConfigured(f"Two module kinds use the code {spec.code!r}.")
    if len(spec.code) > 20:
        raise ImproperlyConfigured(f"Module kind code {spec.code!r} is over 20 characters.")
    _KINDS[spec.code] = spec
    return spec


def get(code: str) -> ModuleKindSpec:
    try:
        return _KINDS[code]
    except KeyError:
        raise ImproperlyConfigured(
            f"Module kind {code!r} is not registered: is its app in INSTALLED_APPS?"
        ) from None


def registered() -> list[ModuleKindSpec]:
    return sorted(_KINDS.values(), key=lambda spec: (spec.position, spec.code))


def choices() -> list[tuple[str, str]]:
    return [(spec.code, str(spec.label)) for spec in registered()]


def is_registered(code: str) -> bool:
    return code in _KINDS


def validate_registered(code: str) -> None:
    """Model validation of Module.kind (kept out of the field's choices: no migration)."""
    if code not in _KINDS:
        raise ValidationError(_("Type de module inconnu : %(code)s."), params={"code": code})


class RegisteredChoices:
    """The registered kinds as choices, read each time they are iterated: for fields
    declared when a module is imported (a serializer), before or after registration."""

    def __iter__(self):
        return iter(choices())
