#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: asg_bluegreen
short_description: Deploy and scale down the blue and green Auto Scaling groups of an EC2 app
version_added: 0.1.0
description:
  - Does the EC2 side of a blue/green release on two EC2 Auto Scaling groups, C(<app>-blue) and C(<app>-green),
    that launch instances from one launch template, each group attached to its own target group behind an ALB
    listener. It puts a version (an AMI) on the idle color and waits until it is ready, scales a color down,
    and reports.
  - It never moves traffic; use M(bluegreen.aws.alb_shift) or M(bluegreen.aws.route53_weight) for that.
  - To only read the colors, use M(bluegreen.aws.asg_bluegreen_info).
  - "The live color is read from AWS on every run, in this order: the color with 100% of the traffic on
    O(listener_arn); else O(live_color); else the only color with a desired capacity above 0. When no color
    is up, the first release goes to blue. When both are up and nothing else tells, a run that would write
    nothing whichever color is live (a finished release run again) reports no change; any other run fails and
    asks for O(listener_arn) or O(live_color)."
  - The module refuses, with a clear message and no change, to deploy onto or scale down a color that
    receives traffic, and to deploy while the listener splits traffic between the colors (a shift is under
    way).
  - "Instances that run another AMI than the version deployed are replaced all at once (the color takes no
    traffic): each is terminated with TerminateInstanceInAutoScalingGroup, keeping the desired capacity, and
    the group launches its replacement from the new version. An instance counts as running the version when
    it runs the version's AMI (read with DescribeInstances); instance refresh is not used."
  - "With O(wait=true) it waits until the color it acted on is ready: O(desired_count) InService instances on
    the version's AMI and no other instance, O(min_healthy_targets) of them healthy in the color's target
    group; after a scale-down, no instance left. When the wait gives up, the module fails, says what it
    waited for, for how long and what it last saw, and leaves the changes in place. With O(wait_slice), the wait
    is cut into calls, so that a long wait shows progress (see RV(waiting))."
  - "Identical environments are checked: the instance type, subnets, availability zones, health check type
    and grace period, target group attachment, min and max size of the two colors are compared; differences
    are returned in RV(drift) and raised as a warning."
  - Every input is validated before the first write; AWS is left untouched when one is wrong.
author:
  - bluegreen.aws maintainers (@bluegreen-aws)
options:
  state:
    description:
      - V(deployed), the target color (O(color), by default the idle one) launches its instances from the
        wanted launch template version (O(image_id) or O(launch_template_version)) at O(desired_count), every
        instance on that version's AMI.
      - V(scaled_down), the color (by default the idle one) goes to 0 instances but keeps its group and launch
        template version, so that a rollback can scale it up fast. A min size above 0 is lowered to 0.
      - To report the colors without changing anything, use M(bluegreen.aws.asg_bluegreen_info).
    type: str
    choices: [deployed, scaled_down]
    default: deployed
  image_id:
    description:
      - O(state=deployed) only. The AMI of the new version, for example V(ami-0123456789abcdef0).
      - A new launch template version is made from the live color's version (with no live color, from the
        target color's) with this AMI. None is made when the target color's version already has this AMI,
        or when the template's latest version is exactly the source version with this AMI.
      - Mutually exclusive with O(launch_template_version).
    type: str
  launch_template_version:
    description:
      - O(state=deployed) only. A version number of O(launch_template) to deploy as it is.
      - O(state=deployed) needs O(image_id) or O(launch_template_version). The one exception is a rollback onto
        a scaled-down color. With O(color) set and neither of them, that color keeps the version it has and is
        scaled to O(desired_count).
    type: int
  version:
    description:
      - O(state=deployed) only. A release label such as V(1.4.2).
      - When the run changes the target color, or the color does not carry this label yet, the group is tagged
        first with C(bluegreen:version) and C(bluegreen:deployed-at) (the time, UTC), the marks
        M(bluegreen.aws.ecs_bluegreen) writes too. A launch template version made for O(image_id) gets the
        label as its description (launch template versions take no tags).
      - The group's target group gets the same two tags, so that M(bluegreen.aws.alb_shift) with
        O(bluegreen.aws.alb_shift#module:shift_to=previous) finds the previous color from the router alone
        (this needs C(elasticloadbalancing:AddTags)).
      - M(bluegreen.aws.asg_bluegreen_info) returns these marks; the rollback playbook reads them to find the
        color that was live before the latest deploy.
    type: str
  desired_count:
    description:
      - O(state=deployed) only. How many instances the target color runs (its desired capacity), within the
        group's min and max size.
      - Defaults to the live color's desired capacity, else 1.
    type: int
  color:
    description:
      - The color to act on. Defaults to the idle color.
      - Required with O(state=deployed) when neither O(image_id) nor O(launch_template_version) is set (a
        rollback onto a scaled-down color, at the version it keeps).
      - "Without O(color), a O(state=deployed) run whose version the live color already runs (same AMI or
        launch template version, same desired capacity) changes nothing: the release is done."
    type: str
    choices: [blue, green]
  min_healthy_targets:
    description:
      - O(state=deployed) only. How many of the color's instances must be healthy targets of its target group
        before the deploy is done (with O(wait=true)).
      - Defaults to O(desired_count); at most O(desired_count).
    type: int
  wait_timeout:
    description:
      - How many seconds to wait. When the time runs out, the module fails and says what it waited for, for
        how long, and what it last saw.
    type: int
    default: 900
