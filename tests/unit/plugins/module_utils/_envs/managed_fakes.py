"""For the unit tests of the codedeploy and ecs_native strategies: real botocore clients behind botocore's
Stubber, answering with response sequences shaped like the documented AWS responses (ECS DescribeServices,
ListServiceDeployments, DescribeServiceDeployments; CodeDeploy GetDeployment, ListDeploymentTargets,
BatchGetDeploymentTargets; ELBv2 DescribeTargetGroups, DescribeListeners, DescribeRules).

Each call is checked against the service model (its parameters and its answer) and against the order the
test expects; ``StubbedClient`` drops the ``aws_retry=True`` that the collection's retrying clients take.
"""

import datetime

import botocore.session
from botocore.stub import ANY, Stubber

from .ecs_fakes import LISTENER, TD1, TD2, TG_BLUE, TG_GREEN, task_definition

CLUSTER_ARN = "arn:aws:ecs:us-east-1:123456789012:cluster/prod"
SERVICE_ARN = "arn:aws:ecs:us-east-1:123456789012:service/prod/shop"
ROLE = "arn:aws:iam::123456789012:role/shop-codedeploy"
LB_ROLE = "arn:aws:iam::123456789012:role/shop-ecs-infrastructure"
RULE = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/shop/1/2/3"
HOOK = "arn:aws:lambda:us-east-1:123456789012:function:shop-check"
WHEN = datetime.datetime(2026, 11, 29, 10, 0, 0)


_SESSION = botocore.session.get_session()  # one session: its loaded service models are reused


class StubbedClient:
    """A botocore client whose calls accept (and require) ``aws_retry=True``."""

    def __init__(self, service):
        self.client = _SESSION.create_client(
            service, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing"
        )
        self.stubber = Stubber(self.client)
        self.stubber.activate()

    def __getattr__(self, name):
        method = getattr(self.client, name)

        def call(**kwargs):
            assert kwargs.pop("aws_retry", None) is True, "%s was called without aws_retry=True" % name
            return method(**kwargs)

        return call

    def answer(self, method, response, expected=None):
        self.stubber.add_response(method, response, expected)

    def fail(self, method, code, message="", expected=None):
        self.stubber.add_client_error(method, code, message, expected_params=expected)

    def done(self):
        self.stubber.assert_no_pending_responses()


def managed_params(strategy, **overrides):
    base = dict(
        cluster="prod",
        app="shop",
        strategy=strategy,
        blue_service=None,
        green_service=None,
        service=None,
        blue_target_group=None,
        green_target_group=None,
        listener_arn=LISTENER if strategy == "codedeploy" else None,
        live_color=None,
        state="deployed",
        task_definition="shop:2",
        images=None,
        desired_count=None,
        version=None,
        color=None,
        network_configuration=None,
        launch_type=None,
        container_name=None,
        container_port=None,
        codedeploy_application=None,
        codedeploy_deployment_group=None,
        codedeploy_service_role_arn=ROLE if strategy == "codedeploy" else None,
        deployment_config=None,
        traffic_routing=None,
        test_listener_arn=None,
        termination_wait=None,
        hooks=None,
        alarms=None,
        native_strategy=None,
        native_step_percent=None,
        native_step_bake_time=None,
        bake_time=None,
        lifecycle_hooks=None,
        alternate_target_group=None,
        production_listener_rule=None,
        test_listener_rule=None,
        load_balancer_role_arn=None,
        wait=True,
        wait_timeout=600,
    )
    base.update(overrides)
    return base


# --------------------------------------------------------------------------- ECS and ELBv2 answers


def ecs_service(controller, task_definition=TD1, task_sets=None, **extra):
    service = {
        "serviceArn": SERVICE_ARN,
        "serviceName": "shop",
        "clusterArn": CLUSTER_ARN,
        "status": "ACTIVE",
        "desiredCount": 2,
        "runningCount": 2,
        "taskDefinition": task_definition,
        "deploymentController": {"type": controller},
        "loadBalancers": [{"targetGroupArn": TG_BLUE, "containerName": "web", "containerPort": 80}],
    }
    if task_sets is not None:
        service["taskSets"] = task_sets
    service.update(extra)
    return service


def codedeploy_task_set(color, task_definition, status="PRIMARY", label="a"):
    return {
        "id": "ecs-svc/%s" % label,
        "taskSetArn": "arn:aws:ecs:us-east-1:123456789012:task-set/prod/shop/ecs-svc/%s" % label,
        "status": status,
        "taskDefinition": task_definition,
        "computedDesiredCount": 2,
        "runningCount": 2,
        "externalId": "CodeDeploy/d-PREVIOUS",
        "loadBalancers": [
            {"targetGroupArn": TG_BLUE if color == "blue" else TG_GREEN, "containerName": "web", "containerPort": 80}
        ],
        "scale": {"value": 100.0, "unit": "PERCENT"},
    }


def stub_service(ecs, service):
    ecs.answer("describe_clusters", {"clusters": [{"clusterName": "prod", "status": "ACTIVE"}]})
    ecs.answer("describe_services", {"services": [service]})


def stub_target_groups(elb):
    for name, arn in (("shop-blue", TG_BLUE), ("shop-green", TG_GREEN)):
        elb.answer(
            "describe_target_groups",
            {"TargetGroups": [{"TargetGroupArn": arn, "TargetGroupName": name}]},
            {"Names": [name]},
        )


def stub_listener(elb, weights):
    groups = [
        {"TargetGroupArn": arn, "Weight": weight} for arn, weight in zip((TG_BLUE, TG_GREEN), weights, strict=True)
    ]
    action = {"Type": "forward", "ForwardConfig": {"TargetGroups": groups}}
    elb.answer("describe_listeners", {"Listeners": [{"ListenerArn": LISTENER, "DefaultActions": [action]}]})


def stub_rule(elb, weights):
    groups = [
        {"TargetGroupArn": arn, "Weight": weight} for arn, weight in zip((TG_BLUE, TG_GREEN), weights, strict=True)
    ]
    action = {"Type": "forward", "ForwardConfig": {"TargetGroups": groups}}
    elb.answer("describe_rules", {"Rules": [{"RuleArn": RULE, "Actions": [action], "IsDefault": False}]})


def stub_task_definition(ecs, arn=TD2):
    ecs.answer("describe_task_definition", {"taskDefinition": task_definition(arn), "tags": []})


ANY_PARAMS = ANY
