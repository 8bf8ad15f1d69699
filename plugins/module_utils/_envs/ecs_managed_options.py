# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The checks of ecs_bluegreen's options with strategy=codedeploy and strategy=ecs_native (no AWS call)."""

import re

from .._core.errors import InputError
from .._core.options import validate_wait_options
from .app_options import check_listener_arn, check_version, given
from .ecs_options import check_target_group, validate_app_options, validate_images, validate_task_definition

DEFAULT_DEPLOYMENT_CONFIG = "CodeDeployDefault.ECSAllAtOnce"
PREDEFINED_PREFIX = "CodeDeployDefault."
# The predefined CodeDeploy configurations of the ECS compute platform.
ECS_PREDEFINED_CONFIGS = (
    "CodeDeployDefault.ECSAllAtOnce",
    "CodeDeployDefault.ECSLinear10PercentEvery1Minutes",
    "CodeDeployDefault.ECSLinear10PercentEvery3Minutes",
    "CodeDeployDefault.ECSCanary10Percent5Minutes",
    "CodeDeployDefault.ECSCanary10Percent15Minutes",
)
DEFAULT_TERMINATION_WAIT = 5
MAX_MINUTES = 2880  # CodeDeploy: intervals and the termination wait, two days at most
MAX_BAKE_MINUTES = 1440  # ECS: bake times, one day at most
MAX_ALARMS = 10  # CodeDeploy: alarms of a deployment group
CODEDEPLOY_HOOKS = ("BeforeInstall", "AfterInstall", "AfterAllowTestTraffic", "BeforeAllowTraffic", "AfterAllowTraffic")
ECS_NATIVE_HOOK_STAGES = (
    "RECONCILE_SERVICE",
    "PRE_SCALE_UP",
    "POST_SCALE_UP",
    "TEST_TRAFFIC_SHIFT",
    "POST_TEST_TRAFFIC_SHIFT",
    "PRE_PRODUCTION_TRAFFIC_SHIFT",
    "PRODUCTION_TRAFFIC_SHIFT",
    "POST_PRODUCTION_TRAFFIC_SHIFT",
)
CODEDEPLOY_NAME = re.compile(r"^[A-Za-z0-9._+@=,-]{1,100}$")
LAMBDA_ARN = re.compile(r"^arn:[^:]+:lambda:[^:]+:[0-9]{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$")
ROLE_ARN = re.compile(r"^arn:[^:]+:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$")
RULE_ARN = re.compile(r"^arn:[^:]+:elasticloadbalancing:[^:]*:[0-9]*:listener-rule/")
# Options that only a deploy takes.
DEPLOY_ONLY = ("task_definition", "images", "version")


def validate_managed_params(params, native_strategies=("BLUE_GREEN",)):
    """Check the options of ecs_bluegreen with a managed strategy; return the names to look up.

    ``native_strategies``: the deployment strategies the installed botocore knows (ECS native).
    """
    names = validate_app_options(params)
    strategy, state = params["strategy"], params["state"]
    if state in ("promoted", "scaled_down"):
        mover = "CodeDeploy" if strategy == "codedeploy" else "ECS"
        raise InputError(
            "state=%s is not used with strategy=%s: %s moves the traffic and retires the old tasks itself; use "
            "state=deployed or state=rolled_back" % (state, strategy, mover)
        )
    for option in ("color", "desired_count"):
        if given(params, option):
            raise InputError(
                "%s is not used with strategy=%s: the deployment replaces the service's tasks at its desired count, "
                "got %r" % (option, strategy, params[option])
            )
    if state != "deployed":
        for option in DEPLOY_ONLY:
            if given(params, option):
                raise InputError("%s is only used with state=deployed, got %r" % (option, params[option]))
    elif not given(params, "task_definition") and not given(params, "images"):
        raise InputError("state=deployed needs task_definition or images, and neither is set")
    validate_wait_options(params)
    wait_slice, wait_started = params.get("wait_slice"), params.get("wait_started")
    if wait_slice or wait_started is not None:
        raise InputError(
            "wait_slice and wait_started are not used with strategy=%s: run the module with async to follow the "
            "deployment, got wait_slice=%r, wait_started=%r" % (strategy, wait_slice, wait_started)
        )
    validate_task_definition(params.get("task_definition"))
    validate_images(params.get("images"))
    check_version(params.get("version"))
    _check_port(params.get("container_port"))
    _check_alarms(params.get("alarms"))
    if strategy == "codedeploy":
        names["codedeploy"] = _check_codedeploy(params)
    else:
        _check_native(params, native_strategies)
    return names


def _check_port(port):
    if port is not None and not 1 <= port <= 65535:
        raise InputError("container_port must be from 1 to 65535, got %d" % port)


def _check_alarms(alarms):
    for alarm in alarms or []:
        if not isinstance(alarm, str) or not alarm.strip() or len(alarm) > 255:
            raise InputError("alarms: %r is not a CloudWatch alarm name (1 to 255 characters)" % (alarm,))
    if alarms and len(alarms) > MAX_ALARMS:
        raise InputError("alarms: a deployment group takes at most %d alarms, got %d" % (MAX_ALARMS, len(alarms)))


def _minutes(params, option, maximum):
    value = params.get(option)
    if value is not None and not 0 <= value <= maximum:
        raise InputError("%s must be from 0 to %d minutes, got %d" % (option, maximum, value))


