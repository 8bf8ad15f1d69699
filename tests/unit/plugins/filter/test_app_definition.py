"""The app definition the roles read: converted, checked and completed in one filter call."""

import os
import pathlib

import pytest

import yaml
from ansible.errors import AnsibleFilterError

from ansible_collections.bluegreen.aws.plugins.filter.app_definition import app_definition, app_option_names

SPEC = pathlib.Path(__file__).parents[4] / "roles" / "app" / "meta" / "argument_specs.yml"
OPTIONS = yaml.safe_load(SPEC.read_text())["argument_specs"]["main"]["options"]


def definition(entry_point="main", **variables):
    return app_definition(dict({"bluegreen_app": "shop"}, **variables), OPTIONS, entry_point, {"user": "ann"})


def test_a_sound_definition_has_no_problem_and_the_names_provision_makes():
    result = definition()
    assert result["problems"] == []
    assert (result["app"], result["cluster"], result["load_balancer"], result["container_name"]) == ("shop",) * 4
    assert (
        result["target_groups"]
        == result["services"]
        == result["groups"]
        == {"blue": "shop-blue", "green": "shop-green"}
    )
    assert result["listener_rules"] == {"production": "shop-production", "test": "shop-test"}
    assert (result["log_group"], result["listener_protocol"], result["target_type"]) == ("/ecs/shop", "HTTP", "ip")
    assert (result["record"], result["load_balancers"], result["stacks"], result["verify_urls"]) == (None, {}, {}, {})
    assert result["run_context"] == {"user": "ann"}
    assert result["desired_count"] == 2, "the spec's defaults apply"


@pytest.mark.parametrize(
    "variables, steps",
    [
        ({}, []),
        ({"bluegreen_shift": "canary", "bluegreen_canary_percent": "20"}, [20]),
        ({"bluegreen_shift": "linear", "bluegreen_linear_percent": 30}, [30, 60, 90]),
        ({"bluegreen_shift": "linear", "bluegreen_steps": "5, 50"}, [5, 50]),
    ],
)
def test_the_steps_come_from_the_shift_or_the_explicit_list(variables, steps):
    assert definition(**variables)["steps"] == steps


@pytest.mark.parametrize(
    "variables, config, routing",
    [
        ({}, "CodeDeployDefault.ECSAllAtOnce", None),
        (
            {"bluegreen_shift": "canary", "bluegreen_step_interval": 300},
            "CodeDeployDefault.ECSCanary10Percent5Minutes",
            None,
        ),
        (
            {"bluegreen_shift": "linear", "bluegreen_linear_percent": 30, "bluegreen_step_interval": 61},
            "shop-linear-30-2m",
            {"type": "linear", "percentage": 30, "interval": 2},
        ),
    ],
)
def test_the_shift_as_a_codedeploy_configuration(variables, config, routing):
    result = definition(bluegreen_ecs_strategy="codedeploy", **variables)
    assert (result["managed"], result["deployment_config"], result["traffic_routing"]) == (True, config, routing)


def test_the_shift_as_an_ecs_native_deployment():
    result = definition(bluegreen_ecs_strategy="ecs_native", bluegreen_shift="canary", bluegreen_step_interval=0)
    assert (result["native_strategy"], result["native_step_percent"], result["native_step_bake_time"]) == (
        "CANARY",
        10.0,
        1,
    )
    assert definition()["native_step_percent"] is None


def test_route53_names_and_the_task_set_service():
    result = definition(
        bluegreen_router="route53",
        bluegreen_zone="Example.com.",
        bluegreen_record="Shop.Example.com",
        bluegreen_ecs_strategy="task_set",
        bluegreen_certificate_arn="arn:aws:acm:eu-west-1:123456789012:certificate/x",
    )
    assert result["problems"] == []
    assert result["record"] == "shop.example.com."
    assert result["load_balancers"] == {"blue": "shop-blue", "green": "shop-green"}
    assert (result["services"], result["listener_protocol"]) == ({"service": "shop"}, "HTTPS")


def test_the_tasks_files_of_the_platform_external_become_absolute(tmp_path, monkeypatch):
    (tmp_path / "deploy.yml").write_text("---\n")
    monkeypatch.chdir(tmp_path)
    result = definition(
        bluegreen_platform="external",
        bluegreen_router="route53",
        bluegreen_zone="example.com",
        bluegreen_record="shop.example.com",
        bluegreen_stacks={"blue": {"value": "192.0.2.1"}, "green": {"value": ["192.0.2.2"]}},
        bluegreen_deploy_tasks="deploy.yml",
        bluegreen_min_healthy_targets=3,
    )
    assert result["problems"] == []
    assert result["deploy_tasks"] == os.path.join(str(tmp_path.resolve()), "deploy.yml")
    assert result["min_healthy_targets"] == 0, "the collection sees no target of a stack it does not build"


@pytest.mark.parametrize(
    "entry_point, variables, missing",
    [
        ("deploy", {"bluegreen_image": "shop:1"}, ["bluegreen_version"]),
        ("deploy", {"bluegreen_version": "1"}, ["bluegreen_image"]),
        ("deploy", {"bluegreen_version": "1", "bluegreen_platform": "ec2"}, ["bluegreen_image_id"]),
        ("deploy", {"bluegreen_version": "1", "bluegreen_platform": " external "}, ["bluegreen_deploy_tasks"]),
        ("provision", {}, ["bluegreen_vpc_id", "bluegreen_subnets"]),
        ("teardown", {}, ["bluegreen_teardown_confirm"]),
    ],
)
def test_each_entry_point_requires_what_its_playbook_needs(entry_point, variables, missing):
    problems = definition(entry_point, **variables)["problems"]
    assert problems == ["%s is required and was not set" % name for name in missing]


def test_the_platform_external_provisions_nothing_so_needs_no_network():
    problems = definition("provision", bluegreen_platform="external")["problems"]
    assert not any("bluegreen_vpc_id" in problem for problem in problems)
    assert "bluegreen_stacks is required with bluegreen_platform external" in problems


def test_every_conversion_problem_is_reported_before_any_check():
    result = definition(bluegreen_auto_promote="maybe", bluegreen_desired_count="two", bluegreen_canary_percent=150)
    assert result == {
        "problems": [
            'bluegreen_desired_count must be an integer, got "two"',
            'bluegreen_auto_promote must be true or false, got "maybe"',
        ]
    }


def test_the_checks_are_reported_together_without_the_derived_names():
    result = definition(bluegreen_canary_percent=150, bluegreen_listener_port=0)
    assert result == {
        "problems": [
            "bluegreen_listener_port must be from 1 to 65535, got 0",
            "bluegreen_canary_percent must be from 1 to 99, got 150",
        ]
    }


def test_an_unknown_entry_point_is_a_filter_error():
    with pytest.raises(
        AnsibleFilterError, match="entry_point must be one of main, provision, deploy, teardown, got rollback"
    ):
        definition("rollback")


def test_the_spec_may_be_given_as_the_path_of_its_file():
    by_path = app_definition({"bluegreen_app": "shop"}, str(SPEC), "main", {})
    assert by_path == app_definition({"bluegreen_app": "shop"}, OPTIONS, "main", {})
    assert app_option_names(str(SPEC)) == list(OPTIONS)


def test_a_spec_file_that_cannot_be_read_is_a_filter_error(tmp_path):
    with pytest.raises(AnsibleFilterError, match="cannot read the options of the argument spec"):
        app_option_names(str(tmp_path / "missing.yml"))
