# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""EC2 Auto Scaling calls (with retries)."""

from .._core.errors import InputError
from .common import retrying_client


def autoscaling_client(module):
    return retrying_client(module, "autoscaling")


def describe_groups(client, names):
    """``{key: group}`` for ``names`` (``{key: (option, name)}``); a missing group is an InputError."""
    wanted = [name for _option, name in names.values()]
    found = client.describe_auto_scaling_groups(AutoScalingGroupNames=wanted, aws_retry=True)
    by_name = dict((group["AutoScalingGroupName"], group) for group in found.get("AutoScalingGroups", []))
    groups = {}
    for key, (option, name) in names.items():
        if name not in by_name:
            raise InputError("%s: no Auto Scaling group %s" % (option, name))
        groups[key] = by_name[name]
    return groups


def describe_group(client, name):
    """The group, or None when it is gone."""
    found = client.describe_auto_scaling_groups(AutoScalingGroupNames=[name], aws_retry=True)
    groups = found.get("AutoScalingGroups") or []
    return groups[0] if groups else None


def update_group(client, name, **settings):
    """UpdateAutoScalingGroup with ``settings`` (the API's argument names)."""
    client.update_auto_scaling_group(AutoScalingGroupName=name, aws_retry=True, **settings)


def terminate_instance(client, instance_id):
    """Terminate an instance of a group; the group launches its replacement (its capacity is kept)."""
    client.terminate_instance_in_auto_scaling_group(
        InstanceId=instance_id, ShouldDecrementDesiredCapacity=False, aws_retry=True
    )


def tag_group(client, name, tags):
    """Add or overwrite ``tags`` (``{key: value}``) on a group, not propagated to its instances."""
    client.create_or_update_tags(
        Tags=[
            {
                "ResourceId": name,
                "ResourceType": "auto-scaling-group",
                "Key": key,
                "Value": value,
                "PropagateAtLaunch": False,
            }
            for key, value in tags.items()
        ],
        aws_retry=True,
    )
