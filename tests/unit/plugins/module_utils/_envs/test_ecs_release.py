"""The waits (a fake clock, no network) and one run of ecs_bluegreen and ecs_bluegreen_info through fakes."""

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._aws.ecs import EcsCluster
from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import InputError, ModuleFailure, Refusal
from ansible_collections.bluegreen.aws.plugins.module_utils._core.poller import NoWaitPoller, WaitFailed
from ansible_collections.bluegreen.aws.plugins.module_utils._envs import ecs_release as release
from fakes import FakeClient, FakeClock, FakeModule

from .ecs_fakes import (
    NEW_TASK_SET,
    SERVICE_ARN,
    TD1,
    TD2,
    TD3,
    TG_GREEN,
    FakeApi,
    FakeReader,
    catalog,
    pair_current,
    params,
    service,
    task_definition,
    task_set,
    task_set_current,
)

# --------------------------------------------------------------------------- waits


def svc(running, desired=2, deployments=1, rollout=None):
    deployment = {"id": "ecs-svc/1", "status": "PRIMARY"}
    if rollout:
        deployment.update(rolloutState=rollout, rolloutStateReason="tasks failed to start")
    return {
        "desiredCount": desired,
        "runningCount": running,
        "deployments": [deployment] + [{"id": "old", "status": "ACTIVE"}] * (deployments - 1),
    }


def services(*answers):
    return FakeClient(describe_services=[{"services": [answer] if answer else []} for answer in answers])


def wait_service(client, clock, timeout=60):
    return release.wait_for_service(
        EcsCluster(client, "prod"), clock.poller(interval=5), "arn:svc", "shop-green", timeout
    )


def test_service_wait_returns_at_once_when_stable():
    clock, client = FakeClock(), services(svc(2))
    assert "2 of 2 tasks running" in wait_service(client, clock).summary
    assert (client.methods(), clock.sleeps) == (["describe_services"], [])
    assert client.calls[0][1] == {"cluster": "prod", "services": ["arn:svc"]}


def test_service_wait_polls_until_one_deployment_runs_every_task():
    clock = FakeClock()
    client = services(svc(0, deployments=2), svc(1, deployments=2), svc(2, deployments=2), svc(2))
    wait_service(client, clock)
    assert len(client.calls) == 4
    assert clock.sleeps == [5, 5, 5]


def test_service_wait_says_what_it_waited_for_how_long_and_what_it_saw():
    clock, client = FakeClock(), services(*[svc(1)] * 4)
    with pytest.raises(WaitFailed) as error:
        wait_service(client, clock, timeout=12)
    assert error.value.msg == (
        "gave up waiting for service shop-green to be stable (one deployment, every desired task running) after 12 "
        "seconds (wait_timeout 12); last seen: 1 deployment(s), 1 of 2 tasks running"
    )
    assert (clock.sleeps, error.value.waited) == ([5, 5, 2], 12)


@pytest.mark.parametrize(
    "answer, failure",
    [
        (svc(0, rollout="FAILED"), "deployment ecs-svc/1 failed: tasks failed to start"),
        (None, "the service disappeared"),
    ],
)
def test_service_wait_stops_at_once_on_a_failure(answer, failure):
    clock, client = FakeClock(), services(answer)
    with pytest.raises(WaitFailed, match="service shop-green to be stable .* failed after 0 seconds: %s" % failure):
        wait_service(client, clock)
    assert clock.sleeps == []


def ts(status="STEADY_STATE", scale=100.0, **extra):
    result = {"stabilityStatus": status, "scale": {"value": scale, "unit": "PERCENT"}}
    result.update(extra)
    return result


def wait_task_set(answers, expected_scale, timeout=60):
    clock = FakeClock()
    client = FakeClient(describe_task_sets=[{"taskSets": [answer]} for answer in answers])
    api = EcsCluster(client, "prod")
    progress = release.wait_for_task_set(api, clock.poller(), "arn:svc", "arn:ts", "green", expected_scale, timeout)
    return progress, client, clock


