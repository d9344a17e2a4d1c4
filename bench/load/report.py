"""The printed report of the load-and-fault run (French, like every figure the
benchmarks print)."""

TARGET_PAGE_P95_MS = 100
TARGET_SUBMISSIONS_PER_S = 200
CPU_COMPONENTS = ["gunicorn", "PostgreSQL", "Redis", "haproxy", "workers de tâches",
                  "SeaweedFS", "locust", "autres"]  # fmt: skip
# locustfile.TARGETS, by the harness's name for each (the locustfile reads its plan on import).
COMPARED_NAMES = {
    "bare": "vue nue (security.txt)",
    "process_anonymous": "page du dispositif, anonyme",
    "process_signed_in": "page du dispositif, connecté",
    "proposals": "liste des propositions, connecté",
    "submit": "dépôt d'une proposition",
}


def report(args, stack, plan, seeding, measures, faults, result, uptime) -> None:
    timings = plan["timings"]
    counts = plan["counts"]
    print()
    print("== Jeu de données (PostgreSQL, COPY)")
    print(f"  {counts['processes']} dispositifs, {counts['contributions']} contributions, "
          f"{counts['participants']} participants, {counts['supports']} soutiens")  # fmt: skip
    print(
        f"  amorçage : {seeding:.1f} s en tout — "
        + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items())
    )
    print()
    print("== Topologie")
    print(f"  {stack.describe()}")
    print(f"  démarrage (limite réelle) : {measures['boot']:.1f} s ; redémarrage des instances "
          f"avec la limite levée : {measures['restart']:.1f} s")  # fmt: skip
    w = measures["warmup"]
    print(f"  préchauffage : {w['requests']} requêtes en {w['seconds']:.1f} s, workers chauds "
          f"par instance : {w['workers']} sur {args.workers}"
          + ("" if w["complete"] else " — INCOMPLET (délai dépassé)"))  # fmt: skip
    limits(measures["limits"])
    compare(args, measures["compare"])
    for title, run in (
        (f"Phase mixte, {args.users} utilisateurs, {measures['mixed']['wall']:.0f} s "
         "(démarrage de locust compris)" + (" avec les pannes" if faults else ", sans panne"),
         measures["mixed"]),
        (f"Phase dépôt seul, {args.submit_users} utilisateurs sans pause, "
         f"{args.submit_duration} s", measures["submit"]),
    ):  # fmt: skip
        table(title, run)
    if faults:
        print()
        print("== Pannes")
        for event in faults.events:
            print("  " + event)
    objectives(args, measures, faults, uptime)
    reconciliation(result)


def limits(checks: list[dict]) -> None:
    print()
    print("== Limites de dépôt entre instances (limite réelle, client dédié)")
    for c in checks:
        verdict = "OK" if c["ok"] else "ÉCHEC"
        print(f"  {c['label']} : {c['sent']} envois, {c['accepted']} acceptés (attendu "
              f"{c['limit']}), {c['refused']} refusés (429), autres {c['other'] or 'aucun'} ; "
              f"servis par {c['served_by']}, acceptés par {c['accepted_by']} "
              f"— {verdict}")  # fmt: skip


def compare(args, results: dict) -> None:
    print()
    print(f"== Comparaison à une vue nue ({args.compare_users} utilisateurs sans pause, "
          f"{args.compare_duration} s chacune, après préchauffage, même pile)")  # fmt: skip
    print(f"  {'requête':<34}{'req/s':>8}{'fraction':>10}{'p50 ms':>8}{'p95 ms':>8}"
          f"{'échecs':>8}{'CPU client':>12}")  # fmt: skip
    for target, row in results.items():
        fraction = row["rps"] / row["baseline"] if row.get("baseline") else float("nan")
        print(f"  {COMPARED_NAMES[target]:<34}{row['rps']:>8.1f}{fraction:>10.2f}"
              f"{_fmt(row['p50'])}{_fmt(row['p95'])}{row['failures']:>8}"
              f"{row['client_cpu'] * 100:>10.0f} %")  # fmt: skip
    runs = results["bare"].get("runs", [])
    if runs:
        print(f"  vue nue mesurée {len(runs)} fois, avant et après chaque page : "
              f"{' ; '.join(f'{rate:.0f}' for rate in runs)} req/s ; la fraction d'une page "
              f"rapporte son débit à la moyenne des deux mesures qui l'encadrent")  # fmt: skip
    print(
        "  (vue nue : /.well-known/security.txt — réglages seuls, ni gabarit ni base, "
        "toute la pile de middlewares ; CPU client : part d'un cœur prise par locust)"
    )
    cpu_breakdown(results)


