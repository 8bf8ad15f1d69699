# ruff: noqa: E501  (the expected messages are kept whole, as users read them)
"""The checks of an app definition its argument spec cannot make: each names the variable and the value."""

import pathlib

import pytest
import yaml

from ansible_collections.bluegreen.aws.plugins.filter.app_settings import app_settings
from ansible_collections.bluegreen.aws.plugins.plugin_utils.app_checks import dns_name, problems

SPEC = pathlib.Path(__file__).parents[4] / "roles" / "app" / "meta" / "argument_specs.yml"
OPTIONS = yaml.safe_load(SPEC.read_text())["argument_specs"]["main"]["options"]
ROUTE53 = {"bluegreen_router": "route53", "bluegreen_zone": "example.com", "bluegreen_record": "shop.example.com"}
EXTERNAL = dict(ROUTE53, bluegreen_platform="external")


def found(entry_point="main", **variables):
    return problems(app_settings(dict({"bluegreen_app": "shop"}, **variables), OPTIONS), entry_point)


def found_in(variables, entry_point="main"):
    return found(entry_point, **variables)


def test_the_defaults_pass():
    assert found() == []


@pytest.mark.parametrize(
    "variables, message",
    [
        (
            {"bluegreen_app": "a" * 27},
            "bluegreen_app must be 1 to 26 letters, digits and single hyphens, not starting or ending with a hyphen (it names "
            'the target groups <app>-blue and <app>-green, at most 32 characters), got "%s"' % ("a" * 27),
        ),
        ({"bluegreen_app": "a--b"}, "bluegreen_app must be 1 to 26"),
        ({"bluegreen_container_port": 70000}, "bluegreen_container_port must be from 1 to 65535, got 70000"),
        ({"bluegreen_listener_port": 0}, "bluegreen_listener_port must be from 1 to 65535, got 0"),
        (
            {"bluegreen_test_listener_port": 80},
            "bluegreen_test_listener_port must differ from bluegreen_listener_port, both are 80",
        ),
        ({"bluegreen_cpu": 0}, "bluegreen_cpu and bluegreen_memory must be positive, got 0 and 512"),
        ({"bluegreen_desired_count": 0}, "bluegreen_desired_count must be 1 or more, got 0"),
        (
            {"bluegreen_log_retention_days": 2},
            "bluegreen_log_retention_days must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, "
            "545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, got 2",
        ),
        ({"bluegreen_canary_percent": 150}, "bluegreen_canary_percent must be from 1 to 99, got 150"),
        ({"bluegreen_linear_percent": 0}, "bluegreen_linear_percent must be from 1 to 99, got 0"),
        (
            {"bluegreen_steps": [50, 10]},
            "bluegreen_steps must be strictly ascending percentages from 1 to 99, got [50, 10]",
        ),
        ({"bluegreen_steps": [10, 10]}, "bluegreen_steps must be strictly ascending"),
        ({"bluegreen_steps": [0, 10]}, "bluegreen_steps must be strictly ascending"),
        ({"bluegreen_steps": [10, 100]}, "bluegreen_steps must be strictly ascending"),
        ({"bluegreen_step_interval": -1}, "bluegreen_step_interval must be 0 or more seconds, got -1"),
        ({"bluegreen_progress_interval": -1}, "bluegreen_progress_interval must be 0 or more seconds, got -1"),
        ({"bluegreen_wait_timeout": 0}, "bluegreen_wait_timeout must be 1 or more seconds, got 0"),
        ({"bluegreen_min_healthy_targets": -1}, "bluegreen_min_healthy_targets must be 0 or more, got -1"),
        ({"bluegreen_verify_status": 42}, "bluegreen_verify_status must be an HTTP status from 100 to 599, got 42"),
        ({"bluegreen_verify_path": "health"}, 'bluegreen_verify_path must start with /, got "health"'),
        ({"bluegreen_verify_retries": 0}, "bluegreen_verify_retries must be 1 or more, got 0"),
        ({"bluegreen_verify_delay": -1}, "bluegreen_verify_delay must be 0 or more seconds, got -1"),
        (
            {"bluegreen_verify_urls": {"red": "http://r"}},
            'bluegreen_verify_urls may only have the keys blue and green, got {"red": "http://r"}',
        ),
        (
            {"bluegreen_verify_urls": {"blue": "ftp:/x"}},
            'bluegreen_verify_urls must map each color to an http:// or https:// URL, got {"blue": "ftp:/x"}',
        ),
        ({"bluegreen_health_check_path": "x"}, 'bluegreen_health_check_path must start with /, got "x"'),
        ({"bluegreen_scale_down_delay": -5}, "bluegreen_scale_down_delay must be 0 or more seconds, got -5"),
        (
            {"bluegreen_version": "1.0 beta"},
            'bluegreen_version must be 1 to 128 letters, digits and . _ + -, starting with a letter or digit, got "1.0 beta"',
        ),
        ({"bluegreen_image": "shop 1"}, 'bluegreen_image must be an image reference without spaces, got "shop 1"'),
        (
            {"bluegreen_image_id": "ubuntu"},
            'bluegreen_image_id must be an AMI id (ami- and 8 to 17 hexadecimal digits), got "ubuntu"',
        ),
        (
            {"bluegreen_instance_type": "big"},
            'bluegreen_instance_type must be an EC2 instance type such as t3.micro, got "big"',
        ),
        (
            {"bluegreen_health_check_grace_period": -1},
            "bluegreen_health_check_grace_period must be 0 or more seconds, got -1",
        ),
        (
            {"bluegreen_instance_profile": "a b"},
            'bluegreen_instance_profile must be an instance profile name or ARN, got "a b"',
        ),
        (
            {"bluegreen_user_data": "/no/such/file"},
            'bluegreen_user_data must be the path of a template file, got "/no/such/file" (no such file)',
        ),
        ({"bluegreen_vpc_id": "v-1"}, 'bluegreen_vpc_id must be a VPC id (vpc-...), got "v-1"'),
        (
            {"bluegreen_subnets": ["subnet-1", "s-2"]},
            'bluegreen_subnets must list subnet ids (subnet-...), got ["subnet-1", "s-2"]',
        ),
        ({"bluegreen_subnets": []}, "bluegreen_subnets must list subnet ids (subnet-...), got []"),
        (
            {"bluegreen_test_ingress_cidrs": ["10.0.0.0"]},
            'bluegreen_test_ingress_cidrs must list IPv4 CIDRs, got ["10.0.0.0"]',
        ),
        (
            {"bluegreen_state_table": "ab"},
            'bluegreen_state_table must be a DynamoDB table name (3 to 255 letters, digits, _ . -), got "ab"',
        ),
        ({"bluegreen_lock_ttl": 0}, "bluegreen_lock_ttl must be from 1 to 86400 seconds, got 0"),
        ({"bluegreen_analysis_alpha": 1.5}, "bluegreen_analysis_alpha must be above 0 and below 1, got 1.5"),
        ({"bluegreen_analysis_min_requests": 0}, "bluegreen_analysis_min_requests must be 1 or more, got 0"),
        ({"bluegreen_analysis_latency_ratio": 0.5}, "bluegreen_analysis_latency_ratio must be 1 or more, got 0.5"),
        (
            {"bluegreen_analysis_latency_stat": "p1000"},
            "bluegreen_analysis_latency_stat must be a CloudWatch statistic of a response time (p95, "
            'p99.9, Average, Maximum, tm90, ...), got "p1000"',
        ),
        (
            {"bluegreen_ecs_strategy": "codedeploy", "bluegreen_platform": "ec2"},
            "bluegreen_ecs_strategy codedeploy needs bluegreen_platform ecs, got ec2",
        ),
        (
            {"bluegreen_ecs_strategy": "ecs_native", "bluegreen_steps": [10]},
            "bluegreen_steps is not used with bluegreen_ecs_strategy ecs_native (CodeDeploy and ECS move the traffic all at "
            "once, as one canary or in equal linear steps): use bluegreen_shift, got [10]",
        ),
        ({"bluegreen_termination_wait": 2000}, "bluegreen_termination_wait must be from 0 to 1440 minutes, got 2000"),
        (
            {"bluegreen_ecs_strategy": "codedeploy", "bluegreen_termination_wait": 3000},
            "bluegreen_termination_wait must be from 0 to 2880 minutes, got 3000",
        ),
        ({"bluegreen_deployment_timeout": 0}, "bluegreen_deployment_timeout must be 1 or more seconds, got 0"),
        (
            {"bluegreen_deployment_hooks": {"Later": "f"}},
            "bluegreen_deployment_hooks may only name BeforeInstall, AfterInstall, AfterAllowTestTraffic, "
            'BeforeAllowTraffic and AfterAllowTraffic, got ["Later"]',
        ),
    ],
)
def test_each_check_names_the_variable_and_the_value(variables, message):
    reported = found(**variables)
    assert len(reported) == 1 and reported[0].startswith(message), reported


