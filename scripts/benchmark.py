"""Benchmark of the incident path, against a moto server on 127.0.0.1 (started and stopped here).

Prints, as medians of a few runs:
- the wall time of an ansible-playbook run of one read task (ecs_bluegreen_info), the baseline;
- the rollback playbook's wall time, its ratio to the baseline and its router writes (ModifyListener);
- the status playbook's wall time and ratio;
- twenty apps rolled back in one run (an inventory of apps, forks 20) as a ratio to one app.

    python scripts/benchmark.py [--apps 20] [--runs 3]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from urllib.parse import parse_qs

import boto3
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))

from moto_server import MotoServer, ansible_requests, start_recording  # noqa: E402
from network_setup import make_network  # noqa: E402

BIN = os.path.dirname(sys.executable)
READ_PLAY = [
    {
        "name": "One read",
        "hosts": "localhost",
        "connection": "local",
        "gather_facts": False,
        "vars": {"ansible_python_interpreter": "{{ ansible_playbook_python }}"},
        "tasks": [{"name": "Read the colors", "bluegreen.aws.ecs_bluegreen_info": {"cluster": "app0", "app": "app0"}}],
    }
]


class Bench:
    def __init__(self, server, workdir, apps):
        self.server = server
        self.workdir = workdir
        self.env = dict(os.environ, **server.env)
        self.env.update(
            ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, ".collections"),
            ANSIBLE_PYTHON_INTERPRETER=sys.executable,
            ANSIBLE_LOCALHOST_WARNING="0",
            ANSIBLE_INVENTORY_UNPARSED_WARNING="0",
            ANSIBLE_STDOUT_CALLBACK="ansible.builtin.default",
        )
        self.names = ["app%d" % index for index in range(apps)]
        self.session = boto3.session.Session(
            aws_access_key_id=server.env["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=server.env["AWS_SECRET_ACCESS_KEY"],
            region_name=server.env["AWS_DEFAULT_REGION"],
        )
        self.elbv2 = self.session.client("elbv2", endpoint_url=server.endpoint)
        self.inventory = os.path.join(workdir, "apps.yml")
        self.colors = {}

    def playbook(self, name, limit=None, forks=20, **extra):
        command = [os.path.join(BIN, "ansible-playbook"), "-i", self.inventory, "-f", str(forks), name]
        command += ["-e", json.dumps(dict({"bluegreen_hosts": limit or "all"}, **extra))]
        started = time.monotonic()
        completed = subprocess.run(command, env=self.env, capture_output=True, text=True, check=False)
        elapsed = time.monotonic() - started
        if completed.returncode != 0:
            raise SystemExit("%s failed:\n%s\n%s" % (name, completed.stdout[-3000:], completed.stderr[-3000:]))
        return elapsed

    def set_up(self):
        network = make_network(self.session.client("ec2", endpoint_url=self.server.endpoint))
        hosts = {}
        for name in self.names:
            hosts[name] = {
                "ansible_connection": "local",
                "bluegreen_app": name,
                "bluegreen_vpc_id": network.vpc_id,
                "bluegreen_subnets": network.subnets,
                "bluegreen_execution_role_arn": "arn:aws:iam::123456789012:role/%s-execution" % name,
                "bluegreen_desired_count": 1,
                "bluegreen_verify_retries": 1,
                "bluegreen_verify_delay": 0,
            }
        self._write_inventory(hosts)
        print("setting up %d apps (provision, stand-in targets, color servers, two releases)..." % len(hosts))
        self.playbook("bluegreen.aws.provision")
        for index, name in enumerate(self.names):
            for offset, color in enumerate(("blue", "green")):
                group = self.elbv2.describe_target_groups(Names=["%s-%s" % (name, color)])["TargetGroups"][0]
                target = "10.40.%d.%d" % (1 + index // 100, 10 + 2 * (index % 100) + offset)
                self.elbv2.register_targets(
                    TargetGroupArn=group["TargetGroupArn"], Targets=[{"Id": target, "Port": 80}]
                )
            state_dir = os.path.join(self.workdir, "colors-%s" % name)
            output = subprocess.run(
                [sys.executable, os.path.join(ROOT, "scripts", "color_server.py"), "start", "--state-dir", state_dir]
                + ["--app", name],
                env=self.env,
                capture_output=True,
                text=True,
                check=True,
            )
            self.colors[name] = state_dir
            hosts[name]["bluegreen_verify_urls"] = json.loads(output.stdout)
        self._write_inventory(hosts)
        for version in ("1.0", "2.0"):
            self.playbook("bluegreen.aws.deploy", bluegreen_version=version, bluegreen_image="shop:%s" % version)

    def _write_inventory(self, hosts):
        with open(self.inventory, "w") as handle:
            yaml.safe_dump({"all": {"hosts": hosts}}, handle)

    def rearm(self, names):
        """Put every app back on its newest release (blue), so that a rollback has one write to make."""
        for name in names:
            balancer = self.elbv2.describe_load_balancers(Names=[name])["LoadBalancers"][0]["LoadBalancerArn"]
            listener = next(
                item
                for item in self.elbv2.describe_listeners(LoadBalancerArn=balancer)["Listeners"]
                if item["Port"] == 80
            )
            groups = [
                {"TargetGroupArn": self._group(name, "blue"), "Weight": 100},
                {"TargetGroupArn": self._group(name, "green"), "Weight": 0},
            ]
            self.elbv2.modify_listener(
                ListenerArn=listener["ListenerArn"],
                DefaultActions=[{"Type": "forward", "ForwardConfig": {"TargetGroups": groups}}],
            )

    def _group(self, name, color):
        return self.elbv2.describe_target_groups(Names=["%s-%s" % (name, color)])["TargetGroups"][0]["TargetGroupArn"]

    def read_once(self):
        path = os.path.join(self.workdir, "read.yml")
        with open(path, "w") as handle:
            yaml.safe_dump(READ_PLAY, handle)
        command = [os.path.join(BIN, "ansible-playbook"), path]
        started = time.monotonic()
        subprocess.run(command, env=self.env, capture_output=True, check=True)
        return time.monotonic() - started

    def listener_writes(self):
        actions = [parse_qs(body).get("Action") for _method, _url, body in ansible_requests(self.server.endpoint)]
        return sum(1 for action in actions if action == ["ModifyListener"])

    def stop(self):
        for state_dir in self.colors.values():
            subprocess.run(
                [sys.executable, os.path.join(ROOT, "scripts", "color_server.py"), "stop", "--state-dir", state_dir],
                check=False,
            )


def median(values):
    return statistics.median(values)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir, MotoServer() as server:
        bench = Bench(server, workdir, args.apps)
        try:
            bench.set_up()
            baseline, rollback, status = [], [], []
            writes = None
            for _run in range(args.runs):
                baseline.append(bench.read_once())
                bench.rearm(["app0"])
                start_recording(server.endpoint)
                rollback.append(bench.playbook("bluegreen.aws.rollback", limit="app0"))
                writes = bench.listener_writes()
                status.append(bench.playbook("bluegreen.aws.status", limit="app0"))
            print("one read task (ecs_bluegreen_info):  %.2f s" % median(baseline))
            print(
                "rollback, one app:                   %.2f s  ratio %.2f  router writes %d"
                % (median(rollback), median(rollback) / median(baseline), writes)
            )
            print(
                "status, one app:                     %.2f s  ratio %.2f"
                % (median(status), median(status) / median(baseline))
            )
            many = []
            for _run in range(args.runs):
                bench.rearm(bench.names)
                many.append(bench.playbook("bluegreen.aws.rollback", forks=args.apps))
            print(
                "rollback, %d apps in one run (forks %d): %.2f s  ratio to one app %.2f"
                % (args.apps, args.apps, median(many), median(many) / median(rollback))
            )
        finally:
            bench.stop()


if __name__ == "__main__":
    main()
