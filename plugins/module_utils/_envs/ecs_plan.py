# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pure planning for the ecs_bluegreen module.

Everything here works on the dicts of the ECS API (DescribeServices,
DescribeTaskSets, DescribeTaskDefinition) and on plain values: validation of
the options, the live color, what each state changes, the drift between the
two colors and the task definition comparison of the ``images`` shortcut.
Nothing here talks to AWS.
"""

import copy
import math
import re

from .weights import COLORS, ValidationError, other_color

STRATEGIES = ("service_pair", "task_set")
STATES = ("deployed", "promoted", "scaled_down", "info")

NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
TARGET_GROUP_NAME_PATTERN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$")
TASK_DEFINITION_PATTERN = re.compile(r"^(arn:[^:]+:ecs:[^:]*:[0-9]*:task-definition/)?[A-Za-z0-9_-]{1,255}(:[0-9]+)?$")
LISTENER_ARN_PATTERN = re.compile(r"^arn:[^:]+:elasticloadbalancing:[^:]*:[0-9]*:listener/")
SERVICE_NAME_MAX = 255
TARGET_GROUP_NAME_MAX = 32

# Options that only make sense for one strategy or one state.
SERVICE_PAIR_OPTIONS = ("blue_service", "green_service")
TASK_SET_OPTIONS = ("service", "network_configuration", "launch_type", "container_name", "container_port")
# Options of state=deployed; the settings of new task sets (TASK_SET_OPTIONS but
# service) are ignored with the other states, so that module_defaults can hold them.
DEPLOYED_OPTIONS = ("task_definition", "images", "desired_count")

# Keys of a DescribeTaskDefinition answer that RegisterTaskDefinition takes.
REGISTER_KEYS = (
    "family",
    "taskRoleArn",
    "executionRoleArn",
    "networkMode",
    "containerDefinitions",
    "volumes",
    "placementConstraints",
    "requiresCompatibilities",
    "cpu",
    "memory",
    "pidMode",
    "ipcMode",
    "proxyConfiguration",
    "inferenceAccelerators",
    "ephemeralStorage",
    "runtimePlatform",
    "enableFaultInjection",
)


# --------------------------------------------------------------------------- validation


def _given(params, name):
    value = params.get(name)
    return value is not None and value != {} and value != []


def _check_name(option, value, maximum=SERVICE_NAME_MAX, arn_kind=None):
    if arn_kind and value.startswith("arn:"):
        if ":%s/" % arn_kind not in value:
            raise ValidationError("%s must be a %s name or ARN, got %r" % (option, arn_kind, value))
        return
    if not NAME_PATTERN.match(value) or len(value) > maximum:
        raise ValidationError(
            "%s must be 1 to %d letters, digits, hyphens and underscores, got %r" % (option, maximum, value)
        )


def _check_target_group(option, value):
    if value.startswith("arn:"):
        if ":targetgroup/" not in value:
            raise ValidationError("%s must be a target group name or ARN, got %r" % (option, value))
        return
    if not TARGET_GROUP_NAME_PATTERN.match(value) or len(value) > TARGET_GROUP_NAME_MAX:
        raise ValidationError(
            "%s must be a target group ARN or a name of 1 to %d letters, digits and hyphens "
            "(not starting or ending with a hyphen), got %r" % (option, TARGET_GROUP_NAME_MAX, value)
        )


def validate_params(params):
    """Check every option that needs no AWS call.

    Returns the names to look up: ``services`` (``{color: name}`` for
    service_pair, ``{"service": name}`` for task_set) and ``target_groups``
    (``{color: name or ARN or None}``).
    """
    strategy, state = params["strategy"], params["state"]
    if not params["cluster"]:
        raise ValidationError("cluster must not be empty")
    _check_name("app", params["app"])
    wrong = SERVICE_PAIR_OPTIONS if strategy == "task_set" else TASK_SET_OPTIONS
    for option in wrong:
        if _given(params, option):
            raise ValidationError("%s is not used with strategy=%s, got %r" % (option, strategy, params[option]))
    if state != "deployed":
        for option in DEPLOYED_OPTIONS:
            if _given(params, option):
                raise ValidationError("%s is only used with state=deployed, got %r" % (option, params[option]))

    app = params["app"]
    if strategy == "service_pair":
        services = {}
        for color in COLORS:
            option = "%s_service" % color
            services[color] = params.get(option) or "%s-%s" % (app, color)
            _check_name(
                option if params.get(option) else "app (for the default %s %s)" % (option, services[color]),
                services[color],
                arn_kind="service",
            )
        if services["blue"] == services["green"]:
            raise ValidationError("blue_service and green_service must differ, both are %s" % services["blue"])
    else:
        services = {"service": params.get("service") or app}
        _check_name("service", services["service"], arn_kind="service")

    target_groups = {}
    for color in COLORS:
        option = "%s_target_group" % color
        value = params.get(option)
        if value:
            _check_target_group(option, value)
        elif strategy == "task_set":
            value = "%s-%s" % (app, color)
            if len(value) > TARGET_GROUP_NAME_MAX:
                raise ValidationError(
                    "app %r makes the default %s %r longer than %d characters; set blue_target_group and "
                    "green_target_group" % (app, option, value, TARGET_GROUP_NAME_MAX)
                )
            _check_target_group("app (for the default %s %s)" % (option, value), value)
        target_groups[color] = value
    if target_groups["blue"] and target_groups["blue"] == target_groups["green"]:
        raise ValidationError(
            "blue_target_group and green_target_group must differ, both are %s" % target_groups["blue"]
        )

    if params.get("listener_arn") and not LISTENER_ARN_PATTERN.match(params["listener_arn"]):
        raise ValidationError("listener_arn must be the ARN of an ALB listener, got %r" % params["listener_arn"])
    if params["wait_timeout"] < 0:
        raise ValidationError("wait_timeout must be 0 or more seconds, got %d" % params["wait_timeout"])
    if params.get("desired_count") is not None and params["desired_count"] < 1:
        raise ValidationError(
            "desired_count must be 1 or more with state=deployed (use state=scaled_down to stop a color), got %d"
            % params["desired_count"]
        )
    task_definition = params.get("task_definition")
    if task_definition is not None and not TASK_DEFINITION_PATTERN.match(task_definition):
        raise ValidationError("task_definition must be an ARN or family:revision, got %r" % task_definition)
    validate_images(params.get("images"))
    port = params.get("container_port")
    if port is not None and not 1 <= port <= 65535:
        raise ValidationError("container_port must be from 1 to 65535, got %d" % port)
    network = params.get("network_configuration")
    if network is not None and not network.get("subnets"):
        raise ValidationError("network_configuration.subnets must list at least one subnet, got %r" % (network,))
    return {"services": services, "target_groups": target_groups}


def validate_images(images):
    for name, image in (images or {}).items():
        if not isinstance(image, str) or not image.strip():
            raise ValidationError(
                "images: the image of container %r must be a non-empty string, got %r" % (name, image)
            )


# --------------------------------------------------------------------------- colors


def short_task_definition(arn):
    """``arn:...:task-definition/shop:3`` -> ``shop:3``."""
    if not arn:
        return arn
    return arn.rsplit("task-definition/", 1)[-1]


def settings_of(resource):
    """The settings that must be identical between the colors of a service or task set."""
    strategy = resource.get("capacityProviderStrategy") or []
    launch_type = resource.get("launchType")
    if strategy:
        compute = "capacity providers %s" % ", ".join(
            "%s (base %d, weight %d)" % (item["capacityProvider"], item.get("base", 0), item.get("weight", 0))
            for item in strategy
        )
    else:
        compute = "launch type %s" % launch_type if launch_type else None
    platform = resource.get("platformVersion")
    if not platform and (strategy or launch_type == "FARGATE"):
        platform = "LATEST"
    network = None
    vpc = (resource.get("networkConfiguration") or {}).get("awsvpcConfiguration")
    if vpc:
        network = {
            "subnets": sorted(vpc.get("subnets") or []),
            "security_groups": sorted(vpc.get("securityGroups") or []),
            "assign_public_ip": vpc.get("assignPublicIp") or "DISABLED",
        }
    balancers = resource.get("loadBalancers") or []
    container = None
    if balancers:
        container = "%s:%s" % (balancers[0].get("containerName"), balancers[0].get("containerPort"))
    return {
        "compute": compute,
        "platform_version": platform,
        "network_configuration": network,
        "load_balancer_container": container,
    }


def service_progress(service):
    """(stable, failure or None, summary) of a service's deployments."""
    deployments = service.get("deployments") or []
    desired, running = service.get("desiredCount", 0), service.get("runningCount", 0)
    summary = "%d deployment(s), %d of %d tasks running" % (len(deployments), running, desired)
    for deployment in deployments:
        if deployment.get("status") == "PRIMARY" and deployment.get("rolloutState") == "FAILED":
            return (
                False,
                "deployment %s failed: %s" % (deployment.get("id"), deployment.get("rolloutStateReason")),
                summary,
            )
    return len(deployments) == 1 and running == desired, None, summary