@pytest.mark.parametrize(
    "variables",
    [
        {"bluegreen_termination_wait": 1440},
        {"bluegreen_ecs_strategy": "codedeploy", "bluegreen_termination_wait": 2880},
        {"bluegreen_steps": [1, 99], "bluegreen_analysis_latency_stat": "tm99.9"},
        {
            "bluegreen_analysis_latency_stat": "TM(10%:90%)",
            "bluegreen_instance_profile": "arn:aws:iam::123456789012:instance-profile/web",
        },
        {"bluegreen_verify_urls": {"blue": "https://b.example.com:8443/x", "green": "http://127.0.0.1"}},
        {
            "bluegreen_subnets": ["subnet-0a1b"],
            "bluegreen_vpc_id": "vpc-0a1b",
            "bluegreen_test_ingress_cidrs": ["10.0.0.0/16"],
        },
    ],
)
def test_values_at_the_edges_pass(variables):
    assert found(**variables) == []


def test_teardown_needs_the_app_name_as_confirmation():
    assert found("teardown", bluegreen_teardown_confirm="shop") == []
    assert found("teardown", bluegreen_teardown_confirm="shop2") == [
        'bluegreen_teardown_confirm must equal bluegreen_app ("shop") to remove the app, got "shop2"'
    ]
    assert found("main", bluegreen_teardown_confirm="shop2") == [], "only teardown reads it"


