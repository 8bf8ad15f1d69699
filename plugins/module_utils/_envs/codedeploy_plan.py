# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""Pure work of the codedeploy strategy: the deployment group an app needs and how an existing one
differs, the AppSpec of a deployment, which deployment a run creates, waits for or refuses, how far a
deployment got, and the task definition a rollback goes back to. Nothing here talks to AWS."""

import json
import re

from .._core.errors import InputError, Refusal
from .._core.poller import Progress
from .ecs_managed_options import CODEDEPLOY_HOOKS, DEFAULT_TERMINATION_WAIT

ACTIVE = ("Created", "Queued", "InProgress", "Baking", "Ready")
ROLLBACK_EVENTS = ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"]
TRAFFIC_TYPES = {"canary": "TimeBasedCanary", "linear": "TimeBasedLinear"}


def name_of(name_or_arn):
    """``arn:...:service/prod/shop`` -> ``shop``; a name stays a name."""
    return name_or_arn.rsplit("/", 1)[-1]


def wanted_group(params, names, target_group_names, service_name, role_arn, existing=None, tags=None):
    """The CreateDeploymentGroup input of the app (``role_arn``: the option, else the existing group's).

    What the options leave unset (test listener, alarms, termination wait) is kept from ``existing``.
    """
    existing = existing or {}
    kept = group_settings(existing) if existing else {}
    listeners = {"prodTrafficRoute": {"listenerArns": [params["listener_arn"]]}}
    test_listeners = [params["test_listener_arn"]] if params.get("test_listener_arn") else kept.get("test_listener")
    if test_listeners:
        listeners["testTrafficRoute"] = {"listenerArns": list(test_listeners)}
    alarms = params.get("alarms")
    if alarms is None:
        alarms = kept.get("alarms") or []
    wait = params.get("termination_wait")
    if wait is None:
        wait = kept.get("termination_wait")
    spec = {
        "applicationName": names["application"],
        "deploymentGroupName": names["group"],
        "deploymentConfigName": names["config"],
        "serviceRoleArn": role_arn,
        "deploymentStyle": {"deploymentType": "BLUE_GREEN", "deploymentOption": "WITH_TRAFFIC_CONTROL"},
        "blueGreenDeploymentConfiguration": {
            "terminateBlueInstancesOnDeploymentSuccess": {
                "action": "TERMINATE",
                "terminationWaitTimeInMinutes": DEFAULT_TERMINATION_WAIT if wait is None else wait,
            },
            "deploymentReadyOption": {"actionOnTimeout": "CONTINUE_DEPLOYMENT", "waitTimeInMinutes": 0},
        },
        "loadBalancerInfo": {
            "targetGroupPairInfoList": [
                dict(
                    targetGroups=[{"name": target_group_names["blue"]}, {"name": target_group_names["green"]}],
                    **listeners,
                )
            ]
        },
        "ecsServices": [{"serviceName": service_name, "clusterName": name_of(params["cluster"])}],
        "alarmConfiguration": {"enabled": bool(alarms), "alarms": [{"name": alarm} for alarm in alarms]},
        "autoRollbackConfiguration": {"enabled": True, "events": list(ROLLBACK_EVENTS)},
    }
    if tags:
        spec["tags"] = [{"Key": key, "Value": value} for key, value in tags.items()]
    return spec


def group_settings(group):
    """What the module manages in a deployment group, in a form where equal settings compare equal."""
    pairs = (group.get("loadBalancerInfo") or {}).get("targetGroupPairInfoList") or [{}]
    pair = pairs[0]
    alarms = group.get("alarmConfiguration") or {}
    rollback = group.get("autoRollbackConfiguration") or {}
    blue_green = group.get("blueGreenDeploymentConfiguration") or {}
    termination = blue_green.get("terminateBlueInstancesOnDeploymentSuccess") or {}
    style = group.get("deploymentStyle") or {}
    return {
        "deployment_config": group.get("deploymentConfigName"),
        "service_role": group.get("serviceRoleArn"),
        "deployment_style": "%s %s" % (style.get("deploymentType"), style.get("deploymentOption")),
        "target_groups": sorted(item.get("name") for item in pair.get("targetGroups") or []),
        "production_listener": sorted((pair.get("prodTrafficRoute") or {}).get("listenerArns") or []),
        "test_listener": sorted((pair.get("testTrafficRoute") or {}).get("listenerArns") or []),
        "ecs_service": sorted(
            "%s/%s" % (item.get("clusterName"), item.get("serviceName")) for item in group.get("ecsServices") or []
        ),
        "alarms": sorted(item["name"] for item in alarms.get("alarms") or []) if alarms.get("enabled") else [],
        "auto_rollback": sorted(rollback.get("events") or []) if rollback.get("enabled") else [],
        "termination_wait": termination.get("terminationWaitTimeInMinutes")
        if termination.get("action") == "TERMINATE"
        else None,
    }


def group_differences(existing, wanted):
    """The settings (as words) in which the existing deployment group differs from the wanted one."""
    have, want = group_settings(existing), group_settings(wanted)
    return [setting.replace("_", " ") for setting in want if have[setting] != want[setting]]


def traffic_routing_config(routing):
    """The TrafficRoutingConfig of the ``traffic_routing`` option."""
    kind = TRAFFIC_TYPES[routing["type"]]
    if kind == "TimeBasedCanary":
        detail = {"timeBasedCanary": {"canaryPercentage": routing["percentage"], "canaryInterval": routing["interval"]}}
    else:
        detail = {"timeBasedLinear": {"linearPercentage": routing["percentage"], "linearInterval": routing["interval"]}}
    return dict(type=kind, **detail)


def config_differs(existing, routing):
    """Whether an existing custom configuration routes traffic otherwise than ``traffic_routing`` asks."""
    return (existing.get("trafficRoutingConfig") or {}) != traffic_routing_config(routing)


def appspec(task_definition, container_name, container_port, hooks=None):
    """The AppSpec (JSON) of a deployment of ``task_definition``."""
    properties = {
        "TaskDefinition": task_definition,
        "LoadBalancerInfo": {"ContainerName": container_name, "ContainerPort": container_port},
    }
    content = {
        "version": 0.0,
        "Resources": [{"TargetService": {"Type": "AWS::ECS::Service", "Properties": properties}}],
    }
    if hooks:
        content["Hooks"] = [{event: hooks[event]} for event in CODEDEPLOY_HOOKS if event in hooks]
    return json.dumps(content, sort_keys=True)


_TASK_DEFINITION_LINE = re.compile(r"TaskDefinition[\"']?\s*:\s*[\"']?([^\"'\s,}]+)")


def appspec_task_definition(deployment):
    """The task definition a deployment deploys, read from its AppSpec (JSON or YAML); None when unknown."""
    content = ((deployment.get("revision") or {}).get("appSpecContent") or {}).get("content")
    if not content:
        return None
    try:
        resources = json.loads(content).get("Resources") or []
        return resources[0]["TargetService"]["Properties"]["TaskDefinition"]
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        found = _TASK_DEFINITION_LINE.search(content)
        return found.group(1) if found else None


def load_balancer_container(params, service):
    """``(container name, port)`` of the AppSpec: the options, else the service's load balancer."""
    balancers = service.get("loadBalancers") or []
    name = params.get("container_name") or (balancers[0].get("containerName") if balancers else None)
    port = params.get("container_port") or (balancers[0].get("containerPort") if balancers else None)
    if not name or not port:
        raise InputError(
            "container_name and container_port: service %s has no load balancer container to take them from; set "
            "both" % service.get("serviceName")
        )
    return name, port


def deployment_decision(live_task_definition, active, wanted):
    """``("none" | "wait" | "create", deployment or None)``: what a deploy of ``wanted`` does.

    ``active``: the deployments of the group that have not ended, newest first, each with ``taskDefinition``
    (from its AppSpec). Another version's deployment under way is refused.
    """
    for deployment in active:
        if deployment.get("taskDefinition") == wanted:
            return "wait", deployment
    if active:
        other = active[0]
        raise Refusal(
            "CodeDeploy deployment %s of %s is %s; wait until it ends, or stop it with state=rolled_back; nothing "
            "changed" % (other["deploymentId"], other.get("taskDefinition") or "another revision", other.get("status"))
        )
    if live_task_definition == wanted:
        return "none", None
    return "create", None


def traffic_summary(target):
    """``blue task set 90% (2/2 running), green task set 10% (2/2 running)`` from a deployment's ECS target."""
    parts = []
    for task_set in (target or {}).get("taskSetsInfo") or []:
        parts.append(
            "%s task set %s%% (%s/%s running)"
            % (
                (task_set.get("taskSetLabel") or "?").lower(),
                _percent(task_set.get("trafficWeight")),
                task_set.get("runningCount"),
                task_set.get("desiredCount"),
            )
        )
    return ", ".join(parts)


def _percent(weight):
    if weight is None:
        return "?"
    return int(weight) if float(weight).is_integer() else weight


def deployment_progress(deployment, target=None):
    """Progress of a deployment towards Succeeded; Failed and Stopped are failures saying what CodeDeploy said."""
    status = deployment.get("status")
    summary = "deployment %s %s" % (deployment.get("deploymentId"), status)
    traffic = traffic_summary(target)
    if traffic:
        summary += ": " + traffic
    if status == "Succeeded":
        return Progress(True, summary)
    if status in ("Failed", "Stopped"):
        return Progress(False, summary, failure=failure_text(deployment))
    return Progress(False, summary)


def failure_text(deployment):
    """What CodeDeploy reported about a deployment that ended without success."""
    error = deployment.get("errorInformation") or {}
    parts = ["deployment %s %s" % (deployment.get("deploymentId"), deployment.get("status"))]
    if error.get("code") or error.get("message"):
        parts.append("%s: %s" % (error.get("code"), error.get("message")))
    rollback = deployment.get("rollbackInfo") or {}
    if rollback.get("rollbackDeploymentId"):
        parts.append(
            "rolled back by deployment %s (%s)"
            % (rollback["rollbackDeploymentId"], rollback.get("rollbackMessage") or "")
        )
    return "; ".join(parts)


def previous_task_definition(deployments, live_task_definition):
    """The task definition a rollback deploys: that of the newest successful deployment not running now."""
    for deployment in deployments:
        if deployment.get("status") == "Succeeded" and deployment.get("taskDefinition") not in (
            None,
            live_task_definition,
        ):
            return deployment["taskDefinition"]
    return None
