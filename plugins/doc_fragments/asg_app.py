# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:
    # How asg_bluegreen and asg_bluegreen_info find an app and its live color (paired with
    # _envs.asg_options.APP_ARGUMENT_SPEC).
    DOCUMENTATION = r"""
options:
  app:
    description:
      - Name of the app. It makes the default names of the Auto Scaling groups and of the launch template.
    type: str
    required: true
  blue_group:
    description:
      - Name of the blue color's Auto Scaling group.
      - Defaults to C(<app>-blue).
    type: str
  green_group:
    description:
      - Name of the green color's Auto Scaling group.
      - Defaults to C(<app>-green).
    type: str
  launch_template:
    description:
      - Name or ID (C(lt-...)) of the launch template both groups use.
      - Defaults to C(<app>).
    type: str
  listener_arn:
    description:
      - ARN of the production listener. The live color is the one with 100% of the traffic in its default
        forward action.
      - Each color's target group (the first one its group is attached to) must be in that forward action
        (and no other target group).
    type: str
  live_color:
    description:
      - The live color, when traffic is routed elsewhere (for example by DNS with M(bluegreen.aws.route53_weight)).
      - Mutually exclusive with O(listener_arn).
    type: str
    choices: [blue, green]
"""
