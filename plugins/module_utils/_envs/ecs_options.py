# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The options of ecs_bluegreen and ecs_bluegreen_info: their specs and every check that needs no AWS call."""

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

STRATEGIES = ("service_pair", "task_set", "codedeploy", "ecs_native")
# Strategies where CodeDeploy or ECS itself moves the traffic: one service, ecs_managed_options checks them.
MANAGED_STRATEGIES = ("codedeploy", "ecs_native")
STATES = ("deployed", "promoted", "scaled_down", "configured", "rolled_back")
WAIT_TIMEOUT = 600

TARGET_GROUP_NAME_PATTERN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$")
TASK_DEFINITION_PATTERN = re.compile(r"^(arn:[^:]+:ecs:[^:]*:[0-9]*:task-definition/)?[A-Za-z0-9_-]{1,255}(:[0-9]+)?$")
TARGET_GROUP_NAME_MAX = 32

# Options that only make sense for one strategy or one state.
SERVICE_PAIR_OPTIONS = ("blue_service", "green_service")
TASK_SET_OPTIONS = ("service", "network_configuration", "launch_type", "container_name", "container_port")
# Options of state=deployed; the settings of new task sets (TASK_SET_OPTIONS but
# service) are ignored with the other states, so that module_defaults can hold them.
DEPLOYED_OPTIONS = ("task_definition", "images", "desired_count", "version")

# Options of the strategies where CodeDeploy or ECS moves the traffic (ecs_managed_options checks them).
CODEDEPLOY_OPTIONS = (
    "codedeploy_application",
    "codedeploy_deployment_group",
    "codedeploy_service_role_arn",
    "deployment_config",
    "traffic_routing",
    "test_listener_arn",
    "termination_wait",
    "hooks",
)
ECS_NATIVE_OPTIONS = (
    "native_strategy",
    "native_step_percent",
    "native_step_bake_time",
    "bake_time",
    "lifecycle_hooks",
    "alternate_target_group",
    "production_listener_rule",
    "test_listener_rule",
    "load_balancer_role_arn",
)
MANAGED_ONLY_OPTIONS = CODEDEPLOY_OPTIONS + ECS_NATIVE_OPTIONS + ("alarms",)

# The options that find an app and its live color (both modules).
APP_ARGUMENT_SPEC = dict(
    cluster=dict(type="str", required=True),
    app=dict(type="str", required=True),
    strategy=dict(type="str", choices=list(STRATEGIES), default="service_pair"),
    blue_service=dict(type="str"),
    green_service=dict(type="str"),
    service=dict(type="str"),
    blue_target_group=dict(type="str"),
    green_target_group=dict(type="str"),
    listener_arn=dict(type="str"),
    live_color=dict(type="str", choices=list(COLORS)),
    codedeploy_application=dict(type="str"),
    codedeploy_deployment_group=dict(type="str"),
)
APP_MUTUALLY_EXCLUSIVE = [("listener_arn", "live_color")]


def release_argument_spec():
    """The options of ecs_bluegreen."""
    return dict(
        APP_ARGUMENT_SPEC,
        state=dict(type="str", choices=list(STATES), default="deployed"),
        task_definition=dict(type="str"),
        images=dict(type="dict"),
        desired_count=dict(type="int"),
        version=dict(type="str"),
        color=dict(type="str", choices=list(COLORS)),
        network_configuration=dict(
            type="dict",
            options=dict(
                subnets=dict(type="list", elements="str", required=True),
                security_groups=dict(type="list", elements="str"),
                assign_public_ip=dict(type="bool"),
            ),
        ),
        launch_type=dict(type="str", choices=["FARGATE", "EC2"]),
        container_name=dict(type="str"),
        container_port=dict(type="int"),
        codedeploy_service_role_arn=dict(type="str"),
        deployment_config=dict(type="str"),
        traffic_routing=dict(
            type="dict",
            options=dict(
                type=dict(type="str", choices=["canary", "linear"], required=True),
                percentage=dict(type="int", required=True),
                interval=dict(type="int", required=True),
            ),
        ),
        test_listener_arn=dict(type="str"),
        termination_wait=dict(type="int"),
        hooks=dict(type="dict"),
        alarms=dict(type="list", elements="str"),
        native_strategy=dict(type="str", choices=["BLUE_GREEN", "LINEAR", "CANARY"]),
        native_step_percent=dict(type="float"),
        native_step_bake_time=dict(type="int"),
        bake_time=dict(type="int"),
        lifecycle_hooks=dict(
            type="list",
            elements="dict",
            options=dict(
                hook_target_arn=dict(type="str", required=True),
                role_arn=dict(type="str", required=True),
                lifecycle_stages=dict(type="list", elements="str", required=True),
            ),
        ),
        alternate_target_group=dict(type="str"),
        production_listener_rule=dict(type="str"),
        test_listener_rule=dict(type="str"),
        load_balancer_role_arn=dict(type="str"),
        **wait_argument_spec(timeout=WAIT_TIMEOUT),
        **WAIT_SLICE_ARGUMENT_SPEC,
    )


_check_name = check_name


