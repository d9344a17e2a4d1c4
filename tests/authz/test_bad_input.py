"""Requests that each crashed the platform (error 500) before issue #21, finding 8: each
is now refused with a French message, and the refusal stores nothing.

They run against the authorisation matrix's world (tests/authz/scenario.py), each
inside a savepoint rolled back afterwards.
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.forms import BaseForm
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter

from concerto.accounts.models import Organisation
from concerto.jobs.models import Job
from concerto.procurement.models import Order
from tests.authz.matrix import SKIPPED
from tests.authz.probe import VOLATILE_WRITES, _WriteRecorder, row_counts

HUGE = "99999999999999999999"
INVALID_CHOICE = f"Sélectionnez un choix valide. {HUGE} n’en fait pas partie."


def post_storing_nothing(client, url, data=None, **kwargs):
    """Post inside a savepoint rolled back afterwards, and assert that it stored and
    wrote nothing."""
    with transaction.atomic():
        try:
            before = row_counts()
            written: set[str] = set()
            with connection.execute_wrapper(_WriteRecorder(written)):
                response = client.post(url, data or {}, **kwargs)
            assert row_counts() == before
            assert written - VOLATILE_WRITES == set()
            return response
        finally:
            transaction.set_rollback(True)


def field_errors(response, name: str) -> list[str]:
    """The errors of field `name` in the bound forms the page shows again."""
    forms = {
        id(value): value
        for context in response.context
        for layer in context.dicts
        for value in layer.values()
        if isinstance(value, BaseForm) and value.is_bound
    }
    return [error for form in forms.values() for error in form.errors.get(name, [])]


def error_messages(response) -> list[str]:
    """The error messages added while answering (shown on the page, or queued)."""
    storage = response.wsgi_request._messages
    added = storage._loaded_messages + storage._queued_messages
    return [str(m) for m in added if m.level_tag == "error"]


# (URL name, role, URL arguments, posted data, the field holding the huge id, status)
HUGE_IDS = [
    ("processes:edit_step", "referent", {"pk": "draft", "step": "'identite'"},
     {"title": "Titre", "themes": HUGE}, "themes", 200),
    ("followup:answer_create", "agent", {"pk": "closed"},
     {"level": "proposal", "text": "Réponse.", "contributions": HUGE}, "contributions", 200),
    ("community:profile", "agent", {}, {"job_title": "Cheffe", "processes": HUGE},
     "processes", 200),
    ("expertgroups:create", "cipc", {},
     {"name": "Groupe", "mandate": "Mandat.", "starts_on": "2030-01-01", "members": HUGE},
     "members", 200),
    ("network:action_create", "referent", {"slug": "ministry"},
     {"title": "Former", "due_date": "2030-01-15", "status": "planned", "processes": HUGE},
     "processes", 200),
    ("analysis:merge", "referent", {"pk": "closed", "module_id": "closed_module"},
     lambda w: {"themes": [HUGE, w.analysis_theme.pk]}, "themes", 400),
]  # fmt: skip


def _arg(world, spec: str):
    """A URL argument: a literal in quotes, else the world's object (its pk, or the
    ministry's slug)."""
    if spec.startswith("'"):
        return spec.strip("'")
    value = getattr(world, spec)
    return value.slug if spec == "ministry" else value.pk


@pytest.mark.parametrize(
    ("name", "role", "kwargs", "data", "field", "status"),
    HUGE_IDS,
    ids=[case[0] for case in HUGE_IDS],
)
def test_a_huge_id_in_a_multiple_choice_field_is_an_invalid_choice(
    world, db, name, role, kwargs, data, field, status
):
    url = reverse(name, kwargs={key: _arg(world, spec) for key, spec in kwargs.items()})
    data = data(world) if callable(data) else dict(data)
    if name == "processes:edit_step":
        data["revision"] = world.draft.revision
    response = post_storing_nothing(world.clients[role], url, data)
    assert response.status_code == status
    assert field_errors(response, field) == [INVALID_CHOICE]


def test_a_huge_id_in_a_path_is_not_found(world, db):
    response = world.clients["anonymous"].get(f"/ressources/fiches/{HUGE}.pdf")
    assert response.status_code == 404
    response = world.clients["referent"].get(f"/espace/dispositifs/{HUGE}/")
    assert response.status_code == 404


def test_no_url_of_the_platform_takes_an_unbounded_number():
    """Numbers in paths use concerto.converters (`<id:...>`, `<year:...>`), never `int`."""
    unbounded = []

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if any(route.startswith(skipped) for skipped in SKIPPED):
                continue
            converters = getattr(pattern.pattern, "converters", {}).values()
            if any(type(c) is IntConverter for c in converters):
                unbounded.append(route)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            else:
                assert isinstance(pattern, URLPattern)

    walk(get_resolver().url_patterns)
    assert unbounded == []


