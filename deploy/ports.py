"""Loopback ports: a free one to serve on, and whether something answers on
one (the stack's processes, the bench's gunicorn, Redis for the tests)."""

import socket
import time


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(port: int) -> bool:
    """Whether something accepts connections on 127.0.0.1:`port`."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def wait_for_port(port: int, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not answers(port):
        if time.monotonic() > deadline:
            raise RuntimeError(f"Nothing listens on port {port}")
        time.sleep(0.1)


REDIS_PORT = 6379


def redis_answers() -> bool:
    """Whether the machine's Redis is up (production's cache; the tests and
    benchmarks that need it skip or fall back without it)."""
    return answers(REDIS_PORT)
