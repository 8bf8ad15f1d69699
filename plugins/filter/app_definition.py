# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The filter bluegreen.aws.app_definition: the app definition the roles read, from the raw
bluegreen_* variables, in one step: converted (app_settings), checked (plugin_utils.app_checks)
and completed with the names and settings derived from it."""

import functools
import os

import yaml
from ansible.errors import AnsibleFilterError
from ansible_collections.bluegreen.aws.plugins.filter.app_settings import convert_all
from ansible_collections.bluegreen.aws.plugins.plugin_utils import app_checks

# Variables each playbook needs besides bluegreen_app (the entry points of meta/argument_specs.yml).
REQUIRED = {
    "main": [],
    "provision": ["bluegreen_vpc_id", "bluegreen_subnets"],
    "deploy": ["bluegreen_version"],
    "teardown": ["bluegreen_teardown_confirm"],
}
# What a deploy puts on the idle color, by platform (required by deploy besides the above).
RELEASE_ARTIFACT = {"ecs": "bluegreen_image", "ec2": "bluegreen_image_id", "external": "bluegreen_deploy_tasks"}
# The CodeDeploy configurations that match a shift (bluegreen_shift-percent-minutes).
PREDEFINED_CONFIGS = {
    "canary-10-5": "CodeDeployDefault.ECSCanary10Percent5Minutes",
    "canary-10-15": "CodeDeployDefault.ECSCanary10Percent15Minutes",
    "linear-10-1": "CodeDeployDefault.ECSLinear10PercentEvery1Minutes",
    "linear-10-3": "CodeDeployDefault.ECSLinear10PercentEvery3Minutes",
}
NATIVE_STRATEGIES = {"all_at_once": "BLUE_GREEN", "canary": "CANARY", "linear": "LINEAR"}


@functools.lru_cache(maxsize=8)
def _spec_options(path, _modified):
    with open(path, "rb") as handle:
        spec = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return spec["argument_specs"]["main"]["options"]


def spec_options(spec):
    """The options of the app's argument spec: ``spec`` itself when it is a dict, else those of the
    entry point main of the argument_specs.yml file at that path (parsed once per change)."""
    if isinstance(spec, dict):
        return spec
    try:
        return _spec_options(str(spec), os.path.getmtime(str(spec)))
    except (OSError, yaml.YAMLError, KeyError, TypeError) as error:
        raise AnsibleFilterError("cannot read the options of the argument spec %s: %s" % (spec, error)) from error


def app_option_names(spec):
    """The names of the app's variables, those of its argument spec (a dict of options or a path)."""
    return list(spec_options(spec))


def required_now(raw, entry_point):
    """The variables ``entry_point`` needs besides those the spec requires.

    The platform is read as given (the conversion checks its choices), to know what a deploy needs.
    """
    platform = str(raw.get("bluegreen_platform") or "ecs").strip()
    required = list(REQUIRED[entry_point]) if entry_point != "provision" or platform != "external" else []
    if entry_point == "deploy" and platform in RELEASE_ARTIFACT:
        required.append(RELEASE_ARTIFACT[platform])
    return required


def shift_steps(s):
    if s["steps"]:
        return list(s["steps"])
    if s["shift"] == "canary":
        return [s["canary_percent"]]
    if s["shift"] == "linear":
        return list(range(s["linear_percent"], 100, s["linear_percent"]))
    return []


def managed_shift(s):
    """bluegreen_shift for CodeDeploy (a predefined configuration when one matches, else one of
    the app's own) and for ECS's native blue/green deployment."""
    minutes = max((s["step_interval"] + 59) // 60, 1)
    percent = s["canary_percent"] if s["shift"] == "canary" else s["linear_percent"]
    key = "%s-%s-%s" % (s["shift"], percent, minutes)
    all_at_once = s["shift"] == "all_at_once"
    if all_at_once:
        config = "CodeDeployDefault.ECSAllAtOnce"
    else:
        config = PREDEFINED_CONFIGS.get(key, "%s-%sm" % (s["app"], key))
    return {
        "deployment_config": config,
        "traffic_routing": None
        if all_at_once or key in PREDEFINED_CONFIGS
        else {"type": s["shift"], "percentage": percent, "interval": minutes},
        "native_strategy": NATIVE_STRATEGIES[s["shift"]],
        "native_step_percent": None if all_at_once else float(percent),
        "native_step_bake_time": None if all_at_once else minutes,
    }


def derived(s, run_context):
    """What the other roles read besides the variables: the names of what provision makes, the
    shift's steps, the run context. The tasks files of the platform external become absolute:
    relative to the directory ansible-playbook runs in, as the checks read them."""
    app = s["app"]
    colors = {"blue": app + "-blue", "green": app + "-green"}
    record = app_checks.dns_name(s["record"])
    definition = dict(s)
    definition.update(managed_shift(s))
    definition.update(
        {
            "container_name": s["container_name"] or app,
            "cluster": app,
            "load_balancer": app,
            "target_groups": dict(colors),
            "services": dict(colors) if s["ecs_strategy"] == "service_pair" else {"service": app},
            "managed": s["ecs_strategy"] in app_checks.MANAGED_STRATEGIES,
            "codedeploy_role": app + "-codedeploy",
            "load_balancer_role": app + "-ecs-load-balancers",
            "listener_rules": {"production": app + "-production", "test": app + "-test"},
            "listener_protocol": "HTTPS" if s["certificate_arn"] else "HTTP",
            "steps": shift_steps(s),
            "verify_urls": s["verify_urls"] or {},
            "log_group": "/ecs/" + app,
            "launch_template": app,
            "groups": dict(colors),
            "target_type": "instance" if s["platform"] == "ec2" else "ip",
            "run_context": run_context,
            "record": record + "." if s["record"] else None,
            "load_balancers": dict(colors) if s["router"] == "route53" else {},
            "stacks": s["stacks"] if isinstance(s["stacks"], dict) else {},
            "deploy_tasks": os.path.realpath(s["deploy_tasks"]) if s["deploy_tasks"] else None,
            "version_tasks": os.path.realpath(s["version_tasks"]) if s["version_tasks"] else None,
            "min_healthy_targets": 0 if s["platform"] == "external" else s["min_healthy_targets"],
        }
    )
    return definition


def app_definition(raw, spec, entry_point="main", run_context=None):
    """The app definition, with ``problems``: every variable that is missing, does not convert or
    fails a check, one message each (empty when the definition is sound).

    ``spec`` is the options of the app's argument spec, or the path of its argument_specs.yml.
    """
    if entry_point not in REQUIRED:
        raise AnsibleFilterError(
            "app_definition: entry_point must be one of %s, got %s" % (", ".join(REQUIRED), entry_point)
        )
    settings, problems = convert_all(raw, spec_options(spec), required_now(raw, entry_point))
    if problems:
        return {"problems": problems}
    problems = app_checks.problems(settings, entry_point)
    if problems:
        return {"problems": problems}
    return dict(derived(settings, run_context or {}), problems=[])


class FilterModule:
    def filters(self):
        return {"app_definition": app_definition, "app_option_names": app_option_names}
