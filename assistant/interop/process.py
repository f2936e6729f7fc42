"""The CDS Hooks service as a child process on loopback: for the tests and the benchmark.

`service_process` starts `python -m assistant hooks serve` on a free 127.0.0.1 port with the
given NG234_* settings, waits until discovery answers, and stops it (terminate, then kill)
when the block ends, whatever happened inside it. Its output goes to a log file the caller
can read (the tests check it holds no patient text).
"""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from assistant.localhost import HOST, free_port, stop
from assistant.settings import ROOT

__all__ = ["HOST", "Service", "free_port", "service_process"]
START_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class Service:
    """A running service: where it listens, and its log file."""

    host: str
    port: int
    log: Path
    pid: int

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"


def _answers(host: str, port: int, headers: Mapping[str, str]) -> bool:
    try:
        conn = http.client.HTTPConnection(host, port, timeout=2)
        conn.request("GET", "/cds-services", headers=dict(headers))
        status = conn.getresponse().status
        conn.close()
        return status in (200, 401)
    except OSError:
        return False


@contextmanager
def service_process(
    log: Path, settings_env: Mapping[str, str | None] | None = None, *, host: str = HOST
) -> Iterator[Service]:
    """Run the service in a child process for the duration of the block; `settings_env` sets
    NG234_* variables for it (None removes one this process has)."""
    port = free_port(host)
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    for name, value in (settings_env or {}).items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    command = [sys.executable, "-m", "assistant", "hooks", "serve", "--host", host]
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [*command, "--port", str(port)], cwd=ROOT, env=env, stdout=out, stderr=out
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _answers(host, port, {}):
            if proc.poll() is not None:
                raise RuntimeError(f"the service exited with {proc.returncode}; see {log}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the service did not answer in {START_TIMEOUT_S} s")
            time.sleep(0.1)
        yield Service(host=host, port=port, log=log, pid=proc.pid)
    finally:
        stop(proc, grace_s=10)
