"""For the Auto Scaling unit tests: API answers (DescribeAutoScalingGroups, DescribeLaunchTemplateVersions) made
into a ``Current``, the module's options, and the live color."""

from ansible_collections.bluegreen.aws.plugins.module_utils._envs import asg_colors
from ansible_collections.bluegreen.aws.plugins.module_utils._envs.asg_colors import Current
from ansible_collections.bluegreen.aws.plugins.module_utils._envs.live_color import Live, Traffic

AMI_1, AMI_2, AMI_3 = "ami-00000001", "ami-00000002", "ami-00000003"
TG = {
    "blue": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-blue/1",
    "green": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-green/2",
}
LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop/1/2"
TEMPLATE_ID = "lt-0123456789abcdef0"


def params(**overrides):
    base = dict(
        app="shop",
        blue_group=None,
        green_group=None,
        launch_template=None,
        listener_arn=None,
        live_color=None,
        state="deployed",
        image_id=None,
        launch_template_version=None,
        version=None,
        desired_count=None,
        color=None,
        min_healthy_targets=None,
        wait=True,
        wait_timeout=900,
        wait_slice=0,
        wait_started=None,
    )
    base.update(overrides)
    return base


def version(number, image_id, **data):
    return {"VersionNumber": number, "LaunchTemplateData": dict(data, ImageId=image_id)}


def group(color, number=1, desired=0, images=(), min_size=0, max_size=4, tags=None, **extra):
    """A group of ``color`` on launch template version ``number`` with one InService instance per AMI in
    ``images``; returns ``(group, {instance id: AMI})``."""
    instances = [
        {"InstanceId": "i-%s%d" % (color, index), "LifecycleState": "InService", "HealthStatus": "Healthy"}
        for index, _image in enumerate(images)
    ]
    found = {
        "AutoScalingGroupName": "shop-%s" % color,
        "AutoScalingGroupARN": "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:x:autoScalingGroupName/"
        "shop-%s" % color,
        "LaunchTemplate": {"LaunchTemplateId": TEMPLATE_ID, "LaunchTemplateName": "shop", "Version": str(number)},
        "MinSize": min_size,
        "MaxSize": max_size,
        "DesiredCapacity": desired,
        "Instances": instances,
        "AvailabilityZones": ["us-east-1a", "us-east-1b"],
        "VPCZoneIdentifier": "subnet-a,subnet-b",
        "TargetGroupARNs": [TG[color]],
        "HealthCheckType": "ELB",
        "HealthCheckGracePeriod": 60,
        "Tags": [{"Key": key, "Value": value} for key, value in (tags or {}).items()],
    }
    found.update(extra)
    return found, dict((instance["InstanceId"], image) for instance, image in zip(instances, images, strict=True))


def current(blue=None, green=None, versions=None, split=None):
    """A Current of both groups (``blue``/``green``: ``group()`` answers) and the template's ``versions``."""
    versions = versions or [version(1, AMI_1)]
    found = Current()
    found.template = {
        "LaunchTemplateId": TEMPLATE_ID,
        "LaunchTemplateName": "shop",
        "DefaultVersionNumber": 1,
        "LatestVersionNumber": max(item["VersionNumber"] for item in versions),
    }
    found.versions = dict((item["VersionNumber"], item) for item in versions)
    answers = {"blue": blue or group("blue"), "green": green or group("green")}
    for color, (answer, images) in answers.items():
        number = asg_colors.resolve_version(answer["LaunchTemplate"]["Version"], found.template)
        states = dict((instance_id, "healthy") for instance_id in images)
        found.groups[color] = answer
        found.views[color] = asg_colors.group_view(answer, number, found.versions.get(number), images, states, {})
    if split is not None:
        found.traffic = Traffic(
            dict(zip(("blue", "green"), split, strict=True)), "listener %s" % LISTENER, "listener_arn", "alb_shift"
        )
    return found


def live_of(found, live_color=None):
    return Live.resolve(found.traffic, live_color, found.counts(), asg_colors.WORDS)
