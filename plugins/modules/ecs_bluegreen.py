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
    place. With O(wait_slice), the wait is cut into calls, so that a long wait shows progress (see RV(waiting));
    O(strategy=codedeploy) and O(strategy=ecs_native) refuse it (run the module with C(async) instead)."
  - "Identical environments are checked: the launch type or capacity providers, platform version, network
    configuration and load balancer container name and port of the two colors are compared; differences
    are returned in RV(drift) and raised as a warning."
  - Every input is validated before the first write; AWS is left untouched when one is wrong.
  - "With O(strategy=codedeploy) and O(strategy=ecs_native) the module drives what CodeDeploy or ECS itself does:
    they create the new tasks and move the traffic between O(blue_target_group) and O(green_target_group)
    (gated by O(alarms), with lifecycle hooks), and this module makes sure the settings match, starts the
    deployment, follows it to the end and rolls it back. The service is O(service) (default C(<app>)).
    O(state=promoted) and O(state=scaled_down) are not used: CodeDeploy and ECS retire the old tasks themselves."
  - "O(strategy=codedeploy): O(state=deployed) makes sure the CodeDeploy application O(codedeploy_application)
    and the deployment group O(codedeploy_deployment_group) exist and match (blue/green with traffic control, the
    target group pair, O(listener_arn) and O(test_listener_arn), O(alarms), auto-rollback on failure and on
    alarm, O(termination_wait)), then creates a deployment whose AppSpec names the task definition, the container
    and port, and O(hooks), and waits until it succeeds, recording each status and traffic step in RV(events).
    No deployment is created when the live task set already runs the task definition, or when a deployment of it
    is under way (the module follows that one). A deployment of another version under way is refused. When the
    deployment fails, the module fails with what CodeDeploy reported (CodeDeploy rolls back by itself); when
    O(wait_timeout) runs out, it stops the deployment with rollback and fails."
  - "O(strategy=ecs_native): O(state=deployed) updates the service with its deployment configuration (strategy
    O(native_strategy), O(bake_time), O(lifecycle_hooks), O(alarms)), its load balancer's advanced configuration
    (O(alternate_target_group), O(production_listener_rule), O(test_listener_rule), O(load_balancer_role_arn)) and
    the new task definition, then follows the service deployment until it succeeds, recording its lifecycle stage
    in RV(events); when it fails, the module fails with the stage and the reason ECS gives; when O(wait_timeout)
    runs out, it stops the service deployment with rollback and fails."
  - "O(state=configured) (both strategies) only makes sure of the settings: the application, the deployment
    configuration and the deployment group, or the service's blue/green settings; no deployment starts."
  - "O(state=rolled_back) (both strategies): a deployment under way (CodeDeploy, also during the wait before the
    original task set is terminated) is stopped with rollback, so that the traffic returns to the original tasks;
    when none is under way, the task definition of the previous successful deployment is deployed. Run again once
    the latest release was rolled back, it changes nothing."
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
      - V(configured), O(strategy=codedeploy) and O(strategy=ecs_native) only, the deployment settings without a
        deployment (see the description).
      - V(rolled_back), O(strategy=codedeploy) and O(strategy=ecs_native) only, the latest release undone (see the
        description).
      - To report the colors without changing anything, use M(bluegreen.aws.ecs_bluegreen_info).
    type: str
    choices: [deployed, promoted, scaled_down, configured, rolled_back]
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
      - O(state=deployed) with O(strategy=service_pair) or O(strategy=task_set) only. How many tasks the target color
        runs.
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
      - O(strategy=service_pair) and O(strategy=task_set) only. The color to act on.
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
      - O(strategy=task_set), O(strategy=codedeploy) and O(strategy=ecs_native). The container of a task set that
        O(state=deployed) creates, registered in the color's target group; with O(strategy=codedeploy) the
        container of the AppSpec; with O(strategy=ecs_native) the container of the service's load balancer.
      - With O(strategy=codedeploy) and O(strategy=ecs_native), defaults to the service's load balancer container.
      - By default copied from the live task set, else the only container of the task definition with a port
        mapping.
    type: str
  container_port:
    description:
      - O(strategy=task_set), O(strategy=codedeploy) and O(strategy=ecs_native). The port of O(container_name)
        registered in the target group.
      - By default copied from the live task set, else the only port the container maps.
    type: int
  wait_timeout:
    description:
      - How many seconds to wait. When the time runs out, the module fails and says what it waited for, for
        how long, and what it last saw.
      - With O(strategy=codedeploy) and O(strategy=ecs_native), the deployment is then stopped with rollback. A
        CodeDeploy deployment succeeds only after O(termination_wait), so give it the time of the traffic steps plus
        that wait.
    type: int
    default: 600
  codedeploy_service_role_arn:
    description:
      - O(strategy=codedeploy) only. The IAM role CodeDeploy acts with (the AWS managed policy
        C(AWSCodeDeployRoleForECS)).
      - Required to create the deployment group; by default an existing group keeps its role.
    type: str
  deployment_config:
    description:
      - O(strategy=codedeploy) only. The CodeDeploy deployment configuration of the ECS compute platform, such as
        V(CodeDeployDefault.ECSCanary10Percent5Minutes) or V(CodeDeployDefault.ECSLinear10PercentEvery1Minutes);
        or a configuration of your own, created with O(traffic_routing) when it does not exist.
      - Defaults to V(CodeDeployDefault.ECSAllAtOnce).
    type: str
  traffic_routing:
    description:
      - O(strategy=codedeploy) only. Creates the configuration O(deployment_config) names (not a predefined one)
        when it does not exist. An existing configuration that routes traffic otherwise is refused (CodeDeploy
        configurations cannot change).
    type: dict
    suboptions:
      type:
        description:
          - V(canary), O(traffic_routing.percentage) first, the rest after O(traffic_routing.interval); V(linear),
            O(traffic_routing.percentage) every O(traffic_routing.interval).
        type: str
        choices: [canary, linear]
        required: true
      percentage:
        description:
          - Percent of the traffic a step moves, 1 to 99.
        type: int
        required: true
      interval:
        description:
          - Minutes between the steps, 1 to 2880.
        type: int
        required: true
  test_listener_arn:
    description:
      - O(strategy=codedeploy) only. The test listener of the deployment group, which reaches the new task set
        before production traffic does (for the C(AfterAllowTestTraffic) hook).
      - By default the deployment group keeps its own (none for a new group).
    type: str
  termination_wait:
    description:
      - O(strategy=codedeploy) only. Minutes the original task set stays after the traffic moved, 0 to 2880; during
        that wait O(state=rolled_back) returns the traffic to it at once.
      - By default the deployment group keeps its own; a new group gets 5 minutes.
    type: int
  hooks:
    description:
      - O(strategy=codedeploy) only. Lifecycle event to the ARN of the Lambda function CodeDeploy calls, for
        V(BeforeInstall), V(AfterInstall), V(AfterAllowTestTraffic), V(BeforeAllowTraffic) and
        V(AfterAllowTraffic).
    type: dict
  alarms:
    description:
      - O(strategy=codedeploy) and O(strategy=ecs_native) only. CloudWatch alarms (at most 10) that stop the
        deployment and roll it back when they go to ALARM (the deployment group's alarm configuration, or the
        service's deployment alarms).
      - By default the deployment group or the service keeps its alarms; V([]) removes them.
    type: list
    elements: str
  native_strategy:
    description:
      - O(strategy=ecs_native) only. The ECS deployment strategy; V(LINEAR) and V(CANARY) need a botocore that knows
        them (the module says so otherwise).
      - Defaults to V(BLUE_GREEN).
    type: str
    choices: [BLUE_GREEN, LINEAR, CANARY]
  native_step_percent:
    description:
      - O(native_strategy=LINEAR) and O(native_strategy=CANARY) only (and required with them). Percent of the
        traffic a linear step or the canary moves.
    type: float
  native_step_bake_time:
    description:
      - O(native_strategy=LINEAR) and O(native_strategy=CANARY) only. Minutes between the steps, 0 to 1440.
    type: int
  bake_time:
    description:
      - O(strategy=ecs_native) only. Minutes the original revision stays after all traffic moved, 0 to 1440; during
        that time O(state=rolled_back) returns the traffic at once.
      - By default the service keeps its own.
    type: int
  lifecycle_hooks:
    description:
      - O(strategy=ecs_native) only. Lambda functions ECS calls at lifecycle stages of a deployment.
      - By default the service keeps its own; V([]) removes them.
    type: list
    elements: dict
    suboptions:
      hook_target_arn:
        description:
          - ARN of the Lambda function.
        type: str
        required: true
      role_arn:
        description:
          - ARN of the IAM role ECS calls the function with.
        type: str
        required: true
      lifecycle_stages:
        description:
          - The stages, among V(RECONCILE_SERVICE), V(PRE_SCALE_UP), V(POST_SCALE_UP), V(TEST_TRAFFIC_SHIFT),
            V(POST_TEST_TRAFFIC_SHIFT), V(PRE_PRODUCTION_TRAFFIC_SHIFT), V(PRODUCTION_TRAFFIC_SHIFT) and
            V(POST_PRODUCTION_TRAFFIC_SHIFT).
        type: list
        elements: str
        required: true
  alternate_target_group:
    description:
      - O(strategy=ecs_native) only. Name or ARN of the target group the new revision starts in.
      - Defaults to the service's own, else the color's target group that is not the service's.
    type: str
  production_listener_rule:
    description:
      - O(strategy=ecs_native) only. ARN of the listener rule whose forward action ECS moves the traffic on; the
        live color is read from it.
      - Required unless the service has one already.
    type: str
  test_listener_rule:
    description:
      - O(strategy=ecs_native) only. ARN of the listener rule that reaches the new revision before production does.
    type: str
  load_balancer_role_arn:
    description:
      - O(strategy=ecs_native) only. ARN of the IAM role ECS changes the listener rules with (the AWS managed policy
        C(AmazonECSInfrastructureRolePolicyForLoadBalancers)).
      - Required unless the service has one already.
    type: str
notes:
  - "Needs, with O(strategy=codedeploy): C(codedeploy:GetApplication), C(codedeploy:CreateApplication),
    C(codedeploy:GetDeploymentGroup), C(codedeploy:CreateDeploymentGroup), C(codedeploy:UpdateDeploymentGroup),
    C(codedeploy:GetDeploymentConfig), C(codedeploy:CreateDeploymentConfig), C(codedeploy:ListDeployments),
    C(codedeploy:BatchGetDeployments), C(codedeploy:GetDeployment), C(codedeploy:CreateDeployment),
    C(codedeploy:StopDeployment), C(codedeploy:ListDeploymentTargets), C(codedeploy:BatchGetDeploymentTargets)
    and C(iam:PassRole) on O(codedeploy_service_role_arn); with O(strategy=ecs_native): C(ecs:UpdateService),
    C(ecs:ListServiceDeployments), C(ecs:DescribeServiceDeployments), C(ecs:DescribeServiceRevisions),
    C(ecs:StopServiceDeployment), C(ecs:TagResource), C(elasticloadbalancing:DescribeRules) and C(iam:PassRole) on
    O(load_balancer_role_arn) and the hooks' roles."
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
  - bluegreen.aws.wait_slice
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

- name: Put version 42 on the idle service, waiting at most 60 seconds in this call
  bluegreen.aws.ecs_bluegreen:
    cluster: prod
    app: shop
    task_definition: shop:42
    listener_arn: "{{ listener_arn }}"
    wait_slice: 60
  register: release

- name: Wait on for the idle service to be stable, a line of the output each minute, 10 minutes in all
  bluegreen.aws.ecs_bluegreen:
    cluster: prod
    app: shop
    task_definition: shop:42
    listener_arn: "{{ listener_arn }}"
    wait_slice: 60
    wait_started: "{{ release.wait_started }}"
  register: stable
  until: not stable.waiting
  retries: 11
  delay: 0
  when: release.waiting

- name: CodeDeploy, canary 10% for 5 minutes, alarms and a smoke test on the test listener
  bluegreen.aws.ecs_bluegreen:
    cluster: prod
    app: shop
    strategy: codedeploy
    images:
      web: "registry.example.com/shop:{{ version }}"
    version: "{{ version }}"
    listener_arn: "{{ listener_arn }}"
    test_listener_arn: "{{ test_listener_arn }}"
    codedeploy_service_role_arn: arn:aws:iam::123456789012:role/shop-codedeploy
    deployment_config: CodeDeployDefault.ECSCanary10Percent5Minutes
    alarms: [shop-5xx]
    hooks:
      AfterAllowTestTraffic: arn:aws:lambda:us-east-1:123456789012:function:shop-smoke
    wait_timeout: 1800
  register: release

- name: CodeDeploy, a linear configuration of our own (created when missing)
  bluegreen.aws.ecs_bluegreen:
    cluster: prod
    app: shop
    strategy: codedeploy
    task_definition: shop:42
    listener_arn: "{{ listener_arn }}"
    deployment_config: shop-linear-25-every-2
    traffic_routing: {type: linear, percentage: 25, interval: 2}

- name: ECS blue/green, linear 25% steps with a bake time and a hook after the test traffic
  bluegreen.aws.ecs_bluegreen:
    cluster: prod
    app: shop
    strategy: ecs_native
    task_definition: shop:42
    native_strategy: LINEAR
    native_step_percent: 25
    native_step_bake_time: 2
    bake_time: 10
    production_listener_rule: "{{ production_rule_arn }}"
    test_listener_rule: "{{ test_rule_arn }}"
    load_balancer_role_arn: arn:aws:iam::123456789012:role/shop-ecs-infrastructure
    lifecycle_hooks:
      - hook_target_arn: arn:aws:lambda:us-east-1:123456789012:function:shop-smoke
        role_arn: arn:aws:iam::123456789012:role/shop-hooks
        lifecycle_stages: [POST_TEST_TRAFFIC_SHIFT]

- name: The incident path with CodeDeploy or ECS blue/green, stop and roll back, or redeploy the previous version
  bluegreen.aws.ecs_bluegreen:
    cluster: prod
    app: shop
    strategy: codedeploy
    state: rolled_back
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
deployment:
  description:
    - O(strategy=codedeploy) and O(strategy=ecs_native), the deployment the run created or followed, as it ended (in
      check mode, and when there was none, null).
    - With O(strategy=codedeploy), C(id), C(status), C(task_definition), C(deployment_config), C(creator),
      C(description), C(error), C(create_time) and C(complete_time); with O(strategy=ecs_native), C(arn), C(status),
      C(lifecycle_stage), C(status_reason), C(target_service_revision), C(created_at) and C(finished_at).
  returned: always
  type: dict
  sample:
    id: d-8F2D5K9QB
    status: Succeeded
    task_definition: arn:aws:ecs:us-east-1:123456789012:task-definition/shop:42
    deployment_config: CodeDeployDefault.ECSCanary10Percent5Minutes
    creator: user
    description: bluegreen.aws 1.4.2
    error: null
    create_time: "2026-11-29T10:03:10+00:00"
    complete_time: "2026-11-29T10:14:52+00:00"
events:
  description:
    - O(strategy=codedeploy) and O(strategy=ecs_native), what the wait saw, one entry each time it changed (status,
      traffic per task set, lifecycle stage), with the seconds since the wait began.
  returned: always
  type: list
  elements: dict
  sample:
    - {seconds: 0, event: "deployment d-8F2D5K9QB InProgress"}
    - seconds: 35
      event: "deployment d-8F2D5K9QB InProgress: blue task set 90% (2/2 running), green task set 10% (2/2 running)"
    - seconds: 340
      event: "deployment d-8F2D5K9QB InProgress: blue task set 0% (2/2 running), green task set 100% (2/2 running)"
    - {seconds: 655, event: "deployment d-8F2D5K9QB Succeeded"}
actions:
  description: The changes made (in check mode, that would be made), one line each.
  returned: always
  type: list
  elements: str
  sample: ["update service shop-green (green): task definition shop:42, desired count 2"]
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
    service shop-green to be stable (one deployment, every desired task running); waited 60 seconds,
    last seen: 1 deployment(s), 1 of 2 tasks running
wait_started:
  description: When the wait began (seconds since the epoch), to pass as O(wait_started) to the next call.
  returned: when RV(waiting) is true
  type: float
  sample: 1796547600.25
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
