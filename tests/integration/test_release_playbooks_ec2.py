"""Every playbook on the platform ec2 (two Auto Scaling groups behind the ALB), against moto.

One app goes through a whole life: provision (twice: the second changes nothing), a first release
all at once, a canary release, rollback, status, scale_down, teardown. AWS is checked from outside
(boto3) after each run.
"""

import json
import os

import pytest
from release_setup import Ec2App, ListenerWrites, failures, ok, playbook, serve_fleet

# Its own moto server and fleet: the tests of this module stay on one xdist worker.
pytestmark = pytest.mark.xdist_group("release_playbooks_ec2")

APP = "web"


@pytest.fixture(scope="module")
def fleet(tmp_path_factory):
    yield from serve_fleet(tmp_path_factory, "release-ec2", {APP: "service_pair"}, app_class=Ec2App)


def changed(report):
    return sum(host["changed"] for host in report["stats"].values())


def launch_template(aws, version):
    """The launch template version ``version`` of the app (its data and description)."""
    return aws.client("ec2").describe_launch_template_versions(LaunchTemplateName=APP, Versions=[str(version)])[
        "LaunchTemplateVersions"
    ][0]


def test_what_provision_makes(fleet):
    web, aws = fleet.apps[APP], fleet.aws
    blue, green = web.group("blue"), web.group("green")
    assert (blue["DesiredCapacity"], green["DesiredCapacity"]) == (2, 0), "green waits for the first release"
    for color, group in (("blue", blue), ("green", green)):
        assert (group["HealthCheckType"], group["HealthCheckGracePeriod"]) == ("ELB", 300)
        assert group["TargetGroupARNs"] == [web.target_group(color)]
        assert sorted(group["VPCZoneIdentifier"].split(",")) == sorted(web.vars["bluegreen_subnets"])
        assert group["LaunchTemplate"]["LaunchTemplateName"] == APP
    target_groups = web.elbv2.describe_target_groups(Names=["%s-blue" % APP, "%s-green" % APP])["TargetGroups"]
    assert {group["TargetType"] for group in target_groups} == {"instance"}
    assert {group["Port"] for group in target_groups} == {8080}
    data = launch_template(aws, 1)["LaunchTemplateData"]
    assert (data["ImageId"], data["InstanceType"]) == (Ec2App.AMIS["1.0"], "t3.micro")
    ec2 = aws.client("ec2")
    instances_group = ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": ["%s-instances" % APP]}])
    instances_group = instances_group["SecurityGroups"][0]
    assert data["SecurityGroupIds"] == [instances_group["GroupId"]]
    alb_group = ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": ["%s-alb" % APP]}])
    rules = [
        (rule["FromPort"], rule["ToPort"], [pair["GroupId"] for pair in rule["UserIdGroupPairs"]], rule["IpRanges"])
        for rule in instances_group["IpPermissions"]
    ]
    assert rules == [(8080, 8080, [alb_group["SecurityGroups"][0]["GroupId"]], [])], "only the ALB, on the app's port"


def test_provision_refuses_a_new_launch_template_without_an_ami(fleet):
    web = fleet.apps[APP]
    variables = dict(web.vars, bluegreen_app="noami", bluegreen_image_id="")
    code, report = fleet.ansible.playbook(playbook("provision"), variables)
    assert code != 0
    assert "bluegreen_image_id is required to provision the platform ec2" in " ".join(failures(report))
    balancers = web.elbv2.describe_load_balancers()["LoadBalancers"]
    assert [balancer["LoadBalancerName"] for balancer in balancers] == [APP], "nothing was written"


