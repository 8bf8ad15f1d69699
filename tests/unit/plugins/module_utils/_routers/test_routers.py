"""The router interface: the ALB listener and the Route 53 record pair answer the same questions."""

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import Refusal
from ansible_collections.bluegreen.aws.plugins.module_utils._core.poller import NoWaitPoller
from ansible_collections.bluegreen.aws.plugins.module_utils._core.shift import WritePending, WriteUnconfirmed
from ansible_collections.bluegreen.aws.plugins.module_utils._routers.alb import AlbRouter, listener_router
from ansible_collections.bluegreen.aws.plugins.module_utils._routers.route53 import Route53Router
from fakes import FakeClient, FakeClock

GROUPS = {"blue": "arn:tg/shop-blue", "green": "arn:tg/shop-green"}
LISTENER_ARN = "arn:aws:elasticloadbalancing:us-east-1:1:listener/app/shop/1/2"
NAME = "shop.example.com."


def listener(blue, green):
    forward = {
        "Type": "forward",
        "ForwardConfig": {
            "TargetGroups": [
                {"TargetGroupArn": GROUPS["blue"], "Weight": blue},
                {"TargetGroupArn": GROUPS["green"], "Weight": green},
            ]
        },
    }
    return {"ListenerArn": LISTENER_ARN, "DefaultActions": [forward]}


def alb(blue, green, **answers):
    client = FakeClient(modify_listener=[{}, {}], **answers)
    return AlbRouter(client, listener(blue, green), GROUPS), client


def record(color, weight):
    return {
        "Name": NAME,
        "Type": "A",
        "SetIdentifier": color,
        "Weight": weight,
        "TTL": 60,
        "ResourceRecords": [{"Value": "192.0.2.1" if color == "blue" else "192.0.2.2"}],
    }


def route53(blue, green, wait=False, **answers):
    change = {"ChangeInfo": {"Id": "/change/C1", "Status": "PENDING"}}
    client = FakeClient(
        list_resource_record_sets=[{"ResourceRecordSets": [record("blue", blue), record("green", green)]}],
        change_resource_record_sets=[change, change],
        **answers,
    )
    wanted = {color: {k: v for k, v in record(color, 0).items() if k != "Weight"} for color in ("blue", "green")}
    return Route53Router(client, "Z1", NAME, wanted, wait=wait), client


ROUTERS = {"alb": alb, "route53": route53}
WRITE_CALLS = {"alb": "modify_listener", "route53": "change_resource_record_sets"}


@pytest.mark.parametrize("kind", ROUTERS)
@pytest.mark.parametrize(
    "weights, live, idle",
    [((100, 0), "blue", "green"), ((0, 100), "green", "blue"), ((90, 10), None, None), ((3, 1), None, None)],
)
def test_every_router_tells_the_live_color_and_the_split(kind, weights, live, idle):
    router, _client = ROUTERS[kind](*weights)
    traffic = router.traffic()
    assert traffic["live_color"] == live and traffic["idle_color"] == idle
    assert sum(traffic["split"].values()) == 100


@pytest.mark.parametrize("kind", ROUTERS)
def test_every_router_writes_a_split_in_one_call_and_restores_what_it_found(kind):
    router, client = ROUTERS[kind](100, 0)
    start = router.read_split()
    router.write({"blue": 90, "green": 10})
    router.restore(start)
    writes = [arguments for method, arguments in client.calls if method == WRITE_CALLS[kind]]
    assert len(writes) == 2 and router.writes == 2
    assert _weights(kind, writes[0]) == {"blue": 90, "green": 10}
    assert _weights(kind, writes[1]) == {"blue": 100, "green": 0}


@pytest.mark.parametrize("kind", ROUTERS)
def test_every_router_restores_a_split_from_before_this_call_in_one_write(kind):
    router, client = ROUTERS[kind](50, 50)
    router.read_split()
    router.restore({"blue": 100, "green": 0})  # rollback_split: the split before a shift run step by step
    writes = [arguments for method, arguments in client.calls if method == WRITE_CALLS[kind]]
    assert len(writes) == 1 and router.writes == 1
    assert _weights(kind, writes[0]) == {"blue": 100, "green": 0}


