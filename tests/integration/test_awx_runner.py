"""The job templates run the way AWX runs them: through ansible-runner, against moto.

A private data directory as AWX writes one: ``env/extravars`` holds the template's extra variables
(the app definition) with the survey answers as AWX sends them (strings, blank strings, nulls; an
unused question missing) and the job's run context (``awx_job_id``, ``awx_user_name``);
``env/envvars`` holds what the Amazon Web Services credential gives a job. The project is this
checkout, and each run is the playbook its job template names (controller/job_templates.yml).
"""

import json
import os
import sys

import ansible_runner
import pytest
import yaml
from conftest import Ansible, Aws
from moto_server import MotoServer
from release_setup import App, Fleet

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)
TEMPLATES = os.path.join(ROOT, "extensions", "patterns", "bluegreen", "controller", "job_templates.yml")

pytestmark = pytest.mark.xdist_group("awx_runner")


@pytest.fixture(scope="module")
def ansible_on_path():
    """ansible-runner starts the ansible-playbook it finds on PATH: this Python's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PATH", BIN + os.pathsep + os.environ.get("PATH", ""))
        yield


@pytest.fixture(scope="module")
def app(tmp_path_factory, ansible_on_path):
    """An app provisioned by the provision template's job, on a moto server of this module."""
    with MotoServer() as server:
        aws = Aws(server)
        fleet = Fleet(aws, Ansible(aws, tmp_path_factory.mktemp("awx")), tmp_path_factory.mktemp("fleet-awx"))
        app = App(fleet, "awx")
        fleet.apps[app.name] = app
        try:
            survey = {"bluegreen_platform": "", "bluegreen_image_id": ""}
            Job(tmp_path_factory.mktemp("jobs"), app, "provision", survey, job_id=100).assert_successful()
            app.ready()
            yield app
        finally:
            fleet.stop()


def template_playbook(name):
    with open(TEMPLATES, encoding="utf-8") as handle:
        templates = yaml.safe_load(handle)["controller_templates"]
    return next(template["playbook"] for template in templates if template["name"] == "bluegreen " + name)


class Job:
    """One job of a template, run by ansible-runner; ``rc``, ``status`` and the job events."""

    def __init__(self, jobs_dir, app, template, survey_answers, job_id):
        self.private_data_dir = jobs_dir / ("job-%d" % job_id)
        env = self.private_data_dir / "env"
        env.mkdir(parents=True)
        extravars = dict(app.vars, awx_job_id=job_id, awx_user_name="alice", awx_job_template_name=template)
        extravars.update(survey_answers)
        (env / "extravars").write_text(json.dumps(extravars))
        (env / "envvars").write_text(json.dumps(self.credential(app.ansible.env)))
        (env / "settings").write_text(json.dumps({"job_timeout": 600}))
        self.runner = ansible_runner.run(
            private_data_dir=str(self.private_data_dir),
            project_dir=ROOT,
            playbook=template_playbook(template),
            quiet=True,
        )
        self.events = list(self.runner.events)

    @staticmethod
    def credential(test_env):
        """What the job gets from its AWS credential (here: moto's), and where the collection is."""
        endpoint = test_env["AWS_ENDPOINT_URL"]
        assert endpoint.startswith("http://127.0.0.1:"), endpoint
        names = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL")
        variables = {name: test_env[name] for name in names}
        variables.update(
            AWS_CONFIG_FILE="/dev/null",
            AWS_SHARED_CREDENTIALS_FILE="/dev/null",
            ANSIBLE_COLLECTIONS_PATH=test_env["ANSIBLE_COLLECTIONS_PATH"],
            ANSIBLE_LOCALHOST_WARNING="0",
        )
        return variables

    def results(self, task):
        """The results of every run of the task named ``task`` (its last name part), from the job events."""
        return [
            event["event_data"]["res"]
            for event in self.events
            if event["event"] in ("runner_on_ok", "runner_on_failed")
            and event["event_data"].get("task", "").rsplit(" : ", 1)[-1] == task
        ]

    def summary(self):
        return self.results("Summary")[-1]["msg"]

    def settings(self):
        return self.results("Convert and check the app definition")[-1]["ansible_facts"]["app_settings"]

    def shift_events(self):
        """``(start, changed or ok or failed, label)`` of each task of the traffic shift, in order."""
        found = []
        for event in self.events:
            task = event.get("event_data", {}).get("task", "").rsplit(" : ", 1)[-1]
            if not task.startswith("Shift production traffic to ") or ", " not in task:
                continue
            label = task.split(", ", 1)[1]
            if event["event"] == "playbook_on_task_start":
                found.append(("start", label))
            elif event["event"] in ("runner_on_ok", "runner_on_failed"):
                result = event["event_data"]["res"]
                outcome = "failed" if result.get("failed") else "changed" if result.get("changed") else "ok"
                found.append((outcome, label))
        return found

    def failure(self):
        failed = [event["event_data"]["res"] for event in self.events if event["event"] == "runner_on_failed"]
        return failed[-1]["msg"] if failed else ""

    def assert_successful(self):
        assert (self.runner.rc, self.runner.status) == (0, "successful"), self.failure()


