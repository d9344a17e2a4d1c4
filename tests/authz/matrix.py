"""The authorisation matrix: every action of the platform and exactly who may do it.

One entry per URL name of `concerto.urls`. Each says which HTTP methods the matrix
probes, how the URL's arguments come from the shared world (tests/authz/scenario.py),
and the set of roles allowed. Every other role must be refused (403, 404 or a redirect
to the sign-in page) and, for a POST, nothing may change in the database.

A POST is probed with an empty form, or with the valid `data` given. With an empty form
an allowed role may get the form back with errors (200/400) or be redirected: it got past
the authorisation. A redirect carrying an error message with nothing changed counts as a
refusal, unless the entry says (`bounce`) that its own state checks answered. With valid
data (or for the TRANSITIONS below) an allowed role must actually change something
(`acts`), so a success-looking no-op for the wrong role is caught. A refused role must
change nothing: no row count, no row of the target, no row written at all (UPDATE/DELETE
that touched a row). 410 Gone (an unknown or expired link) is a refusal. The state of
each target object is chosen so that the action is possible for its rightful users (a
draft to edit, a referral under review to give an opinion on...).

Adding a URL to the platform without an entry here fails tests/authz/test_matrix.py.
"""

from dataclasses import dataclass, field, replace

from tests.authz.scenario import (
    ADMIN,
    AGENT,
    ANONYMOUS,
    CIPC,
    CITIZEN,
    EXPERT_IN,
    EXPERT_OUT,
    OTHER_AGENT,
    REFERENT,
    ROLES,
)

# --- Role groups ---------------------------------------------------------------------
EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {ANONYMOUS}
NOBODY = frozenset()
# Agents and referent of the process's ministry A: the process's organisers.
MINISTRY = frozenset({AGENT, REFERENT})
# Who sees a process's workspace: its ministry and the CIPC.
WORKSPACE = MINISTRY | {CIPC}
# Public servants of the State (trainings, community, framework contract).
STAFF = frozenset({AGENT, OTHER_AGENT, REFERENT, CIPC, ADMIN})
MEMBERS = STAFF | {EXPERT_IN, EXPERT_OUT}  # the agents' community
EXPERTS = frozenset({EXPERT_IN, EXPERT_OUT})

# --- Token roles for the API (write endpoints) ------------------------------------------
NO_TOKEN = "no_token"
OTHER_ORG_TOKEN = "other_org_token"  # a token of ministry B, with every scope
READ_TOKEN = "read_token"  # a token of ministry A without any write scope
WRITE_TOKEN = "write_token"  # a token of ministry A with the write scopes
TOKEN_ROLES = (NO_TOKEN, OTHER_ORG_TOKEN, READ_TOKEN, WRITE_TOKEN)


@dataclass(frozen=True)
class Action:
    methods: tuple[str, ...]
    allowed: frozenset
    kwargs: dict = field(default_factory=dict)
    # POST body (a dict, or a callable taking the world) and, for the API, JSON.
    data: object = None
    json: bool = False
    headers: dict = field(default_factory=dict)
    # Roles (or token roles) probed; the API's write endpoints use TOKEN_ROLES.
    roles: tuple[str, ...] = ROLES
    # Where this entry knowingly departs from what it should be: {role: reason}.
    xfail: dict = field(default_factory=dict)
    # Who may POST, where it differs from who may GET (a form shown to more than may send it).
    post_allowed: frozenset | None = None
    # Why a bounce back with an error message (nothing done) still counts as allowed: the
    # action's own state checks answered, after the authorisation (refused roles get a
    # 403 or 404 first). Empty for every other action: there, such a bounce is a refusal.
    bounce: str = ""
    # The POST carries valid data (or needs none): an allowed role must change something,
    # a response that looks like success but changed nothing counts as a refusal.
    acts: bool = False
    # Set when the action is the same for everyone whatever the role (e.g. a static
    # page), to say why it is in the matrix at all.
    note: str = ""

    def allowed_for(self, method: str) -> frozenset:
        if method == "POST" and self.post_allowed is not None:
            return self.post_allowed
        return self.allowed


def get(allowed, **kwargs) -> Action:
    return Action(("GET",), frozenset(allowed), kwargs)


def post(allowed, data=None, bounce="", acts=None, **kwargs) -> Action:
    """A POST; given `data`, it is valid data and the action must act (see Action.acts)."""
    acts = data is not None if acts is None else acts
    return Action(("POST",), frozenset(allowed), kwargs, data=data, bounce=bounce, acts=acts)


def both(allowed, data=None, post=None, **kwargs) -> Action:
    post_allowed = None if post is None else frozenset(post)
    return Action(("GET", "POST"), frozenset(allowed), kwargs, data=data, post_allowed=post_allowed)


def grid_draft(w):
    """A draft of the grid: the first criterion appraised, the others left blank."""
    code = w.review.referral.version.precheck["results"][0]["code"]
    return {"draft": "", f"{code}-score": "met", f"{code}-comment": "Clair."}


PANEL_STEPS = "the drawing follows the panel's own steps (pool, quotas, computation, seed, draw)"