def cpu_breakdown(results: dict) -> None:
    """Each request's CPU by program, in ms: which part of the stack a page costs."""
    rows = {target: row["cpu_ms"] for target, row in results.items() if row.get("cpu_ms")}
    if not rows:
        return
    names = ["machine", *CPU_COMPONENTS]
    print()
    print("  CPU par requête (ms, lu dans /proc autour de chaque mesure ; locust compte son "
          "démarrage, « machine » tout ce qui a tourné)")  # fmt: skip
    print(f"  {'requête':<34}" + "".join(f"{_short(name):>11}" for name in names))
    for target, ms in rows.items():
        print(f"  {COMPARED_NAMES[target]:<34}"
              + "".join(f"{ms.get(name, 0.0):>11.2f}" for name in names))  # fmt: skip


def table(title: str, run: dict) -> None:
    print()
    print(f"== {title}")
    print(f"  {'requête':<28}{'nombre':>8}{'échecs':>8}{'req/s':>8}{'p50 ms':>8}"
          f"{'p95 ms':>8}{'p99 ms':>8}")  # fmt: skip
    for name, row in sorted(run["rows"].items(), key=lambda item: item[0] == "Aggregated"):
        print(f"  {name:<28}{row['count']:>8}{row['failures']:>8}{row['rps']:>8.1f}"
              f"{_fmt(row['p50'])}{_fmt(row['p95'])}{_fmt(row['p99'])}")  # fmt: skip
    print(f"  client locust : {run['client_cpu'] * 100:.0f} % d'un cœur")
    for name, error, occurrences in sorted(run["errors"], key=lambda e: -e[2])[:8]:
        print(f"  erreur vue par le client : {occurrences} × {name} — {error[:90]}")


def objectives(args, measures, faults, uptime) -> None:
    page = measures["mixed"]["rows"].get("page du dispositif", {})
    deposits = measures["submit"]["rows"].get("dépôt d'une proposition", {})
    print()
    print("== Objectifs (2 cœurs)")
    when = "pendant la phase avec pannes" if faults else "pendant la phase mixte, sans panne"
    print(f"  page du dispositif p95 à {args.users} utilisateurs : {_fmt(page.get('p95'), 0)} ms "
          f"(objectif ≤ {TARGET_PAGE_P95_MS} ms) — mesuré {when}")  # fmt: skip
    print(f"  dépôts de contributions : {deposits.get('rps', 0):.1f}/s "
          f"(objectif ≥ {TARGET_SUBMISSIONS_PER_S}/s)")  # fmt: skip
    print(f"  charge de la machine à la fin : {uptime}")


def reconciliation(result: dict) -> None:
    c, v, t = result["contributions"], result["votes"], result["tasks"]
    print()
    print("== Réconciliation (base de données contre accusés de réception des clients)")
    print(f"  contributions acquittées : {c['acknowledged']} ({c['acknowledged_proposals']} "
          f"propositions, {c['acknowledged_answers']} questionnaires), stockées une fois : "
          f"{c['stored_once']}, perdues : {c['lost']}, en double : {c['duplicated']} "
          f"(renvoyées après une panne : {c['retried']} ; stockées sans accusé : "
          f"{c['stored_without_ack']})")  # fmt: skip
    print(f"  soutiens acquittés : {v['supports_acknowledged']}, perdus : {v['supports_lost']}, "
          f"en double : {v['supports_duplicated']} ; masquages acquittés : "
          f"{v['hidings_acknowledged']}, perdus : {v['hidings_lost']}, en double : "
          f"{v['hidings_duplicated']}")  # fmt: skip
    print(f"  tâches : enqueued {t['enqueued']}, completed once {t['completed_once']}, "
          f"notifications {t['notifications']}, sans tâche {t['notifications_without_task']}, "
          f"résultats en double {t['task_results_duplicated']}, en attente après vidage "
          f"{t['pending']}, planifiées plus tard {t['scheduled_later']}, échouées {t['failed']}, "
          f"e-mails écrits {t['emails_written']} "
          f"(vidage {result['drain_s']:.1f} s ; {t['by_status']})")  # fmt: skip


def _short(name: str) -> str:
    return {"workers de tâches": "tâches"}.get(name, name)


def _fmt(value, width: int = 8) -> str:
    text = "—" if value is None else f"{value:.0f}"
    return f"{text:>{width}}"
