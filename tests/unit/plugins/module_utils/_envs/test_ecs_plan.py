"""The pure planners: the operations of one color, and the states deployed, promoted and scaled_down."""

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import InputError, Refusal
from ansible_collections.bluegreen.aws.plugins.module_utils._envs import ecs_plan as plan
from ansible_collections.bluegreen.aws.plugins.module_utils._envs.ecs_operations import (
    RecordRelease,
    CreateTaskSet,
    DeleteTaskSet,
    MakePrimary,
    RegisterTaskDefinition,
    ScaleTaskSet,
    UpdateDesiredCount,
    UpdateService,
    predict,
)
from ansible_collections.bluegreen.aws.plugins.module_utils._envs.ecs_task_definitions import registration_input

from .ecs_fakes import (
    TD1,
    TD2,
    TD3,
    TG_BLUE,
    TG_GREEN,
    catalog,
    live_of,
    pair_current,
    pair_views,
    params,
    service,
    task_definition,
    task_set,
    task_set_case,
    task_set_current,
)

# --------------------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    "strategy, live, desired, service_desired, expected",
    [
        ("service_pair", "blue", (3, 0), 0, 3),
        ("service_pair", None, (0, 0), 0, 1),
        ("service_pair", "green", (0, 0), 0, 1),
        ("task_set", "blue", (4, 0), 4, 4),
        ("task_set", None, (0, 0), 5, 5),
        ("task_set", None, (0, 0), 0, 1),
    ],
)
def test_default_desired_count(strategy, live, desired, service_desired, expected):
    colors = {"blue": {"desired_count": desired[0]}, "green": {"desired_count": desired[1]}}
    assert plan.default_desired_count(strategy, live, colors, service_desired) == expected


def test_runs():
    from ansible_collections.bluegreen.aws.plugins.module_utils._envs.ecs_colors import service_view, task_set_view

    view = service_view(service("shop-blue", desired=2), TG_BLUE)
    assert plan.runs(view, TD1, 2, "service_pair")
    assert not plan.runs(view, TD2, 2, "service_pair")
    assert not plan.runs(view, TD1, 3, "service_pair")
    half = task_set_view(task_set("blue", scale=50.0), 4, TG_BLUE)
    assert not plan.runs(half, TD1, 2, "task_set")
    assert plan.runs(task_set_view(task_set("blue"), 2, TG_BLUE), TD1, 2, "task_set")
    assert not plan.runs(task_set_view(None, 2, TG_BLUE), TD1, 0, "task_set")


@pytest.mark.parametrize(
    "color_option, live, expected",
    [(None, "blue", "green"), (None, "green", "blue"), (None, None, "blue"), ("green", None, "green")],
)
def test_choose_deploy_color(color_option, live, expected):
    assert plan.choose_deploy_color(color_option, live) == expected


# --------------------------------------------------------------------------- operations of one color


@pytest.mark.parametrize(
    "green_td, green_desired, wanted_td, wanted_desired, expected",
    [
        (TD1, 0, TD2, 2, [(UpdateService, TD2, 2)]),
        (TD2, 0, TD2, 2, [(UpdateService, TD2, 2)]),
        (TD1, 2, TD2, 2, [(UpdateService, TD2, 2)]),
        (TD2, 2, TD2, 2, []),
    ],
)
def test_plan_service_pair_deploy(green_td, green_desired, wanted_td, wanted_desired, expected):
    views = pair_views(green=service("shop-green", task_definition=green_td, desired=green_desired))
    ops = plan.plan_service_pair_deploy(views, "green", wanted_td, wanted_desired)
    assert [(type(op), op.task_definition, op.desired_count) for op in ops] == expected
    after = predict(views, ops, "service_pair", 0)
    assert after["green"] == {"task_definition": wanted_td, "desired_count": wanted_desired, "version": None}
    assert after["blue"] == {"task_definition": TD1, "desired_count": 0, "version": None}


def spec_for(task_definition_arn, target_group=TG_GREEN):
    return {"taskDefinition": task_definition_arn, "loadBalancers": [{"targetGroupArn": target_group}]}