def scale_percent(task_set):
    scale = task_set.get("scale") or {}
    if scale.get("unit", "PERCENT") != "PERCENT":
        return None
    value = scale.get("value", 100.0)
    return int(value) if float(value).is_integer() else value


def task_set_desired(task_set, service_desired):
    """Tasks a task set should run: AWS's computedDesiredCount, else computed from the scale."""
    if task_set.get("computedDesiredCount") is not None:
        return task_set["computedDesiredCount"]
    return int(math.ceil(service_desired * (scale_percent(task_set) or 0) / 100.0))


def task_set_progress(task_set, expected_scale):
    """(stable, failure or None, summary) of a task set that should run at ``expected_scale`` percent."""
    status = task_set.get("stabilityStatus")
    scale = scale_percent(task_set)
    running, desired = task_set.get("runningCount"), task_set.get("computedDesiredCount")
    summary = "%s at %s%% scale" % (status, scale)
    if running is not None and desired is not None:
        summary += ", %d of %d tasks running" % (running, desired)
    stable = status == "STEADY_STATE" and scale == expected_scale
    if running is not None and desired is not None:
        stable = stable and running == desired
    return stable, None, summary


def service_view(service, target_group_arn):
    """A color of the service_pair strategy, as the module reports it."""
    return {
        "arn": service["serviceArn"],
        "name": service["serviceName"],
        "task_definition": service.get("taskDefinition"),
        "desired_count": service.get("desiredCount", 0),
        "running_count": service.get("runningCount", 0),
        "target_group_arn": target_group_arn,
        "status": service.get("status"),
        "stable": service_progress(service)[0],
        "settings": settings_of(service),
    }


