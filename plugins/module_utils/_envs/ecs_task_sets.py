# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""Pure: the CreateTaskSet arguments of a new task set (strategy task_set).

A new task set copies the network, compute and load balancer container of an
existing one (the live task set first), unless the options say otherwise.
Nothing here talks to AWS.
"""

import copy

from .._core.colors import other_color
from .._core.errors import InputError
from .ecs_task_definitions import short_task_definition


def spec_source(current, live, target):
    """What a new ``target`` task set copies its settings from: the live task set, else the other one,
    else the one it replaces, else the service (when it has a network or load balancers), else None."""
    candidates = [live, other_color(target), target] if live else [other_color(target), target]
    for color in candidates:
        arn = current.views[color]["arn"]
        if arn:
            return next(task_set for task_set in current.task_sets[color] if task_set["taskSetArn"] == arn)
    service = current.service
    if service.get("networkConfiguration") or service.get("loadBalancers"):
        return service
    return None


def load_balancer_container(task_definition, container_name, container_port):
    """(name, port) of the container behind the load balancer, checked against the task definition."""
    containers = task_definition.get("containerDefinitions") or []
    where = short_task_definition(task_definition["taskDefinitionArn"])
    if container_name is None:
        with_ports = [c for c in containers if c.get("portMappings")]
        if len(with_ports) != 1:
            raise InputError(
                "container_name: task definition %s has %d containers with port mappings; set container_name and "
                "container_port for the first task set" % (where, len(with_ports))
            )
        container_name = with_ports[0]["name"]
    matching = [c for c in containers if c["name"] == container_name]
    if not matching:
        raise InputError(
            "container_name: task definition %s has no container named %r (its containers: %s)"
            % (where, container_name, ", ".join(c["name"] for c in containers))
        )
    ports = [mapping.get("containerPort") for mapping in matching[0].get("portMappings") or []]
    if container_port is None:
        if len(ports) != 1:
            raise InputError(
                "container_port: container %s of task definition %s maps %d ports; set container_port"
                % (container_name, where, len(ports))
            )
        container_port = ports[0]
    elif container_port not in ports:
        raise InputError(
            "container_port: container %s of task definition %s does not map port %d (it maps %s)"
            % (container_name, where, container_port, ", ".join(str(p) for p in ports) or "none")
        )
    return container_name, container_port


def task_set_spec(app, color, task_definition, target_group_arn, source, options):
    """CreateTaskSet arguments (without cluster and service) for ``color``.

    Network and capacity settings come from ``options`` when given, else from
    ``source`` (see spec_source); the load balancer container from the
    options, else the source, else the only container of the task definition
    with a port mapping.
    """
    source = source or {}
    spec = {
        "externalId": color,
        "taskDefinition": task_definition["taskDefinitionArn"],
        "scale": {"unit": "PERCENT", "value": 100.0},
        "tags": [{"key": "bluegreen:app", "value": app}, {"key": "bluegreen:color", "value": color}],
    }
    _compute(spec, source, options)
    _network(spec, source, options, task_definition)
    balancers = source.get("loadBalancers") or []
    name = options.get("container_name") or (balancers[0].get("containerName") if balancers else None)
    port = options.get("container_port") or (balancers[0].get("containerPort") if balancers else None)
    name, port = load_balancer_container(task_definition, name, port)
    spec["loadBalancers"] = [{"targetGroupArn": target_group_arn, "containerName": name, "containerPort": port}]
    return spec


def _compute(spec, source, options):
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


def _network(spec, source, options, task_definition):
    network = options.get("network_configuration")
    if network:
        vpc = {"subnets": list(network["subnets"]), "securityGroups": list(network.get("security_groups") or [])}
        if network.get("assign_public_ip") is not None:
            vpc["assignPublicIp"] = "ENABLED" if network["assign_public_ip"] else "DISABLED"
        spec["networkConfiguration"] = {"awsvpcConfiguration": vpc}
    elif source.get("networkConfiguration"):
        spec["networkConfiguration"] = copy.deepcopy(source["networkConfiguration"])
    elif task_definition.get("networkMode") == "awsvpc":
        raise InputError(
            "network_configuration: task definition %s uses the awsvpc network mode and the service has no task set "
            "to copy the network from; set network_configuration for the first task set"
            % short_task_definition(task_definition["taskDefinitionArn"])
        )