def test_every_problem_is_reported():
    assert len(found(bluegreen_canary_percent=0, bluegreen_linear_percent=0, bluegreen_verify_retries=0)) == 3


@pytest.mark.parametrize(
    "name, expected", [("Shop.Example.com.", "shop.example.com"), ("example.com", "example.com"), (None, "")]
)
def test_dns_names_compare_in_lower_case_without_the_final_dot(name, expected):
    assert dns_name(name) == expected


def test_route53_needs_a_zone_and_a_record_in_it():
    assert found(bluegreen_router="route53") == [
        "bluegreen_zone is required with bluegreen_router route53",
        "bluegreen_record is required with bluegreen_router route53",
    ]
    assert found_in(dict(ROUTE53, bluegreen_zone="Example.COM.", bluegreen_record="example.com")) == []
    assert found_in(dict(ROUTE53, bluegreen_record="shop.example.org")) == [
        'bluegreen_record must be a fully qualified name in bluegreen_zone ("example.com"), got "shop.example.org"'
    ]
    assert found_in(dict(ROUTE53, bluegreen_record="shopexample.com")), "a suffix is not a subdomain"
    assert found_in(dict(ROUTE53, bluegreen_zone="*.example.com")) == [
        'bluegreen_zone must be a domain name such as example.com, got "*.example.com"',
        'bluegreen_record must be a fully qualified name in bluegreen_zone ("*.example.com"), got "shop.example.com"',
    ]


@pytest.mark.parametrize(
    "variables, message",
    [
        ({"bluegreen_ttl": -1}, "bluegreen_ttl must be from 0 to 2147483647 seconds, got -1"),
        (
            {"bluegreen_record_type": "CNAME"},
            'bluegreen_record_type must be A or AAAA with bluegreen_platform ecs (the records alias the colors\' load balancers), got "CNAME"',
        ),
        (
            {"bluegreen_health_checks": True, "bluegreen_router": "alb"},
            "bluegreen_health_checks needs bluegreen_router route53 (a Route 53 health check on each "
            'color\'s weighted record), got bluegreen_router "alb"',
        ),
    ],
)
def test_route53_settings(variables, message):
    assert found_in(dict(ROUTE53, **variables)) == [message]