def task_set_view(task_set, service_desired, target_group_arn):
    """A color of the task_set strategy; ``task_set`` None when the color has none."""
    if task_set is None:
        return {
            "arn": None,
            "name": None,
            "task_definition": None,
            "desired_count": 0,
            "running_count": 0,
            "target_group_arn": target_group_arn,
            "status": None,
            "scale": None,
            "stable": True,
            "settings": None,
        }
    balancers = task_set.get("loadBalancers") or []
    return {
        "arn": task_set["taskSetArn"],
        "name": task_set.get("id"),
        "task_definition": task_set.get("taskDefinition"),
        "desired_count": task_set_desired(task_set, service_desired),
        "running_count": task_set.get("runningCount"),
        "target_group_arn": balancers[0].get("targetGroupArn") if balancers else target_group_arn,
        "status": task_set.get("status"),
        "scale": scale_percent(task_set),
        "stable": task_set_progress(task_set, scale_percent(task_set))[0],
        "settings": settings_of(task_set),
    }


def task_sets_by_color(task_sets, service_name):
    """``({color: [task set]}, warnings)``: the task sets of each color by externalId."""
    found = {color: [] for color in COLORS}
    warnings = []
    for task_set in task_sets:
        if task_set.get("status") == "DRAINING":
            continue
        color = task_set.get("externalId")
        if color in found:
            found[color].append(task_set)
        else:
            warnings.append(
                "service %s has task set %s with externalId %r, neither blue nor green; it is ignored"
                % (service_name, task_set.get("taskSetArn"), color)
            )
    return found, warnings


