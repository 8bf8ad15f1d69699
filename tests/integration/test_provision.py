"""The provision and teardown playbooks through ansible-playbook against moto, for both ECS
strategies; every result is read from AWS with boto3, never from the playbooks' output alone.

Each ansible-playbook run costs seconds, so one test walks an app through its whole life and
checks as much as it can after each run.
"""

import json

import pytest
import yaml
from alb_setup import forward_split, percent_split, set_weights
from network_setup import make_network

PROVISION = "bluegreen.aws.provision"
TEARDOWN = "bluegreen.aws.teardown"
APP = "shop"
EXECUTION_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:shop-db-AbCdEf:password::"


@pytest.fixture
def network(aws):
    return make_network(aws.client("ec2"))


def definition(network, **extra):
    """An app definition file's variables."""
    variables = {"bluegreen_app": APP, "bluegreen_vpc_id": network.vpc_id, "bluegreen_subnets": network.subnets}
    variables.update(extra)
    return variables


def changed(report, host="localhost"):
    return report["stats"][host]["changed"]


def succeeded(result):
    rc, report = result
    assert rc == 0, json.dumps(failures(report), indent=1)
    return report


def failures(report):
    """``{host: msg}`` of the tasks that failed."""
    found = {}
    for play in report["plays"]:
        for task in play["tasks"]:
            for host, outcome in task["hosts"].items():
                if outcome.get("failed") and not outcome.get("ignore_errors"):
                    found[host] = outcome.get("msg", "")
    return found


# ----------------------------------------------------------------------------- AWS, seen from outside


def snapshot(aws, app=APP):
    """Everything of the app that AWS holds, by name (what provision creates and teardown removes)."""
    ec2, elbv2, ecs = aws.client("ec2"), aws.client("elbv2"), aws.client("ecs")
    groups = ec2.describe_security_groups(Filters=[{"Name": "tag:bluegreen:app", "Values": [app]}])["SecurityGroups"]
    balancers = [lb for lb in elbv2.describe_load_balancers()["LoadBalancers"] if lb["LoadBalancerName"] == app]
    clusters = ecs.describe_clusters(clusters=[app])["clusters"]
    services = (
        ecs.describe_services(cluster=app, services=[app, app + "-blue", app + "-green"])["services"]
        if any(cluster["status"] == "ACTIVE" for cluster in clusters)
        else []
    )
    roles = aws.client("iam").list_roles()["Roles"]
    return {
        "security groups": sorted(group["GroupName"] for group in groups),
        "load balancers": sorted(lb["LoadBalancerName"] for lb in balancers),
        "listeners": sorted(
            (listener["Port"], listener["Protocol"])
            for lb in balancers
            for listener in elbv2.describe_listeners(LoadBalancerArn=lb["LoadBalancerArn"])["Listeners"]
        ),
        "target groups": sorted(
            group["TargetGroupName"]
            for group in elbv2.describe_target_groups()["TargetGroups"]
            if group["TargetGroupName"].startswith(app + "-")
        ),
        "clusters": sorted(cluster["clusterName"] for cluster in clusters if cluster["status"] == "ACTIVE"),
        "services": sorted(service["serviceName"] for service in services if service["status"] == "ACTIVE"),
        "task sets": sorted(
            task_set["externalId"]
            for service in services
            if service["status"] == "ACTIVE"
            for task_set in service.get("taskSets", [])
        ),
        "task definitions": sorted(ecs.list_task_definitions(familyPrefix=app, status="ACTIVE")["taskDefinitionArns"]),
        "log groups": sorted(
            group["logGroupName"]
            for group in aws.client("logs").describe_log_groups(logGroupNamePrefix="/ecs/" + app)["logGroups"]
        ),
        "roles": sorted(role["RoleName"] for role in roles if role["RoleName"].startswith(app + "-")),
    }