@pytest.mark.parametrize(
    "answers, expected_scale, calls",
    [
        ([ts()], 100, 1),
        ([ts("STABILIZING"), ts("STABILIZING"), ts()], 100, 3),
        ([ts(runningCount=1, computedDesiredCount=2), ts(runningCount=2, computedDesiredCount=2)], 100, 2),
        ([ts(scale=0.0)], 0, 1),
    ],
)
def test_task_set_wait(answers, expected_scale, calls):
    progress, client, _clock = wait_task_set(answers, expected_scale)
    assert progress.done and len(client.calls) == calls
    assert client.calls[0][1] == {"cluster": "prod", "service": "arn:svc", "taskSets": ["arn:ts"]}


def test_task_set_wait_gives_up_when_the_scale_is_not_reached():
    with pytest.raises(WaitFailed) as error:
        wait_task_set([ts(scale=50.0)] * 3, 100, timeout=10)
    assert error.value.msg == (
        "gave up waiting for the green task set arn:ts to be stable at 100% scale after 10 seconds (wait_timeout 10); "
        "last seen: STEADY_STATE at 50% scale"
    )


# --------------------------------------------------------------------------- ecs_bluegreen, one run


BLUE_UP = service("shop-blue", TD1, desired=2)
GREEN_UP = service("shop-green", TD2, desired=2, target_group=TG_GREEN)


def run(reader, api=None, check=False, diff=True, poller=None, **options):
    module = FakeModule(params(**options), check_mode=check, diff=diff)
    api = api or FakeApi()
    result = release.Release(module, reader=reader, api=api, poller=poller or FakeClock().poller()).run()
    return result, api, module


def after_green_release():
    return pair_current(
        blue=BLUE_UP, green=service("shop-green", TD2, desired=2, target_group=TG_GREEN), split=(100, 0)
    )


def test_check_mode_writes_and_waits_for_nothing_and_predicts_the_colors():
    reader = FakeReader(pair_current(blue=BLUE_UP, split=(100, 0)))
    result, api, _module = run(reader, check=True, poller=NoWaitPoller(), task_definition="shop:2")
    assert api.calls == [] and reader.reads == 1
    assert (result["changed"], result["deployed_color"], result["task_definition"]) == (True, "green", TD2)
    assert result["colors"]["green"]["task_definition"] == TD2 and result["colors"]["green"]["desired_count"] == 2
    assert result["diff"] == {
        "before": {
            "blue": {"task_definition": "shop:1", "desired_count": 2, "version": None},
            "green": {"task_definition": "shop:1", "desired_count": 0, "version": None},
        },
        "after": {
            "blue": {"task_definition": "shop:1", "desired_count": 2, "version": None},
            "green": {"task_definition": "shop:2", "desired_count": 2, "version": None},
        },
    }


def test_apply_then_wait_then_report_what_aws_holds():
    reader = FakeReader(pair_current(blue=BLUE_UP, split=(100, 0)), after_green_release())
    clock = FakeClock()
    api = FakeApi(services=[service("shop-green", TD2, desired=2, running=0), service("shop-green", TD2, desired=2)])
    result, api, _module = run(reader, api=api, poller=clock.poller(), task_definition="shop:2")
    assert api.writes() == ["update_service"]
    assert api.calls[0][1]["task_definition"] == TD2
    assert [method for method, _arguments in api.calls].count("describe_service") == 2 and clock.sleeps == [5]
    assert reader.reads == 2, "the colors are read again after a change"
    assert result["actions"] == ["update service shop-green (green): task definition shop:2, desired count 2"]
    assert result["colors"]["green"]["task_definition"] == TD2
    assert result["diff"]["after"]["green"] == {"task_definition": "shop:2", "desired_count": 2, "version": None}


def test_a_wait_that_gives_up_fails_with_what_was_done():
    reader = FakeReader(pair_current(blue=BLUE_UP, split=(100, 0)), after_green_release())
    api = FakeApi(services=[service("shop-green", TD2, desired=2, running=1)])
    with pytest.raises(ModuleFailure) as error:
        run(reader, api=api, task_definition="shop:2", wait_timeout=20)
    assert error.value.msg.startswith("gave up waiting for service shop-green to be stable")
    assert "after 20 seconds (wait_timeout 20); last seen: 1 deployment(s), 1 of 2 tasks running" in error.value.msg
    assert error.value.msg.endswith("; the changes were made and are left in place")
    assert error.value.result["changed"] is True
    assert error.value.result["colors"]["green"]["task_definition"] == TD2


