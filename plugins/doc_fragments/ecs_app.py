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
      - V(codedeploy), one service with the CODE_DEPLOY deployment controller; CodeDeploy creates the new task
        set and moves the traffic (see M(bluegreen.aws.ecs_bluegreen)).
      - V(ecs_native), one service with the ECS deployment controller and the ECS blue/green deployment
        strategy; ECS starts the new revision and moves the traffic on a listener rule.
    type: str
    choices: [service_pair, task_set, codedeploy, ecs_native]
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
      - O(strategy=task_set), O(strategy=codedeploy) and O(strategy=ecs_native) only. Name or ARN of the one
        service of the app (with O(strategy=task_set), the one that holds both task sets).
      - Defaults to C(<app>).
    type: str
  blue_target_group:
    description:
      - Name or ARN of the blue color's target group.
      - With O(strategy=task_set) the blue task set is registered in it; defaults to C(<app>-blue), as with
        O(strategy=codedeploy) and O(strategy=ecs_native), where it is one target group of the pair that CodeDeploy
        or ECS moves the traffic between.
      - With O(strategy=service_pair) it is read from the blue service; when given, it must be one of the
        service's target groups.
    type: str
  green_target_group:
    description:
      - Name or ARN of the green color's target group, like O(blue_target_group).
      - With O(strategy=task_set), O(strategy=codedeploy) and O(strategy=ecs_native) defaults to C(<app>-green).
    type: str
  listener_arn:
    description:
      - ARN of the production listener. The live color is the one with 100% of the traffic in its default
        forward action.
      - Each color's target group must be in that forward action (and no other target group).
      - With O(strategy=codedeploy) it is the production listener of the deployment group (required to create or
        check it), and the live color is the one with all its traffic. With O(strategy=ecs_native) the
        production listener rule of the service is read instead, when it has one.
    type: str
  live_color:
    description:
      - The live color, when traffic is routed elsewhere (for example by DNS with M(bluegreen.aws.route53_weight)).
      - Mutually exclusive with O(listener_arn). Not used with O(strategy=codedeploy) and O(strategy=ecs_native).
    type: str
    choices: [blue, green]
  codedeploy_application:
    description:
      - O(strategy=codedeploy) only. The CodeDeploy application (compute platform ECS).
      - Defaults to C(<app>).
    type: str
  codedeploy_deployment_group:
    description:
      - O(strategy=codedeploy) only. The deployment group of the service in O(codedeploy_application).
      - Defaults to C(<app>).
    type: str
"""
