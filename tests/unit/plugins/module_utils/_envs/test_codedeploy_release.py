"""ecs_bluegreen with strategy=codedeploy, against Stubber clients answering like AWS documents
(see managed_fakes): what moto cannot show, a deployment that moves on, succeeds, fails, times out or
is stopped with rollback."""

import json

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import ModuleFailure, Refusal
from ansible_collections.bluegreen.aws.plugins.module_utils._envs import codedeploy_plan
from ansible_collections.bluegreen.aws.plugins.module_utils._envs.codedeploy_release import (
    CodeDeployRelease,
    describe_codedeploy,
)
from ansible_collections.bluegreen.aws.plugins.module_utils._envs.ecs_managed_options import codedeploy_names
from fakes import FakeClock, FakeModule

from .ecs_fakes import TD1, TD2, TD3, task_definition
from .managed_fakes import (
    ROLE,
    WHEN,
    StubbedClient,
    codedeploy_task_set,
    ecs_service,
    managed_params,
    stub_listener,
    stub_service,
    stub_target_groups,
    stub_task_definition,
)


def group(**overrides):
    """A GetDeploymentGroup answer matching the default options."""
    params = managed_params("codedeploy", **overrides)
    spec = codedeploy_plan.wanted_group(
        params, codedeploy_names(params), {"blue": "shop-blue", "green": "shop-green"}, "shop", ROLE
    )
    return dict(spec, computePlatform="ECS", deploymentGroupId="1b2c")


def deployment(deployment_id, task_definition, status, **extra):
    """A GetDeployment / BatchGetDeployments item."""
    content = codedeploy_plan.appspec(task_definition, "web", 80)
    found = {
        "applicationName": "shop",
        "deploymentGroupName": "shop",
        "deploymentConfigName": "CodeDeployDefault.ECSAllAtOnce",
        "deploymentId": deployment_id,
        "status": status,
        "creator": "user",
        "createTime": WHEN,
        "computePlatform": "ECS",
        "revision": {"revisionType": "AppSpecContent", "appSpecContent": {"content": content}},
    }
    found.update(extra)
    return found


def target(deployment_id, blue_weight, green_weight):
    """A BatchGetDeploymentTargets item of an ECS deployment: the two task sets and their traffic."""
    return {
        "deploymentTargetType": "ECSTarget",
        "ecsTarget": {
            "deploymentId": deployment_id,
            "targetId": "prod:shop",
            "status": "InProgress",
            "taskSetsInfo": [
                {
                    "identifer": "ecs-svc/a",
                    "desiredCount": 2,
                    "runningCount": 2,
                    "status": "PRIMARY",
                    "trafficWeight": blue_weight,
                    "taskSetLabel": "Blue",
                },
                {
                    "identifer": "ecs-svc/b",
                    "desiredCount": 2,
                    "runningCount": 2,
                    "status": "ACTIVE",
                    "trafficWeight": green_weight,
                    "taskSetLabel": "Green",
                },
            ],
        },
    }


class Case:
    """The three stubbed clients and a release run on a fake clock."""

    def __init__(self, check_mode=False, **overrides):
        self.ecs, self.codedeploy, self.elb = StubbedClient("ecs"), StubbedClient("codedeploy"), StubbedClient("elbv2")
        self.clock = FakeClock()
        self.module = FakeModule(managed_params("codedeploy", **overrides), check_mode=check_mode)

    def release(self):
        return CodeDeployRelease(
            self.module,
            ecs_client=self.ecs,
            codedeploy_client=self.codedeploy,
            elb_client=self.elb,
            poller=self.clock.poller(interval=15),
            clock=self.clock,
        )

    def read(self, service, existing_group=True, deployments=(), weights=(100, 0), application=True):
        stub_service(self.ecs, service)
        stub_target_groups(self.elb)
        stub_listener(self.elb, weights)
        if not application:
            self.codedeploy.fail("get_application", "ApplicationDoesNotExistException")
            return
        self.codedeploy.answer(
            "get_application", {"application": {"applicationName": "shop", "computePlatform": "ECS"}}
        )
        if existing_group is None:
            self.codedeploy.fail("get_deployment_group", "DeploymentGroupDoesNotExistException")
            return
        self.codedeploy.answer(
            "get_deployment_group",
            {"deploymentGroupInfo": existing_group if isinstance(existing_group, dict) else group()},
        )
        self.codedeploy.answer("list_deployments", {"deployments": [item["deploymentId"] for item in deployments]})
        if deployments:
            self.codedeploy.answer("batch_get_deployments", {"deploymentsInfo": list(deployments)})

    def get(self, deployment_id, task_definition, status, **extra):
        """GetDeployment only."""
        self.codedeploy.answer(
            "get_deployment", {"deploymentInfo": deployment(deployment_id, task_definition, status, **extra)}
        )

    def look(self, deployment_id, task_definition, status, weights=None, **extra):
        """One look of a deploy's wait: the deployment, and its traffic while it runs."""
        self.get(deployment_id, task_definition, status, **extra)
        if status in ("InProgress", "Baking", "Ready"):
            if weights is None:
                self.codedeploy.answer("list_deployment_targets", {"targetIds": []})
            else:
                self.codedeploy.answer("list_deployment_targets", {"targetIds": ["prod:shop"]})
                self.codedeploy.answer(
                    "batch_get_deployment_targets", {"deploymentTargets": [target(deployment_id, *weights)]}
                )

    def done(self):
        for client in (self.ecs, self.codedeploy, self.elb):
            client.done()


