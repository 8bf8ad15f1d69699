"""Each operation applies itself (through a fake ECS api), predicts its effect and describes itself."""

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._envs import ecs_operations as operations
from ansible_collections.bluegreen.aws.plugins.module_utils._envs.ecs_operations import (
    RecordRelease,
    CreateTaskSet,
    DeleteTaskSet,
    MakePrimary,
    RegisterTaskDefinition,
    ScaleTaskSet,
    UpdateDesiredCount,
    UpdateService,
)

from .ecs_fakes import NEW_TASK_SET, SERVICE_ARN, TD1, TD2, TD3, FakeApi, pair_views, service, task_set, task_set_case

BLUE_SERVICE = "arn:aws:ecs:us-east-1:123456789012:service/prod/shop-blue"
SPEC = {"externalId": "green", "taskDefinition": TD2, "loadBalancers": [{"targetGroupArn": "tg"}]}


GREEN_TASK_SET = task_set("green", TD1)["taskSetArn"]

# (operation, the call it makes, its description)
CASES = [
    (
        UpdateService("blue", BLUE_SERVICE, "shop-blue", TD2, 3, from_task_definition=TD1),
        ("update_service", {"service": BLUE_SERVICE, "task_definition": TD2, "desired_count": 3}),
        "update service shop-blue (blue): task definition shop:2, desired count 3",
    ),
    (
        # Same task definition: only the count is sent, so that ECS starts no deployment for nothing.
        UpdateService("blue", BLUE_SERVICE, "shop-blue", TD1, 0, from_task_definition=TD1),
        ("update_service", {"service": BLUE_SERVICE, "task_definition": None, "desired_count": 0}),
        "update service shop-blue (blue): task definition shop:1, desired count 0",
    ),
    (
        UpdateDesiredCount(SERVICE_ARN, "shop", 4, 2),
        ("update_service", {"service": SERVICE_ARN, "task_definition": None, "desired_count": 4}),
        "update service shop: desired count 2 -> 4",
    ),
    (
        ScaleTaskSet("green", SERVICE_ARN, GREEN_TASK_SET, 0),
        ("scale_task_set", {"service": SERVICE_ARN, "task_set": GREEN_TASK_SET, "percent": 0}),
        "scale the green task set to 0%",
    ),
    (
        DeleteTaskSet("green", SERVICE_ARN, GREEN_TASK_SET, TD1),
        ("delete_task_set", {"service": SERVICE_ARN, "task_set": GREEN_TASK_SET}),
        "delete the older green task set (task definition shop:1)",
    ),
    (
        CreateTaskSet("green", SERVICE_ARN, SPEC),
        ("create_task_set", {"service": SERVICE_ARN, "spec": SPEC}),
        "create the green task set: task definition shop:2 at 100% scale",
    ),
    (
        MakePrimary("green", SERVICE_ARN, GREEN_TASK_SET),
        ("make_primary", {"service": SERVICE_ARN, "task_set": GREEN_TASK_SET}),
        "make the green task set the primary task set",
    ),
    (
        RegisterTaskDefinition({"family": "shop"}, [{"key": "team", "value": "web"}], TD3),
        ("register_task_definition", {"registration": {"family": "shop"}, "tags": [{"key": "team", "value": "web"}]}),
        "register task definition shop:3",
    ),
]


@pytest.mark.parametrize("op, call, description", CASES, ids=[type(case[0]).__name__ for case in CASES])
def test_apply_makes_one_call_and_describe_says_it(op, call, description):
    api = FakeApi()
    op.apply(api)
    assert api.calls == [call]
    assert op.describe() == description
    assert description in repr(op)


def test_create_task_set_remembers_what_it_created():
    op = CreateTaskSet("green", SERVICE_ARN, SPEC)
    assert op.created is None
    op.apply(FakeApi())
    assert (op.color, op.created) == ("green", NEW_TASK_SET)
    assert all(other.created is None for other, _call, _description in CASES if not isinstance(other, CreateTaskSet))


def test_register_takes_the_arn_aws_gives():
    op = RegisterTaskDefinition({"family": "shop"}, [], "arn:aws:ecs:us-east-1:123456789012:task-definition/shop:9")
    op.apply(FakeApi())
    assert (op.task_definition, op.registered["revision"]) == (TD3, 3)
    assert op.describe() == "register task definition shop:3"


