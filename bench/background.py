"""Servers a benchmark run starts for the length of a `with` block: nginx, gunicorn, Redis.

Each is started, waited for until it answers, and stopped on the way out, also when it fails to
start, so a run never leaves a server behind on a free port.
"""

import socket
import subprocess
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class BackgroundServer:
    """A subclass gives `command()`, `answers()` (one quick probe), `log_path` and `name`, and
    may set `environment` (default: this process's) and `patience` (seconds to start, and to
    stop before it is killed)."""

    environment = None
    patience = 30

    def __enter__(self):
        command = self.command()  # first: it may prepare the folder the log goes in
        self.log = open(self.log_path, "w")  # noqa: SIM115  (closed in __exit__)
        self.process = subprocess.Popen(
            command,
            env=self.environment,
            cwd=PROJECT_DIR,
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        try:
            self.wait_until_it_answers()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def wait_until_it_answers(self):
        deadline = time.monotonic() + self.patience
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited: {Path(self.log_path).read_text()}")
            if self.answers():
                return
            time.sleep(0.1)
        raise RuntimeError(f"{self.name} did not answer within {self.patience}s: {self.log_path}")

    def __exit__(self, *exc_info):
        self.process.terminate()
        try:
            self.process.wait(timeout=self.patience)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
