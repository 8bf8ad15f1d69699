#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: ecs_bluegreen
short_description: Deploy, promote and scale down the blue and green colors of an ECS app
version_added: 0.1.0
description:
  - Does the ECS side of a blue/green release on ECS (Fargate first). It puts a version on the idle
    color and waits until it is ready, marks a color primary, scales a color down, and reports.
  - It never moves traffic; use M(bluegreen.aws.alb_shift) or M(bluegreen.aws.route53_weight) for that.
  - To only read the colors, use M(bluegreen.aws.ecs_bluegreen_info).
  - "Two strategies: O(strategy=service_pair), two identical ECS services C(<app>-blue) and
    C(<app>-green), each registered in its own target group; and O(strategy=task_set), two task sets
    (externalId V(blue) and V(green)) of one service that uses the EXTERNAL deployment controller."
  - "The live color is read from AWS on every run, in this order: the color with 100% of the traffic on
    O(listener_arn); else O(live_color); else the only color with a desired count above 0. When no color
    is up, the first release goes to blue. When both are up and nothing else tells, a run that would write
    nothing whichever color is live (a finished release run again) reports no change; any other run fails and
    asks for O(listener_arn) or O(live_color)."
  - The module refuses, with a clear message and no change, to deploy onto or scale down a color that
    receives traffic, and to deploy while the listener splits traffic between the colors (a shift is under
    way).
  - "With O(wait=true) it waits until the color it acted on is stable: a service with one deployment and as
    many running tasks as desired, a task set in steady state at the expected scale. When the wait gives up,
    the module fails, says what it waited for, for how long and what it last saw, and leaves the changes in
    place."
  - "Identical environments are checked: the launch type or capacity providers, platform version, network
    configuration and load balancer container name and port of the two colors are compared; differences
    are returned in RV(drift) and raised as a warning."
  - Every input is validated before the first write; AWS is left untouched when one is wrong.
author:
  - bluegreen.aws maintainers (@bluegreen-aws)
