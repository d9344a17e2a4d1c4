import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings

from concerto.accounts.roles import Role
from concerto.api import actions
from concerto.api.models import ApiToken, Scope
from concerto.followup import closing
from concerto.followup.models import Answer
from concerto.participation.models import Contribution
from tests.api.conftest import ApiState, with_rates
from tests.factories import MinistryFactory, user_with_role
from tests.followup.conftest import ensure_statuses

pytestmark = pytest.mark.django_db


def auth(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def post_contribution(client, state: ApiState, key="envoi-1", secret=None, **fields):
    payload = {"module": state.module.pk, "body": "Reçue par courrier.", "channel": "mail",
               **fields}  # fmt: skip
    return client.post(
        "/api/v1/contributions/", payload, content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key, **auth(secret or state.secret),
    )  # fmt: skip


def test_tokens_are_hashed_at_rest_and_shown_once(state):
    token = ApiToken.objects.get()
    assert state.secret.startswith(f"cct_{token.prefix}_")
    secret_part = state.secret.split("_", 2)[2]
    assert secret_part not in token.secret_hash
    assert len(token.secret_hash) == 64
    assert token.matches(secret_part)
    assert token.scopes == ["answers:write", "contributions:write"]


def test_only_the_ministrys_referent_creates_tokens(state):
    for actor in (state.organiser, state.citizen, user_with_role(Role.REFERENT)):
        with pytest.raises(PermissionDenied):
            actions.create_token(state.process.ministry, actor=actor, name="x",
                                 scopes=[Scope.ANSWERS_WRITE])  # fmt: skip
    assert ApiToken.objects.count() == 1


def test_a_partner_creates_a_contribution_once_per_idempotency_key(state, client):
    response = post_contribution(client, state)
    assert response.status_code == 201
    body = response.json()
    assert (body["channel"], body["body"], body["module"]) == ("mail", "Reçue par courrier.",
                                                               state.module.pk)  # fmt: skip
    again = post_contribution(client, state)
    assert again.status_code == 200
    assert again.json()["id"] == body["id"]
    stored = Contribution.objects.get(pk=body["id"])
    assert (stored.channel, stored.entered_by, stored.author) == ("mail", state.referent, None)
    assert Contribution.objects.filter(module=state.module).count() == 4
    assert ApiToken.objects.get().last_used_at is not None


def test_a_write_without_token_or_key_or_scope_changes_nothing(state, client):
    count = Contribution.objects.count()
    anonymous = client.post("/api/v1/contributions/", {"module": state.module.pk, "body": "x"},
                            content_type="application/json", HTTP_IDEMPOTENCY_KEY="k")  # fmt: skip
    assert anonymous.status_code == 401
    assert post_contribution(client, state, key="").status_code == 400
    _token, answers_only = actions.create_token(
        state.process.ministry, actor=state.referent, name="Réponses",
        scopes=[Scope.ANSWERS_WRITE],
    )  # fmt: skip
    assert post_contribution(client, state, secret=answers_only).status_code == 403
    assert post_contribution(client, state, secret="cct_abc_def").status_code == 401
    assert Contribution.objects.count() == count


def test_a_token_only_reaches_its_ministrys_processes(state, client):
    other = MinistryFactory()
    referent = user_with_role(Role.REFERENT, organisation=other)
    _token, secret = actions.create_token(
        other, actor=referent, name="Autre", scopes=[Scope.CONTRIBUTIONS_WRITE]
    )
    assert post_contribution(client, state, secret=secret).status_code == 403
    assert Contribution.objects.count() == 3


def test_a_revoked_token_is_refused_at_once(state, client):
    token = ApiToken.objects.get()
    actions.revoke_token(token, actor=state.referent)
    token.refresh_from_db()
    assert token.revoked_by == state.referent
    assert post_contribution(client, state).status_code == 401
    assert Contribution.objects.count() == 3


def test_bad_values_get_clear_messages(state, client):
    response = post_contribution(client, state, body="  ", channel="pigeon")
    assert response.status_code == 400
    assert set(response.json()) == {"body", "channel"}
    response = post_contribution(client, state, submitted_at="2999-01-01T00:00:00Z")
    assert response.json() == {"submitted_at": ["La date de dépôt est dans le futur."]}


def test_a_partner_drafts_and_publishes_answers(state, client):
    ensure_statuses()
    closing.close_participation(state.process, actor=state.referent)
    proposal = state.contributions[0]
    response = client.post("/api/v1/reponses/", {
        "process": state.process.pk, "status": "retained", "text": "Nous la retenons.",
        "contributions": [proposal.pk],
    }, content_type="application/json", **auth(state.secret))  # fmt: skip
    assert response.status_code == 201, response.json()
    answer = Answer.objects.get()
    assert answer.published_at is None
    assert client.get("/api/v1/reponses/").json()["results"] == []
    response = client.post("/api/v1/reponses/publication/", {"process": state.process.pk},
                           content_type="application/json", **auth(state.secret))  # fmt: skip
    assert response.json()["published"] == 1
    (listed,) = client.get("/api/v1/reponses/").json()["results"]
    assert (listed["status"], listed["text"], listed["contributions"]) == (
        "retained", "Nous la retenons.", [proposal.pk],
    )  # fmt: skip


def test_answers_need_the_answering_phase(state, client):
    ensure_statuses()
    response = client.post("/api/v1/reponses/", {
        "process": state.process.pk, "status": "retained", "text": "Trop tôt.",
    }, content_type="application/json", **auth(state.secret))  # fmt: skip
    assert response.status_code == 403
    assert not Answer.objects.exists()


@override_settings(REST_FRAMEWORK=with_rates("100/hour", "1/hour"))
def test_tokens_are_rate_limited(state, client):
    assert post_contribution(client, state, key="a").status_code == 201
    assert post_contribution(client, state, key="b").status_code == 429
    assert Contribution.objects.count() == 4


def test_the_referent_manages_tokens_on_a_page(state, client):
    client.force_login(state.referent)
    response = client.post("/espace/api/jetons/", {
        "organisation": state.process.ministry.pk, "name": "Logiciel courrier",
        "scopes": ["contributions:write"],
    })  # fmt: skip
    assert response.status_code == 302
    page = client.get("/espace/api/jetons/").content.decode()
    token = ApiToken.objects.get(name="Logiciel courrier")
    assert f"cct_{token.prefix}_" in page
    assert f"cct_{token.prefix}_" not in client.get("/espace/api/jetons/").content.decode()
    client.post(f"/espace/api/jetons/{token.pk}/revocation/")
    token.refresh_from_db()
    assert token.revoked_at is not None
    client.force_login(state.organiser)
    assert client.get("/espace/api/jetons/").status_code == 403
