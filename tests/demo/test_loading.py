import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from concerto.accounts.models import Membership, Organisation, User
from concerto.accounts.roles import Role
from concerto.demo.loading import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DEMO_PEOPLE,
    DEMO_TOTP_KEY,
    load_demo,
)
from concerto.demo.processes import ADVISOR, ANSWERED_TITLE, DEMO_PROCESSES, LAST_STEP, STEPS
from concerto.processes.lifecycle import PUBLIC_STATUSES, Status
from concerto.processes.models import (
    CriterionReview,
    Opinion,
    Process,
    Question,
    Recommendation,
    Referral,
    Transition,
    Version,
)

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(
            Organisation.objects.order_by("pk").values_list("slug", "name", "kind", "parent__slug")
        ),
        list(User.objects.order_by("pk").values_list("email", "password", "is_superuser")),
        list(
            Membership.objects.order_by("pk").values_list(
                "user__email", "organisation__slug", "role"
            )
        ),
        list(
            Process.objects.order_by("pk").values_list(
                "slug", "status", "revision", "updated_at", "published_at", "sponsor__email"
            )
        ),
        list(Version.objects.order_by("pk").values_list("process__slug", "number", "created_at")),
        list(Referral.objects.order_by("pk").values_list("process__slug", "advisor__email")),
        list(
            Transition.objects.order_by("pk").values_list(
                "process__slug", "action", "from_status", "to_status", "actor__email", "at"
            )
        ),
        list(Opinion.objects.order_by("pk").values_list("referral__process__slug", "verdict")),
        list(Recommendation.objects.order_by("pk").values_list("number", "answer", "answered_at")),
        list(CriterionReview.objects.order_by("pk").values_list("criterion", "score")),
        list(Question.objects.order_by("pk").values_list("author__email", "body")),
    )


def test_demo_data_loads_every_ministry_and_account_and_twice_changes_nothing(demo):
    first = snapshot()
    load_demo()
    assert snapshot() == first
    assert Organisation.objects.filter(kind="ministry").count() == 21
    assert len(DEMO_ACCOUNTS) == 7
    assert User.objects.count() == len(DEMO_ACCOUNTS) + len(DEMO_PEOPLE)
    for account in (*DEMO_ACCOUNTS, *DEMO_PEOPLE):
        user = User.objects.get(email=account.email)
        assert user.check_password(DEMO_PASSWORD)
        assert user.roles[0] == account.role
    assert Process.objects.count() == len(DEMO_PROCESSES)


def test_a_changed_demo_password_survives_a_reload(demo):
    user = User.objects.get(email="citoyenne@exemple.fr")
    user.set_password("Nouveau-mot-de-passe-2026")
    user.save()
    load_demo()
    user.refresh_from_db()
    assert user.check_password("Nouveau-mot-de-passe-2026")


def test_a_process_changed_since_the_demo_was_loaded_is_left_alone(demo):
    process = Process.objects.get(status=Status.DRAFT)
    Process.objects.filter(pk=process.pk).update(title="Titre modifié par un agent")
    load_demo()
    assert Process.objects.count() == len(DEMO_PROCESSES)
    assert Process.objects.get(pk=process.pk).title == "Titre modifié par un agent"


def test_the_demo_shows_every_status_over_several_ministries(demo):
    statuses = set(Process.objects.values_list("status", flat=True))
    # The walker leaves the answered process open; demo/followup.py takes it further.
    assert statuses == set(LAST_STEP) | {Status.EVALUATED}
    assert Process.objects.count() >= 8
    assert Process.objects.values("ministry").distinct().count() >= 5
    for demo in DEMO_PROCESSES:
        expected = Status.EVALUATED if demo.title == ANSWERED_TITLE else demo.status
        assert Process.objects.get(slug=demo.slug).status == expected


def test_public_processes_carry_an_answered_opinion(demo):
    public = Process.objects.filter(status__in=PUBLIC_STATUSES)
    assert public.count() >= 4
    for process in public:
        opinion = process.referral.opinion
        assert opinion.reasoning
        assert not opinion.recommendations.filter(answer="").exists()
        assert process.published_at is not None
    assert public.filter(status=Status.PUBLISHED, publish_opinion_at_launch=True).exists()


def test_the_demo_covers_every_verdict_and_every_answer(demo):
    verdicts = set(Opinion.objects.values_list("verdict", flat=True))
    assert verdicts == set(Opinion.Verdict.values)
    answered = Recommendation.objects.exclude(answer="")
    assert set(answered.values_list("answer", flat=True)) == set(Recommendation.Answer.values)
    for recommendation in answered.exclude(answer=Recommendation.Answer.ACCEPTED):
        assert recommendation.answer_reason
        assert recommendation.answered_by == recommendation.opinion.referral.process.sponsor
    # A sponsor still has recommendations to answer.
    assert Recommendation.objects.filter(answer="", opinion__verdict="with_recommendations")


