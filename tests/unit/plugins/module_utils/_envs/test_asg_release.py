"""The wait of asg_bluegreen in slices (``wait_slice``): one run of the module's work through fakes and a fake clock."""

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import ModuleFailure
from ansible_collections.bluegreen.aws.plugins.module_utils._core.poller import Progress
from ansible_collections.bluegreen.aws.plugins.module_utils._envs import asg_release as release
from fakes import FakeClock, FakeModule

from .asg_fakes import AMI_1, AMI_2, LISTENER, current, group, params, version

VERSIONS = [version(1, AMI_1), version(2, AMI_2)]
BLUE_LIVE = group("blue", number=1, desired=2, images=(AMI_1, AMI_1))


class FakeReader:
    """Answers ``read()`` from a list of Currents (the last one repeating)."""

    def __init__(self, *currents):
        self.currents = list(currents)

    def read(self):
        return self.currents.pop(0) if len(self.currents) > 1 else self.currents[0]

    def check_image(self, image_id):
        pass


class FakeApi:
    """The calls of the operations (recorded) and the looks of the waits (scripted, the last one repeating)."""

    def __init__(self, *looks):
        self.looks = list(looks)
        self.calls = []

    def update_group(self, name, **settings):
        self.calls.append(("update_group", name, settings))

    def tag_group(self, name, tags):
        self.calls.append(("tag_group", name, tags))

    def tag_target_group(self, arn, tags):
        self.calls.append(("tag_target_group", arn, tags))

    def _look(self):
        return self.looks.pop(0) if len(self.looks) > 1 else self.looks[0]

    def deploy_progress(self, name, image_id, desired, min_healthy):
        return self._look()

    def empty_progress(self, name):
        return self._look()


def before_deploy():
    return current(blue=BLUE_LIVE, versions=VERSIONS, split=(100, 0))


def after_deploy():
    green = group("green", number=2, desired=2, images=(AMI_2, AMI_2))
    return current(blue=BLUE_LIVE, green=green, versions=VERSIONS, split=(100, 0))


def run(reader, api, clock, **options):
    options = dict(dict(listener_arn=LISTENER, launch_template_version=2), **options)
    module = FakeModule(params(**options))
    return release.Release(module, reader=reader, api=api, poller=clock.poller()).run()


def test_a_wait_slice_returns_waiting_with_the_changes_made():
    clock = FakeClock()
    clock.now = 500.0
    api = FakeApi(Progress(False, "2 of 2 instances InService on ami-00000002, 0 of 2 healthy targets"))
    result = run(FakeReader(before_deploy(), after_deploy()), api, clock, wait_slice=10)
    assert [call[0] for call in api.calls] == ["update_group", "update_group"], "the version, then the capacity"
    assert (result["changed"], result["waiting"], result["wait_started"]) == (True, True, 500.0)
    assert result["waiting_for"] == (
        "group shop-green to have 2 InService instance(s) on ami-00000002 and nothing else, 2 of them healthy "
        "targets; waited 10 seconds, last seen: 2 of 2 instances InService on ami-00000002, 0 of 2 healthy targets"
    )
    assert clock.now == 510.0


def test_the_next_call_writes_nothing_and_goes_on_waiting_until_healthy():
    clock = FakeClock()
    clock.now = 510.0
    api = FakeApi(Progress(False, "1 of 2 healthy targets"), Progress(True, "2 of 2 healthy targets"))
    result = run(FakeReader(after_deploy()), api, clock, wait_slice=10, wait_started=500.0)
    assert api.calls == [] and clock.sleeps == [5]
    assert (result["changed"], result["waiting"]) == (False, False)
    assert "waiting_for" not in result


def test_the_wait_timeout_counts_every_slice_and_still_fails():
    clock = FakeClock()
    clock.now = 510.0
    api = FakeApi(Progress(False, "0 of 2 healthy targets"))
    with pytest.raises(ModuleFailure) as error:
        run(FakeReader(after_deploy()), api, clock, wait_timeout=15, wait_slice=10, wait_started=500.0)
    assert error.value.msg.startswith("gave up waiting for group shop-green to have 2 InService instance(s)")
    assert error.value.msg.endswith(
        "after 15 seconds (wait_timeout 15); last seen: 0 of 2 healthy targets; nothing changed"
    )
    assert api.calls == [] and clock.now == 515.0


def test_a_scale_down_waits_in_slices_too():
    clock = FakeClock()
    both_up = current(blue=BLUE_LIVE, green=group("green", desired=2, images=(AMI_1, AMI_1)), split=(100, 0))
    api = FakeApi(Progress(False, "2 instance(s) left"))
    result = run(FakeReader(both_up), api, clock, state="scaled_down", launch_template_version=None, wait_slice=3)
    assert api.calls == [("update_group", "shop-green", {"DesiredCapacity": 0})]
    assert result["waiting"] is True
    assert result["waiting_for"].startswith("group shop-green to have no instance; waited 3 seconds")


def test_without_a_slice_it_waits_until_done():
    clock = FakeClock()
    api = FakeApi(*[Progress(False, "0 of 2 healthy targets")] * 20 + [Progress(True, "2 of 2")])
    result = run(FakeReader(before_deploy(), after_deploy()), api, clock)
    assert result["waiting"] is False and clock.now == 100
