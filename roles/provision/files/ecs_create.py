# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Create an ECS cluster, an ECS service with the EXTERNAL deployment controller, or the listener rule
that ECS blue/green deployments move the traffic on, with its tags, unless it exists.

Two calls the community.aws modules cannot make: community.aws.ecs_cluster creates a cluster
without tags (they would come later, in a second call), and community.aws.ecs_service always sends
a task definition, which ECS refuses for a service with the EXTERNAL deployment controller (each
of its task sets has its own).

No module manages one listener rule by its tags either: amazon.aws.elb_application_lb rewrites the
rules of a listener as a whole (and its weights, which ECS owns once it deploys).

Argument: one JSON object {kind: cluster|external_service, region, cluster, service, desired_count,
tags} or {kind: listener_rule, region, listener_arn, name, priority, target_groups: [blue, green], tags}.
Credentials, profile and endpoint come from the environment, as for the amazon.aws modules
(AWS_PROFILE, AWS_ACCESS_KEY_ID, ..., AWS_URL or AWS_ENDPOINT_URL).
Prints {"changed": bool, "arn": ARN}; on an error {"failed": true, "msg": ...} and exits with 1.
"""

import json
import os
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError


def client(service, region):
    profile = os.environ.get("AWS_PROFILE") or os.environ.get("AWS_DEFAULT_PROFILE")
    session = boto3.session.Session(profile_name=profile, region_name=region or None)
    endpoint = os.environ.get("AWS_URL") or os.environ.get("EC2_URL") or None
    return session.client(
        service, endpoint_url=endpoint, config=Config(retries={"mode": "standard", "max_attempts": 10})
    )


def tag_list(tags):
    return [{"key": str(key), "value": str(value)} for key, value in sorted((tags or {}).items())]


def cluster(ecs, args):
    found = ecs.describe_clusters(clusters=[args["cluster"]])["clusters"]
    active = [item for item in found if item["status"] == "ACTIVE"]
    if active:
        return {"changed": False, "arn": active[0]["clusterArn"]}
    created = ecs.create_cluster(clusterName=args["cluster"], tags=tag_list(args.get("tags")))["cluster"]
    return {"changed": True, "arn": created["clusterArn"]}


def external_service(ecs, args):
    found = ecs.describe_services(cluster=args["cluster"], services=[args["service"]])["services"]
    active = [item for item in found if item["status"] == "ACTIVE"]
    if active:
        return {"changed": False, "arn": active[0]["serviceArn"]}
    created = ecs.create_service(
        cluster=args["cluster"],
        serviceName=args["service"],
        desiredCount=int(args.get("desired_count") or 0),
        deploymentController={"type": "EXTERNAL"},
        schedulingStrategy="REPLICA",
        propagateTags="SERVICE",
        tags=tag_list(args.get("tags")),
    )["service"]
    return {"changed": True, "arn": created["serviceArn"]}


def listener_rule(elbv2, args):
    """The rule of the listener tagged bluegreen:rule=<name>; created (all paths, 100% blue) when missing."""
    rules = [rule for rule in elbv2.describe_rules(ListenerArn=args["listener_arn"])["Rules"] if not rule["IsDefault"]]
    if rules:
        described = elbv2.describe_tags(ResourceArns=[rule["RuleArn"] for rule in rules])["TagDescriptions"]
        for item in described:
            if {"Key": "bluegreen:rule", "Value": args["name"]} in item.get("Tags", []):
                return {"changed": False, "arn": item["ResourceArn"]}
    blue, green = args["target_groups"]
    tags = dict(args.get("tags") or {}, **{"bluegreen:rule": args["name"], "Name": args["name"]})
    created = elbv2.create_rule(
        ListenerArn=args["listener_arn"],
        Priority=int(args["priority"]),
        Conditions=[{"Field": "path-pattern", "Values": ["/*"]}],
        Actions=[
            {
                "Type": "forward",
                "ForwardConfig": {
                    "TargetGroups": [{"TargetGroupArn": blue, "Weight": 100}, {"TargetGroupArn": green, "Weight": 0}]
                },
            }
        ],
        Tags=[{"Key": str(key), "Value": str(value)} for key, value in sorted(tags.items())],
    )["Rules"][0]
    return {"changed": True, "arn": created["RuleArn"]}


KINDS = {
    "cluster": ("ecs", cluster),
    "external_service": ("ecs", external_service),
    "listener_rule": ("elbv2", listener_rule),
}


def main(argv):
    args = json.loads(argv[1])
    service, make = KINDS[args["kind"]]
    return make(client(service, args.get("region")), args)


if __name__ == "__main__":
    try:
        result = main(sys.argv)
    except (BotoCoreError, ClientError, IndexError, KeyError, ValueError) as error:
        print(json.dumps({"failed": True, "msg": "ECS: %s" % error}))
        sys.exit(1)
    print(json.dumps(result))
