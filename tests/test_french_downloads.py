"""Every CSV a user downloads is written for French readers (issue 24).

Each download is requested with data that fills its coded columns; its header must be
French snake_case words, and no cell may be the raw code of a choice whose label differs
(`paper` where the reader expects « Papier… »). The open-data files are not downloads in
this sense: they follow their published machine schema (code and `_libelle` columns), and
are checked by tests/opendata.
"""

import re
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from concerto.accounts.roles import Role
from concerto.evaluation.figures import datasets
from concerto.expertgroups.models import Draft, DraftKind, ExpertGroup, GovernmentAnswer
from concerto.followup import actions as followup_actions
from concerto.followup.models import AnswerLevel
from concerto.opinionmaps import actions as opinion_actions
from concerto.opinionmaps.exports import VOTES_HEADER
from concerto.opinionmaps.models import Statement
from concerto.participation.actions import submit_contribution
from concerto.participation.models import Contribution
from concerto.processes.lifecycle import Status
from concerto.representativeness import actions as profile_actions
from concerto.testing.downloads import csv_rows
from tests.evaluation.conftest import evaluable_process
from tests.factories import UserFactory, complete_process, open_module, user_with_role, walk_to
from tests.followup.conftest import closed_process, status
from tests.panels.helpers import invite, lottery_panel, recruiting_panel
from tests.procurement.factories import order_for
from tests.procurement.factories import setup as procurement_setup

pytestmark = pytest.mark.django_db

CONCERTO = Path(__file__).resolve().parent.parent / "concerto"
# French words, lower case, joined by underscores; no accent, so that a script or a
# spreadsheet formula can name the column as it is.
FRENCH_HEADER = re.compile(r"[a-z0-9]+(_[a-z0-9]+)*")
# English words seen in headers before issue 24; "id" is read alike in both languages.
ENGLISH_WORDS = {
    "agree", "at", "author", "body", "channel", "comment", "created", "datetime", "disagree",
    "due", "end", "follow", "group", "hidden", "into", "issued", "kind", "location", "merged",
    "methods", "ministry", "name", "pass", "pseudonym", "reason", "representative",
    "size", "stance", "start", "statement", "status", "submitted", "timestamp", "title",
    "verdict", "voter",
}  # fmt: skip
# Codes that are also the French word a reader expects, or a name: written as they are,
# they are no leak ("question" for « Question d'un questionnaire », "decidim"…).
FRENCH_CODES = {
    "agent", "capcollectif", "cipc", "coaching", "decidim", "departement", "initial", "module",
    "multiple", "note", "opinion", "present", "public", "question", "theme",
}  # fmt: skip
# Codes of the opinion engine that no model lists as choices, written in the results file.
ENGINE_CODES = {"all", "agree", "disagree"}


def _choice_codes() -> set[str]:
    """The codes of every choice of the project's models whose label is something else."""
    codes = set()
    for model in apps.get_models():
        if not model.__module__.startswith("concerto."):
            continue
        for field in model._meta.get_fields():
            for code, label in _flat(getattr(field, "choices", None) or ()):
                if isinstance(code, str) and code and code.lower() != str(label).lower():
                    codes.add(code)
    return codes - FRENCH_CODES | ENGINE_CODES


def _flat(choices):
    for code, label in choices:
        if isinstance(label, list | tuple):  # a named group of choices
            yield from _flat(label)
        else:
            yield code, label


def _rows(response) -> list[list[str]]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return csv_rows(response)


# --- One builder per download: data that fills its coded columns, then the responses -------


def module_export():
    module, organiser = open_module("proposals")
    author = UserFactory()
    proposal, _ = submit_contribution(
        module, author=author, kind="proposal", title="Pistes", body="Relier les villages.",
        idempotency_key=uuid.uuid4(),
    )  # fmt: skip
    submit_contribution(
        module, author=None, kind="contribution", body="Écrit à la main.", channel="paper",
        entered_by=organiser, idempotency_key=uuid.uuid4(),
    )  # fmt: skip
    comment, _ = submit_contribution(
        module, author=UserFactory(), kind="comment", body="Insultant.", parent=proposal,
        idempotency_key=uuid.uuid4(),
    )  # fmt: skip
    Contribution.objects.filter(pk=comment.pk).update(
        status=Contribution.Status.HIDDEN, hidden_reason="insult", stance="against"
    )
    client = Client()
    client.force_login(organiser)
    yield client.get(f"/espace/dispositifs/{module.process.pk}/modules/{module.pk}/export/")


