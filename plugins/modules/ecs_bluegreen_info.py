#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: ecs_bluegreen_info
short_description: Report the blue and green colors of an ECS app and which one is live
version_added: 0.1.0
description:
  - Reads the two colors of an ECS app (two services, or two task sets of one service) and reports, for
    each, its service or task set, task definition, desired and running counts, target group, share of
    the traffic and status; which color is live and which is idle; and the settings that differ between
    the colors.
  - It never writes to AWS. M(bluegreen.aws.ecs_bluegreen) changes the colors and takes the same options to
    find the app.
  - "The live color is read from AWS on every run, in this order: the color with 100% of the traffic on
    O(listener_arn); else O(live_color); else the only color with a desired count above 0. When both colors
    are up and nothing else tells, or while the listener splits the traffic, RV(live_color) and
    RV(idle_color) are null."
  - "With O(strategy=codedeploy) the colors are the task sets of the service, each by its target group (the live
    one is the color with all the traffic on O(listener_arn), else the primary task set), and it also reports the
    deployment group and the last deployments. With O(strategy=ecs_native) the live color is the one with all the
    traffic on the service's production listener rule, and it also reports the service's deployment configuration
    and its last service deployments."
  - The options are checked before the first call to AWS.
author:
  - bluegreen.aws maintainers (@bluegreen-aws)
extends_documentation_fragment:
  - bluegreen.aws.ecs_app
  - bluegreen.aws.attributes.info_module
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Which color of the shop services is live, read from the production listener
  bluegreen.aws.ecs_bluegreen_info:
    cluster: prod
    app: shop
    listener_arn: "{{ listener_arn }}"
  register: shop

- name: Show the version each color runs
  ansible.builtin.debug:
    msg: "{{ item }}: {{ shop.colors[item].task_definition | basename }}, {{ shop.colors[item].desired_count }} tasks"
  loop: [blue, green]

- name: The task set strategy, with traffic routed by DNS (so the live color is given)
  bluegreen.aws.ecs_bluegreen_info:
    cluster: prod
    app: shop
    strategy: task_set
    live_color: blue

- name: Fail early when the colors are not identical environments
  bluegreen.aws.ecs_bluegreen_info:
    cluster: prod
    app: shop
    listener_arn: "{{ listener_arn }}"
  register: shop
  failed_when: shop.drift | length > 0
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
        healthy_targets:
          description: Healthy targets in its target group; null when it has no target group.
          type: int
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
      healthy_targets: 2
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
      healthy_targets: 2
      version: 1.4.2
      deployed_at: "2026-11-29T10:03:10Z"
live_color:
  description:
    - The live color (from O(listener_arn), O(live_color) or the desired counts).
    - Null when no color is up, when the listener splits the traffic, or when both colors are up and nothing
      tells which one is live.
  returned: always
  type: str
  sample: blue
task_definition:
  description:
    - ARN of the live color's task definition. Null when the live color is unknown.
  returned: always
  type: str
  sample: arn:aws:ecs:us-east-1:123456789012:task-definition/shop:42
deployment_group:
  description:
    - The CodeDeploy deployment group of the app as the module manages it; null when it does not exist.
  returned: O(strategy=codedeploy)
  type: dict
  sample:
    name: shop
    application: shop
    deployment_config: CodeDeployDefault.ECSCanary10Percent5Minutes
    service_role: arn:aws:iam::123456789012:role/shop-codedeploy
    deployment_style: BLUE_GREEN WITH_TRAFFIC_CONTROL
    target_groups: [shop-blue, shop-green]
    production_listener:
      - arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2
    test_listener: []
    ecs_service: [prod/shop]
    alarms: [shop-5xx]
    auto_rollback: [DEPLOYMENT_FAILURE, DEPLOYMENT_STOP_ON_ALARM]
    termination_wait: 5
deployments:
  description:
    - The last deployments, newest first (at most 10 CodeDeploy deployments, 5 ECS service deployments), like
      RV(bluegreen.aws.ecs_bluegreen#module:deployment).
  returned: O(strategy=codedeploy) or O(strategy=ecs_native)
  type: list
  elements: dict
  sample:
    - id: d-8F2D5K9QB
      status: Succeeded
      task_definition: arn:aws:ecs:us-east-1:123456789012:task-definition/shop:42
      deployment_config: CodeDeployDefault.ECSAllAtOnce
      creator: user
      description: bluegreen.aws 1.4.2
      error: null
      create_time: "2026-11-29T10:03:10+00:00"
      complete_time: "2026-11-29T10:09:52+00:00"
deployment_configuration:
  description: The service's deployment configuration (strategy, bake time, lifecycle hooks, alarms) as ECS holds it.
  returned: O(strategy=ecs_native)
  type: dict
  sample: {strategy: BLUE_GREEN, bakeTimeInMinutes: 10, maximumPercent: 200, minimumHealthyPercent: 100}
"""

from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule

from ansible_collections.bluegreen.aws.plugins.module_utils._core.runner import run_module
from ansible_collections.bluegreen.aws.plugins.module_utils._envs.ecs_options import (
    APP_ARGUMENT_SPEC,
    APP_MUTUALLY_EXCLUSIVE,
)
from ansible_collections.bluegreen.aws.plugins.module_utils._envs.ecs_release import describe_app


def main():
    module = AnsibleAWSModule(
        argument_spec=APP_ARGUMENT_SPEC,
        supports_check_mode=True,
        mutually_exclusive=APP_MUTUALLY_EXCLUSIVE,
    )
    run_module(module, describe_app)


if __name__ == "__main__":
    main()
