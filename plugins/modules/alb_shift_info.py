#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: alb_shift_info
short_description: Report the blue/green split of one or more listeners of an ALB
version_added: 0.1.0
description:
  - Reads, in one run, the weighted forward action of the listeners on O(ports) of one Application Load
    Balancer and reports each listener's split between the blue and green target groups, in percent, and
    its live and idle colors.
  - Also reports the load balancer's DNS name and the ARNs of the two target groups, so that one call gives
    what a status report or a check of both the production and the test listener needs.
  - It never writes to AWS. M(bluegreen.aws.alb_shift) moves the traffic and reads the same forward actions.
  - The options are checked before the first call to AWS.
author:
  - bluegreen.aws maintainers (@bluegreen-aws)
options:
  load_balancer:
    description:
      - Name or ARN of the load balancer.
    type: str
    required: true
  ports:
    description:
      - Ports of the listeners to read, each from 1 to 65535, without repeats. RV(listeners) follows this order.
    type: list
    elements: int
    required: true
  blue_target_group:
    description:
      - Name or ARN of the blue color's target group. It must be in the load balancer's VPC.
    type: str
    required: true
  green_target_group:
    description:
      - Name or ARN of the green color's target group. It must be in the load balancer's VPC.
    type: str
    required: true
notes:
  - A listener whose default action forwards to a third target group makes the module fail, as
    M(bluegreen.aws.alb_shift) does.
extends_documentation_fragment:
  - bluegreen.aws.attributes.info_module
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read the production and the test listener of the shop in one call
  bluegreen.aws.alb_shift_info:
    load_balancer: shop
    ports: [443, 8080]
    blue_target_group: shop-blue
    green_target_group: shop-green
  register: shop

- name: Say which color production and the test listener reach
  ansible.builtin.debug:
    msg: >-
      production {{ shop.listeners[0].split }}, the test listener reaches
      {{ shop.listeners[1].live_color | default('both colors', true) }}
"""

RETURN = r"""
load_balancer:
  description: The load balancer.
  returned: always
  type: dict
  contains:
    arn:
      description: Its ARN.
      type: str
    name:
      description: Its name.
      type: str
    dns_name:
      description: Its DNS name.
      type: str
      sample: shop-1234567890.us-east-1.elb.amazonaws.com
    vpc_id:
      description: Its VPC.
      type: str
target_groups:
  description: ARNs of the two target groups.
  returned: always
  type: dict
  sample:
    blue: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-blue/73e2d6bc24d8a067
    green: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-green/2453ed029918f21f
listeners:
  description: One entry per port of O(ports), in that order.
  returned: always
  type: list
  elements: dict
  contains:
    port:
      description: The listener's port.
      type: int
      sample: 443
    listener_arn:
      description: The listener's ARN.
      type: str
    protocol:
      description: The listener's protocol.
      type: str
      sample: HTTPS
    split:
      description: The split of the listener's default forward action, in percent per color.
      type: dict
      sample: {blue: 90, green: 10}
    live_color:
      description: The color with 100% of the listener's traffic; null while the traffic is split.
      type: str
      sample: blue
    idle_color:
      description: The color with none of the listener's traffic; null while the traffic is split.
      type: str
      sample: green
"""

from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule

from ansible_collections.bluegreen.aws.plugins.module_utils._core.runner import run_module
from ansible_collections.bluegreen.aws.plugins.module_utils._routers.alb_reader import (
    READER_ARGUMENT_SPEC,
    read_listeners,
)


def main():
    module = AnsibleAWSModule(argument_spec=READER_ARGUMENT_SPEC, supports_check_mode=True)
    run_module(module, read_listeners)


if __name__ == "__main__":
    main()
