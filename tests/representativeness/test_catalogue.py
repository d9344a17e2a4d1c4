import json

from concerto.participation.models.profile import AgeBand, Gender
from concerto.representativeness.catalogue import DATA_FILE, catalogue


def test_every_question_names_its_source_and_confidence():
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    for question in raw["questions"]:
        assert question["source"]
        assert question["confidence"] in {"good", "approximate", "none"}
        if question["confidence"] != "none":
            assert isinstance(question["year"], int)


def test_the_catalogue_holds_the_state_wide_questions():
    assert list(catalogue()) == [
        "age_band", "gender", "region", "departement", "commune_type", "occupation",
        "education", "prior_participation",
    ]  # fmt: skip


def test_reference_shares_sum_to_one_over_compared_categories():
    for question in catalogue().values():
        shares = question.shares()
        if question.key == "prior_participation":
            assert shares == {}  # no INSEE reference: counted, never compared
        else:
            assert abs(sum(shares.values()) - 1) < 1e-12


def test_regions_include_the_five_overseas_regions():
    region = catalogue()["region"]
    assert len(region.categories) == 18
    labels = {c.label for c in region.categories}
    assert {"Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte"} <= labels
    assert round(region.shares()["11"], 3) == round(12320000 / 67690000, 3)


def test_age_and_gender_codes_are_those_of_the_participant_profile():
    assert [c.code for c in catalogue()["age_band"].categories] == AgeBand.values
    assert [c.code for c in catalogue()["gender"].categories] == Gender.values
    assert catalogue()["gender"].shares() == {"woman": 0.516, "man": 0.484}