# --- URL name -> action -----------------------------------------------------------------
MATRIX: dict[str, Action] = {
    # pages
    "pages:home": get(EVERYONE),
    "pages:accessibility": get(EVERYONE),
    "pages:legal_notice": get(EVERYONE),
    "pages:charter": get(EVERYONE),
    "pages:personal_data": get(EVERYONE),
    "pages:sitemap": get(EVERYONE),
    "pages:security": get(EVERYONE),
    "pages:security_txt": get(EVERYONE),
    "pages:health": get(EVERYONE),
    # accounts
    "accounts:login": both(EVERYONE),
    "accounts:logout": post(EVERYONE),
    "accounts:signup": both(EVERYONE),
    "accounts:signup_sent": get(EVERYONE),
    # An unknown or expired confirmation link is Gone (410) for everyone.
    "accounts:confirm_address": get(NOBODY, token="'jeton-invalide'"),
    "accounts:password_reset": both(EVERYONE),
    "accounts:password_reset_done": get(EVERYONE),
    "accounts:password_reset_confirm": get(EVERYONE, uidb64="'MQ'", token="'abc-def'"),
    "accounts:password_reset_complete": get(EVERYONE),
    # dashboards, jobs, notifications
    "dashboards:home": get(SIGNED_IN),
    "dashboards:role": get({AGENT, OTHER_AGENT}, slug="'agent'"),
    # administration: people and their roles, for the administrators and the CIPC
    "administration:people": get({CIPC, ADMIN}),
    "administration:people_csv": get({CIPC, ADMIN}),
    "administration:invite": both({CIPC, ADMIN}),
    "administration:site_settings": both({ADMIN}),
    "administration:person": get({CIPC, ADMIN}, user_id=lambda w: w.users[OTHER_AGENT].pk),
    "administration:grant": post({CIPC, ADMIN}, user_id=lambda w: w.users[OTHER_AGENT].pk),
    "administration:revoke": post(
        {CIPC, ADMIN},
        user_id=lambda w: w.users[OTHER_AGENT].pk,
        membership_id=lambda w: w.users[OTHER_AGENT].memberships.first().pk,
    ),
    "administration:activity": get({CIPC, ADMIN}),
    "administration:activity_csv": get({CIPC, ADMIN}),
    "administration:block": post({CIPC, ADMIN}, user_id=lambda w: w.users[OTHER_AGENT].pk),
    "administration:lift_block": post({CIPC, ADMIN}, user_id=lambda w: w.users[OTHER_AGENT].pk),
    "administration:registers": get({CIPC, ADMIN}),
    "administration:register": get({CIPC, ADMIN}, register="'organisations'"),
    "administration:register_csv": get({CIPC, ADMIN}, register="'organisations'"),
    "administration:record_create": both({CIPC, ADMIN}, register="'organisations'"),
    "administration:record": both(
        {CIPC, ADMIN},
        register="'organisations'",
        pk=lambda w: w.users[OTHER_AGENT].memberships.first().organisation_id,
    ),
    "administration:record_delete": post(
        {CIPC, ADMIN},
        register="'organisations'",
        pk=lambda w: w.users[OTHER_AGENT].memberships.first().organisation_id,
    ),
    "jobs:detail": get({AGENT, ADMIN}, job_id="job"),
    "jobs:status": get({AGENT, ADMIN}, job_id="job"),
    "notifications:open": post({CITIZEN}, pk="notification", acts=True),
    # Signed links from an e-mail: a forged or altered token is refused to everyone
    # (tests/mailing/test_unsubscribe.py covers the valid ones).
    "mailing:unsubscribe": both(NOBODY, token="'jeton-invalide'"),
    "mailing:preferences": both(NOBODY, token="'jeton-invalide'"),
    # follows: anyone signed in follows what they may see, and chooses how often to hear.
    "follows:follow": post(
        SIGNED_IN, data={"kind": "followup", "target_id": 0, "state": "on", "next": "/"}
    ),
    "follows:mine": get(SIGNED_IN),
    "follows:preferences": both(
        SIGNED_IN,
        data={
            "auto_follow": "on",
            "answer": "daily",
            "proposal": "weekly",
            "module": "never",
            "process": "immediate",
            "late": "weekly",
        },
    ),  # fmt: skip
    # processes
    "processes:public_list": get(EVERYONE),
    "processes:public_detail": get(EVERYONE, slug="open.slug"),
    "processes:agenda": get(EVERYONE),
    # Any agent lists their own ministry's processes. Administrators are not organisers:
    # process_abilities gives superusers public reading only (kept; intent unstated).
    "processes:workspace_list": get(MINISTRY | {OTHER_AGENT}),
    "processes:create": both(MINISTRY | {OTHER_AGENT}),
    "processes:overview": get(WORKSPACE, pk="draft"),
    "processes:edit_step": both(MINISTRY, pk="draft", step="'identite'"),
    "processes:mark_ready": post({AGENT}, pk="draft", acts=True),
    "processes:return_to_agent": post(
        {REFERENT}, pk="ready", data={"remarks": "Préciser le budget."}
    ),
    "processes:submit": post({REFERENT}, pk="draft"),
    "processes:post_message": post(MINISTRY, pk="review", data={"body": "Voici."}),
    "processes:answer_recommendation": post(NOBODY, pk="opinion", number="recommendation.number"),
    "processes:publish": post(
        {REFERENT}, pk="opinion", bounce="publication waits for the sponsor's answers"
    ),
    "processes:open": post({REFERENT}, pk="published"),
    "processes:duplicate": post(
        MINISTRY, pk="draft", data={"creation_key": "1b4e28ba-2fa1-11d2-883f-0016d3cca427"}
    ),
    "processes:delete": post(MINISTRY, pk="draft", acts=True),
    "processes:archive": post({REFERENT}, pk="finished", acts=True),
    "processes:queue": get({CIPC}),
    "processes:queue_csv": get({CIPC}),
    "processes:review": get({CIPC}, pk="review.referral"),
    "processes:assign": post({CIPC}, pk="submitted.referral"),
    "processes:grid": post({CIPC}, pk="review.referral", data=grid_draft),
    "processes:review_message": post({CIPC}, pk="review.referral"),
    "processes:opinion": post({CIPC}, pk="review.referral"),
    "processes:registry": get({CIPC, ADMIN}),
    "processes:registry_export": get({CIPC, ADMIN}),
    # participation
    "participation:modules": both(MINISTRY, pk="open"),
    "participation:module_edit": both(
        MINISTRY,
        pk="open",
        module_id="proposals",
        data={
            "kind": "proposals",
            "title": "Vos propositions",
            "opens_on": "2020-01-01",
            "closes_on": "2999-01-01",
        },
    ),  # fmt: skip
    "participation:module_close": post(MINISTRY, pk="open", module_id="proposals", acts=True),
    "participation:module_unpublish": post(MINISTRY, pk="open", module_id="proposals", acts=True),
    "participation:module_republish": post(
        MINISTRY, pk="published", module_id="unpublished", acts=True
    ),
    "participation:module_move": post(
        MINISTRY, pk="open", module_id="proposals", data={"position": 1}
    ),
    # The questionnaire of the open process has a question and no response yet.
    "participation:module_delete": post(MINISTRY, pk="open", module_id="questionnaire", acts=True),
    "participation:offline": both(MINISTRY, pk="open", module_id="proposals"),
    "participation:offline_import": both(MINISTRY, pk="open", module_id="proposals"),
    "participation:export": get(WORKSPACE, pk="open", module_id="proposals"),
    "participation:moderation": get(WORKSPACE, pk="open"),
    "participation:state_moderation": both({CIPC}),
    "participation:moderation_log": get(EVERYONE, slug="open.slug"),
    "participation:moderate": post(
        WORKSPACE, contribution_id="contribution", data={"action": "hide", "reason": "spam"}
    ),
    "participation:mine": get(SIGNED_IN),
    "participation:edit": both({CITIZEN}, contribution_id="contribution"),
    "participation:withdraw": post({CITIZEN}, contribution_id="contribution"),
    "participation:report": post(
        SIGNED_IN, contribution_id="contribution", data={"reason": "spam"}
    ),
    "participation:profile": both(SIGNED_IN),
    # dossiers
    "dossiers:module": get(EVERYONE, slug="open.slug", module_id="dossier"),
    "dossiers:document": get(
        EVERYONE, slug="open.slug", module_id="dossier", document_id="document"
    ),
    "dossiers:suggest": both(EVERYONE, slug="open.slug", module_id="dossier"),
    "dossiers:documents": both(MINISTRY, pk="open", module_id="dossier"),
    "dossiers:edit": both(MINISTRY, pk="open", module_id="dossier", document_id="document"),
    "dossiers:move": post(MINISTRY, pk="open", module_id="dossier", document_id="document"),
    "dossiers:delete": post(MINISTRY, pk="open", module_id="dossier", document_id="document"),
    "dossiers:review_suggestion": post(
        MINISTRY,
        data={"decision": "accepted"},
        pk="open",
        module_id="dossier",
        suggestion_id="suggestion",
    ),  # fmt: skip
    # questionnaires
    "questionnaires:module": both(
        EVERYONE, post=SIGNED_IN, slug="open.slug", module_id="questionnaire"
    ),
    "questionnaires:questions": both(MINISTRY, pk="open", module_id="questionnaire"),
    "questionnaires:edit": both(
        MINISTRY, pk="open", module_id="questionnaire", question_id="question"
    ),
    "questionnaires:move": post(
        MINISTRY, pk="open", module_id="questionnaire", question_id="question"
    ),
    "questionnaires:delete": post(
        MINISTRY, pk="open", module_id="questionnaire", question_id="question"
    ),
    "questionnaires:results": post(MINISTRY, pk="open", module_id="questionnaire"),
    # proposals
    "proposals:module": both(EVERYONE, post=SIGNED_IN, slug="open.slug", module_id="proposals"),
    "proposals:merge": both(WORKSPACE, slug="open.slug", module_id="proposals"),
    "proposals:proposal": get(
        EVERYONE, slug="open.slug", module_id="proposals", proposal_id="proposal"
    ),
    "proposals:support": post(
        SIGNED_IN, slug="open.slug", module_id="proposals", proposal_id="proposal"
    ),
    "proposals:comment": post(
        SIGNED_IN, slug="open.slug", module_id="proposals", proposal_id="proposal"
    ),
    "proposals:argue": post(
        SIGNED_IN, slug="open.slug", module_id="proposals", proposal_id="proposal"
    ),
    "proposals:useful": post(
        SIGNED_IN,
        slug="open.slug",
        module_id="proposals",
        proposal_id="proposal",
        argument_id="argument",
    ),  # fmt: skip
    # meetings
    "meetings:module": get(EVERYONE, slug="open.slug", module_id="meetings"),
    "meetings:module_ical": get(EVERYONE, slug="open.slug", module_id="meetings"),
    "meetings:detail": get(EVERYONE, slug="open.slug", module_id="meetings", meeting_id="meeting"),
    # The citizen is already registered (registering again changes nothing).
    "meetings:register": post(
        SIGNED_IN - {CITIZEN}, slug="open.slug", module_id="meetings", meeting_id="meeting"
    ),
    # Only the citizen is registered to the meeting.
    "meetings:cancel": post(
        {CITIZEN}, slug="open.slug", module_id="meetings", meeting_id="meeting", acts=True
    ),
    "meetings:ical": get(EVERYONE, slug="open.slug", module_id="meetings", meeting_id="meeting"),
    "meetings:report_file": get(
        NOBODY, slug="open.slug", module_id="meetings", meeting_id="meeting"
    ),
    "meetings:manage": get(MINISTRY, pk="open", module_id="meetings"),
    "meetings:create": both(MINISTRY, pk="open", module_id="meetings"),
    "meetings:edit": both(MINISTRY, pk="open", module_id="meetings", meeting_id="meeting"),
    "meetings:report": both(MINISTRY, pk="open", module_id="meetings", meeting_id="meeting"),
    # panels
    "panels:public": get(NOBODY, slug="published.slug", panel_id="panel"),
    "panels:lottery": get(NOBODY, slug="published.slug", panel_id="panel", draw_id="'1'"),
    # The authz panel's lottery is not published: nobody reads it yet.
    "panels:panel_lottery": get(NOBODY, slug="published.slug", panel_id="panel"),
    "panels:list": get(MINISTRY, pk="published"),
    "panels:create": both(MINISTRY, pk="published"),
    "panels:detail": get(MINISTRY, pk="published", panel_id="panel"),
    "panels:import_pool": post(MINISTRY, pk="published", panel_id="panel"),
    "panels:quotas": post(MINISTRY, pk="published", panel_id="panel"),
    "panels:compute": post(MINISTRY, pk="published", panel_id="panel"),
    "panels:publish_lottery": post(MINISTRY, pk="published", panel_id="panel", bounce=PANEL_STEPS),
    "panels:export_codes": get(MINISTRY, pk="published", panel_id="panel"),
    "panels:seed": post(MINISTRY, pk="published", panel_id="panel", bounce=PANEL_STEPS),
    "panels:draw": post(MINISTRY, pk="published", panel_id="panel", bounce=PANEL_STEPS),
    "panels:decline": post(
        MINISTRY, pk="published", panel_id="panel", member_id="pool_member", bounce=PANEL_STEPS
    ),
    "panels:publish_replacement_lottery": post(
        MINISTRY, pk="published", panel_id="panel", bounce=PANEL_STEPS
    ),
    "panels:replace": post(MINISTRY, pk="published", panel_id="panel", bounce=PANEL_STEPS),
    "panels:publish": post(MINISTRY, pk="published", panel_id="panel", bounce=PANEL_STEPS),
    # Volunteers register with or without an invitation code, signed in or not.
    "panels:register": both(EVERYONE, slug="published.slug", panel_id="recruiting"),
    "panels:register_code": both(
        EVERYONE, slug="published.slug", panel_id="recruiting", code="invitation_code"
    ),
    "panels:registered": get(EVERYONE, slug="published.slug", panel_id="recruiting"),
    "panels:recruitment": both(MINISTRY, pk="published", panel_id="recruiting"),
    "panels:categories": both(MINISTRY, pk="published", panel_id="recruiting"),
    "panels:export_invitations": get(
        MINISTRY, pk="published", panel_id="recruiting", batch_id="batch"
    ),
    "panels:members": get(MINISTRY, pk="closed", panel_id="closed_panel"),
    "panels:sessions": both(MINISTRY, pk="closed", panel_id="closed_panel"),
    "panels:attendance": both(
        MINISTRY, pk="closed", panel_id="closed_panel", session_id="panel_session"
    ),
    "panels:recommendations": both(MINISTRY, pk="closed", panel_id="closed_panel"),
    "panels:answer_recommendation": both(
        MINISTRY, pk="closed", panel_id="closed_panel", recommendation_id="panel_recommendation"
    ),
    # opinion maps
    "opinionmaps:module": get(EVERYONE, slug="open.slug", module_id="map"),
    "opinionmaps:vote": post(
        SIGNED_IN,
        slug="open.slug",
        module_id="map",
        data=lambda w: {"statement": w.statement.pk, "value": "1"},
    ),
    "opinionmaps:propose": post(SIGNED_IN, slug="open.slug", module_id="map"),
    "opinionmaps:map": get(EVERYONE, slug="open.slug", module_id="map"),
    "opinionmaps:manage": both(WORKSPACE, pk="open", module_id="map"),
    "opinionmaps:moderate": post(
        WORKSPACE, pk="open", module_id="map", statement_id="pending_statement"
    ),
    "opinionmaps:recompute": post(MINISTRY, pk="open", module_id="map"),
    "opinionmaps:export_votes": get(WORKSPACE, pk="open", module_id="map"),
    "opinionmaps:export_results": get(WORKSPACE, pk="open", module_id="map"),
    "opinionmaps:import": post(MINISTRY, pk="open", module_id="map"),
    # co-drafting: the text module of the open process, version 1 published with a
    # citizen's suggestion on a paragraph, version 2 in preparation.
    "codrafting:module": get(EVERYONE, slug="open.slug", module_id="text"),
    "codrafting:article": get(EVERYONE, slug="open.slug", module_id="text", unit_id="text_article"),
    "codrafting:versions": get(EVERYONE, slug="open.slug", module_id="text"),
    "codrafting:version": get(
        EVERYONE, slug="open.slug", module_id="text", number="text_v1.number"
    ),
    "codrafting:text_download": get(
        EVERYONE, slug="open.slug", module_id="text", number="text_v1.number", fmt="'odt'"
    ),
    # Changes are since the draft: version 1 has none, for anyone (404).
    "codrafting:changes_download": get(
        NOBODY, slug="open.slug", module_id="text", number="text_v1.number", fmt="'html'"
    ),
    "codrafting:suggestion": get(
        EVERYONE, slug="open.slug", module_id="text", suggestion_id="text_suggestion"
    ),
    # The module takes no pseudonymous contribution: visitors are sent to sign in.
    "codrafting:suggest": both(
        SIGNED_IN, slug="open.slug", module_id="text", unit_id="text_paragraph"
    ),
    "codrafting:support": post(
        SIGNED_IN, slug="open.slug", module_id="text", suggestion_id="text_suggestion", acts=True
    ),
    "codrafting:comment": post(
        SIGNED_IN,
        slug="open.slug",
        module_id="text",
        suggestion_id="text_suggestion",
        data={
            "commentaire-body": "Bonne idée.",
            "commentaire-idempotency_key": "7a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
        },
    ),
    "codrafting:argue": post(
        SIGNED_IN,
        slug="open.slug",
        module_id="text",
        suggestion_id="text_suggestion",
        data={
            "stance": "for",
            "body": "Plus sûr.",
            "idempotency_key": "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f",
        },
    ),  # fmt: skip
    # Organisers: those who manage the module (the CIPC sees it, and gets 403).
    "codrafting:manage": get(MINISTRY, pk="open", module_id="text"),
    # Version 1 is published: a new import is refused by the action, past the authorisation.
    "codrafting:import": post(MINISTRY, pk="open", module_id="text"),
    "codrafting:publish": post(
        MINISTRY,
        pk="open",
        module_id="text",
        number="text_v2.number",
        data={"note": "Des pistes protégées."},
    ),
    # Version 2 is already in preparation: starting one again shows it, changing nothing.
    "codrafting:new_version": post(MINISTRY, pk="open", module_id="text"),
    "codrafting:edit_unit": both(
        MINISTRY, pk="open", module_id="text", unit_id="text_draft_paragraph"
    ),
    "codrafting:add_article": both(
        MINISTRY, pk="open", module_id="text", unit_id="text_draft_article"
    ),
    "codrafting:review": get(MINISTRY, pk="open", module_id="text", unit_id="text_article"),
    # Answers are the follow-up's: the open process is not closed, so no one answers yet
    # (its organisers get past the module's check and are refused by the follow-up's).
    "codrafting:answer": post(
        NOBODY,
        pk="open",
        module_id="text",
        unit_id="text_article",
        suggestion_id="text_suggestion",
        data=lambda w: {
            f"s{w.text_suggestion.pk}-decision": "accepted",
            f"s{w.text_suggestion.pk}-text": "Retenue.",
        },
    ),  # fmt: skip
    # Merging is the organisers' here (the review page is theirs), not the CIPC's as in
    # proposals:merge. The world has one suggestion: the empty form is sent back.
    "codrafting:merge": post(
        MINISTRY,
        pk="open",
        module_id="text",
        unit_id="text_article",
        suggestion_id="text_suggestion",
    ),
    # follow-up
    "followup:process": get(EVERYONE, slug="closed.slug"),
    "followup:process_feed": get(EVERYONE, slug="closed.slug"),
    "followup:rate": post(NOBODY, slug="closed.slug", answer_id="answer"),
    # The scenario's answer is a draft: nobody reads it on the public site yet.
    "followup:answer_page": get(NOBODY, slug="closed.slug", answer_id="answer"),
    "followup:figures": get(EVERYONE),
    "followup:figures_csv": get(EVERYONE),
    "followup:state_feed": get(EVERYONE),
    # The sponsor's team only: the CIPC follows the follow-up from its public page.
    "followup:workspace": get(MINISTRY, pk="closed"),
    "followup:close": post({REFERENT}, pk="open"),
    "followup:publish": post({REFERENT}, pk="closed"),
    "followup:publish_follow_up": post(
        {REFERENT}, pk="closed", bounce="the follow-up is published once its answers are"
    ),
    "followup:answer_create": both(MINISTRY, pk="closed"),
    "followup:bulk": post(MINISTRY, pk="closed"),
    "followup:answer": both(MINISTRY, pk="closed", answer_id="answer"),
    "followup:milestone_add": post(
        MINISTRY,
        pk="closed",
        answer_id="answer",
        data={"title": "Étape", "due_date": "2030-01-15", "weight": "1", "progress": "0"},
    ),
    "followup:milestone_update": post(
        MINISTRY,
        pk="closed",
        answer_id="answer",
        milestone_id="milestone",
        data={"progress": "50"},
    ),
    "followup:commitment": both(MINISTRY, pk="closed", commitment_id="commitment"),
    # identity
    # The OpenID round trip needs a configured provider and a pending state, which no role
    # holds here: the same refusal for all (tests/identity covers the flow itself).
    "identity:authenticate": get(NOBODY, provider="'franceconnect'"),
    "identity:callback": get(NOBODY),
    "identity:logout_return": get(EVERYONE),
    # Second factor pages serve a sign-in in progress only, whatever the role.
    "identity:totp_verify": both(NOBODY),
    "identity:totp_enrol": both(NOBODY),
    "identity:request_link": both(EVERYONE),
    # An unknown or expired link answers 410 Gone to everyone; a valid one is a bearer
    # credential (whoever holds it signs in), not a role's right.
    "identity:sign_in_link": get(NOBODY, token="'jeton-invalide'"),
    "identity:organisation": both(SIGNED_IN),
    "identity:identities": get(SIGNED_IN),
    # Only the citizen's own identity is unlinked; for others the link is a no-op.
    "identity:unlink": post({CITIZEN}, identity_id="identity", acts=True),
    # analysis
    "analysis:workspace": get(MINISTRY, pk="closed", module_id="closed_module"),
    "analysis:run": post(MINISTRY, pk="closed", module_id="closed_module"),
    "analysis:merge": post(MINISTRY, pk="closed", module_id="closed_module"),
    "analysis:publish": both(
        MINISTRY, data={"confirm": "on"}, pk="closed", module_id="closed_module"
    ),
    "analysis:theme": post(
        MINISTRY, pk="closed", module_id="closed_module", theme_id="analysis_theme"
    ),
    "analysis:move": post(
        MINISTRY, pk="closed", module_id="closed_module", theme_id="analysis_theme"
    ),
    "analysis:review": post(
        MINISTRY, pk="closed", module_id="closed_module", campaign_id="campaign"
    ),
    "analysis:grant_provider": post(MINISTRY, pk="closed", module_id="closed_module"),
    "analysis:revoke_provider": post(
        MINISTRY, pk="closed", module_id="closed_module", access_id="provider_access"
    ),
    "analysis:process_syntheses": get(EVERYONE, slug="closed.slug"),
    "analysis:synthesis": get(NOBODY, slug="closed.slug", module_id="closed_module"),
    "analysis:synthesis_pdf": get(NOBODY, slug="closed.slug", module_id="closed_module"),
    # resources (the Wagtail site's own pages are listed in SKIPPED)
    "resources:home": get(EVERYONE),
    "resources:search": get(EVERYONE),
    "resources:sheet_pdf": get(EVERYONE, pk="sheet"),
    "resources:usefulness": post(EVERYONE, pk="sheet", data={"useful": "yes"}),
    # community
    "community:home": get(MEMBERS),
    "community:directory": get(MEMBERS),
    "community:profile": both(MEMBERS),
    "community:events": get(MEMBERS),
    "community:ask": both(MEMBERS),
    "community:question": both(MEMBERS, pk="community_question"),
    # Promoting a solved question to the FAQ is the CIPC's (administrators count as CIPC).
    "community:promote": post(
        {CIPC, ADMIN}, pk="solved_question", data=lambda w: {"theme": w.faq_theme.pk}
    ),
    "community:accept": post({AGENT, CIPC, ADMIN}, pk="community_reply"),
    # trainings
    "trainings:catalogue": get(EVERYONE),
    "trainings:mine": get(SIGNED_IN),
    # Trainings are for the State's staff and experts; the agent is already registered.
    "trainings:register": post(
        {OTHER_AGENT, REFERENT, CIPC, EXPERT_IN, EXPERT_OUT}, pk="session", acts=True
    ),
    "trainings:attendance": both({CIPC, ADMIN}, pk="past_session"),
    "trainings:registrations_csv": get({CIPC, ADMIN}, pk="past_session"),
    "trainings:cancel": post({AGENT}, pk="registration", acts=True),
    "trainings:survey": both({AGENT}, pk="past_registration"),
    "trainings:certificate": get({AGENT, CIPC, ADMIN}, pk="past_registration"),
    "trainings:detail": get(EVERYONE, slug="training.slug"),
    # support
    "support:offer": get(EVERYONE),
    "support:create": both(MINISTRY | {OTHER_AGENT}),
    "support:list": get(SIGNED_IN),  # each sees only their own (or their ministry's) requests
    "support:list_csv": get(SIGNED_IN),
    "support:detail": get(MINISTRY | {CIPC, ADMIN}, pk="support_request"),
    # The CIPC runs the support it gives: it ticks the milestones.
    "support:milestone_done": post(
        {CIPC, ADMIN}, pk="accepted_request", milestone_id="support_milestone", acts=True
    ),
    # Accepting a request is the CIPC's (administrators count as CIPC here).
    "support:transition": post({CIPC, ADMIN}, pk="support_request", slug="'accepter'", acts=True),
    # procurement
    "procurement:catalogue": get(STAFF),
    "procurement:public_address": get(EVERYONE),  # a permanent redirect
    "procurement:consumption": get(STAFF),
    "procurement:order_create": both(MINISTRY | {OTHER_AGENT}, holder_id="holder"),
    "procurement:orders": get(STAFF),
    "procurement:orders_csv": get(STAFF),
    # Staff whose validation the ticked order does not wait for are sent back with a
    # message and nothing changed; everyone else outside the staff gets a 403.
    "procurement:orders_validate": post(
        {CIPC, ADMIN}, data=lambda w: {"selection": str(w.validated_order.pk)}
    ),
    "procurement:order": get(MINISTRY | {CIPC, ADMIN}, pk="order"),
    # Each step belongs to one role, at one status: the referent validates a submitted
    # order, the CIPC a validated one; the requester cancels; each refuses at its step.
    "procurement:validate_referent": post({REFERENT}, pk="order", acts=True),
    "procurement:validate_cipc": post({CIPC, ADMIN}, pk="validated_order", acts=True),
    "procurement:refuse": post({REFERENT}, pk="order", data={"reason": "Hors du marché."}),
    "procurement:cancel": post({AGENT}, pk="order", acts=True),
    # network
    "network:index": get(STAFF),
    "network:overview": get({CIPC, ADMIN}),
    "network:plan": both(MINISTRY | {CIPC, ADMIN}, post={REFERENT}, slug="ministry.slug"),
    "network:action_create": both({REFERENT}, slug="ministry.slug"),
    "network:action": both({REFERENT}, slug="ministry.slug", action_id="plan_action"),
    "network:meetings": get({REFERENT, CIPC, ADMIN}),
    "network:meeting_create": both({CIPC, ADMIN}),
    "network:meeting": get({REFERENT, CIPC, ADMIN}, pk="network_meeting"),
    # Referents read the meetings; the CIPC writes their minutes and follow-up actions.
    "network:minutes": post(
        {CIPC, ADMIN}, pk="network_meeting", data={"minutes": "Tour de table fait."}
    ),
    "network:meeting_action": post(
        {CIPC, ADMIN}, pk="network_meeting", data={"title": "Relancer", "due_date": "2030-01-15"}
    ),
    "network:publish": post({CIPC, ADMIN}, pk="network_meeting"),
    # evaluation
    # Representativeness of the open process: its page is not published in the world.
    "representativeness:answer": both(SIGNED_IN, slug="open.slug"),
    "representativeness:page": get(WORKSPACE, slug="open.slug"),
    "representativeness:download": get(WORKSPACE, slug="open.slug"),
    "representativeness:settings": both(MINISTRY, pk="open"),
    "representativeness:publish": post(MINISTRY, data={"publish": "1"}, pk="open"),
    "evaluation:figures": get(EVERYONE),
    "evaluation:figures_csv": get(EVERYONE, slug="'ministeres'"),
    "evaluation:annual": get({CIPC, ADMIN}, year="year"),
    "evaluation:annual_pdf": get({CIPC, ADMIN}, year="year"),
    "evaluation:annual_publish": post(
        {CIPC, ADMIN}, year="year", data={"introduction": "Une année de participation."}
    ),
    "evaluation:report": get(NOBODY, slug="closed.slug"),
    "evaluation:report_pdf": get(NOBODY, slug="closed.slug"),
    # The citizen contributed to the closed process: a participant.
    "evaluation:survey_participants": both({CITIZEN}, slug="closed.slug"),
    "evaluation:survey_organisers": both(NOBODY, slug="closed.slug"),
    "evaluation:workspace": get(WORKSPACE | {EXPERT_IN, ADMIN}, pk="closed"),
    "evaluation:margins": both(WORKSPACE | {EXPERT_IN, ADMIN}, pk="closed"),
    "evaluation:report_save": post({CIPC, EXPERT_IN, ADMIN}, pk="closed"),
    "evaluation:grant": post({CIPC, ADMIN}, pk="closed"),
    "evaluation:open_survey": post(
        WORKSPACE | {EXPERT_IN, ADMIN}, pk="closed", audience="'participants'"
    ),
    # expert groups
    "expertgroups:public_list": get(EVERYONE),
    "expertgroups:public_csv": get(EVERYONE),
    "expertgroups:public_detail": get(
        EVERYONE, year="published_text.year", sequence="published_text.sequence"
    ),
    "expertgroups:record_answer": post(
        {CIPC, ADMIN}, year="published_text.year", sequence="published_text.sequence"
    ),
    "expertgroups:list": get(SIGNED_IN),  # each sees only the groups they belong to
    "expertgroups:create": both({CIPC, ADMIN}),
    "expertgroups:workspace": get({CIPC, EXPERT_IN, ADMIN}, slug="group.slug"),
    "expertgroups:edit": both({CIPC, ADMIN}, slug="group.slug"),
    "expertgroups:process": both({CIPC, EXPERT_IN, ADMIN}, slug="group.slug", pk="closed"),
    "expertgroups:draft_create": post({CIPC, EXPERT_IN, ADMIN}, slug="group.slug"),
    "expertgroups:draft": both({CIPC, EXPERT_IN, ADMIN}, slug="group.slug", pk="draft_text"),
    "expertgroups:comment": post(
        {CIPC, EXPERT_IN, ADMIN},
        slug="group.slug",
        pk="draft_text",
        data={"comment-body": "D'accord."},
    ),
    "expertgroups:publish": post({CIPC, ADMIN}, slug="group.slug", pk="draft_text"),
    # API: documentation and public reads
    "api:docs": get(EVERYONE),
    "api:schema": get(EVERYONE),
    "api:openapi_json": get(EVERYONE),
    "api:process-list": get(EVERYONE),
    "api:process-detail": get(EVERYONE, pk="open"),
    "api:module-list": get(EVERYONE),
    "api:module-detail": get(EVERYONE, pk="proposals"),
    "api:contribution-list": get(EVERYONE),
    "api:contribution-detail": get(EVERYONE, pk="proposal"),
    "api:answer-list": get(EVERYONE),
    # POST only, with a token: probed in API_WRITES below.
    "api:answer-publication": Action((), NOBODY),
    # The world's only answer is a draft: drafts are never public, whoever asks.
    "api:answer-detail": get(NOBODY, pk="answer"),
    "api:figure-list": get(EVERYONE),
    "api:tokens": both({REFERENT, ADMIN}),
    "api:revoke": post({REFERENT, ADMIN}, token_id="token"),
    # open data
    "opendata:index": get(EVERYONE),
    "opendata:download": get(NOBODY, name="'datapackage.json'"),
    "opendata:processes_feed": get(EVERYONE),
    "opendata:import": both(MINISTRY, pk="open", module_id="proposals"),
    # privacy
    "privacy:my_data": get(SIGNED_IN),
    "privacy:download": get(SIGNED_IN),
    "privacy:read": get(SIGNED_IN),
    "privacy:erase": post(SIGNED_IN),
    "privacy:public_name": post(
        SIGNED_IN, data={"public_name_choice": "pseudonym", "public_pseudonym": "Matrice"}
    ),
    "privacy:erased": get(EVERYONE),
    # newsletter: anyone subscribes or asks for an unsubscribe link (the answer never says
    # whether the address is known); only CIPC editors send an edition's test, to themselves.
    "newsletter:subscribe": both(EVERYONE),
    "newsletter:confirm": get(NOBODY, token="'jeton-invalide'"),
    "newsletter:unsubscribe_request": both(EVERYONE),
    "newsletter:test_send": both({CIPC, ADMIN}, pk="edition"),
}

