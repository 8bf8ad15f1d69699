"""The release playbooks on the router route53 (a pair of weighted records, each color behind its own
load balancer) with the platforms ecs (service pair and task sets) and ec2, and the bad values of the
route53 and external variables, against moto. Every check of AWS is made from outside (boto3), besides
the playbooks' own summaries.
"""

import json
import os
import sys
import time

import pytest
from conftest import kill_run
from release_setup import deploy_failures, failed, failures, ok, playbook, serve_fleet
from route53_release_setup import route53_app
from moto_server import route53_pending
from route53_setup import ChangeRecorder, all_record_sets

BIN = os.path.dirname(sys.executable)

pytestmark = pytest.mark.xdist_group("route53_router")

IMAGE = "registry.example.com/shop:1.0"

# The strategy of each app, or ec2 for the platform ec2. The alarm mid-canary (the records back in
# one batch) is Molecule's route53_two_stacks.
APPS = {"dnscycle": "service_pair", "dnshealth": "task_set", "dnsec2": "ec2"}


@pytest.fixture(scope="module")
def fleet(tmp_path_factory):
    yield from serve_fleet(tmp_path_factory, "route53", APPS, app_class=route53_app)


@pytest.fixture
def batches(fleet):
    return ChangeRecorder(fleet.aws.server.endpoint)


def test_provision_makes_a_load_balancer_per_color_and_the_pair_all_blue(fleet):
    shop = fleet.apps["dnscycle"]
    records = shop.records()
    assert shop.split() == (100, 0)
    for color in ("blue", "green"):
        balancer = shop.balancer(color)
        alias = records[color]["AliasTarget"]
        assert alias["DNSName"].rstrip(".").lower() == balancer["DNSName"].lower()
        assert alias["HostedZoneId"] == balancer["CanonicalHostedZoneId"]
        listeners = shop.elbv2.describe_listeners(LoadBalancerArn=balancer["LoadBalancerArn"])["Listeners"]
        assert [(listener["Port"], listener["DefaultActions"][0]["TargetGroupArn"]) for listener in listeners] == [
            (80, shop.target_group(color))
        ]
    # No load balancer <app>: the router alb's is not made.
    names = [balancer["LoadBalancerName"] for balancer in shop.elbv2.describe_load_balancers()["LoadBalancers"]]
    assert "dnscycle" not in names


def test_health_checks_stay_on_the_records_through_a_release_and_teardown(fleet):
    """On task sets: the green task set of service dnshealth, registered in its own load balancer's group."""
    shop = fleet.apps["dnshealth"]
    checks = shop.health_checks()
    expected = {color: checks[shop.balancer(color)["DNSName"].lower()] for color in ("blue", "green")}
    assert len(set(expected.values())) == 2
    assert {color: record.get("HealthCheckId") for color, record in shop.records().items()} == expected
    ok(shop.deploy("1.0"))
    assert shop.split() == (0, 100) and shop.color("green") == ("1.0", 2)
    task_sets = shop.ecs.describe_services(cluster="dnshealth", services=["dnshealth"])["services"][0]["taskSets"]
    assert [task_set["loadBalancers"][0]["targetGroupArn"] for task_set in task_sets] == [shop.target_group("green")]
    assert {color: record.get("HealthCheckId") for color, record in shop.records().items()} == expected

    # Teardown removes the records, the health checks and the load balancers of the colors; the zone stays.
    ok(shop.run("teardown", bluegreen_teardown_confirm="dnshealth"))
    assert shop.records() == {} and shop.health_checks() == {}
    names = [balancer["LoadBalancerName"] for balancer in shop.elbv2.describe_load_balancers()["LoadBalancers"]]
    assert not [name for name in names if name.startswith("dnshealth-")]
    assert shop.route53.get_hosted_zone(Id=shop.zone_id)["HostedZone"]["Name"] == "dnshealth.example.com."


def test_ec2_colors_behind_route53(fleet, batches):
    shop = fleet.apps["dnsec2"]
    # Provision: each Auto Scaling group in the target group of its own load balancer, the pair all blue.
    records = shop.records()
    assert shop.split() == (100, 0)
    for color in ("blue", "green"):
        balancer = shop.balancer(color)
        assert records[color]["AliasTarget"]["DNSName"].rstrip(".").lower() == balancer["DNSName"].lower()
        assert shop.group(color)["TargetGroupARNs"] == [shop.target_group(color)]

    lines = ok(shop.deploy("1.0"))
    assert shop.split() == (0, 100) and shop.color("green") == ("1.0", 2)
    assert "1.0 is live on green" in lines[0]

    ok(shop.deploy("2.0"))
    assert shop.split() == (100, 0) and shop.color("blue") == ("2.0", 2)
    batches.start()
    lines = ok(shop.run("rollback"))
    assert batches.batches() == [[("UPSERT", "blue", 0), ("UPSERT", "green", 100)]]
    assert lines[0] == "dnsec2 rollback: rolled back to green"


