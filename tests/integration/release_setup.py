"""An app provisioned by the provision playbook, ready for the release playbooks (test set-up only).

moto starts no task and registers nothing in a target group, so the set-up registers one stand-in
target per color (never the playbooks) and starts the color servers (scripts/color_server.py),
which answer as the version each color runs.
"""

import json
import os
import subprocess
import sys
from urllib.parse import parse_qs

import yaml

from alarm_setup import make_alarm
from moto_server import ansible_requests, start_recording
from network_setup import make_network

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COLOR_SERVER = os.path.join(ROOT, "scripts", "color_server.py")
BIN = os.path.dirname(sys.executable)


def playbook(name):
    return "bluegreen.aws.%s" % name


def serve_fleet(tmp_path_factory, name, apps, app_class=None):
    """A module fixture's body: a moto server of its own, ``apps`` provisioned on it as one fleet."""
    from conftest import Ansible, Aws
    from moto_server import MotoServer

    with MotoServer() as server:
        aws = Aws(server)
        ansible = Ansible(aws, tmp_path_factory.mktemp(name))
        fleet = Fleet(aws, ansible, tmp_path_factory.mktemp("fleet-" + name))
        try:
            fleet.provision(apps, app_class=app_class)
            yield fleet
        finally:
            fleet.stop()


class Fleet:
    """Apps provisioned together by one provision run (an inventory of apps), on one moto server.

    Each test takes an app of its own, so no test sees another's resources and no reset is needed.
    """

    def __init__(self, aws, ansible, state_dir):
        self.aws = aws
        self.ansible = ansible
        self.state_dir = str(state_dir)
        self.network = make_network(aws.client("ec2"))
        self.apps = {}

    def provision(self, names_and_strategies, app_class=None):
        """Provision every app of ``{name: strategy}`` in one run; register stand-in targets; start color servers."""
        app_class = app_class or App
        apps = {name: app_class(self, name, strategy) for name, strategy in names_and_strategies.items()}
        hosts = {name: dict(app.vars, ansible_connection="local") for name, app in apps.items()}
        inventory = os.path.join(self.state_dir, "fleet.yml")
        with open(inventory, "w") as handle:
            yaml.safe_dump({"all": {"hosts": hosts}}, handle)
        command = [os.path.join(BIN, "ansible-playbook"), "-i", inventory, "-f", str(len(hosts)), playbook("provision")]
        command += ["-e", json.dumps({"bluegreen_hosts": "all"})]
        completed = self.ansible.run(command, timeout=1200)
        assert completed.returncode == 0, completed.stdout[-5000:]
        for app in apps.values():
            app.ready()
        self.apps.update(apps)
        return apps

    def run_apps(self, apps, name, **extra):
        """One run of a playbook over an inventory of ``apps`` (each with its variables and ``extra``), one fork
        each: (rc, the json callback's report)."""
        hosts = {app.name: dict(app.vars, ansible_connection="local", **extra) for app in apps}
        inventory = os.path.join(self.state_dir, "apps-%s.yml" % "-".join(sorted(hosts)))
        with open(inventory, "w") as handle:
            yaml.safe_dump({"all": {"hosts": hosts}}, handle)
        command = [os.path.join(BIN, "ansible-playbook"), "-i", inventory, "-f", str(len(hosts)), playbook(name)]
        completed = self.ansible.run(command + ["-e", json.dumps({"bluegreen_hosts": "all"})])
        return completed.returncode, json.loads(completed.stdout)

    def stop(self):
        """Stop every app's color servers, side by side."""
        stopping = [app.stopping() for app in self.apps.values()]
        for process in stopping:
            process.wait(timeout=60)


