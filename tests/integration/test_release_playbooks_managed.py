"""The provision, deploy, rollback and status playbooks with bluegreen_ecs_strategy codedeploy and
ecs_native against moto.

moto stores the CodeDeploy application, deployment group and deployments but never moves a deployment
on (nor stops one), so deploy runs with bluegreen_deployment_wait false: it starts the deployment and
ends. Following, succeeding, failing and rolling back are unit-tested (test_codedeploy_release.py).
One test walks one app through provision, a rollback with nothing to roll back to (refused), a first
deploy and status, reading AWS with boto3 after each run; provision and deploy run again (nothing
changes, no second deployment) are the idempotence step of the Molecule scenario ecs_codedeploy.
With ecs_native, one provision run: moto has no service deployments, so a deploy could not even look
for the one under way.
"""

import json

from network_setup import make_network
from test_provision import definition, failures

APP = "shop"
VERSION = "1.0.1"
IMAGE = "registry.example.com/shop:1.0.1"


def succeeded(result):
    rc, report = result
    assert rc == 0, json.dumps(failures(report), indent=1)
    return report


def write_definition(tmp_path, variables):
    path = tmp_path / "shop.json"
    path.write_text(json.dumps(variables))
    return "@%s" % path


def test_codedeploy_provision_then_a_first_deploy_up_to_the_created_deployment(aws, ansible, tmp_path):
    network = make_network(aws.client("ec2"))
    variables = definition(
        network,
        bluegreen_ecs_strategy="codedeploy",
        bluegreen_shift="canary",
        bluegreen_step_interval=300,
        bluegreen_termination_wait=15,
        bluegreen_deployment_wait=False,
    )
    succeeded(ansible.playbook("bluegreen.aws.provision", variables))
    codedeploy, ecs = aws.client("codedeploy"), aws.client("ecs")
    group = codedeploy.get_deployment_group(applicationName=APP, deploymentGroupName=APP)["deploymentGroupInfo"]
    assert group["deploymentConfigName"] == "CodeDeployDefault.ECSCanary10Percent5Minutes"
    assert group["serviceRoleArn"].endswith(":role/shop-codedeploy")
    pair = group["loadBalancerInfo"]["targetGroupPairInfoList"][0]
    assert [item["name"] for item in pair["targetGroups"]] == ["shop-blue", "shop-green"]
    assert len(pair["prodTrafficRoute"]["listenerArns"]) == 1 and len(pair["testTrafficRoute"]["listenerArns"]) == 1
    terminate = group["blueGreenDeploymentConfiguration"]["terminateBlueInstancesOnDeploymentSuccess"]
    assert terminate["terminationWaitTimeInMinutes"] == 15
    service = ecs.describe_services(cluster=APP, services=[APP])["services"][0]
    assert service["deploymentController"] == {"type": "CODE_DEPLOY"}

    # Rollback before any deployment: refused, nothing written. The rollback runs in the background, followed
    # by a task with a line every bluegreen_progress_interval seconds; the module's refusal is that task's failure.
    rc, report = ansible.playbook("bluegreen.aws.rollback", dict(variables, bluegreen_progress_interval=1))
    assert rc != 0 and "nothing to roll back to" in json.dumps(failures(report))
    waits = [
        task["hosts"]["localhost"]
        for play in report["plays"]
        for task in play["tasks"]
        if task["task"]["name"].endswith(" : Wait for the rollback through the deployment of shop, at most 3600 s")
    ]
    assert len(waits) == 1 and waits[0].get("failed") and "nothing to roll back to" in waits[0]["msg"], waits
    assert codedeploy.list_deployments(applicationName=APP, deploymentGroupName=APP)["deployments"] == []

    release = dict(variables, bluegreen_version=VERSION, bluegreen_image=IMAGE)
    succeeded(ansible.playbook("bluegreen.aws.deploy", release))
    deployments = codedeploy.list_deployments(applicationName=APP, deploymentGroupName=APP)["deployments"]
    assert len(deployments) == 1
    deployment = codedeploy.get_deployment(deploymentId=deployments[0])["deploymentInfo"]
    assert deployment["deploymentConfigName"] == "CodeDeployDefault.ECSCanary10Percent5Minutes"
    content = json.loads(deployment["revision"]["appSpecContent"]["content"])
    task_definition = content["Resources"][0]["TargetService"]["Properties"]["TaskDefinition"]
    described = ecs.describe_task_definition(taskDefinition=task_definition, include=["TAGS"])
    assert described["taskDefinition"]["containerDefinitions"][0]["image"] == IMAGE
    assert {"key": "bluegreen:version", "value": VERSION} in described["tags"]

    # Status while the deployment is under way: blue still has all the traffic and runs the base revision.
    status_file = tmp_path / "status.json"
    succeeded(ansible.playbook("bluegreen.aws.status", dict(variables, bluegreen_status_file=str(status_file))))
    status = json.loads(status_file.read_text())
    assert (status["live_color"], status["split"]) == ("blue", {"blue": 100, "green": 0})
    assert status["colors"]["blue"]["task_definition"] == service["taskDefinition"]

    # Followed to its end, the deployment runs in the background while a task waits for it, with a line
    # every bluegreen_progress_interval seconds; what the module says when it gives up is the run's failure.
    # (moto never moves the deployment on: the wait gives up after bluegreen_deployment_timeout.)
    follow = dict(release, bluegreen_deployment_wait=True, bluegreen_deployment_timeout=2)
    follow.update(bluegreen_progress_interval=1)
    rc, report = ansible.playbook("bluegreen.aws.deploy", follow)
    assert rc != 0
    waits = [
        task["hosts"]["localhost"]
        for play in report["plays"]
        for task in play["tasks"]
        if task["task"]["name"].endswith(" : Wait for the deployment of %s, at most 2 s" % VERSION)
    ]
    assert len(waits) == 1 and waits[0].get("failed") and waits[0]["attempts"] > 1, waits
    assert failures(report)["localhost"] == "deploy of %s failed: %s" % (VERSION, waits[0]["msg"])