def test_a_release_cycle_on_route53(fleet, batches):
    shop = fleet.apps["dnscycle"]
    # First release: all at once onto the idle color (the pair starts at blue, which runs nothing). Route 53
    # takes 6 s to apply the batch: the shift's call waits 1 s (bluegreen_progress_interval) and returns waiting,
    # then a task named for the wait calls again (a retry line each) until the change is applied, and nothing
    # more is written.
    route53_pending(fleet.aws.server.endpoint, 6)
    batches.start()
    code, report = shop.run("deploy", bluegreen_version="1.0", bluegreen_image=IMAGE, bluegreen_progress_interval=1)
    lines = ok((code, report))
    (step,) = tasks_named(report, "Shift production traffic to green, ")
    assert step["waiting"] is True and step["change_id"], step
    (wait,) = tasks_named(report, "Wait for Route 53 to apply the change")
    assert wait["waiting"] is False and wait["changed"] is False, wait
    assert batches.batches() == [[("UPSERT", "blue", 0), ("UPSERT", "green", 100)]]
    assert shop.split() == (0, 100)
    assert shop.color("green") == ("1.0", 2)
    assert "1.0 is live on green" in lines[0]
    assert any(line.startswith("note: DNS caching: resolvers may keep the old answer") for line in lines), lines

    # The version already live writes nothing: Molecule's route53_two_stacks (idempotence).

    # Stopped before promotion: blue runs 2.0, checked on its own load balancer; no record was written.
    batches.start()
    lines = ok(shop.deploy("2.0", bluegreen_auto_promote=False))
    assert batches.batches() == [] and shop.split() == (0, 100) and shop.color("blue") == ("2.0", 2)
    assert "production traffic was not moved" in lines[0]

    # Promote, linear in two steps: one batch of both records a step.
    batches.start()
    lines = ok(shop.run("promote", bluegreen_shift="linear", bluegreen_linear_percent=50))
    assert batches.batches() == [
        [("UPSERT", "blue", 50), ("UPSERT", "green", 50)],
        [("UPSERT", "blue", 100), ("UPSERT", "green", 0)],
    ]
    assert shop.split() == (100, 0) and shop.color("blue") == ("2.0", 2)
    assert "2.0 is live on blue" in lines[0]

    # Rollback: one batch, back to the color that was live before the newest deploy.
    batches.start()
    lines = ok(shop.run("rollback"))
    assert batches.batches() == [[("UPSERT", "blue", 0), ("UPSERT", "green", 100)]]
    assert lines[0] == "dnscycle rollback: rolled back to green"
    assert any(line.startswith("note: DNS caching: resolvers may keep the old answer") for line in lines), lines
    assert "traffic: blue 100%, green 0% -> blue 0%, green 100%" in lines
    assert not any("could not switch" in line for line in lines), lines

    status_file = os.path.join(shop.state_dir, "status-dns.json")
    lines = ok(shop.run("status", bluegreen_status_file=status_file))
    with open(status_file) as handle:
        status = json.load(handle)
    assert (status["router"], status["live_color"], status["split"]) == ("route53", "green", {"blue": 0, "green": 100})
    assert (status["colors"]["blue"]["version"], status["colors"]["green"]["version"]) == ("2.0", "1.0")
    assert lines[0] == "dnscycle status: live color green"
    assert "note: record shop.dnscycle.example.com., each color on its own endpoint" in lines

    lines = ok(shop.run("verify"))
    assert "green passed every check" in lines[0]
    failed(shop.run("verify", bluegreen_verify_color="idle", bluegreen_version="1.0"), 'is "2.0", "1.0" expected')


def tasks_named(report, prefix):
    """The results of the tasks whose name starts with ``prefix`` (each host's, skipped ones left out)."""
    return [
        result
        for play in report["plays"]
        for task in play["tasks"]
        if task["task"]["name"].rsplit(" : ", 1)[-1].startswith(prefix)
        for result in task["hosts"].values()
        if not result.get("skipped")
    ]


# ----------------------------------------------------------------------------- bad values

ROUTE53 = {
    "bluegreen_router": "route53",
    "bluegreen_zone": "bad.example.com",
    "bluegreen_record": "shop.bad.example.com",
}
STACKS = {
    "blue": {"alias": {"dns_name": "blue-1.us-east-1.elb.amazonaws.com", "hosted_zone_id": "Z35SXDOTRQ7X7K"}},
    "green": {"value": ["192.0.2.20"], "verify_url": "http://192.0.2.20:8080"},
}
EXTERNAL = dict(ROUTE53, bluegreen_platform="external", bluegreen_stacks=STACKS, bluegreen_image=None)