class App:
    """One provisioned app: its variables, the color servers, and what AWS holds seen from outside."""

    def __init__(self, fleet, name, strategy="service_pair"):
        self.aws = fleet.aws
        self.ansible = fleet.ansible
        self.state_dir = fleet.state_dir
        self.name = name
        self.strategy = strategy
        self.elbv2 = self.aws.client("elbv2")
        self.ecs = self.aws.client("ecs")
        self.alarm_name = "%s-5xx" % name
        make_alarm(self.aws.client("cloudwatch"), self.alarm_name)
        self.vars = {
            "bluegreen_app": name,
            "bluegreen_ecs_strategy": strategy,
            "bluegreen_vpc_id": fleet.network.vpc_id,
            "bluegreen_subnets": fleet.network.subnets,
            "bluegreen_desired_count": 2,
            # The provision tests cover the execution role provision creates; these bring their own.
            "bluegreen_execution_role_arn": "arn:aws:iam::123456789012:role/%s-execution" % name,
            "bluegreen_alarms": [self.alarm_name],
            "bluegreen_step_interval": 0,
            "bluegreen_verify_version_field": "version",
            "bluegreen_verify_retries": 2,
            "bluegreen_verify_delay": 0,
        }

    # ------------------------------------------------------------------ set-up

    def ready(self):
        """After provision: one stand-in target per color (moto registers no task), and the color servers."""
        for color in ("blue", "green"):
            self.start_target(color)
        self.vars["bluegreen_verify_urls"] = self.start_color_servers()

    def stand_in_target(self, color):
        return {"Id": "10.40.1.%d" % (10 + ("blue", "green").index(color)), "Port": 80}

    def stop_target(self, color):
        """What ECS does when a color's tasks stop (moto keeps the target): its target leaves the group."""
        self.elbv2.deregister_targets(TargetGroupArn=self.target_group(color), Targets=[self.stand_in_target(color)])

    def start_target(self, color):
        """What ECS does when a color's task starts: its target joins the group."""
        self.elbv2.register_targets(TargetGroupArn=self.target_group(color), Targets=[self.stand_in_target(color)])

    def start_color_servers(self):
        command = [sys.executable, COLOR_SERVER, "start", "--state-dir", self.colors_dir, "--app", self.name]
        command += ["--strategy", self.strategy]
        output = subprocess.run(command, env=self.ansible.env, capture_output=True, text=True, check=True, timeout=60)
        return json.loads(output.stdout)

    def stopping(self):
        """Start stopping the color servers; return the process doing it."""
        return subprocess.Popen([sys.executable, COLOR_SERVER, "stop", "--state-dir", self.colors_dir])

    def fault(self, color, status, after=0):
        """Make ``color`` answer ``status`` after ``after`` more good answers (a broken release)."""
        command = [sys.executable, COLOR_SERVER, "fault", "--state-dir", self.colors_dir, "--color", color]
        subprocess.run(command + ["--status", str(status), "--after", str(after)], check=True, timeout=60)

    @property
    def colors_dir(self):
        return os.path.join(self.state_dir, "colors-%s" % self.name)

    # ------------------------------------------------------------------ runs

    def run(self, name, **extra):
        """Run a playbook of the collection with the app's variables (and ``extra``): (rc, report)."""
        return self.ansible.playbook(playbook(name), dict(self.vars, **extra))

    def run_output(self, name, **extra):
        """Run a playbook of the collection with Ansible's default output: (rc, the text a job shows)."""
        return self.ansible.playbook_output(playbook(name), dict(self.vars, **extra))

    def deploy(self, version, **extra):
        return self.run(
            "deploy", bluegreen_version=version, bluegreen_image="registry.example.com/shop:%s" % version, **extra
        )

    # ------------------------------------------------------------------ seen from outside

    def target_group(self, color):
        return self.elbv2.describe_target_groups(Names=["%s-%s" % (self.name, color)])["TargetGroups"][0][
            "TargetGroupArn"
        ]

    def listener(self, port=80):
        balancer = self.elbv2.describe_load_balancers(Names=[self.name])["LoadBalancers"][0]["LoadBalancerArn"]
        listeners = self.elbv2.describe_listeners(LoadBalancerArn=balancer)["Listeners"]
        return next(listener for listener in listeners if listener["Port"] == port)

    def split(self, port=80):
        """(blue percent, green percent) of the listener on ``port``."""
        forward = next(action for action in self.listener(port)["DefaultActions"] if action["Type"] == "forward")
        groups = (forward.get("ForwardConfig") or {}).get("TargetGroups") or [
            {"TargetGroupArn": forward["TargetGroupArn"], "Weight": 1}
        ]
        weights = {group["TargetGroupArn"]: group.get("Weight", 1) for group in groups}
        blue, green = weights.get(self.target_group("blue"), 0), weights.get(self.target_group("green"), 0)
        total = blue + green
        return (round(100 * blue / total), round(100 * green / total)) if total else (0, 0)

    def set_split(self, blue, green, port=80):
        groups = [
            {"TargetGroupArn": self.target_group("blue"), "Weight": blue},
            {"TargetGroupArn": self.target_group("green"), "Weight": green},
        ]
        self.elbv2.modify_listener(
            ListenerArn=self.listener(port)["ListenerArn"],
            DefaultActions=[{"Type": "forward", "ForwardConfig": {"TargetGroups": groups}}],
        )

    def color(self, color):
        """(version recorded on the color, tasks it should run), as ECS holds them."""
        if self.strategy == "service_pair":
            service = self.ecs.describe_services(
                cluster=self.name, services=["%s-%s" % (self.name, color)], include=["TAGS"]
            )["services"][0]
            tags = {tag["key"]: tag["value"] for tag in service.get("tags") or []}
            return tags.get("bluegreen:version"), service["desiredCount"]
        service = self.ecs.describe_services(cluster=self.name, services=[self.name], include=["TAGS"])["services"][0]
        tags = {tag["key"]: tag["value"] for tag in service.get("tags") or []}
        task_sets = [t for t in service.get("taskSets") or [] if t["externalId"] == color and t["status"] != "DRAINING"]
        scale = task_sets[0]["scale"]["value"] if task_sets else 0
        return tags.get("bluegreen:%s:version" % color), service["desiredCount"] if scale else 0

    def alarm(self, state):
        self.aws.client("cloudwatch").set_alarm_state(AlarmName=self.alarm_name, StateValue=state, StateReason="test")


