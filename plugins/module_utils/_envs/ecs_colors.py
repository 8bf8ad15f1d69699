# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""Pure views of the two ECS colors (a service each, or a task set each).

Everything here works on the dicts of the ECS API (DescribeServices,
DescribeTaskSets): a color as the module reports it, whether a service or a
task set is stable (the predicates of the waits), the drift between the two
colors and the ``colors`` return value. Nothing here talks to AWS.
"""

import math

from .._core.colors import COLORS
from .._core.errors import Refusal
from .._core.poller import Progress
from .._core.release_marks import DEPLOYED_KEY, VERSION_KEY, marks_from_tags
from .drift import drift as drift_between
from .ecs_task_definitions import short_task_definition
from .live_color import Words

WORDS = Words(unit="tasks", count="desired count", hint="listener_arn or live_color")
DRIFT_SETTINGS = ("compute", "platform_version", "network_configuration", "load_balancer_container")


class Current:
    """What AWS holds for the app at one moment: both colors and the router's split."""

    def __init__(self, strategy):
        self.strategy = strategy
        self.views = {}  # {color: view} (see service_view / task_set_view)
        self.services = {}  # service_pair: {color: service}; task_set: {"service": service}
        self.task_sets = {color: [] for color in COLORS}  # task_set: {color: [task set]}
        self.target_group_arns = {color: None for color in COLORS}
        self.traffic = None  # a live_color.Traffic when a listener is known
        self.warnings = []

    @property
    def service(self):
        return self.services.get("service")

    @property
    def service_desired(self):
        return self.service.get("desiredCount", 0) if self.service else 0

    def counts(self):
        """``{color: desired count}``."""
        return {color: self.views[color]["desired_count"] for color in COLORS}

    def split(self):
        return self.traffic.split if self.traffic is not None else None


def settings_of(resource):
    """The settings that must be identical between the colors of a service or task set."""
    strategy = resource.get("capacityProviderStrategy") or []
    launch_type = resource.get("launchType")
    if strategy:
        compute = "capacity providers %s" % ", ".join(
            "%s (base %d, weight %d)" % (item["capacityProvider"], item.get("base", 0), item.get("weight", 0))
            for item in strategy
        )
    else:
        compute = "launch type %s" % launch_type if launch_type else None
    platform = resource.get("platformVersion")
    if not platform and (strategy or launch_type == "FARGATE"):
        platform = "LATEST"
    network = None
    vpc = (resource.get("networkConfiguration") or {}).get("awsvpcConfiguration")
    if vpc:
        network = {
            "subnets": sorted(vpc.get("subnets") or []),
            "security_groups": sorted(vpc.get("securityGroups") or []),
            "assign_public_ip": vpc.get("assignPublicIp") or "DISABLED",
        }
    balancers = resource.get("loadBalancers") or []
    container = None
    if balancers:
        container = "%s:%s" % (balancers[0].get("containerName"), balancers[0].get("containerPort"))
    return {
        "compute": compute,
        "platform_version": platform,
        "network_configuration": network,
        "load_balancer_container": container,
    }


def service_progress(service):
    """Progress of a service towards stable: one deployment running its desired count (None: it is gone)."""
    if service is None:
        return Progress(False, "the service is gone", failure="the service disappeared")
    deployments = service.get("deployments") or []
    desired, running = service.get("desiredCount", 0), service.get("runningCount", 0)
    summary = "%d deployment(s), %d of %d tasks running" % (len(deployments), running, desired)
    for deployment in deployments:
        if deployment.get("status") == "PRIMARY" and deployment.get("rolloutState") == "FAILED":
            failure = "deployment %s failed: %s" % (deployment.get("id"), deployment.get("rolloutStateReason"))
            return Progress(False, summary, failure=failure)
    return Progress(len(deployments) == 1 and running == desired, summary)


def scale_percent(task_set):
    scale = task_set.get("scale") or {}
    if scale.get("unit", "PERCENT") != "PERCENT":
        return None
    value = scale.get("value", 100.0)
    return int(value) if float(value).is_integer() else value


def task_set_desired(task_set, service_desired):
    """Tasks a task set should run: AWS's computedDesiredCount, else computed from the scale."""
    if task_set.get("computedDesiredCount") is not None:
        return task_set["computedDesiredCount"]
    return int(math.ceil(service_desired * (scale_percent(task_set) or 0) / 100.0))


