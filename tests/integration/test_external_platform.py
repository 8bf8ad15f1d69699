"""The release playbooks on the platform external (two stacks the collection does not build, deployed by
a tasks file of the user's) with the router route53, against moto. The test's deploy hook records what it
was asked and leaves the version where the stacks' stand-in HTTP servers and the version hook read it.
"""

import json
import os
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from alarm_setup import LONG_HOLD, make_alarm
from conftest import Ansible, Aws
from moto_server import MotoServer
from release_setup import COLOR_SERVER, failures, ok, playbook
from route53_setup import ChangeRecorder, make_zone, pair

DEPLOY_HOOK = """\
- name: Record what the hook was asked
  ansible.builtin.shell: >-
    printf '%s\\n' {{ {'color': bluegreen_target_color, 'version': bluegreen_version,
                       'stack': bluegreen_target_stack} | to_json | quote }} >> {{ hook_dir }}/asked.jsonl
  changed_when: true
- name: Put the version on the stack
  ansible.builtin.copy:
    dest: "{{ hook_dir }}/stacks/{{ bluegreen_target_color }}.json"
    content: "{{ {'version': bluegreen_version} | to_json }}"
    mode: "0644"
"""

VERSION_HOOK = """\
- name: Ask the stack its version
  ansible.builtin.set_fact:
    bluegreen_stack_version: >-
      {{ ((lookup('ansible.builtin.file', hook_dir ~ '/stacks/' ~ bluegreen_target_color ~ '.json', errors='ignore')
           or '{}') | from_json).version | default('') }}
"""


class ExternalApp:
    def __init__(self, aws, ansible, state_dir):
        self.aws, self.ansible = aws, ansible
        self.state_dir = str(state_dir)
        os.makedirs(os.path.join(self.state_dir, "stacks"))
        self.route53 = aws.client("route53")
        self.zone_id = make_zone(self.route53, "ext.example.com")
        self.record = "shop.ext.example.com."
        self.alarm_name = make_alarm(aws.client("cloudwatch"), "ext-5xx")
        deploy_tasks = os.path.join(self.state_dir, "deploy.yml")
        version_tasks = os.path.join(self.state_dir, "version.yml")
        with open(deploy_tasks, "w") as handle:
            handle.write(DEPLOY_HOOK)
        with open(version_tasks, "w") as handle:
            handle.write(VERSION_HOOK)
        command = [sys.executable, COLOR_SERVER, "start", "--state-dir", self.state_dir, "--app", "ext"]
        command += ["--platform", "external"]
        output = subprocess.run(command, env=ansible.env, capture_output=True, text=True, check=True, timeout=60)
        urls = json.loads(output.stdout)
        self.vars = {
            "bluegreen_app": "ext",
            "bluegreen_platform": "external",
            "bluegreen_router": "route53",
            "bluegreen_zone": "ext.example.com",
            "bluegreen_record": self.record,
            "bluegreen_stacks": {
                "blue": {"value": ["192.0.2.10"], "verify_url": urls["blue"], "kube_context": "shop-blue"},
                "green": {"value": ["192.0.2.20"], "verify_url": urls["green"], "kube_context": "shop-green"},
            },
            "bluegreen_deploy_tasks": deploy_tasks,
            "bluegreen_version_tasks": version_tasks,
            "bluegreen_alarms": [self.alarm_name],
            "bluegreen_step_interval": 0,
            "bluegreen_verify_version_field": "version",
            "bluegreen_verify_retries": 2,
            "bluegreen_verify_delay": 0,
            "bluegreen_health_checks": True,
            "bluegreen_verify_path": "/health",
            "hook_dir": self.state_dir,
        }

    def run(self, name, **extra):
        return self.ansible.playbook(playbook(name), dict(self.vars, **extra))

    def asked(self):
        """What the deploy hook was asked, in order: [(color, version, kube_context)]."""
        path = os.path.join(self.state_dir, "asked.jsonl")
        if not os.path.exists(path):
            return []
        with open(path) as handle:
            calls = [json.loads(line) for line in handle if line.strip()]
        return [(call["color"], call["version"], call["stack"]["kube_context"]) for call in calls]

    def split(self):
        found = pair(self.route53, self.zone_id, self.record, "A")
        blue, green = (found[color]["Weight"] if color in found else 0 for color in ("blue", "green"))
        total = blue + green
        return (round(100 * blue / total), round(100 * green / total)) if total else (0, 0)

    def health_checks(self):
        """{(IP address, port, path): health check id} of every Route 53 health check."""
        checks = self.route53.list_health_checks()["HealthChecks"]
        return {
            (config.get("IPAddress"), config["Port"], config.get("ResourcePath")): check["Id"]
            for check, config in ((check, check["HealthCheckConfig"]) for check in checks)
        }

    def record_health_checks(self):
        """{color: the health check id of its record}."""
        records = pair(self.route53, self.zone_id, self.record, "A")
        return {color: record.get("HealthCheckId") for color, record in records.items()}

    def marks(self):
        tags = self.route53.list_tags_for_resource(ResourceType="hostedzone", ResourceId=self.zone_id)
        found = {tag["Key"]: tag["Value"] for tag in tags["ResourceTagSet"].get("Tags") or []}
        return {color: found.get("bluegreen:ext:%s" % color, "").split(" ")[0] or None for color in ("blue", "green")}

    def alarm(self, state):
        self.aws.client("cloudwatch").set_alarm_state(AlarmName=self.alarm_name, StateValue=state, StateReason="test")

    def stop(self):
        subprocess.run([sys.executable, COLOR_SERVER, "stop", "--state-dir", self.state_dir], check=False, timeout=60)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    with MotoServer() as server:
        aws = Aws(server)
        app = ExternalApp(aws, Ansible(aws, tmp_path_factory.mktemp("external")), tmp_path_factory.mktemp("ext"))
        try:
            yield app
        finally:
            app.stop()


