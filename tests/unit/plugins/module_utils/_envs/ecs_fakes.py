"""For the ECS unit tests: ECS API answers (DescribeServices, DescribeTaskSets, DescribeTaskDefinition), the
module's options, and fakes of the ECS calls (``FakeApi``) and of the reader (``FakeReader``)."""

import copy

from ansible_collections.bluegreen.aws.plugins.module_utils._envs import ecs_colors
from ansible_collections.bluegreen.aws.plugins.module_utils._envs.ecs_colors import Current
from ansible_collections.bluegreen.aws.plugins.module_utils._envs.ecs_task_definitions import Catalog
from ansible_collections.bluegreen.aws.plugins.module_utils._envs.live_color import Live, Traffic

TD1 = "arn:aws:ecs:us-east-1:123456789012:task-definition/shop:1"
TD2 = "arn:aws:ecs:us-east-1:123456789012:task-definition/shop:2"
TD3 = "arn:aws:ecs:us-east-1:123456789012:task-definition/shop:3"
TG_BLUE = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-blue/1"
TG_GREEN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-green/2"
TARGET_GROUPS = {"blue": TG_BLUE, "green": TG_GREEN}
LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop/1/2"
NETWORK = {"awsvpcConfiguration": {"subnets": ["subnet-b", "subnet-a"], "securityGroups": ["sg-1"]}}
SERVICE_ARN = "arn:aws:ecs:us-east-1:123456789012:service/prod/shop"


def params(**overrides):
    base = dict(
        cluster="prod",
        app="shop",
        strategy="service_pair",
        blue_service=None,
        green_service=None,
        service=None,
        blue_target_group=None,
        green_target_group=None,
        state="deployed",
        task_definition=None,
        images=None,
        desired_count=None,
        color=None,
        listener_arn=None,
        live_color=None,
        network_configuration=None,
        launch_type=None,
        container_name=None,
        container_port=None,
        wait=True,
        wait_timeout=600,
        wait_slice=0,
        wait_started=None,
    )
    base.update(overrides)
    return base


def service(name, task_definition=TD1, desired=2, running=None, deployments=1, target_group=TG_BLUE, **extra):
    running = desired if running is None else running
    result = {
        "serviceArn": "arn:aws:ecs:us-east-1:123456789012:service/prod/%s" % name,
        "serviceName": name,
        "taskDefinition": task_definition,
        "desiredCount": desired,
        "runningCount": running,
        "status": "ACTIVE",
        "launchType": "FARGATE",
        "networkConfiguration": copy.deepcopy(NETWORK),
        "loadBalancers": [{"targetGroupArn": target_group, "containerName": "web", "containerPort": 80}],
        "deployments": [{"id": "d%d" % i, "status": "PRIMARY" if i == 0 else "ACTIVE"} for i in range(deployments)],
    }
    result.update(extra)
    return result


def task_set(color, task_definition=TD1, scale=100.0, status="ACTIVE", target_group=None, **extra):
    result = {
        "taskSetArn": "arn:aws:ecs:us-east-1:123456789012:task-set/prod/shop/ecs-svc/%s%s" % (color, scale),
        "id": "ecs-svc/%s" % color,
        "externalId": color,
        "status": status,
        "taskDefinition": task_definition,
        "launchType": "FARGATE",
        "platformVersion": "1.4.0",
        "networkConfiguration": copy.deepcopy(NETWORK),
        "loadBalancers": [
            {
                "targetGroupArn": target_group or TARGET_GROUPS[color],
                "containerName": "web",
                "containerPort": 80,
            }
        ],
        "scale": {"value": scale, "unit": "PERCENT"},
        "stabilityStatus": "STEADY_STATE",
    }
    result.update(extra)
    return result


def task_definition(arn=TD1, image="nginx:1", containers=None):
    return {
        "taskDefinitionArn": arn,
        "family": "shop",
        "revision": int(arn.rsplit(":", 1)[1]),
        "status": "ACTIVE",
        "networkMode": "awsvpc",
        "cpu": "256",
        "memory": "512",
        "requiresCompatibilities": ["FARGATE"],
        "compatibilities": ["EC2", "FARGATE"],
        "volumes": [],
        "containerDefinitions": containers
        or [
            {
                "name": "web",
                "image": image,
                "cpu": 0,
                "memory": 512,
                "essential": True,
                "portMappings": [{"containerPort": 80, "protocol": "tcp"}],
                "environment": [],
            }
        ],
    }


def pair_views(blue=None, green=None):
    return {
        "blue": ecs_colors.service_view(blue or service("shop-blue", desired=0), TG_BLUE),
        "green": ecs_colors.service_view(green or service("shop-green", desired=0, target_group=TG_GREEN), TG_GREEN),
    }


def task_set_case(blue=None, green=None, service_desired=2):
    """``(found, views, service)`` of a task set app."""
    found = {"blue": [blue] if blue else [], "green": [green] if green else []}
    views = {
        "blue": ecs_colors.task_set_view(blue, service_desired, TG_BLUE),
        "green": ecs_colors.task_set_view(green, service_desired, TG_GREEN),
    }
    svc = {"serviceArn": SERVICE_ARN, "serviceName": "shop", "desiredCount": service_desired}
    return found, views, svc


