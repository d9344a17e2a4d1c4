"""One coherent world for the authorisation matrix: a process of ministry A at each stage
of its life, with everything the platform's actions act on, and one user per role.

Everything is built through the real actions, as a user would have done it, so that the
matrix probes the code paths that production data goes through.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from concerto.accounts.roles import OrganisationKind, Role
from concerto.processes.lifecycle import Status
from tests.factories import (
    CipcFactory,
    DirectorateFactory,
    MinistryFactory,
    UserFactory,
    complete_process,
    user_with_role,
    walk_to,
)

# The roles of the matrix, in the order reports list them.
ANONYMOUS = "anonymous"
CITIZEN = "citizen"
AGENT = "agent"  # agent of the process's ministry (A), not the process's lead
OTHER_AGENT = "other_agent"  # agent of another ministry (B)
REFERENT = "referent"  # referent of ministry A
CIPC = "cipc"  # CIPC advisor, the one assigned to the referral under review
EXPERT_IN = "expert_in"  # expert of the group that studies A's processes, evaluator of them
EXPERT_OUT = "expert_out"  # expert of another group, with no access
ADMIN = "admin"

# The figures an analysis run stores (read by the analysis templates).
ANALYSIS_FIGURES = ("campaigns", "contributions", "contributors", "copies", "copies_by_others",
                    "in_campaigns", "offline", "offline_percent", "own_repeats")  # fmt: skip

ROLES = (ANONYMOUS, CITIZEN, AGENT, OTHER_AGENT, REFERENT, CIPC, EXPERT_IN, EXPERT_OUT, ADMIN)


@dataclass
class World:
    users: dict = field(default_factory=dict)

    def user(self, role: str):
        return self.users.get(role)


def build() -> World:  # noqa: PLR0915 - one world, built in reading order
    from concerto.notifications.actions import without_emails

    with without_emails():
        return _build()


def _build() -> World:  # noqa: PLR0915
    w = World()
    today = timezone.localdate()
    now = timezone.now()

    # --- Organisations and the users of the matrix -------------------------------------
    w.ministry = MinistryFactory(name="Ministère A", slug="ministere-a")
    w.directorate = DirectorateFactory(parent=w.ministry, name="Direction A", slug="direction-a")
    w.other_ministry = MinistryFactory(name="Ministère B", slug="ministere-b")
    other_directorate = DirectorateFactory(
        parent=w.other_ministry, name="Direction B", slug="direction-b"
    )
    cipc_org = CipcFactory()
    group_org = MinistryFactory(kind=OrganisationKind.EXPERT_GROUP, slug="experts",
                                name="Groupe d'experts")  # fmt: skip
    w.users = {
        ANONYMOUS: None,
        CITIZEN: user_with_role(Role.CITIZEN, email="citoyen@exemple.fr"),
        AGENT: user_with_role(Role.AGENT, organisation=w.directorate, email="agent@a.fr"),
        OTHER_AGENT: user_with_role(
            Role.AGENT, organisation=other_directorate, email="agent@b.fr"
        ),  # fmt: skip
        REFERENT: user_with_role(Role.REFERENT, organisation=w.ministry, email="referent@a.fr"),
        CIPC: user_with_role(Role.CIPC_ADVISOR, organisation=cipc_org, email="conseil@cipc.fr"),
        EXPERT_IN: user_with_role(Role.EXPERT, organisation=group_org, email="expert1@ex.fr"),
        EXPERT_OUT: user_with_role(Role.EXPERT, organisation=group_org, email="expert2@ex.fr"),
        ADMIN: user_with_role(Role.ADMINISTRATOR, email="admin@exemple.fr"),
    }
    u = w.users
    # The process's lead and sponsor is a fourth agent of ministry A, so that the matrix's
    # "agent" tests the ministry-wide rules, not the lead's own.
    w.lead = user_with_role(Role.AGENT, organisation=w.directorate, email="cheffe@a.fr")

    def process(title, status):
        p = complete_process(ministry=w.ministry, title=title, agent=w.lead)
        if status != Status.DRAFT:
            walk_to(p, status, referent=u[REFERENT], advisor=u[CIPC], answerer=w.lead)
        p.refresh_from_db()
        return p

    w.draft = process("Dispositif brouillon", Status.DRAFT)
    w.ready = process("Dispositif prêt pour le référent", Status.READY_FOR_REFERENT)
    w.submitted = process("Dispositif saisi", Status.SUBMITTED)
    w.review = process("Dispositif en examen", Status.UNDER_REVIEW)
    w.opinion = process("Dispositif avisé", Status.OPINION_ISSUED)
    w.published = process("Dispositif publié", Status.PUBLISHED)
    w.open = process("Dispositif ouvert", Status.OPEN)
    w.closed = process("Dispositif clos", Status.OPEN)  # closed below, once contributions exist
    w.recommendation = w.opinion.referral.opinion.recommendations.get()
    from concerto.processes.actions.referral import ask_question

    ask_question(w.review, actor=u[CIPC], body="Quel calendrier ?")

    _participation(w, today, now)
    _closed_life(w, today)
    _staff_life(w, today, now)
    return w


def _participation(w, today, now):
    from concerto.dossiers.actions import add_document, suggest_source
    from concerto.meetings.actions import create_meeting, register
    from concerto.opinionmaps.actions import add_seed_statement, propose_statement
    from concerto.participation.actions.modules import create_module
    from concerto.participation.models import Contribution, ContributionKind
    from concerto.proposals.actions import argue_proposal, submit_proposal
    from concerto.questionnaires.actions import add_question
    from concerto.questionnaires.models import QuestionKind

    u = w.users

    def module(kind, title, process=None):
        return create_module(
            process or w.open, actor=w.lead, kind=kind, title=title,
            opens_on=today - timedelta(days=1), closes_on=today + timedelta(days=30),
        )  # fmt: skip

    w.dossier = module("dossier", "Le dossier")
    w.document = add_document(w.dossier, actor=w.lead, title="Étude d'impact", source="Ministère A",
                              summary="Résumé", body="Texte.")  # fmt: skip
    w.suggestion, _created = suggest_source(
        w.dossier, author=u[CITIZEN], title="Étude manquante", url="", why="Elle manque.",
        idempotency_key=None,
    )  # fmt: skip
    w.questionnaire = module("questionnaire", "Le questionnaire")
    w.question = add_question(w.questionnaire, actor=w.lead, kind=QuestionKind.OPEN,
                              text="Vos idées ?")  # fmt: skip
    w.proposals = module("proposals", "Les propositions")
    w.proposal, _ = submit_proposal(
        w.proposals, author=u[CITIZEN], title="Des pistes cyclables",
        body="Partout.", idempotency_key=None,
    )  # fmt: skip
    w.other_proposal, _ = submit_proposal(
        w.proposals, author=w.lead, title="Des arceaux", body="Aux gares.", idempotency_key=None
    )
    w.argument, _ = argue_proposal(
        w.proposal, author=w.lead, stance="for", body="Sûr.", idempotency_key=None
    )
    w.meetings = module("meetings", "Les réunions")
    starts = now.replace(microsecond=0) + timedelta(days=7)
    w.meeting = create_meeting(
        w.meetings, actor=w.lead, title="Réunion à Lyon", starts_at=starts,
        ends_at=starts + timedelta(hours=2), address="Hôtel de ville, Lyon",
    )  # fmt: skip
    register(w.meeting, user=u[CITIZEN])
    w.map = module("opinion_map", "La carte")
    w.statement = add_seed_statement(w.map, actor=w.lead, text="Il faut plus de pistes.")
    # The citizen's own contribution (edited, withdrawn, reported in the matrix).
    w.contribution = Contribution.objects.create(
        module=w.proposals, kind=ContributionKind.PROPOSAL, author=u[CITIZEN],
        title="Ma contribution", body="Mon texte.",
    )  # fmt: skip
    w.pending_statement, _ = propose_statement(
        w.map, author=u[CITIZEN], text="Moins de voitures.", idempotency_key=None
    )
    _codrafting(w, module)
    # Profile questions asked by the open process (answered and published in the matrix).
    from concerto.representativeness.actions import configure_profile

    configure_profile(w.open, actor=w.lead, questions=["gender"], alert_percent=80)
    # A module of the published process its organisers unpublished (published again in
    # the matrix).
    from concerto.participation.actions import set_module_published

    w.unpublished = module("questionnaire", "Module dépublié", process=w.published)
    set_module_published(w.unpublished, actor=w.lead, published=False)
    # A process whose follow-up is published: the referent archives it in the matrix.
    from tests.processes.helpers import finished_process

    w.finished = finished_process(
        n_citizens=1, title="Dispositif terminé", ministry=w.ministry
    ).process


CODRAFT = """\
# Projet de loi pour des mobilités actives

