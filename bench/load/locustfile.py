"""The load: signed-in participants reading and contributing, and one moderator.

Run headless by bench/bench_load.py (a second process on loopback), configured by
environment variables: LOAD_PLAN (the seeder's JSON), LOAD_ACKS (where to write what
was acknowledged), LOAD_TEXTS (real texts to submit). The harness picks the user
classes: Participant and Moderator for the mixed phase, Submitter alone for the
submission-only phase (no think time), Throughput alone (with LOAD_TARGET) for the
bare-view comparison. Each simulated user sends its own address in X-Forwarded-For,
which the app believes from loopback (its trusted proxy): rate limits count per user.

Every submission carries a client-generated idempotency key and a unique marker in its
text. When the server does not answer (killed mid-request, restarting) or fails (a 500
while the cache server is down), the client retries with the same key and the same
text until it gets an answer: a 302 is the
acknowledgement, recorded in LOAD_ACKS for the reconciliation.
"""

import ipaddress
import itertools
import json
import os
import random
import re
import secrets
import string
import time
import uuid
from urllib.parse import urlencode

from locust import FastHttpUser, HttpUser, between, constant, events, task

PLAN = json.load(open(os.environ["LOAD_PLAN"], encoding="utf-8"))
RETRY_FOR_S = float(os.environ.get("LOAD_RETRY_FOR_S", "120"))
BODIES = json.load(open(os.environ["LOAD_TEXTS"], encoding="utf-8"))
HOT = PLAN["hot"]
SESSIONS = PLAN["participant_sessions"]
USER_IDS = PLAN["participant_ids"]
# Each questionnaire answer takes a participant who has not answered yet.
_next_session = itertools.count(int(os.environ.get("LOAD_SESSION_OFFSET", "0")))
# One address per simulated user, in 10.0.0.0/8, distinct across phases (same offset).
_next_address = itertools.count(int(os.environ.get("LOAD_SESSION_OFFSET", "0")) + 1)
_moderation_queue = itertools.count()
ACKS: list[dict] = []
# No answer, or an error a person would answer by sending the same form again (a 500
# while the cache server restarts): the same key and text, so never a second copy.
RETRIED = (0, 500, 502, 503, 504)
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PROPOSAL_LOCATION = re.compile(r"/propositions/\d+/(\d+)/")


def _address() -> str:
    return str(ipaddress.IPv4Address(0x0A000000 + next(_next_address)))


def _participant() -> tuple[str, int]:
    index = next(_next_session) % len(SESSIONS)
    return SESSIONS[index], USER_IDS[index]


@events.quitting.add_listener
def _write_acks(environment, **_kwargs):
    with open(os.environ["LOAD_ACKS"], "w", encoding="utf-8") as handle:
        for ack in ACKS:
            handle.write(json.dumps(ack) + "\n")


class Client(HttpUser):
    abstract = True

    def on_start(self):
        self.session, self.user_id = _participant()
        self.client.headers["X-Forwarded-For"] = _address()

    def _ensure_csrf_cookie(self) -> None:
        """The CSRF cookie comes with a form page, as in a browser (again after a restart
        of the server made the first try fail)."""
        while "csrftoken" not in self.client.cookies:
            self.client.get(HOT[0]["proposals_url"], cookies=self._cookies(),
                            name="liste des propositions")  # fmt: skip
            if "csrftoken" not in self.client.cookies:
                # No form (an error page, no instance in the pool): wait, never hammer.
                time.sleep(0.5)

    def _cookies(self, session: str | None = None) -> dict:
        return {"sessionid": session or self.session}

    def _csrf(self, html: str | None = None) -> str:
        """The token of the form just shown, else one matching the CSRF cookie."""
        match = CSRF_INPUT.search(html or "")
        if match and "csrftoken" in self.client.cookies:
            return match.group(1)
        self._ensure_csrf_cookie()
        return self.client.cookies["csrftoken"]

    def submit(self, name: str, url: str, data: dict, *, session: str, ack: dict,
               expect=None) -> bool:  # fmt: skip
        """POST until the server answers; the same key and text on every try."""
        deadline = time.monotonic() + RETRY_FOR_S
        attempts = 0
        while True:
            attempts += 1
            with self.client.post(
                url,
                data=data,
                cookies=self._cookies(session),
                name=name,
                allow_redirects=False,
                catch_response=True,
            ) as response:
                status = response.status_code
                location = response.headers.get("Location", "") if status else ""
                if status == 302 and (expect is None or expect.search(location)):
                    response.success()
                    ACKS.append({**ack, "attempts": attempts, "location": location,
                                 "at": time.time()})  # fmt: skip
                    return True
                if status in RETRIED and time.monotonic() < deadline:
                    told = f"réponse {status}" if status else "pas de réponse"
                    response.failure(f"{told}, nouvel essai")
                else:
                    response.failure(f"HTTP {status} {location}")
                    return False
            time.sleep(0.25)

    def submit_proposal(self, hot: dict, html: str | None = None) -> None:
        marker = f"[charge:{uuid.uuid4().hex}]"
        key = str(uuid.uuid4())
        data = {
            "csrfmiddlewaretoken": self._csrf(html),
            "idempotency_key": key,
            "title": random.choice(BODIES)[:80].strip() or "Proposition",
            "body": f"{random.choice(BODIES)} {marker}",
            "theme": random.choice(hot["theme_ids"]),
            "location": "",
        }
        self.submit("dépôt d'une proposition", hot["proposals_url"], data, session=self.session,
                    ack={"kind": "proposal", "key": key, "marker": marker},
                    expect=PROPOSAL_LOCATION)  # fmt: skip


