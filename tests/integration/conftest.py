"""Fixtures that run the collection through Ansible against a moto server."""

import atexit
import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

import boto3
import pytest
import warm_python
from moto_server import MotoServer

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)
# Variables that could point a test at a real account.
REAL_AWS_VARIABLES = ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE")
# Set in the environment of every Ansible run a test starts, to find all its processes.
RUN_MARKER = "BLUEGREEN_TEST_RUN"
_numbers = itertools.count()


_warm_python = {}


def module_python():
    """The interpreter of the modules the tests run: warm_python's client (one server per test process),
    or this Python with BLUEGREEN_TEST_COLD_PYTHON=1."""
    if os.environ.get("BLUEGREEN_TEST_COLD_PYTHON") == "1":
        return sys.executable
    if not _warm_python:
        folder = tempfile.mkdtemp(prefix="bluegreen-warm-python-")
        _warm_python["client"] = warm_python.start(folder)
        atexit.register(_stop_warm_python, folder)
    return _warm_python["client"]


def _stop_warm_python(folder):
    warm_python.stop(folder)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def moto_server():
    """One moto server per test session: with pytest-xdist, one per worker, each on its own free port."""
    with MotoServer() as server:
        yield server


class Aws:
    """boto3 clients bound to the moto server of this test."""

    def __init__(self, server):
        self.server = server
        self.env = server.env

    def module_defaults(self):
        """``module_defaults`` for the collection's action group that point at this server."""
        return {
            "group/bluegreen.aws.aws": {
                "endpoint_url": self.server.endpoint,
                "region": self.env["AWS_DEFAULT_REGION"],
                "access_key": self.env["AWS_ACCESS_KEY_ID"],
                "secret_key": self.env["AWS_SECRET_ACCESS_KEY"],
            }
        }

    def client(self, service):
        return boto3.client(
            service,
            endpoint_url=self.server.endpoint,
            region_name=self.env["AWS_DEFAULT_REGION"],
            aws_access_key_id=self.env["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=self.env["AWS_SECRET_ACCESS_KEY"],
        )


@pytest.fixture
def aws(moto_server):
    """A fresh (reset) moto state for one test."""
    moto_server.reset()
    return Aws(moto_server)


class Ansible:
    """Runs modules and playbooks with ansible-core against the moto server."""

    def __init__(self, aws, workdir):
        self.workdir = str(workdir)
        endpoint = aws.env["AWS_ENDPOINT_URL"]
        if not endpoint.startswith("http://127.0.0.1:"):
            raise RuntimeError("refusing to run against %s: tests only talk to moto on 127.0.0.1" % endpoint)
        self.env = {key: value for key, value in os.environ.items() if key not in REAL_AWS_VARIABLES}
        self.env.update(aws.env)
        self.env.update(
            ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, ".collections"),
            ANSIBLE_LOAD_CALLBACK_PLUGINS="1",
            ANSIBLE_STDOUT_CALLBACK="ansible.posix.json",
            ANSIBLE_LOCALHOST_WARNING="0",
            ANSIBLE_INVENTORY_UNPARSED_WARNING="0",
            ANSIBLE_PYTHON_INTERPRETER=module_python(),
            ANSIBLE_NOCOLOR="1",
        )

    def without_aws_environment(self):
        """Drop every AWS_* variable, so that only module options can reach the emulator.

        With no credentials anywhere, a module that misses them sends nothing at all.
        """
        for name in [name for name in self.env if name.startswith("AWS_")]:
            del self.env[name]
        self.env.update(AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null")

    def module(self, name, args, check=False, diff=False):
        """Run one module on localhost; return its result dict."""
        command = [os.path.join(BIN, "ansible"), "localhost", "-m", name, "-a", json.dumps(args)]
        if check:
            command.append("--check")
        if diff:
            command.append("--diff")
        return self._only_result(self.run(command))

    def process(self, command, cwd=None, env=None):
        """Start an Ansible command without waiting; stop it with kill_run(), never by its pid alone.

        Its modules run on module_python() (extra vars win over the playbooks' own interpreter); ``env``
        adds to or overrides the environment.
        """
        marker = "%d-%d" % (os.getpid(), next(_numbers))
        if os.path.basename(command[0]) in ("ansible", "ansible-playbook"):
            command = command[:1] + ["-e", json.dumps({"ansible_python_interpreter": module_python()})] + command[1:]
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=dict(self.env, **dict(env or {}, **{RUN_MARKER: marker})),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        process.marker = marker
        return process

    def playbook_process(self, path, extra_vars=None):
        """Start ansible-playbook without waiting; the caller reads the process."""
        return self.process([os.path.join(BIN, "ansible-playbook"), path, "-e", json.dumps(extra_vars or {})])

    def playbook(self, path, extra_vars=None):
        """Run a playbook; return (return code, the json callback's report)."""
        completed = self.run([os.path.join(BIN, "ansible-playbook"), path, "-e", json.dumps(extra_vars or {})])
        return completed.returncode, _report(completed.stdout, completed.stderr)

    def playbook_output(self, path, extra_vars=None):
        """Run a playbook with Ansible's default output, as a terminal or an AWX job shows it: (return code, text)."""
        command = [os.path.join(BIN, "ansible-playbook"), path, "-e", json.dumps(extra_vars or {})]
        completed = self.run(command, env={"ANSIBLE_STDOUT_CALLBACK": "ansible.builtin.default"})
        return completed.returncode, completed.stdout

    def run(self, command, timeout=600, cwd=None, env=None):
        """Run an Ansible command to its end: the CompletedProcess (text output)."""
        process = self.process(command, cwd=cwd, env=env)
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except BaseException:
            kill_run(process)
            raise
        return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)

    def watch_task(self, name, args, read, timeout=600):
        """Run one module task while ``read()`` samples AWS from outside; see Watch.

        ``watch.result()`` is the task's result.
        """
        path = os.path.join(self.workdir, "watched-task-%d.yml" % next(_numbers))
        with open(path, "w") as handle:
            json.dump([{"hosts": "localhost", "gather_facts": False, "tasks": [{"name": "task", name: args}]}], handle)
        return Watch(read, lambda: self.playbook_process(path), self._only_result, timeout)

    def watch_playbook(self, path, read, extra_vars=None, timeout=600):
        """Run a playbook while ``read()`` samples AWS from outside; see Watch.

        ``watch.result()`` is (return code, the json callback's report).
        """

        def parse(completed):
            return completed.returncode, _report(completed.stdout, completed.stderr)

        return Watch(read, lambda: self.playbook_process(path, extra_vars), parse, timeout)

    @staticmethod
    def _only_result(completed):
        report = _report(completed.stdout, completed.stderr)
        tasks = report["plays"][0]["tasks"]
        return tasks[-1]["hosts"]["localhost"]


