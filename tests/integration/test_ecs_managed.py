"""ecs_bluegreen with strategy=codedeploy and strategy=ecs_native against moto: what moto does.

moto stores CodeDeploy applications, deployment groups and deployments but never moves a deployment
forward (and has no UpdateDeploymentGroup, StopDeployment or deployment configurations); it stores the
ECS blue/green fields of a service and ignores them (and has no service deployments). So these tests
cover creation, idempotence and refusals with ``wait: false``; progress, success, failure, rollback
and timeouts are unit-tested (tests/unit/.../test_codedeploy_release.py, test_ecs_native_release.py).
"""

import pytest
from batch import Runner, failed, ok
from batch import four_steps as run_four_steps
from ecs_setup import APP, CLUSTER, make_app

MODULE = "bluegreen.aws.ecs_bluegreen"
INFO = "bluegreen.aws.ecs_bluegreen_info"
ROLE = "arn:aws:iam::123456789012:role/shop-codedeploy"
LB_ROLE = "arn:aws:iam::123456789012:role/shop-ecs-infrastructure"


@pytest.fixture
def run(ansible, tmp_path):
    return Runner(ansible, tmp_path, MODULE, INFO)


def make_managed_service(aws, strategy):
    """The ALB and task definitions of the ECS fixture, and one service <app> on blue's target group."""
    app = make_app(aws, "task_set")
    ecs = aws.client("ecs")
    ecs.delete_service(cluster=CLUSTER, service=APP, force=True)
    controller = "CODE_DEPLOY" if strategy == "codedeploy" else "ECS"
    ecs.create_service(
        cluster=CLUSTER,
        serviceName="%s-svc" % APP,
        taskDefinition=app.task_definitions[0],
        desiredCount=2,
        launchType="FARGATE",
        deploymentController={"type": controller},
        loadBalancers=[{"targetGroupArn": app.alb.target_groups["blue"], "containerName": "web", "containerPort": 80}],
    )
    return app


def codedeploy_snapshot(aws):
    client = aws.client("codedeploy")
    groups = client.list_deployment_groups(applicationName=APP)["deploymentGroups"] if _has_app(client) else []
    deployments = client.list_deployments(applicationName=APP, deploymentGroupName=APP)["deployments"] if groups else []
    return {
        "applications": client.list_applications()["applications"],
        "groups": groups,
        "deployments": len(deployments),
    }


def _has_app(client):
    return APP in client.list_applications()["applications"]


def codedeploy_args(app, **extra):
    args = dict(
        cluster=CLUSTER,
        app=APP,
        service="%s-svc" % APP,
        strategy="codedeploy",
        listener_arn=app.alb.listener_arn,
        codedeploy_service_role_arn=ROLE,
        wait=False,
    )
    args.update(extra)
    return args


def test_codedeploy_configured_creates_the_application_and_group_once(aws, run):
    app = make_managed_service(aws, "codedeploy")
    args = codedeploy_args(app, state="configured", termination_wait=10)
    checked, applied, _again = run_four_steps(run, args, lambda: codedeploy_snapshot(aws))
    assert applied["actions"][0] == "create CodeDeploy application shop (ECS)"
    assert applied["actions"][1].startswith("create deployment group shop (blue/green")
    group = aws.client("codedeploy").get_deployment_group(applicationName=APP, deploymentGroupName=APP)
    info = group["deploymentGroupInfo"]
    assert info["deploymentStyle"] == {"deploymentType": "BLUE_GREEN", "deploymentOption": "WITH_TRAFFIC_CONTROL"}
    assert info["ecsServices"] == [{"serviceName": "shop-svc", "clusterName": CLUSTER}]
    pair = info["loadBalancerInfo"]["targetGroupPairInfoList"][0]
    assert pair["targetGroups"] == [{"name": "shop-blue"}, {"name": "shop-green"}]
    assert pair["prodTrafficRoute"] == {"listenerArns": [app.alb.listener_arn]}
    assert info["autoRollbackConfiguration"]["events"] == ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"]
    wait = info["blueGreenDeploymentConfiguration"]["terminateBlueInstancesOnDeploymentSuccess"]
    assert wait["terminationWaitTimeInMinutes"] == 10


