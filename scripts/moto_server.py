"""Start and stop a moto server on a free 127.0.0.1 port.

Used by the pytest fixtures, the Molecule scenarios and the demo:

    python scripts/moto_server.py start --state-dir DIR   # prints shell exports
    python scripts/moto_server.py stop --state-dir DIR

`start` writes DIR/pid and DIR/env (shell `export` lines: endpoint, dummy
credentials, region) and waits until the server answers. `stop` ends the
server by its pid. Nothing here ever talks to real AWS.

The port is bound here and the listening socket handed to the server process,
so that servers started at the same time (one per pytest-xdist worker, one per
Molecule scenario) can never pick the same port.
"""

import argparse
import base64
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from urllib.parse import parse_qs

HOST = "127.0.0.1"
REGION = "us-east-1"
DUMMY_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
}


def listening_socket(port=0):
    """A socket listening on HOST:port (port 0: a free port the kernel picks and keeps ours)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind((HOST, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


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
    """One moto server process; usable as a context manager.

    ``exit_with_parent``: the server also stops when the process that started
    it ends, even if that process is killed before it can call stop().
    """

    def __init__(self, port=None, extra_env=None, exit_with_parent=True):
        self.requested_port = port or 0
        self.port = None
        self.endpoint = None
        self.extra_env = extra_env or {}
        self.exit_with_parent = exit_with_parent
        self.process = None
        self._recording_dir = None

    @property
    def env(self):
        return environment(self.endpoint)

    def start(self, timeout=120):
        sock = listening_socket(self.requested_port)
        self.port = sock.getsockname()[1]
        self.endpoint = f"http://{HOST}:{self.port}"
        # AWS managed IAM policies (MANAGED_POLICIES) exist in every account.
        server_env = dict(os.environ, MOTO_PORT=str(self.port), MOTO_IAM_LOAD_MANAGED_POLICIES="true")
        if "MOTO_RECORDER_FILEPATH" not in self.extra_env:
            # Requests recorded through /moto-api/recorder/ go to a file of this server's own.
            self._recording_dir = tempfile.mkdtemp(prefix="moto-recording-")
            server_env["MOTO_RECORDER_FILEPATH"] = os.path.join(self._recording_dir, "recording.jsonl")
        server_env.update(self.extra_env)
        command = [sys.executable, os.path.abspath(__file__), "serve", "--fd", str(sock.fileno())]
        if self.exit_with_parent:
            command += ["--parent", str(os.getpid())]
        try:
            self.process = subprocess.Popen(
                command,
                env=server_env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                pass_fds=[sock.fileno()],
                start_new_session=True,
            )
        finally:
            # The server process holds its own copy of the socket.
            sock.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                code = self.process.returncode
                self.stop()
                raise RuntimeError(f"the moto server exited with {code} before answering")
            if self.answers():
                return self
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the moto server did not answer on {self.endpoint} in {timeout}s")

    def answers(self):
        try:
            with urllib.request.urlopen(f"{self.endpoint}/moto-api/", timeout=5):
                return True
        except OSError:
            return False

    def _post(self, path):
        request = urllib.request.Request(f"{self.endpoint}{path}", method="POST")
        with urllib.request.urlopen(request, timeout=30):
            pass

    def reset(self):
        """Forget every resource, and stop and clear the request recording."""
        self._post("/moto-api/reset")
        self._post("/moto-api/recorder/stop-recording")
        self._post("/moto-api/recorder/reset-recording")

    def stop(self):
        if self.process is not None:
            # Our own child: wait() reaps it (a zombie would still answer kill 0).
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=30)
            except ProcessLookupError:
                pass
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)
            self.process = None
        if self._recording_dir is not None:
            shutil.rmtree(self._recording_dir, ignore_errors=True)
            self._recording_dir = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def start_recording(endpoint, timeout=30):
    """Clear moto's request recording and record from now on."""
    for action in ("start-recording", "reset-recording"):
        request = urllib.request.Request("%s/moto-api/recorder/%s" % (endpoint, action), method="POST")
        with urllib.request.urlopen(request, timeout=timeout):
            pass


def ansible_requests(endpoint, timeout=30):
    """``(method, url, body text)`` of each recorded request that Ansible sent (its user agent), in order."""
    with urllib.request.urlopen("%s/moto-api/recorder/download-recording" % endpoint, timeout=timeout) as answer:
        lines = answer.read().decode().splitlines()
    for line in lines:
        entry = json.loads(line)
        if "ansible" not in entry["headers"].get("User-Agent", "").lower():
            continue
        body = entry.get("body") or ""
        if entry.get("body_encoded"):
            body = base64.b64decode(body).decode()
        yield entry["method"], entry["url"], body