def test_deploy_promote_and_rollback_from_survey_answers(app, tmp_path):

    # The first release, with optional answers left blank (empty strings, null) or not sent at all.
    first = Job(
        tmp_path,
        app,
        "deploy",
        {
            "bluegreen_version": "1.0",
            "bluegreen_image": "registry.example.com/shop:1.0",
            "bluegreen_image_id": "",
            "bluegreen_shift": "",
            "bluegreen_canary_percent": "",
            "bluegreen_step_interval": None,
            "bluegreen_auto_promote": "",
        },
        job_id=101,
    )
    first.assert_successful()
    assert first.summary()[0] == "awx deploy 1.0: 1.0 is live on green"
    assert app.split() == (0, 100)
    settings = first.settings()
    assert (settings["shift"], settings["canary_percent"], settings["step_interval"]) == ("all_at_once", 10, 60)
    assert settings["run_context"] == {"user": "alice", "awx_job_id": 101, "awx_job_template_name": "deploy"}

    # The workflow's deploy node: not promoted (its extra data is a boolean false).
    answers = {"bluegreen_version": "2.0", "bluegreen_image": "registry.example.com/shop:2.0"}
    deploy = Job(tmp_path, app, "deploy", dict(answers, bluegreen_auto_promote=False), job_id=102)
    deploy.assert_successful()
    assert "production traffic was not moved" in deploy.summary()[0]
    assert app.split() == (0, 100) and app.color("blue") == ("2.0", 2)

    # Promote after the approval: numbers and choices as survey strings. The canary step is held 2 s,
    # in calls of at most 1 s, each a line of the job output as it ends.
    answers = {"bluegreen_shift": "canary", "bluegreen_canary_percent": "50", "bluegreen_step_interval": "2"}
    promote = Job(tmp_path, app, "promote", dict(answers, bluegreen_progress_interval="1"), job_id=103)
    promote.assert_successful()
    lines = promote.summary()
    assert lines[0] == "awx promote: 2.0 is live on blue"
    assert any("steps 50 -> 100%" in line for line in lines), lines
    assert app.split() == (100, 0)
    steps = [
        "step 1/2: blue 50% / green 50%, hold 1/2 s",
        "step 1/2: blue 50% / green 50%, hold 2/2 s",
        "step 2/2: blue 100% / green 0%",
    ]
    # One task per call, each started and ended in order, the first and the last writing.
    assert promote.shift_events() == [
        ("start", steps[0]),
        ("changed", steps[0]),
        ("start", steps[1]),
        ("ok", steps[1]),
        ("start", steps[2]),
        ("changed", steps[2]),
    ]
    output = promote.runner.stdout.read()
    shown = [output.index("TASK [bluegreen.aws.release : Shift production traffic to blue, %s]" % s) for s in steps]
    assert shown == sorted(shown), output

    # Rollback with its optional answers blank: back to the color live before the latest deploy.
    rollback = Job(
        tmp_path, app, "rollback", {"bluegreen_rollback_to": None, "bluegreen_rollback_scale_up": ""}, job_id=104
    )
    rollback.assert_successful()
    assert rollback.summary()[0] == "awx rollback: rolled back to green"
    assert app.split() == (0, 100)
    # The summary is in the job output as AWX shows it, not only in the events.
    assert "rolled back to green" in rollback.runner.stdout.read()


def test_an_answer_that_cannot_be_converted_fails_the_job_naming_the_variable(app, tmp_path):
    split = app.split()
    job = Job(tmp_path, app, "promote", {"bluegreen_canary_percent": "ten", "bluegreen_shift": "canary"}, job_id=105)
    assert (job.runner.rc, job.runner.status) == (2, "failed")
    assert 'bluegreen_canary_percent must be an integer, got "ten"' in job.failure()
    assert app.split() == split