def _weights(kind, arguments):
    if kind == "alb":
        groups = arguments["DefaultActions"][0]["ForwardConfig"]["TargetGroups"]
        return {color: next(g["Weight"] for g in groups if g["TargetGroupArn"] == arn) for color, arn in GROUPS.items()}
    changes = arguments["ChangeBatch"]["Changes"]
    return {change["ResourceRecordSet"]["SetIdentifier"]: change["ResourceRecordSet"]["Weight"] for change in changes}


@pytest.mark.parametrize("kind", ROUTERS)
def test_every_router_describes_itself_without_aws_calls(kind):
    router, client = ROUTERS[kind](100, 0)
    router.read_split()
    calls = len(client.calls)
    described = router.describe()
    assert isinstance(described, dict) and described
    assert len(client.calls) == calls


def test_listener_router_reads_a_listener_by_arn():
    client = FakeClient(describe_listeners=[{"Listeners": [listener(0, 100)]}])
    router = listener_router(client, LISTENER_ARN, GROUPS)
    assert router.traffic()["live_color"] == "green"
    assert client.calls == [("describe_listeners", {"ListenerArns": [LISTENER_ARN]})]


# ALB: release marks on the target groups


def test_alb_reads_the_release_marks_of_both_target_groups_in_one_call():
    tags = {
        "TagDescriptions": [
            {
                "ResourceArn": GROUPS["blue"],
                "Tags": [
                    {"Key": "bluegreen:version", "Value": "2.0"},
                    {"Key": "bluegreen:deployed-at", "Value": "2026-11-29T10:03:10Z"},
                ],
            },
            {"ResourceArn": GROUPS["green"], "Tags": [{"Key": "team", "Value": "shop"}]},
        ]
    }
    router, client = alb(100, 0, describe_tags=[tags])
    assert router.release_marks() == {
        "blue": {"version": "2.0", "deployed_at": "2026-11-29T10:03:10Z"},
        "green": {"version": None, "deployed_at": None},
    }
    assert client.calls == [("describe_tags", {"ResourceArns": [GROUPS["blue"], GROUPS["green"]]})]


def test_route53_records_no_release():
    router, client = route53(100, 0)
    assert router.release_marks() is None and client.calls == []


# ALB: healthy targets before a color gains traffic


def health(*states):
    return {
        "TargetHealthDescriptions": [
            {"Target": {"Id": "10.0.1.%d" % index}, "TargetHealth": {"State": state}}
            for index, state in enumerate(states)
        ]
    }


def test_alb_waits_for_healthy_targets_through_the_poller():
    clock = FakeClock()
    client = FakeClient(describe_target_health=[health("initial"), health("initial"), health("healthy")])
    router = AlbRouter(client, listener(100, 0), GROUPS, min_healthy_targets=1, wait=True, wait_timeout=60)
    router.check_ready(["green"], clock.poller(interval=5))
    assert clock.now == 10
    assert client.calls[0] == ("describe_target_health", {"TargetGroupArn": GROUPS["green"]})


def test_alb_refuses_after_the_timeout_saying_how_long_it_waited():
    clock = FakeClock()
    client = FakeClient(describe_target_health=[health("unhealthy")] * 20)
    router = AlbRouter(client, listener(100, 0), GROUPS, min_healthy_targets=2, wait=True, wait_timeout=30)
    with pytest.raises(Refusal, match="green target group .* has 0 healthy targets, 2 needed after 30 seconds"):
        router.check_ready(["green"], clock.poller(interval=5))
    assert clock.now == 30


def test_alb_without_wait_refuses_at_once():
    client = FakeClient(describe_target_health=[health("unhealthy")])
    router = AlbRouter(client, listener(100, 0), GROUPS, min_healthy_targets=1, wait=False)
    with pytest.raises(Refusal, match="has 0 healthy targets, 1 needed; nothing changed"):
        router.check_ready(["green"], FakeClock().poller())


def test_alb_in_check_mode_warns_that_it_would_wait():
    warnings = []
    client = FakeClient(describe_target_health=[health("initial")])
    router = AlbRouter(client, listener(100, 0), GROUPS, min_healthy_targets=1, wait=True, wait_timeout=300)
    router.warn = warnings.append
    router.check_ready(["green"], NoWaitPoller())
    assert warnings == ["green has 0 healthy targets; the run would wait for 1"]


