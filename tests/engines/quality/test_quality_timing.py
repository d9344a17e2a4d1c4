"""Calendar criteria: time to answer, participation duration, referral lead time."""

from datetime import date, timedelta

import pytest

from concerto.engines.quality import Status
from concerto.processes.quality_words import explanation as explain

END = date(2027, 3, 31)
START = date(2027, 3, 1)


class TestParticipationBeforeDecision:
    code = "participation-before-decision"

    @pytest.mark.parametrize(
        ("gap", "status"),
        [
            (-1, Status.AT_RISK),
            (0, Status.AT_RISK),
            (1, Status.AT_RISK),
            (29, Status.AT_RISK),
            (30, Status.MET),
            (31, Status.MET),
        ],
    )
    def test_threshold_is_30_days_inclusive(self, check, gap, status):
        """Exactly 30 days between the end and the decision is enough; 29 is not."""
        result = check(self.code, decision_date=END + timedelta(days=gap))
        assert result.status is status

    def test_met_explanation(self, check):
        result = check(self.code, participation_end=END, decision_date=date(2027, 4, 30))
        assert explain(result) == (
            "La participation se termine le 31/03/2027, 30 jours avant la décision"
            " du 30/04/2027 : les 30 jours nécessaires pour répondre sont prévus."
        )

    def test_too_short_explanation_cites_both_dates_and_the_gap(self, check):
        result = check(
            self.code,
            participation_start=date(2027, 2, 1),
            participation_end=date(2027, 3, 12),
            decision_date=date(2027, 3, 22),
        )
        assert result.status is Status.AT_RISK
        assert explain(result) == (
            "La participation se termine le 12/03/2027, 10 jours avant la décision du 22/03/2027"
            " : moins que les 30 jours nécessaires pour répondre."
        )

    def test_same_day_as_decision(self, check):
        result = check(self.code, decision_date=END)
        assert explain(result) == (
            "La participation se termine le jour même de la décision (31/03/2027)"
            " : il faut au moins 30 jours pour répondre."
        )

    def test_ending_after_the_decision_says_it_cannot_influence_it(self, check):
        result = check(self.code, decision_date=END - timedelta(days=1))
        assert result.status is Status.AT_RISK
        assert explain(result) == (
            "La participation se termine le 31/03/2027, 1 jour après la décision du 30/03/2027"
            " : elle ne peut plus l'influencer."
        )

    @pytest.mark.parametrize(
        ("overrides", "explanation"),
        [
            ({"participation_end": None}, "La date de fin de participation n'est pas renseignée."),
            ({"decision_date": None}, "La date de décision n'est pas renseignée."),
            (
                {"participation_end": None, "decision_date": None},
                "Les dates de fin de participation et de décision ne sont pas renseignées.",
            ),
        ],
    )
    def test_missing_dates(self, check, overrides, explanation):
        result = check(self.code, **overrides)
        assert (result.status, explain(result)) == (Status.MISSING, explanation)

    def test_threshold_comes_from_the_grid(self, check, one_criterion_grid):
        """A grid with min_days = 0 accepts a participation ending on the decision day."""
        grid = one_criterion_grid("participation_before_decision", min_days=0)
        assert check("c", grid, decision_date=END).status is Status.MET


