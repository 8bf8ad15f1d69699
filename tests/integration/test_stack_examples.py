"""The guide's examples (docs/examples/eks and docs/examples/beanstalk) run as documented, with
``-e @shop.yml`` from the example's directory, against moto. No cluster and no Beanstalk environment
exist: the example's own tasks files run, but the two calls that would leave the machine are stand-ins:

- ``kubernetes.core.k8s`` and ``kubernetes.core.k8s_info`` come from a stand-in collection placed first
  on the collections path; it records the arguments (checked against the real module's argument spec)
  and keeps the Deployment's version annotation per kube context;
- ``aws`` (the AWS CLI the Beanstalk example calls) is a stand-in script first on PATH; it records the
  command and keeps the version label per environment.

Each stand-in also writes the version where the stacks' stand-in HTTP servers read it (one per color),
so the collection's checks, shift and records are the real ones. What is not exercised: the Kubernetes
API, the AWS Load Balancer Controller, Elastic Beanstalk itself, real DNS.
"""

import json
import os
import stat
import subprocess
import sys

import pytest
import yaml
from alarm_setup import make_alarm
from conftest import Ansible, Aws
from moto_server import MotoServer
from release_setup import COLOR_SERVER, failures, playbook, summary
from route53_setup import make_zone, pair

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLES = os.path.join(ROOT, "docs", "examples")
BIN = os.path.dirname(sys.executable)

STAND_IN_K8S = '''#!/usr/bin/python
"""Stand-in for kubernetes.core.%(name)s (tests only): records its arguments, keeps the version."""
import json
import os

from ansible.module_utils.basic import AnsibleModule, _load_params


def main():
    params = {key: value for key, value in _load_params().items() if not key.startswith("_ansible")}
    module = AnsibleModule(argument_spec=dict((key, {"type": "raw"}) for key in params))
    state = os.environ["STAND_IN_STATE"]
    with open(os.path.join(state, "calls.jsonl"), "a") as handle:
        handle.write(json.dumps({"module": "%(name)s", "params": params}) + "\\n")
    color = params["context"].rsplit("-", 1)[-1]
    path = os.path.join(state, "stacks", "%%s.json" %% color)
    if "%(name)s" == "k8s":
        version = params["definition"]["metadata"]["annotations"]["bluegreen.aws/version"]
        with open(path, "w") as handle:
            json.dump({"version": version}, handle)
        module.exit_json(changed=True, result=params["definition"])
    resources = []
    if os.path.exists(path):
        with open(path) as handle:
            version = json.load(handle)["version"]
        resources = [{"metadata": {"name": "shop", "annotations": {"bluegreen.aws/version": version}}}]
    module.exit_json(changed=False, resources=resources)


if __name__ == "__main__":
    main()
'''

STAND_IN_AWS = '''#!%(python)s
"""Stand-in for the AWS CLI's elasticbeanstalk commands (tests only)."""
import json
import os
import sys

state = os.environ["STAND_IN_STATE"]
args = sys.argv[1:]
with open(os.path.join(state, "calls.jsonl"), "a") as handle:
    handle.write(json.dumps({"module": "aws", "argv": args}) + "\\n")


def option(name):
    return args[args.index(name) + 1]


if args[:2] == ["elasticbeanstalk", "update-environment"]:
    color = option("--environment-name").rsplit("-", 1)[-1]
    with open(os.path.join(state, "stacks", "%%s.json" %% color), "w") as handle:
        json.dump({"version": option("--version-label")}, handle)
elif args[:2] == ["elasticbeanstalk", "describe-environments"]:
    color = option("--environment-names").rsplit("-", 1)[-1]
    try:
        with open(os.path.join(state, "stacks", "%%s.json" %% color)) as handle:
            print(json.load(handle)["version"])
    except OSError:
        print("None")
'''


