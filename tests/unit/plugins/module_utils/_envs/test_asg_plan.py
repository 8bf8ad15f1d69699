"""The pure planners of asg_bluegreen: versions, replacement, refusals, scale-down; and the colors' drift."""

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import InputError, Refusal
from ansible_collections.bluegreen.aws.plugins.module_utils._envs import asg_colors
from ansible_collections.bluegreen.aws.plugins.module_utils._envs import asg_plan as plan
from ansible_collections.bluegreen.aws.plugins.module_utils._envs.asg_operations import (
    CreateVersion,
    RecordRelease,
    ReplaceInstances,
    SetCapacity,
    SetVersion,
    predict,
)

from .asg_fakes import AMI_1, AMI_2, AMI_3, current, group, live_of, params, version


def kinds(found_plan):
    return [type(op) for op in found_plan.ops]


def blue_live(green=None, versions=None, split=(100, 0)):
    """Blue on version 1 (AMI_1) at 2 instances with all the traffic; green as given (empty by default)."""
    return current(blue=group("blue", 1, 2, [AMI_1, AMI_1]), green=green, versions=versions, split=split)


# --------------------------------------------------------------------------- versions


def test_a_new_ami_makes_a_version_from_the_live_colors_one():
    found = blue_live(versions=[version(1, AMI_1, InstanceType="t3.micro"), version(2, AMI_3)])
    result = plan.plan_deployed(params(image_id=AMI_2, version="1.4.2"), found, live_of(found))
    assert kinds(result) == [RecordRelease, CreateVersion, SetVersion, SetCapacity]
    create = result.ops[1]
    assert (create.source, create.image_id, create.number, create.description) == (1, AMI_2, 3, "1.4.2")
    assert (result.deployed_color, result.launch_template_version, result.image_id) == ("green", 3, AMI_2)
    assert result.wait == plan.Wait("green", AMI_2, 2, 2)
    after = predict(found.views, result.ops)
    assert after["green"] == {
        "launch_template_version": 3,
        "image_id": AMI_2,
        "desired_capacity": 2,
        "version": "1.4.2",
    }
    assert after["blue"]["launch_template_version"] == 1
    # Once applied, the version reports the number AWS gave it.
    create.number = 7
    assert result.launch_template_version == 7
    assert result.ops[2].number == 7 and "version 7" in result.ops[2].describe()


@pytest.mark.parametrize(
    "green, versions, expected_version",
    [
        # The idle color's own version already has the AMI.
        (group("green", 2), [version(1, AMI_1), version(2, AMI_2), version(3, AMI_3)], 2),
        # The template's latest version is the source with the AMI (a run that stopped after making it).
        (group("green", 1), [version(1, AMI_1), version(2, AMI_2)], 2),
    ],
)
def test_no_version_is_made_when_one_fits(green, versions, expected_version):
    found = blue_live(green=green, versions=versions)
    result = plan.plan_deployed(params(image_id=AMI_2), found, live_of(found))
    assert CreateVersion not in kinds(result)
    assert result.launch_template_version == expected_version


def test_the_latest_version_is_not_reused_when_it_differs_from_the_source_by_more_than_the_ami():
    versions = [version(1, AMI_1, InstanceType="t3.micro"), version(2, AMI_2, InstanceType="t3.large")]
    found = blue_live(versions=versions)
    result = plan.plan_deployed(params(image_id=AMI_2), found, live_of(found))
    assert kinds(result)[0] is CreateVersion


def test_a_launch_template_version_is_deployed_as_it_is():
    found = blue_live(versions=[version(1, AMI_1), version(2, AMI_2)])
    result = plan.plan_deployed(params(launch_template_version=2, desired_count=3), found, live_of(found))
    assert kinds(result) == [SetVersion, SetCapacity]
    assert (result.ops[0].number, result.ops[1].desired, result.image_id) == (2, 3, AMI_2)


def test_a_version_without_an_ami_is_refused():
    found = blue_live(versions=[version(1, AMI_1), {"VersionNumber": 2, "LaunchTemplateData": {}}])
    with pytest.raises(InputError, match="launch_template_version: version 2 .* names no AMI"):
        plan.plan_deployed(params(launch_template_version=2), found, live_of(found))


def test_a_release_the_live_color_runs_changes_nothing():
    found = blue_live()
    for options in (params(image_id=AMI_1), params(launch_template_version=1)):
        result = plan.plan_deployed(options, found, live_of(found))
        assert (result.changed, result.deployed_color, result.launch_template_version) == (False, "blue", 1)
    # Another count is another release.
    other = plan.plan_deployed(params(image_id=AMI_1, desired_count=3), found, live_of(found))
    assert other.deployed_color == "green" and other.changed


