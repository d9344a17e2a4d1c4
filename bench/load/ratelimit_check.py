"""Rate limits hold across app instances: a small client, not locust.

Run against instances started with a low RATE_LIMIT_CONTRIBUTIONS (`limit`), before the
load phases raise it. Two checks, each sending limit + extra proposals one after the
other through the balancer, which alternates the instances:
- one address (X-Forwarded-For, believed from the trusted balancer), a different
  signed-in participant each time: only the per-address counter can refuse;
- one participant, a different address each time: only the per-person counter can.
Each must accept exactly `limit` (302) and refuse the rest (429), whichever instance
answered: the counters live in the shared cache, not in an instance.
Submissions carry a "[limite:…]" marker, which the reconciliation does not count.
"""

import secrets
import string
import uuid
from collections import Counter

import requests

ALPHABET = string.ascii_letters + string.digits


def check(url: str, plan: dict, limit: int, extra: int = 3) -> list[dict]:
    hot = plan["hot"][0]
    sessions = plan["participant_sessions"]
    total = limit + extra
    # Participants from the end of the list, which the load reaches last (if ever).
    many = sessions[-total:]
    one = sessions[-total - 1]
    return [
        _send(url, hot, "une adresse, plusieurs participants", limit,
              [(session, "198.51.100.7") for session in many]),
        _send(url, hot, "un participant, plusieurs adresses", limit,
              [(one, f"198.51.100.{100 + i}") for i in range(total)]),
    ]  # fmt: skip


def _send(url: str, hot: dict, label: str, limit: int, senders: list[tuple[str, str]]) -> dict:
    statuses = Counter()
    accepted_by = Counter()
    served_by = Counter()
    for session, address in senders:
        # Django accepts the CSRF secret itself as the form's token when it matches the
        # cookie: no page needs fetching first.
        token = "".join(secrets.choice(ALPHABET) for _ in range(32))
        marker = f"[limite:{uuid.uuid4().hex}]"
        answer = requests.post(
            url + hot["proposals_url"],
            data={"csrfmiddlewaretoken": token, "idempotency_key": str(uuid.uuid4()),
                  "title": "Vérification des limites", "body": f"Limite de dépôt {marker}",
                  "theme": hot["theme_ids"][0], "location": ""},
            cookies={"sessionid": session, "csrftoken": token},
            headers={"X-Forwarded-For": address},
            allow_redirects=False, timeout=60,
        )  # fmt: skip
        instance = answer.headers.get("X-Instance", "?")
        statuses[answer.status_code] += 1
        served_by[instance] += 1
        if answer.status_code == 302:
            accepted_by[instance] += 1
    return {
        "label": label,
        "sent": len(senders),
        "limit": limit,
        "accepted": statuses[302],
        "refused": statuses[429],
        "other": {code: n for code, n in statuses.items() if code not in (302, 429)},
        "served_by": dict(served_by),
        "accepted_by": dict(accepted_by),
        "ok": statuses[302] == limit and statuses[429] == len(senders) - limit,
    }
