"""alb_shift_info's own checks, made before any AWS call, and its read of the release history."""

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import InputError
from ansible_collections.bluegreen.aws.plugins.module_utils._release import history_work
from ansible_collections.bluegreen.aws.plugins.module_utils._release.items import to_item
from ansible_collections.bluegreen.aws.plugins.module_utils._routers import alb_reader
from ansible_collections.bluegreen.aws.plugins.module_utils._routers.alb_reader import (
    validate_history_option,
    validate_reader_options,
)
from fakes import FakeClient, FakeModule, client_error


def params(**changes):
    return dict(dict(load_balancer="shop", ports=[80, 8080], blue_target_group="b", green_target_group="g"), **changes)


def test_good_options_pass():
    validate_reader_options(params())


@pytest.mark.parametrize(
    "changes, words",
    [
        (dict(ports=[]), "ports must name at least one listener port"),
        (dict(ports=[0]), "ports must be from 1 to 65535, got 0"),
        (dict(ports=[80, 65536]), "ports must be from 1 to 65535, got 65536"),
        (dict(ports=[80, 8080, 80]), "ports must not repeat a port"),
        (dict(green_target_group="b"), "blue_target_group and green_target_group must differ"),
    ],
)
def test_bad_options_name_the_option(changes, words):
    with pytest.raises(InputError) as raised:
        validate_reader_options(params(**changes))
    assert words in raised.value.msg


def test_the_history_option_is_checked_before_any_call():
    validate_history_option(None)
    validate_history_option(dict(app="shop", table="bluegreen-releases", count=5))
    with pytest.raises(InputError, match="history: count must be from 1 to 100, got 0"):
        validate_history_option(dict(app="shop", table="bluegreen-releases", count=0))
    with pytest.raises(InputError, match="history: table must be a DynamoDB table name"):
        validate_history_option(dict(app="shop", table="x", count=5))


def test_the_history_is_read_in_the_same_call_and_a_failure_is_reported(monkeypatch):
    stored = {"app": "shop", "sk": "release#2026-11-29T08:00:00.000Z#r1", "id": "r1", "outcome": "succeeded"}
    client = FakeClient(query=[{"Items": [to_item(stored)]}, client_error("ResourceNotFoundException", "Query")])
    monkeypatch.setattr(history_work, "dynamodb_client", lambda module: client)
    given = dict(app="shop", table="bluegreen-releases", count=3)
    found = alb_reader.read_history(FakeModule({}), given)
    assert [record["id"] for record in found["history"]] == ["r1"] and "history_error" not in found
    assert client.calls[0][1]["Limit"] == 3
    missing = alb_reader.read_history(FakeModule({}), given)
    assert missing["history"] is None and "bluegreen-releases does not exist" in missing["history_error"]
