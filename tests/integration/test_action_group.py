"""module_defaults for group/bluegreen.aws.aws reach every module of the collection."""

import json

import yaml
from alb_setup import make_alb


def test_group_module_defaults_set_endpoint_region_and_credentials(aws, ansible, tmp_path):
    alb = make_alb(aws)
    play = [
        {
            "hosts": "localhost",
            "gather_facts": False,
            "module_defaults": aws.module_defaults(),
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
    ansible.without_aws_environment()
    code, report = ansible.playbook(str(path))
    result = report["plays"][0]["tasks"][0]["hosts"]["localhost"]
    assert code == 0, json.dumps(result)
    assert result["live_color"] == "blue"
    assert result["listener_arn"] == alb.listener_arn
