"""Child servers on loopback, for the benchmarks and the tests that start the real thing:
a free port, and stopping a child politely, then firmly."""

from __future__ import annotations

import socket
import subprocess

HOST = "127.0.0.1"


def free_port(host: str = HOST) -> int:
    """A TCP port nothing listens on now (the OS's choice)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def stop(process: subprocess.Popen, grace_s: float = 10, kill_wait_s: float = 10) -> None:
    """SIGTERM the child (this pid only), and SIGKILL it if it has not exited after `grace_s`
    seconds."""
    process.terminate()
    try:
        process.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=kill_wait_s)