def test_ecs_native_provision_sets_the_service_rules_and_role(aws, ansible):
    network = make_network(aws.client("ec2"))
    variables = definition(
        network,
        bluegreen_ecs_strategy="ecs_native",
        bluegreen_shift="linear",
        bluegreen_linear_percent=20,
        bluegreen_step_interval=120,
        bluegreen_termination_wait=10,
    )
    succeeded(ansible.playbook("bluegreen.aws.provision", variables))
    ecs, elbv2 = aws.client("ecs"), aws.client("elbv2")
    service = ecs.describe_services(cluster=APP, services=[APP])["services"][0]
    assert service["deploymentConfiguration"]["strategy"] == "LINEAR"
    assert service["deploymentConfiguration"]["linearConfiguration"] == {
        "stepPercent": 20.0,
        "stepBakeTimeInMinutes": 2,
    }
    assert service["deploymentConfiguration"]["bakeTimeInMinutes"] == 10
    advanced = service["loadBalancers"][0]["advancedConfiguration"]
    assert advanced["roleArn"].endswith(":role/shop-ecs-load-balancers")
    groups = {
        group["TargetGroupName"]: group["TargetGroupArn"] for group in elbv2.describe_target_groups()["TargetGroups"]
    }
    assert service["loadBalancers"][0]["targetGroupArn"] == groups["shop-blue"]
    assert advanced["alternateTargetGroupArn"] == groups["shop-green"]
    for key in ("productionListenerRule", "testListenerRule"):
        rule = elbv2.describe_rules(RuleArns=[advanced[key]])["Rules"][0]
        weights = [item["Weight"] for item in rule["Actions"][0]["ForwardConfig"]["TargetGroups"]]
        assert weights == [100, 0]
