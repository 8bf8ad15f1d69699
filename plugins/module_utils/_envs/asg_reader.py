# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The AWS edge of asg_bluegreen: reads what AWS holds for an EC2 app into the pure views (both groups,
their launch template versions, the AMIs their instances run, their healthy targets, the listener's split),
and ``AsgApi``, the calls the operations and the waits make."""

from .._aws import autoscaling, ec2, elbv2
from .._core.colors import COLORS
from .._core.errors import InputError
from .asg_colors import Current, deploy_progress, empty_progress, group_view, resolve_version
from .operations import listener_traffic


class AsgApi:
    """The calls of asg_bluegreen's operations and waits, on the three clients they need."""

    def __init__(self, autoscaling_client, ec2_client, elbv2_client):
        self.autoscaling = autoscaling_client
        self.ec2 = ec2_client
        self._elbv2_client = elbv2_client
        self._elb = None

    @property
    def elb(self):
        if self._elb is None:
            self._elb = self._elbv2_client()
        return self._elb

    def create_version(self, template_id, source, image_id, description):
        return ec2.create_version(self.ec2, template_id, source, image_id, description)

    def update_group(self, name, **settings):
        autoscaling.update_group(self.autoscaling, name, **settings)

    def terminate_instance(self, instance_id):
        autoscaling.terminate_instance(self.autoscaling, instance_id)

    def tag_group(self, name, tags):
        autoscaling.tag_group(self.autoscaling, name, tags)

    def tag_target_group(self, arn, tags):
        elbv2.add_tags(self.elb, arn, tags)

    def deploy_progress(self, name, image_id, desired, min_healthy):
        """One look at a group deploying: its instances, their AMIs, their health in its target group."""
        group = autoscaling.describe_group(self.autoscaling, name)
        if group is None:
            return deploy_progress(None, {}, None, image_id, desired, min_healthy)
        ids = [instance["InstanceId"] for instance in group.get("Instances") or []]
        images = ec2.instance_images(self.ec2, ids)
        arns = group.get("TargetGroupARNs") or []
        states = elbv2.target_states(self.elb, arns[0]) if arns else None
        return deploy_progress(group, images, states, image_id, desired, min_healthy)

    def empty_progress(self, name):
        return empty_progress(autoscaling.describe_group(self.autoscaling, name))


class AsgReader:
    """``names`` come from ``asg_options.validate_app_options``."""

    def __init__(self, params, names, api):
        self.params = params
        self.names = names
        self.api = api
        self._template = None

    def read(self):
        """A Current of both colors (and of the listener's split when ``listener_arn`` is set)."""
        api, current = self.api, Current()
        current.groups = autoscaling.describe_groups(
            api.autoscaling, dict((color, ("%s_group" % color, self.names["groups"][color])) for color in COLORS)
        )
        # Read on every read: its latest version moves when a run creates one.
        current.template = self._template = ec2.describe_launch_template(
            api.ec2, self.names["launch_template"], "launch_template"
        )
        numbers = dict((color, self._version_of(color, current.groups[color])) for color in COLORS)
        wanted = set(numbers.values()) | {current.latest_version}
        current.versions = ec2.describe_versions(api.ec2, current.template_id, sorted(wanted), "launch_template")
        number = self.params.get("launch_template_version")
        if number is not None and number not in current.versions:
            current.versions.update(
                ec2.describe_versions(api.ec2, current.template_id, [number], "launch_template_version")
            )
        ids = [i["InstanceId"] for color in COLORS for i in current.groups[color].get("Instances") or []]
        images = ec2.instance_images(api.ec2, ids)
        arns = [arn for color in COLORS for arn in current.groups[color].get("TargetGroupARNs") or []]
        target_groups = elbv2.describe_target_groups(api.elb, sorted(set(arns))) if arns else {}
        for color in COLORS:
            group = current.groups[color]
            group_arns = group.get("TargetGroupARNs") or []
            states = elbv2.target_states(api.elb, group_arns[0]) if group_arns else {}
            current.views[color] = group_view(
                group, numbers[color], current.versions.get(numbers[color]), images, states, target_groups
            )
        blue, green = (current.views[color]["target_group_arn"] for color in COLORS)
        if blue and blue == green:
            raise InputError(
                "blue_group and green_group are attached to the same target group %s; each color needs its own" % blue
            )
        if self.params.get("listener_arn"):
            current.traffic = self._traffic(current)
        return current

    def _version_of(self, color, group):
        option, name = "%s_group" % color, group["AutoScalingGroupName"]
        if group.get("MixedInstancesPolicy"):
            raise InputError(
                "%s: group %s uses a mixed instances policy; asg_bluegreen needs a group with a launch template"
                % (option, name)
            )
        spec = group.get("LaunchTemplate")
        if not spec:
            raise InputError(
                "%s: group %s uses no launch template (a launch configuration?); asg_bluegreen needs launch "
                "template %s" % (option, name, self._template["LaunchTemplateName"])
            )
        if (
            spec.get("LaunchTemplateId") != self._template["LaunchTemplateId"]
            and spec.get("LaunchTemplateName") != self._template["LaunchTemplateName"]
        ):
            raise InputError(
                "%s: group %s uses launch template %s, not %s (launch_template)"
                % (
                    option,
                    name,
                    spec.get("LaunchTemplateName") or spec.get("LaunchTemplateId"),
                    self.names["launch_template"],
                )
            )
        return resolve_version(spec.get("Version"), self._template)

    def _traffic(self, current):
        groups = dict((color, current.views[color]["target_group_arn"]) for color in COLORS)
        names = dict((color, "group %s" % current.views[color]["name"]) for color in COLORS)
        return listener_traffic(self.api.elb, self.params["listener_arn"], groups, names)

    def check_image(self, image_id):
        """The AMI exists (checked before any write: no instance can launch from a missing one)."""
        ec2.describe_image(self.api.ec2, image_id, "image_id")
