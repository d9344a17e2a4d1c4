"""Framing rules: stated fields, OECD methods, budget, guarantor."""

from __future__ import annotations

from datetime import date
from typing import Any

from concerto.engines.quality.description import Method, ProcessDescription
from concerto.engines.quality.french import euros, join_and, join_nor, quote
from concerto.engines.quality.registry import Param, Params, method_codes, positive_int, rule_kind
from concerto.engines.quality.results import Outcome, Status

# The description fields a `stated` criterion may require, with the French
# noun phrase that names each one in explanations.
STATED_FIELD_LABELS: dict[str, str] = {
    "title": "le titre",
    "decision_at_stake": "la décision en jeu",
    "decision_maker": "qui prend la décision",
    "sponsor": "le commanditaire",
    "negotiable": "ce qui est ouvert à la discussion",
    "non_negotiable": "ce qui reste hors discussion",
    "alternatives": "les alternatives envisagées",
    "publics_concerned": "les publics concernés",
    "offline_reach": "comment sont associées les personnes qui ne vont pas en ligne",
    "target_participants": "le nombre de participants visé",
    "guarantor": "le garant",
    "evaluation_plan": "comment le dispositif sera évalué",
}


def stated_fields(value: Any) -> tuple[str, ...]:
    """Converter for the `fields` parameter: a non-empty list of known field names."""
    if not isinstance(value, list | tuple) or not value:
        raise ValueError(f"expected a non-empty list of field names, got {value!r}")
    unknown = [name for name in value if name not in STATED_FIELD_LABELS]
    if unknown:
        known = ", ".join(STATED_FIELD_LABELS)
        raise ValueError(f"unknown field(s) {unknown!r} (known: {known})")
    return tuple(value)


def is_stated(value: object) -> bool:
    """Text counts when not blank; a number when it is positive (a target of 0 says nothing)."""
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, int):
        return value > 0
    return value is not None


@rule_kind("stated", fields=Param(stated_fields))
def stated(description: ProcessDescription, params: Params, today: date) -> Outcome:
    """Every field listed in `fields` is stated (see `is_stated`).

    MET: all are stated. AT_RISK: some are. MISSING: none is.
    """
    present = [name for name in params["fields"] if is_stated(getattr(description, name))]
    absent = [name for name in params["fields"] if name not in present]
    said = join_and([STATED_FIELD_LABELS[name] for name in present])
    unsaid = join_nor([STATED_FIELD_LABELS[name] for name in absent])
    if not absent:
        return Outcome(Status.MET, f"La description précise {said}.")
    if not present:
        return Outcome(Status.MISSING, f"La description ne précise pas {unsaid}.")
    return Outcome(Status.AT_RISK, f"La description précise {said}, mais pas {unsaid}.")


def _unique(codes: tuple[str, ...]) -> list[str]:
    return list(dict.fromkeys(code.strip() for code in codes if code.strip()))


@rule_kind("methods", min_methods=Param(positive_int, default=1))
def methods(description: ProcessDescription, params: Params, today: date) -> Outcome:
    """At least `min_methods` of the OECD's eight methods are chosen.

    MET: enough distinct known methods and no unknown code.
    AT_RISK: an unknown method code, or too few methods.
    MISSING: no method at all.
    """
    codes = _unique(description.methods)
    if not codes:
        return Outcome(Status.MISSING, "Aucune des huit méthodes de l'OCDE n'est choisie.")
    known_codes = {method.value for method in Method}
    known = [Method(code).label for code in codes if code in known_codes]
    unknown = [quote(code) for code in codes if code not in known_codes]
    word = "Méthode choisie" if len(known) == 1 else "Méthodes choisies"
    chosen = f"{word} : {', '.join(known)}." if known else "Aucune méthode reconnue."
    minimum = params["min_methods"]
    problems = []
    if unknown:
        problems.append(
            f"{'Méthode inconnue' if len(unknown) == 1 else 'Méthodes inconnues'} :"
            f" {', '.join(unknown)} ; choisir parmi les huit méthodes de l'OCDE."
        )
    if known and len(known) < minimum:
        problems.append(f"Il en faut au moins {minimum}.")
    if problems:
        return Outcome(Status.AT_RISK, " ".join([chosen, *problems]))
    return Outcome(Status.MET, chosen)


@rule_kind("budget")
def budget(description: ProcessDescription, params: Params, today: date) -> Outcome:
    """A budget is stated.

    MET: a positive amount. AT_RISK: zero or a negative amount. MISSING: unset.
    """
    amount = description.budget_amount
    if amount is None:
        return Outcome(Status.MISSING, "Le budget n'est pas renseigné.")
    if amount < 0:
        return Outcome(
            Status.AT_RISK, f"Le budget indiqué ({euros(amount)}) est négatif : montant incohérent."
        )
    if amount == 0:
        return Outcome(
            Status.AT_RISK,
            "Le budget indiqué est nul : les moyens du dispositif (équipe, prestataires,"
            " communication, animation hors ligne) ne sont pas chiffrés.",
        )
    return Outcome(Status.MET, f"Budget prévu : {euros(amount)}.")


@rule_kind("guarantor", required_for_methods=Param(method_codes))
def guarantor(description: ProcessDescription, params: Params, today: date) -> Outcome:
    """A guarantor is named when one of the chosen methods requires one.

    MET: a guarantor is named, or none of the chosen methods is listed in
        `required_for_methods`.
    MISSING: no guarantor while a chosen method requires one.
    Never AT_RISK.
    """
    if is_stated(description.guarantor):
        return Outcome(Status.MET, f"Garant désigné : {quote(description.guarantor)}.")
    requiring = [
        quote(Method(code).label)
        for code in _unique(description.methods)
        if code in params["required_for_methods"]
    ]
    if not requiring:
        reason = (
            "les méthodes choisies n'en exigent pas"
            if description.methods
            else ("aucune méthode choisie n'en exige")
        )
        return Outcome(Status.MET, f"Aucun garant n'est désigné ; {reason}.")
    subject = "la méthode" if len(requiring) == 1 else "les méthodes"
    verb = "en demande" if len(requiring) == 1 else "en demandent"
    return Outcome(
        Status.MISSING,
        f"Aucun garant n'est désigné alors que {subject} {join_and(requiring)} {verb} un.",
    )
