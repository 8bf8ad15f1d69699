# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The checks of an app definition that its argument spec cannot make: ranges, formats and
combinations. Each problem is one message naming the variable and its value.

``settings`` are the converted values (the filter app_settings), keyed without ``bluegreen_``.
"""

import json
import os
import re

LOG_RETENTION_CHOICES = (
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
)  # fmt: skip
DEPLOYMENT_HOOKS = ("BeforeInstall", "AfterInstall", "AfterAllowTestTraffic", "BeforeAllowTraffic", "AfterAllowTraffic")
# The strategies where CodeDeploy or ECS moves the traffic (deploy and rollback drive their deployments).
MANAGED_STRATEGIES = ("codedeploy", "ecs_native")

APP_PATTERN = re.compile(r"^[A-Za-z0-9](-?[A-Za-z0-9])*$")
CIDR_PATTERN = re.compile(r"^([0-9]{1,3}\.){3}[0-9]{1,3}/[0-9]{1,2}$")
URL_PATTERN = re.compile(r"^https?://[A-Za-z0-9.\-]+(:[0-9]{1,5})?(/.*)?$")
DNS_PATTERN = re.compile(
    r"^(\*\.)?([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?$"
)
IPV4_VALUE_PATTERN = re.compile(r"^[0-9.]+$")
IPV6_VALUE_PATTERN = re.compile(r"^[0-9A-Fa-f:.]+$")
LATENCY_STAT_PATTERN = re.compile(
    r"^(Average|Minimum|Maximum|IQM|(p|tm|wm|tc|ts)(100|[0-9]{1,2}(\.[0-9]{1,10})?)|(TM|WM|TC|TS|PR)\([^()]+\))$"
)
VERSION_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$")
IMAGE_PATTERN = re.compile(r"^[^\s]+$")
IMAGE_ID_PATTERN = re.compile(r"^ami-[0-9a-f]{8,17}$")
INSTANCE_TYPE_PATTERN = re.compile(r"^[a-z][a-z0-9-]*\.[a-z0-9]+$")
INSTANCE_PROFILE_PATTERN = re.compile(r"^(arn:aws[a-z-]*:iam::[0-9]{12}:instance-profile/)?[A-Za-z0-9+=,.@_/-]{1,128}$")
VPC_PATTERN = re.compile(r"^vpc-[0-9a-f]+$")
SUBNET_PATTERN = re.compile(r"^subnet-[0-9a-f]+$")
TABLE_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{3,255}$")


def as_json(value):
    return json.dumps(value, default=str)


def dns_name(name):
    """``name`` in lower case without its final dot, as Route 53 compares names."""
    name = (name or "").lower()
    return name[:-1] if name.endswith(".") else name


def _matches(pattern, value):
    return value is not None and pattern.match(str(value)) is not None


def _all_match(pattern, values):
    return all(_matches(pattern, value) for value in values)


def _ports(s):
    problems = []
    for name in ("container_port", "listener_port", "test_listener_port"):
        if not 1 <= s[name] <= 65535:
            problems.append("bluegreen_%s must be from 1 to 65535, got %s" % (name, s[name]))
    if s["listener_port"] == s["test_listener_port"]:
        problems.append(
            "bluegreen_test_listener_port must differ from bluegreen_listener_port, both are %s" % s["listener_port"]
        )
    return problems


def _at_least(s, minimums, unit=""):
    """bluegreen_<name> must be <minimum> or more, for each (name, minimum) whose value is set."""
    return [
        "bluegreen_%s must be %s or more%s, got %s" % (name, minimum, unit, s[name])
        for name, minimum in minimums
        if s[name] is not None and s[name] < minimum
    ]


def _shift(s):
    problems = []
    for name in ("canary_percent", "linear_percent"):
        if not 1 <= s[name] <= 99:
            problems.append("bluegreen_%s must be from 1 to 99, got %s" % (name, s[name]))
    steps = s["steps"]
    if steps and not (min(steps) >= 1 and max(steps) <= 99 and steps == sorted(set(steps))):
        problems.append("bluegreen_steps must be strictly ascending percentages from 1 to 99, got %s" % as_json(steps))
    return problems


def _verify(s):
    problems = []
    if not 100 <= s["verify_status"] <= 599:
        problems.append("bluegreen_verify_status must be an HTTP status from 100 to 599, got %s" % s["verify_status"])
    if not s["verify_path"].startswith("/"):
        problems.append("bluegreen_verify_path must start with /, got %s" % as_json(s["verify_path"]))
    urls = s["verify_urls"] or {}
    if set(urls) - {"blue", "green"}:
        problems.append("bluegreen_verify_urls may only have the keys blue and green, got %s" % as_json(urls))
    if not _all_match(URL_PATTERN, urls.values()):
        problems.append(
            "bluegreen_verify_urls must map each color to an http:// or https:// URL, got %s" % as_json(urls)
        )
    if not s["health_check_path"].startswith("/"):
        problems.append("bluegreen_health_check_path must start with /, got %s" % as_json(s["health_check_path"]))
    return problems


def _release(s):
    problems = []
    if s["version"] is not None and not _matches(VERSION_PATTERN, s["version"]):
        problems.append(
            "bluegreen_version must be 1 to 128 letters, digits and . _ + -, starting with a letter or digit, got %s"
            % as_json(s["version"])
        )
    if s["image"] is not None and not _matches(IMAGE_PATTERN, s["image"]):
        problems.append("bluegreen_image must be an image reference without spaces, got %s" % as_json(s["image"]))
    if s["image_id"] is not None and not _matches(IMAGE_ID_PATTERN, s["image_id"]):
        problems.append(
            "bluegreen_image_id must be an AMI id (ami- and 8 to 17 hexadecimal digits), got %s"
            % as_json(s["image_id"])
        )
    return problems


def _ec2(s):
    problems = []
    if not _matches(INSTANCE_TYPE_PATTERN, s["instance_type"]):
        problems.append(
            "bluegreen_instance_type must be an EC2 instance type such as t3.micro, got %s"
            % as_json(s["instance_type"])
        )
    if s["instance_profile"] is not None and not _matches(INSTANCE_PROFILE_PATTERN, s["instance_profile"]):
        problems.append(
            "bluegreen_instance_profile must be an instance profile name or ARN, got %s"
            % as_json(s["instance_profile"])
        )
    if s["user_data"] is not None and not os.path.isfile(s["user_data"]):
        problems.append(
            "bluegreen_user_data must be the path of a template file, got %s (no such file)" % as_json(s["user_data"])
        )
    return problems


def _network(s):
    problems = []
    if s["vpc_id"] is not None and not _matches(VPC_PATTERN, s["vpc_id"]):
        problems.append("bluegreen_vpc_id must be a VPC id (vpc-...), got %s" % as_json(s["vpc_id"]))
    subnets = s["subnets"]
    if subnets is not None and not (subnets and _all_match(SUBNET_PATTERN, subnets)):
        problems.append("bluegreen_subnets must list subnet ids (subnet-...), got %s" % as_json(subnets))
    cidrs = s["test_ingress_cidrs"]
    if cidrs is not None and not _all_match(CIDR_PATTERN, cidrs):
        problems.append("bluegreen_test_ingress_cidrs must list IPv4 CIDRs, got %s" % as_json(cidrs))
    return problems


def _state_and_analysis(s):
    problems = []
    if not _matches(TABLE_PATTERN, s["state_table"]):
        problems.append(
            "bluegreen_state_table must be a DynamoDB table name (3 to 255 letters, digits, _ . -), got %s"
            % as_json(s["state_table"])
        )
    if not 1 <= s["lock_ttl"] <= 86400:
        problems.append("bluegreen_lock_ttl must be from 1 to 86400 seconds, got %s" % s["lock_ttl"])
    if not 0 < s["analysis_alpha"] < 1:
        problems.append("bluegreen_analysis_alpha must be above 0 and below 1, got %s" % s["analysis_alpha"])
    problems += _at_least(s, (("analysis_min_requests", 1), ("analysis_latency_ratio", 1)))
    if not _matches(LATENCY_STAT_PATTERN, s["analysis_latency_stat"]):
        problems.append(
            "bluegreen_analysis_latency_stat must be a CloudWatch statistic of a response time (p95, p99.9, Average,"
            " Maximum, tm90, ...), got %s" % as_json(s["analysis_latency_stat"])
        )
    return problems


def _managed(s):
    problems = []
    strategy = s["ecs_strategy"]
    if strategy in MANAGED_STRATEGIES and s["platform"] != "ecs":
        problems.append("bluegreen_ecs_strategy %s needs bluegreen_platform ecs, got %s" % (strategy, s["platform"]))
    if strategy in MANAGED_STRATEGIES and s["steps"]:
        problems.append(
            "bluegreen_steps is not used with bluegreen_ecs_strategy %s (CodeDeploy and ECS move the traffic all at"
            " once, as one canary or in equal linear steps): use bluegreen_shift, got %s"
            % (strategy, as_json(s["steps"]))
        )
    longest = 2880 if strategy == "codedeploy" else 1440
    if not 0 <= s["termination_wait"] <= longest:
        problems.append(
            "bluegreen_termination_wait must be from 0 to %s minutes, got %s" % (longest, s["termination_wait"])
        )
    problems += _at_least(s, (("deployment_timeout", 1),), " seconds")
    hooks = s["deployment_hooks"]
    if set(hooks) - set(DEPLOYMENT_HOOKS):
        problems.append(
            "bluegreen_deployment_hooks may only name BeforeInstall, AfterInstall, AfterAllowTestTraffic,"
            " BeforeAllowTraffic and AfterAllowTraffic, got %s" % as_json(list(hooks))
        )
    return problems


def general_problems(s, entry_point):
    """The checks of every router and platform."""
    problems = []
    if entry_point == "teardown" and s["teardown_confirm"] != s["app"]:
        problems.append(
            "bluegreen_teardown_confirm must equal bluegreen_app (%s) to remove the app, got %s"
            % (as_json(s["app"]), as_json(s["teardown_confirm"]))
        )
    if not (_matches(APP_PATTERN, s["app"]) and len(s["app"]) <= 26):
        problems.append(
            "bluegreen_app must be 1 to 26 letters, digits and single hyphens, not starting or ending with a hyphen"
            " (it names the target groups <app>-blue and <app>-green, at most 32 characters), got %s"
            % as_json(s["app"])
        )
    problems += _ports(s)
    if not (s["cpu"] > 0 and s["memory"] > 0):
        problems.append("bluegreen_cpu and bluegreen_memory must be positive, got %s and %s" % (s["cpu"], s["memory"]))
    problems += _at_least(s, (("desired_count", 1),))
    if s["log_retention_days"] not in LOG_RETENTION_CHOICES:
        problems.append(
            "bluegreen_log_retention_days must be one of %s, got %s"
            % (", ".join(str(days) for days in LOG_RETENTION_CHOICES), s["log_retention_days"])
        )
    problems += _shift(s)
    problems += _at_least(s, (("step_interval", 0), ("progress_interval", 0)), " seconds")
    problems += _at_least(s, (("wait_timeout", 1),), " seconds")
    problems += _at_least(s, (("min_healthy_targets", 0),))
    problems += _verify(s)
    problems += _at_least(s, (("verify_retries", 1),))
    problems += _at_least(s, (("verify_delay", 0), ("scale_down_delay", 0)), " seconds")
    problems += _release(s)
    problems += _ec2(s)
    problems += _at_least(s, (("health_check_grace_period", 0),), " seconds")
    problems += _network(s)
    problems += _state_and_analysis(s)
    problems += _managed(s)
    return problems


def _stack_problems(stacks, record_type):
    """One message per problem of bluegreen_stacks (platform external)."""
    problems = []
    value_pattern = {"CNAME": DNS_PATTERN, "A": IPV4_VALUE_PATTERN}.get(record_type, IPV6_VALUE_PATTERN)
    value_kind = {"CNAME": "one host name", "A": "IPv4 addresses"}.get(record_type, "IPv6 addresses")
    for color in ("blue", "green"):
        stack = stacks.get(color)
        name = "bluegreen_stacks." + color
        if not isinstance(stack, dict):
            problems.append("%s must be a mapping with an alias or a value, got %s" % (name, as_json(stack)))
            continue
        alias, value = stack.get("alias"), stack.get("value")
        values = [value] if isinstance(value, str) else list(value) if isinstance(value, (list, tuple)) else [value]
        if bool(alias) == bool(value):
            problems.append("%s must have exactly one of alias and value, got %s" % (name, as_json(stack)))
        elif alias and not (isinstance(alias, dict) and alias.get("dns_name") and alias.get("hosted_zone_id")):
            problems.append("%s.alias must have dns_name and hosted_zone_id, got %s" % (name, as_json(alias)))
        elif value and (not _all_match(value_pattern, values) or (record_type == "CNAME" and len(values) > 1)):
            problems.append(
                "%s.value must be %s for bluegreen_record_type %s, got %s"
                % (name, value_kind, record_type, as_json(value))
            )
        elif "verify_url" in stack and not _matches(URL_PATTERN, stack["verify_url"]):
            problems.append(
                "%s.verify_url must be an http:// or https:// URL, got %s" % (name, as_json(stack["verify_url"]))
            )
    return problems


def _tasks_files(s):
    return [
        "bluegreen_%s must be the path of a tasks file, got %s (no such file)" % (name, as_json(s[name]))
        for name in ("deploy_tasks", "version_tasks")
        if s[name] is not None and not os.path.isfile(s[name])
    ]


def route53_problems(s, entry_point):
    """The checks of the router route53 and the platform external.

    The TTL check is made by deploy only: rollback, the incident path, never refuses over a
    setting it does not use.
    """
    problems = []
    route53, external = s["router"] == "route53", s["platform"] == "external"
    if external and not route53:
        problems.append(
            "bluegreen_platform external needs bluegreen_router route53 (the two stacks are switched in DNS),"
            " got bluegreen_router %s" % as_json(s["router"])
        )
    zone, record = s["zone"], s["record"]
    if route53 and zone is None:
        problems.append("bluegreen_zone is required with bluegreen_router route53")
    if zone is not None and not (_matches(DNS_PATTERN, zone) and "*" not in zone):
        problems.append("bluegreen_zone must be a domain name such as example.com, got %s" % as_json(zone))
    if route53 and record is None:
        problems.append("bluegreen_record is required with bluegreen_router route53")
    if record is not None and not (
        _matches(DNS_PATTERN, record)
        and (dns_name(record) == dns_name(zone) or dns_name(record).endswith("." + dns_name(zone)))
    ):
        problems.append(
            "bluegreen_record must be a fully qualified name in bluegreen_zone (%s), got %s"
            % (as_json(zone), as_json(record))
        )
    if not 0 <= s["ttl"] <= 2147483647:
        problems.append("bluegreen_ttl must be from 0 to 2147483647 seconds, got %s" % s["ttl"])
    if route53 and not external and s["record_type"] not in ("A", "AAAA"):
        problems.append(
            "bluegreen_record_type must be A or AAAA with bluegreen_platform %s (the records alias the colors' load"
            " balancers), got %s" % (s["platform"], as_json(s["record_type"]))
        )
    delay = s["scale_down_delay"]
    if route53 and delay is not None and entry_point == "deploy" and delay < s["ttl"]:
        problems.append(
            "bluegreen_scale_down_delay (%s) must not be shorter than bluegreen_ttl (%s): resolvers may keep the old"
            " answer for up to the TTL after a switch, so the old color must stay up at least that long"
            % (delay, s["ttl"])
        )
    if external and delay is not None:
        problems.append(
            "bluegreen_scale_down_delay cannot be used with bluegreen_platform external: the collection does not scale"
            " stacks it does not build, got %s" % delay
        )
    if s["health_checks"] and not route53:
        problems.append(
            "bluegreen_health_checks needs bluegreen_router route53 (a Route 53 health check on each color's weighted"
            " record), got bluegreen_router %s" % as_json(s["router"])
        )
    stacks = s["stacks"]
    if external and stacks is None:
        problems.append("bluegreen_stacks is required with bluegreen_platform external")
    if stacks is not None and sorted(stacks) != ["blue", "green"]:
        problems.append("bluegreen_stacks must have exactly the keys blue and green, got %s" % as_json(list(stacks)))
    if external:
        problems += _stack_problems(stacks if isinstance(stacks, dict) else {}, s["record_type"])
    return problems + _tasks_files(s)


def problems(settings, entry_point):
    """Every problem of the converted app definition, for the playbook ``entry_point``."""
    return general_problems(settings, entry_point) + route53_problems(settings, entry_point)
