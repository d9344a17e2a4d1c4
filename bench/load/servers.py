"""The processes under test: PostgreSQL, Redis, gunicorn and the task worker (haproxy
and SeaweedFS live in balancer.py and objectstore.py).

PostgreSQL starts as in scripts/postgres-test-server.sh (initdb refuses root: as the
`postgres` user then), but keeps its durable defaults (fsync, synchronous commit):
an acknowledged contribution must survive, and write throughput is not flattered.
Gunicorn and the worker each run in their own process group, so one SIGKILL to the
group kills a master and all its workers at once, as a crash or an OOM kill would.
"""

import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The environment running the harness runs its servers too: `uv run --group bench` syncs
# the project's own .venv, and a separate one (UV_PROJECT_ENVIRONMENT) keeps the bench
# group out of the environment the test suite uses.
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Redis:
    """The shared cache production runs (CACHE_URL=redis://…), on loopback, in memory."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    @staticmethod
    def available() -> bool:
        return shutil.which("redis-server") is not None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.05)

    def kill(self) -> None:
        """SIGKILL: the cache server crashes, everything it held is gone."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


class Postgres:
    def __init__(self, shared_buffers: str = "1GB"):
        self.bin = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version)[-1]
        self.data = tempfile.mkdtemp(prefix="concerto-load-pg.")
        self.port = free_port()
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        self.shared_buffers = shared_buffers
        self.url = f"postgres://concerto@127.0.0.1:{self.port}/concerto"

    def start(self, durable: bool = True) -> None:
        if self.as_owner:
            shutil.chown(self.data, "postgres")
        run = subprocess.run
        run(
            [
                *self.as_owner,
                f"{self.bin}/initdb",
                "-D",
                self.data,
                "-U",
                "concerto",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            check=True,
            capture_output=True,
        )
        self._pg_ctl("start", durable)
        run([f"{self.bin}/createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "concerto",
             "concerto"], check=True)  # fmt: skip

    def _pg_ctl(self, action: str, durable: bool) -> None:
        options = (
            f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 "
            f"-c shared_buffers={self.shared_buffers} -c max_connections=200 "
            "-c max_wal_size=4GB -c checkpoint_timeout=15min"
        )
        if not durable:  # seeding only: a crash would just mean seeding again
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        subprocess.run(
            [*self.as_owner, f"{self.bin}/pg_ctl", "-D", self.data, "-l",
             f"{self.data}/server.log", "-w", "-m", "fast", action, "-o", options],
            check=True, capture_output=True,
        )  # fmt: skip

    def make_durable(self) -> None:
        """Restart with fsync and synchronous commit on (after seeding, before the load);
        the restart's checkpoint writes the seeded data out."""
        self._pg_ctl("restart", durable=True)

    def version(self) -> str:
        out = subprocess.run([f"{self.bin}/postgres", "--version"], capture_output=True, text=True)
        return out.stdout.split()[-1]

    def stop(self) -> None:
        subprocess.run([*self.as_owner, f"{self.bin}/pg_ctl", "-D", self.data, "-m", "fast",
                        "-w", "stop"], capture_output=True)  # fmt: skip
        shutil.rmtree(self.data, ignore_errors=True)


def _version(path: str) -> tuple:
    return tuple(int(p) for p in Path(path).parent.name.split(".") if p.isdigit())


class Group:
    """A command in its own process group, SIGKILLed as a whole."""

    def __init__(self, name: str, command: list[str], env: dict, log: Path):
        self.name, self.command, self.env, self.log = name, command, env, log
        self.process: subprocess.Popen | None = None
        self.kills = 0

    def start(self) -> None:
        handle = self.log.open("ab")
        self.process = subprocess.Popen(
            self.command, env=self.env, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip

    def kill(self) -> None:
        """SIGKILL the whole group: master, workers, threads; nothing gets to clean up."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()
        self.kills += 1

    def stop(self) -> None:
        """A graceful stop (SIGTERM), at the end of the run."""
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()


def app_env(database_url: str, var_dir: Path, rate_limit: int, **extra: str) -> dict:
    """Production settings (DEBUG off, a real secret, PostgreSQL); `extra` adds the
    shared cache, the object store and the trusted proxy. The load phases raise the
    participation rate limits: each simulated user has its own address, but a submitter
    sends hundreds of contributions in ten minutes, far over the per-person limit. The
    code path (counting in the cache, refusing over the limit) still runs on every
    request, and the harness checks the real limit separately (ratelimit_check.py)."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="concerto.settings",
        DEBUG="0",
        SECRET_KEY="load-harness-" + "x" * 50,
        PSEUDONYMISATION_KEY="load-harness-pseudonyms-" + "y" * 50,
        SITE_URL="http://127.0.0.1",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        CONN_MAX_AGE="60",
        CONCERTO_VAR_DIR=str(var_dir),
        RATE_LIMIT_CONTRIBUTIONS=str(rate_limit),
        RATE_LIMIT_VOTES=str(rate_limit),
        # Each e-mail the worker sends becomes a file: the reconciliation counts them.
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(var_dir / "emails"),
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def gunicorn(env: dict, port: int, log: Path, workers: int, threads: int, name: str) -> Group:
    """One app instance; its access log starts with the worker's pid (`<1234> GET …`),
    which the warm-up reads to know every worker has answered."""
    return Group(
        name,
        [str(VENV_BIN / "gunicorn"), "concerto.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--worker-class", "gthread", "--threads", str(threads),
         "--timeout", "60", "--graceful-timeout", "5", "--preload", "--access-logfile", "-",
         "--access-logformat", '%(p)s %(m)s %(U)s %(s)s %(M)sms'],
        env, log,
    )  # fmt: skip


def worker(env: dict, log: Path, name: str) -> Group:
    return Group(
        name,
        [str(VENV_BIN / "concerto"), "db_worker", "--interval", "0.2", "--worker-id", name,
         "--no-startup-delay"],
        env, log,
    )  # fmt: skip


def wait_http(url: str, timeout: float = 300, per_try: float = 30) -> float:
    """Seconds until `url` answers 200. Each try waits up to `per_try` seconds: a cold
    worker importing the whole application on a loaded machine takes several, and short
    tries abandoned one after the other would only pile up in its queue."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            with urllib.request.urlopen(url, timeout=per_try):
                return time.monotonic() - start
        except OSError:  # refused, timed out, or an HTTP error (503 while starting)
            time.sleep(0.2)
    raise TimeoutError(url)