NOTHING = {
    "security groups": [],
    "load balancers": [],
    "listeners": [],
    "target groups": [],
    "clusters": [],
    "services": [],
    "task sets": [],
    "task definitions": [],
    "log groups": [],
    "roles": [],
}


def tag_dict(tags, key="Key", value="Value"):
    return {tag[key]: tag[value] for tag in tags or []}


def target_groups(aws):
    groups = aws.client("elbv2").describe_target_groups(Names=[APP + "-blue", APP + "-green"])["TargetGroups"]
    return {group["TargetGroupName"].rsplit("-", 1)[1]: group for group in groups}


def listeners(aws):
    """``{port: listener}`` of the app's load balancer."""
    elbv2 = aws.client("elbv2")
    arn = elbv2.describe_load_balancers(Names=[APP])["LoadBalancers"][0]["LoadBalancerArn"]
    return {listener["Port"]: listener for listener in elbv2.describe_listeners(LoadBalancerArn=arn)["Listeners"]}


def split(aws, port):
    """``{blue: percent, green: percent}`` of a listener's forward action."""
    arns = {color: group["TargetGroupArn"] for color, group in target_groups(aws).items()}
    return percent_split(forward_split(listeners(aws)[port]["DefaultActions"]), arns)


def security_group(aws, name):
    groups = aws.client("ec2").describe_security_groups(Filters=[{"Name": "group-name", "Values": [name]}])
    (group,) = groups["SecurityGroups"]
    return group


def ingress(group):
    """``{port: sorted sources}``, a source being a CIDR or a security group id."""
    rules = {}
    for permission in group["IpPermissions"]:
        sources = [item["CidrIp"] for item in permission.get("IpRanges", [])]
        sources += [item["GroupId"] for item in permission.get("UserIdGroupPairs", [])]
        rules.setdefault(permission["FromPort"], []).extend(sources)
    return {port: sorted(sources) for port, sources in rules.items()}


def services(aws, names):
    found = aws.client("ecs").describe_services(cluster=APP, services=names, include=["TAGS"])["services"]
    return {service["serviceName"]: service for service in found if service["status"] == "ACTIVE"}


def registered_targets(aws):
    elbv2 = aws.client("elbv2")
    return {
        color: sorted(
            item["Target"]["Id"]
            for item in elbv2.describe_target_health(TargetGroupArn=group["TargetGroupArn"])["TargetHealthDescriptions"]
        )
        for color, group in target_groups(aws).items()
    }


def register_stand_in_targets(aws):
    """Test set-up: one IP per color, as ECS registers its tasks (moto registers none)."""
    elbv2 = aws.client("elbv2")
    for color, address in (("blue", "10.40.1.10"), ("green", "10.40.2.20")):
        arn = target_groups(aws)[color]["TargetGroupArn"]
        elbv2.register_targets(TargetGroupArn=arn, Targets=[{"Id": address, "Port": 80}])


# ----------------------------------------------------------------------------- checks of a provisioned app


def check_router(aws, network, production=(80, "HTTP"), test_cidrs=None, health_check_path="/"):
    """The load balancer, its listeners (100% blue), the target groups and the security groups."""
    balancer = aws.client("elbv2").describe_load_balancers(Names=[APP])["LoadBalancers"][0]
    assert balancer["VpcId"] == network.vpc_id
    alb_group = security_group(aws, APP + "-alb")
    assert balancer["SecurityGroups"] == [alb_group["GroupId"]]
    tags = aws.client("elbv2").describe_tags(ResourceArns=[balancer["LoadBalancerArn"]])["TagDescriptions"][0]
    assert tag_dict(tags["Tags"])["bluegreen:app"] == APP

    port, protocol = production
    found = listeners(aws)
    assert sorted(found) == sorted([port, 8080])
    assert found[port]["Protocol"] == protocol and found[8080]["Protocol"] == "HTTP"

    groups = target_groups(aws)
    for color, group in groups.items():
        assert (group["TargetType"], group["Protocol"], group["Port"]) == ("ip", "HTTP", 80)
        assert group["VpcId"] == network.vpc_id
        assert group["HealthCheckPath"] == health_check_path
        group_tags = tag_dict(
            aws.client("elbv2").describe_tags(ResourceArns=[group["TargetGroupArn"]])["TagDescriptions"][0]["Tags"]
        )
        assert (group_tags["bluegreen:app"], group_tags["bluegreen:color"]) == (APP, color)

    # Production open to the world, the test listener only to the test CIDRs; the tasks only to the ALB.
    assert ingress(alb_group) == {port: ["0.0.0.0/0"], 8080: sorted(test_cidrs or [network.cidr])}
    tasks_group = security_group(aws, APP + "-tasks")
    assert ingress(tasks_group) == {80: [alb_group["GroupId"]]}
    for group in (alb_group, tasks_group):
        assert group["VpcId"] == network.vpc_id
        assert tag_dict(group["Tags"])["bluegreen:app"] == APP
    return groups, tasks_group["GroupId"]


