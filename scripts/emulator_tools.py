"""Emulator-only helpers for the demo and the Molecule scenarios: what an account would already have,
what moto cannot do by itself, and AWS read from outside.

    python scripts/emulator_tools.py setup --app shop --alarm shop-5xx      # prints the app's network
    python scripts/emulator_tools.py targets --app shop                      # after provision
    python scripts/emulator_tools.py canary --app shop --then alarm --alarm shop-5xx \\
        --report FILE -- ansible-playbook bluegreen.aws.deploy -e @shop.yml ...
    python scripts/emulator_tools.py canary --app shop --then kill --report FILE -- ansible-playbook ...
    python scripts/emulator_tools.py alarm --alarm shop-5xx --state OK
    python scripts/emulator_tools.py record      # start counting router writes (from now)
    python scripts/emulator_tools.py writes      # prints how many were made since `record`
    python scripts/emulator_tools.py state --app shop [--strategy task_set]
    python scripts/emulator_tools.py codedeploy --app shop

`setup` makes what the app's owner brings: a VPC (DNS hostnames on, as Fargate needs) with a subnet
in each of two zones, and a CloudWatch alarm in the OK state; it prints the app variables
``{"bluegreen_vpc_id": ..., "bluegreen_subnets": [...]}`` as JSON.

`targets` registers one stand-in target in each target group of the app that has none (moto starts
no ECS task and registers nothing) and prints ``{"registered": [colors]}``.

`canary` runs the command (its output passes through; with `--then alarm` the alarm is set to OK
first) and watches the production listener of the app from outside. When the listener splits the
traffic (the canary step, held for the deploy's bluegreen_step_interval), it sets the alarm to ALARM
(`--then alarm`: moto never evaluates alarms) or kills the command's whole process group with
SIGKILL (`--then kill`). It then waits for the command to end, samples the listener one last time,
and writes a JSON report: the command's return code, every split seen in order, the split at which
it acted. It exits 1, killing the command, when the listener never split before the command ended
or before `--timeout`: the drill is then void, never passed.

`record` and `writes` read the emulator's request recorder: `writes` counts the ModifyListener,
ModifyRule and ChangeResourceRecordSets requests sent by Ansible since `record` (the router writes of
a run).

With `--record NAME` (router route53), `canary` and `state` read the split of the weighted records
NAME (set identifiers blue and green) instead of the load balancer's listener; `setup --zone NAME`
also creates that hosted zone.

`state` prints what AWS holds for the app, read with boto3: the split of the production listener
and of the test listener, and per color the image it runs and its tasks (and, for task sets, which
one is PRIMARY).

`codedeploy` prints the CodeDeploy deployment group of the app (application and group `<app>`) and its
deployments, each with its status, configuration and the image of the task definition its AppSpec names.

Everything here talks to the emulator through AWS_ENDPOINT_URL, which must point at 127.0.0.1.
"""

import argparse
import ipaddress
import json
import os
import signal
import subprocess
import sys
import time
from urllib.parse import parse_qs

from moto_server import ansible_requests, start_recording

HOST = "127.0.0.1"
COLORS = ("blue", "green")
ZONES = ("us-east-1a", "us-east-1b")
POLL_SECONDS = 0.5
ROUTER_WRITES = ("ModifyListener", "ModifyRule")


def endpoint():
    url = os.environ.get("AWS_ENDPOINT_URL", "")
    if not url.startswith("http://%s:" % HOST):
        raise SystemExit("AWS_ENDPOINT_URL must point at the emulator on %s, got %r" % (HOST, url))
    return url


def client(service):
    import boto3

    region = os.environ.get("AWS_DEFAULT_REGION", "us-east-1")
    return boto3.client(service, endpoint_url=endpoint(), region_name=region)


def say(message):
    sys.stderr.write("[emulator] %s\n" % message)
    sys.stderr.flush()


def print_json(data):
    sys.stdout.write(json.dumps(data) + "\n")


# ----------------------------------------------------------------------------- set-up


