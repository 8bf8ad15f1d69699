# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Delete the task sets of an ECS service, or deregister every active revision of a task
definition family.

Two removals no community.aws module makes: there is no module for task sets, and
community.aws.ecs_taskdefinition deregisters one revision a call, without listing a family.

Argument: one JSON object {kind: task_sets|task_definitions, region, cluster, service, family}.
Credentials, profile and endpoint come from the environment, as for the amazon.aws modules
(AWS_PROFILE, AWS_ACCESS_KEY_ID, ..., AWS_URL or AWS_ENDPOINT_URL).
Prints {"changed": bool, "removed": [ARN, ...]}; on an error {"failed": true, "msg": ...} and
exits with 1.
"""

import json
import os
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError


def ecs_client(region):
    profile = os.environ.get("AWS_PROFILE") or os.environ.get("AWS_DEFAULT_PROFILE")
    session = boto3.session.Session(profile_name=profile, region_name=region or None)
    endpoint = os.environ.get("AWS_URL") or os.environ.get("EC2_URL") or None
    return session.client("ecs", endpoint_url=endpoint, config=Config(retries={"mode": "standard", "max_attempts": 10}))


def task_sets(ecs, args):
    """Delete every task set of the service (force: even when not scaled to 0)."""
    try:
        found = ecs.describe_task_sets(cluster=args["cluster"], service=args["service"])["taskSets"]
    except (ecs.exceptions.ClusterNotFoundException, ecs.exceptions.ServiceNotFoundException):
        return []
    except ecs.exceptions.ServiceNotActiveException:
        return []
    removed = []
    for task_set in found:
        if task_set.get("status") == "DRAINING":
            continue
        ecs.delete_task_set(
            cluster=args["cluster"], service=args["service"], taskSet=task_set["taskSetArn"], force=True
        )
        removed.append(task_set["taskSetArn"])
    return removed


def task_definitions(ecs, args):
    """Deregister the active revisions of exactly this family (familyPrefix also matches longer names)."""
    removed = []
    paginator = ecs.get_paginator("list_task_definitions")
    for page in paginator.paginate(familyPrefix=args["family"], status="ACTIVE"):
        for arn in page["taskDefinitionArns"]:
            if arn.rsplit("/", 1)[-1].rsplit(":", 1)[0] != args["family"]:
                continue
            ecs.deregister_task_definition(taskDefinition=arn)
            removed.append(arn)
    return removed


KINDS = {"task_sets": task_sets, "task_definitions": task_definitions}


def main(argv):
    args = json.loads(argv[1])
    removed = KINDS[args["kind"]](ecs_client(args.get("region")), args)
    return {"changed": bool(removed), "removed": removed}


if __name__ == "__main__":
    try:
        result = main(sys.argv)
    except (BotoCoreError, ClientError, IndexError, KeyError, ValueError) as error:
        print(json.dumps({"failed": True, "msg": "ECS: %s" % error}))
        sys.exit(1)
    print(json.dumps(result))