def check_common_platform(aws, execution_role_arn=None, image="public.ecr.aws/nginx/nginx:stable"):
    """Log group, cluster, the one base task definition and the execution role."""
    ecs, logs, iam = aws.client("ecs"), aws.client("logs"), aws.client("iam")
    (log_group,) = logs.describe_log_groups(logGroupNamePrefix="/ecs/" + APP)["logGroups"]
    assert (log_group["logGroupName"], log_group["retentionInDays"]) == ("/ecs/shop", 30)
    assert logs.list_tags_log_group(logGroupName="/ecs/" + APP)["tags"]["bluegreen:app"] == APP

    (cluster,) = ecs.describe_clusters(clusters=[APP], include=["TAGS"])["clusters"]
    assert cluster["status"] == "ACTIVE" and tag_dict(cluster["tags"], "key", "value")["bluegreen:app"] == APP

    assert ecs.list_task_definitions(familyPrefix=APP)["taskDefinitionArns"] == [
        "arn:aws:ecs:us-east-1:123456789012:task-definition/shop:1"
    ]
    described = ecs.describe_task_definition(taskDefinition="shop:1", include=["TAGS"])
    definition, tags = described["taskDefinition"], described["tags"]
    assert tag_dict(tags, "key", "value")["bluegreen:app"] == APP
    assert (definition["cpu"], definition["memory"], definition["networkMode"]) == ("256", "512", "awsvpc")
    assert definition["requiresCompatibilities"] == ["FARGATE"]
    (container,) = definition["containerDefinitions"]
    assert (container["name"], container["image"]) == (APP, image)
    assert container["portMappings"] == [{"containerPort": 80, "protocol": "tcp"}]
    assert container["logConfiguration"] == {
        "logDriver": "awslogs",
        "options": {"awslogs-group": "/ecs/shop", "awslogs-region": "us-east-1", "awslogs-stream-prefix": APP},
    }

    if execution_role_arn is None:
        role = iam.get_role(RoleName=APP + "-execution")["Role"]
        assert definition["executionRoleArn"] == role["Arn"]
        trust = role["AssumeRolePolicyDocument"]
        trust = json.loads(trust) if isinstance(trust, str) else trust
        assert trust["Statement"][0]["Principal"] == {"Service": "ecs-tasks.amazonaws.com"}
        attached = iam.list_attached_role_policies(RoleName=APP + "-execution")["AttachedPolicies"]
        assert [policy["PolicyArn"] for policy in attached] == [EXECUTION_POLICY]
        assert tag_dict(role["Tags"])["bluegreen:app"] == APP
    else:
        assert definition["executionRoleArn"] == execution_role_arn
        assert APP + "-execution" not in [role["RoleName"] for role in iam.list_roles()["Roles"]]
    return container


# ----------------------------------------------------------------------------- service pair