def test_the_scale_down_delay_must_outlast_the_ttl_on_deploy_only():
    variables = dict(ROUTE53, bluegreen_ttl=300, bluegreen_scale_down_delay=60)
    message = "bluegreen_scale_down_delay (60) must not be shorter than bluegreen_ttl (300): resolvers may keep the old answer"
    assert len(found("deploy", bluegreen_version="1", **variables)) == 1
    assert found("deploy", bluegreen_version="1", **variables)[0].startswith(message)
    assert found("main", **variables) == [], "rollback never refuses over a setting it does not use"


def test_the_platform_external_needs_route53_and_two_stacks():
    assert found(bluegreen_platform="external", bluegreen_scale_down_delay=5) == [
        'bluegreen_platform external needs bluegreen_router route53 (the two stacks are switched in DNS), got bluegreen_router "alb"',
        "bluegreen_scale_down_delay cannot be used with bluegreen_platform external: the collection does not scale stacks it does not build, got 5",
        "bluegreen_stacks is required with bluegreen_platform external",
        "bluegreen_stacks.blue must be a mapping with an alias or a value, got null",
        "bluegreen_stacks.green must be a mapping with an alias or a value, got null",
    ]


@pytest.mark.parametrize(
    "record_type, stacks, messages",
    [
        (
            "A",
            {"blue": {"value": "192.0.2.1"}, "green": {"alias": {"dns_name": "g.example.com", "hosted_zone_id": "Z1"}}},
            [],
        ),
        (
            "CNAME",
            {"blue": {"value": "b.example.com", "verify_url": "http://b"}, "green": {"value": ["g.example.com"]}},
            [],
        ),
        (
            "A",
            {"blue": {"value": "192.0.2.1"}, "green": {"value": "192.0.2.2"}, "red": {}},
            ['bluegreen_stacks must have exactly the keys blue and green, got ["blue", "green", "red"]'],
        ),
        (
            "A",
            {"blue": {"value": "192.0.2.1", "alias": {"dns_name": "x"}}, "green": {}},
            [
                'bluegreen_stacks.blue must have exactly one of alias and value, got {"value": "192.0.2.1", "alias": {"dns_name": "x"}}',
                "bluegreen_stacks.green must have exactly one of alias and value, got {}",
            ],
        ),
        (
            "A",
            {"blue": {"alias": {"dns_name": "x"}}, "green": {"value": ["192.0.2.2", "x"]}},
            [
                'bluegreen_stacks.blue.alias must have dns_name and hosted_zone_id, got {"dns_name": "x"}',
                'bluegreen_stacks.green.value must be IPv4 addresses for bluegreen_record_type A, got ["192.0.2.2", "x"]',
            ],
        ),
        (
            "AAAA",
            {"blue": {"value": "2001:db8::1"}, "green": {"value": "zz::1"}},
            [
                'bluegreen_stacks.green.value must be IPv6 addresses for bluegreen_record_type AAAA, got "zz::1"',
            ],
        ),
        (
            "CNAME",
            {
                "blue": {"value": ["b.example.com", "c.example.com"]},
                "green": {"value": "g.example.com", "verify_url": "ftp://g"},
            },
            [
                'bluegreen_stacks.blue.value must be one host name for bluegreen_record_type CNAME, got ["b.example.com", "c.example.com"]',
                'bluegreen_stacks.green.verify_url must be an http:// or https:// URL, got "ftp://g"',
            ],
        ),
    ],
)
def test_each_stack_has_one_alias_or_values_of_the_record_type(record_type, stacks, messages):
    assert found(bluegreen_record_type=record_type, bluegreen_stacks=stacks, **EXTERNAL) == messages


def test_the_tasks_files_must_exist(tmp_path, monkeypatch):
    (tmp_path / "deploy.yml").write_text("---\n")
    monkeypatch.chdir(tmp_path)
    stacks = {"blue": {"value": "192.0.2.1"}, "green": {"value": "192.0.2.2"}}
    assert found(bluegreen_stacks=stacks, bluegreen_deploy_tasks="deploy.yml", **EXTERNAL) == []
    assert found(bluegreen_stacks=stacks, bluegreen_version_tasks="version.yml", **EXTERNAL) == [
        'bluegreen_version_tasks must be the path of a tasks file, got "version.yml" (no such file)'
    ]
