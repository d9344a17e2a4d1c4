"""Real shared servers for the scale-out tests, started on loopback by the tests."""

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parents[2]


def app_environment(var_dir, **variables: str) -> dict:
    """The environment of a platform process a test starts: the production settings (not
    the test ones) with throwaway secrets, this checkout importable, its own VAR_DIR;
    `variables` add to it or replace."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "concerto.settings",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "CONCERTO_VAR_DIR": str(var_dir),
        "SECRET_KEY": "test-process-secret-" + "s" * 50,
        "PSEUDONYMISATION_KEY": "test-process-pseudonyms-" + "p" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "http://127.0.0.1",
        **variables,
    }


def postgres_url(connection) -> str:
    """The URL of `connection`'s PostgreSQL database (the test database), for processes
    outside the test; they see what a `transaction=True` test committed."""
    db = connection.settings_dict
    credentials = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    host = quote(db["HOST"], safe="")  # a Unix socket's directory, as the CI connects
    return f"postgres://{credentials}@{host}:{db['PORT']}/{quote(db['NAME'])}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def require(binary: str) -> str:
    """The binary's path; CI installs it (.ci/run), so there its absence fails the run."""
    path = shutil.which(binary)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{binary} is missing: .ci/run installs it")
        pytest.skip(f"{binary} is not installed (apt-get install {binary})")
    return path


@contextmanager
def redis_server(directory):
    port = free_port()
    process = start_redis(directory, port)
    try:
        yield redis_url(port)
    finally:
        stop(process)


def start_redis(directory, port: int) -> subprocess.Popen:
    """A redis-server on `port` of loopback, once it answers; a test that kills one can
    start it again on the same port (an empty one: nothing is saved to disk)."""
    process = subprocess.Popen(
        [require("redis-server"), "--port", str(port), "--bind", "127.0.0.1",
         "--save", "", "--appendonly", "no", "--dir", str(directory)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                stop(process)
                raise RuntimeError("redis-server did not start") from None
            time.sleep(0.05)


def redis_url(port: int) -> str:
    return f"redis://127.0.0.1:{port}/0"


def free_port_pair() -> int:
    """A port whose gRPC twin (port + 10000, SeaweedFS's rule) is free too."""
    while True:
        port = free_port()
        if port + 10000 > 65535:
            continue
        try:
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", port + 10000))
        except OSError:
            continue
        return port


@contextmanager
def seaweedfs_s3(directory, bucket="concerto"):
    """SeaweedFS (master, volume, filer and S3 gateway in one process) on loopback,
    with `bucket` created; yields the S3 endpoint URL."""
    import boto3

    weed = shutil.which("weed", path=os.path.dirname(sys.executable)) or require("weed")
    ports = {name: free_port_pair() for name in ("master", "volume", "filer", "s3")}
    log = open(os.path.join(directory, "weed.log"), "wb")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        [weed, "server", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", f"-dir={directory}",
         f"-master.port={ports['master']}", f"-volume.port={ports['volume']}",
         "-filer", f"-filer.port={ports['filer']}", "-s3", f"-s3.port={ports['s3']}",
         "-master.volumeSizeLimitMB=64", "-volume.max=8", "-s3.port.iceberg=0", "-s3.port.lance=0"],
        stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    endpoint = f"http://127.0.0.1:{ports['s3']}"
    try:
        client = boto3.client("s3", **s3_credentials(endpoint))
        deadline = time.monotonic() + 60
        while True:
            try:
                client.create_bucket(Bucket=bucket)
                break
            except Exception:
                if time.monotonic() > deadline or process.poll() is not None:
                    tail = open(log.name, "rb").read()[-2000:].decode(errors="replace")
                    raise RuntimeError(f"SeaweedFS did not start:\n{tail}") from None
                time.sleep(0.25)
        yield endpoint
    finally:
        stop(process)
        log.close()


def s3_credentials(endpoint: str) -> dict:
    return {
        "endpoint_url": endpoint,
        "region_name": "us-east-1",
        "aws_access_key_id": "concerto",
        "aws_secret_access_key": "concerto-secret",
    }


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=2)
    except subprocess.TimeoutExpired:  # SeaweedFS may take its time: nothing to keep
        process.kill()
        process.wait()
