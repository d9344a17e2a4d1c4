"""The quality grid's findings in the reader's words.

The grid engine says why a criterion is met or not as findings, codes and values
(`engines/quality/findings.py`); a referral version stores those, and they become
sentences only here, at display time, through gettext. A criterion's explanation is
its findings' sentences, one after the other.

Versions frozen before the engine spoke codes stored the French sentence itself
(`"explanation"`): it is shown as it is.
"""

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from concerto.engines.quality import CriterionResult, Finding, Method, Status

NBSP = "\u00a0"
# French typography groups thousands with a narrow no-break space (CLDR "fr").
NARROW_NBSP = "\u202f"

METHOD_LABELS: Mapping[str, Any] = {
    Method.INFORMATION: gettext_lazy("information et données"),
    Method.OPEN_MEETINGS: gettext_lazy("réunions ouvertes"),
    Method.PUBLIC_CONSULTATION: gettext_lazy("consultation publique"),
    Method.OPEN_INNOVATION: gettext_lazy("innovation ouverte"),
    Method.CITIZEN_SCIENCE: gettext_lazy("science citoyenne"),
    Method.CIVIC_MONITORING: gettext_lazy("suivi citoyen"),
    Method.PARTICIPATORY_BUDGETING: gettext_lazy("budget participatif"),
    Method.DELIBERATIVE: gettext_lazy("processus délibératif représentatif"),
}

# The OECD methods as form choices, capitalised: ("deliberative", "Processus …").
METHOD_CHOICES = [(method.value, capfirst(METHOD_LABELS[method])) for method in Method]

STATUS_LABELS: Mapping[str, Any] = {
    Status.MET: gettext_lazy("Satisfait"),
    Status.AT_RISK: gettext_lazy("À risque"),
    Status.MISSING: gettext_lazy("Manquant"),
}

# The description fields a criterion may find stated or not, as noun phrases.
FIELD_LABELS: Mapping[str, Any] = {
    "title": gettext_lazy("le titre"),
    "decision_at_stake": gettext_lazy("la décision en jeu"),
    "decision_maker": gettext_lazy("qui prend la décision"),
    "sponsor": gettext_lazy("le commanditaire"),
    "negotiable": gettext_lazy("ce qui est ouvert à la discussion"),
    "non_negotiable": gettext_lazy("ce qui reste hors discussion"),
    "alternatives": gettext_lazy("les alternatives envisagées"),
    "publics_concerned": gettext_lazy("les publics concernés"),
    "offline_reach": gettext_lazy("comment sont associées les personnes qui ne vont pas en ligne"),
    "target_participants": gettext_lazy("le nombre de participants visé"),
    "guarantor": gettext_lazy("le garant"),
    "evaluation_plan": gettext_lazy("comment le dispositif sera évalué"),
}

DATE_LABELS: Mapping[str, Any] = {
    "participation_start": gettext_lazy("début de participation"),
    "participation_end": gettext_lazy("fin de participation"),
    "decision": gettext_lazy("décision"),
}

COMMITMENT_PART_LABELS: Mapping[str, Any] = {
    "what": gettext_lazy("ce qui sera répondu"),
    "who": gettext_lazy("qui répond"),
    "channel": gettext_lazy("par quel canal"),
    "due_date": gettext_lazy("à quelle date"),
}


# French formatting of the values: dates, days, amounts, lists, quotes.


def fmt_date(value: str) -> str:
    """An ISO date as dd/mm/yyyy, the form French users read."""
    return date.fromisoformat(value).strftime("%d/%m/%Y")


def days(count: int) -> str:
    """'1 jour', '0 jour', '3 jours'."""
    return ngettext("%(count)s jour", "%(count)s jours", count) % {"count": count}


def quote(text: str) -> str:
    """Quote user text with French guillemets and no-break spaces inside."""
    return f"«{NBSP}{text.strip()}{NBSP}»"


