"""Build an ALB with blue and green target groups in moto (test set-up only)."""

from dataclasses import dataclass, field


@dataclass
class AlbFixture:
    vpc_id: str
    subnets: list
    security_group: str
    load_balancer_arn: str
    listener_arn: str
    target_groups: dict  # {"blue": arn, "green": arn}
    instances: dict = field(default_factory=dict)  # {"blue": [id], "green": [id]}


def make_vpc(ec2, cidr="10.0.0.0/16"):
    vpc_id = ec2.create_vpc(CidrBlock=cidr)["Vpc"]["VpcId"]
    prefix = cidr.rsplit(".", 2)[0]
    subnets = [
        ec2.create_subnet(VpcId=vpc_id, CidrBlock="%s.%d.0/24" % (prefix, index), AvailabilityZone=zone)["Subnet"][
            "SubnetId"
        ]
        for index, zone in enumerate(("us-east-1a", "us-east-1b"))
    ]
    group = ec2.create_security_group(GroupName="alb-%s" % vpc_id, Description="alb", VpcId=vpc_id)["GroupId"]
    return vpc_id, subnets, group


def make_target_group(elbv2, name, vpc_id, port=80):
    return elbv2.create_target_group(
        Name=name, Protocol="HTTP", Port=port, VpcId=vpc_id, TargetType="instance", HealthCheckPath="/"
    )["TargetGroups"][0]["TargetGroupArn"]


def register_instances(ec2, elbv2, target_group_arn, subnet, count):
    reservation = ec2.run_instances(ImageId="ami-12c6146b", MinCount=count, MaxCount=count, SubnetId=subnet)
    ids = [instance["InstanceId"] for instance in reservation["Instances"]]
    elbv2.register_targets(TargetGroupArn=target_group_arn, Targets=[{"Id": i, "Port": 80} for i in ids])
    return ids


def make_alb(aws, app="shop", healthy=(2, 2), port=80, default_actions=None):
    """An ALB `app` with target groups `<app>-blue`/`<app>-green` and a listener on `port`.

    ``healthy`` is how many registered (healthy in moto) instances each color gets.
    By default the listener forwards everything to blue.
    """
    ec2, elbv2 = aws.client("ec2"), aws.client("elbv2")
    vpc_id, subnets, group = make_vpc(ec2)
    lb_arn = elbv2.create_load_balancer(Name=app, Subnets=subnets, SecurityGroups=[group], Scheme="internal")[
        "LoadBalancers"
    ][0]["LoadBalancerArn"]
    target_groups = {color: make_target_group(elbv2, "%s-%s" % (app, color), vpc_id) for color in ("blue", "green")}
    instances = {}
    for color, count in zip(("blue", "green"), healthy, strict=True):
        if count:
            instances[color] = register_instances(ec2, elbv2, target_groups[color], subnets[0], count)
    actions = default_actions or [{"Type": "forward", "TargetGroupArn": target_groups["blue"]}]
    listener_arn = elbv2.create_listener(LoadBalancerArn=lb_arn, Protocol="HTTP", Port=port, DefaultActions=actions)[
        "Listeners"
    ][0]["ListenerArn"]
    return AlbFixture(vpc_id, subnets, group, lb_arn, listener_arn, target_groups, instances)


def set_weights(elbv2, listener_arn, weights):
    """Point the listener's default action at ``{target group arn: weight}`` (test set-up)."""
    groups = [{"TargetGroupArn": arn, "Weight": weight} for arn, weight in weights.items()]
    elbv2.modify_listener(
        ListenerArn=listener_arn,
        DefaultActions=[{"Type": "forward", "ForwardConfig": {"TargetGroups": groups}}],
    )


def forward_split(actions):
    """{target group arn: weight} of the forward action in ``actions`` (test-side reading)."""
    forward = [action for action in actions if action["Type"] == "forward"][0]
    groups = (forward.get("ForwardConfig") or {}).get("TargetGroups")
    if groups:
        return {group["TargetGroupArn"]: group.get("Weight", 1) for group in groups}
    return {forward["TargetGroupArn"]: 1}


def listener_split(elbv2, fixture):
    """{"blue": percent, "green": percent} as seen from outside the module."""
    actions = elbv2.describe_listeners(ListenerArns=[fixture.listener_arn])["Listeners"][0]["DefaultActions"]
    return percent_split(forward_split(actions), fixture.target_groups)


def percent_split(weights, target_groups):
    total = sum(weights.values())
    return {color: round(100 * weights.get(arn, 0) / total) for color, arn in target_groups.items()}