class TestParticipationDuration:
    code = "participation-duration"

    @pytest.mark.parametrize(
        ("last_day", "status"),
        [(20, Status.AT_RISK), (21, Status.MET), (22, Status.MET)],
    )
    def test_both_bounds_count_as_open_days(self, check, last_day, status):
        """From 1 to 21 March is 21 open days: exactly the minimum."""
        result = check(self.code, participation_end=date(2027, 3, last_day))
        assert result.status is status

    def test_met_explanation(self, check):
        result = check(self.code, participation_end=date(2027, 3, 21))
        assert explain(result) == (
            "La participation dure 21 jours (du 01/03/2027 au 21/03/2027)"
            " : au moins les 21 jours attendus."
        )

    def test_too_short_explanation(self, check):
        result = check(self.code, participation_end=date(2027, 3, 20))
        assert explain(result) == (
            "La participation dure 20 jours (du 01/03/2027 au 20/03/2027),"
            " moins que les 21 jours attendus."
        )

    def test_single_day(self, check):
        result = check(self.code, participation_end=START)
        assert result.status is Status.AT_RISK
        assert explain(result).startswith("La participation dure 1 jour (du 01/03/2027 au")

    def test_end_before_start_is_incoherent(self, check):
        result = check(self.code, participation_end=START - timedelta(days=1))
        assert result.status is Status.AT_RISK
        assert explain(result) == (
            "La participation se termine le 28/02/2027, avant de commencer le 01/03/2027"
            " : le calendrier est incohérent."
        )

    @pytest.mark.parametrize(
        ("overrides", "explanation"),
        [
            (
                {"participation_start": None},
                "La date de début de participation n'est pas renseignée.",
            ),
            ({"participation_end": None}, "La date de fin de participation n'est pas renseignée."),
            (
                {"participation_start": None, "participation_end": None},
                "Les dates de début de participation et de fin de participation"
                " ne sont pas renseignées.",
            ),
        ],
    )
    def test_missing_dates(self, check, overrides, explanation):
        result = check(self.code, **overrides)
        assert (result.status, explain(result)) == (Status.MISSING, explanation)

    def test_most_demanding_method_sets_the_minimum(self, check, one_criterion_grid):
        grid = one_criterion_grid(
            "participation_duration", min_days=21, min_days_by_method={"deliberative": 42}
        )
        result = check(
            "c", grid, methods=("public_consultation", "deliberative"), participation_end=END
        )
        assert result.status is Status.AT_RISK
        assert explain(result) == (
            "La participation dure 31 jours (du 01/03/2027 au 31/03/2027), moins que les 42 jours"
            " attendus pour la méthode «\u00a0processus délibératif représentatif\u00a0»."
        )

    def test_a_lower_method_minimum_applies_only_when_every_method_has_one(
        self, check, one_criterion_grid
    ):
        grid = one_criterion_grid(
            "participation_duration", min_days=21, min_days_by_method={"open_meetings": 1}
        )
        one_day = {"participation_end": START}
        assert check("c", grid, methods=("open_meetings",), **one_day).status is Status.MET
        mixed = check("c", grid, methods=("open_meetings", "public_consultation"), **one_day)
        assert mixed.status is Status.AT_RISK
        assert check("c", grid, methods=(), **one_day).status is Status.AT_RISK


class TestEarlyReferral:
    code = "early-referral"

    @pytest.mark.parametrize(
        ("lead", "status"),
        [
            (-1, Status.AT_RISK),
            (0, Status.AT_RISK),
            (29, Status.AT_RISK),
            (30, Status.MET),
            (31, Status.MET),
        ],
    )
    def test_threshold_is_30_days_before_start(self, check, lead, status):
        result = check(self.code, today=START - timedelta(days=lead))
        assert result.status is status

    def test_met_explanation(self, check):
        result = check(self.code, today=date(2027, 1, 30))
        assert explain(result) == (
            "La participation commence le 01/03/2027, dans 30 jours : le CIPC dispose"
            " des 30 jours nécessaires à son examen."
        )

    def test_too_late_explanation(self, check):
        result = check(self.code, today=date(2027, 2, 20))
        assert explain(result) == (
            "La participation commence le 01/03/2027, dans 9 jours : moins que"
            " les 30 jours nécessaires à l'examen du CIPC."
        )

    def test_starting_today(self, check):
        result = check(self.code, today=START)
        assert explain(result).startswith("La participation commence le 01/03/2027, aujourd'hui")

    def test_already_started(self, check):
        result = check(self.code, today=START + timedelta(days=1))
        assert explain(result) == (
            "La participation a commencé le 01/03/2027, avant l'avis du CIPC :"
            " il doit être saisi au moins 30 jours avant le lancement."
        )

    def test_missing_start(self, check):
        result = check(self.code, participation_start=None)
        assert result.status is Status.MISSING
        assert explain(result) == "La date de début de participation n'est pas renseignée."