# State transitions and removals that need no form: an allowed role must change something
# (Action.acts), so a success-looking no-op for a role that may not do it is caught.
TRANSITIONS = (
    "analysis:publish", "analysis:revoke_provider", "api:revoke", "community:accept",
    "dossiers:delete", "expertgroups:publish", "followup:close", "followup:publish",
    "meetings:register", "network:publish", "opinionmaps:recompute", "participation:withdraw",
    "processes:open", "processes:submit", "proposals:support",
    "questionnaires:delete",
)  # fmt: skip
for _name in TRANSITIONS:
    MATRIX[_name] = replace(MATRIX[_name], acts=True)

# URL prefixes (and the names under them) that are not the platform's own actions.
SKIPPED = {
    "admin/": "Django's admin: Django checks is_staff and each model permission itself.",
    "cms/": "Wagtail's editor: Wagtail checks its own page and collection permissions.",
    "ressources/documents/": "Wagtail serves its documents with its own collection privacy rules.",
    "ressources/_util/": "Wagtail's page privacy (password, sign-in) helpers.",
    "ressources/^": "Wagtail's page tree: published pages are public by design "
    "(resources:home is probed as a sample).",
}

# --- The API's write endpoints, probed with tokens rather than signed-in users ------------
API_WRITES: dict[str, Action] = {
    "api:contribution-list": Action(
        ("POST",), frozenset({WRITE_TOKEN}), {}, roles=TOKEN_ROLES, json=True,
        data=lambda w: {"module": w.proposals.pk, "body": "Reçue par courrier."},
        headers={"Idempotency-Key": "authz-1"},
    ),
    "api:answer-list": Action(
        ("POST",), frozenset({WRITE_TOKEN}), {}, roles=TOKEN_ROLES, json=True,
        data=lambda w: {"process": w.closed.pk, "status": "retained", "text": "Retenue."},
    ),
    "api:answer-publication": Action(
        ("POST",), frozenset({WRITE_TOKEN}), {}, roles=TOKEN_ROLES, json=True,
        data=lambda w: {"process": w.closed.pk},
    ),
}  # fmt: skip
