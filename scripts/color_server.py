"""Stand-ins for the app's two colors: one local HTTP server per color that answers as the version
that color runs.

The AWS emulator starts no container, so nothing would answer the verify checks. Each server asks
the emulator what its color runs (ECS service or task set, its task definition and that
definition's ``bluegreen:version`` tag, else the image tag; with ``--platform ec2``, its Auto Scaling
group's ``bluegreen:version`` tag, else the AMI of its launch template version; with ``--platform
external``, the version a test deploy hook wrote to DIR/stacks/<color>.json) and answers with it:

    200 {"app": "shop", "color": "green", "version": "1.4.2", "image": "registry/shop:1.4.2"}

or 503 when the color runs no task (no instance wanted: desired capacity 0). Used by the demo, the
Molecule scenarios and the tests:

    python scripts/color_server.py start --state-dir DIR --app shop [--strategy task_set | --platform ec2|external]
    python scripts/color_server.py fault --state-dir DIR --color green --status 500 [--after 1]
    python scripts/color_server.py stop --state-dir DIR

`start` serves both colors on free 127.0.0.1 ports in a background process and writes
DIR/urls.json (``{"blue": url, "green": url}``) and DIR/pid. `fault` makes a color answer
``--status`` after its next ``--after`` requests (a broken release). The emulator is found
through AWS_ENDPOINT_URL, which must point at 127.0.0.1.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOST = "127.0.0.1"
COLORS = ("blue", "green")


def emulator_client(service):
    import boto3

    endpoint = os.environ.get("AWS_ENDPOINT_URL", "")
    if not endpoint.startswith("http://%s:" % HOST):
        raise SystemExit("AWS_ENDPOINT_URL must point at the emulator on %s, got %r" % (HOST, endpoint))
    return boto3.client(service, endpoint_url=endpoint, region_name=os.environ.get("AWS_DEFAULT_REGION", "us-east-1"))


class EcsColor:
    """What an ECS color (service or task set) runs: (version, image), or None when it runs no task."""

    def __init__(self, app, color, strategy):
        self.client = emulator_client("ecs")
        self.app, self.color, self.strategy = app, color, strategy

    def runs(self):
        task_definition = running_task_definition(self.client, self.app, self.color, self.strategy)
        return None if task_definition is None else version_of(self.client, task_definition)


class Ec2Color:
    """What an Auto Scaling color runs: (its bluegreen:version tag, else the AMI; the AMI), or None when
    its desired capacity is 0."""

    def __init__(self, app, color):
        self.autoscaling = emulator_client("autoscaling")
        self.ec2 = emulator_client("ec2")
        self.group = "%s-%s" % (app, color)

    def runs(self):
        groups = self.autoscaling.describe_auto_scaling_groups(AutoScalingGroupNames=[self.group])["AutoScalingGroups"]
        if not groups or groups[0].get("DesiredCapacity", 0) == 0:
            return None
        group = groups[0]
        template = group.get("LaunchTemplate") or {}
        image = None
        if template:
            found = self.ec2.describe_launch_template_versions(
                LaunchTemplateId=template["LaunchTemplateId"], Versions=[str(template["Version"])]
            )["LaunchTemplateVersions"]
            image = found[0]["LaunchTemplateData"].get("ImageId") if found else None
        tags = {tag["Key"]: tag["Value"] for tag in group.get("Tags") or []}
        return tags.get("bluegreen:version") or image, image


def running_task_definition(client, app, color, strategy):
    """The task definition ARN the color runs, or None when it runs no task."""
    if strategy == "task_set":
        services = client.describe_services(cluster=app, services=[app])["services"]
        for task_set in (services[0].get("taskSets") or []) if services else []:
            scale = (task_set.get("scale") or {}).get("value", 0)
            if task_set.get("externalId") == color and task_set.get("status") != "DRAINING" and scale > 0:
                return task_set["taskDefinition"]
        return None
    services = client.describe_services(cluster=app, services=["%s-%s" % (app, color)])["services"]
    if not services or services[0].get("desiredCount", 0) == 0:
        return None
    return services[0]["taskDefinition"]


def version_of(client, task_definition_arn):
    found = client.describe_task_definition(taskDefinition=task_definition_arn, include=["TAGS"])
    image = found["taskDefinition"]["containerDefinitions"][0]["image"]
    tags = {tag["key"]: tag["value"] for tag in found.get("tags") or []}
    return tags.get("bluegreen:version") or image.rsplit(":", 1)[-1], image


class Faults:
    """``{color: {"status": int, "after": int}}`` kept in DIR/faults.json."""

    def __init__(self, state_dir):
        self.path = os.path.join(state_dir, "faults.json")
        self.lock = threading.Lock()

    def status_for(self, color):
        """The status to force on this request (counting it), or None."""
        with self.lock:
            if not os.path.exists(self.path):
                return None
            with open(self.path) as handle:
                faults = json.load(handle)
            fault = faults.get(color)
            if not fault:
                return None
            if fault.get("after", 0) > 0:
                fault["after"] -= 1
                with open(self.path, "w") as handle:
                    json.dump(faults, handle)
                return None
            return fault["status"]


class ExternalColor:
    """What an external stack runs, as the test deploy hook left it in STATE_DIR/stacks/<color>.json
    ({"version": ...}): (version, None), or None before any deploy there."""

    def __init__(self, state_dir, color):
        self.path = os.path.join(state_dir, "stacks", "%s.json" % color)

    def runs(self):
        try:
            with open(self.path) as handle:
                return json.load(handle)["version"], None
        except (OSError, ValueError, KeyError):
            return None


def make_handler(app, color, strategy, faults, platform="ecs"):
    if platform == "external":
        running = ExternalColor(os.path.dirname(faults.path), color)
    else:
        running = Ec2Color(app, color) if platform == "ec2" else EcsColor(app, color, strategy)

    class ColorHandler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            forced = faults.status_for(color)
            runs = running.runs()
            if runs is None:
                self.answer(503, {"app": app, "color": color, "error": "the %s color runs no task" % color})
                return
            version, image = runs
            body = {"app": app, "color": color, "version": version, "image": image}
            if forced:
                body["error"] = "fault injected: status %d" % forced
            self.answer(forced or 200, body)

        def answer(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    return ColorHandler


def serve(state_dir, app, strategy, platform="ecs"):
    # Blocked before the threads start, so that only sigwait below receives them.
    signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGTERM, signal.SIGINT])
    faults = Faults(state_dir)
    servers = {
        color: ThreadingHTTPServer((HOST, 0), make_handler(app, color, strategy, faults, platform)) for color in COLORS
    }
    for server in servers.values():
        threading.Thread(target=server.serve_forever, daemon=True).start()
    urls = {color: "http://%s:%d" % (HOST, server.server_address[1]) for color, server in servers.items()}
    temporary = os.path.join(state_dir, "urls.json.tmp")
    with open(temporary, "w") as handle:
        json.dump(urls, handle)
    os.replace(temporary, os.path.join(state_dir, "urls.json"))
    signal.sigwait([signal.SIGTERM, signal.SIGINT])


def start(state_dir, app, strategy, platform="ecs", timeout=30):
    os.makedirs(state_dir, exist_ok=True)
    urls_file = os.path.join(state_dir, "urls.json")
    if os.path.exists(urls_file):
        os.remove(urls_file)
    process = subprocess.Popen(
        [sys.executable, os.path.abspath(__file__), "serve", "--state-dir", state_dir, "--app", app]
        + ["--strategy", strategy, "--platform", platform],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    with open(os.path.join(state_dir, "pid"), "w") as handle:
        handle.write(str(process.pid))
    deadline = time.monotonic() + timeout
    while not os.path.exists(urls_file):
        if process.poll() is not None or time.monotonic() > deadline:
            stop(state_dir)
            raise SystemExit("the color servers did not start")
        time.sleep(0.1)
    with open(urls_file) as handle:
        sys.stdout.write(handle.read() + "\n")


def stop(state_dir):
    pid_file = os.path.join(state_dir, "pid")
    if not os.path.exists(pid_file):
        return
    with open(pid_file) as handle:
        pid = int(handle.read().strip())
    try:
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            os.kill(pid, 0)
            time.sleep(0.05)
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.remove(pid_file)


def set_fault(state_dir, color, status, after):
    path = os.path.join(state_dir, "faults.json")
    faults = {}
    if os.path.exists(path):
        with open(path) as handle:
            faults = json.load(handle)
    faults[color] = {"status": status, "after": after} if status else None
    with open(path, "w") as handle:
        json.dump(faults, handle)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["start", "stop", "serve", "fault"])
    parser.add_argument("--state-dir", required=True)
    parser.add_argument("--app")
    parser.add_argument("--strategy", choices=["service_pair", "task_set"], default="service_pair")
    parser.add_argument("--platform", choices=["ecs", "ec2", "external"], default="ecs")
    parser.add_argument("--color", choices=COLORS)
    parser.add_argument("--status", type=int, default=0, help="0 clears the color's fault")
    parser.add_argument("--after", type=int, default=0)
    args = parser.parse_args(argv)
    if args.action == "start":
        start(args.state_dir, args.app, args.strategy, args.platform)
    elif args.action == "serve":
        serve(args.state_dir, args.app, args.strategy, args.platform)
    elif args.action == "fault":
        set_fault(args.state_dir, args.color, args.status, args.after)
    else:
        stop(args.state_dir)


if __name__ == "__main__":
    main()
