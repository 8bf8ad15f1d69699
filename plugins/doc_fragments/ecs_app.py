# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:
    # How ecs_bluegreen and ecs_bluegreen_info find an app and its live color (paired with
    # _envs.ecs_options.APP_ARGUMENT_SPEC).
    DOCUMENTATION = r"""
options:
  cluster:
    description:
      - Name or ARN of the ECS cluster.
    type: str
    required: true
  app:
    description:
      - Name of the app. It makes the default names of the services and target groups.
    type: str
    required: true
  strategy:
    description:
      - V(service_pair), two ECS services (ECS deployment controller), one per color.
      - V(task_set), two task sets of one service with the EXTERNAL deployment controller.
    type: str
    choices: [service_pair, task_set]
    default: service_pair
  blue_service:
    description:
      - O(strategy=service_pair) only. Name or ARN of the blue color's service.
      - Defaults to C(<app>-blue).
    type: str
  green_service:
    description:
      - O(strategy=service_pair) only. Name or ARN of the green color's service.
      - Defaults to C(<app>-green).
    type: str
  service:
    description:
      - O(strategy=task_set) only. Name or ARN of the service that holds both task sets.
      - Defaults to C(<app>).
    type: str
  blue_target_group:
    description:
      - Name or ARN of the blue color's target group.
      - With O(strategy=task_set) the blue task set is registered in it; defaults to C(<app>-blue).
      - With O(strategy=service_pair) it is read from the blue service; when given, it must be one of the
        service's target groups.
    type: str
  green_target_group:
    description:
      - Name or ARN of the green color's target group, like O(blue_target_group).
      - With O(strategy=task_set) defaults to C(<app>-green).
    type: str
  listener_arn:
    description:
      - ARN of the production listener. The live color is the one with 100% of the traffic in its default
        forward action.
      - Each color's target group must be in that forward action (and no other target group).
    type: str
  live_color:
    description:
      - The live color, when traffic is routed elsewhere (for example by DNS with M(bluegreen.aws.route53_weight)).
      - Mutually exclusive with O(listener_arn).
    type: str
    choices: [blue, green]
"""
