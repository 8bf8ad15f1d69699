"""release_status_info: the listeners, the colors and the history of an app read in one run."""

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import InputError
from ansible_collections.bluegreen.aws.plugins.module_utils._envs import asg_release, ecs_release
from ansible_collections.bluegreen.aws.plugins.module_utils._release import history_work, status_read
from ansible_collections.bluegreen.aws.plugins.module_utils._release.items import to_item
from fakes import FakeClient, FakeModule, client_error

ALB = dict(load_balancer="shop", ports=[80, 8080], blue_target_group="shop-blue", green_target_group="shop-green")


def params(**changes):
    values = dict(app="shop", alb=dict(ALB), ecs=dict(cluster="shop", strategy="task_set"), ec2=None, history=None)
    values.update(changes)
    return values


@pytest.fixture
def reads(monkeypatch):
    """The parts' reads, recording the options each was given."""
    seen = {}

    def reader(name, answer):
        def read(module):
            seen[name] = dict(module.params)
            module.warn("%s read" % name)
            return dict(answer, changed=False)

        return read

    monkeypatch.setattr(status_read, "read_listeners", reader("alb", {"listeners": [{"port": 80}]}))
    monkeypatch.setattr(ecs_release, "describe_app", reader("ecs", {"colors": {"blue": {}}, "live_color": "blue"}))
    monkeypatch.setattr(asg_release, "describe_app", reader("ec2", {"colors": {"green": {}}, "live_color": "green"}))
    return seen


def test_each_part_gets_its_own_module_options_and_the_results_are_kept_apart(reads):
    module = FakeModule(params())
    result = status_read.read_status(module)
    assert result == {
        "changed": False,
        "alb": {"listeners": [{"port": 80}]},
        "platform": {"colors": {"blue": {}}, "live_color": "blue"},
    }
    assert reads["alb"] == ALB
    assert reads["ecs"]["app"] == "shop" and reads["ecs"]["strategy"] == "task_set"
    assert reads["ecs"]["cluster"] == "shop" and reads["ecs"]["listener_arn"] is None, "the other options as unset"
    assert module.warnings == ["alb read", "ecs read"], "the parts warn through the module"


def test_ec2_colors_are_read_by_the_auto_scaling_read(reads):
    given = params(ecs=None, ec2=dict(blue_group=None, green_group=None, launch_template="shop-lt"))
    result = status_read.read_status(FakeModule(given))
    assert result["platform"]["live_color"] == "green" and "ecs" not in reads
    assert reads["ec2"]["app"] == "shop" and reads["ec2"]["launch_template"] == "shop-lt"


def test_the_history_comes_in_the_same_run_and_a_missing_table_is_reported(reads, monkeypatch):
    stored = {"app": "shop", "sk": "release#2026-11-29T08:00:00.000Z#r1", "id": "r1", "outcome": "succeeded"}
    client = FakeClient(query=[{"Items": [to_item(stored)]}, client_error("ResourceNotFoundException", "Query")])
    monkeypatch.setattr(history_work, "dynamodb_client", lambda module: client)
    given = params(history=dict(table="bluegreen-releases", count=3))
    found = status_read.read_status(FakeModule(given))
    assert [record["id"] for record in found["history"]] == ["r1"] and "history_error" not in found
    assert client.calls[0][1]["Limit"] == 3 and client.calls[0][1]["ExpressionAttributeValues"][":app"] == {"S": "shop"}
    missing = status_read.read_status(FakeModule(given))
    assert missing["history"] is None and "bluegreen-releases does not exist" in missing["history_error"]


@pytest.mark.parametrize(
    "changes, fragment",
    [
        (dict(alb=dict(ALB, ports=[80, 80])), "ports must not repeat a port"),
        (dict(alb=dict(ALB, green_target_group="shop-blue")), "must differ"),
        (dict(ecs=dict(cluster="", strategy="service_pair")), "cluster must not be empty"),
        (dict(app="no spaces"), "app"),
        (dict(history=dict(table="bluegreen-releases", count=0)), "history: count must be from 1 to 100, got 0"),
        (dict(history=dict(table="x", count=5)), "history: table must be a DynamoDB table name"),
    ],
)
def test_every_option_is_checked_before_any_read(reads, changes, fragment):
    with pytest.raises(InputError, match=fragment):
        status_read.read_status(FakeModule(params(**changes)))
    assert reads == {}, "nothing was read"