class Participant(Client):
    """Reads process pages, answers questionnaires, submits and supports proposals."""

    wait_time = between(0.5, 1.5)

    @task(10)
    def read_process(self):
        hot = random.choice(HOT)
        self.client.get(hot["process_url"], cookies=self._cookies(), name="page du dispositif")

    @task(3)
    def read_proposals(self):
        hot = random.choice(HOT)
        self.client.get(
            hot["proposals_url"], cookies=self._cookies(), name="liste des propositions"
        )

    @task(3)
    def answer_questionnaire(self):
        hot = random.choice(HOT)
        session, user_id = _participant()
        page = self.client.get(hot["questionnaire_url"], cookies=self._cookies(session),
                               name="page du questionnaire")  # fmt: skip
        marker = f"[charge:{uuid.uuid4().hex}]"
        key = str(uuid.uuid4())
        data = {"csrfmiddlewaretoken": self._csrf(page.text), "idempotency_key": key,
                "action": "submit"}  # fmt: skip
        for question in hot["questions"]:
            if question["kind"] == "open":
                data[question["field"]] = f"{random.choice(BODIES)} {marker}"
            else:
                data[question["field"]] = random.choice(question["choices"])
        self.submit("envoi du questionnaire", hot["questionnaire_url"], data, session=session,
                    ack={"kind": "questionnaire", "key": key, "marker": marker,
                         "user": user_id},
                    expect=re.compile(r"/questionnaire/\d+/#questionnaire"))  # fmt: skip

    @task(4)
    def propose(self):
        hot = random.choice(HOT)
        page = self.client.get(hot["proposals_url"], cookies=self._cookies(),
                               name="liste des propositions")  # fmt: skip
        self.submit_proposal(hot, page.text)

    @task(4)
    def support(self):
        hot = random.choice(HOT)
        proposal = random.choice(hot["support_ids"])
        url = f"{hot['proposals_url']}{proposal}/soutien/"
        data = {"csrfmiddlewaretoken": self._csrf()}
        self.submit(
            "soutien d'une proposition",
            url,
            data,
            session=self.session,
            ack={"kind": "support", "proposal": proposal, "user": self.user_id},
        )


class Moderator(Client):
    """Hides contributions; each hiding notifies the author (an e-mail task)."""

    wait_time = between(0.5, 1.5)
    fixed_count = 1

    @task
    def hide(self):
        index = next(_moderation_queue)
        hot = HOT[index % len(HOT)]
        contribution = hot["moderation_ids"][index // len(HOT) % len(hot["moderation_ids"])]
        data = {"csrfmiddlewaretoken": self._csrf(), "action": "hide", "reason": "spam",
                "note": "Message répété."}  # fmt: skip
        self.submit("masquage (modération)", f"/espace/contributions/{contribution}/moderation/",
                    data, session=hot["organiser_session"],
                    ack={"kind": "hide", "contribution": contribution})  # fmt: skip


class Submitter(Client):
    """Submission-only phase: proposals back to back, to measure the write throughput."""

    wait_time = constant(0)

    @task
    def propose(self):
        self.submit_proposal(random.choice(HOT))


TARGETS = {
    "bare": ("vue nue (security.txt)", "GET", lambda hot: "/.well-known/security.txt", False),
    "process_anonymous": ("page du dispositif, anonyme", "GET", lambda h: h["process_url"], False),
    "process_signed_in": ("page du dispositif, connecté", "GET", lambda h: h["process_url"], True),
    "proposals": ("liste des propositions", "GET", lambda h: h["proposals_url"], True),
    "submit": ("dépôt d'une proposition", "POST", lambda h: h["proposals_url"], True),
}


class Throughput(FastHttpUser):
    """One request kind (LOAD_TARGET) back to back, for the comparison with the bare view.
    FastHttpUser (geventhttpclient) costs the client far less CPU per request than
    HttpUser (requests); cookies and the CSRF token are set by hand."""

    wait_time = constant(0)

    def on_start(self):
        self.name, self.method, self.path, self.signed_in = TARGETS[os.environ["LOAD_TARGET"]]
        self.session, _user = _participant()
        self.token = "".join(secrets.choice(string.ascii_letters + string.digits)
                             for _ in range(32))  # fmt: skip
        cookie = f"csrftoken={self.token}" + (f"; sessionid={self.session}" if self.signed_in
                                              else "")  # fmt: skip
        self.headers = {"X-Forwarded-For": _address(), "Cookie": cookie}

    @task
    def request(self):
        hot = random.choice(HOT)
        if self.method == "GET":
            self.client.get(self.path(hot), headers=self.headers, name=self.name)
            return
        data = {"csrfmiddlewaretoken": self.token, "idempotency_key": str(uuid.uuid4()),
                "title": random.choice(BODIES)[:80].strip() or "Proposition",
                "body": random.choice(BODIES), "theme": random.choice(hot["theme_ids"]),
                "location": ""}  # fmt: skip
        headers = {**self.headers, "Content-Type": "application/x-www-form-urlencoded"}
        with self.client.post(self.path(hot), data=urlencode(data), headers=headers,
                              name=self.name, allow_redirects=False,
                              catch_response=True) as response:  # fmt: skip
            if response.status_code != 302:
                response.failure(f"HTTP {response.status_code}")