def single_task_set(found, color, service_name):
    """The one task set of ``color`` (None when it has none); several is an error."""
    task_sets = found[color]
    if len(task_sets) > 1:
        raise ValidationError(
            "service %s has %d task sets with externalId %s (%s); delete the extra ones"
            % (service_name, len(task_sets), color, ", ".join(t["taskSetArn"] for t in task_sets))
        )
    return task_sets[0] if task_sets else None


def drift(colors):
    """Settings that differ between two existing colors: ``[{setting, blue, green}]``."""
    if not all(colors[color].get("settings") for color in COLORS):
        return []
    found = []
    for setting in ("compute", "platform_version", "network_configuration", "load_balancer_container"):
        blue, green = colors["blue"]["settings"][setting], colors["green"]["settings"][setting]
        if blue != green:
            found.append({"setting": setting, "blue": blue, "green": green})
    return found


def drift_warning(found):
    return "the blue and green environments differ: %s" % "; ".join(
        "%s is %s on blue, %s on green" % (item["setting"], item["blue"], item["green"]) for item in found
    )


# --------------------------------------------------------------------------- live color


def up_colors(colors):
    return [color for color in COLORS if colors[color]["desired_count"] > 0]


def resolve_live(traffic, live_color_option, colors):
    """``(live color or None, source)``, following the documented order.

    ``source`` is one of ``listener``, ``live_color``, ``desired_count``,
    ``none`` (no color up: a first release), ``split`` (the listener sends
    traffic to both colors) and ``ambiguous`` (both up, nothing else to tell).
    """
    if traffic is not None:
        for color in COLORS:
            if traffic[color] == 100:
                return color, "listener"
        if all(traffic[color] > 0 for color in COLORS):
            return None, "split"
    if live_color_option:
        return live_color_option, "live_color"
    up = up_colors(colors)
    if len(up) == 1:
        return up[0], "desired_count"
    if not up:
        return None, "none"
    return None, "ambiguous"


def split_message(traffic, listener_arn):
    return (
        "listener_arn: listener %s splits the traffic between the colors (blue %d%%, green %d%%): a shift is "
        "under way; finish it or roll it back with alb_shift first; nothing changed"
        % (listener_arn, traffic["blue"], traffic["green"])
    )


def ambiguous_message(colors):
    return (
        "both colors have tasks (blue desired count %d, green desired count %d) and nothing tells which one is "
        "live: set listener_arn or live_color; nothing changed"
        % (colors["blue"]["desired_count"], colors["green"]["desired_count"])
    )


def traffic_refusal(color, live, source, traffic, listener_arn, action, advice):
    """The message refusing to ``action`` ``color`` when it serves traffic, else None."""
    if traffic is not None and traffic[color] > 0:
        return "color: refusing to %s %s, which receives %d%% of the traffic on listener %s; %s; nothing changed" % (
            action,
            color,
            traffic[color],
            listener_arn,
            advice,
        )
    if color == live and source == "live_color":
        return "color: refusing to %s %s, the live color (live_color=%s); %s; nothing changed" % (
            action,
            color,
            live,
            advice,
        )
    if color == live and source == "desired_count":
        return (
            "color: refusing to %s %s, the live color (the only color with tasks); %s; set listener_arn or "
            "live_color if that is wrong; nothing changed" % (action, color, advice)
        )
    return None


def colors_summary(colors, traffic):
    """The ``colors`` return value."""
    summary = {}
    for color in COLORS:
        view = colors[color]
        summary[color] = {
            "arn": view["arn"],
            "task_definition": view["task_definition"],
            "desired_count": view["desired_count"],
            "running_count": view["running_count"],
            "target_group_arn": view["target_group_arn"],
            "traffic_percent": traffic[color] if traffic is not None else None,
            "status": view["status"],
        }
    return summary