def setup(args):
    ec2 = client("ec2")
    found = ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": [args.app]}])["Vpcs"]
    if found:
        vpc_id = found[0]["VpcId"]
    else:
        vpc_id = ec2.create_vpc(
            CidrBlock=args.cidr,
            TagSpecifications=[{"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": args.app}]}],
        )["Vpc"]["VpcId"]
        ec2.modify_vpc_attribute(VpcId=vpc_id, EnableDnsSupport={"Value": True})
        ec2.modify_vpc_attribute(VpcId=vpc_id, EnableDnsHostnames={"Value": True})
        for index, zone in enumerate(ZONES, start=1):
            cidr = list(ipaddress.ip_network(args.cidr).subnets(new_prefix=24))[index]
            ec2.create_subnet(VpcId=vpc_id, CidrBlock=str(cidr), AvailabilityZone=zone)
    subnets = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["Subnets"]
    subnets.sort(key=lambda subnet: subnet["AvailabilityZone"])
    if args.alarm:
        cloudwatch = client("cloudwatch")
        if not cloudwatch.describe_alarms(AlarmNames=[args.alarm])["MetricAlarms"]:
            cloudwatch.put_metric_alarm(
                AlarmName=args.alarm,
                MetricName="HTTPCode_Target_5XX_Count",
                Namespace="AWS/ApplicationELB",
                Statistic="Sum",
                Period=60,
                EvaluationPeriods=1,
                Threshold=10,
                ComparisonOperator="GreaterThanThreshold",
            )
            set_alarm(args.alarm, "OK", "emulator set-up")
    if args.zone:
        route53 = client("route53")
        name = args.zone.rstrip(".") + "."
        if not [zone for zone in route53.list_hosted_zones()["HostedZones"] if zone["Name"] == name]:
            route53.create_hosted_zone(Name=name, CallerReference="emulator-%s" % name)
    print_json({"bluegreen_vpc_id": vpc_id, "bluegreen_subnets": [subnet["SubnetId"] for subnet in subnets]})
    return 0


def targets(args):
    elbv2 = client("elbv2")
    ec2 = client("ec2")
    registered = []
    for index, color in enumerate(COLORS):
        group = elbv2.describe_target_groups(Names=["%s-%s" % (args.app, color)])["TargetGroups"][0]
        if elbv2.describe_target_health(TargetGroupArn=group["TargetGroupArn"])["TargetHealthDescriptions"]:
            continue
        # An address of the target group's VPC, as an awsvpc task of that color would have.
        subnets = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [group["VpcId"]]}])["Subnets"]
        network = min(ipaddress.ip_network(subnet["CidrBlock"]) for subnet in subnets)
        address = str(network.network_address + 10 + index)
        elbv2.register_targets(TargetGroupArn=group["TargetGroupArn"], Targets=[{"Id": address, "Port": group["Port"]}])
        registered.append(color)
    print_json({"registered": registered})
    return 0


# ----------------------------------------------------------------------------- reading AWS


class Listener:
    """The split of one listener of the app, read from ELBv2 (the ARNs looked up once)."""

    def __init__(self, app, port):
        self.elbv2 = client("elbv2")
        self.app = app
        self.port = port
        self.listener_arn = None
        self.colors = None

    def _lookup(self):
        groups = self.elbv2.describe_target_groups(Names=["%s-%s" % (self.app, color) for color in COLORS])
        self.colors = {
            group["TargetGroupArn"]: group["TargetGroupName"].rsplit("-", 1)[-1] for group in groups["TargetGroups"]
        }
        balancer = self.elbv2.describe_load_balancers(Names=[self.app])["LoadBalancers"][0]["LoadBalancerArn"]
        listeners = self.elbv2.describe_listeners(LoadBalancerArn=balancer)["Listeners"]
        self.listener_arn = next(listener["ListenerArn"] for listener in listeners if listener["Port"] == self.port)

    def split(self):
        """{"blue": percent, "green": percent}."""
        if self.listener_arn is None:
            self._lookup()
        listener = self.elbv2.describe_listeners(ListenerArns=[self.listener_arn])["Listeners"][0]
        forward = next(action for action in listener["DefaultActions"] if action["Type"] == "forward")
        groups = (forward.get("ForwardConfig") or {}).get("TargetGroups") or [
            {"TargetGroupArn": forward["TargetGroupArn"], "Weight": 1}
        ]
        weights = dict.fromkeys(COLORS, 0)
        for group in groups:
            color = self.colors.get(group["TargetGroupArn"])
            if color:
                weights[color] += group.get("Weight", 1)
        total = sum(weights.values())
        return {color: round(100 * weight / total) if total else 0 for color, weight in weights.items()}


class RecordPair:
    """The split of the weighted records blue and green of one name (router route53)."""

    def __init__(self, name):
        self.route53 = client("route53")
        self.name = name.lower().rstrip(".") + "."
        self.zone_id = None

    def split(self):
        """{"blue": percent, "green": percent}; both 0 without records."""
        if self.zone_id is None:
            zones = self.route53.list_hosted_zones()["HostedZones"]
            zone = max(
                (zone for zone in zones if self.name == zone["Name"] or self.name.endswith("." + zone["Name"])),
                key=lambda zone: len(zone["Name"]),
            )
            self.zone_id = zone["Id"]
        found = self.route53.list_resource_record_sets(HostedZoneId=self.zone_id, StartRecordName=self.name)
        weights = dict.fromkeys(COLORS, 0)
        for record_set in found["ResourceRecordSets"]:
            if record_set["Name"] == self.name and record_set.get("SetIdentifier") in COLORS:
                weights[record_set["SetIdentifier"]] = record_set.get("Weight", 0)
        total = sum(weights.values())
        return {color: round(100 * weight / total) if total else 0 for color, weight in weights.items()}


