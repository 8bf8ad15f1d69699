"""Survey answers as AWX sends them, converted by the app's argument spec in one place."""

import pathlib

import pytest
import yaml
from ansible.errors import AnsibleFilterError

from ansible_collections.bluegreen.aws.plugins.filter.app_settings import app_settings

SPEC = pathlib.Path(__file__).parents[4] / "roles" / "app" / "meta" / "argument_specs.yml"
OPTIONS = yaml.safe_load(SPEC.read_text())["argument_specs"]["main"]["options"]


def settings(**answers):
    return app_settings(dict({"bluegreen_app": "shop"}, **answers), OPTIONS)


@pytest.mark.parametrize(
    "answers, expected",
    [
        ({"bluegreen_canary_percent": "25"}, {"canary_percent": 25}),
        ({"bluegreen_step_interval": " 0 "}, {"step_interval": 0}),
        ({"bluegreen_auto_promote": "false"}, {"auto_promote": False}),
        ({"bluegreen_rollback_scale_up": "True"}, {"rollback_scale_up": True}),
        ({"bluegreen_steps": ["10", "50"]}, {"steps": [10, 50]}),
        ({"bluegreen_steps": "10\n50"}, {"steps": [10, 50]}),
        ({"bluegreen_alarms": "shop-5xx, shop-latency"}, {"alarms": ["shop-5xx", "shop-latency"]}),
        ({"bluegreen_verify_urls": '{"blue": "http://b"}'}, {"verify_urls": {"blue": "http://b"}}),
        ({"bluegreen_shift": "canary"}, {"shift": "canary"}),
    ],
)
def test_survey_strings_become_the_types_of_the_spec(answers, expected):
    result = settings(**answers)
    assert {key: result[key] for key in expected} == expected


BLANKS = pytest.mark.parametrize("blank", ["", "  ", None], ids=["empty", "spaces", "null"])


@BLANKS
@pytest.mark.parametrize(
    "name, default",
    [
        ("canary_percent", 10),
        ("step_interval", 60),
        ("auto_promote", True),
        ("rollback_scale_up", False),
        ("shift", "all_at_once"),
        ("rollback_to", None),
        ("scale_down_delay", None),
        ("alarms", []),
        ("steps", None),
        ("verify_urls", None),
        ("image", None),
    ],
)
def test_a_blank_or_null_answer_is_the_default_like_a_missing_one(blank, name, default):
    missing = settings()
    answered = settings(**{"bluegreen_" + name: blank})
    assert answered[name] == missing[name] == default


@pytest.mark.parametrize(
    "name, answer",
    [
        ("bluegreen_canary_percent", "ten"),
        ("bluegreen_step_interval", "1.5"),
        ("bluegreen_auto_promote", "maybe"),
        ("bluegreen_shift", "sideways"),
        ("bluegreen_rollback_to", "red"),
        ("bluegreen_steps", "10, x"),
        ("bluegreen_verify_urls", "[1, 2]"),
    ],
)
def test_an_answer_that_cannot_be_converted_fails_naming_the_variable_and_the_value(name, answer):
    with pytest.raises(AnsibleFilterError) as error:
        settings(**{name: answer})
    assert str(error.value).startswith(name)
    assert answer.split(", ")[-1] in str(error.value)


@BLANKS
def test_a_blank_required_answer_fails_naming_the_variable(blank):
    with pytest.raises(AnsibleFilterError, match="^bluegreen_app is required"):
        app_settings({"bluegreen_app": blank}, OPTIONS)
    with pytest.raises(AnsibleFilterError, match="^bluegreen_version is required"):
        app_settings({"bluegreen_app": "shop", "bluegreen_version": blank}, OPTIONS, ["bluegreen_version"])
