"""The ``images`` shortcut: registration input, other images, comparing definitions (not ARNs)."""

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import InputError
from ansible_collections.bluegreen.aws.plugins.module_utils._envs import ecs_task_definitions as definitions
from ansible_collections.bluegreen.aws.plugins.module_utils._envs.ecs_task_definitions import Catalog, Wanted

from .ecs_fakes import TD1, TD2, task_definition


def test_with_images_replaces_only_the_named_images():
    base = task_definition(
        containers=[
            {"name": "web", "image": "nginx:1", "memory": 512, "portMappings": [{"containerPort": 80}]},
            {"name": "log", "image": "fluentbit:1", "memory": 64, "environment": []},
        ]
    )
    wanted = definitions.with_images(base, {"log": "fluentbit:2"})
    assert [c["image"] for c in wanted["containerDefinitions"]] == ["nginx:1", "fluentbit:2"]
    assert base["containerDefinitions"][1]["image"] == "fluentbit:1", "the base is not modified"
    for key in ("taskDefinitionArn", "revision", "status", "compatibilities"):
        assert key not in wanted
    assert wanted["cpu"] == "256" and wanted["family"] == "shop"


def test_with_images_rejects_an_unknown_container():
    with pytest.raises(InputError) as error:
        definitions.with_images(task_definition(), {"api": "x", "web": "y"})
    assert "images: task definition shop:1 has no container named 'api' (its containers: web)" == error.value.msg


@pytest.mark.parametrize(
    "candidate, images, same",
    [
        (task_definition(TD2, image="nginx:2"), {"web": "nginx:2"}, True),
        (task_definition(TD2, image="nginx:2"), {"web": "nginx:3"}, False),
        (task_definition(TD1, image="nginx:1"), {"web": "nginx:1"}, True),
        (dict(task_definition(TD2, image="nginx:2"), memory="1024"), {"web": "nginx:2"}, False),
        (dict(task_definition(TD2, image="nginx:2"), volumes=None, placementConstraints=[]), {"web": "nginx:2"}, True),
        (None, {"web": "nginx:2"}, False),
    ],
)
def test_same_definition_compares_definitions_not_arns(candidate, images, same):
    wanted = definitions.with_images(task_definition(TD1, image="nginx:1"), images)
    assert definitions.same_definition(candidate, wanted) is same
    assert Wanted.registering(wanted, []).is_run_by(candidate) is same


def test_registration_input_round_trips():
    described = task_definition(TD2)
    assert definitions.same_definition(described, definitions.registration_input(described))


def test_short_and_next_revision():
    assert definitions.short_task_definition(TD2) == "shop:2"
    assert definitions.short_task_definition(None) is None
    assert definitions.next_revision_arn(task_definition(TD2)) == TD2[:-1] + "3"


def test_a_revision_is_run_by_its_arn():
    wanted = Wanted.revision(task_definition(TD2))
    assert wanted.arn == TD2 and wanted.registration is None
    assert wanted.is_run_by(task_definition(TD2))
    assert not wanted.is_run_by(task_definition(TD1, image="nginx:1"))
    assert not wanted.is_run_by(None)


def test_catalog_finds_by_reference_arn_and_family():
    found = Catalog()
    found.add("shop:1", task_definition(TD1), [{"key": "team", "value": "web"}])
    assert found.knows("shop:1") and found.knows(TD1) and not found.knows(TD2)
    assert found.get(TD1)[1] == [{"key": "team", "value": "web"}]
    assert not found.knows_latest("shop")
    found.set_latest("shop", task_definition(TD2))
    assert found.latest("shop")["taskDefinitionArn"] == TD2 and found.knows(TD2)
    found.set_latest("other", None)
    assert found.knows_latest("other") and found.latest("other") is None
