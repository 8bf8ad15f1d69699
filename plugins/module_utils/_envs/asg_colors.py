# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""Pure views of the two EC2 colors, an Auto Scaling group each.

Everything here works on the dicts of the AWS APIs (DescribeAutoScalingGroups,
DescribeLaunchTemplateVersions, DescribeInstances, DescribeTargetHealth): a
color as the module reports it, whether a group is ready (the predicates of the
waits), the drift between the two colors and the ``colors`` return value.
Nothing here talks to AWS.

An instance counts as running the wanted version when it runs the version's
AMI, read from the instance itself: the launch template version an instance
reports is not always the one it was launched from.
"""

from .._core.colors import COLORS
from .._core.poller import Progress
from .live_color import Words
from .._core.release_marks import marks_from_tags

WORDS = Words(unit="instances", count="desired capacity", hint="listener_arn or live_color")
DRIFT_SETTINGS = (
    "instance_type",
    "subnets",
    "availability_zones",
    "health_check_type",
    "health_check_grace_period",
    "target_groups",
    "min_size",
    "max_size",
)
# Instances the group still counts; TerminateInstanceInAutoScalingGroup accepts them.
REPLACEABLE_STATES = ("Pending", "Pending:Wait", "Pending:Proceed", "InService", "Standby")
GONE_STATES = ("Terminated",)


class Current:
    """What AWS holds for the app at one moment: both groups, the launch template and the router's split.

    ``template`` is the DescribeLaunchTemplates answer, ``versions`` ``{number: DescribeLaunchTemplateVersions
    item}`` of the versions read.
    """

    def __init__(self):
        self.groups = {}
        self.views = {}
        self.template = None
        self.versions = {}
        self.traffic = None
        self.warnings = []

    @property
    def template_id(self):
        return self.template["LaunchTemplateId"]

    @property
    def latest_version(self):
        return self.template["LatestVersionNumber"]

    def counts(self):
        """``{color: desired capacity}``."""
        return {color: self.views[color]["desired_capacity"] for color in COLORS}

    def split(self):
        return self.traffic.split if self.traffic is not None else None

    def image_of(self, number):
        """The AMI of a launch template version read (None when not read, or when it names none)."""
        version = self.versions.get(number)
        return (version or {}).get("LaunchTemplateData", {}).get("ImageId")


def resolve_version(version, template):
    """A group's launch template version (``"3"``, ``"$Latest"``, ``"$Default"``) as a number."""
    if version in (None, "", "$Default"):
        return template["DefaultVersionNumber"]
    if version == "$Latest":
        return template["LatestVersionNumber"]
    return int(version)


def group_instances(group, images):
    """The instances of a group that are not gone: ``[{id, lifecycle, health, image_id}]``."""
    return [
        {
            "id": instance["InstanceId"],
            "lifecycle": instance.get("LifecycleState"),
            "health": instance.get("HealthStatus"),
            "image_id": images.get(instance["InstanceId"]),
        }
        for instance in group.get("Instances") or []
        if instance.get("LifecycleState") not in GONE_STATES
    ]


def healthy_count(instances, states):
    """How many of the InService ``instances`` are healthy targets (``states``: ``{id: health state}``)."""
    return sum(1 for item in instances if item["lifecycle"] == "InService" and states.get(item["id"]) == "healthy")


def target_group_setting(arns, target_groups):
    """How a group is attached to target groups, for the drift report (the target groups themselves differ)."""
    if not arns:
        return None
    described = []
    for arn in arns:
        group = target_groups.get(arn) or {}
        described.append(
            "%s:%s health check %s %s"
            % (
                group.get("Protocol"),
                group.get("Port"),
                group.get("HealthCheckProtocol"),
                group.get("HealthCheckPath") or "",
            )
        )
    return sorted(described)


def settings_of(group, version, target_groups):
    """The settings that must be identical between the colors."""
    data = (version or {}).get("LaunchTemplateData") or {}
    subnets = [subnet for subnet in (group.get("VPCZoneIdentifier") or "").split(",") if subnet]
    return {
        "instance_type": data.get("InstanceType"),
        "subnets": sorted(subnets),
        "availability_zones": sorted(group.get("AvailabilityZones") or []),
        "health_check_type": group.get("HealthCheckType"),
        "health_check_grace_period": group.get("HealthCheckGracePeriod"),
        "target_groups": target_group_setting(group.get("TargetGroupARNs") or [], target_groups),
        "min_size": group.get("MinSize"),
        "max_size": group.get("MaxSize"),
    }