def codedeploy_names(params):
    """The CodeDeploy names of the app, checked: ``{application, group, config}``."""
    app = params["app"]
    found = {
        "application": params.get("codedeploy_application") or app,
        "group": params.get("codedeploy_deployment_group") or app,
        "config": params.get("deployment_config") or DEFAULT_DEPLOYMENT_CONFIG,
    }
    for option, key in (
        ("codedeploy_application", "application"),
        ("codedeploy_deployment_group", "group"),
        ("deployment_config", "config"),
    ):
        if not CODEDEPLOY_NAME.match(found[key]):
            raise InputError("%s must be 1 to 100 letters, digits and . _ + @ = , -, got %r" % (option, found[key]))
    return found


def _check_codedeploy(params):
    """The options of strategy=codedeploy; returns the CodeDeploy names (see codedeploy_names)."""
    found = codedeploy_names(params)
    config = found["config"]
    routing = params.get("traffic_routing")
    if config.startswith(PREDEFINED_PREFIX):
        if config not in ECS_PREDEFINED_CONFIGS:
            raise InputError(
                "deployment_config: %s is not a predefined configuration of the ECS compute platform (they are %s); "
                "name a configuration of your own and set traffic_routing to create it"
                % (config, ", ".join(ECS_PREDEFINED_CONFIGS))
            )
        if routing:
            raise InputError(
                "traffic_routing creates the configuration deployment_config names; %s is predefined, so name a "
                "configuration of your own" % config
            )
    if routing:
        if not 1 <= routing["percentage"] <= 99:
            raise InputError("traffic_routing.percentage must be from 1 to 99, got %d" % routing["percentage"])
        if not 1 <= routing["interval"] <= MAX_MINUTES:
            raise InputError(
                "traffic_routing.interval must be from 1 to %d minutes, got %d" % (MAX_MINUTES, routing["interval"])
            )
    _minutes(params, "termination_wait", MAX_MINUTES)
    role = params.get("codedeploy_service_role_arn")
    if role is not None and not ROLE_ARN.match(role):
        raise InputError("codedeploy_service_role_arn must be the ARN of an IAM role, got %r" % role)
    test_listener = params.get("test_listener_arn")
    if test_listener is not None:
        try:
            check_listener_arn(test_listener)
        except InputError:
            raise InputError("test_listener_arn must be the ARN of an ALB listener, got %r" % test_listener) from None
        if test_listener == params.get("listener_arn"):
            raise InputError("test_listener_arn must differ from listener_arn, both are %s" % test_listener)
    for event, target in (params.get("hooks") or {}).items():
        if event not in CODEDEPLOY_HOOKS:
            raise InputError(
                "hooks: %r is not a lifecycle event of an ECS deployment (they are %s)"
                % (event, ", ".join(CODEDEPLOY_HOOKS))
            )
        if not isinstance(target, str) or not LAMBDA_ARN.match(target):
            raise InputError("hooks: the %s hook must be the ARN of a Lambda function, got %r" % (event, target))
    return found


def _check_native(params, native_strategies):
    strategy = params.get("native_strategy") or "BLUE_GREEN"
    if strategy not in native_strategies:
        raise InputError(
            "native_strategy: the installed botocore does not know the ECS deployment strategy %s (it knows %s); "
            "upgrade botocore" % (strategy, ", ".join(native_strategies))
        )
    for option in ("native_step_percent", "native_step_bake_time"):
        if strategy == "BLUE_GREEN" and given(params, option):
            raise InputError("%s is used with native_strategy LINEAR or CANARY, got BLUE_GREEN" % option)
    percent = params.get("native_step_percent")
    if strategy != "BLUE_GREEN" and percent is None:
        raise InputError("native_strategy %s needs native_step_percent (the share of traffic a step moves)" % strategy)
    if percent is not None and not 0 < percent < 100:
        raise InputError("native_step_percent must be above 0 and below 100, got %s" % percent)
    _minutes(params, "native_step_bake_time", MAX_BAKE_MINUTES)
    _minutes(params, "bake_time", MAX_BAKE_MINUTES)
    for option in ("load_balancer_role_arn",):
        value = params.get(option)
        if value is not None and not ROLE_ARN.match(value):
            raise InputError("%s must be the ARN of an IAM role, got %r" % (option, value))
    for option in ("production_listener_rule", "test_listener_rule"):
        value = params.get(option)
        if value is not None and not RULE_ARN.match(value):
            raise InputError("%s must be the ARN of an ALB listener rule, got %r" % (option, value))
    if params.get("alternate_target_group"):
        check_target_group("alternate_target_group", params["alternate_target_group"])
    for index, hook in enumerate(params.get("lifecycle_hooks") or []):
        where = "lifecycle_hooks[%d]" % index
        if not LAMBDA_ARN.match(hook["hook_target_arn"]):
            raise InputError(
                "%s.hook_target_arn must be the ARN of a Lambda function, got %r" % (where, hook["hook_target_arn"])
            )
        if not ROLE_ARN.match(hook["role_arn"]):
            raise InputError("%s.role_arn must be the ARN of an IAM role, got %r" % (where, hook["role_arn"]))
        stages = hook["lifecycle_stages"]
        unknown = [stage for stage in stages if stage not in ECS_NATIVE_HOOK_STAGES]
        if not stages or unknown:
            raise InputError(
                "%s.lifecycle_stages must list stages among %s, got %r"
                % (where, ", ".join(ECS_NATIVE_HOOK_STAGES), stages)
            )
