# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The options of asg_bluegreen and asg_bluegreen_info: their specs and every check that needs no AWS call."""

import re

from .._core.colors import COLORS
from .._core.errors import InputError
from .._core.options import (
    WAIT_SLICE_ARGUMENT_SPEC,
    validate_wait_options,
    validate_wait_slice_options,
    wait_argument_spec,
)
from .app_options import check_listener_arn, check_name, check_version, given

STATES = ("deployed", "scaled_down")
WAIT_TIMEOUT = 900
LAUNCH_TEMPLATE_NAME_MAX = 128
LAUNCH_TEMPLATE_NAME_PATTERN = re.compile(r"^[A-Za-z0-9().\-/_]{3,128}$")
LAUNCH_TEMPLATE_ID_PATTERN = re.compile(r"^lt-[0-9a-f]{8,17}$")
GROUP_NAME_MAX = 255
GROUP_NAME_PATTERN = re.compile(r"^[^\s:][^:\x00-\x1f]*$")
IMAGE_ID_PATTERN = re.compile(r"^ami-[0-9a-f]{8,17}$")
# Options of state=deployed only.
DEPLOYED_OPTIONS = ("image_id", "launch_template_version", "desired_count", "version", "min_healthy_targets")

# The options that find an app and its live color (both modules).
APP_ARGUMENT_SPEC = dict(
    app=dict(type="str", required=True),
    blue_group=dict(type="str"),
    green_group=dict(type="str"),
    launch_template=dict(type="str"),
    listener_arn=dict(type="str"),
    live_color=dict(type="str", choices=list(COLORS)),
)
APP_MUTUALLY_EXCLUSIVE = [("listener_arn", "live_color")]
RELEASE_MUTUALLY_EXCLUSIVE = APP_MUTUALLY_EXCLUSIVE + [("image_id", "launch_template_version")]


def release_argument_spec():
    """The options of asg_bluegreen."""
    return dict(
        APP_ARGUMENT_SPEC,
        state=dict(type="str", choices=list(STATES), default="deployed"),
        image_id=dict(type="str"),
        launch_template_version=dict(type="int"),
        version=dict(type="str"),
        desired_count=dict(type="int"),
        color=dict(type="str", choices=list(COLORS)),
        min_healthy_targets=dict(type="int"),
        **wait_argument_spec(timeout=WAIT_TIMEOUT),
        **WAIT_SLICE_ARGUMENT_SPEC,
    )


def validate_app_options(params):
    """Check the options that find the app (both modules); return ``{"groups": {color: name},
    "launch_template": name or id}``."""
    app = params["app"]
    check_name("app", app, maximum=LAUNCH_TEMPLATE_NAME_MAX)
    groups = {}
    for color in COLORS:
        option = "%s_group" % color
        name = params.get(option)
        if name is None:
            groups[color] = "%s-%s" % (app, color)
            continue
        if not name or len(name) > GROUP_NAME_MAX or not GROUP_NAME_PATTERN.match(name):
            raise InputError(
                "%s must be an Auto Scaling group name of 1 to %d characters, without colons or control "
                "characters, got %r" % (option, GROUP_NAME_MAX, name)
            )
        groups[color] = name
    if groups["blue"] == groups["green"]:
        raise InputError("blue_group and green_group must differ, both are %s" % groups["blue"])
    template = params.get("launch_template")
    if template is None:
        template = app
        if len(template) < 3:
            raise InputError(
                "app %r is too short to be the default launch_template (3 to 128 characters); set launch_template" % app
            )
    elif not (LAUNCH_TEMPLATE_ID_PATTERN.match(template) or LAUNCH_TEMPLATE_NAME_PATTERN.match(template)):
        raise InputError(
            "launch_template must be a launch template id (lt-...) or a name of 3 to 128 letters, digits and "
            "( ) . - / _, got %r" % template
        )
    check_listener_arn(params.get("listener_arn"))
    return {"groups": groups, "launch_template": template}


def validate_params(params):
    """Check every option of asg_bluegreen that needs no AWS call; return the names (see validate_app_options)."""
    names = validate_app_options(params)
    if params["state"] != "deployed":
        for option in DEPLOYED_OPTIONS:
            if given(params, option):
                raise InputError("%s is only used with state=deployed, got %r" % (option, params[option]))
    validate_wait_options(params)
    validate_wait_slice_options(params)
    image_id = params.get("image_id")
    if image_id is not None and not IMAGE_ID_PATTERN.match(image_id):
        raise InputError("image_id must be an AMI id such as ami-0123456789abcdef0, got %r" % image_id)
    number = params.get("launch_template_version")
    if number is not None and number < 1:
        raise InputError("launch_template_version must be a version number, 1 or more, got %d" % number)
    desired = params.get("desired_count")
    if desired is not None and desired < 1:
        raise InputError(
            "desired_count must be 1 or more with state=deployed (use state=scaled_down to stop a color), got %d"
            % desired
        )
    healthy = params.get("min_healthy_targets")
    if healthy is not None:
        if healthy < 0:
            raise InputError("min_healthy_targets must be 0 or more, got %d" % healthy)
        if desired is not None and healthy > desired:
            raise InputError(
                "min_healthy_targets %d is above desired_count %d: the deploy could never be done" % (healthy, desired)
            )
    check_version(params.get("version"))
    if params["state"] == "deployed" and image_id is None and number is None and not params.get("color"):
        raise InputError(
            "state=deployed needs image_id or launch_template_version, and neither is set; to bring a scaled-down "
            "color back at the launch template version it keeps, set color instead"
        )
    return names
