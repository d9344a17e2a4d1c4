"""Issue 22: the whole quality grid appraised in one form, as a draft or complete."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from concerto.accounts.roles import Role
from concerto.editing import EditConflict
from concerto.processes import actions
from concerto.processes.actions import Appraisal
from concerto.processes.lifecycle import Status
from concerto.processes.models import CriterionReview
from tests.factories import complete_process, user_with_role, walk_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def review():
    process = complete_process()
    referent, advisor = walk_to(process, Status.UNDER_REVIEW)
    codes = [result["code"] for result in process.referral.version.precheck["results"]]
    return process, advisor, referent, codes


def stored():
    return sorted(CriterionReview.objects.values_list("criterion", "score", "comment", "revision"))


def test_every_criterion_is_appraised_in_one_call(review):
    process, advisor, _referent, codes = review
    assert len(codes) == 15
    appraisals = {code: Appraisal("met", "") for code in codes}
    appraisals[codes[0]] = Appraisal("not_met", "Aucune source contradictoire.")
    actions.review_grid(process, actor=advisor, appraisals=appraisals, complete=True)
    assert stored() == sorted(
        [(codes[0], "not_met", "Aucune source contradictoire.", 1)]
        + [(code, "met", "", 1) for code in codes[1:]]
    )


def test_a_complete_grid_lacking_a_score_or_a_comment_is_refused_and_writes_nothing(review):
    process, advisor, _referent, codes = review
    appraisals = {code: Appraisal("met", "") for code in codes}
    appraisals[codes[1]] = Appraisal("", "Je réfléchis.")
    appraisals[codes[2]] = Appraisal("to_improve", "  ")
    with pytest.raises(ValidationError) as error:
        actions.review_grid(process, actor=advisor, appraisals=appraisals, complete=True)
    assert error.value.message_dict == {
        f"{codes[1]}-score": ["Choisissez une appréciation pour ce critère."],
        f"{codes[2]}-comment": ["Expliquez ce qui manque : le ministère lira ce commentaire."],
    }
    assert stored() == []


def test_a_draft_keeps_what_was_typed_and_is_resumed_later(review, client):
    process, advisor, _referent, codes = review
    actions.review_grid(
        process, actor=advisor,
        appraisals={codes[0]: Appraisal("", "À vérifier avec le garant."),
                    codes[1]: Appraisal("met", ""), codes[2]: Appraisal("", "")},
    )  # fmt: skip
    assert stored() == sorted(
        [(codes[0], "", "À vérifier avec le garant.", 1), (codes[1], "met", "", 1)]
    )
    client.force_login(advisor)
    response = client.get(process.referral.get_absolute_url())
    grid = response.context["grid_form"]
    assert grid.forms[codes[0]].initial == {
        "score": "", "comment": "À vérifier avec le garant.", "revision": 1,
    }  # fmt: skip
    assert response.context["appraised"] == 1


def test_a_grid_sent_twice_writes_once(review, client):
    process, advisor, _referent, codes = review
    data = {"draft": ""}
    for code in codes:
        data |= {f"{code}-score": "met", f"{code}-comment": "", f"{code}-revision": ""}
    client.force_login(advisor)
    url = f"/cipc/saisines/{process.referral.pk}/grille/"
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert stored() == sorted((code, "met", "", 1) for code in codes)


def test_a_grid_changed_by_a_colleague_meanwhile_writes_nothing(review, client):
    process, advisor, _referent, codes = review
    colleague = user_with_role(
        Role.CIPC_ADVISOR, organisation=advisor.memberships.first().organisation
    )
    actions.review_grid(process, actor=advisor, appraisals={codes[0]: Appraisal("met", "")})
    actions.review_grid(
        process, actor=colleague, appraisals={codes[0]: Appraisal("not_met", "Non.", 1)}
    )
    before = stored()
    with pytest.raises(EditConflict):
        actions.review_grid(
            process, actor=advisor,
            appraisals={codes[1]: Appraisal("met", ""), codes[0]: Appraisal("to_improve", "?", 1)},
        )  # fmt: skip
    assert stored() == before
    # Through the form: the page comes back (409) with what was typed and the new revision.
    client.force_login(advisor)
    response = client.post(
        f"/cipc/saisines/{process.referral.pk}/grille/",
        {"draft": "", f"{codes[0]}-score": "to_improve", f"{codes[0]}-comment": "Mon avis",
         f"{codes[0]}-revision": "1"},
    )  # fmt: skip
    assert response.status_code == 409
    form = response.context["grid_form"].forms[codes[0]]
    assert (form.data[f"{codes[0]}-comment"], form.data[f"{codes[0]}-revision"]) == (
        "Mon avis", 2,
    )  # fmt: skip
    assert stored() == before


def test_a_refused_complete_grid_comes_back_with_everything_typed(review, client):
    process, advisor, _referent, codes = review
    client.force_login(advisor)
    data = {"complete": ""}
    for code in codes[:-1]:
        data |= {f"{code}-score": "to_improve", f"{code}-comment": f"Revoir {code}"}
    response = client.post(f"/cipc/saisines/{process.referral.pk}/grille/", data)
    assert response.status_code == 400
    grid = response.context["grid_form"]
    assert {code: form.errors for code, form in grid.forms.items() if form.errors} == {
        codes[-1]: {"score": ["Choisissez une appréciation pour ce critère."]}
    }
    assert grid.forms[codes[0]].data[f"{codes[0]}-comment"] == f"Revoir {codes[0]}"
    assert f"Revoir {codes[3]}" in response.content.decode()
    assert stored() == []


def test_only_the_cipc_appraises_the_grid(review, client):
    process, _advisor, referent, codes = review
    with pytest.raises(PermissionDenied):
        actions.review_grid(process, actor=referent, appraisals={codes[0]: Appraisal("met", "")})
    client.force_login(referent)
    response = client.post(
        f"/cipc/saisines/{process.referral.pk}/grille/", {f"{codes[0]}-score": "met"}
    )
    assert response.status_code == 403
    assert stored() == []
