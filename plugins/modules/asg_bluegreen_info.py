#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: asg_bluegreen_info
short_description: Report the blue and green Auto Scaling groups of an EC2 app and which one is live
version_added: 0.1.0
description:
  - Reads the two colors of an EC2 app (two Auto Scaling groups launching instances from one launch template)
    and reports, for each, its group, launch template version and AMI, release label, desired capacity,
    InService instances, healthy targets, target group and share of the traffic; which color is live and
    which is idle; and the settings that differ between the colors.
  - It never writes to AWS. M(bluegreen.aws.asg_bluegreen) changes the colors and takes the same options to
    find the app.
  - "The live color is read from AWS on every run, in this order: the color with 100% of the traffic on
    O(listener_arn); else O(live_color); else the only color with a desired capacity above 0. When both colors
    are up and nothing else tells, or while the listener splits the traffic, RV(live_color) and
    RV(idle_color) are null."
  - The options are checked before the first call to AWS.
author:
  - bluegreen.aws maintainers (@bluegreen-aws)
extends_documentation_fragment:
  - bluegreen.aws.asg_app
  - bluegreen.aws.attributes.info_module
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Which color of the shop groups is live, read from the production listener
  bluegreen.aws.asg_bluegreen_info:
    app: shop
    listener_arn: "{{ listener_arn }}"
  register: shop

- name: Show the version each color runs
  ansible.builtin.debug:
    msg: >-
      {{ item }}: {{ shop.colors[item].version }} ({{ shop.colors[item].image_id }}),
      {{ shop.colors[item].in_service }} instances
  loop: [blue, green]

- name: Fail early when the colors are not identical environments
  bluegreen.aws.asg_bluegreen_info:
    app: shop
    live_color: blue
  register: shop
  failed_when: shop.drift | length > 0
"""

RETURN = r"""
colors:
  description:
    - Each color as AWS holds it (after a run of M(bluegreen.aws.asg_bluegreen), as the run left it; in check
      mode, as a real run would leave it).
    - RV(colors.blue.desired_count) and RV(colors.blue.running_count) repeat RV(colors.blue.desired_capacity) and
      RV(colors.blue.in_service) under the names M(bluegreen.aws.ecs_bluegreen_info) uses, so that a playbook reads
      either module's colors alike.
  returned: always
  type: dict
  contains:
    blue:
      description: The blue color.
      type: dict
      contains:
        group_name:
          description: Name of its Auto Scaling group.
          type: str
        group_arn:
          description: ARN of its Auto Scaling group.
          type: str
        launch_template_version:
          description: The launch template version the group launches instances from.
          type: int
        image_id:
          description: The AMI of that version.
          type: str
        version:
          description:
            - The release label recorded when a version was last deployed on the color (the C(version) option
              of M(bluegreen.aws.asg_bluegreen), tag C(bluegreen:version) of the group); null when none was
              recorded.
          type: str
        deployed_at:
          description: When that version was deployed (UTC, ISO 8601); null when none was recorded.
          type: str
        desired_capacity:
          description: The group's desired capacity.
          type: int
        desired_count:
          description: The same as RV(colors.blue.desired_capacity).
          type: int
        in_service:
          description: How many of its instances are InService.
          type: int
        running_count:
          description: The same as RV(colors.blue.in_service).
          type: int
        healthy_targets:
          description:
            - How many of its InService instances are healthy targets of its target group; null when the group
              is attached to no target group.
          type: int
        target_group_arn:
          description: ARN of its target group (the first one the group is attached to); null when none.
          type: str
        traffic_percent:
          description: Its share of the traffic on O(listener_arn); null when no listener is known.
          type: int
    green:
      description: The green color, like RV(colors.blue).
      type: dict
  sample:
    blue:
      group_name: shop-blue
      group_arn: arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:6f1c:autoScalingGroupName/shop-blue
      launch_template_version: 4
      image_id: ami-0a1b2c3d4e5f67890
      version: 1.4.1
      deployed_at: "2026-11-02T09:12:44Z"
      desired_capacity: 2
      desired_count: 2
      in_service: 2
      running_count: 2
      healthy_targets: 2
      target_group_arn: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-blue/73e2d6bc24d8a067
      traffic_percent: 100
    green:
      group_name: shop-green
      group_arn: arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:9e2d:autoScalingGroupName/shop-green
      launch_template_version: 5
      image_id: ami-0fedcba9876543210
      version: 1.4.2
      deployed_at: "2026-11-29T10:03:10Z"
      desired_capacity: 2
      desired_count: 2
      in_service: 2
      running_count: 2
      healthy_targets: 2
      target_group_arn: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-green/2453ed029918f21f
      traffic_percent: 0
drift:
  description: The settings that differ between the blue and green colors (also raised as a warning).
  returned: always
  type: list
  elements: dict
  contains:
    setting:
      description: >-
        One of V(instance_type) (of the groups' launch template versions), V(subnets), V(availability_zones),
        V(health_check_type), V(health_check_grace_period), V(target_groups) (protocol, port and health check of
        the target groups each group is attached to), V(min_size) and V(max_size).
      type: str
    blue:
      description: The blue color's value.
      type: raw
    green:
      description: The green color's value.
      type: raw
  sample: [{setting: health_check_grace_period, blue: 300, green: 60}]
idle_color:
  description:
    - The other color. With no color up, the color a first release goes to (V(blue)). Null when unknown.
  returned: always
  type: str
  sample: green
live_color:
  description:
    - The live color (from O(listener_arn), O(live_color) or the desired capacities).
    - Null when no color is up, when the listener splits the traffic, or when both colors are up and nothing
      tells which one is live.
  returned: always
  type: str
  sample: blue
launch_template_version:
  description: The live color's launch template version. Null when the live color is unknown.
  returned: always
  type: int
  sample: 4
image_id:
  description: The AMI of that version. Null when the live color is unknown.
  returned: always
  type: str
  sample: ami-0a1b2c3d4e5f67890
"""

from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule

from ansible_collections.bluegreen.aws.plugins.module_utils._core.runner import run_module
from ansible_collections.bluegreen.aws.plugins.module_utils._envs.asg_options import (
    APP_ARGUMENT_SPEC,
    APP_MUTUALLY_EXCLUSIVE,
)
from ansible_collections.bluegreen.aws.plugins.module_utils._envs.asg_release import describe_app


def main():
    module = AnsibleAWSModule(
        argument_spec=APP_ARGUMENT_SPEC,
        supports_check_mode=True,
        mutually_exclusive=APP_MUTUALLY_EXCLUSIVE,
    )
    run_module(module, describe_app)


if __name__ == "__main__":
    main()
