"""bluegreen.aws.route53_weight through Ansible against moto."""

import json

import pytest
from alarm_setup import LONG_HOLD, make_alarm
from alb_setup import make_alb
from route53_setup import (
    ChangeRecorder,
    alias_record,
    all_record_sets,
    make_zone,
    pair,
    upsert,
    value_record,
    weights,
)

MODULE = "bluegreen.aws.route53_weight"
NAME = "www.example.com."
BLUE_VALUES = ["192.0.2.10", "192.0.2.11"]
GREEN_VALUES = ["198.51.100.10"]
ELB_ZONE = "Z35SXDOTRQ7X7K"


def run_tasks(ansible, tmp_path, tasks):
    """Run ``[(args, task keywords)]`` as one playbook, each task allowed to fail; return the results."""
    play = {
        "hosts": "localhost",
        "gather_facts": False,
        "tasks": [
            dict({"name": "task %d" % index, MODULE: args, "ignore_errors": True}, **keywords)
            for index, (args, keywords) in enumerate(tasks)
        ],
    }
    path = tmp_path / "play.yml"
    path.write_text(json.dumps([play]))
    _returncode, report = ansible.playbook(str(path))
    results = [task["hosts"]["localhost"] for task in report["plays"][0]["tasks"]]
    assert len(results) == len(tasks), report
    return results


@pytest.fixture
def route53(aws):
    return aws.client("route53")


@pytest.fixture
def zone(route53):
    return make_zone(route53)


@pytest.fixture
def changes(aws):
    recorder = ChangeRecorder(aws.server.endpoint)
    recorder.start()
    return recorder


def value_args(**extra):
    args = dict(
        zone="example.com",
        record="www.example.com",
        type="A",
        blue=dict(value=BLUE_VALUES),
        green=dict(value=GREEN_VALUES),
    )
    args.update(extra)
    return args


def alias_args(**extra):
    args = dict(
        zone="example.com",
        record="www.example.com",
        type="A",
        blue=dict(alias=dict(dns_name="Shop-Blue-1.us-east-1.elb.amazonaws.com", hosted_zone_id=ELB_ZONE)),
        green=dict(alias=dict(dns_name="shop-green-2.us-east-1.elb.amazonaws.com.", hosted_zone_id=ELB_ZONE)),
    )
    args.update(extra)
    return args


def assert_failed(result):
    assert result.get("failed"), result
    return result["msg"]


CHECK = {"check_mode": True, "diff": True}
APPLY = {"diff": True}

# The four-step idempotence pattern


@pytest.mark.parametrize("make_args", [value_args, alias_args], ids=["value", "alias"])
def test_four_step_idempotence(ansible, route53, zone, changes, tmp_path, make_args):
    # Creating the pair with all traffic on green.
    args = make_args(shift_to="green")
    check, applied, again, last = run_tasks(
        ansible, tmp_path, [(args, CHECK), (args, APPLY), (args, CHECK), (args, {})]
    )

    assert check["changed"] is True
    assert check["before"] == {"blue": 0, "green": 0}
    assert check["after"] == {"blue": 0, "green": 100}
    assert check["steps_applied"] == [100]
    assert check["change_id"] is None
    assert check["diff"]["before"] == {"blue": 0, "green": 0, "records": {"blue": None, "green": None}}
    assert check["diff"]["after"]["green"] == 100
    assert check["diff"]["after"]["records"]["green"]["weight"] == 100

    assert applied["changed"] is True
    assert applied["after"] == {"blue": 0, "green": 100}
    assert (applied["live_color"], applied["idle_color"]) == ("green", "blue")
    assert applied["change_id"]
    assert applied["records"] == check["records"]
    assert applied["diff"] == check["diff"]

    assert again["changed"] is False
    assert again["before"] == again["after"] == {"blue": 0, "green": 100}
    assert again["diff"]["before"] == again["diff"]["after"]
    assert again["steps_applied"] == []
    assert last["changed"] is False
    assert last["change_id"] is None

    # The whole run wrote one batch of two UPSERTs, 100 and 0 (never 0 and 0).
    assert changes.batches() == [[("UPSERT", "blue", 0), ("UPSERT", "green", 100)]]
    assert weights(route53, zone) == (0, 100)
    found = pair(route53, zone)
    if "value" in args["green"]:
        assert [record["Value"] for record in found["green"]["ResourceRecords"]] == GREEN_VALUES
        assert found["green"]["TTL"] == 60
    else:
        assert found["green"]["AliasTarget"]["DNSName"] == args["green"]["alias"]["dns_name"]
        assert found["green"]["AliasTarget"]["EvaluateTargetHealth"] is True


