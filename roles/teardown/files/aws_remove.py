# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Delete the task sets of an ECS service, deregister every active revision of a task definition
family, delete a launch template with all its versions, or delete the weighted record pair of the
router route53.

Three removals no amazon.aws or community.aws module makes in one go: there is no module for task
sets; community.aws.ecs_taskdefinition deregisters one revision a call, without listing a family;
amazon.aws.ec2_launch_template deletes every version of a template (DeleteLaunchTemplateVersions)
before the template, although DeleteLaunchTemplate removes them all; amazon.aws.route53 deletes a
record only when given its exact values.

Argument: one JSON object {kind: task_sets|task_definitions|launch_template, region, cluster,
service, family, launch_template_id, hosted_zone_id, record, type}.
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


def aws_client(service, region):
    profile = os.environ.get("AWS_PROFILE") or os.environ.get("AWS_DEFAULT_PROFILE")
    session = boto3.session.Session(profile_name=profile, region_name=region or None)
    endpoint = os.environ.get("AWS_URL") or os.environ.get("EC2_URL") or None
    return session.client(
        service, endpoint_url=endpoint, config=Config(retries={"mode": "standard", "max_attempts": 10})
    )


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


def launch_template(ec2, args):
    """Delete the launch template and, with it, every version."""
    try:
        ec2.delete_launch_template(LaunchTemplateId=args["launch_template_id"])
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") == "InvalidLaunchTemplateId.NotFound":
            return []
        raise
    return [args["launch_template_id"]]


def record_pair(route53, args):
    """Delete the weighted records blue and green of one name and type (router route53), in one batch."""
    name = args["record"].lower().rstrip(".") + "."
    found = []
    pages = route53.get_paginator("list_resource_record_sets").paginate(
        HostedZoneId=args["hosted_zone_id"], StartRecordName=name, StartRecordType=args["type"]
    )
    for page in pages:
        for record_set in page["ResourceRecordSets"]:
            if record_set["Name"].lower() != name or record_set["Type"] != args["type"]:
                break
            if record_set.get("SetIdentifier") in ("blue", "green") and "Weight" in record_set:
                found.append(record_set)
        else:
            continue
        break
    if found:
        route53.change_resource_record_sets(
            HostedZoneId=args["hosted_zone_id"],
            ChangeBatch={"Changes": [{"Action": "DELETE", "ResourceRecordSet": record_set} for record_set in found]},
        )
    return ["%s %s %s" % (name, args["type"], record_set["SetIdentifier"]) for record_set in found]


# kind: (service, removal)
KINDS = {
    "task_sets": ("ecs", task_sets),
    "task_definitions": ("ecs", task_definitions),
    "launch_template": ("ec2", launch_template),
    "record_pair": ("route53", record_pair),
}


def main(argv):
    """The removal as JSON and the exit code: 0, or 1 with {"failed": true, "msg": ...}."""
    try:
        args = json.loads(argv[1])
        service, remove = KINDS[args["kind"]]
        removed = remove(aws_client(service, args.get("region")), args)
    except (BotoCoreError, ClientError, IndexError, KeyError, ValueError) as error:
        return {"failed": True, "msg": "AWS: %s" % error}, 1
    return {"changed": bool(removed), "removed": removed}, 0


if __name__ == "__main__":
    RESULT, CODE = main(sys.argv)
    print(json.dumps(RESULT))
    sys.exit(CODE)
