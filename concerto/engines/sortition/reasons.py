"""What the sortition engine has to say about its input, as codes and values.

The engine speaks codes; whoever displays a reason puts it into words. Each code has a
French template here, marked with `gettext_noop` (a local identity: the engine imports
no Django) so that the platform's message catalogue collects it: the platform renders a
reason at display time with `reason.text(gettext)`, in the reader's language, and
stores `reason.to_json()`, never a sentence; the command line prints `reason.text()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


def gettext_noop(message: str) -> str:
    return message


TEXTS = {
    # The input (compiled.py, model.py, csvio.py).
    "category_not_in_pool": gettext_noop("La catégorie « %(category)s » est absente du vivier."),
    "duplicate_quota": gettext_noop("Quota en double pour « %(category)s = %(value)s »."),
    "invalid_quota": gettext_noop(
        "Quota invalide pour « %(category)s = %(value)s » : min %(min)s, max %(max)s."
    ),
    "impossible_panel_size": gettext_noop(
        "Taille de panel %(k)s impossible pour %(pool)s répondants."
    ),
    "value_without_quota": gettext_noop(
        "Le répondant « %(person)s » a la valeur « %(value)s » pour « %(category)s », qui "
        "n'a pas de quota."
    ),
    "unknown_selected": gettext_noop(
        "Personnes déjà sélectionnées inconnues du vivier : %(people)s."
    ),
    "too_many_selected": gettext_noop(
        "Plus de personnes déjà sélectionnées que de places dans le panel."
    ),
    "household_column_missing": gettext_noop(
        "La règle « un par foyer » demande une colonne de foyer."
    ),
    "selected_same_household": gettext_noop(
        "« %(first)s » et « %(second)s », déjà sélectionnés, vivent dans le même foyer."
    ),
    "rows_ids_mismatch": gettext_noop(
        "Le nombre de lignes ne correspond pas au nombre d'identifiants."
    ),
    "duplicate_ids": gettext_noop("Identifiants de répondants en double dans le vivier."),
    "household_per_person": gettext_noop("Un foyer doit être indiqué pour chaque répondant."),
    "csv_columns_missing": gettext_noop("Colonnes manquantes dans %(path)s : %(columns)s."),
    "csv_not_integer": gettext_noop("%(path)s, ligne %(line)s : min et max doivent être entiers."),
    "csv_household_columns_missing": gettext_noop(
        "Colonnes de foyer absentes de %(path)s : %(columns)s."
    ),
    # Why no panel meets the quotas (infeasible.py).
    "selected_above_maximum": gettext_noop(
        "Quota « %(category)s = %(value)s » : les personnes déjà sélectionnées dépassent le "
        "maximum de %(excess)s."
    ),
    "minimum_above_available": gettext_noop(
        "Quota « %(category)s = %(value)s » : minimum de %(min)s mais seulement %(available)s "
        "personne(s) disponible(s) dans le vivier (il en manque %(missing)s)."
    ),
    "minimums_above_seats": gettext_noop(
        "Catégorie « %(category)s » : la somme des minimums (%(total)s) dépasse de %(excess)s "
        "le nombre de places à pourvoir (%(k)s)."
    ),
    "maximums_below_seats": gettext_noop(
        "Catégorie « %(category)s » : les maximums et le vivier ne permettent que %(total)s "
        "membres pour %(k)s places (il en manque %(missing)s)."
    ),
    "households_too_few": gettext_noop(
        "La règle « une personne par foyer » ne laisse que %(capacity)s personnes "
        "sélectionnables pour %(k)s places."
    ),
    "quotas_conflict": gettext_noop(
        "Les quotas de plusieurs catégories sont incompatibles entre eux ; la plus petite "
        "correction possible (%(total)s place(s) au total) serait :"
    ),
    "lower_minimum": gettext_noop(
        "Quota « %(category)s = %(value)s » : abaisser le minimum de %(by)s (de %(old)s à %(new)s)."
    ),
    "raise_maximum": gettext_noop(
        "Quota « %(category)s = %(value)s » : relever le maximum de %(by)s (de %(old)s à %(new)s)."
    ),
    # A published lottery that does not hold (lottery.py).
    "lottery_digest_mismatch": gettext_noop(
        "L'empreinte SHA-256 publiée ne correspond pas aux tickets."
    ),
    "ticket_size": gettext_noop("Ticket %(ticket)s : %(k)s personnes du vivier attendues."),
    "ticket_misses_selected": gettext_noop(
        "Ticket %(ticket)s : une personne déjà sélectionnée manque."
    ),
    "ticket_quota": gettext_noop(
        "Ticket %(ticket)s : %(count)s « %(category)s = %(value)s », hors du quota "
        "[%(min)s, %(max)s]."
    ),
    "ticket_household": gettext_noop("Ticket %(ticket)s : deux personnes du même foyer."),
}


@dataclass(frozen=True)
class Reason:
    code: str
    values: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in TEXTS:
            raise KeyError(f"unknown sortition reason {self.code!r}")

    def text(self, translate: Callable[[str], str] | None = None) -> str:
        """The reason in words: French, or through `translate` (the platform's gettext)."""
        template = TEXTS[self.code]
        return (translate(template) if translate else template) % self.values

    def to_json(self) -> dict:
        return {"code": self.code, "values": dict(self.values)}

    @classmethod
    def from_json(cls, data: dict) -> Reason:
        return cls(data["code"], dict(data.get("values") or {}))


def reason(code: str, **values) -> Reason:
    """`Reason(code, values)`; numbers from numpy become plain ints so the JSON stays plain."""
    return Reason(code, {key: _plain(value) for key, value in values.items()})


def _plain(value):
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        return value.item()
    return value
