"""Framing, publics, method, information and resources criteria."""

from decimal import Decimal

import pytest

from concerto.engines.quality import InformationSource, Status
from concerto.processes.quality_words import explanation as explain

NBSP = "\u00a0"


def q(text: str) -> str:
    return f"«{NBSP}{text}{NBSP}»"


# (criterion code, the fields it requires) for every `stated` criterion of grid 2026-1.
STATED_CRITERIA = [
    ("decision-stated", ("decision_at_stake", "decision_maker", "sponsor")),
    ("negotiable-stated", ("negotiable", "non_negotiable")),
    ("alternatives-stated", ("alternatives",)),
    ("publics-stated", ("publics_concerned", "target_participants")),
    ("offline-reach", ("offline_reach",)),
    ("evaluation-planned", ("evaluation_plan",)),
]


def blank(field: str) -> str | None:
    return None if field == "target_participants" else ""


class TestStatedCriteria:
    @pytest.mark.parametrize(("code", "fields"), STATED_CRITERIA)
    def test_met_when_every_field_is_stated(self, check, code, fields):
        assert check(code).status is Status.MET

    @pytest.mark.parametrize(("code", "fields"), STATED_CRITERIA)
    def test_missing_when_no_field_is_stated(self, check, code, fields):
        result = check(code, **{field: blank(field) for field in fields})
        assert result.status is Status.MISSING

    @pytest.mark.parametrize(
        ("code", "field"),
        [(code, field) for code, fields in STATED_CRITERIA if len(fields) > 1 for field in fields],
    )
    def test_at_risk_when_one_field_of_several_is_missing(self, check, code, field):
        assert check(code, **{field: blank(field)}).status is Status.AT_RISK

    def test_blank_text_is_not_stated(self, check):
        assert check("alternatives-stated", alternatives=" \n\t").status is Status.MISSING

    @pytest.mark.parametrize(("target", "status"), [(0, Status.AT_RISK), (1, Status.MET)])
    def test_a_target_of_zero_participants_is_not_stated(self, check, target, status):
        assert check("publics-stated", target_participants=target).status is status

    def test_met_explanation(self, check):
        result = check("decision-stated")
        assert explain(result) == (
            "La description précise la décision en jeu, qui prend la décision et le commanditaire."
        )

    def test_partial_explanation_lists_what_is_said_and_what_is_not(self, check):
        result = check("decision-stated", decision_maker="", sponsor="")
        assert explain(result) == (
            "La description précise la décision en jeu, mais pas qui prend la décision"
            " ni le commanditaire."
        )

    def test_missing_explanation(self, check):
        result = check("negotiable-stated", negotiable="", non_negotiable="")
        assert explain(result) == (
            "La description ne précise pas ce qui est ouvert à la discussion"
            " ni ce qui reste hors discussion."
        )


class TestMethodChosen:
    code = "method-chosen"

    def test_met_explanation_names_the_methods_in_french(self, check):
        result = check(self.code, methods=("deliberative", "public_consultation", "deliberative"))
        assert result.status is Status.MET
        assert explain(result) == (
            "Méthodes choisies : processus délibératif représentatif, consultation publique."
        )

    def test_single_method(self, check):
        result = check(self.code, methods=("citizen_science",))
        assert explain(result) == "Méthode choisie : science citoyenne."

    @pytest.mark.parametrize("methods", [(), ("",), ("  ",)])
    def test_missing(self, check, methods):
        result = check(self.code, methods=methods)
        assert result.status is Status.MISSING
        assert explain(result) == "Aucune des huit méthodes de l'OCDE n'est choisie."

    def test_unknown_code_is_at_risk(self, check):
        result = check(self.code, methods=("public_consultation", "vote"))
        assert result.status is Status.AT_RISK
        assert explain(result) == (
            f"Méthode choisie : consultation publique. Méthode inconnue : {q('vote')}"
            " ; choisir parmi les huit méthodes de l'OCDE."
        )

    def test_only_unknown_codes(self, check):
        result = check(self.code, methods=("vote",))
        assert result.status is Status.AT_RISK
        assert explain(result).startswith("Aucune méthode reconnue. Méthode inconnue")

    def test_minimum_comes_from_the_grid(self, check, one_criterion_grid):
        grid = one_criterion_grid("methods", min_methods=2)
        result = check("c", grid, methods=("information",))
        assert result.status is Status.AT_RISK
        assert explain(result) == (
            "Méthode choisie : information et données. Il en faut au moins 2."
        )
        assert check("c", grid, methods=("information", "open_meetings")).status is Status.MET