LIVE_BLUE = ecs_service("CODE_DEPLOY", task_sets=[codedeploy_task_set("blue", TD1)])
LIVE_GREEN = ecs_service("CODE_DEPLOY", task_sets=[codedeploy_task_set("green", TD2, label="b")])


def test_a_deploy_creates_a_deployment_and_follows_each_traffic_step_until_it_succeeds():
    case = Case(deployment_config="CodeDeployDefault.ECSCanary10Percent5Minutes")
    case.read(LIVE_BLUE, existing_group=group(deployment_config="CodeDeployDefault.ECSCanary10Percent5Minutes"))
    stub_task_definition(case.ecs)
    case.codedeploy.answer("create_deployment", {"deploymentId": "d-NEW"})
    case.look("d-NEW", TD2, "Created")
    case.look("d-NEW", TD2, "InProgress")
    case.look("d-NEW", TD2, "InProgress", weights=(90.0, 10.0))
    case.look("d-NEW", TD2, "InProgress", weights=(90.0, 10.0))
    case.look("d-NEW", TD2, "InProgress", weights=(0.0, 100.0))
    case.look("d-NEW", TD2, "Succeeded")
    case.look("d-NEW", TD2, "Succeeded")  # the deployment as reported
    case.read(ecs_service("CODE_DEPLOY", task_sets=[codedeploy_task_set("green", TD2, label="b")]), weights=(0, 100))

    result = case.release().run()

    case.done()
    assert result["changed"] is True
    assert result["actions"] == [
        "create CodeDeploy deployment of shop:2 (CodeDeployDefault.ECSCanary10Percent5Minutes, container web:80)"
    ]
    assert [event["event"] for event in result["events"]] == [
        "deployment d-NEW Created",
        "deployment d-NEW InProgress",
        "deployment d-NEW InProgress: blue task set 90% (2/2 running), green task set 10% (2/2 running)",
        "deployment d-NEW InProgress: blue task set 0% (2/2 running), green task set 100% (2/2 running)",
        "deployment d-NEW Succeeded",
    ]
    assert [event["seconds"] for event in result["events"]] == [0, 15, 30, 60, 75]
    assert result["deployment"]["status"] == "Succeeded"
    assert (result["live_color"], result["deployed_color"], result["task_definition"]) == ("green", "green", TD2)


def test_the_deployment_sends_an_appspec_with_the_task_definition_the_container_and_the_hooks():
    hooks = {
        "AfterAllowTestTraffic": "arn:aws:lambda:us-east-1:123456789012:function:smoke",
        "BeforeInstall": "arn:aws:lambda:us-east-1:123456789012:function:prepare",
    }
    case = Case(hooks=hooks, wait=False, container_name="web", container_port=8080, version="1.4.2")
    case.read(LIVE_BLUE)
    stub_task_definition(case.ecs)
    sent = {}

    def remember(params, **_kwargs):
        sent.update(params)

    case.codedeploy.client.meta.events.register("provide-client-params.codedeploy.CreateDeployment", remember)
    case.codedeploy.answer("create_deployment", {"deploymentId": "d-NEW"})
    case.get("d-NEW", TD2, "Created")
    case.read(LIVE_BLUE, deployments=[deployment("d-NEW", TD2, "Created")])

    result = case.release().run()

    case.done()
    assert result["deployment"]["id"] == "d-NEW"
    assert (sent["applicationName"], sent["deploymentGroupName"], sent["description"]) == (
        "shop",
        "shop",
        "bluegreen.aws 1.4.2",
    )
    content = json.loads(sent["revision"]["appSpecContent"]["content"])
    assert content["Hooks"] == [
        {"BeforeInstall": hooks["BeforeInstall"]},
        {"AfterAllowTestTraffic": hooks["AfterAllowTestTraffic"]},
    ]
    assert content["Resources"][0]["TargetService"]["Properties"] == {
        "TaskDefinition": TD2,
        "LoadBalancerInfo": {"ContainerName": "web", "ContainerPort": 8080},
    }