def opinion_map_results():
    module, organiser = open_module("opinion_map")
    statement = Statement.objects.create(
        module=module, text="Plus de bus la nuit.", status=Statement.Status.ACCEPTED
    )
    Statement.objects.create(module=module, text="Moins.", status=Statement.Status.REJECTED)
    opinion_actions.cast_vote(statement, user=UserFactory(), value=-1)
    client = Client()
    client.force_login(organiser)
    kwargs = {"pk": module.process_id, "module_id": module.pk}
    yield client.get(reverse("opinionmaps:export_results", kwargs=kwargs))


def process_registry():
    submitted = complete_process(title="Archives ouvertes", methods=["public_consultation"])
    walk_to(submitted, Status.SUBMITTED)
    opened = complete_process(title="Plan hôpital", methods=["deliberative", "open_meetings"])
    walk_to(opened, Status.OPEN)
    client = Client()
    client.force_login(user_with_role(Role.CIPC_ADVISOR))
    yield client.get("/cipc/registre/export/")


def followup_figures():
    closed = closed_process()
    followup_actions.save_answer(
        closed.process, actor=closed.sponsor,
        fields={"level": AnswerLevel.PROPOSAL, "status": status("retained"), "text": "Oui."},
        contributions=closed.proposals[:1],
    )  # fmt: skip
    followup_actions.publish_answers(closed.process, actor=closed.sponsor)
    yield Client().get("/suivi/suivi.csv")


def evaluation_figures():
    evaluable_process()
    client = Client()
    client.force_login(user_with_role(Role.CIPC_ADVISOR))
    for data in datasets(cipc=True):
        yield client.get(reverse("evaluation:figures_csv", args=[data.slug]))


def representativeness():
    module, organiser = open_module("proposals")
    process = module.process
    profile_actions.configure_profile(
        process, actor=organiser, questions=["gender"], alert_percent=80
    )
    for index in range(12):
        citizen = user_with_role(Role.CITIZEN)
        answers = {"gender": "woman" if index < 7 else "man"}
        profile_actions.answer_profile(process, user=citizen, answers=answers)
    client = Client()
    client.force_login(organiser)
    client.post(reverse("representativeness:publish", args=[process.pk]), {"publish": "1"})
    yield client.get(reverse("representativeness:download", args=[process.slug]))


def expert_recommendations():
    author = UserFactory()
    group = ExpertGroup.objects.create(
        name="Experts", slug="experts", mandate="Étudier.", starts_on=timezone.localdate(),
        created_by=author,
    )  # fmt: skip
    draft = Draft.objects.create(
        group=group, kind=DraftKind.RECOMMENDATION, title="Publier les avis", body="Texte.",
        year=2026, sequence=1, published_at=timezone.now(),
        due_date=timezone.localdate() + timedelta(days=60), created_by=author,
    )  # fmt: skip
    GovernmentAnswer.objects.create(
        recommendation=draft, status="partly", reason="En partie.",
        answered_on=timezone.localdate(), recorded_by=author,
    )  # fmt: skip
    yield Client().get(reverse("expertgroups:public_csv"))


def procurement_orders():
    s = procurement_setup()
    order_for(s, {"day": "1"}, title="Ateliers")
    client = Client()
    client.force_login(s.agent)
    yield client.get(reverse("procurement:orders_csv"))


def panel_invitations():
    panel, referent = recruiting_panel()
    batch, _codes = invite(panel, referent)
    client = Client()
    client.force_login(referent)
    yield client.get(f"{panel.get_manage_url()}recrutement/lots/{batch.pk}/invitations.csv")


def panel_codes():
    panel, referent = lottery_panel()
    client = Client()
    client.force_login(referent)
    yield client.get(reverse("panels:export_codes", args=[panel.process_id, panel.pk]))


def activity_log():
    admin = user_with_role(Role.ADMINISTRATOR)
    process = complete_process(title="Plan vélo")
    walk_to(process, Status.SUBMITTED)
    client = Client()
    client.force_login(admin)
    yield client.get(reverse("administration:activity_csv"))