@pytest.mark.parametrize(
    "green, wanted, desired, kinds",
    [
        (None, TD2, 2, [CreateTaskSet]),
        (task_set("green", TD2), TD2, 2, []),
        (task_set("green", TD2, scale=0.0), TD2, 2, [ScaleTaskSet]),
        (task_set("green", TD1), TD2, 2, [DeleteTaskSet, CreateTaskSet]),
        (task_set("green", TD2, target_group=TG_BLUE), TD2, 2, [DeleteTaskSet, CreateTaskSet]),
        (task_set("green", TD2), TD2, 3, [UpdateDesiredCount]),
        (None, TD2, 4, [UpdateDesiredCount, CreateTaskSet]),
    ],
)
def test_plan_task_set_deploy(green, wanted, desired, kinds):
    found, views, svc = task_set_case(blue=task_set("blue"), green=green)
    ops = plan.plan_task_set_deploy(views, found, "green", wanted, desired, svc, spec_for(wanted))
    assert [type(op) for op in ops] == kinds
    for op in ops:
        assert op.describe()
    after = predict(views, ops, "task_set", 2)
    assert after["green"] == {"task_definition": wanted, "desired_count": desired, "version": None}
    assert after["blue"] == {"task_definition": TD1, "desired_count": desired, "version": None}


def test_plan_task_set_deploy_never_replaces_the_primary_task_set():
    found, views, svc = task_set_case(blue=task_set("blue", TD1, status="PRIMARY"), green=task_set("green", TD2))
    with pytest.raises(Refusal, match="primary task set of service shop"):
        plan.plan_task_set_deploy(views, found, "blue", TD2, 2, svc, spec_for(TD2, TG_BLUE))
    # Scaling it back up in place is fine.
    found, views, svc = task_set_case(blue=task_set("blue", TD1, scale=0.0, status="PRIMARY"))
    ops = plan.plan_task_set_deploy(views, found, "blue", TD1, 2, svc, spec_for(TD1, TG_BLUE))
    assert [type(op) for op in ops] == [ScaleTaskSet]


@pytest.mark.parametrize(
    "strategy, blue, expected",
    [
        ("service_pair", service("shop-blue", desired=2), [UpdateService]),
        ("service_pair", service("shop-blue", desired=0), []),
        ("task_set", task_set("blue"), [ScaleTaskSet]),
        ("task_set", task_set("blue", scale=0.0), []),
        ("task_set", None, []),
    ],
)
def test_plan_scale_down(strategy, blue, expected):
    if strategy == "service_pair":
        views, svc = pair_views(blue=blue), None
    else:
        _found, views, svc = task_set_case(blue=blue)
    ops = plan.plan_scale_down(strategy, views, "blue", svc)
    assert [type(op) for op in ops] == expected
    after = predict(views, ops, strategy, 2)
    assert after["blue"]["desired_count"] == 0
    if ops and strategy == "service_pair":
        assert ops[0].desired_count == 0 and ops[0].task_definition == TD1
        assert ops[0].from_task_definition == TD1, "scaling down never sends a task definition"


# --------------------------------------------------------------------------- state=deployed

BLUE_UP = service("shop-blue", TD1, desired=2)
GREEN_UP = service("shop-green", TD2, desired=2, target_group=TG_GREEN)
BOTH_UP = dict(blue=BLUE_UP, green=GREEN_UP)


def deployed(current, live_color=None, found=None, **options):
    found = found or catalog(
        task_definition(TD1), task_definition(TD2, image="nginx:2"), latest=task_definition(TD2, image="nginx:2")
    )
    return plan.plan_deployed(params(**options), current, live_of(current, live_color), found)


def test_deployed_onto_the_idle_color():
    result = deployed(pair_current(blue=BLUE_UP, split=(100, 0)), task_definition="shop:2")
    assert (result.deployed_color, result.task_definition, result.wait) == ("green", TD2, ("green", 100))
    assert result.actions() == ["update service shop-green (green): task definition shop:2, desired count 2"]
    assert result.changed and result.register is None


def test_deployed_when_the_live_color_already_runs_it_changes_nothing():
    result = deployed(pair_current(blue=BLUE_UP, split=(100, 0)), task_definition="shop:1")
    assert (result.changed, result.deployed_color, result.wait) == (False, "blue", ("blue", 100))


def test_deployed_refuses_the_live_color_and_a_split_listener():
    with pytest.raises(Refusal, match="refusing to deploy onto blue, which receives 100%"):
        deployed(pair_current(blue=BLUE_UP, split=(100, 0)), task_definition="shop:2", color="blue")
    with pytest.raises(Refusal, match="shift is under way"):
        deployed(pair_current(**BOTH_UP, split=(90, 10)), task_definition="shop:2", desired_count=2)


@pytest.mark.parametrize(
    "options",
    [
        {"task_definition": "shop:2"},
        {"task_definition": "shop:2", "desired_count": 2},
        {"task_definition": "shop:2", "color": "green"},
        {"images": {"web": "nginx:2"}},
        {"task_definition": "shop:1"},
    ],
)
def test_a_finished_release_run_again_without_the_live_color_changes_nothing(options):
    # Fix: both colors up and nothing tells the live one; a write would be needed under neither.
    current = pair_current(**BOTH_UP)
    result = deployed(current, **options)
    assert (result.changed, result.ops, result.register) == (False, [], None)
    expected = "blue" if options.get("task_definition") == "shop:1" else "green"
    assert (result.deployed_color, result.wait) == (expected, (expected, 100))