@pytest.mark.parametrize("make_args", [value_args, alias_args], ids=["value", "alias"])
def test_four_step_idempotence_of_a_partial_split(ansible, route53, zone, changes, tmp_path, make_args):
    start = make_args(shift_to="blue")
    args = make_args(shift_to="green", percent=30)
    _start, check, applied, again, last = run_tasks(
        ansible, tmp_path, [(start, {}), (args, CHECK), (args, APPLY), (args, CHECK), (args, {})]
    )
    assert check["changed"] is True
    assert check["diff"]["before"]["blue"] == 100
    assert (check["diff"]["after"]["blue"], check["diff"]["after"]["green"]) == (70, 30)
    assert check["live_color"] is None and check["idle_color"] is None
    assert applied["changed"] is True
    assert again["changed"] is False
    assert last["changed"] is False
    assert weights(route53, zone) == (70, 30)
    assert changes.batches() == [
        [("UPSERT", "blue", 100), ("UPSERT", "green", 0)],
        [("UPSERT", "blue", 70), ("UPSERT", "green", 30)],
    ]


def test_check_mode_lists_the_steps_and_writes_nothing(ansible, route53, zone, changes):
    upsert(route53, zone, value_record("blue", 100, BLUE_VALUES), value_record("green", 0, GREEN_VALUES))
    result = ansible.module(MODULE, value_args(shift_to="green", steps=[10, 50], step_interval=600), check=True)
    assert result["changed"] is True
    assert result["steps_applied"] == [10, 50, 100]
    assert result["after"] == {"blue": 0, "green": 100}
    assert changes.batches() == []
    assert weights(route53, zone) == (100, 0)


def test_equivalent_records_as_route53_returns_them_are_unchanged(ansible, route53, zone, changes):
    """Values in another order, names in lower case with a trailing dot, weights 200/0: no write."""
    upsert(
        route53,
        zone,
        value_record("blue", 200, list(reversed(BLUE_VALUES))),
        alias_record("green", 0, "shop-green-2.us-east-1.elb.amazonaws.com.", ELB_ZONE),
    )
    args = value_args(
        record="WWW.Example.COM",
        green=dict(alias=dict(dns_name="Shop-Green-2.us-east-1.elb.amazonaws.com", hosted_zone_id=ELB_ZONE)),
        shift_to="blue",
    )
    result = ansible.module(MODULE, args)
    assert result["changed"] is False, result
    assert result["before"] == {"blue": 100, "green": 0}
    assert changes.batches() == []


# One batch fixes records whose split is already right

CONTENT_CHANGES = [
    ("value", dict(blue=dict(value=["192.0.2.99"]))),
    ("ttl", dict(ttl=300)),
    ("alias", dict(green=dict(alias=dict(dns_name="other.us-east-1.elb.amazonaws.com", hosted_zone_id=ELB_ZONE)))),
    (
        "evaluate_target_health",
        dict(
            green=dict(
                alias=dict(
                    dns_name="other.us-east-1.elb.amazonaws.com",
                    hosted_zone_id=ELB_ZONE,
                    evaluate_target_health=False,
                )
            )
        ),
    ),
]


def test_records_differing_only_in_content_are_fixed_in_one_batch(ansible, route53, zone, changes, tmp_path):
    """The split is right but a value, the TTL, an alias target or its evaluate_target_health is not."""
    args = value_args(green=alias_args()["green"], shift_to="blue")
    tasks = [(args, {})]
    for index, (_case, change) in enumerate(CONTENT_CHANGES):
        args = dict(args, **change)
        if index == 0:
            tasks.append((args, CHECK))
        tasks.extend([(args, {}), (args, {})])
    results = run_tasks(ansible, tmp_path, tasks)
    check = results[1]
    assert check["changed"] is True
    assert check["steps_applied"] == [100]
    assert check["diff"]["before"]["records"] != check["diff"]["after"]["records"]
    for index, (case, _change) in enumerate(CONTENT_CHANGES):
        applied, again = results[2 + 2 * index : 4 + 2 * index]
        assert applied["changed"] is True, case
        assert again["changed"] is False, case
    # The first task created the pair, then one batch for each change, none for the checks and the re-runs.
    assert changes.batches() == [[("UPSERT", "blue", 100), ("UPSERT", "green", 0)]] * (1 + len(CONTENT_CHANGES))
    found = pair(route53, zone)
    assert found["blue"]["TTL"] == 300
    assert [record["Value"] for record in found["blue"]["ResourceRecords"]] == ["192.0.2.99"]
    assert found["green"]["AliasTarget"]["DNSName"] == "other.us-east-1.elb.amazonaws.com"
    assert found["green"]["AliasTarget"]["EvaluateTargetHealth"] is False