options:
  state:
    description:
      - V(deployed), the target color (O(color), by default the idle one) runs O(task_definition), or the
        O(images) revision, at O(desired_count). With O(strategy=service_pair) the color's service is updated;
        with O(strategy=task_set) the color's task set is created at 100% scale, after deleting an older one
        of that color (a task set that already runs the version is only scaled up).
      - V(promoted), with O(strategy=task_set) the color's task set becomes the service's primary task set;
        the module refuses when, per O(listener_arn), the color does not have 100% of the traffic. With
        O(strategy=service_pair) there is nothing to do on the ECS side and nothing changes.
      - V(scaled_down), the color (by default the idle one) goes to 0 tasks but keeps its service or task set
        and task definition, so that a rollback can scale it up fast.
      - To report the colors without changing anything, use M(bluegreen.aws.ecs_bluegreen_info).
    type: str
    choices: [deployed, promoted, scaled_down]
    default: deployed
  task_definition:
    description:
      - O(state=deployed) only. ARN or C(family:revision) of the task definition to deploy.
      - O(state=deployed) needs O(task_definition) or O(images). The one exception is a rollback onto a
        scaled-down color. With O(color) set and neither of them, that color keeps the task definition it has and
        is scaled to O(desired_count).
    type: str
  images:
    description:
      - "O(state=deployed) only. Container name to image, for example V({web: registry/shop:1.4.2})."
      - A new revision of O(task_definition) (without it, of the live color's task definition) is registered
        with those images. No revision is registered when the target color already runs exactly that
        definition (the container definitions are compared, not the ARNs), or when the family's latest
        revision is it.
      - When no color is live, the target color's own task definition is the base.
    type: dict
  desired_count:
    description:
      - O(state=deployed) only. How many tasks the target color runs.
      - Defaults to the live color's desired count, else (O(strategy=task_set)) the service's, else 1.
      - With O(strategy=task_set) it is the service's desired count, which every task set at full scale runs,
        the live one included. A value below the service's is refused while a color is live, since it would
        scale down the live task set; a higher one scales it up too (with a warning).
    type: int
  version:
    description:
      - O(state=deployed) only. A release label such as V(1.4.2).
      - When the run changes the target color, or the color does not carry this label yet, the color is
        marked first with the tags C(bluegreen:version) and C(bluegreen:deployed-at) (the time, UTC), on its
        service (O(strategy=service_pair)) or as C(bluegreen:<color>:version) and
        C(bluegreen:<color>:deployed-at) on the shared service (O(strategy=task_set)). A revision registered
        for O(images) is tagged C(bluegreen:version) too.
      - The color's target group, when the color has one, gets the same two tags C(bluegreen:version) and
        C(bluegreen:deployed-at), so that M(bluegreen.aws.alb_shift) with
        O(bluegreen.aws.alb_shift#module:shift_to=previous) finds the previous color from the router alone
        (this needs C(elasticloadbalancing:AddTags)).
      - M(bluegreen.aws.ecs_bluegreen_info) returns these marks; the rollback playbook reads them to find the
        color that was live before the latest deploy.
      - A scale-up without O(version) (bringing a color back for a rollback) leaves the marks as they are.
    type: str
  color:
    description:
      - The color to act on.
      - With O(state=deployed) and O(state=scaled_down) defaults to the idle color.
      - Required with O(state=promoted), and with O(state=deployed) when neither O(task_definition) nor O(images)
        is set (a rollback onto a scaled-down color, at the task definition it keeps).
      - "Without O(color), a O(state=deployed) run whose version the live color already runs (same task
        definition, same desired count) changes nothing: the release is done."
    type: str
    choices: [blue, green]
  network_configuration:
    description:
      - O(strategy=task_set) only. The awsvpc network of a task set that O(state=deployed) creates;
        ignored with the other states.
      - By default it is copied from the live task set, else from the other one; it is needed for the first
        task set of a service whose task definition uses the awsvpc network mode.
    type: dict
    suboptions:
      subnets:
        description:
          - Subnet IDs.
        type: list
        elements: str
        required: true
      security_groups:
        description:
          - Security group IDs.
        type: list
        elements: str
      assign_public_ip:
        description:
          - Whether the tasks get a public IP address.
        type: bool
  launch_type:
    description:
      - O(strategy=task_set) only. Launch type of a task set that O(state=deployed) creates.
      - By default the live task set's launch type or capacity provider strategy is copied, else V(FARGATE).
    type: str
    choices: [FARGATE, EC2]
  container_name:
    description:
      - O(strategy=task_set) only. The container of a task set that O(state=deployed) creates, registered in
        the color's target group.
      - By default copied from the live task set, else the only container of the task definition with a port
        mapping.
    type: str
  container_port:
    description:
      - O(strategy=task_set) only. The port of O(container_name) registered in the target group.
      - By default copied from the live task set, else the only port the container maps.
    type: int
  wait_timeout:
    description:
      - How many seconds to wait. When the time runs out, the module fails and says what it waited for, for
        how long, and what it last saw.
    type: int
    default: 600
notes:
  - Check mode reports C(changed), RV(actions) and RV(colors) as a real run would. A task definition revision
    that would be registered is reported with the next revision number of its family.
  - Diff mode shows the task definition and desired count of each color before and after.
  - A second identical run reports no change and registers nothing.
  - The action group C(group/bluegreen.aws.aws) sets shared options for every module of the
    collection with C(module_defaults).
extends_documentation_fragment:
  - bluegreen.aws.ecs_app
  - bluegreen.aws.attributes
  - bluegreen.aws.wait
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Put version 42 on the idle service (service pair); the live color is read from the listener
  bluegreen.aws.ecs_bluegreen:
    cluster: prod
    app: shop
    task_definition: shop:42
    listener_arn: "{{ listener_arn }}"
  register: release

- name: Same with the task set strategy (service shop, EXTERNAL deployment controller)
  bluegreen.aws.ecs_bluegreen:
    cluster: prod
    app: shop
    strategy: task_set
    task_definition: shop:42
    listener_arn: "{{ listener_arn }}"

- name: First task set of a new service, with its network
  bluegreen.aws.ecs_bluegreen:
    cluster: prod
    app: shop
    strategy: task_set
    task_definition: shop:1
    desired_count: 2
    network_configuration:
      subnets: [subnet-0a1b2c3d, subnet-4e5f6a7b]
      security_groups: [sg-0123456789abcdef0]

- name: The images shortcut, a new revision of the live color's task definition with one new image
  bluegreen.aws.ecs_bluegreen:
    cluster: prod
    app: shop
    images:
      web: 123456789012.dkr.ecr.us-east-1.amazonaws.com/shop:1.4.2
    listener_arn: "{{ listener_arn }}"

- name: Traffic routed by DNS, so tell which color is live
  bluegreen.aws.ecs_bluegreen:
    cluster: prod
    app: shop
    task_definition: shop:42
    live_color: blue

# A full release with alb_shift: deploy to the idle color, canary, full shift, promote, scale down.
- name: Deploy the new image on the idle color
  bluegreen.aws.ecs_bluegreen:
    cluster: prod
    app: shop
    strategy: task_set
    images:
      web: "registry.example.com/shop:{{ version }}"
    listener_arn: "{{ listener_arn }}"
  register: release

- name: Canary, 10% for five minutes gated by an alarm, then everything
  bluegreen.aws.alb_shift:
    listener_arn: "{{ listener_arn }}"
    blue_target_group: shop-blue
    green_target_group: shop-green
    shift_to: "{{ release.deployed_color }}"
    steps: [10]
    step_interval: 300
    alarms: [shop-5xx]

- name: Make the new color's task set primary
  bluegreen.aws.ecs_bluegreen:
    cluster: prod
    app: shop
    strategy: task_set
    state: promoted
    color: "{{ release.deployed_color }}"
    listener_arn: "{{ listener_arn }}"

- name: Scale the old color down (it keeps its task definition for a fast rollback)
  bluegreen.aws.ecs_bluegreen:
    cluster: prod
    app: shop
    strategy: task_set
    state: scaled_down
    color: "{{ release.live_color }}"
    listener_arn: "{{ listener_arn }}"

- name: Rollback later, bring the old color back at the version it keeps, then shift back with alb_shift
  bluegreen.aws.ecs_bluegreen:
    cluster: prod
    app: shop
    strategy: task_set
    color: "{{ release.live_color }}"
    listener_arn: "{{ listener_arn }}"
"""

RETURN = r"""
strategy:
  description: The strategy used.
  returned: always
  type: str
  sample: service_pair
idle_color:
  description:
    - The other color. With no color up, the color a first release goes to (V(blue)). Null when unknown.
  returned: always
  type: str
  sample: green
drift:
  description: The settings that differ between the blue and green colors (also raised as a warning).
  returned: always
  type: list
  elements: dict
  contains:
    setting:
      description: >-
        One of V(compute) (launch type or capacity providers), V(platform_version), V(network_configuration)
        and V(load_balancer_container).
      type: str
    blue:
      description: The blue color's value.
      type: raw
    green:
      description: The green color's value.
      type: raw
  sample: [{setting: platform_version, blue: "1.4.0", green: LATEST}]
colors:
  description:
    - Each color as AWS holds it (after a run of M(bluegreen.aws.ecs_bluegreen), as the run left it; in check
      mode, as a real run would leave it).
  returned: always
  type: dict
  contains:
    blue:
      description: The blue color.
      type: dict
      contains:
        arn:
          description: ARN of the service or task set; null when the color has no task set.
          type: str
        task_definition:
          description: ARN of its task definition.
          type: str
        desired_count:
          description: How many tasks it should run.
          type: int
        running_count:
          description: How many tasks run (null when ECS does not report it).
          type: int
        target_group_arn:
          description: ARN of its target group.
          type: str
        traffic_percent:
          description: Its share of the traffic on O(listener_arn); null when no listener is known.
          type: int
        status:
          description: Status of the service (V(ACTIVE)) or task set (V(PRIMARY), V(ACTIVE)).
          type: str
        version:
          description:
            - The release label recorded when a version was last deployed on the color (the C(version) option
              of M(bluegreen.aws.ecs_bluegreen)); null when none was recorded.
          type: str
        deployed_at:
          description: When that version was deployed (UTC, ISO 8601); null when none was recorded.
          type: str
    green:
      description: The green color, like RV(colors.blue).
      type: dict
  sample:
    blue:
      arn: arn:aws:ecs:us-east-1:123456789012:service/prod/shop-blue
      task_definition: arn:aws:ecs:us-east-1:123456789012:task-definition/shop:41
      desired_count: 2
      running_count: 2
      target_group_arn: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-blue/73e2d6bc24d8a067
      traffic_percent: 100
      status: ACTIVE
      version: 1.4.1
      deployed_at: "2026-11-02T09:12:44Z"
    green:
      arn: arn:aws:ecs:us-east-1:123456789012:service/prod/shop-green
      task_definition: arn:aws:ecs:us-east-1:123456789012:task-definition/shop:42
      desired_count: 2
      running_count: 2
      target_group_arn: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-green/2453ed029918f21f
      traffic_percent: 0
      status: ACTIVE
      version: 1.4.2
      deployed_at: "2026-11-29T10:03:10Z"
live_color:
  description:
    - The live color found at the start (from O(listener_arn), O(live_color) or the desired counts).
    - Null when no color is up, or when the listener splits the traffic.
  returned: always
  type: str
  sample: blue
deployed_color:
  description:
    - With O(state=deployed), the color that runs the version (the target color, or the live color when it
      already ran it). Null with the other states.
  returned: always
  type: str
  sample: green
task_definition:
  description:
    - ARN of the task definition of the color acted on (deployed, promoted or scaled down).
  returned: always
  type: str
  sample: arn:aws:ecs:us-east-1:123456789012:task-definition/shop:42
task_definition_registered:
  description: Whether a new task definition revision was registered (in check mode, would be).
  returned: always
  type: bool
  sample: false
actions:
  description: The changes made (in check mode, that would be made), one line each.
  returned: always
  type: list
  elements: str
  sample: ["update service shop-green (green): task definition shop:42, desired count 2"]
"""

from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule

from ansible_collections.bluegreen.aws.plugins.module_utils._core.runner import run_module
from ansible_collections.bluegreen.aws.plugins.module_utils._envs.ecs_options import (
    APP_MUTUALLY_EXCLUSIVE,
    release_argument_spec,
)
from ansible_collections.bluegreen.aws.plugins.module_utils._envs.ecs_release import run_release


def main():
    module = AnsibleAWSModule(
        argument_spec=release_argument_spec(),
        supports_check_mode=True,
        mutually_exclusive=APP_MUTUALLY_EXCLUSIVE,
        required_if=[("state", "promoted", ["color"])],
    )
    run_module(module, run_release)


if __name__ == "__main__":
    main()
