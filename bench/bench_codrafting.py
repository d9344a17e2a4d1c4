"""Co-drafting at scale (issue 26): the article page and the organiser's per-article
review page of a 300-article text with 100,000 suggestions and 1,000,000 supports, on
PostgreSQL, at 20 concurrent readers.

    uv run --group bench python bench/bench_codrafting.py             # full size
    uv run --group bench python bench/bench_codrafting.py --quick     # a tenth
    uv run --group bench python bench/bench_codrafting.py --diagnose  # then plans

1. Seeds a throwaway PostgreSQL (bench/load/servers.Postgres, fsync off while seeding):
   one open process with a co-drafting module (kind "text"); version 1 imported with
   `import_draft` from a generated Markdown draft (2 to 4 paragraphs per article) and
   published with `publish_version`.
2. COPY-seeds the suggestions (`participation_contribution` proposals plus
   `codrafting_suggestion` rows: nine in ten new wordings of a paragraph, one in ten
   new articles), spread over the articles by a Zipf law (the article of rank r gets a
   share in 1/r), authored by seeded participants; supports (unique per suggestion and
   person) follow the same articles' law and, within an article, a heavy tail over the
   suggestions; one argument (for or against) per ten suggestions.
3. Restarts PostgreSQL durable, starts gunicorn as bench/load does, and measures with
   20 concurrent readers (threads, keep-alive connections, bench_followup's client):
   the public article page of the biggest article (page 1 and a later page) and of
   random articles, and the organiser's review page of the same (signed in as the
   organiser, a seeded session). Target: p95 ≤ 200 ms for each.
"""

import argparse
import itertools
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from bench.bench_followup import (  # noqa: E402
    Platform,
    Reader,
    diagnose,
    load_average,
    parallel,
    percentile,
    sponsor_cookie,
    summary,
)
from bench.load import servers  # noqa: E402

servers.VENV_BIN = Path(sys.executable).parent

TARGET = 0.2


def log(message: str) -> None:
    print(f"[codrafting] {message}", flush=True)


def draft(articles: int, rng: random.Random) -> str:
    """A Markdown bill: a chapter every 25 articles, 2 to 4 paragraphs per article."""
    from bench.load import texts

    bodies = [b.replace("\n", " ").strip() for b in texts.bodies()[:5000]]
    lines = ["# Projet de loi pour une République numérique (banc d'essai)", ""]
    for n in range(1, articles + 1):
        if n % 25 == 1:
            lines += [f"## Chapitre {n // 25 + 1} - Dispositions diverses", ""]
        lines += [f"### Article {n}", ""]
        for _p in range(rng.randint(2, 4)):
            lines += [rng.choice(bodies)[:600], ""]
    return "\n".join(lines)


def zipf_weights(count: int, exponent: float = 1.0) -> list[float]:
    return [1 / (rank**exponent) for rank in range(1, count + 1)]


