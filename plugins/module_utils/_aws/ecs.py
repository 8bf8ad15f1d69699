# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""ECS calls (with retries)."""

try:
    import botocore.session
except ImportError:
    pass  # AnsibleAWSModule reports the missing botocore

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code

from .._core.errors import InputError
from . import elbv2
from .common import retrying_client

TASK_DEFINITION_NOT_FOUND_CODES = ("ClientException", "InvalidParameterException")


def ecs_client(module):
    return retrying_client(module, "ecs")


def describe_cluster(client, cluster):
    found = client.describe_clusters(clusters=[cluster], aws_retry=True)
    clusters = [item for item in found.get("clusters", []) if item.get("status") == "ACTIVE"]
    if not clusters:
        raise InputError("cluster: no active ECS cluster %s" % cluster)
    return clusters[0]


def describe_services(client, cluster, names):
    """``{key: service}`` for ``names`` (``{key: (option, name)}``); a missing service is an InputError."""
    wanted = list(names.values())
    found = client.describe_services(
        cluster=cluster, services=[name for _option, name in wanted], include=["TAGS"], aws_retry=True
    )
    by_name = {}
    for service in found.get("services", []):
        if service.get("status") != "INACTIVE":
            by_name[service["serviceName"]] = service
            by_name[service["serviceArn"]] = service
    services = {}
    for key, (option, name) in names.items():
        service = by_name.get(name)
        if service is None:
            raise InputError("%s: no ECS service %s in cluster %s" % (option, name, cluster))
        services[key] = service
    return services


def describe_task_definition(client, task_definition, option):
    """``(task definition, tags)``; a missing task definition is an InputError naming ``option``."""
    try:
        found = client.describe_task_definition(taskDefinition=task_definition, include=["TAGS"], aws_retry=True)
    except is_boto3_error_code(TASK_DEFINITION_NOT_FOUND_CODES) as error:
        raise InputError(
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


def tag_resource(client, arn, tags):
    """Add or overwrite ``tags`` (``{key: value}``) on an ECS resource."""
    client.tag_resource(
        resourceArn=arn, tags=[{"key": key, "value": value} for key, value in tags.items()], aws_retry=True
    )


def describe_service(client, cluster, service):
    """The service (name or ARN), or None when it is gone."""
    found = client.describe_services(cluster=cluster, services=[service], aws_retry=True)["services"]
    return found[0] if found else None


def describe_task_set(client, cluster, service, task_set):
    """The task set (ARN), or None when it is gone."""
    found = client.describe_task_sets(cluster=cluster, service=service, taskSets=[task_set], aws_retry=True)
    return found["taskSets"][0] if found.get("taskSets") else None


class EcsCluster:
    """The calls above, bound to one cluster: what ecs_bluegreen's operations apply through.

    ``elb_client`` makes the ELBv2 client that marks target groups, when one is needed.
    """

    def __init__(self, client, cluster, elb_client=None):
        self.client = client
        self.cluster = cluster
        self.elb_client = elb_client

    def register_task_definition(self, registration, tags):
        return register_task_definition(self.client, registration, tags)

    def update_service(self, service, task_definition=None, desired_count=None):
        return update_service(self.client, self.cluster, service, task_definition, desired_count)

    def create_task_set(self, service, spec):
        return create_task_set(self.client, self.cluster, service, spec)

    def delete_task_set(self, service, task_set):
        delete_task_set(self.client, self.cluster, service, task_set)

    def scale_task_set(self, service, task_set, percent):
        update_task_set_scale(self.client, self.cluster, service, task_set, percent)

    def make_primary(self, service, task_set):
        make_primary(self.client, self.cluster, service, task_set)

    def tag_resource(self, arn, tags):
        return tag_resource(self.client, arn, tags)

    def tag_target_group(self, arn, tags):
        elbv2.add_tags(self.elb_client(), arn, tags)

    def describe_service(self, service):
        return describe_service(self.client, self.cluster, service)

    def describe_task_set(self, service, task_set):
        return describe_task_set(self.client, self.cluster, service, task_set)


# --------------------------------------------------------------------------- ECS native blue/green

# Service deployments that have not ended yet.
ACTIVE_SERVICE_DEPLOYMENT_STATUSES = [
    "PENDING",
    "IN_PROGRESS",
    "STOP_REQUESTED",
    "ROLLBACK_REQUESTED",
    "ROLLBACK_IN_PROGRESS",
]


def update_service_deployment(
    client, cluster, service, task_definition=None, deployment_configuration=None, load_balancers=None
):
    """UpdateService with the ECS native blue/green settings; only what is given is sent."""
    arguments = {"cluster": cluster, "service": service}
    if task_definition is not None:
        arguments["taskDefinition"] = task_definition
    if deployment_configuration is not None:
        arguments["deploymentConfiguration"] = deployment_configuration
    if load_balancers is not None:
        arguments["loadBalancers"] = load_balancers
    return client.update_service(aws_retry=True, **arguments)["service"]


def service_deployments(client, cluster, service, count, statuses=None):
    """The ``count`` newest service deployments (newest first), described."""
    arguments = {"cluster": cluster, "service": service, "maxResults": max(count, 1)}
    if statuses:
        arguments["status"] = list(statuses)
    found = client.list_service_deployments(aws_retry=True, **arguments).get("serviceDeployments", [])
    arns = [item["serviceDeploymentArn"] for item in found][:count]
    return describe_service_deployments(client, arns)


def describe_service_deployments(client, arns):
    if not arns:
        return []
    found = client.describe_service_deployments(serviceDeploymentArns=list(arns), aws_retry=True)
    by_arn = dict((item["serviceDeploymentArn"], item) for item in found.get("serviceDeployments", []))
    return [by_arn[arn] for arn in arns if arn in by_arn]


def service_revision_task_definitions(client, arns):
    """``{service revision ARN: task definition ARN}``."""
    if not arns:
        return {}
    found = client.describe_service_revisions(serviceRevisionArns=list(arns), aws_retry=True)
    return dict((item["serviceRevisionArn"], item.get("taskDefinition")) for item in found.get("serviceRevisions", []))


def stop_service_deployment(client, arn, stop_type="ROLLBACK"):
    client.stop_service_deployment(serviceDeploymentArn=arn, stopType=stop_type, aws_retry=True)


def deployment_strategies():
    """The ECS deployment strategies the installed botocore knows (its service model; no AWS call)."""
    model = botocore.session.get_session().get_service_model("ecs")
    return list(model.shape_for("DeploymentStrategy").enum)