def test_a_wait_slice_returns_waiting_with_the_changes_made():
    reader = FakeReader(pair_current(blue=BLUE_UP, split=(100, 0)), after_green_release())
    clock = FakeClock()
    api = FakeApi(services=[service("shop-green", TD2, desired=2, running=0)])
    result, api, _module = run(reader, api=api, poller=clock.poller(), task_definition="shop:2", wait_slice=10)
    assert api.writes() == ["update_service"] and clock.now == 10
    assert (result["changed"], result["waiting"], result["wait_started"]) == (True, True, 0.0)
    assert result["waiting_for"] == (
        "service shop-green to be stable (one deployment, every desired task running); waited 10 seconds, "
        "last seen: 1 deployment(s), 0 of 2 tasks running"
    )
    assert result["colors"]["green"]["task_definition"] == TD2


def test_the_next_call_writes_nothing_and_goes_on_waiting_until_stable():
    clock = FakeClock()
    clock.now = 10.0
    api = FakeApi(services=[service("shop-green", TD2, desired=2, running=1), service("shop-green", TD2, desired=2)])
    result, api, _module = run(
        FakeReader(after_green_release()),
        api=api,
        poller=clock.poller(),
        task_definition="shop:2",
        wait_slice=10,
        wait_started=0.0,
    )
    assert api.writes() == [] and clock.sleeps == [5]
    assert (result["changed"], result["waiting"]) == (False, False)
    assert "waiting_for" not in result and "wait_started" not in result


def test_the_wait_timeout_counts_every_slice_and_still_fails():
    clock = FakeClock()
    clock.now = 15.0
    api = FakeApi(services=[service("shop-green", TD2, desired=2, running=0)])
    with pytest.raises(ModuleFailure) as error:
        run(
            FakeReader(after_green_release()),
            api=api,
            poller=clock.poller(),
            task_definition="shop:2",
            wait_timeout=20,
            wait_slice=10,
            wait_started=0.0,
        )
    assert error.value.msg == (
        "gave up waiting for service shop-green to be stable (one deployment, every desired task running) after 20 "
        "seconds (wait_timeout 20); last seen: 1 deployment(s), 0 of 2 tasks running; nothing changed"
    )
    assert api.writes() == [] and clock.now == 20


def test_a_task_set_wait_slice_returns_waiting():
    current = task_set_current(blue=task_set("blue", status="PRIMARY"), split=(100, 0), networkConfiguration={})
    clock = FakeClock()
    api = FakeApi(task_sets=[task_set("green", TD2, stabilityStatus="STABILIZING")])
    result, api, _module = run(
        FakeReader(current), api=api, poller=clock.poller(), strategy="task_set", task_definition="shop:2", wait_slice=5
    )
    assert api.writes() == ["create_task_set"]
    assert result["waiting"] is True and result["waiting_for"].startswith("the green task set %s" % NEW_TASK_SET)


def test_no_wait_with_wait_false():
    reader = FakeReader(pair_current(blue=BLUE_UP, split=(100, 0)), after_green_release())
    api = FakeApi(services=[service("shop-green", TD2, desired=2, running=0)])
    result, api, _module = run(reader, api=api, task_definition="shop:2", wait=False)
    assert api.writes() == ["update_service"] and "describe_service" not in [m for m, _a in api.calls]
    assert result["changed"] is True


def test_a_registered_revision_is_deployed_by_the_arn_aws_gave():
    # The family's latest is shop:2, so check mode predicts shop:3; AWS gives shop:4 (someone registered one).
    found = catalog(task_definition(TD1), latest=task_definition(TD2, image="nginx:2"))
    reader = FakeReader(pair_current(blue=BLUE_UP, split=(100, 0)), found=found)
    shop4 = TD3[:-1] + "4"
    result, api, _module = run(reader, api=FakeApi(registered_arn=shop4), images={"web": "nginx:9"})
    assert api.writes() == ["register_task_definition", "update_service"]
    assert api.calls[1][1]["task_definition"] == shop4
    assert (result["task_definition"], result["task_definition_registered"]) == (shop4, True)
    assert result["actions"] == [
        "register task definition shop:4",
        "update service shop-green (green): task definition shop:4, desired count 2",
    ]