def test_an_external_release_cycle(app):
    batches = ChangeRecorder(app.aws.server.endpoint)
    ok(app.run("provision"))
    assert app.split() == (100, 0)
    values = {color: record["ResourceRecords"] for color, record in pair(app.route53, app.zone_id, app.record).items()}
    assert values == {"blue": [{"Value": "192.0.2.10"}], "green": [{"Value": "192.0.2.20"}]}
    # bluegreen_health_checks: a health check per color on its stack's verify_url and bluegreen_verify_path,
    # tied to the color's record.
    endpoints = {color: urlsplit(stack["verify_url"]) for color, stack in app.vars["bluegreen_stacks"].items()}
    checks = app.health_checks()
    health_checks = {color: checks[(url.hostname, url.port, "/health")] for color, url in endpoints.items()}
    assert len(checks) == 2 and app.record_health_checks() == health_checks
    code, report = app.run("provision")
    assert code == 0 and report["stats"]["localhost"]["changed"] == 0, "a second provision changes nothing"

    # The first release goes to the idle stack, through the user's tasks file, then all at once.
    lines = ok(app.run("deploy", bluegreen_version="1.0"))
    assert app.asked() == [("green", "1.0", "shop-green")]
    assert app.split() == (0, 100) and app.marks() == {"blue": None, "green": "1.0"}
    assert "1.0 is live on green" in lines[0]
    assert "done: 1.0 deployed on green (deploy.yml ran on the green stack)" in lines

    # The version already live (the hook not asked again, nothing written) is Molecule's external_stacks.

    # A canary whose alarm fires mid-hold: the traffic comes back in one batch.
    variables = dict(app.vars, bluegreen_version="2.0", bluegreen_shift="canary", bluegreen_step_interval=LONG_HOLD)
    batches.start()
    watch = app.ansible.watch_playbook(playbook("deploy"), app.split, variables)
    watch.until((10, 90))
    app.alarm("ALARM")
    code, report = watch.result()
    app.alarm("OK")
    assert code != 0 and watch.seen == [(0, 100), (10, 90), (0, 100)]
    assert batches.batches() == [
        [("UPSERT", "blue", 10), ("UPSERT", "green", 90)],
        [("UPSERT", "blue", 0), ("UPSERT", "green", 100)],
    ]
    assert app.asked()[-1] == ("blue", "2.0", "shop-blue")

    # Again: the blue stack reports 2.0 already (the version hook), so the hook is not asked twice.
    lines = ok(app.run("deploy", bluegreen_version="2.0"))
    assert app.asked() == [("green", "1.0", "shop-green"), ("blue", "2.0", "shop-blue")]
    assert app.split() == (100, 0) and "2.0 is live on blue" in lines[0]

    batches.start()
    lines = ok(app.run("rollback"))
    assert batches.batches() == [[("UPSERT", "blue", 0), ("UPSERT", "green", 100)]]
    assert lines[0] == "ext rollback: rolled back to green"

    assert app.record_health_checks() == health_checks, "the release kept the health checks on the records"

    status_file = os.path.join(app.state_dir, "status.json")
    lines = ok(app.run("status", bluegreen_status_file=status_file))
    assert "note: health checks: blue %(blue)s, green %(green)s" % health_checks in lines
    with open(status_file) as handle:
        status = json.load(handle)
    assert (status["platform"], status["live_color"]) == ("external", "green")
    assert {color: status["colors"][color]["version"] for color in ("blue", "green")} == {"blue": "2.0", "green": "1.0"}

    lines = ok(app.run("verify", bluegreen_verify_color="idle"))
    assert "blue passed every check" in lines[0]

    # The collection never scales a stack it does not build.
    code, report = app.run("scale_down")
    assert code != 0 and "does not scale the blue stack" in " ".join(failures(report))

    ok(app.run("teardown", bluegreen_teardown_confirm="ext"))
    assert pair(app.route53, app.zone_id, app.record) == {} and app.health_checks() == {}