class Ec2App(App):
    """An app on the platform ec2: two Auto Scaling groups. moto registers their instances in the target
    groups itself (healthy), so no stand-in target is needed."""

    AMIS = {"1.0": "ami-12c6146b", "2.0": "ami-03cf127a", "3.0": "ami-1812c061"}

    def __init__(self, fleet, name, strategy="service_pair"):
        super().__init__(fleet, name, strategy)
        self.autoscaling = self.aws.client("autoscaling")
        del self.vars["bluegreen_ecs_strategy"], self.vars["bluegreen_execution_role_arn"]
        self.vars.update(bluegreen_platform="ec2", bluegreen_image_id=self.AMIS["1.0"], bluegreen_container_port=8080)

    def ready(self):
        self.vars["bluegreen_verify_urls"] = self.start_color_servers()

    def start_color_servers(self):
        command = [sys.executable, COLOR_SERVER, "start", "--state-dir", self.colors_dir, "--app", self.name]
        command += ["--platform", "ec2"]
        output = subprocess.run(command, env=self.ansible.env, capture_output=True, text=True, check=True, timeout=60)
        return json.loads(output.stdout)

    def deploy(self, version, **extra):
        return self.run("deploy", bluegreen_version=version, bluegreen_image_id=self.AMIS[version], **extra)

    def group(self, color):
        return self.autoscaling.describe_auto_scaling_groups(AutoScalingGroupNames=["%s-%s" % (self.name, color)])[
            "AutoScalingGroups"
        ][0]

    def color(self, color):
        """(version recorded on the color, instances it should run), as Auto Scaling holds them."""
        group = self.group(color)
        tags = {tag["Key"]: tag["Value"] for tag in group.get("Tags") or []}
        return tags.get("bluegreen:version"), group["DesiredCapacity"]


class ListenerWrites:
    """The ModifyListener (and ModifyRule) calls Ansible sent, read from moto's request recorder."""

    def __init__(self, endpoint):
        self.endpoint = endpoint

    def start(self):
        start_recording(self.endpoint)

    def count(self):
        actions = [parse_qs(body).get("Action") for _method, _url, body in ansible_requests(self.endpoint)]
        return sum(1 for action in actions if action in (["ModifyListener"], ["ModifyRule"]))


def deploy_failures(ansible, tmp_path, hosts):
    """One deploy run over an inventory of ``hosts`` (``{name: variables}``), each of which must fail on its
    own: ``{host: the message of its failed task}``."""
    inventory = tmp_path / "apps.yml"
    inventory.write_text(yaml.safe_dump({"all": {"hosts": hosts}}))
    command = [os.path.join(BIN, "ansible-playbook"), "-i", str(inventory), playbook("deploy")]
    command += ["-e", json.dumps({"bluegreen_hosts": "all"}), "-f", "10"]
    completed = ansible.run(command)
    assert completed.returncode != 0
    messages = {}
    for play in json.loads(completed.stdout)["plays"]:
        for task in play["tasks"]:
            for host, result in task["hosts"].items():
                if result.get("failed"):
                    messages[host] = result.get("msg", "")
    return messages


def summary(report, task_name="Summary"):
    """The lines of the last summary the playbook printed."""
    lines = []
    for play in report["plays"]:
        for task in play["tasks"]:
            if task["task"]["name"].rsplit(" : ", 1)[-1] in (task_name, "Print the status"):
                for result in task["hosts"].values():
                    if isinstance(result.get("msg"), list):
                        lines = result["msg"]
    return lines


def summaries(report, task_name="Summary"):
    """The lines of each host's last summary: ``{host: lines}``."""
    lines = {}
    for play in report["plays"]:
        for task in play["tasks"]:
            if task["task"]["name"].rsplit(" : ", 1)[-1] == task_name:
                for host, result in task["hosts"].items():
                    if isinstance(result.get("msg"), list):
                        lines[host] = result["msg"]
    return lines


def task_hosts(report, task_name):
    """The hosts that ran (not skipped) each run of the task named ``task_name``, in order."""
    return [
        sorted(host for host, result in task["hosts"].items() if not result.get("skipped"))
        for play in report["plays"]
        for task in play["tasks"]
        if task["task"]["name"].rsplit(" : ", 1)[-1] == task_name
    ]


def failures(report):
    """Every failed task's message, for assertion messages."""
    found = []
    for play in report["plays"]:
        for task in play["tasks"]:
            for host, result in task["hosts"].items():
                if result.get("failed"):
                    found.append("%s %s: %s" % (host, task["task"]["name"], result.get("msg")))
                    for item in result.get("results") or []:
                        if isinstance(item, dict) and item.get("msg"):
                            found.append("  %s: %s" % (item.get("item"), item.get("msg")))
    return found


def ok(run):
    """The summary of a playbook run (``(code, report)``) that must have succeeded."""
    code, report = run
    assert code == 0, failures(report)
    return summary(report)


def failed(run, *fragments):
    """The summary of a run that must have failed with each of ``fragments`` in its failures."""
    code, report = run
    assert code != 0, summary(report)
    text = " ".join(failures(report))
    for fragment in fragments:
        assert fragment in text, text
    return summary(report)
