"""The options of asg_bluegreen and asg_bluegreen_info: every check that needs no AWS call."""

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import InputError
from ansible_collections.bluegreen.aws.plugins.module_utils._envs import asg_options as options

from .asg_fakes import AMI_1, params


def test_default_names():
    assert options.validate_params(params(image_id=AMI_1)) == {
        "groups": {"blue": "shop-blue", "green": "shop-green"},
        "launch_template": "shop",
    }
    named = options.validate_params(params(image_id=AMI_1, blue_group="a", launch_template="lt-0123456789abcdef0"))
    assert named == {"groups": {"blue": "a", "green": "shop-green"}, "launch_template": "lt-0123456789abcdef0"}


@pytest.mark.parametrize(
    "overrides, fragments",
    [
        ({"app": "sh op"}, ["app", "'sh op'"]),
        ({"app": "ab"}, ["app", "launch_template"]),
        ({"blue_group": "a:b"}, ["blue_group", "'a:b'"]),
        ({"blue_group": "x", "green_group": "x"}, ["blue_group and green_group", "x"]),
        ({"launch_template": "a b"}, ["launch_template", "'a b'"]),
        ({"listener_arn": "arn:x"}, ["listener_arn", "'arn:x'"]),
        ({"image_id": "ami-x"}, ["image_id", "'ami-x'"]),
        ({"image_id": None, "launch_template_version": 0}, ["launch_template_version", "0"]),
        ({"desired_count": 0}, ["desired_count", "0"]),
        ({"min_healthy_targets": -1}, ["min_healthy_targets", "-1"]),
        ({"min_healthy_targets": 3, "desired_count": 2}, ["min_healthy_targets 3", "desired_count 2"]),
        ({"version": " "}, ["version"]),
        ({"wait_timeout": -5}, ["wait_timeout", "-5"]),
        ({"wait_slice": -1}, ["wait_slice", "-1"]),
        ({"state": "scaled_down", "image_id": AMI_1}, ["image_id", "state=deployed"]),
        ({"image_id": None}, ["needs image_id or launch_template_version"]),
    ],
)
def test_rejects(overrides, fragments):
    with pytest.raises(InputError) as error:
        options.validate_params(params(**dict({"image_id": AMI_1}, **overrides)))
    for fragment in fragments:
        assert fragment in error.value.msg


def test_a_rollback_onto_a_color_needs_no_version():
    assert options.validate_params(params(color="blue"))["groups"]["blue"] == "shop-blue"
    assert options.validate_params(params(state="scaled_down"))


def test_the_specs_share_the_options_that_find_the_app():
    release = options.release_argument_spec()
    assert set(options.APP_ARGUMENT_SPEC) <= set(release)
    assert release["wait_timeout"]["default"] == 900
