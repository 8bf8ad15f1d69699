"""Build ECS apps (service pair or task set) behind an ALB in moto (test set-up only).

moto gaps handled here, never in the module: ECS starts no real tasks (a new
service reports MOTO_ECS_SERVICE_RUNNING tasks, 0 here, and UpdateService sets
the running count to the desired count); task sets need launchType FARGATE, a
securityGroups list and container-level memory; moto gives every awsvpc task
an ENI and fails unless the VPC has DNS hostnames enabled.
"""

from dataclasses import dataclass

from alb_setup import make_alb, set_weights

CLUSTER = "prod"
APP = "shop"


@dataclass
class EcsApp:
    strategy: str
    cluster: str
    app: str
    alb: object
    task_definitions: list  # ARNs of shop:1 and shop:2
    network: dict  # network_configuration option (module form)

    def args(self, **extra):
        """Module arguments for this app."""
        args = dict(cluster=self.cluster, app=self.app, strategy=self.strategy, wait_timeout=30)
        args.update(extra)
        return args

    def info_args(self, **extra):
        """ecs_bluegreen_info arguments for this app."""
        args = dict(cluster=self.cluster, app=self.app, strategy=self.strategy)
        args.update(extra)
        return args

    def first_release_args(self, **extra):
        """Arguments that work for the very first release (a task set needs its network)."""
        if self.strategy == "task_set":
            extra.setdefault("network_configuration", self.network)
        return self.args(**extra)


def register_task_definition(ecs, family=APP, image="nginx:1", extra_container=None):
    containers = [
        {
            "name": "web",
            "image": image,
            "memory": 512,
            "essential": True,
            "portMappings": [{"containerPort": 80, "protocol": "tcp"}],
        }
    ]
    if extra_container:
        containers.append(extra_container)
    return ecs.register_task_definition(
        family=family,
        requiresCompatibilities=["FARGATE"],
        networkMode="awsvpc",
        cpu="256",
        memory="512",
        containerDefinitions=containers,
    )["taskDefinition"]["taskDefinitionArn"]


def vpc_config(alb, security_groups=None):
    return {
        "awsvpcConfiguration": {
            "subnets": list(alb.subnets),
            "securityGroups": list(security_groups or [alb.security_group]),
            "assignPublicIp": "DISABLED",
        }
    }


def make_service(ecs, alb, name, color, task_definition, cluster=CLUSTER, security_groups=None, desired_count=0):
    return ecs.create_service(
        cluster=cluster,
        serviceName=name,
        taskDefinition=task_definition,
        desiredCount=desired_count,
        launchType="FARGATE",
        networkConfiguration=vpc_config(alb, security_groups),
        loadBalancers=[{"targetGroupArn": alb.target_groups[color], "containerName": "web", "containerPort": 80}],
        tags=[{"key": "bluegreen:app", "value": APP}, {"key": "bluegreen:color", "value": color}],
    )["service"]["serviceArn"]


def make_app(aws, strategy, app=APP, cluster=CLUSTER):
    """A cluster, an ALB (listener forwarding to blue) and the app's ECS side with no color up."""
    alb = make_alb(aws, app=app, healthy=(0, 0))
    aws.client("ec2").modify_vpc_attribute(VpcId=alb.vpc_id, EnableDnsHostnames={"Value": True})
    ecs = aws.client("ecs")
    ecs.create_cluster(clusterName=cluster)
    task_definitions = [register_task_definition(ecs, app, "nginx:1"), register_task_definition(ecs, app, "nginx:2")]
    if strategy == "service_pair":
        for color in ("blue", "green"):
            make_service(ecs, alb, "%s-%s" % (app, color), color, task_definitions[0], cluster)
    else:
        ecs.create_service(cluster=cluster, serviceName=app, desiredCount=0, deploymentController={"type": "EXTERNAL"})
    network = {"subnets": list(alb.subnets), "security_groups": [alb.security_group], "assign_public_ip": False}
    return EcsApp(strategy, cluster, app, alb, task_definitions, network)


def set_listener_split(aws, ecs_app, blue, green):
    """Point the listener's forward action at blue/green with these weights (test set-up)."""
    groups = ecs_app.alb.target_groups
    set_weights(aws.client("elbv2"), ecs_app.alb.listener_arn, {groups["blue"]: blue, groups["green"]: green})


def snapshot(aws, ecs_app):
    """What AWS holds for the app, read from outside the module: per color task definition and count."""
    ecs = aws.client("ecs")
    state = {"task_definitions": sorted(ecs.list_task_definitions(familyPrefix=ecs_app.app)["taskDefinitionArns"])}
    if ecs_app.strategy == "service_pair":
        services = ecs.describe_services(
            cluster=ecs_app.cluster, services=["%s-blue" % ecs_app.app, "%s-green" % ecs_app.app]
        )["services"]
        for service in services:
            color = service["serviceName"].rsplit("-", 1)[1]
            state[color] = (service["taskDefinition"].rsplit("/", 1)[-1], service["desiredCount"])
    else:
        service = ecs.describe_services(cluster=ecs_app.cluster, services=[ecs_app.app])["services"][0]
        state["desired_count"] = service["desiredCount"]
        task_sets = ecs.describe_task_sets(cluster=ecs_app.cluster, service=ecs_app.app)["taskSets"]
        for color in ("blue", "green"):
            state[color] = sorted(
                (t["taskSetArn"], t["taskDefinition"].rsplit("/", 1)[-1], t["scale"]["value"], t["status"])
                for t in task_sets
                if t["externalId"] == color
            )
    return state


def color_state(aws, ecs_app, color):
    """``(task definition family:revision, desired tasks)`` of one color, or None (no task set)."""
    state = snapshot(aws, ecs_app)
    if ecs_app.strategy == "service_pair":
        return state[color]
    if not state[color]:
        return None
    (_arn, task_definition, scale, _status) = state[color][0]
    return task_definition, int(state["desired_count"] * scale / 100)


def put_version(aws, ecs_app, color, task_definition, desired_count):
    """Set-up without the module: ``color`` runs ``task_definition`` at ``desired_count`` tasks."""
    ecs = aws.client("ecs")
    if ecs_app.strategy == "service_pair":
        ecs.update_service(
            cluster=ecs_app.cluster,
            service="%s-%s" % (ecs_app.app, color),
            taskDefinition=task_definition,
            desiredCount=desired_count,
        )
        return
    ecs.update_service(cluster=ecs_app.cluster, service=ecs_app.app, desiredCount=desired_count)
    ecs.create_task_set(
        cluster=ecs_app.cluster,
        service=ecs_app.app,
        externalId=color,
        taskDefinition=task_definition,
        launchType="FARGATE",
        networkConfiguration=vpc_config(ecs_app.alb),
        loadBalancers=[
            {"targetGroupArn": ecs_app.alb.target_groups[color], "containerName": "web", "containerPort": 80}
        ],
        scale={"unit": "PERCENT", "value": 100.0},
    )