def diff_view(colors):
    return {
        color: {
            "task_definition": short_task_definition(colors[color]["task_definition"]),
            "desired_count": colors[color]["desired_count"],
        }
        for color in COLORS
    }


# --------------------------------------------------------------------------- task definitions


def _clean(value):
    """Drop None, empty lists and empty dicts, recursively, so that equal definitions compare equal."""
    if isinstance(value, dict):
        cleaned = {}
        for key, item in value.items():
            item = _clean(item)
            if item is not None and item != [] and item != {}:
                cleaned[key] = item
        return cleaned
    if isinstance(value, list):
        return [_clean(item) for item in value]
    return value


def registration_input(task_definition):
    """The RegisterTaskDefinition arguments that would recreate ``task_definition``."""
    return _clean({key: copy.deepcopy(task_definition.get(key)) for key in REGISTER_KEYS})


def with_images(task_definition, images):
    """Registration input of ``task_definition`` with the containers' images replaced."""
    wanted = registration_input(task_definition)
    names = [container["name"] for container in wanted.get("containerDefinitions", [])]
    unknown = sorted(set(images) - set(names))
    if unknown:
        raise ValidationError(
            "images: task definition %s has no container named %s (its containers: %s)"
            % (
                short_task_definition(task_definition["taskDefinitionArn"]),
                ", ".join(repr(name) for name in unknown),
                ", ".join(names),
            )
        )
    for container in wanted["containerDefinitions"]:
        if container["name"] in images:
            container["image"] = images[container["name"]]
    return wanted


def same_definition(task_definition, wanted):
    """Whether ``task_definition`` (a DescribeTaskDefinition answer) is the registration ``wanted``."""
    return task_definition is not None and registration_input(task_definition) == _clean(wanted)


def next_revision_arn(latest):
    """The ARN the next revision of ``latest``'s family will probably get (check mode)."""
    base = latest["taskDefinitionArn"].rsplit(":", 1)[0]
    return "%s:%d" % (base, latest["revision"] + 1)


# --------------------------------------------------------------------------- states


def default_desired_count(strategy, live, colors, service_desired=0):
    """The live color's desired count, else (task_set) the service's, else 1."""
    if live and colors[live]["desired_count"] > 0:
        return colors[live]["desired_count"]
    if strategy == "task_set" and service_desired > 0:
        return service_desired
    return 1


def runs(view, task_definition, desired_count, strategy):
    """Whether a color already runs ``task_definition`` at ``desired_count`` (task sets: full scale)."""
    if view["arn"] is None or view["task_definition"] != task_definition:
        return False
    if strategy == "task_set" and view["scale"] != 100:
        return False
    return view["desired_count"] == desired_count


def choose_deploy_color(color_option, live):
    """The color to deploy onto: ``color``, else the idle color, else blue (first release)."""
    if color_option:
        return color_option
    if live:
        return other_color(live)
    return "blue"


def plan_service_pair_deploy(colors, target, task_definition, desired_count):
    """Operations that make the ``target`` service run ``task_definition`` at ``desired_count``."""
    view = colors[target]
    if view["task_definition"] == task_definition and view["desired_count"] == desired_count:
        return []
    return [
        {
            "action": "update_service",
            "color": target,
            "service": view["arn"],
            "name": view["name"],
            "task_definition": task_definition,
            "desired_count": desired_count,
        }
    ]


