"""SIGKILLs during the mixed phase, between windows of steady load: one app instance
(the balancer sends its traffic to the others), one task worker, then the cache server.
Each is restarted; `done` is set after the last window."""

import threading
import time

import requests

from bench.load.stack import Stack


class Faults(threading.Thread):
    def __init__(self, stack: Stack, seconds: int):
        super().__init__(daemon=True)
        self.stack = stack
        steps = 3 if stack.redis else 2
        self.window = max(5, seconds / (steps + 1))
        self.events: list[str] = []
        self.done = threading.Event()
        self.start_time = time.monotonic()

    def note(self, text: str) -> None:
        self.events.append(f"t+{time.monotonic() - self.start_time:5.1f} s  {text}")

    def run(self) -> None:
        try:
            time.sleep(self.window)
            self.kill_instance()
            time.sleep(self.window)
            self.kill_worker()
            if self.stack.redis:
                time.sleep(self.window)
                self.kill_cache()
            time.sleep(self.window)
            self.note("fin de la phase mixte")
        finally:
            self.done.set()

    def kill_instance(self) -> None:
        name = self.stack.names[0]
        group = self.stack.instances[name]
        group.kill()
        others = len(self.stack.names) - 1
        self.note(f"SIGKILL gunicorn-{name} (maître et workers)"
                  + (f" ; {others} autre(s) instance(s) en service" if others else ""))  # fmt: skip
        time.sleep(1)
        group.start()
        took = self.stack.wait_instance(name)
        self.note(f"gunicorn-{name} redémarré, répond sur /sante/ {took:.1f} s après")

    def kill_worker(self) -> None:
        group = self.stack.task_workers[0]
        group.kill()
        self.note(f"SIGKILL {group.name} ; {len(self.stack.task_workers) - 1} autre(s) en service")
        time.sleep(2)
        group.start()
        self.note(f"{group.name} redémarré")

    def kill_cache(self) -> None:
        self.stack.redis.kill()
        self.note("SIGKILL redis-server (compteurs et sessions en cache perdus)")
        time.sleep(1)
        # The servers go on without the cache: /sante/ says 200 "dégradé" meanwhile, and
        # "ok" once the cache is used again (concerto/pages/health.py).
        self.note(f"/sante/ pendant la panne : {self.health()}")
        time.sleep(1)
        self.stack.redis.start()
        self.note("redis-server redémarré, vide")
        start = time.monotonic()
        while time.monotonic() - start < 60 and self.health() != "200 ok":
            time.sleep(0.2)
        took = time.monotonic() - start
        self.note(f"/sante/ de nouveau « 200 ok » derrière le répartiteur {took:.1f} s après")

    def health(self) -> str:
        """The status and state /sante/ answers through the balancer ("200 dégradé")."""
        try:
            response = requests.get(self.stack.url + "/sante/", timeout=30)
            return f"{response.status_code} {response.json()['etat']}"
        except (requests.RequestException, ValueError, KeyError):  # the balancer's own 503
            return "sans réponse de la plateforme"