def test_service_pair_from_nothing_to_nothing(aws, ansible, network):
    variables = definition(
        network,
        bluegreen_secrets={"DB_PASSWORD": SECRET},
        bluegreen_environment={"MODE": "production", "WORKERS": 4},
        bluegreen_tags={"team": "shop", "cost-center": 42},
    )

    # 1. From nothing.
    report = succeeded(ansible.playbook(PROVISION, variables))
    assert changed(report) > 0
    groups, tasks_group = check_router(aws, network)
    assert split(aws, 80) == {"blue": 100, "green": 0}
    assert split(aws, 8080) == {"blue": 100, "green": 0}
    container = check_common_platform(aws)
    assert container["environment"] == [{"name": "MODE", "value": "production"}, {"name": "WORKERS", "value": "4"}]
    assert container["secrets"] == [{"name": "DB_PASSWORD", "valueFrom": SECRET}]
    # The execution role may read that secret (the secret itself, without the JSON key).
    policy = aws.client("iam").get_role_policy(RoleName=APP + "-execution", PolicyName=APP + "-secrets")
    assert policy["PolicyDocument"]["Statement"][0]["Resource"] == [SECRET.rsplit(":", 3)[0]]

    pair = services(aws, [APP + "-blue", APP + "-green"])
    assert sorted(pair) == [APP + "-blue", APP + "-green"]
    for color in ("blue", "green"):
        service = pair["%s-%s" % (APP, color)]
        assert (service["desiredCount"], service["launchType"]) == (0, "FARGATE")
        assert service["taskDefinition"].endswith("task-definition/shop:1")
        vpc = service["networkConfiguration"]["awsvpcConfiguration"]
        assert (sorted(vpc["subnets"]), vpc["securityGroups"], vpc["assignPublicIp"]) == (
            sorted(network.subnets),
            [tasks_group],
            "DISABLED",
        )
        assert service["loadBalancers"] == [
            {"targetGroupArn": groups[color]["TargetGroupArn"], "containerName": APP, "containerPort": 80}
        ]
        tags = tag_dict(service["tags"], "key", "value")
        assert tags == {"bluegreen:app": APP, "bluegreen:color": color, "team": "shop", "cost-center": "42"}

    # What deploy and alb_shift change, and ECS registers, provision never touches: a release is
    # under way (10/90), the test listener reaches green, blue runs shop:2 with 2 tasks.
    register_stand_in_targets(aws)
    elbv2, ecs = aws.client("elbv2"), aws.client("ecs")
    arns = {color: group["TargetGroupArn"] for color, group in groups.items()}
    set_weights(elbv2, listeners(aws)[80]["ListenerArn"], {arns["blue"]: 10, arns["green"]: 90})
    set_weights(elbv2, listeners(aws)[8080]["ListenerArn"], {arns["blue"]: 0, arns["green"]: 100})
    revision = ecs.register_task_definition(
        family=APP,
        requiresCompatibilities=["FARGATE"],
        networkMode="awsvpc",
        cpu="256",
        memory="512",
        containerDefinitions=[{"name": APP, "image": "registry.example.com/shop:1.4.2", "memory": 512}],
    )["taskDefinition"]["taskDefinitionArn"]
    ecs.update_service(cluster=APP, service=APP + "-blue", taskDefinition=revision, desiredCount=2)
    released = snapshot(aws)
    targets = registered_targets(aws)

    # 2. Again: nothing changes.
    report = succeeded(ansible.playbook(PROVISION, variables))
    assert changed(report) == 0, report["stats"]
    assert snapshot(aws) == released
    assert (split(aws, 80), split(aws, 8080)) == ({"blue": 10, "green": 90}, {"blue": 0, "green": 100})
    assert registered_targets(aws) == targets

    # 3. A changed setting reaches both colors alike; each keeps its version and count.
    variables.update(bluegreen_assign_public_ip=True, bluegreen_health_check_path="/health")
    report = succeeded(ansible.playbook(PROVISION, variables))
    assert changed(report) > 0
    check_router(aws, network, health_check_path="/health")
    pair = services(aws, [APP + "-blue", APP + "-green"])
    for service in pair.values():
        assert service["networkConfiguration"]["awsvpcConfiguration"]["assignPublicIp"] == "ENABLED"
        assert sorted(service["networkConfiguration"]["awsvpcConfiguration"]["subnets"]) == sorted(network.subnets)
    assert (pair[APP + "-blue"]["taskDefinition"], pair[APP + "-blue"]["desiredCount"]) == (revision, 2)
    assert pair[APP + "-green"]["taskDefinition"].endswith("shop:1") and pair[APP + "-green"]["desiredCount"] == 0
    assert snapshot(aws) == released
    assert (split(aws, 80), split(aws, 8080)) == ({"blue": 10, "green": 90}, {"blue": 0, "green": 100})
    assert registered_targets(aws) == targets

    # 4. A listener on another port is refused before any write: it holds the traffic split.
    rc, report = ansible.playbook(PROVISION, dict(variables, bluegreen_listener_port=8081))
    assert rc != 0
    messages = list(failures(report).values())
    assert len(messages) == 1 and "bluegreen_listener_port" in messages[0], messages
    assert snapshot(aws) == released
    assert (split(aws, 80), split(aws, 8080)) == ({"blue": 10, "green": 90}, {"blue": 0, "green": 100})

    # 5. Teardown refuses without the right confirmation, before any AWS call.
    rc, report = ansible.playbook(TEARDOWN, dict(variables, bluegreen_teardown_confirm="shop2"))
    assert rc != 0
    messages = list(failures(report).values())
    assert len(messages) == 1 and "bluegreen_teardown_confirm" in messages[0] and '"shop2"' in messages[0], messages
    assert snapshot(aws) == released

    # 6. Teardown removes everything; 7. a second one changes nothing.
    report = succeeded(ansible.playbook(TEARDOWN, dict(variables, bluegreen_teardown_confirm=APP)))
    assert changed(report) > 0
    assert snapshot(aws) == NOTHING
    report = succeeded(ansible.playbook(TEARDOWN, dict(variables, bluegreen_teardown_confirm=APP)))
    assert changed(report) == 0, report["stats"]
    assert snapshot(aws) == NOTHING