def test_the_demo_accounts_have_work_in_progress(demo):
    advisor = User.objects.get(email=ADVISOR)
    assigned = Referral.objects.exclude(advisor=None)
    assert assigned.filter(advisor=advisor).count() > assigned.count() / 2
    assert Referral.objects.filter(advisor=advisor, process__status=Status.UNDER_REVIEW)
    lead = User.objects.get(email="agent.ecologie@exemple.gouv.fr")
    ecology = Process.objects.filter(ministry__slug="transition-ecologique")
    assert ecology.filter(project_lead=lead).count() >= 3
    assert ecology.values("status").distinct().count() >= 4
    referent = User.objects.get(email="referente.ecologie@exemple.gouv.fr")
    assert Referral.objects.filter(submitted_by=referent).count() >= 3


def test_the_demo_history_is_coherent_with_today(demo):
    today, now = timezone.localdate(), timezone.now()
    assert not Transition.objects.filter(at__gt=now).exists()
    for process in Process.objects.exclude(status=Status.DRAFT):
        times = list(process.transitions.values_list("at", flat=True))
        assert times == sorted(times)
        if process.status == Status.OPEN:
            assert process.participation_start <= today <= process.participation_end
        elif process.status == Status.PUBLISHED:
            assert process.participation_start > today
        elif process.status in PUBLIC_STATUSES:  # over: closed, answered, evaluated
            assert process.participation_end < today
        # The CIPC was referred early enough, and the version it judged says so.
        precheck = {r["code"]: r["status"] for r in process.referral.version.precheck["results"]}
        if process.is_public:
            assert set(precheck.values()) == {"met"}
        opinion = getattr(process.referral, "opinion", None)
        if opinion:
            assert timezone.localtime(opinion.issued_at).date() <= process.referral.due_date
    overdue = [referral for referral in Referral.objects.all() if referral.is_overdue]
    assert len(overdue) == 1


def test_the_demo_timelines_run_forward_in_the_past():
    for demo in DEMO_PROCESSES:
        last = LAST_STEP[demo.status]
        steps = ["created", *(STEPS[: STEPS.index(last) + 1] if last else ())]
        if any(r.answer for r in demo.recommendations):
            steps.insert(steps.index("opinion") + 1, "answered")
        offsets = [demo.days[step] for step in steps]
        assert set(demo.days) == set(steps), demo.title
        assert offsets == sorted(set(offsets)) and offsets[-1] < 0, demo.title


def test_open_demo_processes_have_modules_and_contributions(demo):
    from concerto.demo import analysis
    from concerto.participation.models import Contribution, Module
    from concerto.processes.models import Process

    open_processes = Process.objects.filter(status="open")
    assert open_processes.count() >= 1
    # The first open process also holds the Grand Débat answers for the analysis demo.
    consultation = Module.objects.get(title=analysis.TITLE)
    assert consultation.contributions.count() == 320
    for process in open_processes:
        modules = process.modules.exclude(pk=consultation.pk)
        kinds = sorted(modules.values_list("kind", flat=True))
        assert kinds == ["dossier", "meetings", "proposals", "questionnaire"]
        proposals = Contribution.objects.filter(module__in=modules, kind="proposal")
        assert proposals.count() == 5
        paper = Contribution.objects.filter(module__in=modules, channel="paper")
        assert list(paper.values_list("kind", "title")) == [
            ("proposal", "Des permanences en mairie")
        ]
    count = Module.objects.count()
    load_demo()
    assert Module.objects.count() == count


def test_every_demo_account_signs_in_and_reaches_its_dashboard(demo, client):
    for account in DEMO_ACCOUNTS:
        client.logout()
        response = client.post(
            "/connexion/", {"username": account.email, "password": DEMO_PASSWORD}, follow=True
        )
        if account.role in (Role.ADMINISTRATOR, Role.CIPC_ADVISOR):
            # The second factor, with the demo secret the README documents.
            assert response.redirect_chain[-1][0] == "/connexion/verification/", account.email
            assert "_auth_user_id" not in client.session
            TOTPDevice.objects.filter(user__email=account.email).update(last_t=-1)
            code = totp(bytes.fromhex(DEMO_TOTP_KEY))
            response = client.post("/connexion/verification/", {"code": f"{code:06d}"}, follow=True)
        assert response.status_code == 200, account.email
        assert response.redirect_chain[-1][0].startswith("/tableau-de-bord/"), account.email
        assert response.context["user"].email == account.email


def test_the_demo_panel_is_drawn_by_lot_within_its_quotas_and_published(demo):
    from concerto.demo.panels import PANEL_NAME, PANEL_SIZE, POOL_SIZE
    from concerto.panels.models import Panel, PoolMember

    panel = Panel.objects.get(name=PANEL_NAME)
    assert panel.status == Panel.Status.PUBLISHED
    assert panel.pool_size == POOL_SIZE
    assert panel.pool.filter(status=PoolMember.Status.SELECTED).count() == PANEL_SIZE
    for quota in panel.quotas.all():
        assert quota.min <= panel.selected_counts[quota.category][quota.value] <= quota.max
    # Quotas pre-filled in proportion to the pool let LEXIMIN give everyone k/n = 10 %.
    assert round(panel.min_probability, 6) == 0.1
    assert min(panel.result.values()) == pytest.approx(panel.min_probability, abs=1e-9)
    load_demo()
    assert Panel.objects.filter(name=PANEL_NAME).count() == 1