def test_report_only_without_shift_to(ansible, route53, zone, changes):
    upsert(route53, zone, value_record("blue", 3, BLUE_VALUES), value_record("green", 1, GREEN_VALUES))
    # Other values than the records hold: still nothing is written without shift_to.
    result = ansible.module(MODULE, value_args(blue=dict(value=["192.0.2.99"])))
    assert result["changed"] is False
    assert result["before"] == result["after"] == {"blue": 75, "green": 25}
    assert result["live_color"] is None
    assert result["records"]["blue"]["value"] == BLUE_VALUES
    assert result["records"]["green"]["weight"] == 1
    assert changes.batches() == []


def test_both_weights_zero_is_repaired_never_written(ansible, route53, zone, changes, tmp_path):
    upsert(route53, zone, value_record("blue", 0, BLUE_VALUES), value_record("green", 0, GREEN_VALUES))
    report, result = run_tasks(ansible, tmp_path, [(value_args(), {}), (value_args(shift_to="green", percent=0), {})])
    assert report["before"] == {"blue": 0, "green": 0}
    assert result["changed"] is True
    assert result["after"] == {"blue": 100, "green": 0}
    assert changes.batches() == [[("UPSERT", "blue", 100), ("UPSERT", "green", 0)]]


def test_private_zone_of_the_same_name(ansible, route53, changes, tmp_path):
    public = make_zone(route53)
    private = make_zone(route53, private=True)
    by_name, by_id = run_tasks(
        ansible,
        tmp_path,
        [
            (value_args(private_zone=True, shift_to="blue"), {}),
            (value_args(zone=None, hosted_zone_id="/hostedzone/%s" % private, shift_to="blue"), {}),
        ],
    )
    assert by_name["changed"] is True
    assert by_name["hosted_zone_id"] == private
    assert by_id["changed"] is False
    assert weights(route53, private) == (100, 0)
    assert pair(route53, public) == {}


# Steps observed from outside while the task runs


def watch_weights(ansible, route53, zone, args, name=NAME, timeout=600):
    """Run route53_weight with ``args`` while the pair's weights are watched from outside."""
    return ansible.watch_task(MODULE, args, lambda: weights(route53, zone, name), timeout=timeout)


def test_two_clusters_canary_then_all_then_back(ansible, aws, route53, zone, changes):
    elbv2 = aws.client("elbv2")
    lbs = {}
    for color in ("blue", "green"):
        fixture = make_alb(aws, app="shop-%s-cluster" % color)
        lbs[color] = elbv2.describe_load_balancers(LoadBalancerArns=[fixture.load_balancer_arn])["LoadBalancers"][0]
    args = dict(
        zone="example.com",
        record="shop.example.com",
        type="A",
        blue=dict(alias=dict(dns_name=lbs["blue"]["DNSName"], hosted_zone_id=lbs["blue"]["CanonicalHostedZoneId"])),
        green=dict(alias=dict(dns_name=lbs["green"]["DNSName"], hosted_zone_id=lbs["green"]["CanonicalHostedZoneId"])),
    )
    name = "shop.example.com."
    assert ansible.module(MODULE, dict(args, shift_to="blue"))["live_color"] == "blue"
    assert weights(route53, zone, name) == (100, 0)
    changes.start()

    watch = watch_weights(ansible, route53, zone, dict(args, shift_to="green", steps=[10], step_interval=8), name)
    result = watch.result()
    seen = watch.seen
    assert result.get("failed") is not True, result
    assert result["steps_applied"] == [10, 100]
    assert result["after"] == {"blue": 0, "green": 100}
    assert result["live_color"] == "green"
    # From outside: blue only, then the canary held, then green only; never a half-written pair.
    assert seen[0] == (100, 0)
    assert (90, 10) in seen
    assert seen[-1] == (0, 100) == weights(route53, zone, name)
    assert seen.index((90, 10)) < seen.index((0, 100))
    assert all(blue + green == 100 for blue, green in seen)
    assert changes.batches() == [
        [("UPSERT", "blue", 90), ("UPSERT", "green", 10)],
        [("UPSERT", "blue", 0), ("UPSERT", "green", 100)],
    ]
    green_record = pair(route53, zone, name)["green"]
    assert green_record["AliasTarget"]["DNSName"].rstrip(".").lower() == lbs["green"]["DNSName"].lower()

    back = ansible.module(MODULE, dict(args, shift_to="blue"))
    assert back["changed"] is True
    assert back["steps_applied"] == [100]
    assert back["live_color"] == "blue"
    assert weights(route53, zone, name) == (100, 0)
    assert len(changes.batches()) == 3


