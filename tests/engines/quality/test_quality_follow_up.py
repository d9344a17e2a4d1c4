"""Devoir-de-suite criteria: the follow-up date and the commitments."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from concerto.engines.quality import FollowUpCommitment, Status
from concerto.processes.quality_words import explanation as explain

END = date(2027, 3, 31)
DECISION = date(2027, 5, 14)
NBSP = "\u00a0"

COMPLETE_COMMITMENT = FollowUpCommitment(
    what="Réponse aux propositions",
    who="La ministre",
    channel="Page du dispositif",
    due_date=date(2027, 4, 30),
)


class TestFollowUpDate:
    code = "follow-up-date"

    def test_met_explanation(self, check):
        result = check(self.code)
        assert result.status is Status.MET
        assert explain(result) == (
            "Le devoir de suite est fixé au 30/04/2027, 30 jours après la fin de la participation"
            " (31/03/2027) et au plus tard à la date de décision (14/05/2027)."
        )

    @pytest.mark.parametrize(
        ("follow_up", "status"),
        [
            (END - timedelta(days=1), Status.AT_RISK),
            (END, Status.AT_RISK),
            (END + timedelta(days=1), Status.MET),
            (DECISION - timedelta(days=1), Status.MET),
            (DECISION, Status.MET),
            (DECISION + timedelta(days=1), Status.AT_RISK),
        ],
    )
    def test_must_fall_after_the_end_and_by_the_decision(self, check, follow_up, status):
        assert check(self.code, follow_up_date=follow_up).status is status

    def test_after_the_decision(self, check):
        result = check(self.code, follow_up_date=date(2027, 5, 15))
        assert explain(result) == (
            "Le devoir de suite est fixé au 15/05/2027, 1 jour après la décision du 14/05/2027"
            " : les participants doivent savoir ce qui a été retenu au plus tard au moment"
            " de la décision."
        )

    def test_on_the_last_day_of_participation(self, check):
        result = check(self.code, follow_up_date=END)
        assert explain(result) == (
            "Le devoir de suite est fixé au 31/03/2027, le jour même de la fin de la participation"
            " : aucun temps n'est laissé pour analyser les contributions."
        )

    def test_before_the_end_of_participation(self, check):
        result = check(self.code, follow_up_date=date(2027, 3, 20))
        assert explain(result) == (
            "Le devoir de suite est fixé au 20/03/2027, avant la fin de la participation"
            " le 31/03/2027 : les contributions ne seront pas toutes reçues."
        )

    @pytest.mark.parametrize(("after_end", "status"), [(90, Status.MET), (91, Status.AT_RISK)])
    def test_at_most_90_days_after_the_end(self, check, after_end, status):
        result = check(
            self.code,
            decision_date=date(2027, 12, 31),
            follow_up_date=END + timedelta(days=after_end),
        )
        assert result.status is status

    def test_too_long_after_the_end_explanation(self, check):
        result = check(self.code, decision_date=date(2027, 12, 31), follow_up_date=date(2027, 7, 1))
        assert explain(result) == (
            "Le devoir de suite est fixé au 01/07/2027, 92 jours après la fin de la participation"
            " le 31/03/2027 : plus que les 90 jours admis."
        )

    def test_missing(self, check):
        result = check(self.code, follow_up_date=None)
        assert result.status is Status.MISSING
        assert explain(result) == (
            "Aucune date n'est fixée pour rendre compte aux participants (devoir de suite)."
        )

    def test_unknown_decision_date_cannot_be_checked(self, check):
        result = check(self.code, decision_date=None)
        assert result.status is Status.AT_RISK
        assert explain(result) == (
            "La date de décision n'est pas renseignée : impossible de vérifier"
            " que la suite est rendue au plus tard à la décision."
        )

    def test_unknown_end_date_cannot_be_checked(self, check):
        result = check(self.code, participation_end=None)
        assert result.status is Status.AT_RISK
        assert explain(result).startswith("La date de fin de participation n'est pas renseignée")

    def test_dates_out_of_order_report_every_problem(self, check):
        """A decision before the participation ends: the follow-up cannot satisfy both."""
        result = check(self.code, decision_date=date(2027, 3, 15), follow_up_date=date(2027, 3, 20))
        assert result.status is Status.AT_RISK
        assert "avant la fin de la participation le 31/03/2027" in explain(result)
        assert "5 jours après la décision du 15/03/2027" in explain(result)

    def test_maximum_comes_from_the_grid(self, check, one_criterion_grid):
        grid = one_criterion_grid("follow_up_date", max_days_after_participation_end=10)
        assert check("c", grid, follow_up_date=END + timedelta(days=10)).status is Status.MET
        assert check("c", grid, follow_up_date=END + timedelta(days=11)).status is Status.AT_RISK


class TestFollowUpCommitments:
    code = "follow-up-commitments"

    def test_met_explanation(self, check):
        result = check(self.code, follow_up_commitments=(COMPLETE_COMMITMENT,))
        assert result.status is Status.MET
        assert explain(result) == (
            "1 engagement de suite sur 1 précise ce qui sera répondu, qui répond,"
            " par quel canal et à quelle date."
        )

    @pytest.mark.parametrize(
        ("blank", "missing"),
        [
            ({"who": ""}, "qui répond"),
            ({"who": "   "}, "qui répond"),
            ({"channel": ""}, "par quel canal"),
            ({"due_date": None}, "à quelle date"),
            ({"who": "", "channel": ""}, "qui répond ni par quel canal"),
        ],
    )
    def test_each_part_is_required(self, check, blank, missing):
        commitment = replace(COMPLETE_COMMITMENT, **blank)
        result = check(self.code, follow_up_commitments=(commitment,))
        assert result.status is Status.AT_RISK
        assert explain(result) == (
            f"L'engagement n°{NBSP}1 («{NBSP}Réponse aux propositions{NBSP}»)"
            f" ne précise pas {missing}."
        )

    def test_missing(self, check):
        result = check(self.code, follow_up_commitments=())
        assert result.status is Status.MISSING
        assert explain(result) == "Aucun engagement de suite n'est pris envers les participants."

    def test_one_complete_commitment_is_enough_but_gaps_are_listed(self, check):
        result = check(self.code, follow_up_commitments=(FollowUpCommitment(), COMPLETE_COMMITMENT))
        assert result.status is Status.MET
        assert explain(result) == (
            "1 engagement de suite sur 2 précise ce qui sera répondu, qui répond, par quel canal"
            f" et à quelle date. L'engagement n°{NBSP}1 ne précise pas ce qui sera répondu,"
            " qui répond, par quel canal ni à quelle date."
        )

    def test_none_complete_among_several(self, check):
        incomplete = replace(COMPLETE_COMMITMENT, channel="")
        result = check(self.code, follow_up_commitments=(incomplete, FollowUpCommitment()))
        assert result.status is Status.AT_RISK
        assert explain(result).startswith(
            f"Aucun des 2 engagements de suite n'est complet. L'engagement n°{NBSP}1"
        )

    def test_minimum_comes_from_the_grid(self, check, one_criterion_grid):
        grid = one_criterion_grid("follow_up_commitments", min_commitments=2)
        result = check("c", grid, follow_up_commitments=(COMPLETE_COMMITMENT,))
        assert result.status is Status.AT_RISK
        assert explain(result) == "1 engagement de suite complet sur 1 : il en faut au moins 2."
        both = check("c", grid, follow_up_commitments=(COMPLETE_COMMITMENT,) * 2)
        assert both.status is Status.MET