def test_one_process_is_answered_end_to_end(demo, client):
    """Issue 23: a newcomer sees the flagship journey: a published synthesis, answers per
    theme and per proposal, milestones (one late), a kept and a late commitment, citizen
    ratings and an evaluation report, all built through the real actions."""
    from concerto.analysis.models import Synthesis
    from concerto.followup.models import Answer, Rating
    from concerto.followup.queries import (
        follow_up_counts,
        process_commitments,
        state_follow_up,
    )

    process = Process.objects.get(title=ANSWERED_TITLE)
    assert process.status == Status.EVALUATED
    assert process.evaluation_report.is_published
    assert Synthesis.objects.filter(module__process=process).count() == 1
    answers = Answer.objects.published().filter(process=process)
    # Two proposals and one suggestion on the co-drafted plan (concerto/demo/codrafting.py).
    assert sorted(answers.values_list("level", flat=True)) == ["proposal"] * 3 + ["theme"] * 4
    assert all(a.contributions.exists() for a in answers)
    theme_answers = answers.filter(level="theme")
    assert sum(a.contributions.count() for a in theme_answers) == sum(
        a.analysis_theme.size for a in theme_answers
    )
    late = [m for a in answers for m in a.milestones.all() if m.is_late()]
    assert [m.title for m in late] == ["Premiers points de réparation ouverts"]
    kept, overdue = process_commitments(process)
    assert (kept.delivered_at is not None, kept.late) == (True, False)
    assert (overdue.delivered_at, overdue.late) == (None, True)
    assert Rating.objects.filter(answer__process=process).count() == 6
    counts = follow_up_counts([process.pk])
    # 320 answers, 3 proposals, and 4 suggestions and 3 arguments on the co-drafted plan.
    assert counts.contributions == 330 and 0 < counts.covered < counts.contributions
    page = client.get(f"/dispositifs/{process.slug}/suites/").content.decode()
    assert "En retard" in page
    state = state_follow_up()
    home = client.get("/").content.decode()
    assert f"({state.covered} contributions sur {state.contributions}" in home
    assert state.covered == counts.covered  # the only answered process of the demo


def test_the_demo_plan_is_co_drafted_and_one_suggestion_answered(demo, client):
    """Issue 26: in the answered process, a published five-article draft plan (the last
    article closed), citizens' rewordings and a new article, supported and argued, the
    most supported one answered in the devoir de suite; its pages answer."""
    from django.urls import reverse

    from concerto.codrafting.models import Suggestion
    from concerto.demo import codrafting
    from concerto.followup.models import Answer
    from concerto.participation.models import Contribution, Module

    module = Module.objects.get(title=codrafting.TITLE)
    process = module.process
    assert (process.title, module.kind) == (ANSWERED_TITLE, "text")
    version = module.text_versions.get()
    assert (version.number, version.name, version.is_published) == (1, codrafting.NAME, True)
    articles = version.units.filter(kind="article").order_by("position")
    assert list(articles.values_list("label", "open")) == [
        ("Article 1er", True), ("Article 2", True), ("Article 3", True), ("Article 4", True),
        ("Article 5", False),
    ]  # fmt: skip
    assert articles.last().closed_reason == codrafting.CLOSED_REASON
    suggestions = Suggestion.objects.filter(unit__version=version).order_by("pk")
    assert list(suggestions.values_list("action", "unit__key", "supports_count")) == [
        ("reword", "c1.a1.p2", 4), ("reword", "c2.a1.p1", 3), ("reword", "c2.a2.p1", 2),
        ("new_article", "c1.a2", 2),
    ]  # fmt: skip
    arguments = Contribution.objects.filter(module=module, kind="argument")
    assert sorted(arguments.values_list("stance", flat=True)) == ["against", "for", "for"]
    answer = Answer.objects.get(contributions=suggestions[0].contribution)
    assert (answer.status.code, answer.text, answer.reason) == (
        "partly-retained", codrafting.ANSWER, codrafting.ANSWER_REASON,
    )  # fmt: skip
    assert answer.published_at is not None
    # Loading the demo again adds nothing.
    load_demo()
    assert Contribution.objects.filter(module=module).count() == 7
    assert Module.objects.filter(title=codrafting.TITLE).count() == 1

    public = {"slug": process.slug, "module_id": module.pk}
    urls = [
        reverse("codrafting:module", kwargs=public),
        reverse("codrafting:versions", kwargs=public),
        reverse("codrafting:version", kwargs={**public, "number": 1}),
        *(reverse("codrafting:article", kwargs={**public, "unit_id": a.pk}) for a in articles),
        *(
            reverse("codrafting:suggestion", kwargs={**public, "suggestion_id": s.pk})
            for s in suggestions
        ),
        f"/dispositifs/{process.slug}/suites/",
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    client.force_login(process.project_lead)
    organiser = {"pk": process.pk, "module_id": module.pk}
    urls = [
        reverse("codrafting:manage", kwargs=organiser),
        *(reverse("codrafting:review", kwargs={**organiser, "unit_id": a.pk}) for a in articles),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
