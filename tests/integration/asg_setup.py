"""Build an EC2 app in moto: a launch template and two Auto Scaling groups behind an ALB (test set-up only).

moto gaps handled here, never in the module: CreateLaunchTemplateVersion ignores
SourceVersion (the new version holds only the data given), so the template here
holds only an AMI and the versions made from it are complete; no
StartInstanceRefresh (the module replaces instances itself); an instance reports
the template's default version, not the one it was launched from (the module
and this file read AMIs instead); instances that leave a group stay registered,
and healthy, in its target group (the module counts only the group's instances).
moto registers a group's instances in its target groups, as AWS does.
"""

from dataclasses import dataclass

from alb_setup import make_alb, set_weights

APP = "shop"
# AMIs that moto knows.
AMI_1, AMI_2, AMI_3 = "ami-12c6146b", "ami-03cf127a", "ami-1812c061"
COLORS = ("blue", "green")


@dataclass
class AsgApp:
    app: str
    alb: object
    template_id: str

    def args(self, **extra):
        """asg_bluegreen arguments for this app."""
        args = dict(app=self.app, wait_timeout=30)
        args.update(extra)
        return args

    def info_args(self, **extra):
        args = dict(app=self.app)
        args.update(extra)
        return args

    def group(self, color):
        return "%s-%s" % (self.app, color)


def make_group(autoscaling, alb, name, color, version="1", template=APP, grace=60, target_group=None, **extra):
    settings = dict(
        AutoScalingGroupName=name,
        LaunchTemplate={"LaunchTemplateName": template, "Version": version},
        MinSize=0,
        MaxSize=4,
        DesiredCapacity=0,
        VPCZoneIdentifier=",".join(alb.subnets),
        TargetGroupARNs=[target_group or alb.target_groups[color]],
        HealthCheckType="ELB",
        HealthCheckGracePeriod=grace,
        Tags=[
            {
                "ResourceId": name,
                "ResourceType": "auto-scaling-group",
                "Key": key,
                "Value": value,
                "PropagateAtLaunch": True,
            }
            for key, value in (("bluegreen:app", APP), ("bluegreen:color", color))
        ],
    )
    settings.update(extra)
    autoscaling.create_auto_scaling_group(**settings)


def make_app(aws, app=APP):
    """An ALB (listener forwarding to blue), launch template ``app`` (version 1: AMI_1) and two empty groups."""
    alb = make_alb(aws, app=app, healthy=(0, 0))
    template_id = aws.client("ec2").create_launch_template(
        LaunchTemplateName=app, LaunchTemplateData={"ImageId": AMI_1}
    )["LaunchTemplate"]["LaunchTemplateId"]
    autoscaling = aws.client("autoscaling")
    for color in COLORS:
        make_group(autoscaling, alb, "%s-%s" % (app, color), color)
    return AsgApp(app, alb, template_id)


def add_version(aws, asg_app, image_id, **data):
    """A new launch template version with ``image_id`` (and ``data``); its number."""
    return aws.client("ec2").create_launch_template_version(
        LaunchTemplateId=asg_app.template_id, LaunchTemplateData=dict(data, ImageId=image_id)
    )["LaunchTemplateVersion"]["VersionNumber"]


def put_version(aws, asg_app, color, version, desired):
    """Set-up without the module: ``color`` launches from launch template ``version`` at ``desired`` instances."""
    aws.client("autoscaling").update_auto_scaling_group(
        AutoScalingGroupName=asg_app.group(color),
        LaunchTemplate={"LaunchTemplateId": asg_app.template_id, "Version": str(version)},
        DesiredCapacity=desired,
    )


def set_listener_split(aws, asg_app, blue, green):
    groups = asg_app.alb.target_groups
    set_weights(aws.client("elbv2"), asg_app.alb.listener_arn, {groups["blue"]: blue, groups["green"]: green})


def instance_images(aws, ids):
    if not ids:
        return {}
    found = aws.client("ec2").describe_instances(InstanceIds=ids)["Reservations"]
    return {i["InstanceId"]: i["ImageId"] for r in found for i in r["Instances"]}


def color_state(aws, asg_app, color):
    """``(launch template version, desired capacity, sorted AMIs of its instances)`` of one color."""
    group = aws.client("autoscaling").describe_auto_scaling_groups(AutoScalingGroupNames=[asg_app.group(color)])[
        "AutoScalingGroups"
    ][0]
    images = instance_images(aws, [i["InstanceId"] for i in group["Instances"]])
    return group["LaunchTemplate"]["Version"], group["DesiredCapacity"], sorted(images.values())


def snapshot(aws, asg_app):
    """Everything a write could touch, read from outside the module."""
    autoscaling, ec2 = aws.client("autoscaling"), aws.client("ec2")
    groups = autoscaling.describe_auto_scaling_groups(AutoScalingGroupNames=[asg_app.group(c) for c in COLORS])
    state = {
        "versions": [
            (v["VersionNumber"], v["LaunchTemplateData"].get("ImageId"), v.get("VersionDescription"))
            for v in ec2.describe_launch_template_versions(LaunchTemplateId=asg_app.template_id)[
                "LaunchTemplateVersions"
            ]
        ],
        "listener": aws.client("elbv2").describe_listeners(ListenerArns=[asg_app.alb.listener_arn])["Listeners"][0][
            "DefaultActions"
        ],
    }
    for group in groups["AutoScalingGroups"]:
        state[group["AutoScalingGroupName"]] = (
            group["LaunchTemplate"],
            group["DesiredCapacity"],
            group["MinSize"],
            group["MaxSize"],
            sorted(i["InstanceId"] for i in group["Instances"]),
            sorted((t["Key"], t["Value"]) for t in group["Tags"]),
        )
    return state