def external(**changes):
    return dict(EXTERNAL, **changes)


def stacks(**colors):
    return dict(STACKS, **colors)


BAD_VALUES = {
    "no-zone": (dict(ROUTE53, bluegreen_zone=None), "bluegreen_zone is required with bluegreen_router route53"),
    "zone": (
        dict(ROUTE53, bluegreen_zone="bad example.com"),
        'bluegreen_zone must be a domain name such as example.com, got "bad example.com"',
    ),
    "no-record": (dict(ROUTE53, bluegreen_record=""), "bluegreen_record is required with bluegreen_router route53"),
    "record": (
        dict(ROUTE53, bluegreen_record="shop.example.org"),
        'bluegreen_record must be a fully qualified name in bluegreen_zone ("bad.example.com"), got "shop.example.org"',
    ),
    "type": (
        dict(ROUTE53, bluegreen_record_type="MX"),
        'bluegreen_record_type must be one of A, AAAA, CNAME, got "MX"',
    ),
    "cname-ecs": (
        dict(ROUTE53, bluegreen_record_type="CNAME"),
        "bluegreen_record_type must be A or AAAA with bluegreen_platform ecs",
    ),
    "ttl": (dict(ROUTE53, bluegreen_ttl=-1), "bluegreen_ttl must be from 0 to 2147483647 seconds, got -1"),
    "ttl-text": (
        dict(ROUTE53, bluegreen_ttl="soon"),
        'bluegreen_ttl must be an integer, got "soon"',
    ),
    "private": (
        dict(ROUTE53, bluegreen_private_zone="maybe"),
        'bluegreen_private_zone must be true or false, got "maybe"',
    ),
    "health": (
        dict(ROUTE53, bluegreen_health_checks="perhaps"),
        'bluegreen_health_checks must be true or false, got "perhaps"',
    ),
    "delay-ttl": (
        dict(ROUTE53, bluegreen_scale_down_delay="30"),
        "bluegreen_scale_down_delay (30) must not be shorter than bluegreen_ttl (60)",
    ),
    "router": (
        dict(ROUTE53, bluegreen_router="dns"),
        'bluegreen_router must be one of alb, route53, got "dns"',
    ),
    "ext-alb": (external(bluegreen_router="alb"), "bluegreen_platform external needs bluegreen_router route53"),
    "health-alb": (
        dict(ROUTE53, bluegreen_router="alb", bluegreen_health_checks=True),
        "bluegreen_health_checks needs bluegreen_router route53 (a Route 53 health check on each color's"
        ' weighted record), got bluegreen_router "alb"',
    ),
    "ext-delay": (
        external(bluegreen_scale_down_delay=120),
        "bluegreen_scale_down_delay cannot be used with bluegreen_platform external",
    ),
    "no-stacks": (external(bluegreen_stacks=None), "bluegreen_stacks is required with bluegreen_platform external"),
    "stacks-text": (
        external(bluegreen_stacks="[1, 2]"),
        "bluegreen_stacks must be a mapping, got [1, 2]",
    ),
    "stacks-keys": (
        external(bluegreen_stacks={"blue": STACKS["blue"], "purple": STACKS["green"]}),
        'bluegreen_stacks must have exactly the keys blue and green, got ["blue", "purple"]',
    ),
    "both": (
        external(bluegreen_stacks=stacks(blue=dict(STACKS["blue"], value=["192.0.2.10"]))),
        "bluegreen_stacks.blue must have exactly one of alias and value",
    ),
    "neither": (
        external(bluegreen_stacks=stacks(green={"verify_url": "http://x"})),
        "bluegreen_stacks.green must have exactly one of alias and value",
    ),
    "alias": (
        external(bluegreen_stacks=stacks(blue={"alias": {"dns_name": "blue.example.net"}})),
        "bluegreen_stacks.blue.alias must have dns_name and hosted_zone_id",
    ),
    "value": (
        external(bluegreen_stacks=stacks(green={"value": "green.example.net"})),
        'bluegreen_stacks.green.value must be IPv4 addresses for bluegreen_record_type A, got "green.example.net"',
    ),
    "cname": (
        external(
            bluegreen_record_type="CNAME",
            bluegreen_stacks=stacks(
                blue={"value": ["a.example.net", "b.example.net"]}, green={"value": "c.example.net"}
            ),
        ),
        "bluegreen_stacks.blue.value must be one host name for bluegreen_record_type CNAME",
    ),
    "verify-url": (
        external(bluegreen_stacks=stacks(green={"value": ["192.0.2.20"], "verify_url": "ftp://192.0.2.20"})),
        'bluegreen_stacks.green.verify_url must be an http:// or https:// URL, got "ftp://192.0.2.20"',
    ),
    "no-deploy-tasks": (external(bluegreen_deploy_tasks=None), "bluegreen_deploy_tasks is required and was not set"),
    "deploy-tasks": (
        external(bluegreen_deploy_tasks="/nonexistent/deploy.yml"),
        'bluegreen_deploy_tasks must be the path of a tasks file, got "/nonexistent/deploy.yml" (no such file)',
    ),
    "version-tasks": (
        external(bluegreen_version_tasks="/nonexistent/version.yml"),
        'bluegreen_version_tasks must be the path of a tasks file, got "/nonexistent/version.yml" (no such file)',
    ),
    "platform": (
        external(bluegreen_platform="eks"),
        'bluegreen_platform must be one of ecs, ec2, external, got "eks"',
    ),
}


