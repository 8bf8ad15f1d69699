#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: release_status_info
short_description: Report what the status of a blue/green app behind an ALB shows, in one call
version_added: 0.1.0
description:
  - Reads, in one run, what M(bluegreen.aws.alb_shift_info) reads of the app's load balancer (the split of
    each listener on O(alb.ports)), what M(bluegreen.aws.ecs_bluegreen_info) or
    M(bluegreen.aws.asg_bluegreen_info) reads of its two colors, and, with O(history), what
    M(bluegreen.aws.release_history_info) reads of its newest releases.
  - It is the status playbook's one read of an app with the ALB router on ECS or EC2. Each module call pays for
    starting Python and importing Ansible's and boto3's code; one call for the three reads makes the status
    of an app about as fast as one read.
  - It never writes to AWS. The options are checked before the first call to AWS.
author:
  - bluegreen.aws maintainers (@bluegreen-aws)
options:
  app:
    description:
      - Name of the app. It makes the default names of the colors (as the platform's info module takes it) and
        is the key of its release history.
    type: str
    required: true
  alb:
    description:
      - The load balancer and the listeners to read, as M(bluegreen.aws.alb_shift_info) takes them.
    type: dict
    required: true
    suboptions:
      load_balancer:
        description: Name or ARN of the load balancer.
        type: str
        required: true
      ports:
        description: Ports of the listeners to read, without repeats. The listeners in RV(alb) follow this order.
        type: list
        elements: int
        required: true
      blue_target_group:
        description: Name or ARN of the blue color's target group.
        type: str
        required: true
      green_target_group:
        description: Name or ARN of the green color's target group.
        type: str
        required: true
  ecs:
    description:
      - The app's colors are on ECS; what M(bluegreen.aws.ecs_bluegreen_info) takes to find them (the other
        options of that module take their defaults, derived from O(app)).
      - Exactly one of O(ecs) and O(ec2) is needed.
    type: dict
    suboptions:
      cluster:
        description: Name or ARN of the ECS cluster.
        type: str
        required: true
      strategy:
        description: As M(bluegreen.aws.ecs_bluegreen_info)'s O(bluegreen.aws.ecs_bluegreen_info#module:strategy).
        type: str
        choices: [service_pair, task_set, codedeploy, ecs_native]
        default: service_pair
  ec2:
    description:
      - The app's colors are Auto Scaling groups; what M(bluegreen.aws.asg_bluegreen_info) takes to find them.
    type: dict
    suboptions:
      blue_group:
        description: Name of the blue Auto Scaling group. Defaults to C(<app>-blue).
        type: str
      green_group:
        description: Name of the green Auto Scaling group. Defaults to C(<app>-green).
        type: str
      launch_template:
        description: Name or ID (C(lt-...)) of the launch template both groups use. Defaults to O(app).
        type: str
  history:
    description:
      - Also read the newest records of the app's release history. Needs C(dynamodb:Query) on the table.
      - A history that cannot be read (no table yet, no right to read it) is reported in RV(history_error); the
        module does not fail for it.
    type: dict
    suboptions:
      table:
        description: The release state table.
        type: str
        default: bluegreen-releases
      count:
        description: How many records, newest first (1 to 100).
        type: int
        default: 5
notes:
  - It needs the permissions of the modules whose reads it makes.
extends_documentation_fragment:
  - bluegreen.aws.attributes.info_module
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read the status of the shop (ECS services behind an ALB) in one call
  bluegreen.aws.release_status_info:
    app: shop
    alb:
      load_balancer: shop
      ports: [443, 8080]
      blue_target_group: shop-blue
      green_target_group: shop-green
    ecs:
      cluster: shop
    history:
      count: 5
  register: shop

- name: Say which color is live and what each color runs
  ansible.builtin.debug:
    msg: >-
      production {{ shop.alb.listeners[0].split }}; blue runs {{ shop.platform.colors.blue.version }},
      green runs {{ shop.platform.colors.green.version }}
"""

RETURN = r"""
alb:
  description:
    - What M(bluegreen.aws.alb_shift_info) returns for O(alb) (C(load_balancer), C(target_groups) and
      C(listeners), one entry per port of O(alb.ports) with its C(split), C(live_color) and C(idle_color)).
  returned: always
  type: dict
  sample:
    load_balancer: {name: shop, dns_name: shop-123.us-east-1.elb.amazonaws.com}
    listeners:
      - {port: 443, split: {blue: 100, green: 0}, live_color: blue, idle_color: green}
      - {port: 8080, split: {blue: 0, green: 100}, live_color: green, idle_color: blue}
platform:
  description:
    - What M(bluegreen.aws.ecs_bluegreen_info) (O(ecs)) or M(bluegreen.aws.asg_bluegreen_info) (O(ec2))
      returns for the app (C(colors), C(live_color), C(idle_color), C(drift), ...).
  returned: always
  type: dict
  sample:
    live_color: blue
    colors:
      blue: {version: "1.4.2", desired_count: 2, running_count: 2, healthy_targets: 2}
      green: {version: "1.4.1", desired_count: 2, running_count: 2, healthy_targets: 2}
history:
  description:
    - The newest records of the app's release history, newest first, as M(bluegreen.aws.release_history_info)
      returns them in its C(records); null when the history could not be read (see RV(history_error)).
  returned: with O(history)
  type: list
  elements: dict
  sample:
    - id: deploy-20261129T100310-42
      app: shop
      from: {color: blue, version: 1.4.1}
      to: {color: green, version: 1.4.2}
      outcome: succeeded
history_error:
  description: Why the history of O(history) could not be read.
  returned: with O(history), when it could not be read
  type: str
  sample: "table: the DynamoDB table bluegreen-releases does not exist"
"""

from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule

from ansible_collections.bluegreen.aws.plugins.module_utils._core.runner import run_module
from ansible_collections.bluegreen.aws.plugins.module_utils._release.status_read import (
    STATUS_ARGUMENT_SPEC,
    STATUS_MUTUALLY_EXCLUSIVE,
    STATUS_REQUIRED_ONE_OF,
    read_status,
)


def main():
    module = AnsibleAWSModule(
        argument_spec=STATUS_ARGUMENT_SPEC,
        supports_check_mode=True,
        mutually_exclusive=STATUS_MUTUALLY_EXCLUSIVE,
        required_one_of=STATUS_REQUIRED_ONE_OF,
    )
    run_module(module, read_status)


if __name__ == "__main__":
    main()