@pytest.mark.parametrize("live, desired, expected", [("blue", (3, 0), 3), (None, (0, 0), 1), ("green", (0, 0), 1)])
def test_default_desired_count(live, desired, expected):
    views = {"blue": {"desired_capacity": desired[0]}, "green": {"desired_capacity": desired[1]}}
    assert plan.default_desired_count(live, views) == expected


# --------------------------------------------------------------------------- replacement


def test_instances_on_another_ami_are_replaced_capacity_kept():
    green = group("green", 2, 2, [AMI_1, AMI_2])
    found = blue_live(green=green, versions=[version(1, AMI_1), version(2, AMI_2)])
    result = plan.plan_deployed(params(image_id=AMI_2), found, live_of(found))
    assert kinds(result) == [ReplaceInstances]
    assert result.ops[0].instance_ids == ["i-green0"]
    assert "replace 1 instance(s) of group shop-green (green) not on %s" % AMI_2 in result.ops[0].describe()


def test_replacement_comes_after_the_version_and_before_a_capacity_change():
    green = group("green", 1, 2, [AMI_1, AMI_1])
    found = blue_live(green=green, versions=[version(1, AMI_1), version(2, AMI_2)])
    result = plan.plan_deployed(params(launch_template_version=2, desired_count=1), found, live_of(found))
    assert kinds(result) == [SetVersion, ReplaceInstances, SetCapacity]


def test_instances_leaving_the_group_or_of_unknown_ami_are_left_alone():
    green, images = group("green", 2, 2, [AMI_1, AMI_1, AMI_2])
    green["Instances"][0]["LifecycleState"] = "Terminating"
    images.pop("i-green1")
    found = blue_live(green=(green, images), versions=[version(1, AMI_1), version(2, AMI_2)])
    assert asg_colors.outdated(found.views["green"], AMI_2) == []


# --------------------------------------------------------------------------- refusals and bad inputs


@pytest.mark.parametrize(
    "options, live_color, split, fragments",
    [
        (params(image_id=AMI_2, color="blue"), None, (100, 0), ["refusing to deploy onto blue", "100%"]),
        (
            params(image_id=AMI_2, color="blue"),
            None,
            None,
            ["refusing to deploy onto blue", "only color with instances"],
        ),
        (params(image_id=AMI_2, color="blue"), "blue", None, ["live_color=blue"]),
        (params(image_id=AMI_2), None, (90, 10), ["blue 90%, green 10%", "shift is under way"]),
        (params(image_id=AMI_2, color="green"), None, (90, 10), ["shift is under way"]),
    ],
)
def test_deploy_refusals(options, live_color, split, fragments):
    green = group("green", 1, 2, [AMI_1, AMI_1]) if split == (90, 10) else None
    found = current(blue=group("blue", 1, 2, [AMI_1, AMI_1]), green=green, split=split)
    with pytest.raises(Refusal) as error:
        plan.plan_deployed(options, found, live_of(found, live_color))
    for fragment in fragments:
        assert fragment in error.value.msg


def test_both_up_and_nothing_tells_the_live_color():
    versions = [version(1, AMI_1), version(2, AMI_2)]
    found = current(
        blue=group("blue", 1, 2, [AMI_1, AMI_1]), green=group("green", 2, 2, [AMI_2, AMI_2]), versions=versions
    )
    live = live_of(found)
    for options in (params(image_id=AMI_3), params(launch_template_version=1, desired_count=3)):
        with pytest.raises(Refusal, match="both colors have instances .* set listener_arn or live_color"):
            plan.plan_deployed(options, found, live)
    # A finished release run again writes nothing whichever color is live.
    done = plan.plan_deployed(params(image_id=AMI_2), found, live)
    assert (done.changed, done.deployed_color, done.launch_template_version) == (False, "green", 2)
    with pytest.raises(Refusal, match="both colors have instances"):
        plan.plan_scaled_down(params(state="scaled_down"), found, live)


@pytest.mark.parametrize(
    "options, fragments",
    [
        (params(image_id=AMI_2, desired_count=5), ["desired_count: 5 is above the max size 4"]),
        (params(image_id=AMI_2, desired_count=2, min_healthy_targets=3), ["min_healthy_targets 3"]),
    ],
)
def test_bad_counts_found_by_the_planner(options, fragments):
    found = blue_live()
    with pytest.raises(InputError) as error:
        plan.plan_deployed(options, found, live_of(found))
    for fragment in fragments:
        assert fragment in error.value.msg