### Article 1er

Les communes aménagent des pistes cyclables.

Ces pistes sont séparées de la chaussée.

### Article 2

L'État finance les arceaux près des gares.

### Article 3

La présente loi entre en vigueur le 1er janvier 2027.
"""


def _codrafting(w, module):
    """The text to co-draft: version 1 published, with a citizen's rewording of one of
    its paragraphs, and version 2 in preparation (the organiser's unpublished units)."""
    from concerto.codrafting import actions as codrafting
    from concerto.codrafting.models import UnitKind

    w.text = module("text", "Le projet de loi")
    v1, _reading = codrafting.import_draft(
        w.text, actor=w.lead, data=CODRAFT, format="markdown", name="Projet de loi"
    )
    w.text_v1 = codrafting.publish_version(v1, actor=w.lead)
    w.text_article = w.text_v1.units.get(kind=UnitKind.ARTICLE, label="Article 1er")
    w.text_paragraph = w.text_article.children.order_by("position").last()
    w.text_suggestion, _ = codrafting.suggest_rewording(
        w.text_paragraph, author=w.users[CITIZEN], text="Ces pistes sont protégées.",
        idempotency_key=None,
    )  # fmt: skip
    w.text_v2 = codrafting.start_version(w.text, actor=w.lead)
    w.text_draft_article = w.text_v2.units.get(origin=w.text_article)
    w.text_draft_paragraph = w.text_v2.units.get(origin=w.text_paragraph)


def _closed_life(w, today):
    """The closed process: contributions, follow-up answers, analysis, evaluation, panel."""
    from concerto.analysis.models import Analysis, CampaignGroup
    from concerto.analysis.models import Theme as AnalysisTheme
    from concerto.evaluation.actions import grant_evaluator
    from concerto.followup import actions as followup
    from concerto.followup.closing import close_participation
    from concerto.followup.models import AnswerLevel, AnswerStatus
    from concerto.panels.actions import create_panel, import_pool
    from concerto.participation.actions.modules import create_module
    from concerto.participation.models import Contribution, ContributionKind
    from tests.followup.conftest import ensure_statuses
    from tests.panels.helpers import drawn_panel, pool_csv

    u = w.users
    ensure_statuses()
    w.closed_module = create_module(
        w.closed, actor=w.lead, kind="proposals", title="Propositions closes",
        opens_on=today - timedelta(days=30), closes_on=today + timedelta(days=30),
    )  # fmt: skip
    w.closed_contribution = Contribution.objects.create(
        module=w.closed_module, kind=ContributionKind.PROPOSAL, author=u[CITIZEN],
        title="Proposition close", body="Un texte.",
    )  # fmt: skip
    # A drawn panel of the closed process, drawn while participation was open.
    w.closed_panel, _referent, _draw = drawn_panel(process=w.closed, referent=u[REFERENT])
    close_participation(w.closed, actor=u[REFERENT])
    w.closed.refresh_from_db()
    w.closed_module.closes_on = today - timedelta(days=1)
    w.closed_module.save(update_fields=["closes_on"])
    w.answer = followup.save_answer(
        w.closed, actor=w.lead,
        fields={"level": AnswerLevel.PROPOSAL, "status": AnswerStatus.objects.get(code="retained"),
                "text": "Retenue."},
        contributions=[w.closed_contribution],
    )  # fmt: skip
    w.milestone = followup.add_milestone(
        w.answer, actor=w.lead, title="Plan", due_date=today + timedelta(days=30)
    )
    w.commitment = w.closed.commitments.first()
    # An analysis stored as the engine would have left it (the engine has its own tests).
    w.analysis = Analysis.objects.create(
        module=w.closed_module, status=Analysis.Status.DONE, created_by=w.lead,
        figures={key: 0 for key in ANALYSIS_FIGURES} | {"contributions": 1, "contributors": 1},
        finished_at=timezone.now(),
    )  # fmt: skip
    w.analysis_theme = AnalysisTheme.objects.create(
        analysis=w.analysis, label="Pistes", size=1, authors=1
    )
    w.campaign = CampaignGroup.objects.create(
        analysis=w.analysis, kind=CampaignGroup.Kind.TEXT, size=1, authors=1,
        example=w.closed_contribution,
    )  # fmt: skip
    grant_evaluator(w.closed, actor=u[CIPC], expert=u[EXPERT_IN])
    from concerto.evaluation.actions import open_survey

    w.survey = open_survey(w.closed, actor=u[REFERENT], audience="participants")
    # A panel of the published process, with a pool, and one drawn member.
    w.panel = create_panel(w.published, actor=u[REFERENT], name="Panel vélo", size=10,
                           retention_date=today + timedelta(days=90))  # fmt: skip
    import_pool(w.panel, actor=u[REFERENT], data=pool_csv(40))
    w.panel.refresh_from_db()
    w.pool_member = w.panel.pool.first() if hasattr(w.panel, "pool") else None
    _panel_life(w, today)


def _panel_life(w, today):
    """A panel still recruiting (categories, an invitation batch) and the closed process's
    drawn panel with a session, a recommendation and a designated analysis provider."""
    from concerto.analysis import providers
    from concerto.panels import recommendations, sessions
    from concerto.panels.actions import create_panel
    from tests.panels.helpers import CATEGORIES, invite

    u = w.users
    w.recruiting = create_panel(w.published, actor=u[REFERENT], name="Panel recruté", size=2,
                                retention_date=today + timedelta(days=90))  # fmt: skip
    from concerto.panels import recruitment

    recruitment.define_categories(w.recruiting, actor=u[REFERENT], categories=CATEGORIES)
    w.batch, codes = invite(w.recruiting, u[REFERENT])
    w.invitation_code = codes[0]
    w.panel_session = sessions.plan_session(
        w.closed_panel, actor=u[REFERENT], title="Séance 1", starts_at=timezone.now(),
        online=False, place="Paris", agenda="Ouverture.",
    )  # fmt: skip
    w.panel_recommendation = recommendations.add_recommendation(
        w.closed_panel, actor=u[REFERENT], text="Des pistes."
    )
    provider_org = MinistryFactory(kind=OrganisationKind.PROVIDER, slug="prestataire",
                                   name="Prestataire")  # fmt: skip
    w.provider = user_with_role(Role.PROVIDER, organisation=provider_org,
                                email="analyste@prestataire.fr")  # fmt: skip
    w.provider_access = providers.grant_provider(
        w.closed_module, actor=u[REFERENT], email=w.provider.email
    )


def _staff_life(w, today, now):
    """The platform's staff-facing objects: expert group, trainings, support, orders,
    network, community, notifications, jobs, identities, API tokens, resources."""
    from concerto.api.actions import create_token
    from concerto.api.models import Scope
    from concerto.community import actions as community
    from concerto.expertgroups import actions as experts
    from concerto.expertgroups.models import DraftKind
    from concerto.identity.models import LinkedIdentity
    from concerto.jobs.models import Job
    from concerto.network import actions as network
    from concerto.network.models import ActionPlan, PlanAction
    from concerto.notifications.models import Notification
    from concerto.procurement.actions import place_order, validate_as_referent
    from concerto.support import actions as support
    from concerto.trainings import actions as trainings
    from concerto.trainings.models import Registration
    from tests.newsletter.helpers import edition as newsletter_edition
    from tests.procurement.factories import make_contract
    from tests.resources.helpers import sheet
    from tests.resources.helpers import theme as faq_theme
    from tests.trainings.factories import make_session, make_training

    u = w.users
    w.group = experts.save_group(
        actor=u[CIPC],
        fields={"name": "Experts de la participation", "mandate": "Étudier les dispositifs.",
                "starts_on": today - timedelta(days=10)},
        members=[u[EXPERT_IN]], processes=[w.closed],
    )  # fmt: skip
    w.draft_text = experts.create_draft(
        w.group, actor=u[EXPERT_IN], kind=DraftKind.RECOMMENDATION, title="Mieux associer",
        body="Associer les publics.", processes=[w.closed],
    )  # fmt: skip
    w.published_text = experts.create_draft(
        w.group, actor=u[EXPERT_IN], kind=DraftKind.RECOMMENDATION, title="Rendre compte",
        body="Toujours.",
    )  # fmt: skip
    experts.publish_recommendation(w.published_text, actor=u[CIPC])
    w.published_text.refresh_from_db()

    training = make_training()
    w.training = training
    w.trainer = UserFactory(email="formatrice@exemple.fr")
    w.session = make_session(training, trainer=w.trainer)
    w.registration = trainings.register(w.session, user=u[AGENT])
    # A session held two days ago (the trainer takes attendance), attended by the agent.
    w.past_session = make_session(training, in_days=-2, capacity=5, trainer=w.trainer)
    w.past_registration = Registration.objects.create(
        session=w.past_session, user=u[AGENT], status=Registration.Status.CONFIRMED,
        attended=True,
    )  # fmt: skip

    w.support_request = support.submit_request(
        actor=u[AGENT], ministry=w.ministry, title="Convention citoyenne", context="Plan eau.",
        needs="Méthode.", calendar="2027", formula_requested="coaching",
    )  # fmt: skip
    w.accepted_request = support.submit_request(
        actor=u[AGENT], ministry=w.ministry, title="Atelier", context="Plan vélo.",
        needs="Animation.", calendar="2027", formula_requested="coaching",
    )  # fmt: skip
    support.accept_request(w.accepted_request, actor=u[CIPC])
    w.support_milestone = support.add_milestone(
        w.accepted_request, actor=u[CIPC], title="Cadrage", due_date=today + timedelta(days=10)
    )

    _contract, _lot, w.holder, services = make_contract()
    w.order, _ = place_order(
        actor=u[AGENT], process=w.open, holder=w.holder, title="Ateliers",
        quantities={services["day"].pk: Decimal("2")}, request_key="authz",
    )  # fmt: skip
    # A second order, validated by the referent: the CIPC's step.
    w.validated_order, _ = place_order(
        actor=u[AGENT], process=w.open, holder=w.holder, title="Panel",
        quantities={services["day"].pk: Decimal("1")}, request_key="authz-2",
    )  # fmt: skip
    validate_as_referent(w.validated_order, actor=u[REFERENT])

    w.plan = ActionPlan.objects.create(
        ministry=w.ministry, title="Plan participation A", strategy="Associer.",
        period_start=today - timedelta(days=100), period_end=today + timedelta(days=600),
    )  # fmt: skip
    w.plan_action = PlanAction.objects.create(
        plan=w.plan, title="Former", owner=u[REFERENT], due_date=today + timedelta(days=20)
    )
    w.network_meeting = network.schedule_meeting(
        actor=u[CIPC], title="Réseau — juin", place="Ségur",
        starts_at=now - timedelta(days=2), agenda="Tour de table.",
    )  # fmt: skip
    network.record_minutes(w.network_meeting, actor=u[CIPC], minutes="Tour de table.",
                           decisions=[], present_ids=[])  # fmt: skip

    w.community_question = community.ask_question(actor=u[AGENT], title="Quel outil ?",
                                                  body="Pour un panel.")  # fmt: skip
    w.community_reply = community.reply(w.community_question, actor=u[REFERENT], body="Celui-ci.")
    # A solved question, ready for the CIPC to promote to the FAQ.
    w.solved_question = community.ask_question(actor=u[AGENT], title="Quel prestataire ?",
                                               body="Pour un atelier.")  # fmt: skip
    solved_reply = community.reply(w.solved_question, actor=u[REFERENT], body="Le marché.")
    community.accept_reply(solved_reply, actor=u[AGENT])
    w.faq_theme = faq_theme("Outils")

    w.notification = Notification.objects.create(recipient=u[CITIZEN], subject="Bonjour",
                                                 body="Message.", url="/")  # fmt: skip
    w.job = Job.objects.create(owner=u[AGENT], label="Export", status=Job.Status.SUCCEEDED)
    w.identity = LinkedIdentity.objects.create(
        user=u[CITIZEN], provider="franceconnect", sub="fc-1", email="citoyen@exemple.fr"
    )
    w.token, w.token_secret = create_token(
        w.ministry, actor=u[REFERENT], name="Partenaire",
        scopes=[Scope.CONTRIBUTIONS_WRITE, Scope.ANSWERS_WRITE],
    )  # fmt: skip
    # Tokens of ministry A each lacking the other endpoint's write scope.
    _t, w.answers_only_secret = create_token(
        w.ministry, actor=u[REFERENT], name="Réponses", scopes=[Scope.ANSWERS_WRITE]
    )
    _t, w.contributions_only_secret = create_token(
        w.ministry, actor=u[REFERENT], name="Contributions", scopes=[Scope.CONTRIBUTIONS_WRITE]
    )
    w.other_token, w.other_token_secret = create_token(
        w.other_ministry, actor=u[ADMIN], name="Autre",
        scopes=[Scope.CONTRIBUTIONS_WRITE, Scope.ANSWERS_WRITE],
    )  # fmt: skip
    w.sheet = sheet()
    w.edition = newsletter_edition("Lettre du réseau", publish=False)
    w.year = today.year
    return w
