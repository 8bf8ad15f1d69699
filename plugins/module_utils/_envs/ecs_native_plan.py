# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""Pure work of the ecs_native strategy (ECS blue/green deployments): the deployment configuration and
load balancer settings a service needs and how its own differ, which deployment a run starts, waits for
or refuses, how far a service deployment got. Nothing here talks to AWS."""

import copy

from .._core.colors import COLORS
from .._core.errors import InputError, Refusal
from .._core.poller import Progress

ACTIVE = ("PENDING", "IN_PROGRESS", "STOP_REQUESTED", "ROLLBACK_REQUESTED", "ROLLBACK_IN_PROGRESS")
IN_FLIGHT = ("PENDING", "IN_PROGRESS")
ROLLED_BACK = ("STOPPED", "ROLLBACK_SUCCESSFUL")
ROLLBACK_TAG = "bluegreen:rolled-back-to"


def wanted_configuration(params, existing):
    """The service's deploymentConfiguration with the blue/green settings of the options (the rest kept)."""
    config = copy.deepcopy(existing or {})
    strategy = params.get("native_strategy") or "BLUE_GREEN"
    config["strategy"] = strategy
    for key in ("linearConfiguration", "canaryConfiguration"):
        config.pop(key, None)
    if strategy == "LINEAR":
        config["linearConfiguration"] = {"stepPercent": float(params["native_step_percent"])}
        if params.get("native_step_bake_time") is not None:
            config["linearConfiguration"]["stepBakeTimeInMinutes"] = params["native_step_bake_time"]
    elif strategy == "CANARY":
        config["canaryConfiguration"] = {"canaryPercent": float(params["native_step_percent"])}
        if params.get("native_step_bake_time") is not None:
            config["canaryConfiguration"]["canaryBakeTimeInMinutes"] = params["native_step_bake_time"]
    if params.get("bake_time") is not None:
        config["bakeTimeInMinutes"] = params["bake_time"]
    if params.get("lifecycle_hooks") is not None:
        config["lifecycleHooks"] = [
            {
                "hookTargetArn": hook["hook_target_arn"],
                "roleArn": hook["role_arn"],
                "lifecycleStages": list(hook["lifecycle_stages"]),
            }
            for hook in params["lifecycle_hooks"]
        ]
    if params.get("alarms") is not None:
        config["alarms"] = {"alarmNames": list(params["alarms"]), "enable": bool(params["alarms"]), "rollback": True}
    return config


def idle_target_group(service, target_group_arns):
    """The target group of the two colors that the service does not name as its own (its alternate)."""
    balancers = service.get("loadBalancers") or []
    own = balancers[0].get("targetGroupArn") if balancers else None
    others = [target_group_arns[color] for color in COLORS if target_group_arns[color] != own]
    return others[0] if len(others) == 1 else target_group_arns["green"]


def wanted_load_balancers(params, service, target_group_arns, alternate_arn=None):
    """The service's loadBalancers with the advanced (blue/green) configuration of the options.

    Listener rules and role default to the service's own advanced configuration.
    """
    balancers = copy.deepcopy(service.get("loadBalancers") or [])
    if not balancers:
        raise InputError(
            "service: service %s has no load balancer; ECS blue/green moves traffic between two target groups "
            "behind a listener rule" % service.get("serviceName")
        )
    first = balancers[0]
    own = first.get("advancedConfiguration") or {}
    if params.get("container_name"):
        first["containerName"] = params["container_name"]
    if params.get("container_port"):
        first["containerPort"] = params["container_port"]
    advanced = {
        "alternateTargetGroupArn": alternate_arn
        or own.get("alternateTargetGroupArn")
        or idle_target_group(service, target_group_arns),
        "productionListenerRule": params.get("production_listener_rule") or own.get("productionListenerRule"),
        "roleArn": params.get("load_balancer_role_arn") or own.get("roleArn"),
    }
    test_rule = params.get("test_listener_rule") or own.get("testListenerRule")
    if test_rule:
        advanced["testListenerRule"] = test_rule
    for option, key in (("production_listener_rule", "productionListenerRule"), ("load_balancer_role_arn", "roleArn")):
        if not advanced[key]:
            raise InputError(
                "%s: service %s has no blue/green load balancer settings yet; set %s"
                % (option, service.get("serviceName"), option)
            )
    if advanced["alternateTargetGroupArn"] == first.get("targetGroupArn"):
        raise InputError(
            "alternate_target_group: %s is the service's own target group; the alternate must be the other color's"
            % advanced["alternateTargetGroupArn"]
        )
    first["advancedConfiguration"] = advanced
    return balancers