# Alarms


def test_alarm_during_the_hold_restores_the_start_in_one_batch(ansible, aws, route53, zone, changes):
    cloudwatch = aws.client("cloudwatch")
    alarm = make_alarm(cloudwatch)
    # The starting pair, as someone else wrote it: weights 2/0 and a TTL of 300.
    upsert(route53, zone, value_record("blue", 2, BLUE_VALUES, ttl=300))
    start = pair(route53, zone)

    args = value_args(shift_to="green", steps=[10], step_interval=LONG_HOLD, alarms=[alarm])
    watch = watch_weights(ansible, route53, zone, args, timeout=LONG_HOLD // 2)
    watch.until((90, 10))
    cloudwatch.set_alarm_state(AlarmName=alarm, StateValue="ALARM", StateReason="5xx during the canary")
    result = watch.result()

    assert_failed(result)
    assert alarm in result["msg"]
    assert result["rolled_back"] is True
    assert result["alarms_in_alarm"] == [alarm]
    assert result["steps_applied"] == [10]
    assert result["after"] == {"blue": 100, "green": 0}
    assert result["changed"] is True
    # One batch for the canary, one to restore: blue exactly as found, green (created by the run) at 0.
    assert changes.batches() == [
        [("UPSERT", "blue", 90), ("UPSERT", "green", 10)],
        [("UPSERT", "blue", 2), ("UPSERT", "green", 0)],
    ]
    restored = pair(route53, zone)
    assert restored["blue"] == start["blue"]
    assert restored["green"]["Weight"] == 0
    assert watch.seen == [(2, None), (90, 10), (2, 0)]


def test_alarm_already_in_alarm_writes_nothing(ansible, aws, route53, zone, changes):
    cloudwatch = aws.client("cloudwatch")
    alarm = make_alarm(cloudwatch)
    cloudwatch.set_alarm_state(AlarmName=alarm, StateValue="ALARM", StateReason="already failing")
    upsert(route53, zone, value_record("blue", 100, BLUE_VALUES), value_record("green", 0, GREEN_VALUES))
    before = all_record_sets(route53, zone)
    result = ansible.module(MODULE, value_args(shift_to="green", alarms=[alarm]))
    assert "before the first write" in assert_failed(result)
    assert result["alarms_in_alarm"] == [alarm]
    assert result["changed"] is False
    assert changes.batches() == []
    assert all_record_sets(route53, zone) == before


# Health checks


def make_health_check(route53, reference, **config):
    health_check_config = dict(Type="HTTP", IPAddress="192.0.2.10", Port=80, ResourcePath="/health")
    health_check_config.update(config)
    return route53.create_health_check(CallerReference=reference, HealthCheckConfig=health_check_config)["HealthCheck"][
        "Id"
    ]


def test_unhealthy_health_check_blocks_traffic_to_its_color(ansible, route53, zone, changes, tmp_path):
    # Route 53 counts a disabled health check healthy and inverts an inverted one: this one is unhealthy.
    unhealthy = make_health_check(route53, "unhealthy", Disabled=True, Inverted=True)
    healthy = make_health_check(route53, "healthy")
    upsert(route53, zone, value_record("blue", 100, BLUE_VALUES), value_record("green", 0, GREEN_VALUES))

    to_unhealthy = value_args(green=dict(value=GREEN_VALUES, health_check_id=unhealthy), shift_to="green", steps=[10])
    # The unhealthy color may keep its record while it gets no traffic.
    idle = value_args(
        blue=dict(value=BLUE_VALUES, health_check_id=healthy), green=to_unhealthy["green"], shift_to="blue"
    )
    # A healthy color gets its traffic, and a health check dropped from the options is removed.
    to_healthy = value_args(green=dict(value=GREEN_VALUES, health_check_id=healthy), shift_to="green")
    checked, failed, kept, shifted = run_tasks(
        ansible, tmp_path, [(to_unhealthy, CHECK), (to_unhealthy, {}), (idle, {}), (to_healthy, {})]
    )
    for result in (checked, failed):
        message = assert_failed(result)
        assert "green.health_check_id" in message and unhealthy in message and "unhealthy" in message
        assert "nothing changed" in message
    assert kept["changed"] is True
    assert shifted["after"] == {"blue": 0, "green": 100}
    # Only the last two tasks wrote.
    assert changes.batches() == [
        [("UPSERT", "blue", 100), ("UPSERT", "green", 0)],
        [("UPSERT", "blue", 0), ("UPSERT", "green", 100)],
    ]
    found = pair(route53, zone)
    assert "HealthCheckId" not in found["blue"]
    assert found["green"]["HealthCheckId"] == healthy


def test_unhealthy_health_check_fails_before_any_write(ansible, route53, zone, changes):
    unhealthy = make_health_check(route53, "unhealthy", Disabled=True, Inverted=True)
    upsert(route53, zone, value_record("blue", 100, BLUE_VALUES), value_record("green", 0, GREEN_VALUES))
    before = all_record_sets(route53, zone)
    args = value_args(green=dict(value=GREEN_VALUES, health_check_id=unhealthy), shift_to="green")
    assert "green.health_check_id" in assert_failed(ansible.module(MODULE, args))
    assert changes.batches() == []
    assert all_record_sets(route53, zone) == before


def test_traffic_may_always_leave_an_unhealthy_color(ansible, route53, zone, changes):
    unhealthy = make_health_check(route53, "unhealthy", Disabled=True, Inverted=True)
    upsert(
        route53,
        zone,
        value_record("blue", 100, BLUE_VALUES, HealthCheckId=unhealthy),
        value_record("green", 0, GREEN_VALUES),
    )
    args = value_args(blue=dict(value=BLUE_VALUES, health_check_id=unhealthy), shift_to="green", steps=[10])
    result = ansible.module(MODULE, args)
    assert result.get("failed") is not True, result
    assert result["steps_applied"] == [10, 100]
    assert [batch[1] for batch in changes.batches()] == [("UPSERT", "green", 10), ("UPSERT", "green", 100)]


# Records the module does not own

FOREIGN = [
    ("simple", value_record(None, None, ["203.0.113.5"], ttl=300), "A simple record"),
    ("other-identifier", value_record("canary", 5, ["203.0.113.6"]), "SetIdentifier 'canary'"),
    ("latency-with-our-identifier", value_record("blue", None, ["203.0.113.7"], Region="us-east-1"), "A latency"),
    ("cname-next-to-a", value_record(None, None, ["elsewhere.example.org"], record_type="CNAME"), "CNAME simple"),
]


def test_foreign_records_are_listed_and_left_alone(ansible, route53, zone, changes, tmp_path):
    tasks = []
    for index, (_case, foreign, _expected) in enumerate(FOREIGN):
        name = "www%d.example.com." % index
        upsert(route53, zone, dict(foreign, Name=name))
        if foreign.get("SetIdentifier") != "blue":
            upsert(route53, zone, value_record("blue", 100, BLUE_VALUES, name=name))
        args = value_args(record=name, shift_to="green")
        tasks.extend([(args, CHECK), (args, {})])
    # Reading only fails too: the split of a name shared with other records means nothing.
    tasks.append((value_args(record="www0.example.com"), {}))
    before = all_record_sets(route53, zone)
    results = run_tasks(ansible, tmp_path, tasks)
    for index, result in enumerate(results):
        case, foreign, expected = FOREIGN[min(index // 2, len(FOREIGN) - 1) if index < 2 * len(FOREIGN) else 0]
        message = assert_failed(result)
        assert expected in message, case
        assert "never deletes or overwrites" in message, case
        assert result["changed"] is False, case
        assert len(result["foreign_records"]) == 1, case
        assert expected in result["foreign_records"][0]["description"], case
        assert result["foreign_records"][0]["type"] == foreign["Type"], case
    assert changes.batches() == []
    assert all_record_sets(route53, zone) == before


# Bad inputs: a clear message naming the option, nothing written

BAD_INPUTS = [
    (
        "value-and-alias",
        dict(blue=dict(value=BLUE_VALUES, alias=dict(dns_name="x.elb.amazonaws.com", hosted_zone_id=ELB_ZONE))),
        ["mutually exclusive", "value|alias", "blue"],
    ),
    ("neither-value-nor-alias", dict(green=dict(identifier="green")), ["value, alias", "green"]),
    ("unknown-zone", dict(zone="nothere.example.org"), ["zone:", "nothere.example.org"]),
    ("private-zone-missing", dict(private_zone=True), ["zone:", "private", "private_zone: false"]),
    ("unknown-zone-id", dict(zone=None, hosted_zone_id="ZNOSUCHZONE"), ["hosted_zone_id:", "ZNOSUCHZONE"]),
    ("record-outside-zone", dict(record="www.example.org"), ["record:", "www.example.org.", "example.com."]),
    ("record-bad-label", dict(record="bad..name.example.com"), ["record:", "bad..name.example.com"]),
    ("ttl-negative", dict(ttl=-1), ["ttl", "-1"]),
    (
        "equal-identifiers",
        dict(green=dict(identifier="blue", value=GREEN_VALUES)),
        ["blue.identifier", "green.identifier"],
    ),
    ("identifier-too-long", dict(blue=dict(identifier="b" * 129, value=BLUE_VALUES)), ["blue.identifier", "128"]),
    ("a-with-ipv6", dict(green=dict(value=["2001:db8::1"])), ["green.value", "2001:db8::1", "IPv4"]),
    (
        "cname-two-values",
        dict(type="CNAME", blue=dict(value=["a.example.org", "b.example.org"]), green=dict(value=["c.example.org"])),
        ["blue.value", "exactly one value"],
    ),
    (
        "alias-empty-dns-name",
        dict(green=dict(alias=dict(dns_name="", hosted_zone_id=ELB_ZONE))),
        ["green.alias.dns_name"],
    ),
    (
        "unknown-health-check",
        dict(blue=dict(value=BLUE_VALUES, health_check_id="no-such-check")),
        ["blue.health_check_id", "no-such-check"],
    ),
    ("unknown-alarm", dict(alarms=["no-such-alarm"]), ["alarms", "no-such-alarm"]),
    ("steps-not-below-percent", dict(steps=[10, 100]), ["steps", "100"]),
]


def test_bad_inputs_fail_clearly_and_write_nothing(ansible, route53, zone, changes, tmp_path):
    upsert(route53, zone, value_record("blue", 100, BLUE_VALUES), value_record("green", 0, GREEN_VALUES))
    before = all_record_sets(route53, zone)
    tasks = []
    for _case, change, _expected in BAD_INPUTS:
        args = value_args(**dict({"shift_to": "green"}, **change))
        tasks.append(({key: value for key, value in args.items() if value is not None}, {}))
    results = run_tasks(ansible, tmp_path, tasks)
    for (case, _change, expected), result in zip(BAD_INPUTS, results, strict=True):
        assert result.get("failed"), (case, result)
        for part in expected:
            assert part in result["msg"], (case, result["msg"])
    assert len(BAD_INPUTS) >= 10
    assert changes.batches() == []
    assert all_record_sets(route53, zone) == before


def test_group_module_defaults_reach_the_module(ansible, aws, route53, zone, tmp_path):
    """Endpoint, region and credentials from module_defaults for group/bluegreen.aws.aws."""
    play = {
        "hosts": "localhost",
        "gather_facts": False,
        "module_defaults": aws.module_defaults(),
        "tasks": [{"name": "switch", MODULE: value_args(shift_to="green")}],
    }
    path = tmp_path / "play.yml"
    path.write_text(json.dumps([play]))
    ansible.without_aws_environment()
    code, report = ansible.playbook(str(path))
    result = report["plays"][0]["tasks"][0]["hosts"]["localhost"]
    assert code == 0, result
    assert result["after"] == {"blue": 0, "green": 100}
    assert weights(route53, zone) == (0, 100)