def test_a_count_below_the_min_size_is_refused():
    found = blue_live(green=group("green", 1, 2, [AMI_1, AMI_1], min_size=2))
    with pytest.raises(InputError, match="desired_count: 1 is below the min size 2"):
        plan.plan_deployed(params(image_id=AMI_1, desired_count=1, color="green"), found, live_of(found))


# --------------------------------------------------------------------------- scale down


def test_scaled_down_keeps_the_version_and_lowers_the_min_size():
    found = current(
        blue=group("blue", 1, 2, [AMI_1, AMI_1], min_size=1), green=group("green", 1, 2, [AMI_1] * 2), split=(0, 100)
    )
    result = plan.plan_scaled_down(params(state="scaled_down"), found, live_of(found))
    assert kinds(result) == [SetCapacity]
    assert (result.ops[0].desired, result.ops[0].min_size) == (0, 0)
    assert (result.launch_template_version, result.wait) == (1, plan.Wait("blue"))
    assert predict(found.views, result.ops)["blue"]["desired_capacity"] == 0
    again = current(blue=group("blue", 1, 0), green=group("green", 1, 2, [AMI_1] * 2), split=(0, 100))
    assert plan.plan_scaled_down(params(state="scaled_down"), again, live_of(again)).ops == []


def test_scaled_down_refuses_a_color_with_traffic():
    found = blue_live(green=group("green", 1, 2, [AMI_1] * 2))
    with pytest.raises(Refusal, match="refusing to scale down blue, which receives 100%"):
        plan.plan_scaled_down(params(state="scaled_down", color="blue"), found, live_of(found))


# --------------------------------------------------------------------------- drift and progress


def test_drift_names_each_setting_that_differs():
    from ansible_collections.bluegreen.aws.plugins.module_utils._envs.drift import drift

    found = current(
        blue=group("blue", 1),
        green=group("green", 2, HealthCheckGracePeriod=300, VPCZoneIdentifier="subnet-b,subnet-c", MaxSize=6),
        versions=[version(1, AMI_1, InstanceType="t3.micro"), version(2, AMI_2, InstanceType="t3.micro")],
    )
    assert [item["setting"] for item in drift(found.views, asg_colors.DRIFT_SETTINGS)] == [
        "subnets",
        "health_check_grace_period",
        "max_size",
    ]
    same = current(blue=group("blue", 1), green=group("green", 1, VPCZoneIdentifier="subnet-b,subnet-a"))
    assert drift(same.views, asg_colors.DRIFT_SETTINGS) == [], "subnet order does not matter"


def test_deploy_progress():
    answer, images = group("green", 2, 2, [AMI_2, AMI_2])
    healthy = {"i-green0": "healthy", "i-green1": "healthy"}
    assert asg_colors.deploy_progress(answer, images, healthy, AMI_2, 2, 2).done
    assert not asg_colors.deploy_progress(answer, images, {"i-green0": "healthy"}, AMI_2, 2, 2).done
    assert asg_colors.deploy_progress(answer, images, {"i-green0": "healthy"}, AMI_2, 2, 1).done
    assert not asg_colors.deploy_progress(answer, dict(images, **{"i-green1": AMI_1}), healthy, AMI_2, 2, 0).done
    assert asg_colors.deploy_progress(None, {}, None, AMI_2, 2, 2).failure
    assert asg_colors.empty_progress({"Instances": []}).done
    assert not asg_colors.empty_progress(answer).done


class MarkingApi:
    def __init__(self):
        self.calls = []

    def tag_group(self, name, tags):
        self.calls.append(("tag_group", name, tags))

    def tag_target_group(self, arn, tags):
        self.calls.append(("tag_target_group", arn, tags))


def test_a_release_is_marked_on_the_group_and_on_its_target_group():
    found = blue_live()
    record = plan.plan_deployed(params(image_id=AMI_2, version="1.4.2"), found, live_of(found)).ops[0]
    assert record.target_group and record.target_group == found.views["green"]["target_group_arn"]
    api = MarkingApi()
    RecordRelease("green", "shop-green", "1.4.2", "arn:tg/green", clock=lambda: 1764410590).apply(api)
    marks = {"bluegreen:version": "1.4.2", "bluegreen:deployed-at": "2025-11-29T10:03:10Z"}
    assert api.calls == [("tag_group", "shop-green", marks), ("tag_target_group", "arn:tg/green", marks)]