def _report(stdout, stderr):
    try:
        return json.loads(stdout)
    except ValueError as error:
        raise AssertionError("ansible printed no JSON report:\n%s\n%s" % (stdout, stderr)) from error


@pytest.fixture
def ansible(aws, tmp_path):
    return Ansible(aws, tmp_path)


class Watch:
    """AWS seen from outside while one Ansible run goes on.

    ``read()`` returns the state the test watches (a split, a pair of weights,
    ...). It is sampled once before the run starts, then as often as it answers
    while the run goes on, and once more after the run ended: so ``seen`` (the
    distinct states in the order seen) always starts with the state before the
    run and ends with the state the run left. Every wait is bounded by
    ``timeout`` seconds from the start, after which the run is killed and the
    test fails naming what it waited for.
    """

    INTERVAL = 0.1

    def __init__(self, read, start, parse, timeout=600):
        self.read = read
        self.parse = parse
        self.timeout = timeout
        self.seen = []
        self.ended_at = None
        self._output = None
        self.sample()
        self.started_at = time.monotonic()
        self.process = start()
        # Read the output while sampling: a run that prints more than a pipe holds must not block.
        self._reader = threading.Thread(target=self._communicate, daemon=True)
        self._reader.start()

    def _communicate(self):
        self._output = self.process.communicate()
        self.ended_at = time.monotonic()

    def sample(self):
        """Read the state once; return it (and keep it if it differs from the last one seen)."""
        state = self.read()
        if not self.seen or self.seen[-1] != state:
            self.seen.append(state)
        return state

    def until(self, wanted):
        """Sample until the state is ``wanted`` (the run goes on); fail if the run ends first."""
        try:
            while True:
                running = self._reader.is_alive()
                if self.sample() == wanted:
                    return
                if not running:
                    raise AssertionError(
                        "the run ended before %r was seen; seen %r; output:\n%s" % (wanted, self.seen, self._text())
                    )
                self._wait("%r to be seen" % (wanted,))
        except BaseException:
            self._kill()
            raise

    def result(self):
        """Sample until the run ends, then once more; return the run's parsed result."""
        try:
            while self._reader.is_alive():
                self.sample()
                self._wait("the run to end")
            self.sample()
        except BaseException:
            self._kill()
            raise
        stdout, stderr = self._output
        return self.parse(subprocess.CompletedProcess(self.process.args, self.process.returncode, stdout, stderr))

    def kill(self):
        """Kill the run and everything it started (as a cancelled CI job would), then sample once more."""
        self._kill()
        self.sample()

    def _wait(self, what):
        if time.monotonic() - self.started_at > self.timeout:
            raise AssertionError("still waiting for %s after %ss; seen %r" % (what, self.timeout, self.seen))
        self._reader.join(self.INTERVAL)

    def _kill(self):
        kill_run(self.process)
        self._reader.join(60)

    def _text(self):
        stdout, stderr = self._output or ("", "")
        return "%s\n%s" % (stdout, stderr)


def kill_run(process):
    """SIGKILL an Ansible run started by Ansible.process() and every process it started.

    Ansible runs each task in a worker that leaves the playbook's session, so
    killing ansible-playbook (or its process group) would leave the module
    running and writing to AWS. The run's processes are found by the marker in
    their environment, which every process the run starts inherits.
    """
    wanted = ("%s=%s" % (RUN_MARKER, process.marker)).encode()
    for _attempt in range(100):
        if process.poll() is None:
            # Not reaped yet: its process group id is still ours.
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        found = [pid for pid in _pids() if wanted in _environment(pid)]
        for pid in found:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if not found:
            break
        time.sleep(0.1)
    process.wait(timeout=60)


def _pids():
    if not os.path.isdir("/proc"):
        return []
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def _environment(pid):
    """The NUL-separated environment of a process of ours (empty for others, and for one that ended)."""
    try:
        with open("/proc/%d/environ" % pid, "rb") as handle:
            return handle.read().split(b"\0")
    except OSError:
        return []