# ----------------------------------------------------------------------------- task set


def test_task_set_with_https_own_role_and_test_cidrs(aws, ansible, network):
    certificate = aws.client("acm").request_certificate(DomainName="shop.example.com")["CertificateArn"]
    role = aws.client("iam").create_role(
        RoleName="shared-execution",
        AssumeRolePolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}
                ],
            }
        ),
    )["Role"]["Arn"]
    variables = definition(
        network,
        bluegreen_ecs_strategy="task_set",
        bluegreen_listener_port=443,
        bluegreen_certificate_arn=certificate,
        bluegreen_test_ingress_cidrs=["10.40.1.0/24", "192.0.2.0/24"],
        bluegreen_execution_role_arn=role,
        bluegreen_image="registry.example.com/shop:1.0.0",
    )

    # 1. From nothing: one service with the EXTERNAL controller and no task set.
    report = succeeded(ansible.playbook(PROVISION, variables))
    assert changed(report) > 0
    groups, tasks_group = check_router(
        aws, network, production=(443, "HTTPS"), test_cidrs=["10.40.1.0/24", "192.0.2.0/24"]
    )
    assert listeners(aws)[443]["Certificates"] == [{"CertificateArn": certificate}]
    assert split(aws, 443) == {"blue": 100, "green": 0}
    check_common_platform(aws, execution_role_arn=role, image="registry.example.com/shop:1.0.0")
    found = services(aws, [APP, APP + "-blue", APP + "-green"])
    assert sorted(found) == [APP]
    service = found[APP]
    assert service["deploymentController"] == {"type": "EXTERNAL"}
    assert (service["desiredCount"], service.get("taskSets", [])) == (0, [])
    assert "taskDefinition" not in service, "ECS refuses a task definition on an EXTERNAL service"
    assert tag_dict(service["tags"], "key", "value")["bluegreen:app"] == APP

    # The first deploy creates blue's task set; provision leaves it alone.
    aws.client("ecs").create_task_set(
        cluster=APP,
        service=APP,
        externalId="blue",
        taskDefinition="shop:1",
        launchType="FARGATE",
        networkConfiguration={"awsvpcConfiguration": {"subnets": network.subnets, "securityGroups": [tasks_group]}},
        loadBalancers=[{"targetGroupArn": groups["blue"]["TargetGroupArn"], "containerName": APP, "containerPort": 80}],
        scale={"unit": "PERCENT", "value": 100.0},
    )
    deployed = snapshot(aws)
    assert deployed["task sets"] == ["blue"]

    # 2. Again: nothing changes.
    report = succeeded(ansible.playbook(PROVISION, variables))
    assert changed(report) == 0, report["stats"]
    assert snapshot(aws) == deployed

    # 3. Teardown removes the task set with the rest, and never the execution role it did not make.
    report = succeeded(ansible.playbook(TEARDOWN, dict(variables, bluegreen_teardown_confirm=APP)))
    assert changed(report) > 0
    assert snapshot(aws) == NOTHING
    assert aws.client("ecs").describe_task_sets(cluster=APP, service=APP)["taskSets"] == []
    assert aws.client("iam").get_role(RoleName="shared-execution")["Role"]["Arn"] == role