@pytest.mark.parametrize(
    "options",
    [
        {"task_definition": "shop:2", "desired_count": 3},
        {"images": {"web": "nginx:7"}},
        {"task_definition": "shop:1", "color": "green"},
    ],
)
def test_without_the_live_color_a_needed_write_is_refused(options):
    with pytest.raises(Refusal) as error:
        deployed(pair_current(**BOTH_UP), **options)
    assert "both colors have tasks (blue desired count 2, green desired count 2)" in error.value.msg
    assert "nothing tells which one is live: set listener_arn or live_color" in error.value.msg


def test_without_the_live_color_different_counts_need_a_write():
    # Whichever color is live sets the count of the other: with blue live green would be scaled to 3.
    current = pair_current(blue=service("shop-blue", TD1, desired=3), green=GREEN_UP)
    with pytest.raises(Refusal, match="both colors have tasks"):
        deployed(current, task_definition="shop:2")


def test_the_same_bad_input_whichever_color_is_live_is_reported_as_such():
    with pytest.raises(InputError, match="images: task definition shop:2 has no container named 'api'"):
        deployed(pair_current(**BOTH_UP), task_definition="shop:2", images={"api": "x"})


def test_deployed_registers_a_revision_only_when_none_is_the_images():
    current = pair_current(blue=BLUE_UP, split=(100, 0))
    found = catalog(task_definition(TD1), latest=task_definition(TD1))
    result = deployed(current, found=found, images={"web": "nginx:3"})
    assert isinstance(result.register, RegisterTaskDefinition)
    assert result.register.registration == registration_input(
        dict(
            task_definition(TD1),
            containerDefinitions=[dict(task_definition(TD1)["containerDefinitions"][0], image="nginx:3")],
        )
    )
    assert result.task_definition == TD2, "check mode reports the next revision of the family"
    assert result.actions() == [
        "register task definition shop:2",
        "update service shop-green (green): task definition shop:2, desired count 2",
    ]
    # Once registered (as shop:3, say), the same plan with the revision AWS gave registers nothing.
    registered = task_definition(TD3, image="nginx:3")
    again = plan.plan_deployed(
        params(images={"web": "nginx:3"}), current, live_of(current), found, registered=registered
    )
    assert again.register is None and again.task_definition == TD3
    assert [op.task_definition for op in again.ops] == [TD3]


def test_deployed_reuses_the_latest_revision_that_is_the_images():
    current = pair_current(blue=BLUE_UP, split=(100, 0))
    result = deployed(current, images={"web": "nginx:2"})
    assert result.register is None and result.task_definition == TD2


def test_rollback_onto_a_scaled_down_color_keeps_its_task_definition():
    current = pair_current(blue=service("shop-blue", TD1, desired=0), green=GREEN_UP, split=(0, 100))
    result = deployed(current, color="blue")
    assert result.actions() == ["update service shop-blue (blue): task definition shop:1, desired count 2"]
    assert result.ops[0].from_task_definition == TD1


def test_task_sets_share_the_service_count():
    current = task_set_current(blue=task_set("blue", status="PRIMARY"), split=(100, 0))
    with pytest.raises(Refusal, match="desired_count: 1 is below the service's 2"):
        deployed(current, task_definition="shop:2", desired_count=1)
    result = deployed(current, task_definition="shop:2", desired_count=3)
    assert [type(op) for op in result.ops] == [UpdateDesiredCount, CreateTaskSet]
    assert result.warnings == [
        "desired_count 3 also scales the live blue task set: the task sets of a service share its desired count"
    ]


# --------------------------------------------------------------------------- promoted and scaled_down


def test_promoted_makes_the_task_set_primary():
    current = task_set_current(blue=task_set("blue", status="PRIMARY"), green=task_set("green", TD2), split=(0, 100))
    result = plan.plan_promoted(params(state="promoted", color="green"), current, live_of(current))
    assert [type(op) for op in result.ops] == [MakePrimary] and result.task_definition == TD2
    with pytest.raises(Refusal, match="refusing to promote blue, which has 0%"):
        plan.plan_promoted(params(state="promoted", color="blue"), current, live_of(current))
    with pytest.raises(Refusal, match="live_color is blue"):
        current.traffic = None
        plan.plan_promoted(params(state="promoted", color="green"), current, live_of(current, "blue"))


