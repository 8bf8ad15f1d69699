"""Start and stop a moto server on a free 127.0.0.1 port.

Used by the pytest fixtures, the Molecule scenarios and the demo:

    python scripts/moto_server.py start --state-dir DIR   # prints shell exports
    python scripts/moto_server.py stop --state-dir DIR

`start` writes DIR/pid and DIR/env (shell `export` lines: endpoint, dummy
credentials, region) and waits until the server answers. `stop` ends the
server by its pid. Nothing here ever talks to real AWS.
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

HOST = "127.0.0.1"
REGION = "us-east-1"
DUMMY_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
}


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def environment(endpoint):
    """The variables that point boto3 and amazon.aws modules at moto."""
    env = dict(DUMMY_CREDENTIALS)
    env.update(
        {
            "AWS_ENDPOINT_URL": endpoint,
            "AWS_URL": endpoint,
            "AWS_DEFAULT_REGION": REGION,
            "AWS_REGION": REGION,
        }
    )
    return env


class MotoServer:
    """One moto_server process; usable as a context manager."""

    def __init__(self, port=None, extra_env=None):
        self.port = port or free_port()
        self.endpoint = f"http://{HOST}:{self.port}"
        self.extra_env = extra_env or {}
        self.process = None

    @property
    def env(self):
        return environment(self.endpoint)

    def start(self, timeout=60):
        moto = os.path.join(os.path.dirname(sys.executable), "moto_server")
        server_env = dict(os.environ)
        server_env.update(self.extra_env)
        self.process = subprocess.Popen(
            [moto, "-H", HOST, "-p", str(self.port)],
            env=server_env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"moto_server exited with {self.process.returncode}")
            if self.answers():
                return self
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"moto_server did not answer on {self.endpoint} in {timeout}s")

    def answers(self):
        try:
            with urllib.request.urlopen(f"{self.endpoint}/moto-api/", timeout=1):
                return True
        except OSError:
            return False

    def reset(self):
        request = urllib.request.Request(f"{self.endpoint}/moto-api/reset", method="POST")
        with urllib.request.urlopen(request, timeout=10):
            pass

    def stop(self):
        if self.process is None:
            return
        # Our own child: wait() reaps it (a zombie would still answer kill 0).
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.process = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def stop_pid(pid):
    """Stop a server started by another (finished) process, by its pid."""
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def start_detached(state_dir, extra_env):
    """Start a server that outlives this process; record its pid and env."""
    os.makedirs(state_dir, exist_ok=True)
    server = MotoServer(extra_env=extra_env).start()
    with open(os.path.join(state_dir, "pid"), "w") as handle:
        handle.write(str(server.process.pid))
    exports = "".join(f"export {key}={value}\n" for key, value in server.env.items())
    with open(os.path.join(state_dir, "env"), "w") as handle:
        handle.write(exports)
    sys.stdout.write(exports)


def stop_detached(state_dir):
    pid_file = os.path.join(state_dir, "pid")
    if not os.path.exists(pid_file):
        return
    with open(pid_file) as handle:
        stop_pid(int(handle.read().strip()))
    os.remove(pid_file)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("--state-dir", required=True)
    parser.add_argument(
        "--ecs-running",
        type=int,
        default=None,
        help="tasks moto reports running for a new ECS service",
    )
    args = parser.parse_args(argv)
    if args.action == "start":
        extra = {}
        if args.ecs_running is not None:
            extra["MOTO_ECS_SERVICE_RUNNING"] = str(args.ecs_running)
        start_detached(args.state_dir, extra)
    else:
        stop_detached(args.state_dir)


if __name__ == "__main__":
    main()