def test_a_deploy_whose_lock_a_rollback_broke_writes_nothing_more(fleet, batches):
    """A deploy holding its canary loses its release lock to a rollback: its next renewal fails and it stops,
    writing nothing more (it never undoes the rollback)."""
    shop = fleet.apps["dnscycle"]
    if shop.color("blue")[0] is None and shop.color("green")[0] is None:
        ok(shop.deploy("1.0"))  # the first release goes all at once: nothing to compare a canary with
    live = "blue" if shop.split() == (100, 0) else "green"
    canary = (10, 90) if live == "green" else (90, 10)
    variables = dict(shop.vars, bluegreen_version="3.0", bluegreen_image="registry.example.com/shop:3.0")
    # A long hold, renewed every slice (a third of the lock's 3 s TTL passes within each 1 s slice).
    variables.update(bluegreen_shift="canary", bluegreen_step_interval=300, bluegreen_progress_interval=1)
    variables.update(bluegreen_lock_ttl=3)
    run = fleet.ansible.playbook_process(playbook("deploy"), variables)
    try:
        deadline = time.monotonic() + 240
        while shop.split() != canary:
            assert run.poll() is None, "the deploy ended before its canary"
            assert time.monotonic() < deadline, "the canary was never seen"
            time.sleep(0.2)
        lines = ok(shop.run("rollback"))
        assert shop.split() == ((100, 0) if live == "blue" else (0, 100))
        assert any(line.startswith("note: broke the release lock of deploy-") for line in lines), lines
        batches.start()
        stdout, _stderr = run.communicate(timeout=240)
    finally:
        kill_run(run)
    messages = failures(json.loads(stdout))
    assert run.returncode != 0 and any("no longer held" in message for message in messages), messages
    assert batches.batches() == [], "the deploy wrote nothing after the rollback"
    assert shop.split() == ((100, 0) if live == "blue" else (0, 100))


def test_bad_values_name_the_variable_and_write_nothing(fleet, tmp_path, batches):
    """One deploy run over an inventory of apps, each with one bad value: each fails on its own, naming it."""
    aws, ansible = fleet.aws, fleet.ansible
    route53 = aws.client("route53")
    zone_id = route53.create_hosted_zone(Name="bad.example.com", CallerReference="bad")["HostedZone"]["Id"]
    before = all_record_sets(route53, zone_id)
    elbv2 = aws.client("elbv2")
    balancers_before = sorted(
        balancer["LoadBalancerName"] for balancer in elbv2.describe_load_balancers()["LoadBalancers"]
    )
    deploy_tasks = tmp_path / "deploy.yml"
    deploy_tasks.write_text("- ansible.builtin.fail:\n    msg: never included\n")
    hosts = {}
    for name, (changes, _fragment) in BAD_VALUES.items():
        variables = {"ansible_connection": "local", "bluegreen_app": "shop", "bluegreen_version": "1.0"}
        variables.update(bluegreen_image="registry.example.com/shop:1.0", bluegreen_deploy_tasks=str(deploy_tasks))
        variables.update(changes)
        hosts[name] = {key: value for key, value in variables.items() if value is not None}
    batches.start()
    messages = deploy_failures(ansible, tmp_path, hosts)
    wrong = {
        name: messages.get(name)
        for name, (_changes, fragment) in BAD_VALUES.items()
        if fragment not in messages.get(name, "")
    }
    assert not wrong, json.dumps(wrong, indent=1)
    assert batches.batches() == []
    assert all_record_sets(route53, zone_id) == before
    balancers = sorted(balancer["LoadBalancerName"] for balancer in elbv2.describe_load_balancers()["LoadBalancers"])
    assert balancers == balancers_before, "no new load balancer"
