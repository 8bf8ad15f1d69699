# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ECS reads, writes and waiters used by the bluegreen modules (with retries)."""

import time

try:
    from botocore.exceptions import ClientError
except ImportError:
    pass  # handled by AnsibleAWSModule

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry

from .ecs_plan import service_progress, task_set_progress
from .weights import ValidationError

POLL_SECONDS = 5
TASK_DEFINITION_NOT_FOUND_CODES = ("ClientException", "InvalidParameterException")


class WaitFailed(Exception):
    """A wait ended without the resource becoming stable."""


def ecs_client(module):
    return module.client("ecs", retry_decorator=AWSRetry.jittered_backoff())


def _code(error):
    return error.response.get("Error", {}).get("Code")


def describe_cluster(client, cluster):
    found = client.describe_clusters(clusters=[cluster], aws_retry=True)
    clusters = [item for item in found.get("clusters", []) if item.get("status") == "ACTIVE"]
    if not clusters:
        raise ValidationError("cluster: no active ECS cluster %s" % cluster)
    return clusters[0]


def describe_services(client, cluster, names):
    """``{key: service}`` for ``names`` (``{key: (option, name)}``); a missing service is a ValidationError."""
    wanted = list(names.values())
    found = client.describe_services(cluster=cluster, services=[name for _option, name in wanted], aws_retry=True)
    by_name = {}
    for service in found.get("services", []):
        if service.get("status") != "INACTIVE":
            by_name[service["serviceName"]] = service
            by_name[service["serviceArn"]] = service
    services = {}
    for key, (option, name) in names.items():
        service = by_name.get(name)
        if service is None:
            raise ValidationError("%s: no ECS service %s in cluster %s" % (option, name, cluster))
        services[key] = service
    return services


def describe_task_definition(client, task_definition, option):
    """``(task definition, tags)``; a missing task definition is a ValidationError naming ``option``."""
    try:
        found = client.describe_task_definition(taskDefinition=task_definition, include=["TAGS"], aws_retry=True)
    except ClientError as error:
        if _code(error) not in TASK_DEFINITION_NOT_FOUND_CODES:
            raise
        raise ValidationError(
            "%s: no task definition %s (%s)" % (option, task_definition, error.response["Error"].get("Message"))
        ) from error
    return found["taskDefinition"], found.get("tags") or []


def register_task_definition(client, registration, tags):
    arguments = dict(registration)
    if tags:
        arguments["tags"] = tags
    return client.register_task_definition(aws_retry=True, **arguments)["taskDefinition"]


def update_service(client, cluster, service, task_definition=None, desired_count=None):
    arguments = {"cluster": cluster, "service": service}
    if task_definition is not None:
        arguments["taskDefinition"] = task_definition
    if desired_count is not None:
        arguments["desiredCount"] = desired_count
    return client.update_service(aws_retry=True, **arguments)["service"]


def create_task_set(client, cluster, service, spec):
    return client.create_task_set(cluster=cluster, service=service, aws_retry=True, **spec)["taskSet"]


def delete_task_set(client, cluster, service, task_set):
    # force: AWS deletes a task set that still runs tasks (a warm idle color) only when forced.
    client.delete_task_set(cluster=cluster, service=service, taskSet=task_set, force=True, aws_retry=True)


def update_task_set_scale(client, cluster, service, task_set, percent):
    client.update_task_set(
        cluster=cluster,
        service=service,
        taskSet=task_set,
        scale={"unit": "PERCENT", "value": float(percent)},
        aws_retry=True,
    )


def make_primary(client, cluster, service, task_set):
    client.update_service_primary_task_set(cluster=cluster, service=service, primaryTaskSet=task_set, aws_retry=True)


def _wait(check, what, timeout, sleep, clock, poll_seconds):
    deadline = clock() + timeout
    while True:
        stable, failure, summary = check()
        if failure:
            raise WaitFailed("%s: %s" % (what, failure))
        if stable:
            return summary
        remaining = deadline - clock()
        if remaining <= 0:
            raise WaitFailed("%s is not stable after %d seconds: %s" % (what, timeout, summary))
        sleep(min(poll_seconds, remaining))


def wait_service_stable(
    client, cluster, service, name, timeout, sleep=time.sleep, clock=time.monotonic, poll_seconds=POLL_SECONDS
):
    """Wait until the service has one deployment and runs its desired count."""

    def check():
        found = client.describe_services(cluster=cluster, services=[service], aws_retry=True)["services"]
        if not found:
            return False, "service %s disappeared" % name, ""
        return service_progress(found[0])

    return _wait(check, "service %s" % name, timeout, sleep, clock, poll_seconds)


def wait_task_set_stable(
    client,
    cluster,
    service,
    task_set,
    color,
    expected_scale,
    timeout,
    sleep=time.sleep,
    clock=time.monotonic,
    poll_seconds=POLL_SECONDS,
):
    """Wait until the task set is in steady state at ``expected_scale`` percent."""

    def check():
        found = client.describe_task_sets(cluster=cluster, service=service, taskSets=[task_set], aws_retry=True)
        if not found.get("taskSets"):
            return False, "task set %s disappeared" % task_set, ""
        return task_set_progress(found["taskSets"][0], expected_scale)

    return _wait(check, "the %s task set %s" % (color, task_set), timeout, sleep, clock, poll_seconds)
