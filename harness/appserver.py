"""Start the real app the way `make run` does (built frontend, granian), for tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def run_checked(args: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")


def _port_in_use(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


class AppServer:
    """One server at a time on the build's port; restarted when its settings change."""

    def __init__(self, env: dict[str, str], log_dir: Path) -> None:
        self.base_env = env
        self.log_dir = log_dir
        self.port = int(env["PORT"])
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.overrides: dict[str, str] | None = None

    @classmethod
    def isolated(cls, data_dir: Path, port: int, *, jobs: bool = False,
                 **settings: str) -> AppServer:
        """A server with its own data folder and build folder, on 127.0.0.1:port; with
        ``jobs``, the job queue's consumer too (off by default: a second process to start;
        a test that needs it may also ``ensure(ABRI_JOBS_CONSUMER="1")``)."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("ABRI_")}
        env.update({
            "ABRI_DATA_DIR": str(data_dir), "PORT": str(port), "ABRI_HOST": "127.0.0.1",
            # A build folder per port: the port is baked into a build, and two people
            # testing on two ports in one worktree must not rebuild over each other.
            "ABRI_PUBLIC_URL": f"http://127.0.0.1:{port}",
            "REFLEX_WEB_WORKDIR": f".web-test-{port}",
            "ABRI_LOG_LEVEL": "warning", "ABRI_JOBS_CONSUMER": "1" if jobs else "0",
            # Every test browser and benchmark client comes from 127.0.0.1.
            "ABRI_VICTIM_ACCOUNTS_PER_HOUR": "1000000", **settings,
        })
        return cls(env, data_dir)

    def prepare_data(self, data_dir: Path | None = None) -> dict[str, str]:
        """Migrate and seed a data folder (the server's own, or a fresh one for tests
        that need a database of their own); returns the settings pointing at it."""
        env = {**self.base_env, **({"ABRI_DATA_DIR": str(data_dir)} if data_dir else {})}
        run_checked([sys.executable, "-m", "helpline", "migrate"], env)
        run_checked([sys.executable, "-m", "helpline", "seed-demo"], env)
        return {"ABRI_DATA_DIR": env["ABRI_DATA_DIR"]}

    def build(self) -> None:
        self.prepare_data()
        run_checked([sys.executable, "scripts/build_frontend.py"], self.base_env)

    def ensure(self, **overrides: str) -> str:
        if self.process is not None and self.process.poll() is None \
                and self.overrides == overrides:
            return self.url
        self.stop()
        # The server's workers may still be closing their socket a moment after it exits.
        deadline = time.monotonic() + 15
        while _port_in_use(self.port) and time.monotonic() < deadline:
            time.sleep(0.2)
        if _port_in_use(self.port):
            raise RuntimeError(f"port {self.port} is taken (a server left from another run?)")
        env = {**self.base_env, **overrides}
        log = open(self.log_dir / f"server-{int(time.time() * 1000)}.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            ["bash", "scripts/serve.sh"], cwd=ROOT, env=env, stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True,
        )
        self.overrides = overrides
        self._wait_ready(log.name)
        return self.url

    def _wait_ready(self, log_name: str) -> None:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited:\n{Path(log_name).read_text()[-4000:]}")
            try:
                if httpx.get(f"{self.url}/api/health", timeout=2).status_code == 200 and \
                        httpx.get(f"{self.url}/ping", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"server not ready:\n{Path(log_name).read_text()[-4000:]}")

    def stop(self) -> None:
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, 15)
            self.process.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, 9)
            self.process.wait()
        self.process = None