def test_a_failed_deployment_fails_the_module_with_what_codedeploy_reported():
    case = Case()
    case.read(LIVE_BLUE)
    stub_task_definition(case.ecs)
    case.codedeploy.answer("create_deployment", {"deploymentId": "d-NEW"})
    failure = {"code": "HEALTH_CONSTRAINTS", "message": "The ECS task set was not healthy"}
    rollback = {"rollbackDeploymentId": "d-ROLL", "rollbackMessage": "Deployment rolled back on failure"}
    case.look("d-NEW", TD2, "InProgress")
    case.look("d-NEW", TD2, "Failed", errorInformation=failure, rollbackInfo=rollback)
    case.look("d-NEW", TD2, "Failed", errorInformation=failure, rollbackInfo=rollback)

    with pytest.raises(ModuleFailure) as raised:
        case.release().run()

    case.done()  # no StopDeployment: CodeDeploy rolled back on failure itself
    assert "HEALTH_CONSTRAINTS: The ECS task set was not healthy" in raised.value.msg
    assert "rolled back by deployment d-ROLL" in raised.value.msg
    assert raised.value.result["deployment"]["status"] == "Failed"


def test_a_deployment_that_outlasts_wait_timeout_is_stopped_with_rollback():
    case = Case(wait_timeout=30)
    case.read(LIVE_BLUE)
    stub_task_definition(case.ecs)
    case.codedeploy.answer("create_deployment", {"deploymentId": "d-NEW"})
    for _look in range(3):
        case.look("d-NEW", TD2, "InProgress", weights=(90.0, 10.0))
    case.codedeploy.answer(
        "stop_deployment",
        {"status": "Pending", "statusMessage": "Stop request is pending"},
        {"deploymentId": "d-NEW", "autoRollbackEnabled": True},
    )
    case.get("d-NEW", TD2, "InProgress")

    with pytest.raises(ModuleFailure) as raised:
        case.release().run()

    case.done()
    assert "gave up waiting for CodeDeploy deployment d-NEW to succeed after 30 seconds" in raised.value.msg
    assert "green task set 10%" in raised.value.msg
    assert "stopped deployment d-NEW with rollback" in raised.value.msg


def test_no_deployment_when_the_live_task_set_runs_the_version():
    case = Case()
    case.read(LIVE_GREEN, weights=(0, 100))
    stub_task_definition(case.ecs)

    result = case.release().run()

    case.done()
    assert (result["changed"], result["actions"], result["deployment"]) == (False, [], None)
    assert result["deployed_color"] == "green"


def test_a_deployment_of_the_version_under_way_is_followed_not_repeated():
    case = Case()
    case.read(LIVE_BLUE, deployments=[deployment("d-RUNNING", TD2, "InProgress")])
    stub_task_definition(case.ecs)
    case.look("d-RUNNING", TD2, "Succeeded")
    case.look("d-RUNNING", TD2, "Succeeded")
    case.read(LIVE_GREEN, weights=(0, 100), deployments=[deployment("d-RUNNING", TD2, "Succeeded")])

    result = case.release().run()

    case.done()
    assert result["changed"] is False
    assert result["deployment"]["id"] == "d-RUNNING"


def test_a_deployment_of_another_version_under_way_is_refused():
    case = Case()
    case.read(
        LIVE_BLUE,
        deployments=[deployment("d-OTHER", "arn:aws:ecs:us-east-1:123456789012:task-definition/shop:9", "InProgress")],
    )
    stub_task_definition(case.ecs)

    with pytest.raises(
        Refusal, match="d-OTHER of .*shop:9 is InProgress; wait until it ends, or stop it with state=rolled_back"
    ):
        case.release().run()
    case.done()


def test_a_group_that_differs_is_updated_and_check_mode_writes_nothing():
    for check_mode in (True, False):
        case = Case(check_mode=check_mode, alarms=["shop-5xx"], termination_wait=30, wait=False)
        case.read(LIVE_GREEN, weights=(0, 100))
        stub_task_definition(case.ecs)
        if not check_mode:
            case.codedeploy.answer("update_deployment_group", {})
            case.read(LIVE_GREEN, weights=(0, 100))

        result = case.release().run()

        case.done()
        assert result["changed"] is True
        assert result["actions"] == ["update deployment group shop: alarms, termination wait"]