def test_a_bulk_moderation_of_no_contribution_is_refused(world, db):
    url = reverse("participation:moderation", kwargs={"pk": world.open.pk})
    response = post_storing_nothing(
        world.clients["agent"], url, {"selection": "abc", "bulk-reason": "spam"}
    )
    assert response.status_code == 200
    assert error_messages(response) == ["Sélectionnez au moins une contribution."]


def test_a_pool_cell_over_the_csv_limit_is_an_error_of_its_line(world, db):
    """The import runs as a job: refused, with the line named, and no one added."""
    url = reverse("panels:import_pool", kwargs={"pk": world.published.pk,
                                                "panel_id": world.panel.pk})  # fmt: skip
    csv = b"id,age\n1,18-34\n2," + b"a" * 140_000 + b"\n"
    upload = SimpleUploadedFile("vivier.csv", csv, content_type="text/csv")
    with transaction.atomic():
        try:
            pool = list(world.panel.pool.values_list("pk", flat=True))
            response = world.clients["referent"].post(url, {"file": upload})
            assert response.status_code == 302
            job = Job.objects.get(owner=world.users["referent"], label__contains="vivier")
            assert (job.status, job.report) == (Job.Status.REFUSED, [
                "Ligne 3 : une valeur dépasse 131072 caractères."
            ])  # fmt: skip
            assert list(world.panel.pool.values_list("pk", flat=True)) == pool
        finally:
            transaction.set_rollback(True)


def test_an_order_posted_with_another_agents_key_is_refused(world, db):
    url = reverse("procurement:order_create", kwargs={"holder_id": world.holder.pk})
    service = world.holder.services.first()
    before = Order.objects.values().get(pk=world.order.pk)
    response = post_storing_nothing(
        world.clients["referent"], url,
        {"process": world.open.pk, "title": "Autre", "request_key": world.order.request_key,
         f"quantity_{service.pk}": "1"},
    )  # fmt: skip
    assert response.status_code == 200
    assert field_errors(response, "__all__") == [
        "Ce formulaire a déjà servi : rechargez la page pour saisir une nouvelle commande."
    ]
    assert Order.objects.values().get(pk=world.order.pk) == before


def _api_post(world, name, body: bytes, key="bad-input-1"):
    return post_storing_nothing(
        world.clients["anonymous"], reverse(name), body, content_type="application/json",
        headers={"Authorization": f"Bearer {world.token_secret}", "Idempotency-Key": key},
    )  # fmt: skip


def test_deeply_nested_json_is_refused_as_malformed(world, db):
    response = _api_post(world, "api:answer-list", b"[" * 100_000 + b"]" * 100_000)
    assert response.status_code == 400
    assert response.json() == {"detail": "Document JSON trop imbriqué : 32 niveaux au plus."}
    nested = {"process": world.closed.pk, "status": "retained", "text": "Oui."}
    for _level in range(40):
        nested = {"a": nested}
    response = _api_post(world, "api:answer-list", json.dumps(nested).encode())
    assert response.status_code == 400
    assert response.json() == {"detail": "Document JSON trop imbriqué : 32 niveaux au plus."}


def test_the_api_refuses_a_proposal_in_a_dossier(world, db):
    body = {"module": world.dossier.pk, "body": "Une idée.", "kind": "proposal"}
    response = _api_post(world, "api:contribution-list", json.dumps(body).encode())
    assert response.status_code == 400
    assert response.json() == {
        "kind": "Un module « Dossier d'information » ne reçoit pas de contribution de type "
                "« proposal »."
    }  # fmt: skip


def test_the_api_refuses_a_submission_in_year_one(world, db):
    body = {"module": world.proposals.pk, "body": "Reçue par courrier.",
            "submitted_at": "0001-01-01T00:00:00Z"}  # fmt: skip
    response = _api_post(world, "api:contribution-list", json.dumps(body).encode())
    assert response.status_code == 400
    assert response.json() == {
        "submitted_at": ["La date de dépôt est antérieure au 1er janvier 2000 : vérifiez l'année."]
    }


@pytest.mark.django_db
def test_the_row_marks_move_when_a_table_gains_or_loses_a_row():
    """The marks the matrix compares (tests.authz.probe.row_counts) see a row added, then
    its removal, on either backend."""
    start = row_counts()
    organisation = Organisation.objects.create(
        name="Ministère des essais", slug="essais", kind="ministry"
    )
    added = row_counts()
    table = Organisation._meta.db_table
    assert added[table] == start[table] + 1
    assert {t: m for t, m in added.items() if m != start[t]} == {table: start[table] + 1}
    organisation.delete()
    assert row_counts() == start