def test_alb_checks_nothing_with_min_healthy_targets_zero():
    client = FakeClient()
    AlbRouter(client, listener(100, 0), GROUPS, min_healthy_targets=0, wait=True).check_ready(["green"], None)
    assert client.calls == []


# Route 53: waiting for a change to be INSYNC


def test_route53_waits_until_the_change_is_in_sync():
    clock = FakeClock()
    pending, insync = {"ChangeInfo": {"Status": "PENDING"}}, {"ChangeInfo": {"Status": "INSYNC"}}
    router, client = route53(100, 0, wait=True, get_change=[pending, insync])
    router.wait_timeout, router.poller = 60, clock.poller(interval=5)
    router.read_split()
    router.write({"blue": 0, "green": 100})
    assert client.methods()[-2:] == ["get_change", "get_change"]
    assert clock.now == 5


def test_route53_needs_no_poll_when_the_write_is_already_in_sync():
    router, client = route53(100, 0, wait=True)
    client.script["change_resource_record_sets"] = [{"ChangeInfo": {"Id": "/change/C1", "Status": "INSYNC"}}]
    router.read_split()
    router.write({"blue": 0, "green": 100})
    assert "get_change" not in client.methods()


def test_route53_write_not_in_sync_in_time_is_unconfirmed():
    clock = FakeClock()
    router, client = route53(100, 0, wait=True, get_change=[{"ChangeInfo": {"Status": "PENDING"}}] * 10)
    router.wait_timeout, router.poller = 12, clock.poller(interval=5)
    router.read_split()
    with pytest.raises(
        WriteUnconfirmed, match="change /change/C1 to be INSYNC after 12 seconds.*Route 53 will apply it"
    ):
        router.write({"blue": 0, "green": 100})
    assert router.writes == 1


def test_route53_rollback_not_in_sync_only_warns():
    clock = FakeClock()
    warnings = []
    router, _client = route53(100, 0, wait=True, get_change=[{"ChangeInfo": {"Status": "PENDING"}}] * 10)
    router.wait_timeout, router.poller, router.warn = 5, clock.poller(interval=5), warnings.append
    router.restore(router.read_split())
    assert len(warnings) == 1 and "the rollback was submitted but is not in sync yet" in warnings[0]


def test_route53_write_of_a_sliced_wait_still_pending_at_the_end_of_the_slice_is_pending():
    clock = FakeClock()
    router, client = route53(100, 0, wait=True, get_change=[{"ChangeInfo": {"Status": "PENDING"}}] * 10)
    router.wait_timeout, router.poller, router.wait_slice = 60, clock.poller(interval=5), 10
    router.read_split()
    with pytest.raises(WritePending) as pending:
        router.write({"blue": 0, "green": 100})
    assert pending.value.change_id == "/change/C1" and router.writes == 1
    assert clock.now == 10 and pending.value.progress.what == "change /change/C1 to be INSYNC"
    assert not pending.value.progress.done


def test_route53_write_of_a_sliced_wait_in_sync_within_the_slice_is_written():
    clock = FakeClock()
    pending, insync = {"ChangeInfo": {"Status": "PENDING"}}, {"ChangeInfo": {"Status": "INSYNC"}}
    router, _client = route53(100, 0, wait=True, get_change=[pending, insync])
    router.wait_timeout, router.poller, router.wait_slice = 60, clock.poller(interval=5), 10
    router.read_split()
    router.write({"blue": 0, "green": 100})
    assert clock.now == 5


def test_route53_sliced_wait_past_the_whole_timeout_is_unconfirmed():
    clock = FakeClock()
    router, _client = route53(100, 0, wait=True, get_change=[{"ChangeInfo": {"Status": "PENDING"}}] * 10)
    router.wait_timeout, router.poller, router.wait_slice = 30, clock.poller(interval=5), 10
    router.wait_started = clock() - 40  # the first call's slice began 40 s ago
    router.read_split()
    with pytest.raises(WriteUnconfirmed, match="Route 53 will apply it"):
        router.write({"blue": 0, "green": 100})