def changes(service, configuration, load_balancers):
    """What would change (as words) in the service's deployment configuration and load balancers."""
    found = []
    existing = service.get("deploymentConfiguration") or {}
    labels = (
        ("strategy", "strategy"),
        ("bakeTimeInMinutes", "bake time"),
        ("lifecycleHooks", "lifecycle hooks"),
        ("linearConfiguration", "linear steps"),
        ("canaryConfiguration", "canary"),
        ("alarms", "alarms"),
    )
    for key, label in labels:
        if _normal(existing.get(key)) != _normal(configuration.get(key)):
            found.append(label)
    if _normal(service.get("loadBalancers")) != _normal(load_balancers):
        found.append("load balancer (alternate target group, listener rules, role)")
    return found


def _normal(value):
    """Numbers as floats, empty as None, so that an answer of AWS compares equal to the same request."""
    if isinstance(value, dict):
        value = dict((key, _normal(item)) for key, item in value.items() if _normal(item) is not None)
        return value or None
    if isinstance(value, list):
        value = [_normal(item) for item in value]
        return value or None
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return float(value)
    return value


def deployment_decision(service, active, wanted):
    """``("none" | "wait" | "update", deployment or None)``: what a deploy of ``wanted`` does.

    ``active``: the service deployments that have not ended, newest first. One under way for another task
    definition is refused.
    """
    running = service.get("taskDefinition")
    if active:
        if running == wanted and active[0].get("status") in IN_FLIGHT:
            return "wait", active[0]
        raise Refusal(
            "service deployment %s of service %s is %s (stage %s); wait until it ends, or stop it with "
            "state=rolled_back; nothing changed"
            % (
                active[0]["serviceDeploymentArn"],
                service.get("serviceName"),
                active[0].get("status"),
                active[0].get("lifecycleStage"),
            )
        )
    if running == wanted:
        return "none", None
    return "update", None


def deployment_progress(deployment, rollback=False):
    """Progress of a service deployment: towards SUCCESSFUL, or (``rollback``) towards ROLLBACK_SUCCESSFUL."""
    if deployment is None:
        return Progress(False, "no service deployment yet")
    status, stage = deployment.get("status"), deployment.get("lifecycleStage")
    summary = "service deployment %s %s, stage %s" % (
        deployment["serviceDeploymentArn"].rsplit("/", 1)[-1],
        status,
        stage,
    )
    success = ("ROLLBACK_SUCCESSFUL", "STOPPED") if rollback else ("SUCCESSFUL",)
    if status in success:
        return Progress(True, summary)
    ended = ("SUCCESSFUL", "STOPPED", "ROLLBACK_SUCCESSFUL", "ROLLBACK_FAILED")
    if status in ended:
        reason = deployment.get("statusReason") or "no reason given"
        return Progress(False, summary, failure="%s at stage %s: %s" % (status, stage, reason))
    return Progress(False, summary)


def already_rolled_back(service, deployments):
    """Whether the newest release was rolled back already: by ECS, or by an earlier rollback run (its tag)."""
    if deployments and deployments[0].get("status") in ROLLED_BACK:
        return True
    tags = dict((tag.get("key"), tag.get("value")) for tag in service.get("tags") or [])
    return bool(tags.get(ROLLBACK_TAG)) and tags.get(ROLLBACK_TAG) == service.get("taskDefinition")