def test_a_missing_application_and_group_are_created_first():
    case = Case(
        state="configured",
        task_definition=None,
        traffic_routing={"type": "canary", "percentage": 20, "interval": 10},
        deployment_config="shop-canary20-10m",
    )
    case.read(LIVE_BLUE, application=False)
    case.codedeploy.fail("get_deployment_config", "DeploymentConfigDoesNotExistException")
    case.codedeploy.answer("create_application", {"applicationId": "a1"})
    case.codedeploy.answer(
        "create_deployment_config",
        {"deploymentConfigId": "c1"},
        {
            "deploymentConfigName": "shop-canary20-10m",
            "computePlatform": "ECS",
            "trafficRoutingConfig": {
                "type": "TimeBasedCanary",
                "timeBasedCanary": {"canaryPercentage": 20, "canaryInterval": 10},
            },
        },
    )
    case.codedeploy.answer("create_deployment_group", {"deploymentGroupId": "g1"})
    case.read(LIVE_BLUE)

    result = case.release().run()

    case.done()
    assert result["actions"] == [
        "create CodeDeploy application shop (ECS)",
        "create deployment configuration shop-canary20-10m: canary 20% every 10 minutes",
        "create deployment group shop (blue/green, target groups shop-blue and shop-green)",
    ]


def test_rollback_during_the_termination_wait_stops_the_deployment_with_rollback():
    case = Case(state="rolled_back", task_definition=None)
    case.read(LIVE_GREEN, weights=(0, 100), deployments=[deployment("d-NEW", TD2, "InProgress")])
    case.codedeploy.answer(
        "stop_deployment", {"status": "Pending"}, {"deploymentId": "d-NEW", "autoRollbackEnabled": True}
    )
    rolled = {"rollbackDeploymentId": "d-ROLL"}
    case.get("d-NEW", TD2, "InProgress")
    case.get("d-NEW", TD2, "Stopped", rollbackInfo=rolled)
    case.get("d-ROLL", TD1, "Succeeded")
    case.codedeploy.answer("list_deployment_targets", {"targetIds": []})
    case.get("d-NEW", TD2, "Stopped", rollbackInfo=rolled)
    case.read(LIVE_BLUE, deployments=[deployment("d-NEW", TD2, "Stopped", rollbackInfo=rolled)])

    result = case.release().run()

    case.done()
    assert result["actions"] == [
        "stop CodeDeploy deployment d-NEW (InProgress) with rollback: traffic returns to the original task set"
    ]
    assert result["live_color"] == "blue"
    assert result["events"][-1]["event"] == "deployment d-ROLL Succeeded"


def test_rollback_after_the_termination_wait_deploys_the_previous_task_definition_once():
    history = [deployment("d-2", TD2, "Succeeded"), deployment("d-1", TD1, "Succeeded")]
    case = Case(state="rolled_back", task_definition=None, wait=False)
    case.read(LIVE_GREEN, weights=(0, 100), deployments=history)
    case.codedeploy.answer("create_deployment", {"deploymentId": "d-BACK"})
    back = deployment("d-BACK", TD1, "Created", description="bluegreen.aws rollback to %s" % TD1)
    case.codedeploy.answer("get_deployment", {"deploymentInfo": back})
    case.read(LIVE_GREEN, weights=(0, 100), deployments=[back] + history)

    result = case.release().run()

    case.done()
    assert result["actions"] == [
        "create CodeDeploy deployment of shop:1 (CodeDeployDefault.ECSAllAtOnce, container web:80)"
    ]
    assert result["task_definition"] == TD1

    # Run again once it succeeded: the newest deployment is the rollback, nothing more to do.
    again = Case(state="rolled_back", task_definition=None)
    again.read(LIVE_BLUE, deployments=[dict(back, status="Succeeded")] + history)
    result = again.release().run()
    again.done()
    assert (result["changed"], result["actions"]) == (False, [])


def test_rollback_with_no_earlier_version_is_refused():
    case = Case(state="rolled_back", task_definition=None)
    case.read(LIVE_BLUE, deployments=[deployment("d-1", TD1, "Succeeded")])
    with pytest.raises(Refusal, match="nothing to roll back to; nothing changed"):
        case.release().run()
    case.done()


def test_without_a_service_role_a_missing_group_is_refused():
    case = Case(codedeploy_service_role_arn=None)
    case.read(LIVE_BLUE, existing_group=None)
    with pytest.raises(Refusal, match="codedeploy_service_role_arn: deployment group shop does not exist"):
        case.release().run()
    case.done()