notes:
  - Check mode reports C(changed), RV(actions) and RV(colors) as a real run would. A launch template version
    that would be made is reported with the template's next version number.
  - Diff mode shows the launch template version, AMI, desired capacity and release label of each color before
    and after.
  - A second identical run reports no change and writes nothing.
  - The action group C(group/bluegreen.aws.aws) sets shared options for every module of the
    collection with C(module_defaults).
extends_documentation_fragment:
  - bluegreen.aws.asg_app
  - bluegreen.aws.attributes
  - bluegreen.aws.wait
  - bluegreen.aws.wait_slice
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Put a new AMI on the idle group, waiting at most 60 seconds in this call
  bluegreen.aws.asg_bluegreen:
    app: shop
    image_id: ami-0fedcba9876543210
    listener_arn: "{{ listener_arn }}"
    wait_slice: 60
  register: release

- name: Wait on for the new color's instances, a line of the output each minute, 15 minutes in all
  bluegreen.aws.asg_bluegreen:
    app: shop
    image_id: ami-0fedcba9876543210
    listener_arn: "{{ listener_arn }}"
    wait_slice: 60
    wait_started: "{{ release.wait_started }}"
  register: ready
  until: not ready.waiting
  retries: 16
  delay: 0
  when: release.waiting

- name: Put a new AMI on the idle group; the live color is read from the listener
  bluegreen.aws.asg_bluegreen:
    app: shop
    image_id: ami-0fedcba9876543210
    version: 1.4.2
    listener_arn: "{{ listener_arn }}"
  register: release

- name: Deploy a launch template version as it is, 3 instances, done when 2 are healthy targets
  bluegreen.aws.asg_bluegreen:
    app: shop
    launch_template_version: 7
    desired_count: 3
    min_healthy_targets: 2
    listener_arn: "{{ listener_arn }}"

- name: Groups and template with other names, traffic routed by DNS (so tell which color is live)
  bluegreen.aws.asg_bluegreen:
    app: shop
    blue_group: shop-web-a
    green_group: shop-web-b
    launch_template: lt-0123456789abcdef0
    image_id: ami-0fedcba9876543210
    live_color: blue

- name: Shift the traffic to the new color
  bluegreen.aws.alb_shift:
    listener_arn: "{{ listener_arn }}"
    blue_target_group: shop-blue
    green_target_group: shop-green
    shift_to: "{{ release.deployed_color }}"
    steps: [10]
    step_interval: 300

- name: Scale the old color down (it keeps its group and launch template version for a fast rollback)
  bluegreen.aws.asg_bluegreen:
    app: shop
    state: scaled_down
    color: "{{ release.live_color }}"
    listener_arn: "{{ listener_arn }}"

- name: Rollback later, bring the old color back at the version it keeps, then shift back with alb_shift
  bluegreen.aws.asg_bluegreen:
    app: shop
    color: "{{ release.live_color }}"
    desired_count: 2
    listener_arn: "{{ listener_arn }}"
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
    - The live color found at the start (from O(listener_arn), O(live_color) or the desired capacities).
    - Null when no color is up, or when the listener splits the traffic.
  returned: always
  type: str
  sample: blue
deployed_color:
  description:
    - With O(state=deployed), the color that runs the version (the target color, or the live color when it
      already ran it). Null with O(state=scaled_down).
  returned: always
  type: str
  sample: green
launch_template_version:
  description:
    - The launch template version of the color acted on (deployed or scaled down); in check mode, the number a
      version to be made would get.
  returned: always
  type: int
  sample: 5
image_id:
  description: The AMI of that version.
  returned: always
  type: str
  sample: ami-0fedcba9876543210
actions:
  description: The changes made (in check mode, that would be made), one line each.
  returned: always
  type: list
  elements: str
  sample: ["set group shop-green (green) to launch template version 5 (ami-0fedcba9876543210)"]
waiting:
  description:
    - Whether the wait is not over because this call's O(wait_slice) ended first. The changes are made; call again
      with the same options and O(wait_started) to go on waiting.
    - False when the wait is over, and in check mode or with O(wait=false).
  returned: always
  type: bool
  sample: false
waiting_for:
  description: What the wait waits for, how long it has waited so far and what it last saw.
  returned: when RV(waiting) is true
  type: str
  sample: >-
    group shop-green to have 2 InService instance(s) on ami-0fedcba9876543210 and nothing else, 2 of them
    healthy targets; waited 60 seconds, last seen: 2 of 2 instances InService on ami-0fedcba9876543210,
    0 other instance(s), 1 of 2 healthy targets
wait_started:
  description: When the wait began (seconds since the epoch), to pass as O(wait_started) to the next call.
  returned: when RV(waiting) is true
  type: float
  sample: 1796547600.25
"""

from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule

from ansible_collections.bluegreen.aws.plugins.module_utils._core.runner import run_module
from ansible_collections.bluegreen.aws.plugins.module_utils._envs.asg_options import (
    RELEASE_MUTUALLY_EXCLUSIVE,
    release_argument_spec,
)
from ansible_collections.bluegreen.aws.plugins.module_utils._envs.asg_release import run_release


def main():
    module = AnsibleAWSModule(
        argument_spec=release_argument_spec(),
        supports_check_mode=True,
        mutually_exclusive=RELEASE_MUTUALLY_EXCLUSIVE,
    )
    run_module(module, run_release)


if __name__ == "__main__":
    main()