def seed(articles: int, suggestions: int, supports: int, participants: int):
    from django.db import connection
    from django.utils import timezone

    from bench.load import seed as load_seed
    from bench.load import texts
    from concerto.codrafting import actions
    from concerto.codrafting.models import Suggestion, UnitKind
    from concerto.codrafting.signals import recount
    from concerto.notifications.actions import without_emails
    from concerto.participation.models import Contribution, ContributionKind
    from concerto.processes.lifecycle import Status
    from concerto.proposals.models import Support
    from tests.factories import MinistryFactory, complete_process, open_module, walk_to

    rng = random.Random(26)
    ministry = MinistryFactory(name="Ministère de l'Économie numérique", slug="numerique")
    with without_emails():
        process = complete_process(ministry=ministry, title="Projet de loi numérique")
        walk_to(process, Status.OPEN)
        module, organiser = open_module("text", process=process, title="Le projet de loi")
    start = time.perf_counter()
    version, _reading = actions.import_draft(
        module, actor=organiser, data=draft(articles, rng), format="markdown", name="Projet"
    )
    version = actions.publish_version(version, actor=organiser)
    units = list(version.units.order_by("position", "pk"))
    article_units = [u for u in units if u.kind == UnitKind.ARTICLE]
    paragraphs: dict[int, list] = {a.pk: [] for a in article_units}
    for unit in units:
        if unit.kind == UnitKind.PARAGRAPH and unit.parent_id in paragraphs:
            paragraphs[unit.parent_id].append(unit)
    assert len(article_units) == articles, len(article_units)
    log(f"draft of {articles} articles, {sum(map(len, paragraphs.values()))} paragraphs "
        f"imported and published in {time.perf_counter() - start:.1f} s")  # fmt: skip

    start = time.perf_counter()
    low, _high = load_seed.seed_participants(participants)
    log(f"{participants:,} participants (COPY) in {time.perf_counter() - start:.1f} s")

    # Popularity: a Zipf law over the articles, in a shuffled order (the biggest is not
    # the first article).
    ranked = article_units[:]
    rng.shuffle(ranked)
    weights = zipf_weights(articles)
    chosen = rng.choices(range(articles), weights=weights, k=suggestions)
    on_article = [ranked[i] for i in chosen]

    start = time.perf_counter()
    bodies = [load_seed.escape(b[:1500]) for b in texts.bodies()[:20000]]
    at = timezone.now().isoformat()
    fields = ["module_id", "kind", "channel", "author_id", "pseudonym", "title", "body",
              "location", "stance", "status", "hidden_reason", "idempotency_scope",
              "created_at", "updated_at"]  # fmt: skip
    missing = load_seed.missing_required(Contribution, fields)
    assert not missing, missing
    plan = []  # (article, unit, action)
    for article in on_article:
        if rng.random() < 0.1:
            plan.append((article, article, "new_article"))
        else:
            plan.append((article, rng.choice(paragraphs[article.pk]), "reword"))

    def contribution_lines():
        for i, (article, _unit, action) in enumerate(plan):
            author = low + rng.randrange(participants)
            if action == "reword":
                title = f"{article.label}, alinéa : nouvelle rédaction"
            else:
                title = f"Nouvel article après l'{article.label.lower()}"
            yield (f"{module.pk}\tproposal\tonline\t{author}\t\t{load_seed.escape(title)}\t"
                   f"{bodies[i % len(bodies)]}\t\t\tpublished\t\t\t{at}\t{at}\n")  # fmt: skip

    load_seed.copy_lines(Contribution, contribution_lines(), fields)
    ids = list(
        Contribution.objects.filter(module=module, kind=ContributionKind.PROPOSAL)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    assert len(ids) == suggestions, len(ids)

    def suggestion_lines():
        for pk, (_article, unit, action) in zip(ids, plan, strict=True):
            base = load_seed.escape(unit.text) if action == "reword" else ""
            heading = "Droit à la portabilité" if action == "new_article" else ""
            yield (f"{pk}\t{unit.pk}\t{action}\t{base}\t{heading}\t"
                   f"Pour une rédaction plus claire.\t0\n")  # fmt: skip

    load_seed.copy_lines(
        Suggestion, suggestion_lines(),
        ["contribution_id", "unit_id", "action", "base_text", "heading", "explanation",
         "supports_count"],
    )  # fmt: skip
    log(f"{suggestions:,} suggestions (COPY) in {time.perf_counter() - start:.1f} s")

    # Supports: each article's share follows the same law; within an article, suggestion
    # k (in seeding order) weighs 1/k^0.8, capped at the number of participants.
    start = time.perf_counter()
    by_article: dict[int, list[int]] = {}
    for pk, (article, _unit, _action) in zip(ids, plan, strict=True):
        by_article.setdefault(article.pk, []).append(pk)
    article_weight = {ranked[i].pk: w for i, w in enumerate(weights)}
    total_weight = sum(article_weight[a] for a in by_article)
    counts: dict[int, int] = {}
    for article_pk, pks in by_article.items():
        share = round(supports * article_weight[article_pk] / total_weight)
        inner = zipf_weights(len(pks), 0.8)
        inner_total = sum(inner)
        for pk, w in zip(pks, inner, strict=True):
            counts[pk] = min(participants, int(share * w / inner_total))
    # Hand out what rounding and the cap left to random suggestions below the cap.
    left = supports - sum(counts.values())
    while left > 0:
        pk = ids[rng.randrange(len(ids))]
        if counts[pk] < participants:
            counts[pk] += 1
            left -= 1

    def support_lines():
        population = range(low, low + participants)
        for pk, n in counts.items():
            for user in rng.sample(population, n):
                yield f"{pk}\t{user}\t{at}\n"

    load_seed.copy_lines(Support, support_lines(), ["proposal_id", "user_id", "created_at"])
    # COPY bypasses the signals that keep each suggestion's stored count: count once.
    recount(Suggestion.objects.filter(unit__version__module=module))
    log(f"{supports:,} supports (COPY) in {time.perf_counter() - start:.1f} s")

    start = time.perf_counter()
    arguments = suggestions // 10
    fields_arg = fields + ["parent_id"]

    def argument_lines():
        for i in range(arguments):
            parent = ids[rng.randrange(len(ids))]
            stance = "for" if rng.random() < 0.6 else "against"
            author = low + rng.randrange(participants)
            yield (f"{module.pk}\targument\tonline\t{author}\t\t\t{bodies[i % len(bodies)]}\t"
                   f"\t{stance}\tpublished\t\t\t{at}\t{at}\t{parent}\n")  # fmt: skip

    load_seed.copy_lines(Contribution, argument_lines(), fields_arg)
    log(f"{arguments:,} arguments (COPY) in {time.perf_counter() - start:.1f} s")

    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    log(f"VACUUM ANALYZE in {time.perf_counter() - start:.1f} s")

    sizes = {a.pk: len(pks) for a, pks in ((a, by_article.get(a.pk, [])) for a in article_units)}
    biggest = max(article_units, key=lambda a: sizes[a.pk])
    top_support = max(counts.values())
    return process, module, organiser, article_units, biggest, sizes, top_support


def query_count(path: str, cookie: str = "") -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    if cookie:
        name, value = cookie.split("=", 1)
        client.cookies[name] = value
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--suggestions", type=int, default=100_000)
    parser.add_argument("--supports", type=int, default=1_000_000)
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument(
        "--quick", action="store_true",
        help="30 articles, 10,000 suggestions, 100,000 supports, 20,000 participants",
    )  # fmt: skip
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--per-reader", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60, help="seconds at most per page")
    parser.add_argument(
        "--diagnose",
        action="store_true",
        help="then profile one request of each page and explain its queries",
    )
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()  # fmt: skip
    if args.quick:
        args.articles, args.suggestions, args.supports, args.participants = (
            30, 10_000, 100_000, 20_000,
        )  # fmt: skip

    log(f"load average at the start: {load_average()}")
    with Platform("codrafting", log) as platform:
        from django.urls import reverse

        start = time.perf_counter()
        process, module, organiser, articles, biggest, sizes, top_support = seed(
            args.articles, args.suggestions, args.supports, args.participants
        )
        ordered = sorted(sizes.values())
        log(f"SEEDING: {args.articles} articles, {args.suggestions:,} suggestions, "
            f"{args.supports:,} supports in {time.perf_counter() - start:.1f} s; biggest "
            f"article {biggest.label!r}: {sizes[biggest.pk]:,} suggestions; median article "
            f"{ordered[len(ordered) // 2]:,}, smallest {ordered[0]:,}; most supported "
            f"suggestion {top_support:,} supports")  # fmt: skip

        cookie = sponsor_cookie(organiser)
        rng = random.Random(7)
        others = rng.sample([a for a in articles if a.pk != biggest.pk], min(20, len(articles) - 1))

        def public(article):
            return reverse("codrafting:article", kwargs={
                "slug": process.slug, "module_id": module.pk, "unit_id": article.pk})  # fmt: skip

        def review(article):
            return reverse("codrafting:review", kwargs={
                "pk": process.pk, "module_id": module.pk, "unit_id": article.pk})  # fmt: skip

        later = max(2, sizes[biggest.pk] // 20 // 2)  # half-way through the biggest's pages
        pages = [
            ("article page, biggest, page 1", [public(biggest)], ""),
            (f"article page, biggest, page {later}", [public(biggest) + f"?page={later}"], ""),
            ("article page, 20 random articles", [public(a) for a in others], ""),
            ("review page, biggest, page 1", [review(biggest)], cookie),
            (f"review page, biggest, page {later}", [review(biggest) + f"?page={later}"], cookie),
            ("review page, 20 random articles", [review(a) for a in others], cookie),
        ]
        platform.collect.wait()  # the pages render with the collected static files
        counts = {}
        for name, paths, who in pages:
            counts[name] = query_count(paths[0], who)
        port = platform.serve(args.workers, args.threads)

        verdicts = []
        for name, paths, who in pages:
            # Outside the measure: each page once, then one round of all the readers at
            # once, so that every gunicorn worker has compiled its templates.
            for path in paths:
                Reader(port, who).get(path)
            parallel_paths(port, paths, who, args.readers, 1, args.duration)
            times, wall, statuses = parallel_paths(
                port, paths, who, args.readers, args.per_reader, args.duration
            )
            p95 = percentile(times, 0.95)
            verdict = "met" if p95 <= TARGET else "NOT MET"
            verdicts.append((name, p95, verdict))
            log(f"{name.upper()}: {args.readers} readers, {len(times) / wall:.0f} req/s, "
                f"{summary(times)}, {counts[name]} queries, statuses {statuses} "
                f"(target p95 ≤ 200 ms: {verdict})")  # fmt: skip
        times, wall, _statuses = parallel(port, "/sante/", args.readers, args.per_reader,
                                          args.duration, (200, 503))  # fmt: skip
        log(f"/SANTE/ (floor): {len(times) / wall:.0f} req/s, {summary(times)}")
        log(f"load average at the end: {load_average()}")
        for name, p95, verdict in verdicts:
            log(f"SUMMARY {name}: p95 {p95 * 1000:.0f} ms — {verdict}")
        if args.diagnose:
            platform.stop_web()
            for _name, paths, who in pages[::3] + pages[1::3]:
                diagnose(paths[0], who)


def parallel_paths(port, paths, cookie, readers, per_reader, duration):
    """`readers` threads, each with its keep-alive connection, going round `paths`."""
    import concurrent.futures
    import threading

    barrier = threading.Barrier(readers)
    statuses: dict[int, int] = {}
    lock = threading.Lock()

    def one(index: int) -> list[float]:
        reader = Reader(port, cookie)
        cycle = itertools.islice(itertools.cycle(paths), index % len(paths), None)
        try:
            reader.get(paths[0])  # warm the connection
        finally:
            barrier.wait()
        times = []
        begin = time.perf_counter()
        while len(times) < per_reader and time.perf_counter() - begin < duration:
            times.append(reader.get(next(cycle)))
        with lock:
            for status, count in reader.statuses.items():
                statuses[status] = statuses.get(status, 0) + count
        return times

    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(readers) as pool:
        results = list(pool.map(one, range(readers)))
    wall = time.perf_counter() - start
    return [t for times in results for t in times], wall, statuses


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
