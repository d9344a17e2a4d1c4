"""The topology under load: app instances (gunicorn) behind haproxy, task workers,
Redis as the shared cache and SeaweedFS as the object store. A part whose binary is
missing is skipped with a printed line; PostgreSQL is started by the harness."""

import threading
import time
from pathlib import Path

import requests

from bench.load import balancer, objectstore, servers


class Stack:
    def __init__(self, work: Path, instances: int, db_workers: int, workers: int, threads: int):
        self.work = work
        self.names = [chr(ord("a") + i) for i in range(instances)]
        self.ports = {name: servers.free_port() for name in self.names}
        self.db_workers, self.workers, self.threads = db_workers, workers, threads
        self.redis = servers.Redis() if servers.Redis.available() else None
        self.store = objectstore.ObjectStore(work) if objectstore.binary() else None
        self.balancer = None
        if balancer.binary():
            self.balancer = balancer.Balancer(servers.free_port(), self.ports, work)
        elif instances > 1:
            self.names = self.names[:1]
        self.instances: dict[str, servers.Group] = {}
        self.task_workers: list[servers.Group] = []
        self.skipped: list[str] = []
        if self.redis is None:
            self.skipped.append("redis-server absent : cache en base, sans panne du cache")
        if self.store is None:
            self.skipped.append("weed (SeaweedFS) absent : fichiers sur le disque local")
        if self.balancer is None:
            self.skipped.append("haproxy absent : une seule instance, sans répartiteur")

    @property
    def url(self) -> str:
        port = self.balancer.port if self.balancer else self.ports[self.names[0]]
        return f"http://127.0.0.1:{port}"

    def instance_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}"

    def start_services(self) -> dict:
        """Redis and the object store; the environment variables that point the app at them."""
        extra = {"TRUSTED_PROXIES": "127.0.0.1"}
        if self.redis:
            self.redis.start()
            extra["CACHE_URL"] = self.redis.url
        if self.store:
            self.store.start()
            extra.update(self.store.env())
        return extra

    def start_app(self, env: dict, worker_env: dict) -> float:
        """Instances, workers and the balancer; seconds until every instance answers
        through the balancer."""
        start = time.monotonic()
        for index in range(self.db_workers):
            name = f"db_worker-{index + 1}"
            group = servers.worker(worker_env, self.work / f"{name}.log", name)
            group.start()
            self.task_workers.append(group)
        if self.balancer:
            self.balancer.start()
        self.start_instances(env)
        return time.monotonic() - start

    def start_instances(self, env: dict) -> None:
        for name in self.names:
            log = self.work / f"gunicorn-{name}.log"
            group = servers.gunicorn(env, self.ports[name], log, self.workers, self.threads,
                                     f"gunicorn-{name}")  # fmt: skip
            group.start()
            self.instances[name] = group
        threads = [threading.Thread(target=self.wait_instance, args=(name,)) for name in self.names]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.wait_balanced()

    def restart_instances(self, env: dict) -> float:
        """Stop every instance gracefully and start them again with `env`."""
        start = time.monotonic()
        for group in self.instances.values():
            group.stop()
        self.start_instances(env)
        return time.monotonic() - start

    def wait_instance(self, name: str) -> float:
        return servers.wait_http(self.instance_url(name) + "/sante/")

    def wait_balanced(self, timeout: float = 120) -> float:
        """Seconds until the balancer has answered from every instance (all marked up)."""
        start = time.monotonic()
        seen = set()
        while set(self.names) - seen:
            if time.monotonic() - start > timeout:
                raise TimeoutError(f"absentes derrière haproxy : {set(self.names) - seen}")
            try:
                answer = requests.get(self.url + "/sante/", timeout=30)
                if answer.status_code == 200:
                    seen.add(answer.headers.get("X-Instance", self.names[0]))
                    continue
            except requests.RequestException:
                pass
            time.sleep(0.2)
        return time.monotonic() - start

    def describe(self) -> str:
        parts = [
            f"{len(self.names)} instance(s) gunicorn ({self.workers} workers gthread × "
            f"{self.threads} threads, --preload)",
            "derrière haproxy (tourniquet, contrôle /sante/)" if self.balancer else "en direct",
            f"{self.db_workers} db_worker",
            "Redis (CACHE_URL)" if self.redis else "cache en base",
            "SeaweedFS (S3_BUCKET)" if self.store else "fichiers locaux",
            "PostgreSQL",
        ]
        return ", ".join(parts)

    def stop(self) -> None:
        for group in [*self.instances.values(), *self.task_workers]:
            group.stop()
        for part in (self.balancer, self.redis, self.store):
            if part is not None:
                part.stop()