def test_codedeploy_deploy_creates_one_deployment_then_follows_it(aws, run):
    app = make_managed_service(aws, "codedeploy")
    args = codedeploy_args(app, task_definition="shop:2", version="1.0.2")
    info_args = dict(cluster=CLUSTER, app=APP, service="shop-svc", strategy="codedeploy")
    first, second, info = [ok(result) for result in run.batch(args, args, (info_args, {"module": INFO}))]
    assert first["changed"] is True
    assert (
        first["actions"][-1]
        == "create CodeDeploy deployment of shop:2 (CodeDeployDefault.ECSAllAtOnce, container web:80)"
    )
    assert first["deployment"]["task_definition"] == app.task_definitions[1]
    # moto never moves the deployment on: the second run finds it under way and creates none.
    assert second["changed"] is False and second["actions"] == []
    assert second["deployment"]["id"] == first["deployment"]["id"]
    assert codedeploy_snapshot(aws)["deployments"] == 1
    content = aws.client("codedeploy").get_deployment(deploymentId=first["deployment"]["id"])["deploymentInfo"]
    assert '"TaskDefinition": "%s"' % app.task_definitions[1] in content["revision"]["appSpecContent"]["content"]
    assert info["deployment_group"]["target_groups"] == ["shop-blue", "shop-green"]
    assert [item["status"] for item in info["deployments"]] == ["Created"]
    assert info["colors"]["blue"]["task_definition"] == app.task_definitions[0]


def test_codedeploy_refusals_write_nothing(aws, run):
    app = make_managed_service(aws, "codedeploy")
    before = codedeploy_snapshot(aws)
    no_role, another_version, wrong_controller = run.batch(
        codedeploy_args(app, task_definition="shop:2", codedeploy_service_role_arn=None),
        codedeploy_args(
            app, task_definition="shop:1", state="configured", deployment_config="CodeDeployDefault.OneAtATime"
        ),
        codedeploy_args(app, task_definition="shop:2", strategy="ecs_native", codedeploy_service_role_arn=None),
    )
    failed(no_role, "codedeploy_service_role_arn", "deployment group shop does not exist", "nothing changed")
    failed(another_version, "task_definition is only used with state=deployed")
    failed(
        wrong_controller, "service shop-svc uses the CODE_DEPLOY deployment controller", "strategy=ecs_native needs ECS"
    )
    assert codedeploy_snapshot(aws) == before


def native_snapshot(aws):
    service = aws.client("ecs").describe_services(cluster=CLUSTER, services=["shop-svc"])["services"][0]
    return {key: service.get(key) for key in ("taskDefinition", "deploymentConfiguration", "loadBalancers")}


def test_ecs_native_configured_sets_the_blue_green_settings_once(aws, run):
    app = make_managed_service(aws, "ecs_native")
    rule = aws.client("elbv2").create_rule(
        ListenerArn=app.alb.listener_arn,
        Priority=10,
        Conditions=[{"Field": "path-pattern", "Values": ["/*"]}],
        Actions=[{"Type": "forward", "TargetGroupArn": app.alb.target_groups["blue"]}],
    )["Rules"][0]["RuleArn"]
    args = dict(
        cluster=CLUSTER,
        app=APP,
        service="shop-svc",
        strategy="ecs_native",
        state="configured",
        production_listener_rule=rule,
        load_balancer_role_arn=LB_ROLE,
        bake_time=5,
    )
    _checked, applied, again = run_four_steps(run, args, lambda: native_snapshot(aws))
    assert applied["live_color"] == "blue"
    service = native_snapshot(aws)
    assert service["deploymentConfiguration"]["strategy"] == "BLUE_GREEN"
    assert service["deploymentConfiguration"]["bakeTimeInMinutes"] == 5
    advanced = service["loadBalancers"][0]["advancedConfiguration"]
    assert advanced == {
        "alternateTargetGroupArn": app.alb.target_groups["green"],
        "productionListenerRule": rule,
        "roleArn": LB_ROLE,
    }