def join_and(items: Sequence[str]) -> str:
    """'a', 'a et b', 'a, b et c'."""
    if len(items) < 2:
        return "".join(items)
    return _("%(items)s et %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def join_nor(items: Sequence[str]) -> str:
    """For a negative clause: 'a', 'a ni b', 'a, b ni c'."""
    if len(items) < 2:
        return "".join(items)
    return _("%(items)s ni %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def euros(amount: str) -> str:
    """'45 000 €', '1 250,50 €', '-500 €' with French separators."""
    cents = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if cents < 0 else ""
    whole, _point, fraction = f"{abs(cents):.2f}".partition(".")
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = NARROW_NBSP.join(groups)
    if fraction != "00":
        text += "," + fraction
    return f"{sign}{text}{NBSP}€"


def _method(code: str) -> str:
    return str(METHOD_LABELS[code])


def _fields(names: Sequence[str]) -> list[str]:
    return [str(FIELD_LABELS[name]) for name in names]


def _worded_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """The values a sentence cites, in words: dates as dd/mm/yyyy, numbers of days with
    their unit, an amount in euros, a method by its name, a guarantor quoted."""
    worded = dict(values)
    for name, value in values.items():
        if name in ("start", "end", "decision", "follow_up"):
            worded[name] = fmt_date(value)
        elif name in ("days", "min_days", "max_days"):
            worded[name] = days(value)
        elif name == "amount":
            worded[name] = euros(value)
        elif name == "method":
            worded[name] = quote(_method(value))
        elif name == "guarantor":
            worded[name] = quote(value)
    return worded


# The findings worded by one sentence, whose values `_worded_values` puts into words.
SENTENCES: Mapping[str, Any] = {
    # Calendar.
    "decision_before_end": gettext_lazy(
        "La participation se termine le %(end)s, %(days)s après la décision du %(decision)s : "
        "elle ne peut plus l'influencer."
    ),
    "ends_on_decision_day": gettext_lazy(
        "La participation se termine le jour même de la décision (%(decision)s) : il faut au "
        "moins %(min_days)s pour répondre."
    ),
    "answer_time_short": gettext_lazy(
        "La participation se termine le %(end)s, %(days)s avant la décision du %(decision)s : "
        "moins que les %(min_days)s nécessaires pour répondre."
    ),
    "answer_time_met": gettext_lazy(
        "La participation se termine le %(end)s, %(days)s avant la décision du %(decision)s : "
        "les %(min_days)s nécessaires pour répondre sont prévus."
    ),
    "ends_before_start": gettext_lazy(
        "La participation se termine le %(end)s, avant de commencer le %(start)s : le "
        "calendrier est incohérent."
    ),
    "duration_short": gettext_lazy(
        "La participation dure %(days)s (du %(start)s au %(end)s), moins que les %(min_days)s "
        "attendus."
    ),
    "duration_short_for_method": gettext_lazy(
        "La participation dure %(days)s (du %(start)s au %(end)s), moins que les %(min_days)s "
        "attendus pour la méthode %(method)s."
    ),
    "duration_met": gettext_lazy(
        "La participation dure %(days)s (du %(start)s au %(end)s) : au moins les %(min_days)s "
        "attendus."
    ),
    "started_before_review": gettext_lazy(
        "La participation a commencé le %(start)s, avant l'avis du CIPC : il doit être saisi au "
        "moins %(min_days)s avant le lancement."
    ),
    # Devoir de suite.
    "follow_up_date_missing": gettext_lazy(
        "Aucune date n'est fixée pour rendre compte aux participants (devoir de suite)."
    ),
    "follow_up_end_unknown": gettext_lazy(
        "La date de fin de participation n'est pas renseignée : impossible de vérifier que la "
        "suite est rendue après la participation."
    ),
    "follow_up_before_end": gettext_lazy(
        "Le devoir de suite est fixé au %(follow_up)s, avant la fin de la participation le "
        "%(end)s : les contributions ne seront pas toutes reçues."
    ),
    "follow_up_on_end": gettext_lazy(
        "Le devoir de suite est fixé au %(follow_up)s, le jour même de la fin de la "
        "participation : aucun temps n'est laissé pour analyser les contributions."
    ),
    "follow_up_long_after_end": gettext_lazy(
        "Le devoir de suite est fixé au %(follow_up)s, %(days)s après la fin de la "
        "participation le %(end)s : plus que les %(max_days)s admis."
    ),
    "follow_up_decision_unknown": gettext_lazy(
        "La date de décision n'est pas renseignée : impossible de vérifier que la suite est "
        "rendue au plus tard à la décision."
    ),
    "follow_up_after_decision": gettext_lazy(
        "Le devoir de suite est fixé au %(follow_up)s, %(days)s après la décision du "
        "%(decision)s : les participants doivent savoir ce qui a été retenu au plus tard au "
        "moment de la décision."
    ),
    "follow_up_date_met": gettext_lazy(
        "Le devoir de suite est fixé au %(follow_up)s, %(days)s après la fin de la "
        "participation (%(end)s) et au plus tard à la date de décision (%(decision)s)."
    ),
    "commitments_none": gettext_lazy(
        "Aucun engagement de suite n'est pris envers les participants."
    ),
    # Only said of two commitments or more: a single incomplete one says it alone.
    "commitments_none_complete": gettext_lazy(
        "Aucun des %(total)s engagements de suite n'est complet."
    ),
    # Framing.
    "methods_none": gettext_lazy("Aucune des huit méthodes de l'OCDE n'est choisie."),
    "methods_none_known": gettext_lazy("Aucune méthode reconnue."),
    "methods_too_few": gettext_lazy("Il en faut au moins %(minimum)s."),
    "budget_missing": gettext_lazy("Le budget n'est pas renseigné."),
    "budget_negative": gettext_lazy(
        "Le budget indiqué (%(amount)s) est négatif : montant incohérent."
    ),
    "budget_zero": gettext_lazy(
        "Le budget indiqué est nul : les moyens du dispositif (équipe, prestataires, "
        "communication, animation hors ligne) ne sont pas chiffrés."
    ),
    "budget_met": gettext_lazy("Budget prévu : %(amount)s."),
    "guarantor_named": gettext_lazy("Garant désigné : %(guarantor)s."),
    "guarantor_not_required": gettext_lazy(
        "Aucun garant n'est désigné ; les méthodes choisies n'en exigent pas."
    ),
    "guarantor_no_method": gettext_lazy(
        "Aucun garant n'est désigné ; aucune méthode choisie n'en exige."
    ),
    # Information.
    "sources_none": gettext_lazy("Aucune source n'est prévue pour le dossier d'information."),
}


# The findings whose sentence depends on a count or joins a list: one function each.


def _dates_missing(values: Mapping[str, Any]) -> str:
    first, *others = [str(DATE_LABELS[code]) for code in values["dates"]]
    # "Les dates de fin de participation et de décision": "de" again before each other date.
    named = join_and([first, *(_("de %(date)s") % {"date": other} for other in others)])
    return ngettext(
        "La date de %(dates)s n'est pas renseignée.",
        "Les dates de %(dates)s ne sont pas renseignées.",
        len(values["dates"]),
    ) % {"dates": named}


def _when(values: Mapping[str, Any]) -> dict[str, Any]:
    """The lead time's values, with `when`: today, or in how many days."""
    lead = values["days"]
    when = _("aujourd'hui") if lead == 0 else _("dans %(days)s") % {"days": days(lead)}
    return {**_worded_values(values), "when": when}


def _lead_time_short(values: Mapping[str, Any]) -> str:
    return _(
        "La participation commence le %(start)s, %(when)s : moins que les %(min_days)s "
        "nécessaires à l'examen du CIPC."
    ) % _when(values)


def _lead_time_met(values: Mapping[str, Any]) -> str:
    return _(
        "La participation commence le %(start)s, %(when)s : le CIPC dispose des %(min_days)s "
        "nécessaires à son examen."
    ) % _when(values)


def _commitments_complete(values: Mapping[str, Any]) -> str:
    return ngettext(
        "%(count)s engagement de suite sur %(total)s précise ce qui sera répondu, qui "
        "répond, par quel canal et à quelle date.",
        "%(count)s engagements de suite sur %(total)s précisent ce qui sera répondu, qui "
        "répond, par quel canal et à quelle date.",
        values["complete"],
    ) % {"count": values["complete"], "total": values["total"]}


def _commitments_too_few_complete(values: Mapping[str, Any]) -> str:
    return ngettext(
        "%(count)s engagement de suite complet sur %(total)s : il en faut au moins %(minimum)s.",
        "%(count)s engagements de suite complets sur %(total)s : il en faut au moins %(minimum)s.",
        values["complete"],
    ) % {"count": values["complete"], "total": values["total"], "minimum": values["minimum"]}


def _commitment_incomplete(values: Mapping[str, Any]) -> str:
    worded = {
        "number": values["number"],
        "what": quote(values["what"]),
        "missing": join_nor([str(COMMITMENT_PART_LABELS[part]) for part in values["missing"]]),
    }
    # After "n°", a no-break space (U+00A0), written as it is so that gettext finds it.
    if values["what"]:
        return _("L'engagement n° %(number)s (%(what)s) ne précise pas %(missing)s.") % worded
    return _("L'engagement n° %(number)s ne précise pas %(missing)s.") % worded


def _stated_all(values: Mapping[str, Any]) -> str:
    return _("La description précise %(fields)s.") % {"fields": join_and(_fields(values["fields"]))}


def _stated_none(values: Mapping[str, Any]) -> str:
    return _("La description ne précise pas %(fields)s.") % {
        "fields": join_nor(_fields(values["fields"]))
    }


def _stated_some(values: Mapping[str, Any]) -> str:
    return _("La description précise %(present)s, mais pas %(absent)s.") % {
        "present": join_and(_fields(values["present"])),
        "absent": join_nor(_fields(values["absent"])),
    }


def _methods_chosen(values: Mapping[str, Any]) -> str:
    methods = values["methods"]
    return ngettext(
        "Méthode choisie : %(methods)s.", "Méthodes choisies : %(methods)s.", len(methods)
    ) % {"methods": ", ".join(_method(code) for code in methods)}


def _methods_unknown(values: Mapping[str, Any]) -> str:
    codes = values["codes"]
    return ngettext(
        "Méthode inconnue : %(codes)s ; choisir parmi les huit méthodes de l'OCDE.",
        "Méthodes inconnues : %(codes)s ; choisir parmi les huit méthodes de l'OCDE.",
        len(codes),
    ) % {"codes": ", ".join(quote(code) for code in codes)}


def _guarantor_required(values: Mapping[str, Any]) -> str:
    methods = values["methods"]
    return ngettext(
        "Aucun garant n'est désigné alors que la méthode %(methods)s en demande un.",
        "Aucun garant n'est désigné alors que les méthodes %(methods)s en demandent un.",
        len(methods),
    ) % {"methods": join_and([quote(_method(code)) for code in methods])}


def _information_summary(values: Mapping[str, Any]) -> str:
    count = values["sources"]
    sources = ngettext("%(count)s source prévue", "%(count)s sources prévues", count) % {
        "count": count
    }
    viewpoints = values["viewpoints"]
    if not viewpoints:
        return _("%(sources)s, sans point de vue indiqué") % {"sources": sources}
    return ngettext(
        "%(sources)s, %(count)s point de vue (%(labels)s)",
        "%(sources)s, %(count)s points de vue (%(labels)s)",
        len(viewpoints),
    ) % {
        "sources": sources,
        "count": len(viewpoints),
        "labels": ", ".join(quote(label) for label in viewpoints),
    }


def _information_plural(values: Mapping[str, Any]) -> str:
    return _("%(summary)s : l'information est plurielle et contradictoire.") % {
        "summary": _information_summary(values)
    }


def _information_short(values: Mapping[str, Any]) -> str:
    needs = []
    if (count := values["min_sources"]) is not None:
        needs.append(
            ngettext("au moins %(count)s source", "au moins %(count)s sources", count)
            % {"count": count}
        )
    if (count := values["min_viewpoints"]) is not None:
        needs.append(
            ngettext("au moins %(count)s point de vue", "au moins %(count)s points de vue", count)
            % {"count": count}
        )
    return _(
        "%(summary)s : il faut %(needs)s pour une information plurielle et contradictoire."
    ) % {"summary": _information_summary(values), "needs": join_and(needs)}


COMPOSED: Mapping[str, Callable[[Mapping[str, Any]], str]] = {
    "dates_missing": _dates_missing,
    "lead_time_short": _lead_time_short,
    "lead_time_met": _lead_time_met,
    "commitments_complete": _commitments_complete,
    "commitments_too_few_complete": _commitments_too_few_complete,
    "commitment_incomplete": _commitment_incomplete,
    "stated_all": _stated_all,
    "stated_none": _stated_none,
    "stated_some": _stated_some,
    "methods_chosen": _methods_chosen,
    "methods_unknown": _methods_unknown,
    "guarantor_required": _guarantor_required,
    "information_plural": _information_plural,
    "information_short": _information_short,
}

# Every code the wording knows (tests/processes/test_quality_words.py checks it knows
# every code of the engine).
WORDED = frozenset(SENTENCES) | frozenset(COMPOSED)


def words(finding: Finding | Mapping[str, Any]) -> str:
    """One finding, engine-made or stored (`Finding.to_json`), as a sentence."""
    if not isinstance(finding, Finding):
        finding = Finding.from_json(finding)
    if finding.code in COMPOSED:
        return COMPOSED[finding.code](finding.values)
    return str(SENTENCES[finding.code]) % _worded_values(finding.values)


def explanation(result: CriterionResult | Mapping[str, Any]) -> str:
    """Why a criterion got its status: its findings' sentences, one after the other.

    `result` is the engine's `CriterionResult` or one stored in a version's pre-check
    (`GridResult.as_dict`); a stored one from before findings carries its sentence.
    """
    if isinstance(result, CriterionResult):
        return " ".join(words(finding) for finding in result.findings)
    if "findings" not in result:
        return result["explanation"]
    return " ".join(words(finding) for finding in result["findings"])


def status_label(status: str) -> str:
    """'Satisfait', 'À risque' or 'Manquant'."""
    return str(STATUS_LABELS[Status(status)])
