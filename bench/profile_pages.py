"""CPU time and queries of the signed-in process page, the signed-in proposals list and a
proposal's submission, against the bare view, in one process (issue 28, "fast pages"):
no load generator, no server, so that a change's effect shows in a minute on a busy
machine.

    export CONCERTO_VAR_DIR=/tmp/fastlist   # a throwaway SQLite database
    python -m django migrate --noinput --settings=concerto.settings -v0
    python -m django load_demo --settings=concerto.settings
    python -m django createcachetable --settings=concerto.settings
    python bench/profile_pages.py seed      # once: volume on the demo's proposals module
    python bench/profile_pages.py           # bare view, process page, list, submission
    python bench/profile_pages.py --templates --queries

`seed` adds 400 proposals and 4,000 supports from 500 citizens to the demo's biggest
proposals module: a hot module of the load harness holds 200 proposals and 400 supports
at its quick size, 2,000 and 4,000 at its default size (bench/load/seed.py: a tenth of
the contributions on the ten hot modules, supports a fifth of the contributions).

Times are CPU milliseconds per request (time.process_time: the machine is shared, wall
time measures the neighbours), the best of a few rounds; the ratio is the bare view's
time over the page's, the throughput a page reaches against the bare view's when the
CPU bounds both. The list is measured as read between two writes (its kept part
served) and made afresh (its module's generation renewed before each read, as after a
support or a new proposal: the renewal's cache writes are counted in). With
`CACHE_URL=redis://…` (or `unix://…`), the cache and the sessions are the load
harness's; without, the cache is the database's, and its reads and writes are queries.
"""

import argparse
import os
import random
import sys
import time
import uuid
from collections import defaultdict
from urllib.parse import urlencode

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concerto.settings")
# Hundreds of submissions by one citizen in a minute: far over the real limit, still
# counted by the limiting code.
os.environ.setdefault("RATE_LIMIT_CONTRIBUTIONS", "1000000000")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from concerto import generations  # noqa: E402
from concerto.accounts.models import User  # noqa: E402
from concerto.participation.models import Contribution, ContributionKind, Module  # noqa: E402
from concerto.participation.scopes import module_scope  # noqa: E402
from concerto.proposals.models import Support  # noqa: E402
from concerto.proposals.queries import module_themes  # noqa: E402

READER = "citoyenne@exemple.fr"
SEEDED = "profile-pages"
PROPOSALS, SUPPORTERS, SUPPORTS = 400, 500, 4000


def biggest_module() -> Module:
    modules = Module.objects.filter(kind="proposals", published=True, process__status="open")
    return max(
        modules.select_related("process"),
        key=lambda m: m.contributions.filter(kind=ContributionKind.PROPOSAL).count(),
    )


def seed() -> None:
    module = biggest_module()
    if User.objects.filter(email__startswith=SEEDED).exists():
        print("already seeded:", module.get_absolute_url())
        return
    users = User.objects.bulk_create(
        User(
            email=f"{SEEDED}-{n}@exemple.fr", first_name="Camille", last_name=f"N{n}", password="!"
        )
        for n in range(SUPPORTERS)
    )
    themes = list(module_themes(module))
    proposals = Contribution.objects.bulk_create(
        Contribution(
            module=module,
            kind=ContributionKind.PROPOSAL,
            author=users[n % SUPPORTERS],
            title=f"Proposition de charge {n}",
            theme=themes[n % len(themes)],
            body=("Une idée pour le territoire, développée en quelques phrases. " * 8) + str(n),
        )
        for n in range(PROPOSALS)
    )
    # Skewed, as supports are: the first proposals get most of them.
    chance = random.Random(28)
    pairs = set()
    while len(pairs) < SUPPORTS:
        proposal = proposals[int(PROPOSALS * chance.random() ** 3)]
        pairs.add((proposal.pk, chance.choice(users).pk))
    Support.objects.bulk_create(Support(proposal_id=p, user_id=u) for p, u in pairs)
    generations.renew(module_scope(module.pk))
    print("seeded:", module.get_absolute_url())


def cpu_ms(request, n: int) -> float:
    start = time.process_time()
    for _ in range(n):
        request()
    return (time.process_time() - start) / n * 1000


def queries_of(request, show: bool) -> int:
    with CaptureQueriesContext(connection) as queries:
        request()
    if show:
        for query in queries.captured_queries:
            print("    ", query["sql"][:160])
    return len(queries)


def time_templates(request, n: int) -> None:
    from django.template import base

    totals = defaultdict(float)
    original = base.Template._render

    def timed(self, context):
        start = time.process_time()
        try:
            return original(self, context)
        finally:
            totals[self.origin.template_name if self.origin else "?"] += time.process_time() - start

    base.Template._render = timed
    try:
        for _ in range(n):
            request()
    finally:
        base.Template._render = original
    for name, total in sorted(totals.items(), key=lambda item: -item[1])[:15]:
        print(f"    {total / n * 1000:7.2f} ms  {name}")


def measure(args) -> None:
    module = biggest_module()
    url = module.get_absolute_url()
    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(email=READER))
    theme = module_themes(module).first()

    def bare():
        response = client.get("/.well-known/security.txt")
        assert response.status_code == 200

    def process_page():
        response = client.get(module.process.get_absolute_url())
        assert response.status_code == 200

    def listed():
        response = client.get(url)
        assert response.status_code == 200

    def afresh():
        generations.renew(module_scope(module.pk))
        listed()

    def submit():
        # Encoded as a browser (and the load harness) sends a form, not as the test
        # client's default multipart body.
        form = urlencode({
            "title": "Une proposition de plus", "body": "Un texte de proposition. " * 10,
            "theme": theme.pk, "location": "", "idempotency_key": str(uuid.uuid4()),
        })  # fmt: skip
        response = client.post(url, form, content_type="application/x-www-form-urlencoded")
        assert response.status_code == 302, response.status_code

    response = client.get(url)
    print(url, response.status_code, len(response.content), "bytes,",
          response.content.count(b'class="fr-card fr-enlarge-link"'), "cards")  # fmt: skip
    kinds = [("bare view", bare), ("process page", process_page), ("list", listed),
             ("list afresh", afresh), ("submission", submit)]  # fmt: skip
    counts = {}
    for name, request in kinds:
        for _ in range(args.warmup):
            request()
        counts[name] = queries_of(request, args.queries)
    # The best of a few rounds, taken in turns: a neighbour's burst slows one round.
    times = defaultdict(list)
    for _round in range(args.rounds):
        for name, request in kinds:
            times[name].append(cpu_ms(request, args.n))
    results = {name: (min(times[name]), counts[name]) for name, _request in kinds}
    base_ms = results["bare view"][0]
    for name, (ms, count) in results.items():
        print(f"{name:12} {ms:7.2f} ms CPU/request  {count:3} queries  "
              f"ratio {base_ms / ms:.3f}")  # fmt: skip
    if args.templates:
        for name, request in kinds[1:4]:
            print(f"  templates, {name}:")
            time_templates(request, args.n)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", nargs="?", default="measure", choices=["measure", "seed"])
    parser.add_argument("-n", type=int, default=100, help="requests timed per kind")
    parser.add_argument("--rounds", type=int, default=3, help="the best round counts")
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--queries", action="store_true", help="print each query")
    parser.add_argument("--templates", action="store_true", help="CPU time per template")
    args = parser.parse_args()
    seed() if args.what == "seed" else measure(args)


if __name__ == "__main__":
    main()