def pair_current(blue=None, green=None, split=None):
    """A Current of a service pair (both at shop:1, no tasks, unless given); ``split`` the listener's."""
    current = Current("service_pair")
    current.services = {
        "blue": blue or service("shop-blue", desired=0),
        "green": green or service("shop-green", desired=0, target_group=TG_GREEN),
    }
    current.target_group_arns = dict(TARGET_GROUPS)
    current.views = {
        color: ecs_colors.service_view(current.services[color], TARGET_GROUPS[color]) for color in TARGET_GROUPS
    }
    current.traffic = traffic(split)
    return current


def task_set_current(blue=None, green=None, service_desired=2, split=None, **service_extra):
    current = Current("task_set")
    found, views, svc = task_set_case(blue, green, service_desired)
    svc.update(service_extra)
    current.services = {"service": svc}
    current.task_sets = found
    current.views = views
    current.target_group_arns = dict(TARGET_GROUPS)
    current.traffic = traffic(split)
    return current


def traffic(split):
    if split is None:
        return None
    return Traffic(
        dict(zip(("blue", "green"), split, strict=True)), "listener %s" % LISTENER, "listener_arn", "alb_shift"
    )


def live_of(current, live_color=None):
    return Live.resolve(current.traffic, live_color, current.counts(), ecs_colors.WORDS)


def catalog(*task_definitions, latest=None):
    """A Catalog of these task definitions (by ARN and ``family:revision``); ``latest`` of family shop."""
    found = Catalog()
    for described in task_definitions:
        found.add(described["taskDefinitionArn"].rsplit("/", 1)[1], described, [])
    found.set_latest("shop", latest)
    return found


NEW_TASK_SET = "arn:aws:ecs:us-east-1:123456789012:task-set/prod/shop/ecs-svc/new"


class FakeApi:
    """The ``_aws.ecs.EcsCluster`` interface; records every call as ``(method, arguments)``.

    ``services`` and ``task_sets`` are the answers of the describe calls of the waits, the last one repeating.
    """

    def __init__(self, services=None, task_sets=None, registered_arn=TD3):
        self.calls = []
        self.services = list(services or [service("shop-green", TD2, desired=2)])
        self.task_sets = list(task_sets or [task_set("green", TD2)])
        self.registered_arn = registered_arn

    def _record(self, method, **arguments):
        self.calls.append((method, arguments))

    def writes(self):
        return [method for method, _arguments in self.calls if not method.startswith("describe")]

    def register_task_definition(self, registration, tags):
        self._record("register_task_definition", registration=registration, tags=tags)
        return dict(registration, taskDefinitionArn=self.registered_arn, revision=int(self.registered_arn[-1]))

    def update_service(self, service, task_definition=None, desired_count=None):
        self._record("update_service", service=service, task_definition=task_definition, desired_count=desired_count)

    def tag_resource(self, arn, tags):
        self._record("tag_resource", arn=arn, tags=tags)

    def tag_target_group(self, arn, tags):
        self._record("tag_target_group", arn=arn, tags=tags)

    def create_task_set(self, service, spec):
        self._record("create_task_set", service=service, spec=spec)
        return {"taskSetArn": NEW_TASK_SET}

    def delete_task_set(self, service, task_set):
        self._record("delete_task_set", service=service, task_set=task_set)

    def scale_task_set(self, service, task_set, percent):
        self._record("scale_task_set", service=service, task_set=task_set, percent=percent)

    def make_primary(self, service, task_set):
        self._record("make_primary", service=service, task_set=task_set)

    def describe_service(self, service):
        self._record("describe_service", service=service)
        return self.services.pop(0) if len(self.services) > 1 else self.services[0]

    def describe_task_set(self, service, task_set):
        self._record("describe_task_set", service=service, task_set=task_set)
        return self.task_sets.pop(0) if len(self.task_sets) > 1 else self.task_sets[0]


class FakeElb:
    """An ELBv2 client whose target groups each hold ``healthy`` healthy targets and one unhealthy one."""

    def __init__(self, healthy=2):
        self.healthy = healthy
        self.asked = []

    def describe_target_health(self, TargetGroupArn, aws_retry):  # noqa: N803 (boto3's name)
        assert aws_retry is True
        self.asked.append(TargetGroupArn)
        states = ["healthy"] * self.healthy + ["unhealthy"]
        return {
            "TargetHealthDescriptions": [
                {"Target": {"Id": "10.0.1.%d" % index}, "TargetHealth": {"State": state}}
                for index, state in enumerate(states)
            ]
        }


class FakeReader:
    """Answers ``read()`` from a list of Currents (the last one repeating), with a fixed Catalog."""

    def __init__(self, *currents, found=None):
        self.currents = list(currents)
        self.reads = 0
        self.catalog = found or catalog(task_definition(TD1), task_definition(TD2, image="nginx:2"))
        self.client = None
        self.elb = FakeElb()
        self.loaded = []

    def read(self):
        self.reads += 1
        return self.currents.pop(0) if len(self.currents) > 1 else self.currents[0]

    def load_task_definitions(self, params, current):
        self.loaded.append(params.get("task_definition"))
