# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Record a release on an external stack: the tag bluegreen:<app>:<color> = "<version> <deployed-at>"
on the hosted zone of the record pair (platform external, whose stacks the collection cannot tag).

No amazon.aws module tags a hosted zone without managing the zone itself (route53_zone would also set
its comment). Argument: one JSON object {hosted_zone_id, key, value}. Credentials, profile and endpoint
come from the environment, as for the amazon.aws modules (AWS_PROFILE, AWS_ACCESS_KEY_ID, ...,
AWS_ENDPOINT_URL). Prints {"changed": bool}; on an error {"failed": true, "msg": ...} and exits with 1.
"""

import json
import os
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError


def main(argv):
    try:
        args = json.loads(argv[1])
        profile = os.environ.get("AWS_PROFILE") or os.environ.get("AWS_DEFAULT_PROFILE")
        session = boto3.session.Session(profile_name=profile)
        endpoint = os.environ.get("AWS_URL") or None
        client = session.client(
            "route53", endpoint_url=endpoint, config=Config(retries={"mode": "standard", "max_attempts": 10})
        )
        tags = client.list_tags_for_resource(ResourceType="hostedzone", ResourceId=args["hosted_zone_id"])
        found = {tag["Key"]: tag["Value"] for tag in tags["ResourceTagSet"].get("Tags") or []}
        if found.get(args["key"]) == args["value"]:
            return {"changed": False}, 0
        client.change_tags_for_resource(
            ResourceType="hostedzone",
            ResourceId=args["hosted_zone_id"],
            AddTags=[{"Key": args["key"], "Value": args["value"]}],
        )
    except (BotoCoreError, ClientError, IndexError, KeyError, ValueError) as error:
        return {"failed": True, "msg": "AWS: %s" % error}, 1
    return {"changed": True}, 0


if __name__ == "__main__":
    RESULT, CODE = main(sys.argv)
    print(json.dumps(RESULT))
    sys.exit(CODE)
