"""The CreateTaskSet arguments of a new task set: copied from a source, the options win."""

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import InputError
from ansible_collections.bluegreen.aws.plugins.module_utils._envs import ecs_task_sets as task_sets

from .ecs_fakes import NETWORK, TD1, TD2, TG_BLUE, TG_GREEN, params, task_definition, task_set, task_set_current


def test_task_set_spec_copies_the_source():
    spec = task_sets.task_set_spec("shop", "green", task_definition(TD2), TG_GREEN, task_set("blue"), params())
    assert spec["externalId"] == "green"
    assert spec["taskDefinition"] == TD2
    assert spec["launchType"] == "FARGATE" and spec["platformVersion"] == "1.4.0"
    assert spec["networkConfiguration"] == NETWORK
    assert spec["loadBalancers"] == [{"targetGroupArn": TG_GREEN, "containerName": "web", "containerPort": 80}]
    assert spec["scale"] == {"unit": "PERCENT", "value": 100.0}
    assert {"key": "bluegreen:color", "value": "green"} in spec["tags"]


def test_task_set_spec_copies_capacity_providers():
    source = dict(task_set("blue"), capacityProviderStrategy=[{"capacityProvider": "FARGATE_SPOT", "weight": 1}])
    source.pop("launchType")
    spec = task_sets.task_set_spec("shop", "green", task_definition(TD2), TG_GREEN, source, params())
    assert "launchType" not in spec
    assert spec["capacityProviderStrategy"] == source["capacityProviderStrategy"]


def test_task_set_spec_options_win():
    options = params(
        network_configuration={"subnets": ["subnet-z"], "security_groups": ["sg-9"], "assign_public_ip": True},
        launch_type="EC2",
    )
    spec = task_sets.task_set_spec("shop", "green", task_definition(TD2), TG_GREEN, task_set("blue"), options)
    assert spec["launchType"] == "EC2" and "platformVersion" not in spec
    assert spec["networkConfiguration"] == {
        "awsvpcConfiguration": {"subnets": ["subnet-z"], "securityGroups": ["sg-9"], "assignPublicIp": "ENABLED"}
    }


def test_the_first_task_set_needs_a_network_for_awsvpc():
    with pytest.raises(InputError, match="network_configuration: .*awsvpc"):
        task_sets.task_set_spec("shop", "blue", task_definition(TD1), TG_BLUE, None, params())
    spec = task_sets.task_set_spec(
        "shop", "blue", task_definition(TD1), TG_BLUE, None, params(network_configuration={"subnets": ["s"]})
    )
    assert spec["launchType"] == "FARGATE"
    assert spec["loadBalancers"][0]["containerName"] == "web"


@pytest.mark.parametrize(
    "blue, green, live, target, expected",
    [
        (task_set("blue"), task_set("green"), "blue", "green", "blue"),
        (task_set("blue"), task_set("green"), None, "green", "blue"),
        (None, task_set("green"), None, "green", "green"),
        (None, None, None, "blue", None),
    ],
)
def test_spec_source_prefers_the_live_task_set(blue, green, live, target, expected):
    source = task_sets.spec_source(task_set_current(blue, green), live, target)
    assert (source or {}).get("externalId") == expected


def test_spec_source_falls_back_on_the_service():
    current = task_set_current(networkConfiguration=NETWORK)
    assert task_sets.spec_source(current, None, "blue") is current.service


@pytest.mark.parametrize(
    "containers, name, port, result",
    [
        ([{"name": "web", "portMappings": [{"containerPort": 80}]}], None, None, ("web", 80)),
        ([{"name": "web", "portMappings": [{"containerPort": 80}, {"containerPort": 81}]}], None, 81, ("web", 81)),
        (
            [{"name": "web", "portMappings": [{"containerPort": 80}]}, {"name": "log", "portMappings": []}],
            None,
            None,
            ("web", 80),
        ),
        (
            [
                {"name": "a", "portMappings": [{"containerPort": 80}]},
                {"name": "b", "portMappings": [{"containerPort": 90}]},
            ],
            None,
            None,
            "container_name: task definition shop:1 has 2 containers with port mappings",
        ),
        ([{"name": "web", "portMappings": [{"containerPort": 80}]}], "api", None, "container_name: task definition"),
        ([{"name": "web", "portMappings": [{"containerPort": 80}]}], "web", 443, "does not map port 443"),
        (
            [{"name": "web", "portMappings": [{"containerPort": 80}, {"containerPort": 81}]}],
            "web",
            None,
            "maps 2 ports; set container_port",
        ),
    ],
)
def test_load_balancer_container(containers, name, port, result):
    definition = task_definition(containers=containers)
    if isinstance(result, tuple):
        assert task_sets.load_balancer_container(definition, name, port) == result
    else:
        with pytest.raises(InputError) as error:
            task_sets.load_balancer_container(definition, name, port)
        assert result in error.value.msg