def test_the_listener_is_required_for_the_group():
    case = Case(listener_arn=None)
    stub_service(case.ecs, LIVE_BLUE)
    stub_target_groups(case.elb)
    case.codedeploy.answer("get_application", {"application": {"applicationName": "shop"}})
    case.codedeploy.answer("get_deployment_group", {"deploymentGroupInfo": group()})
    case.codedeploy.answer("list_deployments", {"deployments": []})
    with pytest.raises(Refusal, match="listener_arn: the deployment group needs the production listener"):
        case.release().run()
    case.done()


def test_images_register_a_revision_and_the_deployment_names_it():
    case = Case(task_definition=None, images={"web": "nginx:3"}, version="3.0", wait=False)
    case.read(LIVE_BLUE)
    case.ecs.answer("describe_task_definition", {"taskDefinition": task_definition(TD1), "tags": []})
    case.ecs.answer("describe_task_definition", {"taskDefinition": task_definition(TD2, image="nginx:2"), "tags": []})
    registered = task_definition(TD3, image="nginx:3")
    case.ecs.answer(
        "register_task_definition",
        {"taskDefinition": registered, "tags": [{"key": "bluegreen:version", "value": "3.0"}]},
    )
    sent = {}
    case.codedeploy.client.meta.events.register(
        "provide-client-params.codedeploy.CreateDeployment", lambda params, **_kwargs: sent.update(params)
    )
    case.codedeploy.answer("create_deployment", {"deploymentId": "d-NEW"})
    case.get("d-NEW", TD3, "Created")
    case.read(LIVE_BLUE, deployments=[deployment("d-NEW", TD3, "Created")])

    result = case.release().run()

    case.done()
    assert result["actions"] == [
        "register task definition shop:3",
        "create CodeDeploy deployment of shop:3 (CodeDeployDefault.ECSAllAtOnce, container web:80)",
    ]
    assert (result["task_definition"], result["task_definition_registered"]) == (TD3, True)
    assert TD3 in sent["revision"]["appSpecContent"]["content"]


def test_info_reports_the_group_the_deployments_and_the_task_sets():
    case = Case()
    live_and_replacement = ecs_service(
        "CODE_DEPLOY",
        task_sets=[codedeploy_task_set("blue", TD1), codedeploy_task_set("green", TD2, status="ACTIVE", label="b")],
    )
    case.read(live_and_replacement, deployments=[deployment("d-NEW", TD2, "InProgress")], weights=(90, 10))
    for _color in ("blue", "green"):
        case.elb.answer("describe_target_health", {"TargetHealthDescriptions": []})
    module = FakeModule(dict(case.module.params))

    result = describe_codedeploy(module, case.ecs, case.codedeploy, case.elb)

    case.done()
    assert result["deployment_group"]["name"] == "shop"
    assert result["deployment_group"]["target_groups"] == ["shop-blue", "shop-green"]
    assert [(item["id"], item["status"], item["task_definition"]) for item in result["deployments"]] == [
        ("d-NEW", "InProgress", TD2)
    ]
    assert result["live_color"] is None  # the listener splits the traffic during the canary
    assert (result["colors"]["blue"]["status"], result["colors"]["green"]["status"]) == ("PRIMARY", "ACTIVE")
    assert (result["colors"]["blue"]["traffic_percent"], result["colors"]["green"]["traffic_percent"]) == (90, 10)


def test_diff_shows_the_group_settings_and_the_live_task_definition_before_and_after():
    case = Case(check_mode=True, alarms=["shop-5xx"])
    case.module._diff = True
    case.read(LIVE_BLUE)
    stub_task_definition(case.ecs)

    result = case.release().run()

    case.done()
    before, after = result["diff"]["before"], result["diff"]["after"]
    assert (before["deployment_group"]["alarms"], after["deployment_group"]["alarms"]) == ([], ["shop-5xx"])
    assert (before["live_task_definition"], after["live_task_definition"]) == (TD1, TD2)
    assert result["actions"][-1].startswith("create CodeDeploy deployment of shop:2")


def test_an_own_configuration_that_routes_traffic_otherwise_is_refused():
    routing = {"type": "linear", "percentage": 25, "interval": 2}
    case = Case(deployment_config="shop-linear", traffic_routing=routing)
    case.read(LIVE_BLUE)
    existing = {
        "deploymentConfigName": "shop-linear",
        "computePlatform": "ECS",
        "trafficRoutingConfig": {
            "type": "TimeBasedLinear",
            "timeBasedLinear": {"linearPercentage": 10, "linearInterval": 2},
        },
    }
    case.codedeploy.answer("get_deployment_config", {"deploymentConfigInfo": existing})
    with pytest.raises(Refusal, match="deployment_config: shop-linear exists and routes traffic otherwise"):
        case.release().run()
    case.done()