def check_target_group(option, value):
    if value.startswith("arn:"):
        if ":targetgroup/" not in value:
            raise InputError("%s must be a target group name or ARN, got %r" % (option, value))
        return
    if not TARGET_GROUP_NAME_PATTERN.match(value) or len(value) > TARGET_GROUP_NAME_MAX:
        raise InputError(
            "%s must be a target group ARN or a name of 1 to %d letters, digits and hyphens "
            "(not starting or ending with a hyphen), got %r" % (option, TARGET_GROUP_NAME_MAX, value)
        )


def validate_app_options(params):
    """Check the options that find the app (both modules).

    Returns the names to look up: ``services`` (``{color: name}`` for
    service_pair, ``{"service": name}`` for task_set) and ``target_groups``
    (``{color: name or ARN or None}``).
    """
    strategy = params["strategy"]
    if not params["cluster"]:
        raise InputError("cluster must not be empty")
    _check_name("app", params["app"])
    if strategy in MANAGED_STRATEGIES:
        wrong = SERVICE_PAIR_OPTIONS + ("network_configuration", "launch_type", "live_color")
        wrong += CODEDEPLOY_OPTIONS if strategy == "ecs_native" else ECS_NATIVE_OPTIONS
    else:
        wrong = (SERVICE_PAIR_OPTIONS if strategy == "task_set" else TASK_SET_OPTIONS) + MANAGED_ONLY_OPTIONS
    for option in wrong:
        if given(params, option):
            raise InputError("%s is not used with strategy=%s, got %r" % (option, strategy, params[option]))
    services = _service_names(params)
    target_groups = _target_group_names(params)
    check_listener_arn(params.get("listener_arn"))
    return {"services": services, "target_groups": target_groups}


def _service_names(params):
    app = params["app"]
    if params["strategy"] != "service_pair":
        services = {"service": params.get("service") or app}
        _check_name("service", services["service"], arn_kind="service")
        return services
    services = {}
    for color in COLORS:
        option = "%s_service" % color
        services[color] = params.get(option) or "%s-%s" % (app, color)
        _check_name(
            option if params.get(option) else "app (for the default %s %s)" % (option, services[color]),
            services[color],
            arn_kind="service",
        )
    if services["blue"] == services["green"]:
        raise InputError("blue_service and green_service must differ, both are %s" % services["blue"])
    return services


def _target_group_names(params):
    app = params["app"]
    target_groups = {}
    for color in COLORS:
        option = "%s_target_group" % color
        value = params.get(option)
        if value:
            check_target_group(option, value)
        elif params["strategy"] != "service_pair":
            value = "%s-%s" % (app, color)
            if len(value) > TARGET_GROUP_NAME_MAX:
                raise InputError(
                    "app %r makes the default %s %r longer than %d characters; set blue_target_group and "
                    "green_target_group" % (app, option, value, TARGET_GROUP_NAME_MAX)
                )
            check_target_group("app (for the default %s %s)" % (option, value), value)
        target_groups[color] = value
    if target_groups["blue"] and target_groups["blue"] == target_groups["green"]:
        raise InputError("blue_target_group and green_target_group must differ, both are %s" % target_groups["blue"])
    return target_groups


def validate_params(params):
    """Check every option of ecs_bluegreen that needs no AWS call; return the names (see validate_app_options)."""
    names = validate_app_options(params)
    state = params["state"]
    if state in ("configured", "rolled_back"):
        raise InputError(
            "state=%s works with strategy=codedeploy or strategy=ecs_native, got strategy=%s"
            % (state, params["strategy"])
        )
    if state != "deployed":
        for option in DEPLOYED_OPTIONS:
            if given(params, option):
                raise InputError("%s is only used with state=deployed, got %r" % (option, params[option]))
    validate_wait_options(params)
    validate_wait_slice_options(params)
    if params.get("desired_count") is not None and params["desired_count"] < 1:
        raise InputError(
            "desired_count must be 1 or more with state=deployed (use state=scaled_down to stop a color), got %d"
            % params["desired_count"]
        )
    validate_task_definition(params.get("task_definition"))
    validate_images(params.get("images"))
    check_version(params.get("version"))
    port = params.get("container_port")
    if port is not None and not 1 <= port <= 65535:
        raise InputError("container_port must be from 1 to 65535, got %d" % port)
    network = params.get("network_configuration")
    if network is not None and not network.get("subnets"):
        raise InputError("network_configuration.subnets must list at least one subnet, got %r" % (network,))
    if state == "deployed" and not given(params, "task_definition") and not given(params, "images"):
        if not params.get("color"):
            raise InputError(
                "state=deployed needs task_definition or images, and neither is set; to bring a scaled-down color "
                "back at the task definition it keeps, set color instead"
            )
    return names


def validate_task_definition(task_definition):
    if task_definition is not None and not TASK_DEFINITION_PATTERN.match(task_definition):
        raise InputError("task_definition must be an ARN or family:revision, got %r" % task_definition)


def validate_images(images):
    for name, image in (images or {}).items():
        if not isinstance(image, str) or not image.strip():
            raise InputError("images: the image of container %r must be a non-empty string, got %r" % (name, image))