def router(args):
    """What holds the production split: the weighted records (--record) or the listener."""
    return RecordPair(args.record) if args.record else Listener(args.app, args.port)


def state(args):
    ecs = client("ecs")
    runs = {}
    primary = None
    if args.strategy == "task_set":
        service = ecs.describe_services(cluster=args.app, services=[args.app])["services"][0]
        for task_set in service.get("taskSets") or []:
            if task_set["status"] == "DRAINING":
                continue
            scale = task_set["scale"]["value"]
            tasks = round(service["desiredCount"] * scale / 100)
            runs[task_set["externalId"]] = (task_set["taskDefinition"], tasks)
            if task_set["status"] == "PRIMARY":
                primary = task_set["externalId"]
    else:
        names = ["%s-%s" % (args.app, color) for color in COLORS]
        for service in ecs.describe_services(cluster=args.app, services=names)["services"]:
            runs[service["serviceName"].rsplit("-", 1)[-1]] = (service["taskDefinition"], service["desiredCount"])
    colors = {}
    for color in COLORS:
        task_definition, tasks = runs.get(color, (None, 0))
        image = None
        if task_definition:
            found = ecs.describe_task_definition(taskDefinition=task_definition)["taskDefinition"]
            image = found["containerDefinitions"][0]["image"]
        colors[color] = {"image": image, "tasks": tasks}
    print_json(
        {
            "split": router(args).split(),
            "test_split": None if args.record else Listener(args.app, args.test_port).split(),
            "colors": colors,
            "primary": primary,
        }
    )
    return 0


def codedeploy(args):
    deploy, ecs = client("codedeploy"), client("ecs")
    group = deploy.get_deployment_group(applicationName=args.app, deploymentGroupName=args.app)["deploymentGroupInfo"]
    pair = group["loadBalancerInfo"]["targetGroupPairInfoList"][0]
    deployments = []
    for deployment_id in deploy.list_deployments(applicationName=args.app, deploymentGroupName=args.app)["deployments"]:
        found = deploy.get_deployment(deploymentId=deployment_id)["deploymentInfo"]
        content = json.loads(found["revision"]["appSpecContent"]["content"])
        task_definition = content["Resources"][0]["TargetService"]["Properties"]["TaskDefinition"]
        image = ecs.describe_task_definition(taskDefinition=task_definition)["taskDefinition"]["containerDefinitions"][
            0
        ]
        deployments.append(
            {"status": found["status"], "config": found["deploymentConfigName"], "image": image["image"]}
        )
    print_json(
        {
            "config": group["deploymentConfigName"],
            "style": group["deploymentStyle"],
            "target_groups": [item["name"] for item in pair["targetGroups"]],
            "deployments": deployments,
        }
    )
    return 0


# ----------------------------------------------------------------------------- drills


def is_split(split):
    return split["blue"] > 0 and split["green"] > 0


def set_alarm(name, value, reason):
    client("cloudwatch").set_alarm_state(AlarmName=name, StateValue=value, StateReason=reason)


def alarm(args):
    set_alarm(args.alarm, args.state, "emulator: set by hand")
    say("%s set to %s" % (args.alarm, args.state))
    return 0