def test_a_release_cycle_on_auto_scaling_groups(fleet):
    web, aws = fleet.apps[APP], fleet.aws
    writes = ListenerWrites(aws.server.endpoint)

    # First release: all at once onto green (blue runs only what provision gave it).
    lines = ok(web.deploy("1.0", bluegreen_shift="canary", bluegreen_step_interval=30))
    assert web.split() == (0, 100)
    assert web.color("green") == ("1.0", 2)
    assert "1.0 is live on green" in lines[0]
    assert any("production shifted to green (all at once)" in line for line in lines), lines
    green_version = web.group("green")["LaunchTemplate"]["Version"]
    assert launch_template(aws, green_version)["VersionDescription"] == "1.0"
    assert any(line.startswith("green  100%") and "2/2 instances in service" in line for line in lines), lines

    # Provision again: nothing changes, and what the release set (capacity, version) is kept.
    code, report = web.run("provision")
    assert code == 0, failures(report)
    assert changed(report) == 0, [
        task["task"]["name"]
        for play in report["plays"]
        for task in play["tasks"]
        if any(result.get("changed") for result in task["hosts"].values())
    ]
    assert web.group("green")["LaunchTemplate"]["Version"] == green_version
    assert web.color("green") == ("1.0", 2)

    # A canary release onto blue, with a short hold at the canary step.
    lines = ok(web.deploy("2.0", bluegreen_shift="canary", bluegreen_canary_percent=20, bluegreen_step_interval=1))
    assert web.split() == (100, 0)
    assert web.color("blue") == ("2.0", 2)
    assert any("steps 20 -> 100%" in line for line in lines), lines
    blue_data = launch_template(aws, web.group("blue")["LaunchTemplate"]["Version"])
    assert (blue_data["LaunchTemplateData"]["ImageId"], blue_data["VersionDescription"]) == (Ec2App.AMIS["2.0"], "2.0")

    # Rollback: one router write, back to green, which kept its instances.
    writes.start()
    lines = ok(web.run("rollback"))
    assert writes.count() == 1
    assert web.split() == (0, 100)
    assert lines[0] == "web rollback: rolled back to green"

    # The idle color's instances leave their target group: the same release again writes nothing and waits
    # for them in calls of bluegreen_progress_interval seconds, each a retry line of the job output, until
    # bluegreen_wait_timeout runs out; nothing is shifted.
    blue_group = web.target_group("blue")
    targets = [
        item["Target"]
        for item in web.elbv2.describe_target_health(TargetGroupArn=blue_group)["TargetHealthDescriptions"]
    ]
    web.elbv2.deregister_targets(TargetGroupArn=blue_group, Targets=targets)
    writes.start()
    code, output = web.run_output(
        "deploy",
        bluegreen_version="2.0",
        bluegreen_image_id=Ec2App.AMIS["2.0"],
        bluegreen_wait_timeout=8,
        bluegreen_progress_interval=1,
    )
    assert code != 0, output
    lines = output.splitlines()
    retries = [
        index
        for index, line in enumerate(lines)
        if line.startswith("FAILED - RETRYING: [localhost]: ")
        and "Wait for the new color's instances to be healthy targets, blue of web (" in line
    ]
    gave_up = [index for index, line in enumerate(lines) if "gave up waiting for group web-blue to have 2" in line]
    assert retries and gave_up and max(retries) < gave_up[0], output
    assert "(wait_timeout 8); last seen: 2 of 2 instances InService" in lines[gave_up[0]], output
    assert "0 of 2 healthy targets" in lines[gave_up[0]], output
    assert writes.count() == 0 and web.split() == (0, 100)
    running = {instance["InstanceId"] for instance in web.group("blue")["Instances"]}
    web.elbv2.register_targets(TargetGroupArn=blue_group, Targets=[t for t in targets if t["Id"] in running])

    status_file = os.path.join(web.state_dir, "status-ec2.json")
    lines = ok(web.run("status", bluegreen_status_file=status_file))
    with open(status_file) as handle:
        status = json.load(handle)
    assert (status["platform"], status["live_color"]) == ("ec2", "green")
    assert (status["colors"]["blue"]["version"], status["colors"]["green"]["version"]) == ("2.0", "1.0")
    assert status["colors"]["green"]["in_service"] == 2 and status["colors"]["green"]["healthy_targets"] >= 2
    assert any(line.startswith("green  100%") and "instances in service" in line for line in lines), lines

    writes.start()
    lines = ok(web.run("scale_down"))
    assert "blue scaled down" in lines[0]
    assert web.color("blue") == ("2.0", 0) and web.color("green") == ("1.0", 2)
    assert writes.count() == 0


def test_teardown_removes_the_groups_and_the_template(fleet):
    web, aws = fleet.apps[APP], fleet.aws
    ok(web.run("teardown", bluegreen_teardown_confirm=APP))
    groups = aws.client("autoscaling").describe_auto_scaling_groups()["AutoScalingGroups"]
    assert [group["AutoScalingGroupName"] for group in groups] == []
    assert aws.client("ec2").describe_launch_templates()["LaunchTemplates"] == []
    security_groups = aws.client("ec2").describe_security_groups()["SecurityGroups"]
    assert not [group for group in security_groups if group["GroupName"].startswith(APP + "-")]
    assert web.elbv2.describe_load_balancers()["LoadBalancers"] == []