class Example:
    """One example directory, run against moto with stand-ins for what would leave the machine."""

    def __init__(self, server, tmp_path, name):
        self.aws = Aws(server)
        self.ansible = Ansible(self.aws, tmp_path / "work")
        self.directory = os.path.join(EXAMPLES, name)
        self.state = str(tmp_path / "state")
        os.makedirs(os.path.join(self.state, "stacks"))
        self.route53 = self.aws.client("route53")
        self.zone_id = make_zone(self.route53, "example.com")
        with open(os.path.join(self.directory, "shop.yml")) as handle:
            self.definition = yaml.safe_load(handle)
        for alarm in self.definition.get("bluegreen_alarms") or []:
            make_alarm(self.aws.client("cloudwatch"), alarm)
        self.env = dict(self.ansible.env, STAND_IN_STATE=self.state)
        collections = tmp_path / "collections"
        modules = collections / "ansible_collections" / "kubernetes" / "core" / "plugins" / "modules"
        modules.mkdir(parents=True)
        for module in ("k8s", "k8s_info"):
            (modules / ("%s.py" % module)).write_text(STAND_IN_K8S % {"name": module})
        bin_dir = tmp_path / "bin"
        bin_dir.mkdir()
        (bin_dir / "aws").write_text(STAND_IN_AWS % {"python": sys.executable})
        (bin_dir / "aws").chmod(stat.S_IRWXU)
        self.env.update(
            ANSIBLE_COLLECTIONS_PATH="%s:%s" % (collections, self.env["ANSIBLE_COLLECTIONS_PATH"]),
            PATH="%s:%s" % (bin_dir, self.env["PATH"]),
        )
        self.ansible.env = self.env
        command = [sys.executable, COLOR_SERVER, "start", "--state-dir", self.state, "--app", "shop"]
        output = subprocess.run(
            command + ["--platform", "external"], env=self.env, capture_output=True, text=True, check=True, timeout=60
        )
        self.urls = json.loads(output.stdout)

    def run(self, name, **extra):
        """``ansible-playbook bluegreen.aws.<name> -e @shop.yml`` in the example's directory, with the test's
        overrides (moto's region, the stand-in servers as the stacks' verify URLs, no hold between steps)."""
        stacks = {
            color: dict(stack, verify_url=self.urls[color])
            for color, stack in self.definition["bluegreen_stacks"].items()
        }
        overrides = dict(
            bluegreen_region=self.aws.env["AWS_DEFAULT_REGION"],
            bluegreen_stacks=stacks,
            bluegreen_step_interval=0,
            bluegreen_verify_retries=2,
            bluegreen_verify_delay=0,
            **extra,
        )
        command = [os.path.join(BIN, "ansible-playbook"), playbook(name), "-e", "@shop.yml"]
        command += ["-e", json.dumps(overrides)]
        completed = self.ansible.run(command, cwd=self.directory)
        report = json.loads(completed.stdout)
        assert completed.returncode == 0, failures(report)
        return summary(report)

    def calls(self):
        with open(os.path.join(self.state, "calls.jsonl")) as handle:
            return [json.loads(line) for line in handle if line.strip()]

    def split(self):
        found = pair(self.route53, self.zone_id, "shop.example.com.", self.definition.get("bluegreen_record_type", "A"))
        return tuple(found[color]["Weight"] if color in found else None for color in ("blue", "green"))

    def stop(self):
        subprocess.run([sys.executable, COLOR_SERVER, "stop", "--state-dir", self.state], check=False, timeout=60)


@pytest.fixture
def example(tmp_path):
    examples = []

    def make(name):
        server = MotoServer().start()
        examples.append((server, Example(server, tmp_path / name, name)))
        return examples[-1][1]

    yield make
    for server, made in examples:
        made.stop()
        server.stop()


def test_the_eks_example(example):
    from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
    from ansible_collections.kubernetes.core.plugins.modules.k8s import argspec as k8s_argspec
    from ansible_collections.kubernetes.core.plugins.modules.k8s_info import argspec as k8s_info_argspec

    eks = example("eks")
    eks.run("provision")
    assert eks.split() == (100, 0)
    lines = eks.run("deploy", bluegreen_version="1.4.2")
    assert "1.4.2 is live on green" in lines[0]
    assert eks.split() == (0, 100)
    lines = eks.run("deploy", bluegreen_version="1.4.3")
    assert "1.4.3 is live on blue" in lines[0] and eks.split() == (100, 0)
    assert any("steps 10 -> 100%" in line for line in lines), lines

    calls = eks.calls()
    applied = [call["params"] for call in calls if call["module"] == "k8s"]
    assert [
        (
            params["context"].rsplit("/", 1)[-1],
            params["definition"]["spec"]["template"]["spec"]["containers"][0]["image"],
        )
        for params in applied
    ] == [
        ("shop-green", "111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop:1.4.2"),
        ("shop-blue", "111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop:1.4.3"),
    ]
    validators = {"k8s": ArgumentSpecValidator(k8s_argspec()), "k8s_info": ArgumentSpecValidator(k8s_info_argspec())}
    for call in calls:
        result = validators[call["module"]].validate(call["params"])
        assert not result.error_messages, (call, result.error_messages)


def test_the_beanstalk_example(example):
    beanstalk = example("beanstalk")
    beanstalk.run("provision")
    lines = beanstalk.run("deploy", bluegreen_version="7")
    assert "7 is live on green" in lines[0]
    found = pair(beanstalk.route53, beanstalk.zone_id, "shop.example.com.", "CNAME")
    assert {color: (record["Weight"], record["ResourceRecords"]) for color, record in found.items()} == {
        "blue": (0, [{"Value": "shop-blue.eu-west-1.elasticbeanstalk.com"}]),
        "green": (100, [{"Value": "shop-green.eu-west-1.elasticbeanstalk.com"}]),
    }
    lines = beanstalk.run("deploy", bluegreen_version="8")
    assert "8 is live on blue" in lines[0]
    assert any("steps 25 -> 50 -> 75 -> 100%" in line for line in lines), lines
    commands = [
        call["argv"][:2] + [call["argv"][3]] for call in beanstalk.calls() if "update-environment" in call["argv"]
    ]
    assert commands == [
        ["elasticbeanstalk", "update-environment", "shop-green"],
        ["elasticbeanstalk", "update-environment", "shop-blue"],
    ]