def plan_task_set_deploy(colors, found, target, task_definition, desired_count, service, spec):
    """Operations that make the ``target`` task set run ``task_definition`` at full scale.

    ``found`` is ``{color: [task set]}``, ``service`` the DescribeServices
    answer and ``spec`` the CreateTaskSet arguments of a new task set (only
    used when one must be created).
    """
    ops = []
    if service.get("desiredCount", 0) != desired_count:
        ops.append(
            {
                "action": "update_desired_count",
                "service": service["serviceArn"],
                "name": service["serviceName"],
                "desired_count": desired_count,
                "from": service.get("desiredCount", 0),
            }
        )
    existing = found[target]
    reusable = (
        len(existing) == 1
        and existing[0].get("taskDefinition") == task_definition
        and colors[target]["target_group_arn"] == spec["loadBalancers"][0]["targetGroupArn"]
    )
    if reusable:
        if scale_percent(existing[0]) != 100:
            ops.append(
                {
                    "action": "update_task_set_scale",
                    "color": target,
                    "service": service["serviceArn"],
                    "task_set": existing[0]["taskSetArn"],
                    "scale": 100,
                }
            )
        return ops
    for task_set in existing:
        if task_set.get("status") == "PRIMARY":
            raise ValidationError(
                "color: the %s task set %s is the primary task set of service %s and would be replaced; promote "
                "the live color first (state=promoted); nothing changed"
                % (target, task_set["taskSetArn"], service["serviceName"])
            )
        ops.append(
            {
                "action": "delete_task_set",
                "color": target,
                "service": service["serviceArn"],
                "task_set": task_set["taskSetArn"],
                "task_definition": task_set.get("taskDefinition"),
            }
        )
    ops.append({"action": "create_task_set", "color": target, "service": service["serviceArn"], "spec": spec})
    return ops


def plan_scale_down(strategy, colors, target, service=None):
    view = colors[target]
    if view["arn"] is None or view["desired_count"] == 0 and (strategy == "service_pair" or view["scale"] == 0):
        return []
    if strategy == "service_pair":
        return [
            {
                "action": "update_service",
                "color": target,
                "service": view["arn"],
                "name": view["name"],
                "task_definition": view["task_definition"],
                "desired_count": 0,
            }
        ]
    return [
        {
            "action": "update_task_set_scale",
            "color": target,
            "service": service["serviceArn"],
            "task_set": view["arn"],
            "scale": 0,
        }
    ]


def predict(colors, ops, strategy, service_desired):
    """``{color: {task_definition, desired_count}}`` once ``ops`` are applied."""
    after = {
        color: {"task_definition": colors[color]["task_definition"], "desired_count": colors[color]["desired_count"]}
        for color in COLORS
    }
    scales = {color: colors[color].get("scale") for color in COLORS}
    for op in ops:
        action = op["action"]
        if action == "update_service":
            after[op["color"]] = {"task_definition": op["task_definition"], "desired_count": op["desired_count"]}
        elif action == "update_desired_count":
            service_desired = op["desired_count"]
        elif action == "update_task_set_scale":
            scales[op["color"]] = op["scale"]
        elif action == "delete_task_set":
            after[op["color"]]["task_definition"] = None
            scales[op["color"]] = None
        elif action == "create_task_set":
            after[op["color"]]["task_definition"] = op["spec"]["taskDefinition"]
            scales[op["color"]] = 100
    if strategy == "task_set":
        for color in COLORS:
            scale = scales[color]
            after[color]["desired_count"] = int(math.ceil(service_desired * scale / 100.0)) if scale else 0
    return after


def describe_op(op):
    """One line a person can read for an operation."""
    action = op["action"]
    if action == "update_service":
        return "update service %s (%s): task definition %s, desired count %d" % (
            op["name"],
            op["color"],
            short_task_definition(op["task_definition"]),
            op["desired_count"],
        )
    if action == "update_desired_count":
        return "update service %s: desired count %d -> %d" % (op["name"], op["from"], op["desired_count"])
    if action == "update_task_set_scale":
        return "scale the %s task set to %d%%" % (op["color"], op["scale"])
    if action == "delete_task_set":
        return "delete the older %s task set (task definition %s)" % (
            op["color"],
            short_task_definition(op["task_definition"]),
        )
    if action == "create_task_set":
        return "create the %s task set: task definition %s at 100%% scale" % (
            op["color"],
            short_task_definition(op["spec"]["taskDefinition"]),
        )
    if action == "make_primary":
        return "make the %s task set the primary task set" % op["color"]
    if action == "register_task_definition":
        return "register task definition %s" % short_task_definition(op["task_definition"])
    raise ValueError(action)


