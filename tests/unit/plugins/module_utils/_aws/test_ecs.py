"""ECS calls: every one retried, the cluster bound once."""

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._aws import ecs
from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import InputError
from fakes import FakeClient, client_error


def test_delete_task_set_forces_a_warm_task_set():
    # AWS deletes a task set that still runs tasks only with force=True.
    client = FakeClient(delete_task_set=[{}])
    ecs.delete_task_set(client, "prod", "shop", "ecs-svc/1")
    assert client.calls == [
        ("delete_task_set", {"cluster": "prod", "service": "shop", "taskSet": "ecs-svc/1", "force": True})
    ]


def test_the_cluster_calls_pass_the_cluster_and_only_what_changes():
    client = FakeClient(
        update_service=[{"service": {}}, {"service": {}}],
        update_task_set=[{}],
        update_service_primary_task_set=[{}],
        create_task_set=[{"taskSet": {"taskSetArn": "arn:ts"}}],
        register_task_definition=[{"taskDefinition": {"taskDefinitionArn": "arn:td"}}],
        describe_services=[{"services": []}],
        describe_task_sets=[{"taskSets": []}],
    )
    api = ecs.EcsCluster(client, "prod")
    api.update_service("shop-blue", desired_count=0)
    api.update_service("shop-blue", task_definition="shop:2", desired_count=2)
    api.scale_task_set("shop", "arn:ts", 0)
    api.make_primary("shop", "arn:ts")
    assert api.create_task_set("shop", {"externalId": "green"}) == {"taskSetArn": "arn:ts"}
    assert api.register_task_definition({"family": "shop"}, [])["taskDefinitionArn"] == "arn:td"
    assert api.describe_service("shop-blue") is None
    assert api.describe_task_set("shop", "arn:ts") is None
    assert client.calls == [
        ("update_service", {"cluster": "prod", "service": "shop-blue", "desiredCount": 0}),
        ("update_service", {"cluster": "prod", "service": "shop-blue", "taskDefinition": "shop:2", "desiredCount": 2}),
        (
            "update_task_set",
            {"cluster": "prod", "service": "shop", "taskSet": "arn:ts", "scale": {"unit": "PERCENT", "value": 0.0}},
        ),
        ("update_service_primary_task_set", {"cluster": "prod", "service": "shop", "primaryTaskSet": "arn:ts"}),
        ("create_task_set", {"cluster": "prod", "service": "shop", "externalId": "green"}),
        ("register_task_definition", {"family": "shop"}),
        ("describe_services", {"cluster": "prod", "services": ["shop-blue"]}),
        ("describe_task_sets", {"cluster": "prod", "service": "shop", "taskSets": ["arn:ts"]}),
    ]


def test_a_missing_task_definition_names_the_option():
    client = FakeClient(describe_task_definition=[client_error("ClientException")])
    with pytest.raises(InputError, match="images: no task definition shop:9"):
        ecs.describe_task_definition(client, "shop:9", "images")


def test_missing_services_and_clusters_name_the_option():
    client = FakeClient(
        describe_services=[{"services": [{"serviceName": "shop-blue", "serviceArn": "arn:b", "status": "ACTIVE"}]}]
    )
    with pytest.raises(InputError, match="green_service: no ECS service shop-green in cluster prod"):
        ecs.describe_services(
            client, "prod", {"blue": ("blue_service", "shop-blue"), "green": ("green_service", "shop-green")}
        )
    client = FakeClient(describe_clusters=[{"clusters": [{"status": "INACTIVE"}]}])
    with pytest.raises(InputError, match="cluster: no active ECS cluster prod"):
        ecs.describe_cluster(client, "prod")
