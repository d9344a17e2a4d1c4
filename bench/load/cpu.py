"""Where the machine's CPU went during a measurement, by program: the app servers,
PostgreSQL, Redis, haproxy, the task workers, the object store and the load client.
Read from /proc around the measurement (Linux only; elsewhere the breakdown is empty).
Divided by the requests answered, it is each component's cost per request: the figure
that says which part to make cheaper, where the throughput alone does not."""

import os
from pathlib import Path

PROC = Path("/proc")
# Program names as /proc/<pid>/stat shows them (the script's name for Python programs).
COMPONENTS = {
    "gunicorn": "gunicorn",
    "postgres": "PostgreSQL",
    "redis-server": "Redis",
    "haproxy": "haproxy",
    "concerto": "workers de tâches",
    "weed": "SeaweedFS",
    "locust": "locust",
}
TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def snapshot() -> dict[str, float]:
    """CPU seconds used so far by each component's live processes, and the machine's
    busy seconds ("machine")."""
    used: dict[str, float] = {}
    if not PROC.exists():
        return used
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # ended between the listing and the read
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        component = COMPONENTS.get(name, "autres")
        used[component] = used.get(component, 0.0) + (int(fields[11]) + int(fields[12])) / TICKS
    with (PROC / "stat").open() as handle:
        values = [int(v) for v in handle.readline().split()[1:]]
    idle = values[3] + values[4]  # idle and iowait
    used["machine"] = (sum(values[:8]) - idle) / TICKS
    return used


def per_request(before: dict, after: dict, requests: int) -> dict[str, float]:
    """Milliseconds of CPU per request, by component, between two snapshots. A process
    started or ended in between is counted for the part it lived inside the window
    only when it lived at both ends; the steady measurements here start none."""
    if not requests or not after:
        return {}
    return {name: max(0.0, after[name] - before.get(name, 0.0)) * 1000 / requests for name in after}