def kill_group(process):
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def canary(args):
    listener = router(args)
    seen = []

    def sample():
        split = listener.split()
        if not seen or seen[-1] != split:
            seen.append(split)
        return split

    # The app must exist before the drill starts: the first sample looks it up.
    sample()
    if args.then == "alarm":
        # The drill starts from a quiet alarm (an earlier drill may have left it in ALARM).
        set_alarm(args.alarm, "OK", "emulator drill: reset before the deploy")
    # A process group of its own, so that --then kill ends the playbook and every worker it forked.
    process = subprocess.Popen(args.command, start_new_session=True)
    deadline = time.monotonic() + args.timeout
    acted_at = None
    try:
        while process.poll() is None and time.monotonic() < deadline:
            split = sample()
            if is_split(split):
                acted_at = split
                break
            time.sleep(POLL_SECONDS)
        if acted_at is None:
            why = "ended" if process.poll() is not None else "was still running after %ds" % args.timeout
            say("the listener never split the traffic: the command %s; the drill is void" % why)
            kill_group(process)
            write_report(args.report, args.then, process.returncode, seen, None)
            return 1
        if args.then == "alarm":
            say("canary seen (blue %(blue)d%%, green %(green)d%%)" % acted_at + ": setting %s to ALARM" % args.alarm)
            set_alarm(args.alarm, "ALARM", "emulator drill: fired by hand at the canary step")
        else:
            say("canary seen (blue %(blue)d%%, green %(green)d%%): killing the deploy (SIGKILL)" % acted_at)
            kill_group(process)
        while process.poll() is None and time.monotonic() < deadline:
            sample()
            time.sleep(POLL_SECONDS)
        if process.poll() is None:
            say("the command was still running after %ds: killed" % args.timeout)
            kill_group(process)
            write_report(args.report, args.then, process.returncode, seen, acted_at)
            return 1
    except BaseException:
        kill_group(process)
        raise
    # One last sample after the command ended: what it left behind.
    sample()
    write_report(args.report, args.then, process.returncode, seen, acted_at)
    return 0


def write_report(path, action, returncode, seen, acted_at):
    report = {"action": action, "returncode": returncode, "seen": seen, "acted_at": acted_at}
    if path:
        with open(path, "w") as handle:
            json.dump(report, handle)
    splits = " -> ".join("%(blue)d/%(green)d" % split for split in seen)
    say("production listener seen from outside (blue/green %%): %s; the command returned %s" % (splits, returncode))


def record(_args):
    start_recording(endpoint())
    return 0


def writes(_args):
    count = 0
    for method, url, body in ansible_requests(endpoint()):
        action = (parse_qs(body).get("Action") or [None])[0]
        count += action in ROUTER_WRITES or (method == "POST" and url.rstrip("/").endswith("/rrset"))
    sys.stdout.write("%d\n" % count)
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    actions = parser.add_subparsers(dest="action", required=True)

    command = actions.add_parser("setup", help="the app's network and alarm")
    command.add_argument("--app", required=True)
    command.add_argument("--cidr", default="10.40.0.0/16")
    command.add_argument("--alarm")
    command.add_argument("--zone", help="also a public hosted zone of this name (router route53)")
    command.set_defaults(run=setup)

    command = actions.add_parser("targets", help="one stand-in target per target group")
    command.add_argument("--app", required=True)
    command.set_defaults(run=targets)

    command = actions.add_parser("state", help="what AWS holds for the app")
    command.add_argument("--app", required=True)
    command.add_argument("--strategy", choices=["service_pair", "task_set"], default="service_pair")
    command.add_argument("--port", type=int, default=80, help="production listener port")
    command.add_argument("--test-port", type=int, default=8080, help="test listener port")
    command.add_argument("--record", help="the weighted records of the router route53")
    command.set_defaults(run=state)

    command = actions.add_parser("codedeploy", help="the app's CodeDeploy deployment group and deployments")
    command.add_argument("--app", required=True)
    command.set_defaults(run=codedeploy)

    command = actions.add_parser("canary", help="run a deploy; at its canary step fire the alarm or kill it")
    command.add_argument("--app", required=True)
    command.add_argument("--port", type=int, default=80, help="production listener port")
    command.add_argument("--record", help="the weighted records of the router route53")
    command.add_argument("--then", choices=["alarm", "kill"], required=True)
    command.add_argument("--alarm", help="alarm to set to ALARM (--then alarm)")
    command.add_argument("--timeout", type=int, default=300, help="seconds the whole drill may take")
    command.add_argument("--report", help="write the JSON report to this file too")
    command.add_argument("command", nargs=argparse.REMAINDER, help="-- the command to run")
    command.set_defaults(run=canary)

    command = actions.add_parser("alarm", help="set an alarm's state")
    command.add_argument("--alarm", required=True)
    command.add_argument("--state", choices=["OK", "ALARM", "INSUFFICIENT_DATA"], required=True)
    command.set_defaults(run=alarm)

    actions.add_parser("record", help="start counting router writes").set_defaults(run=record)
    actions.add_parser("writes", help="print the router writes made since `record`").set_defaults(run=writes)

    args = parser.parse_args(argv)
    if args.action == "canary":
        if args.command[:1] == ["--"]:
            args.command = args.command[1:]
        if not args.command:
            parser.error("canary needs a command after --")
        if args.then == "alarm" and not args.alarm:
            parser.error("--then alarm needs --alarm")
    try:
        return args.run(args)
    except KeyboardInterrupt:
        say("interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