# --------------------------------------------------------------------------- predict


def test_predict_a_service_update():
    views = pair_views(blue=service("shop-blue", desired=2))
    op = UpdateService("green", "arn", "shop-green", TD2, 2, TD1)
    assert operations.predict(views, [op], "service_pair", 0) == {
        "blue": {"task_definition": TD1, "desired_count": 2, "version": None},
        "green": {"task_definition": TD2, "desired_count": 2, "version": None},
    }
    assert operations.predict(views, [], "service_pair", 0)["green"] == {
        "task_definition": TD1,
        "desired_count": 0,
        "version": None,
    }


@pytest.mark.parametrize(
    "ops, blue, green",
    [
        ([], (TD1, 2), (TD1, 0)),
        ([ScaleTaskSet("green", SERVICE_ARN, "ts", 100)], (TD1, 2), (TD1, 2)),
        ([UpdateDesiredCount(SERVICE_ARN, "shop", 4, 2)], (TD1, 4), (TD1, 0)),
        (
            [UpdateDesiredCount(SERVICE_ARN, "shop", 3, 2), ScaleTaskSet("green", SERVICE_ARN, "ts", 100)],
            (TD1, 3),
            (TD1, 3),
        ),
        ([DeleteTaskSet("green", SERVICE_ARN, "ts", TD1)], (TD1, 2), (None, 0)),
        (
            [DeleteTaskSet("green", SERVICE_ARN, "ts", TD1), CreateTaskSet("green", SERVICE_ARN, SPEC)],
            (TD1, 2),
            (TD2, 2),
        ),
        ([MakePrimary("green", SERVICE_ARN, "ts")], (TD1, 2), (TD1, 0)),
        ([ScaleTaskSet("blue", SERVICE_ARN, "ts", 0)], (TD1, 0), (TD1, 0)),
    ],
)
def test_predict_task_sets_follow_the_service_count_and_their_scale(ops, blue, green):
    _found, views, _svc = task_set_case(blue=task_set("blue"), green=task_set("green", scale=0.0))
    after = operations.predict(views, ops, "task_set", 2)
    assert (after["blue"]["task_definition"], after["blue"]["desired_count"]) == blue
    assert (after["green"]["task_definition"], after["green"]["desired_count"]) == green


def test_predict_leaves_the_views_alone():
    views = pair_views()
    operations.predict(views, [UpdateService("green", "arn", "shop-green", TD2, 2, TD1)], "service_pair", 0)
    assert views["green"]["task_definition"] == TD1


def test_an_operation_that_forgets_describe_or_apply_says_so():
    class Half(operations.Operation):
        pass

    with pytest.raises(NotImplementedError):
        Half().apply(FakeApi())
    with pytest.raises(NotImplementedError):
        Half().describe()


@pytest.mark.parametrize(
    "strategy, version_key, deployed_key",
    [
        ("service_pair", "bluegreen:version", "bluegreen:deployed-at"),
        ("task_set", "bluegreen:green:version", "bluegreen:green:deployed-at"),
    ],
)
def test_record_release_tags_the_color_with_the_version_and_the_time(strategy, version_key, deployed_key):
    api = FakeApi()
    op = RecordRelease("green", SERVICE_ARN, strategy, "1.4.2", clock=lambda: 1764410590)
    op.apply(api)
    assert api.calls == [
        ("tag_resource", {"arn": SERVICE_ARN, "tags": {version_key: "1.4.2", deployed_key: "2025-11-29T10:03:10Z"}})
    ]
    assert op.describe() == "record version 1.4.2 on the green color"

    # With the color's target group known, the router's side of the color is marked alike.
    api = FakeApi()
    RecordRelease("green", SERVICE_ARN, strategy, "1.4.2", "arn:tg/green", clock=lambda: 1764410590).apply(api)
    assert api.calls[1] == (
        "tag_target_group",
        {
            "arn": "arn:tg/green",
            "tags": {"bluegreen:version": "1.4.2", "bluegreen:deployed-at": "2025-11-29T10:03:10Z"},
        },
    )
    views = pair_views()
    assert operations.predict(views, [op], strategy, 0)["green"]["version"] == "1.4.2"
