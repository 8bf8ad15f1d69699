"""The ECS waiters, with a fake client and a fake clock (no network)."""

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils import ecs
from fake_clock import FakeClock


class FakeEcs:
    """Answers describe_services / describe_task_sets from a list, the last one repeating."""

    def __init__(self, answers):
        self.answers = list(answers)
        self.calls = 0

    def _next(self):
        self.calls += 1
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]

    def describe_services(self, **kwargs):
        assert kwargs["aws_retry"] is True
        return {"services": [self._next()]}

    def describe_task_sets(self, **kwargs):
        assert kwargs["aws_retry"] is True
        return {"taskSets": [self._next()]}


def svc(running, desired=2, deployments=1, rollout=None):
    deployment = {"id": "ecs-svc/1", "status": "PRIMARY"}
    if rollout:
        deployment.update(rolloutState=rollout, rolloutStateReason="tasks failed to start")
    return {
        "desiredCount": desired,
        "runningCount": running,
        "deployments": [deployment] + [{"id": "old", "status": "ACTIVE"}] * (deployments - 1),
    }


def wait_service(client, clock, timeout=60):
    return ecs.wait_service_stable(
        client, "prod", "arn:svc", "shop-green", timeout, sleep=clock.sleep, clock=clock, poll_seconds=5
    )


def test_service_wait_returns_at_once_when_stable():
    clock, client = FakeClock(), FakeEcs([svc(2)])
    assert "2 of 2 tasks running" in wait_service(client, clock)
    assert (client.calls, clock.sleeps) == (1, [])


def test_service_wait_polls_until_one_deployment_runs_every_task():
    clock, client = FakeClock(), FakeEcs([svc(0, deployments=2), svc(1, deployments=2), svc(2, deployments=2), svc(2)])
    wait_service(client, clock)
    assert client.calls == 4
    assert clock.sleeps == [5, 5, 5]


def test_service_wait_times_out():
    clock, client = FakeClock(), FakeEcs([svc(1)])
    with pytest.raises(ecs.WaitFailed) as error:
        wait_service(client, clock, timeout=12)
    assert (
        str(error.value) == "service shop-green is not stable after 12 seconds: 1 deployment(s), 1 of 2 tasks running"
    )
    assert sum(clock.sleeps) == 12


def test_service_wait_stops_on_a_failed_deployment():
    clock, client = FakeClock(), FakeEcs([svc(0, rollout="FAILED")])
    with pytest.raises(ecs.WaitFailed, match="deployment ecs-svc/1 failed: tasks failed to start"):
        wait_service(client, clock)
    assert clock.sleeps == []


def task_set(status="STEADY_STATE", scale=100.0, **extra):
    result = {"stabilityStatus": status, "scale": {"value": scale, "unit": "PERCENT"}}
    result.update(extra)
    return result


@pytest.mark.parametrize(
    "answers, expected_scale, calls",
    [
        ([task_set()], 100, 1),
        ([task_set("STABILIZING"), task_set("STABILIZING"), task_set()], 100, 3),
        ([task_set(runningCount=1, computedDesiredCount=2), task_set(runningCount=2, computedDesiredCount=2)], 100, 2),
        ([task_set(scale=0.0)], 0, 1),
    ],
)
def test_task_set_wait(answers, expected_scale, calls):
    clock, client = FakeClock(), FakeEcs(answers)
    ecs.wait_task_set_stable(
        client, "prod", "arn:svc", "arn:ts", "green", expected_scale, 60, sleep=clock.sleep, clock=clock
    )
    assert client.calls == calls


def test_task_set_wait_times_out_when_the_scale_is_not_reached():
    clock, client = FakeClock(), FakeEcs([task_set(scale=50.0)])
    with pytest.raises(ecs.WaitFailed, match="the green task set arn:ts is not stable after 10 seconds"):
        ecs.wait_task_set_stable(client, "prod", "arn:svc", "arn:ts", "green", 100, 10, sleep=clock.sleep, clock=clock)


class RecordingEcs:
    def __init__(self):
        self.calls = []

    def delete_task_set(self, **kwargs):
        self.calls.append(kwargs)


def test_delete_task_set_forces_a_warm_task_set():
    # AWS deletes a task set that still runs tasks only with force=True.
    client = RecordingEcs()
    ecs.delete_task_set(client, "prod", "shop", "ecs-svc/1")
    assert client.calls == [
        {"cluster": "prod", "service": "shop", "taskSet": "ecs-svc/1", "force": True, "aws_retry": True}
    ]
