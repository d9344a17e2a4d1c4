"""Warm-up until every gunicorn worker of every instance has served pages.

A fixed delay either wastes time or leaves a worker cold (its first requests import
views and compile templates, and would count in the measures). Here a few client
threads read the hot pages through the balancer while the instances' access logs
(each line starts with the worker's pid) are watched; it stops once each instance has
`workers` distinct pids that each answered `per_worker` times."""

import itertools
import random
import re
import threading
import time
from collections import Counter
from pathlib import Path

import requests

ACCESS = re.compile(rb"^<(\d+)> (?:GET|POST|HEAD) ", re.MULTILINE)


def warm(url: str, plan: dict, logs: dict[str, Path], workers: int, per_worker: int = 5,
         timeout: float = 240) -> dict:  # fmt: skip
    """Returns the requests sent, the seconds taken and the workers that answered."""
    offsets = {name: log.stat().st_size if log.exists() else 0 for name, log in logs.items()}
    pages = [h[key] for h in plan["hot"] for key in ("process_url", "proposals_url")]
    sessions = itertools.cycle(plan["participant_sessions"][:200])
    stop = threading.Event()
    sent = itertools.count()

    def read() -> None:
        with requests.Session() as client:
            client.headers["X-Forwarded-For"] = "192.0.2.1"
            while not stop.is_set():
                try:
                    client.get(url + random.choice(pages), cookies={"sessionid": next(sessions)},
                               timeout=60)  # fmt: skip
                except requests.RequestException:
                    time.sleep(0.2)
                next(sent)

    threads = [threading.Thread(target=read, daemon=True) for _ in range(2 * len(logs) * workers)]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    answered = {}
    while time.monotonic() - start < timeout:
        time.sleep(0.5)
        answered = {name: _answers(log, offsets[name]) for name, log in logs.items()}
        if all(_warm(counts, workers, per_worker) for counts in answered.values()):
            break
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    return {
        "requests": next(sent),
        "seconds": time.monotonic() - start,
        "workers": {
            name: sum(1 for c in counts.values() if c >= per_worker)
            for name, counts in answered.items()
        },  # fmt: skip
        "complete": all(_warm(counts, workers, per_worker) for counts in answered.values()),
    }


def _answers(log: Path, offset: int) -> Counter:
    with log.open("rb") as handle:
        handle.seek(offset)
        return Counter(ACCESS.findall(handle.read()))


def _warm(counts: Counter, workers: int, per_worker: int) -> bool:
    return sum(1 for c in counts.values() if c >= per_worker) >= workers


def require_signed_in(url: str, plan: dict) -> None:
    """Stop the run if a seeded session is not signed in: every "signed-in" figure would
    measure a visitor (as when the sessions named a backend the settings no longer list)."""
    page = url + plan["hot"][0]["process_url"]
    cookies = {"sessionid": plan["participant_sessions"][0]}
    body = requests.get(page, cookies=cookies, headers={"X-Forwarded-For": "192.0.2.1"},
                        timeout=60).text  # fmt: skip
    if "Se déconnecter" not in body:
        raise SystemExit(f"La session de charge n'est pas connectée sur {page}.")