def test_promoted_service_pair_and_a_missing_task_set():
    current = pair_current(**BOTH_UP, split=(100, 0))
    assert not plan.plan_promoted(params(state="promoted", color="blue"), current, live_of(current)).changed
    current = task_set_current(blue=task_set("blue"))
    with pytest.raises(InputError, match="color: service shop has no green task set to promote"):
        plan.plan_promoted(params(state="promoted", color="green"), current, live_of(current))


@pytest.mark.parametrize(
    "split, color, outcome",
    [
        ((0, 100), None, "blue"),
        ((100, 0), None, "green"),
        ((100, 0), "blue", "refusing to scale down blue, which receives 100%"),
        ((90, 10), None, "shift is under way"),
        ((90, 10), "green", "refusing to scale down green, which receives 10%"),
        (None, None, "both colors have tasks"),
        (None, "green", "both colors have tasks"),
    ],
)
def test_scaled_down(split, color, outcome):
    current = pair_current(**BOTH_UP, split=split)

    def run():
        return plan.plan_scaled_down(params(state="scaled_down", color=color), current, live_of(current))

    if outcome in ("blue", "green"):
        result = run()
        assert result.actions() == [
            "update service shop-%s (%s): task definition shop:%s, desired count 0"
            % (outcome, outcome, "1" if outcome == "blue" else "2")
        ]
        assert result.wait == (outcome, 0)
    else:
        with pytest.raises(Refusal, match=outcome):
            run()


def test_scaled_down_of_a_color_already_down_changes_nothing_even_without_the_live_color():
    current = pair_current(blue=BLUE_UP)
    result = plan.plan_scaled_down(params(state="scaled_down", color="green"), current, live_of(current))
    assert not result.changed
    current = pair_current()
    assert not plan.plan_scaled_down(params(state="scaled_down"), current, live_of(current)).changed


def test_every_state_has_a_planner():
    from ansible_collections.bluegreen.aws.plugins.module_utils._envs.ecs_options import STATES

    # configured and rolled_back belong to the codedeploy and ecs_native strategies (their own planners).
    assert sorted(plan.PLANNERS) == sorted(set(STATES) - {"configured", "rolled_back"})


# --------------------------------------------------------------------------- release marks (version)


def test_a_versioned_deploy_marks_the_color_first():
    current = pair_current(blue=BLUE_UP, split=(100, 0))
    result = deployed(current, task_definition="shop:2", version="1.4.2")
    assert isinstance(result.ops[0], RecordRelease)
    assert (result.ops[0].color, result.ops[0].resource) == ("green", current.views["green"]["arn"])
    assert result.ops[0].target_group == current.target_group_arns["green"] == TG_GREEN
    assert result.actions()[0] == "record version 1.4.2 on the green color"


def test_a_versioned_registration_is_tagged_with_the_version():
    current = pair_current(blue=BLUE_UP, split=(100, 0))
    found = catalog(task_definition(TD1), latest=task_definition(TD1))
    result = deployed(current, found=found, images={"web": "nginx:3"}, version="1.4.3")
    assert {"key": "bluegreen:version", "value": "1.4.3"} in result.register.tags


def test_the_live_version_deployed_again_marks_nothing():
    current = pair_current(blue=BLUE_UP, split=(100, 0))
    result = deployed(current, task_definition="shop:1", version="1.4.1")
    assert not result.changed and result.ops == []


def test_a_color_already_marked_with_the_version_is_not_marked_again():
    marked = service(
        "shop-green", TD2, desired=2, target_group=TG_GREEN, tags=[{"key": "bluegreen:version", "value": "1.4.2"}]
    )
    current = pair_current(blue=BLUE_UP, green=marked, split=(100, 0))
    result = deployed(current, task_definition="shop:2", version="1.4.2", desired_count=2)
    assert result.ops == [] and not result.changed


def test_only_a_new_label_is_still_recorded_and_refused_on_the_live_color():
    current = pair_current(blue=BLUE_UP, green=GREEN_UP, split=(100, 0))
    result = deployed(current, task_definition="shop:2", version="1.4.2", desired_count=2)
    assert [type(op) for op in result.ops] == [RecordRelease]
    with pytest.raises(Refusal, match="deploy onto"):
        deployed(current, task_definition="shop:1", version="9.9", color="blue", desired_count=2)


def test_task_sets_are_marked_on_the_shared_service():
    current = task_set_current(blue=task_set("blue", status="PRIMARY"), split=(100, 0))
    result = deployed(current, task_definition="shop:2", version="2.0")
    record = result.ops[0]
    assert isinstance(record, RecordRelease)
    assert record.resource == current.service["serviceArn"] and record.strategy == "task_set"
