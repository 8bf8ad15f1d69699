"""Fixtures that run the collection through Ansible against a moto server."""

import json
import os
import subprocess
import sys
import tempfile

import boto3
import pytest
from moto_server import MotoServer

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)
# Variables that could point a test at a real account.
REAL_AWS_VARIABLES = ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE")


@pytest.fixture(scope="session")
def moto_server():
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

    def __init__(self, aws):
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
            ANSIBLE_PYTHON_INTERPRETER=sys.executable,
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
        completed = subprocess.run(command, env=self.env, capture_output=True, text=True, timeout=600, check=False)
        return self._only_result(completed)

    def playbook_process(self, path, extra_vars=None):
        """Start ansible-playbook without waiting; the caller reads the process."""
        command = [os.path.join(BIN, "ansible-playbook"), path, "-e", json.dumps(extra_vars or {})]
        return subprocess.Popen(command, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def playbook(self, path, extra_vars=None):
        """Run a playbook; return (return code, the json callback's report)."""
        process = self.playbook_process(path, extra_vars)
        stdout, stderr = process.communicate(timeout=600)
        return process.returncode, _report(stdout, stderr)

    def task_process(self, name, args):
        """Start one module task in the background (a one-task playbook)."""
        handle = tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False)
        play = [{"hosts": "localhost", "gather_facts": False, "tasks": [{"name": "task", name: args}]}]
        json.dump(play, handle)
        handle.close()
        return self.playbook_process(handle.name)

    @staticmethod
    def result_of(process):
        stdout, stderr = process.communicate(timeout=600)
        return Ansible._only_result(subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr))

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
def ansible(aws):
    return Ansible(aws)