# The AWS managed IAM policies that the collection attaches (provision's roles); a unit test keeps
# this list in step with the roles.
MANAGED_POLICIES = (
    "AmazonECSTaskExecutionRolePolicy",
    "AWSCodeDeployRoleForECS",
    "AmazonECSInfrastructureRolePolicyForLoadBalancers",
)


def load_only_the_managed_policies_used():
    """Let moto's IAM load only MANAGED_POLICIES of AWS's managed policies.

    moto builds all of them (about 1,600, in each of six partitions) every time an IAM backend is made:
    on the first request of an account and again after every reset, which the tests make before each
    test. That took seconds of CPU each time; the collection attaches only the ones named above.
    """
    from moto.iam import models

    policies = json.loads(models.aws_managed_policies_data)
    models.aws_managed_policies_data = json.dumps({name: policies[name] for name in MANAGED_POLICIES})


class Route53Propagation:
    """WSGI middleware: a Route 53 change that stays PENDING for a while, as on AWS (moto answers INSYNC at once).

    ``POST /bluegreen/route53-pending?seconds=N`` makes the next change written answer PENDING, when it is
    written and when asked about (GetChange), for N seconds from then.
    """

    CONTROL = "/bluegreen/route53-pending"
    CHANGE_ID = re.compile(rb"<Id>(?:/change/)?([^<]+)</Id>")

    def __init__(self, app, clock=time.monotonic):
        self.app = app
        self.clock = clock
        self.next_change_seconds = None
        self.pending_until = {}
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == self.CONTROL:
            self.next_change_seconds = float(parse_qs(environ.get("QUERY_STRING", "")).get("seconds", ["0"])[0])
            start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
            return [b"ok"]
        written = path.startswith("/2013-04-01/hostedzone/") and path.rstrip("/").endswith("/rrset")
        asked = path.startswith("/2013-04-01/change/")
        if not (written and self.next_change_seconds is not None) and not (asked and self.pending_until):
            return self.app(environ, start_response)
        answered = {}

        def keep(status, headers, exc_info=None):
            answered.update(status=status, headers=headers)
            return lambda data: None

        body = b"".join(self.app(environ, keep))
        found = self.CHANGE_ID.search(body)
        change_id = found.group(1).decode() if found else None
        with self.lock:
            if written and self.next_change_seconds is not None and change_id:
                self.pending_until[change_id] = self.clock() + self.next_change_seconds
                self.next_change_seconds = None
            if change_id and self.clock() < self.pending_until.get(change_id, 0):
                body = body.replace(b"<Status>INSYNC</Status>", b"<Status>PENDING</Status>")
        headers = [(name, value) for name, value in answered["headers"] if name.lower() != "content-length"]
        start_response(answered["status"], headers + [("Content-Length", str(len(body)))])
        return [body]


def route53_pending(endpoint, seconds, timeout=30):
    """Make the next Route 53 change written stay PENDING for ``seconds`` (see Route53Propagation)."""
    request = urllib.request.Request("%s%s?seconds=%s" % (endpoint, Route53Propagation.CONTROL, seconds), method="POST")
    with urllib.request.urlopen(request, timeout=timeout):
        pass


def serve(fd, parent=None):
    """Run moto on the listening socket ``fd`` (inherited from the process that bound it)."""
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
    from werkzeug.serving import make_server

    load_only_the_managed_policies_used()
    app = Route53Propagation(DomainDispatcherApplication(create_backend_app))
    server = make_server(HOST, 0, app, threaded=True, request_handler=MotoRequestHandler, fd=fd)
    if parent:

        def exit_with_parent():
            while os.getppid() == parent:
                time.sleep(1)
            os._exit(0)

        threading.Thread(target=exit_with_parent, daemon=True).start()
    server.serve_forever()


def stop_pid(pid):
    """Stop a server started by another (finished) process, by its pid."""
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + 30
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
    # Recording (if a caller turns it on) goes to the state directory.
    extra_env = dict({"MOTO_RECORDER_FILEPATH": os.path.join(state_dir, "recording.jsonl")}, **extra_env)
    server = MotoServer(extra_env=extra_env, exit_with_parent=False).start()
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
    parser.add_argument("action", choices=["start", "stop", "serve"])
    parser.add_argument("--state-dir")
    parser.add_argument(
        "--ecs-running",
        type=int,
        default=None,
        help="tasks moto reports running for a new ECS service",
    )
    parser.add_argument("--fd", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--parent", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.action == "serve":
        serve(args.fd, args.parent)
        return
    if not args.state_dir:
        parser.error("--state-dir is required")
    if args.action == "start":
        extra = {}
        if args.ecs_running is not None:
            extra["MOTO_ECS_SERVICE_RUNNING"] = str(args.ecs_running)
        start_detached(args.state_dir, extra)
    else:
        stop_detached(args.state_dir)


if __name__ == "__main__":
    main()
