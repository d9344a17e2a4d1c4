"""SeaweedFS (`weed server`: master, volume, filer and S3 gateway in one process) on
loopback, as the object store every app instance shares (S3_BUCKET, S3_ENDPOINT_URL).
Started as tests/scaleout/servers.py starts it; the bucket is created before the app
starts. The load itself uploads no file: the store is there so that the stack is the
production one (S3 storage configured, presigned addresses built on every page)."""

import shutil
import socket
import subprocess
import time
from pathlib import Path

from bench.load.servers import VENV_BIN, free_port

BUCKET = "concerto-load"
CREDENTIALS = {"S3_ACCESS_KEY_ID": "concerto", "S3_SECRET_ACCESS_KEY": "concerto-secret"}


def binary() -> str | None:
    return shutil.which("weed", path=str(VENV_BIN)) or shutil.which("weed")


def _port_pair() -> int:
    """A free port whose gRPC twin (port + 10000, SeaweedFS's rule) is free as well."""
    while True:
        port = free_port()
        if port + 10000 <= 65535 and _free(port + 10000):
            return port


def _free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


class ObjectStore:
    def __init__(self, work: Path):
        self.dir = work / "seaweedfs"
        self.dir.mkdir()
        self.ports = {name: _port_pair() for name in ("master", "volume", "filer", "s3")}
        self.endpoint = f"http://127.0.0.1:{self.ports['s3']}"
        self.process: subprocess.Popen | None = None

    def env(self) -> dict:
        return {"S3_BUCKET": BUCKET, "S3_ENDPOINT_URL": self.endpoint, **CREDENTIALS}

    def start(self, timeout: float = 90) -> float:
        """Start and create the bucket; seconds it took."""
        import boto3

        p = self.ports
        with (self.dir / "weed.log").open("ab") as log:
            self.process = subprocess.Popen(
                [binary(), "server", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", f"-dir={self.dir}",
                 f"-master.port={p['master']}", f"-volume.port={p['volume']}", "-filer",
                 f"-filer.port={p['filer']}", "-s3", f"-s3.port={p['s3']}",
                 # A collection grows by seven volumes at a time: with 8 at most, it
                 # could not grow past its first 64 MB, and the medium size's open data
                 # (over 64 MB) failed ("No writable volumes and no free volumes left").
                 "-master.volumeSizeLimitMB=256", "-volume.max=64", "-s3.port.iceberg=0",
                 "-s3.port.lance=0"],
                stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        client = boto3.client(
            "s3", endpoint_url=self.endpoint, region_name="us-east-1",
            aws_access_key_id=CREDENTIALS["S3_ACCESS_KEY_ID"],
            aws_secret_access_key=CREDENTIALS["S3_SECRET_ACCESS_KEY"],
        )  # fmt: skip
        start = time.monotonic()
        while True:
            try:
                client.create_bucket(Bucket=BUCKET)
                return time.monotonic() - start
            except Exception:  # not listening yet, or the filer not ready
                if time.monotonic() - start > timeout or self.process.poll() is not None:
                    message = f"SeaweedFS did not start ({self.dir}/weed.log)"
                    raise RuntimeError(message) from None
                time.sleep(0.25)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