def test_a_created_task_set_is_the_one_waited_for():
    current = task_set_current(blue=task_set("blue", status="PRIMARY"), split=(100, 0), networkConfiguration={})
    reader = FakeReader(current)
    result, api, _module = run(reader, strategy="task_set", task_definition="shop:2")
    assert api.writes() == ["create_task_set"]
    waited = [arguments for method, arguments in api.calls if method == "describe_task_set"]
    assert waited == [{"service": SERVICE_ARN, "task_set": NEW_TASK_SET}]
    assert result["deployed_color"] == "green"


def test_a_finished_release_run_again_without_the_live_color_writes_nothing():
    # Fix: both colors up, no listener_arn nor live_color, and green already runs shop:2 at the count.
    reader = FakeReader(pair_current(blue=BLUE_UP, green=GREEN_UP))
    result, api, _module = run(reader, task_definition="shop:2")
    assert api.writes() == []
    assert (result["changed"], result["live_color"], result["deployed_color"]) == (False, None, "green")
    assert result["diff"]["before"] == result["diff"]["after"]


def test_deployed_with_neither_version_option_fails_before_reading():
    # Fix: state=deployed with neither task_definition nor images used to report ok and deploy nothing.
    reader = FakeReader(pair_current(blue=BLUE_UP, split=(100, 0)))
    with pytest.raises(InputError, match="state=deployed needs task_definition or images"):
        run(reader)
    assert reader.reads == 0


def test_a_refusal_writes_nothing():
    reader = FakeReader(pair_current(blue=BLUE_UP, split=(100, 0)))
    with pytest.raises(Refusal, match="refusing to deploy onto blue"):
        run(reader, task_definition="shop:2", color="blue")


def test_drift_and_reader_warnings_are_warned():
    current = pair_current(
        blue=BLUE_UP, green=service("shop-green", TD2, desired=0, target_group=TG_GREEN, launchType="EC2")
    )
    current.warnings.append("a task set of another color is ignored")
    result, _api, module = run(FakeReader(current), state="scaled_down", color="green")
    assert [item["setting"] for item in result["drift"]] == ["compute", "platform_version"]
    assert module.warnings[0] == "a task set of another color is ignored"
    assert module.warnings[1].startswith("the blue and green environments differ")


# --------------------------------------------------------------------------- ecs_bluegreen_info


INFO_OPTIONS = ("cluster", "app", "strategy", "blue_service", "green_service", "service")
INFO_OPTIONS += ("blue_target_group", "green_target_group", "listener_arn", "live_color")


def info(current, **options):
    module = FakeModule(dict((k, v) for k, v in params(**options).items() if k in INFO_OPTIONS))
    return release.describe_app(module, reader=FakeReader(current))


def test_info_reports_the_colors_and_the_live_one():
    result = info(pair_current(blue=BLUE_UP, green=GREEN_UP, split=(0, 100)))
    assert (result["changed"], result["live_color"], result["idle_color"], result["task_definition"]) == (
        False,
        "green",
        "blue",
        TD2,
    )
    assert result["colors"]["green"]["traffic_percent"] == 100
    assert set(result) == {"changed", "strategy", "live_color", "idle_color", "task_definition", "colors", "drift"}
    # Each color's healthy targets, read from its target group.
    assert (result["colors"]["blue"]["healthy_targets"], result["colors"]["green"]["healthy_targets"]) == (2, 2)


def test_info_reports_no_healthy_targets_for_a_color_without_a_target_group():
    current = pair_current(blue=BLUE_UP, green=GREEN_UP, split=(0, 100))
    current.views["blue"]["target_group_arn"] = None
    reader = FakeReader(current)
    module = FakeModule(dict((k, v) for k, v in params().items() if k in INFO_OPTIONS))
    result = release.describe_app(module, reader=reader)
    assert result["colors"]["blue"]["healthy_targets"] is None
    assert reader.elb.asked == [current.views["green"]["target_group_arn"]]


def test_info_without_the_live_color_reports_it_unknown():
    result = info(pair_current(blue=BLUE_UP, green=GREEN_UP))
    assert (result["live_color"], result["idle_color"], result["task_definition"]) == (None, None, None)
    assert info(pair_current(blue=BLUE_UP, green=GREEN_UP), live_color="blue")["idle_color"] == "green"


def test_info_checks_its_options():
    with pytest.raises(InputError, match="listener_arn must be the ARN"):
        info(pair_current(), listener_arn="nope")
