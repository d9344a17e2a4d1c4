"""haproxy on loopback in front of the app instances, as a load balancer in production.

Round robin per request (a kept-alive client connection still alternates), a health
check on /sante/ every second (down after two failures, back after one success), and a
connection refused by a dead instance retried on the other one. `option forwardfor`
appends the address it saw (127.0.0.1, which the app trusts as its proxy) to whatever
X-Forwarded-For the client sent: the simulated users' own addresses reach the app.
Each answer says which instance served it (X-Instance), for the rate-limit check.
"""

import shutil
import subprocess
from pathlib import Path

HAPROXY = "/usr/sbin/haproxy"

CONFIG = """\
global
    maxconn 4096

defaults
    mode http
    timeout connect 2s
    timeout client 180s
    timeout server 180s
    retries 3
    option redispatch 1
    option forwardfor

frontend web
    bind 127.0.0.1:{port}
    default_backend app

backend app
    balance roundrobin
    option httpchk
    http-check send meth GET uri /sante/ ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
    http-response set-header X-Instance %s
{servers}
"""


def binary() -> str | None:
    return shutil.which("haproxy") or (HAPROXY if Path(HAPROXY).exists() else None)


class Balancer:
    def __init__(self, port: int, backends: dict[str, int], work: Path):
        self.port = port
        self.config = work / "haproxy.cfg"
        self.log = work / "haproxy.log"
        servers = "\n".join(
            f"    server {name} 127.0.0.1:{backend} check inter 1s fall 2 rise 1"
            for name, backend in backends.items()
        )
        self.config.write_text(CONFIG.format(port=port, servers=servers))
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [binary(), "-db", "-f", str(self.config)], stdout=log, stderr=subprocess.STDOUT
            )

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
