import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from concerto.accounts.roles import Role
from concerto.evaluation import actions
from concerto.evaluation.abilities import can_evaluate
from concerto.evaluation.models import (
    Audience,
    EvaluationReport,
    ReferenceMargin,
    SurveyParticipation,
    SurveyResponse,
)
from concerto.processes.lifecycle import Status
from concerto.representativeness.catalogue import catalogue
from tests.factories import user_with_role

JUDGEMENTS = {
    "design_integrity": {"rating": "met", "text": "Cadrage clair."},
    "deliberative_experience": {"rating": "partly", "text": "Peu de temps d'échange."},
    "pathways_to_impact": {"rating": "met", "text": "Réponses publiées à temps."},
}


def test_survey_answers_are_anonymous_and_counted_once(evaluated):
    survey = actions.open_survey(
        evaluated.process, actor=evaluated.referent, audience=Audience.PARTICIPANTS
    )
    assert (
        actions.open_survey(
            evaluated.process, actor=evaluated.referent, audience=Audience.PARTICIPANTS
        )
        == survey
    )
    answers = {q["code"]: "4" for q in survey.questions if q["kind"] == "likert"}
    citizen = evaluated.citizens[0]
    actions.answer_survey(survey, user=citizen, answers=answers)
    with pytest.raises(ValidationError):
        actions.answer_survey(survey, user=citizen, answers=answers)
    assert SurveyResponse.objects.count() == 1
    assert SurveyParticipation.objects.get().user == citizen
    assert {f.name for f in SurveyResponse._meta.fields} == {
        "id",
        "survey",
        "answers",
        "submitted_on",
    }


def test_non_participant_and_missing_answer_are_refused(evaluated):
    survey = actions.open_survey(
        evaluated.process, actor=evaluated.referent, audience=Audience.PARTICIPANTS
    )
    with pytest.raises(PermissionDenied):
        actions.answer_survey(survey, user=user_with_role(Role.CITIZEN), answers={})
    with pytest.raises(ValidationError) as error:
        actions.answer_survey(survey, user=evaluated.citizens[0], answers={"purpose": "9"})
    assert "purpose" in error.value.message_dict
    assert SurveyResponse.objects.count() == 0
    assert SurveyParticipation.objects.count() == 0


def test_margins_over_100_percent_are_refused(evaluated):
    with pytest.raises(ValidationError) as error:
        actions.set_reference_margins(
            evaluated.process, actor=evaluated.referent,
            margins={"gender": {"woman": "60", "man": "50"}},
        )  # fmt: skip
    assert "gender" in error.value.message_dict
    assert ReferenceMargin.objects.count() == 0


def test_margins_csv_import(evaluated):
    parsed = actions.parse_margins_csv("critere,categorie,part\ngenre,woman,51.6\n"
                                       "departement,29,1.4\n")  # fmt: skip
    assert actions.set_reference_margins(
        evaluated.process, actor=evaluated.referent, margins=parsed) == 2  # fmt: skip
    with pytest.raises(ValidationError):
        actions.parse_margins_csv("a,b\n1,2\n")


def test_margins_csv_is_read_by_the_shared_reader():
    parsed = actions.parse_margins_csv("critere;categorie;part\r\ngenre;woman;51,6\r\n"
                                       .encode("cp1252"))  # fmt: skip
    assert parsed == {"gender": {"woman": "51,6"}}
    with pytest.raises(ValidationError) as error:
        actions.parse_margins_csv("critere,categorie,part\ngenre,woman,51,6\n")
    assert error.value.message_dict == {"file": [
        "Ligne 2 : 3 colonnes attendues, 4 trouvées (une virgule dans un texte doit être "
        "entre guillemets)."
    ]}  # fmt: skip


def test_expert_evaluates_only_with_access(evaluated):
    expert = user_with_role(Role.EXPERT)
    assert not can_evaluate(expert, evaluated.process)
    with pytest.raises(PermissionDenied):
        actions.save_report(evaluated.process, actor=expert, summary="x", judgements={},
                            expected_revision=None)  # fmt: skip
    assert not EvaluationReport.objects.exists()
    with pytest.raises(PermissionDenied):
        actions.grant_evaluator(evaluated.process, actor=expert, expert=expert)
    actions.grant_evaluator(evaluated.process, actor=evaluated.advisor, expert=expert)
    assert can_evaluate(expert, evaluated.process)
    assert not can_evaluate(evaluated.referent, evaluated.process)
    assert can_evaluate(evaluated.advisor, evaluated.process)


def test_publish_report_freezes_indicators(evaluated):
    advisor = evaluated.advisor
    with pytest.raises(ValidationError):
        actions.publish_report(evaluated.process, actor=advisor)
    report = actions.save_report(evaluated.process, actor=advisor, summary="Bilan positif.",
                                 judgements=JUDGEMENTS, expected_revision=None)  # fmt: skip
    with pytest.raises(actions.EditConflict):
        stale = report.revision - 1
        actions.save_report(evaluated.process, actor=advisor, summary="Autre.",
                            judgements=JUDGEMENTS, expected_revision=stale)  # fmt: skip
    report = actions.publish_report(evaluated.process, actor=advisor)
    assert report.is_published
    assert report.summary == "Bilan positif."
    assert report.snapshot["channels"][0]["contributions"] == 5
    evaluated.process.refresh_from_db()
    assert evaluated.process.status == Status.CLOSED  # follow-up not published yet


def test_the_national_margins_come_from_the_profile_catalogue(evaluated, client):
    process = evaluated.process
    ReferenceMargin.objects.create(
        process=process, dimension="gender", category="woman", share="70", source="À la main"
    )
    ReferenceMargin.objects.create(
        process=process, dimension="departement", category="29", share="100", source="Local"
    )
    client.force_login(evaluated.referent)
    response = client.post(reverse("evaluation:margins", args=[process.pk]), {"catalogue": "1"})
    assert response.status_code == 302
    margins = {
        (m.dimension, m.category): (str(m.share), m.source)
        for m in ReferenceMargin.objects.filter(process=process)
    }
    known = catalogue()
    age = known["age_band"]
    expected_age = {
        ("age_band", c.code): (f"{100 * c.reference / 100.0:.2f}", f"{age.source} (2024)")
        for c in age.categories
    }
    assert {k: v for k, v in margins.items() if k[0] == "age_band"} == expected_age
    gender = known["gender"]
    assert margins[("gender", "woman")] == ("51.60", f"{gender.source} (2024)")
    assert margins[("gender", "man")] == ("48.40", f"{gender.source} (2024)")
    assert ("gender", "other") not in margins  # no reference: not compared
    if "departement" not in known:  # the catalogue has no départements: left as typed
        assert margins[("departement", "29")] == ("100.00", "Local")


def test_only_those_who_edit_margins_may_take_the_catalogue_s(evaluated, client):
    process = evaluated.process
    client.force_login(evaluated.citizens[0])
    response = client.post(reverse("evaluation:margins", args=[process.pk]), {"catalogue": "1"})
    assert response.status_code in (403, 404)
    assert ReferenceMargin.objects.count() == 0