# ----------------------------------------------------------------------------- bad inputs


def test_bad_inputs_fail_naming_the_variable_and_create_nothing(aws, ansible, network, tmp_path):
    """One run, one app a host (as an inventory of apps runs them): each fails on its own."""
    ecs = aws.client("ecs")
    ecs.create_cluster(clusterName="other")
    ecs.create_service(cluster="other", serviceName="other", desiredCount=0, deploymentController={"type": "EXTERNAL"})
    apps = {
        "missing_vpc": ({"bluegreen_vpc_id": None}, "bluegreen_vpc_id"),
        "malformed_subnet": ({"bluegreen_subnets": ["subnet-zz!"]}, "bluegreen_subnets"),
        "unknown_subnet": (
            {"bluegreen_subnets": ["subnet-0123456789abcdef0", network.subnets[0]]},
            "bluegreen_subnets",
        ),
        "one_zone": ({"bluegreen_subnets": network.subnets[:1]}, "bluegreen_subnets"),
        "long_name": ({"bluegreen_app": "a" * 27}, "bluegreen_app"),
        "unknown_platform": ({"bluegreen_platform": "kubernetes"}, "bluegreen_platform"),
        "strategy_switch": (
            {"bluegreen_app": "other", "bluegreen_ecs_strategy": "service_pair"},
            "bluegreen_ecs_strategy",
        ),
    }
    hosts = {}
    for name, (override, _variable) in apps.items():
        variables = definition(network, ansible_connection="local", **override)
        hosts[name] = {key: value for key, value in variables.items() if value is not None}
    inventory = tmp_path / "apps.yml"
    inventory.write_text(yaml.safe_dump({"all": {"children": {"apps": {"hosts": hosts}}}}))
    ansible.env.update(ANSIBLE_INVENTORY=str(inventory), ANSIBLE_FORKS=str(len(apps)))
    before = {app: snapshot(aws, app) for app in (APP, "a" * 27, "other")}

    rc, report = ansible.playbook(PROVISION, {"bluegreen_hosts": "apps"})

    assert rc != 0
    messages = failures(report)
    assert sorted(messages) == sorted(apps), json.dumps(messages, indent=1)
    for name, (_override, variable) in apps.items():
        assert variable in messages[name], "%s: %s" % (name, messages[name])
    assert "subnet-0123456789abcdef0" in messages["unknown_subnet"]
    assert {app: snapshot(aws, app) for app in before} == before
