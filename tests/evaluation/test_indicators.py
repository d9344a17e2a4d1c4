from concerto.evaluation import actions, indicators
from concerto.evaluation.models import Audience
from tests.charts.geometry import bad_geometry, svg_geometry


def test_channels_count_participants_and_contributions(evaluated):
    """Online participants are distinct accounts; each paper contribution is one person."""
    assert indicators.channels(evaluated.process) == [
        {"channel": "En ligne", "participants": 5, "contributions": 5},
        {"channel": "Papier (cahier citoyen, formulaire)", "participants": 2, "contributions": 2},
    ]


def test_representativeness_compares_profiles_with_margins(evaluated):
    actions.set_reference_margins(
        evaluated.process, actor=evaluated.referent, source="Insee, RP 2021",
        margins={"gender": {"woman": "51,6", "man": "48.4"},
                 "age_band": {"25_34": "15", "35_49": "25", "65_plus": "21"}},
    )  # fmt: skip
    result = indicators.representativeness(evaluated.process)
    assert result["participants"] == 5
    assert result["sources"] == ["Insee, RP 2021"]
    tables = {t["dimension"]: t for t in result["tables"]}
    assert tables["gender"]["answered"] == 4
    assert tables["gender"]["rows"] == [
        {"category": "Femme", "count": 3, "share": 75.0, "reference": 51.6, "gap": 23.4},
        {"category": "Homme", "count": 1, "share": 25.0, "reference": 48.4, "gap": -23.4},
    ]
    assert tables["gender"]["max_gap"] == 23.4
    assert [(r["category"], r["share"], r["gap"]) for r in tables["age_band"]["rows"]] == [
        ("25 à 34 ans", 25.0, 10.0),
        ("35 à 49 ans", 50.0, 25.0),
        ("65 ans et plus", 25.0, 4.0),
    ]
    # Départements: 3 answered, no margins.
    assert [(r["category"], r["count"], r["share"], r["gap"])
            for r in tables["departement"]["rows"]] == [("29", 2, 66.7, None),
                                                        ("75", 1, 33.3, None)]  # fmt: skip


def test_answered_share_and_opinion_follow_through(evaluated):
    assert indicators.answered_share(evaluated.process) == {
        "contributions": 7, "covered": 0, "share": 0.0,
    }  # fmt: skip
    assert indicators.opinion_follow_through(evaluated.process) == {
        "total": 1,
        "rows": [{"label": "Acceptée", "count": 1},
                 {"label": "Partiellement acceptée", "count": 0},
                 {"label": "Refusée", "count": 0},
                 {"label": "Sans réponse", "count": 0}],
    }  # fmt: skip


def test_survey_results_and_response_rate(evaluated):
    survey = actions.open_survey(
        evaluated.process, actor=evaluated.referent, audience=Audience.PARTICIPANTS
    )
    answers = {"purpose": "5", "information": "4", "voice": "4", "respect": "5",
               "learning": "3", "accessibility": "4", "facilitation": "4", "influence": "2",
               "satisfaction": "4", "improve": "Plus de réunions le soir."}  # fmt: skip
    actions.answer_survey(survey, user=evaluated.citizens[0], answers=answers)
    actions.answer_survey(
        survey, user=evaluated.citizens[1], answers={**answers, "satisfaction": "2"}
    )
    results = indicators.survey_results(evaluated.process, Audience.PARTICIPANTS)
    assert (results["invited"], results["respondents"], results["response_rate"]) == (5, 2, 40.0)
    assert results["satisfaction"] == 50.0
    improve = next(q for q in results["questions"] if q["code"] == "improve")
    assert improve["texts"] == ["Plus de réunions le soir.", "Plus de réunions le soir."]


def test_the_figures_page_draws_its_bars_under_the_french_locale(evaluated, client):
    html = client.get("/chiffres/").text
    bars = [v for t, n, v in svg_geometry(html) if t == "rect" and n == "width"]
    assert bars and all(v.endswith("%") for v in bars)
    assert bad_geometry(html) == []