class TestPluralInformation:
    code = "plural-information"

    @staticmethod
    def sources(*viewpoints: str) -> tuple[InformationSource, ...]:
        return tuple(
            InformationSource(title=f"Source {n}", viewpoint=v) for n, v in enumerate(viewpoints)
        )

    def test_met_explanation(self, check):
        result = check(self.code, information_sources=self.sources("État", "Association", "État"))
        assert result.status is Status.MET
        assert explain(result) == (
            f"3 sources prévues, 2 points de vue ({q('État')}, {q('Association')})"
            " : l'information est plurielle et contradictoire."
        )

    @pytest.mark.parametrize(
        ("viewpoints", "status"),
        [
            (("A", "B"), Status.AT_RISK),
            (("A", "B", "C"), Status.MET),
            (("A", "B", "C", "D"), Status.MET),
        ],
    )
    def test_at_least_three_sources(self, check, viewpoints, status):
        assert check(self.code, information_sources=self.sources(*viewpoints)).status is status

    def test_same_viewpoint_differently_written_counts_once(self, check):
        result = check(self.code, information_sources=self.sources("État", " état ", "ÉTAT"))
        assert result.status is Status.AT_RISK
        assert explain(result) == (
            f"3 sources prévues, 1 point de vue ({q('État')}) : il faut au moins"
            " 2 points de vue pour une information plurielle et contradictoire."
        )

    def test_no_viewpoint_and_too_few_sources(self, check):
        result = check(self.code, information_sources=self.sources("", ""))
        assert explain(result) == (
            "2 sources prévues, sans point de vue indiqué : il faut au moins 3 sources"
            " et au moins 2 points de vue pour une information plurielle et contradictoire."
        )

    def test_missing(self, check):
        result = check(self.code, information_sources=())
        assert result.status is Status.MISSING
        assert explain(result) == "Aucune source n'est prévue pour le dossier d'information."


class TestBudget:
    code = "budget-stated"

    @pytest.mark.parametrize(
        ("amount", "text"),
        [
            (Decimal("80000"), f"80\u202f000{NBSP}€"),
            (Decimal("1250.5"), f"1\u202f250,50{NBSP}€"),
            (Decimal("0.01"), f"0,01{NBSP}€"),
            (Decimal("1234567"), f"1\u202f234\u202f567{NBSP}€"),
        ],
    )
    def test_met_explanation_formats_euros_the_french_way(self, check, amount, text):
        result = check(self.code, budget_amount=amount)
        assert (result.status, explain(result)) == (Status.MET, f"Budget prévu : {text}.")

    def test_zero_is_at_risk(self, check):
        result = check(self.code, budget_amount=Decimal("0"))
        assert result.status is Status.AT_RISK
        assert explain(result).startswith("Le budget indiqué est nul")

    def test_negative_is_at_risk(self, check):
        result = check(self.code, budget_amount=Decimal("-500"))
        assert result.status is Status.AT_RISK
        assert (
            explain(result) == f"Le budget indiqué (-500{NBSP}€) est négatif : montant incohérent."
        )

    def test_missing(self, check):
        result = check(self.code, budget_amount=None)
        assert (result.status, explain(result)) == (
            Status.MISSING,
            "Le budget n'est pas renseigné.",
        )


class TestIndependentGuarantor:
    code = "independent-guarantor"

    def test_named_guarantor_is_met(self, check):
        result = check(self.code, methods=("deliberative",), guarantor="Mme Martin, garante CNDP")
        assert result.status is Status.MET
        assert explain(result) == f"Garant désigné : {q('Mme Martin, garante CNDP')}."

    def test_missing_when_a_deliberative_process_has_none(self, check):
        result = check(self.code, methods=("public_consultation", "deliberative"), guarantor=" ")
        assert result.status is Status.MISSING
        assert explain(result) == (
            "Aucun garant n'est désigné alors que la méthode"
            f" {q('processus délibératif représentatif')} en demande un."
        )

    def test_not_required_for_other_methods(self, check):
        result = check(self.code, methods=("public_consultation",), guarantor="")
        assert result.status is Status.MET
        assert explain(result) == (
            "Aucun garant n'est désigné ; les méthodes choisies n'en exigent pas."
        )

    def test_several_requiring_methods(self, check, one_criterion_grid):
        grid = one_criterion_grid(
            "guarantor", required_for_methods=["deliberative", "participatory_budgeting"]
        )
        result = check("c", grid, methods=("participatory_budgeting", "deliberative"))
        assert explain(result) == (
            f"Aucun garant n'est désigné alors que les méthodes {q('budget participatif')}"
            f" et {q('processus délibératif représentatif')} en demandent un."
        )