def task_set_progress(task_set, expected_scale):
    """Progress of a task set towards steady state at ``expected_scale`` percent (None: it is gone)."""
    if task_set is None:
        return Progress(False, "the task set is gone", failure="the task set disappeared")
    status = task_set.get("stabilityStatus")
    scale = scale_percent(task_set)
    running, desired = task_set.get("runningCount"), task_set.get("computedDesiredCount")
    summary = "%s at %s%% scale" % (status, scale)
    if running is not None and desired is not None:
        summary += ", %d of %d tasks running" % (running, desired)
    stable = status == "STEADY_STATE" and scale == expected_scale
    if running is not None and desired is not None:
        stable = stable and running == desired
    return Progress(stable, summary)


def mark_keys(strategy, color):
    """Tag keys recording the release a color runs: on its own service, or (task sets) on the shared service."""
    if strategy == "service_pair":
        return VERSION_KEY, DEPLOYED_KEY
    return "bluegreen:%s:version" % color, "bluegreen:%s:deployed-at" % color


def marks_of(service, strategy, color):
    """``{version, deployed_at}`` recorded for ``color`` in ``service``'s tags (None when not recorded)."""
    tags = dict((tag.get("key"), tag.get("value")) for tag in (service or {}).get("tags") or [])
    return marks_from_tags(tags, *mark_keys(strategy, color))


def service_view(service, target_group_arn):
    """A color of the service_pair strategy, as the module reports it."""
    return {
        **marks_of(service, "service_pair", None),
        "arn": service["serviceArn"],
        "name": service["serviceName"],
        "task_definition": service.get("taskDefinition"),
        "desired_count": service.get("desiredCount", 0),
        "running_count": service.get("runningCount", 0),
        "target_group_arn": target_group_arn,
        "status": service.get("status"),
        "stable": service_progress(service).done,
        "settings": settings_of(service),
    }


def task_set_view(task_set, service_desired, target_group_arn):
    """A color of the task_set strategy; ``task_set`` None when the color has none."""
    if task_set is None:
        return {
            "arn": None,
            "name": None,
            "task_definition": None,
            "desired_count": 0,
            "running_count": 0,
            "target_group_arn": target_group_arn,
            "status": None,
            "scale": None,
            "stable": True,
            "settings": None,
        }
    balancers = task_set.get("loadBalancers") or []
    return {
        "arn": task_set["taskSetArn"],
        "name": task_set.get("id"),
        "task_definition": task_set.get("taskDefinition"),
        "desired_count": task_set_desired(task_set, service_desired),
        "running_count": task_set.get("runningCount"),
        "target_group_arn": balancers[0].get("targetGroupArn") if balancers else target_group_arn,
        "status": task_set.get("status"),
        "scale": scale_percent(task_set),
        "stable": task_set_progress(task_set, scale_percent(task_set)).done,
        "settings": settings_of(task_set),
    }


def with_marks(view, service, color):
    """A task set view with the release marks that the shared service records for ``color``."""
    return dict(view, **marks_of(service, "task_set", color))


def task_sets_by_color(task_sets, service_name):
    """``({color: [task set]}, warnings)``: the task sets of each color by externalId."""
    found = {color: [] for color in COLORS}
    warnings = []
    for task_set in task_sets:
        if task_set.get("status") == "DRAINING":
            continue
        color = task_set.get("externalId")
        if color in found:
            found[color].append(task_set)
        else:
            warnings.append(
                "service %s has task set %s with externalId %r, neither blue nor green; it is ignored"
                % (service_name, task_set.get("taskSetArn"), color)
            )
    return found, warnings


def single_task_set(found, color, service_name):
    """The one task set of ``color`` (None when it has none); several is refused."""
    task_sets = found[color]
    if len(task_sets) > 1:
        raise Refusal(
            "service %s has %d task sets with externalId %s (%s); delete the extra ones"
            % (service_name, len(task_sets), color, ", ".join(t["taskSetArn"] for t in task_sets))
        )
    return task_sets[0] if task_sets else None


def drift(colors):
    """Settings that differ between two existing colors: ``[{setting, blue, green}]``."""
    return drift_between(colors, DRIFT_SETTINGS)


def colors_summary(colors, split):
    """The ``colors`` return value; ``split`` is the router's ``{color: percent}`` or None."""
    summary = {}
    for color in COLORS:
        view = colors[color]
        summary[color] = {
            "arn": view["arn"],
            "task_definition": view["task_definition"],
            "desired_count": view["desired_count"],
            "running_count": view["running_count"],
            "target_group_arn": view["target_group_arn"],
            "traffic_percent": split[color] if split is not None else None,
            "status": view["status"],
            "version": view.get("version"),
            "deployed_at": view.get("deployed_at"),
        }
    return summary


def diff_view(colors):
    """What ``--diff`` shows of each color (views, or a prediction of them)."""
    return {
        color: {
            "task_definition": short_task_definition(colors[color]["task_definition"]),
            "desired_count": colors[color]["desired_count"],
            "version": colors[color].get("version"),
        }
        for color in COLORS
    }
