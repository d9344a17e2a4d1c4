"""Demo participatory processes, in every lifecycle state the platform supports.

Each process is declared by an agent of its ministry and walked along the
lifecycle by the real actions, with the real actors: the agent declares, the
ministry's referent submits, a CIPC advisor is assigned and issues the opinion,
the sponsor answers the recommendations, the referent publishes and opens. The
demo therefore obeys the same rules as real users.

Dates are relative to the day the demo is loaded. Each step runs "as of" its
own day in the past (the clock is set back while the action runs), so that the
log, the referral's due date and the quality pre-check tell a coherent story:
an open process was referred to the CIPC months before its participation began.

Titles and themes are inspired by real French processes (see the comment above
each one); the content itself is demo content.
"""

from dataclasses import dataclass

from django.utils.text import slugify

from concerto.processes.lifecycle import Status
from concerto.processes.models import Recommendation

ACCEPTED = Recommendation.Answer.ACCEPTED
PARTLY = Recommendation.Answer.PARTLY
DECLINED = Recommendation.Answer.DECLINED

# The demo CIPC advisor reviews most referrals; a second advisor dispatches them.
ADVISOR = "conseiller.cipc@exemple.gouv.fr"
DISPATCHER = "conseillere.cipc@exemple.gouv.fr"

# Description fields given as a number of days from the loading day.
DATE_FIELDS = ("decision_date", "participation_start", "participation_end", "follow_up_date")

# Lifecycle steps in order, and the last step each status needs.
STEPS = ("submitted", "assigned", "opinion", "published", "opened")
LAST_STEP = {
    Status.DRAFT: None,
    Status.SUBMITTED: "submitted",
    Status.UNDER_REVIEW: "assigned",
    Status.OPINION_ISSUED: "opinion",
    Status.PUBLISHED: "published",
    Status.OPEN: "opened",
}


@dataclass(frozen=True)
class DemoRecommendation:
    text: str
    answer: str = ""  # empty: the sponsor has not answered yet
    reason: str = ""


@dataclass(frozen=True)
class DemoProcess:
    title: str
    ministry: str  # organisation slugs
    directorate: str
    lead: str  # e-mail of the agent who declares it
    referent: str  # e-mail of the referent who submits, publishes and opens
    status: str
    days: dict  # step ("created", "submitted", ..., "answered") -> days from today (negative)
    fields: dict  # the description; "sponsor" is an e-mail, DATE_FIELDS are days from today
    themes: tuple[str, ...] = ()
    sources: tuple[tuple[str, str, bool], ...] = ()  # (title, viewpoint, contradictory)
    commitments: tuple[tuple[str, str, int, str], ...] = ()  # (what, who, due in days, channel)
    advisor: str = ADVISOR
    verdict: str = ""
    reasoning: str = ""
    recommendations: tuple[DemoRecommendation, ...] = ()
    # While under review: the advisor's appraisals (criterion, score, comment) and the
    # thread with the ministry (days from today, author e-mail, message).
    appraisals: tuple[tuple[str, str, str], ...] = ()
    thread: tuple[tuple[int, str, str], ...] = ()

    @property
    def slug(self) -> str:
        return slugify(self.title)[:200]


# The process answered end to end (processes_answered.py, then followup.py).
ANSWERED_TITLE = "Grand Débat national : ce que chacun peut faire pour l'environnement"


def _all() -> tuple[DemoProcess, ...]:
    # cycle: demo.processes_answered imports demo.processes
    from concerto.demo.processes_answered import ANSWERED

    # cycle: demo.processes_ecology imports demo.processes
    from concerto.demo.processes_ecology import ECOLOGY

    # cycle: demo.processes_state imports demo.processes
    from concerto.demo.processes_state import STATE

    return ECOLOGY + STATE + ANSWERED


DEMO_PROCESSES: tuple[DemoProcess, ...] = _all()