# --------------------------------------------------------------------------- new task sets


def load_balancer_container(task_definition, container_name, container_port):
    """(name, port) of the container behind the load balancer, checked against the task definition."""
    containers = task_definition.get("containerDefinitions") or []
    where = short_task_definition(task_definition["taskDefinitionArn"])
    if container_name is None:
        with_ports = [c for c in containers if c.get("portMappings")]
        if len(with_ports) != 1:
            raise ValidationError(
                "container_name: task definition %s has %d containers with port mappings; set container_name and "
                "container_port for the first task set" % (where, len(with_ports))
            )
        container_name = with_ports[0]["name"]
    matching = [c for c in containers if c["name"] == container_name]
    if not matching:
        raise ValidationError(
            "container_name: task definition %s has no container named %r (its containers: %s)"
            % (where, container_name, ", ".join(c["name"] for c in containers))
        )
    ports = [mapping.get("containerPort") for mapping in matching[0].get("portMappings") or []]
    if container_port is None:
        if len(ports) != 1:
            raise ValidationError(
                "container_port: container %s of task definition %s maps %d ports; set container_port"
                % (container_name, where, len(ports))
            )
        container_port = ports[0]
    elif container_port not in ports:
        raise ValidationError(
            "container_port: container %s of task definition %s does not map port %d (it maps %s)"
            % (container_name, where, container_port, ", ".join(str(p) for p in ports) or "none")
        )
    return container_name, container_port


def task_set_spec(app, color, task_definition, target_group_arn, source, options):
    """CreateTaskSet arguments (without cluster and service) for ``color``.

    Network and capacity settings come from ``options`` when given, else from
    ``source`` (the live task set, or another one of the service); the load
    balancer container from the options, else the source, else the only
    container of the task definition with a port mapping.
    """
    source = source or {}
    spec = {
        "externalId": color,
        "taskDefinition": task_definition["taskDefinitionArn"],
        "scale": {"unit": "PERCENT", "value": 100.0},
        "tags": [{"key": "bluegreen:app", "value": app}, {"key": "bluegreen:color", "value": color}],
    }
    if options.get("launch_type"):
        spec["launchType"] = options["launch_type"]
    elif source.get("capacityProviderStrategy"):
        spec["capacityProviderStrategy"] = copy.deepcopy(source["capacityProviderStrategy"])
    else:
        spec["launchType"] = source.get("launchType") or "FARGATE"
    compute_from_source = not options.get("launch_type") or options["launch_type"] == source.get("launchType")
    fargate = spec.get("launchType") == "FARGATE" or "capacityProviderStrategy" in spec
    if source.get("platformVersion") and compute_from_source and fargate:
        spec["platformVersion"] = source["platformVersion"]

    network = options.get("network_configuration")
    if network:
        vpc = {"subnets": list(network["subnets"]), "securityGroups": list(network.get("security_groups") or [])}
        if network.get("assign_public_ip") is not None:
            vpc["assignPublicIp"] = "ENABLED" if network["assign_public_ip"] else "DISABLED"
        spec["networkConfiguration"] = {"awsvpcConfiguration": vpc}
    elif source.get("networkConfiguration"):
        spec["networkConfiguration"] = copy.deepcopy(source["networkConfiguration"])
    elif task_definition.get("networkMode") == "awsvpc":
        raise ValidationError(
            "network_configuration: task definition %s uses the awsvpc network mode and the service has no task set "
            "to copy the network from; set network_configuration for the first task set"
            % short_task_definition(task_definition["taskDefinitionArn"])
        )

    balancers = source.get("loadBalancers") or []
    name = options.get("container_name") or (balancers[0].get("containerName") if balancers else None)
    port = options.get("container_port") or (balancers[0].get("containerPort") if balancers else None)
    name, port = load_balancer_container(task_definition, name, port)
    spec["loadBalancers"] = [{"targetGroupArn": target_group_arn, "containerName": name, "containerPort": port}]
    return spec
