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


def snapshot() -> dict:
    """CPU seconds used so far by each live process, by pid with its component, and the
    machine's busy seconds ("machine")."""
    used: dict = {}
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
        # The start time tells a pid reused in between from the process seen before.
        key = (int(entry.name), fields[19])
        used[key] = (COMPONENTS.get(name, "autres"), (int(fields[11]) + int(fields[12])) / TICKS)
    with (PROC / "stat").open() as handle:
        values = [int(v) for v in handle.readline().split()[1:]]
    idle = values[3] + values[4]  # idle and iowait
    used["machine"] = (sum(values[:8]) - idle) / TICKS
    return used


def per_request(before: dict, after: dict, requests: int) -> dict[str, float]:
    """Milliseconds of CPU per request, by component, between two snapshots: each
    process's growth, a process started in between counted whole. A process that ended
    in between (a database connection closed) is missing its last part: the figures are
    floors, "machine" excepted."""
    if not requests or not after:
        return {}
    spent: dict[str, float] = {"machine": after["machine"] - before.get("machine", 0.0)}
    for key, value in after.items():
        if key == "machine":
            continue
        component, seconds = value
        earlier = before.get(key, (component, 0.0))[1]
        spent[component] = spent.get(component, 0.0) + max(0.0, seconds - earlier)
    return {name: seconds * 1000 / requests for name, seconds in spent.items()}