def reference_list():
    procurement_setup()
    client = Client()
    client.force_login(user_with_role(Role.CIPC_ADVISOR))
    yield client.get(reverse("administration:register_csv", args=["prix"]))
    yield client.get(reverse("administration:register_csv", args=["organisations"]))


def review_queue():
    pending = complete_process(title="Archives ouvertes")
    walk_to(pending, Status.UNDER_REVIEW)
    given = complete_process(title="Plan hôpital")
    walk_to(given, Status.OPINION_ISSUED)
    client = Client()
    client.force_login(user_with_role(Role.CIPC_ADVISOR))
    yield client.get(reverse("processes:queue_csv"))
    yield client.get(reverse("processes:queue_csv"), {"shown": "avis"})


def support_requests():
    from concerto.support import actions as support_actions
    from tests.factories import DirectorateFactory, MinistryFactory

    ministry = MinistryFactory()
    agent = user_with_role(Role.AGENT, organisation=DirectorateFactory(parent=ministry))
    support_actions.submit_request(
        actor=agent, ministry=ministry, title="Atelier", context="C.", needs="B.",
        calendar="J.", formula_requested="coaching",
    )  # fmt: skip
    client = Client()
    client.force_login(user_with_role(Role.CIPC_ADVISOR))
    yield client.get(reverse("support:list_csv"))


def training_registrations():
    from concerto.trainings import actions as training_actions
    from tests.trainings.factories import make_session

    session = make_session(capacity=1)
    for _ in range(2):
        training_actions.register(session, user=user_with_role(Role.AGENT))
    client = Client()
    client.force_login(user_with_role(Role.CIPC_ADVISOR))
    yield client.get(reverse("trainings:registrations_csv", args=[session.pk]))


def people():
    user_with_role(Role.REFERENT)
    client = Client()
    client.force_login(user_with_role(Role.ADMINISTRATOR))
    yield client.get(reverse("administration:people_csv"))


DOWNLOADS = [
    module_export, opinion_map_results, process_registry, followup_figures, evaluation_figures,
    representativeness, expert_recommendations, procurement_orders, panel_invitations,
    panel_codes, activity_log, reference_list, review_queue, support_requests,
    training_registrations, people,
]  # fmt: skip
# The opinion map's votes file keeps Polis's `votes.csv` columns on purpose: it is read
# back by our Polis import and by Polis's own tools (concerto/opinionmaps/exports.py). Its
# values are numbers, so nothing in it is left untranslated.
INTERCHANGE_DOWNLOADS = 1


@pytest.mark.parametrize("download", DOWNLOADS, ids=lambda download: download.__name__)
def test_a_download_has_french_headers_and_labels_for_codes(download):
    codes = _choice_codes()
    lines = 0
    for response in download():
        rows = _rows(response)
        header, body = rows[0], rows[1:]
        lines += len(body)
        english = [
            name for name in header
            if not FRENCH_HEADER.fullmatch(name) or ENGLISH_WORDS & set(name.split("_"))
        ]  # fmt: skip
        # A code column next to its French label (`categorie`, `libelle_categorie`) is the
        # open-data convention, which the representativeness file shares: codes allowed.
        coded = [name for name in header if f"libelle_{name}" not in header]
        cells = (
            cell for row in body for name, cell in zip(header, row, strict=True) if name in coded
        )
        leaks = sorted({cell for cell in cells if cell in codes})
        # English column names, then raw codes where French labels are expected.
        assert (english, leaks) == ([], [])
    assert lines, "the download should hold rows for the check to mean anything"


def test_every_download_is_checked():
    """A new csv_download call site must get a builder above (or be an interchange file)."""
    calls = sum(
        path.read_text(encoding="utf-8").count("csv_download(")
        for path in CONCERTO.rglob("*.py")
        if path != CONCERTO / "downloads.py"
    )
    # The evaluation view serves every figures dataset through one call.
    assert calls == len(DOWNLOADS) + INTERCHANGE_DOWNLOADS


def test_the_votes_file_keeps_the_polis_columns():
    assert VOTES_HEADER == ["timestamp", "datetime", "comment-id", "voter-id", "vote"]
