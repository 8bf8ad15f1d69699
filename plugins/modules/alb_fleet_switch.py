#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: alb_fleet_switch
short_description: Shift the traffic of many apps behind ALB listeners in one call, as alb_shift does for one
version_added: 0.1.0
description:
  - Does for each entry of O(apps) exactly what M(bluegreen.aws.alb_shift) does with those options, the apps
    at the same time in O(workers) threads sharing one set of AWS clients.
  - It is how the rollback playbook switches every app of a run behind an ALB back in one call (each with
    C(shift_to=previous) and its C(history_record)). Each module call pays for starting Python
    and importing Ansible's and boto3's code, about half a second of CPU; twenty apps in one call pay it once.
  - Each app's result is its own. An app whose options are wrong, whose switch is refused or fails, is reported
    in RV(switches) with C(failed) and C(msg) and listed in RV(failed_apps); the other apps go on. The module
    fails only when its own options are wrong (an app without a name, two apps of one name).
  - Every app is in the module's region and account (O(region) and the credentials).
author:
  - bluegreen.aws maintainers (@bluegreen-aws)
options:
  apps:
    description:
      - The apps, one entry each. An entry takes the options of M(bluegreen.aws.alb_shift), with their defaults
        and checks (for example O(bluegreen.aws.alb_shift#module:load_balancer) and
        O(bluegreen.aws.alb_shift#module:port), the two target groups,
        O(bluegreen.aws.alb_shift#module:shift_to) and O(bluegreen.aws.alb_shift#module:history_record)), and
        C(name), the key of the app's result (required, unique).
    type: list
    elements: dict
    required: true
  workers:
    description: How many apps are switched at the same time.
    type: int
    default: 10
extends_documentation_fragment:
  - bluegreen.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Send all production traffic of three apps back to the color live before their newest release
  bluegreen.aws.alb_fleet_switch:
    apps:
      - name: shop
        load_balancer: shop
        port: 443
        blue_target_group: shop-blue
        green_target_group: shop-green
        shift_to: previous
      - name: cart
        load_balancer: cart
        port: 443
        blue_target_group: cart-blue
        green_target_group: cart-green
        shift_to: previous
      - name: search
        load_balancer: search
        port: 80
        blue_target_group: search-blue
        green_target_group: search-green
        shift_to: previous
  register: fleet

- name: Name the apps that could not be switched
  ansible.builtin.debug:
    msg: "{{ item }}: {{ fleet.switches[item].msg }}"
  loop: "{{ fleet.failed_apps }}"
"""

RETURN = r"""
switches:
  description:
    - Each app's result by its C(name), as M(bluegreen.aws.alb_shift) returns it
      (RV(bluegreen.aws.alb_shift#module:before), RV(bluegreen.aws.alb_shift#module:after),
      RV(bluegreen.aws.alb_shift#module:shifted_to), RV(bluegreen.aws.alb_shift#module:history_record), ...).
    - An app that failed has C(failed=true) and C(msg), with what its switch had found as far as it got.
  returned: always
  type: dict
  sample:
    shop:
      changed: true
      before: {blue: 100, green: 0}
      after: {blue: 0, green: 100}
      shifted_to: green
      live_color: green
      steps_applied: [100]
    cart:
      failed: true
      msg: "shift_to=previous: no release is marked on either target group"
failed_apps:
  description: The names of the apps that failed, in the order of O(apps).
  returned: always
  type: list
  elements: str
  sample: [cart]
"""

from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule

from ansible_collections.bluegreen.aws.plugins.module_utils._routers.alb_fleet import switch_apps
from ansible_collections.bluegreen.aws.plugins.module_utils._core.runner import run_module


def main():
    module = AnsibleAWSModule(
        argument_spec=dict(
            apps=dict(type="list", elements="dict", required=True),
            workers=dict(type="int", default=10),
        ),
        supports_check_mode=True,
    )
    run_module(module, switch_apps)


if __name__ == "__main__":
    main()
