"""module_defaults for group/bluegreen.aws.aws reach every module of the collection."""

import json

import yaml
from alb_setup import make_alb

AWS_VARIABLES = (
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_ENDPOINT_URL",
    "AWS_URL",
    "AWS_DEFAULT_REGION",
    "AWS_REGION",
)


def test_group_module_defaults_set_endpoint_region_and_credentials(aws, ansible, tmp_path):
    alb = make_alb(aws)
    play = [
        {
            "hosts": "localhost",
            "gather_facts": False,
            "module_defaults": {
                "group/bluegreen.aws.aws": {
                    "endpoint_url": aws.server.endpoint,
                    "region": "us-east-1",
                    "access_key": "testing",
                    "secret_key": "testing",
                }
            },
            "tasks": [
                {
                    "name": "read the split",
                    "bluegreen.aws.alb_shift": {
                        "listener_arn": alb.listener_arn,
                        "blue_target_group": "shop-blue",
                        "green_target_group": "shop-green",
                    },
                }
            ],
        }
    ]
    path = tmp_path / "play.yml"
    path.write_text(yaml.safe_dump(play))
    for name in AWS_VARIABLES:
        ansible.env.pop(name, None)
    # Should the group not apply, no credentials are found and nothing is sent anywhere.
    ansible.env.update(AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null")
    code, report = ansible.playbook(str(path))
    result = report["plays"][0]["tasks"][0]["hosts"]["localhost"]
    assert code == 0, json.dumps(result)
    assert result["live_color"] == "blue"
    assert result["listener_arn"] == alb.listener_arn