def group_view(group, number, version, images, states, target_groups):
    """A color as the module reports it.

    ``number`` is the group's launch template version (resolved), ``version`` that version's
    DescribeLaunchTemplateVersions item, ``images`` ``{instance id: AMI}``, ``states`` ``{instance id: health
    state}`` in the group's target group, ``target_groups`` ``{arn: DescribeTargetGroups item}``.
    """
    tags = dict((tag.get("Key"), tag.get("Value")) for tag in group.get("Tags") or [])
    arns = group.get("TargetGroupARNs") or []
    instances = group_instances(group, images)
    return {
        **marks_from_tags(tags),
        "name": group["AutoScalingGroupName"],
        "arn": group.get("AutoScalingGroupARN"),
        "launch_template_version": number,
        "image_id": ((version or {}).get("LaunchTemplateData") or {}).get("ImageId"),
        "desired_capacity": group.get("DesiredCapacity", 0),
        "min_size": group.get("MinSize", 0),
        "max_size": group.get("MaxSize", 0),
        "instances": instances,
        "in_service": sum(1 for item in instances if item["lifecycle"] == "InService"),
        "target_group_arn": arns[0] if arns else None,
        "healthy_targets": healthy_count(instances, states) if arns else None,
        "settings": settings_of(group, version, target_groups),
    }


def outdated(view, image_id):
    """The instances of a color that do not run ``image_id`` and can be replaced."""
    return [
        item["id"]
        for item in view["instances"]
        if item["lifecycle"] in REPLACEABLE_STATES and item["image_id"] is not None and item["image_id"] != image_id
    ]


def deploy_progress(group, images, states, image_id, desired, min_healthy):
    """Progress of a group towards ``desired`` InService instances on ``image_id`` and nothing else, with
    ``min_healthy`` of them healthy in its target group (``states``; None: it has no target group)."""
    if group is None:
        return Progress(False, "the group is gone", failure="the Auto Scaling group disappeared")
    instances = group_instances(group, images)
    ready = [item for item in instances if item["lifecycle"] == "InService" and item["image_id"] == image_id]
    others = len(instances) - len(ready)
    healthy = healthy_count(ready, states or {})
    summary = "%d of %d instances InService on %s, %d other instance(s)" % (len(ready), desired, image_id, others)
    if states is not None:
        summary += ", %d of %d healthy targets" % (healthy, min_healthy)
    done = len(ready) == desired and others == 0 and (states is None or healthy >= min_healthy)
    return Progress(done, summary)


def empty_progress(group):
    """Progress of a group towards no instance at all (a scale-down)."""
    if group is None:
        return Progress(False, "the group is gone", failure="the Auto Scaling group disappeared")
    left = len(group_instances(group, {}))
    return Progress(left == 0, "%d instance(s) left" % left)


def colors_summary(views, split):
    """The ``colors`` return value; ``split`` is the router's ``{color: percent}`` or None.

    ``desired_count`` and ``running_count`` repeat ``desired_capacity`` and ``in_service`` under the names
    ecs_bluegreen_info uses, so that a playbook reads either module's colors alike.
    """
    summary = {}
    for color in COLORS:
        view = views[color]
        summary[color] = {
            "group_name": view["name"],
            "group_arn": view["arn"],
            "launch_template_version": view["launch_template_version"],
            "image_id": view["image_id"],
            "version": view.get("version"),
            "deployed_at": view.get("deployed_at"),
            "desired_capacity": view["desired_capacity"],
            "desired_count": view["desired_capacity"],
            "in_service": view["in_service"],
            "running_count": view["in_service"],
            "healthy_targets": view["healthy_targets"],
            "target_group_arn": view["target_group_arn"],
            "traffic_percent": split[color] if split is not None else None,
        }
    return summary


def diff_view(colors):
    """What ``--diff`` shows of each color (views, or a prediction of them)."""
    return {
        color: {
            "launch_template_version": colors[color]["launch_template_version"],
            "image_id": colors[color]["image_id"],
            "desired_capacity": colors[color]["desired_capacity"],
            "version": colors[color].get("version"),
        }
        for color in COLORS
    }
