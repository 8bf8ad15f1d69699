# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""CodeDeploy calls (with retries): application, deployment group and configuration, deployments."""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code

from .common import retrying_client

# Deployments that have not ended yet (StopDeployment still applies to them).
ACTIVE_STATUSES = ["Created", "Queued", "InProgress", "Baking", "Ready"]


def codedeploy_client(module):
    return retrying_client(module, "codedeploy")


def get_application(client, name):
    """The application, or None when it does not exist."""
    try:
        return client.get_application(applicationName=name, aws_retry=True)["application"]
    except is_boto3_error_code("ApplicationDoesNotExistException"):
        return None


def create_application(client, name, tags=None):
    arguments = dict(applicationName=name, computePlatform="ECS")
    if tags:
        arguments["tags"] = [{"Key": key, "Value": value} for key, value in tags.items()]
    client.create_application(aws_retry=True, **arguments)


def get_deployment_group(client, application, name):
    """The deployment group, or None when it (or its application) does not exist."""
    try:
        found = client.get_deployment_group(applicationName=application, deploymentGroupName=name, aws_retry=True)
    except is_boto3_error_code(["DeploymentGroupDoesNotExistException", "ApplicationDoesNotExistException"]):
        return None
    return found["deploymentGroupInfo"]


def create_deployment_group(client, spec):
    client.create_deployment_group(aws_retry=True, **spec)


def update_deployment_group(client, spec):
    arguments = dict(spec)
    arguments["currentDeploymentGroupName"] = arguments.pop("deploymentGroupName")
    arguments.pop("tags", None)
    client.update_deployment_group(aws_retry=True, **arguments)


def get_deployment_config(client, name):
    """The deployment configuration, or None when it does not exist."""
    try:
        return client.get_deployment_config(deploymentConfigName=name, aws_retry=True)["deploymentConfigInfo"]
    except is_boto3_error_code("DeploymentConfigDoesNotExistException"):
        return None


def create_deployment_config(client, name, traffic_routing):
    client.create_deployment_config(
        deploymentConfigName=name, computePlatform="ECS", trafficRoutingConfig=traffic_routing, aws_retry=True
    )


def recent_deployments(client, application, group, count, statuses=None):
    """The ``count`` newest deployments of the group (newest first), with their details."""
    arguments = dict(applicationName=application, deploymentGroupName=group)
    if statuses:
        arguments["includeOnlyStatuses"] = list(statuses)
    # ListDeployments answers newest first; one page holds the few a run looks at.
    ids = client.list_deployments(aws_retry=True, **arguments).get("deployments", [])[:count]
    if not ids:
        return []
    found = client.batch_get_deployments(deploymentIds=ids, aws_retry=True).get("deploymentsInfo", [])
    by_id = dict((item["deploymentId"], item) for item in found)
    return [by_id[deployment_id] for deployment_id in ids if deployment_id in by_id]


def get_deployment(client, deployment_id):
    return client.get_deployment(deploymentId=deployment_id, aws_retry=True)["deploymentInfo"]


def create_deployment(client, application, group, config, appspec, description):
    found = client.create_deployment(
        applicationName=application,
        deploymentGroupName=group,
        deploymentConfigName=config,
        description=description,
        revision={"revisionType": "AppSpecContent", "appSpecContent": {"content": appspec}},
        aws_retry=True,
    )
    return found["deploymentId"]


def stop_deployment(client, deployment_id, rollback=True):
    return client.stop_deployment(deploymentId=deployment_id, autoRollbackEnabled=rollback, aws_retry=True)


def ecs_target(client, deployment_id):
    """The ECS target of a deployment (its task sets and their traffic weights), or None before it has one."""
    try:
        ids = client.list_deployment_targets(deploymentId=deployment_id, aws_retry=True).get("targetIds", [])
    except is_boto3_error_code(["DeploymentNotStartedException", "DeploymentDoesNotExistException"]):
        return None
    if not ids:
        return None
    found = client.batch_get_deployment_targets(deploymentId=deployment_id, targetIds=ids[:1], aws_retry=True)
    targets = found.get("deploymentTargets") or []
    return targets[0].get("ecsTarget") if targets else None
