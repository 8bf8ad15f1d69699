import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._routers.alb_actions import (
    read_split,
    read_stickiness,
    with_split,
)
from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import InputError

BLUE = "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/app-blue/1"
GREEN = "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/app-green/2"
OTHER = "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/other/3"
GROUPS = {"blue": BLUE, "green": GREEN}
OIDC = {
    "Type": "authenticate-oidc",
    "Order": 1,
    "AuthenticateOidcConfig": {"Issuer": "https://idp.example.com", "ClientId": "app"},
}


def weighted(blue, green, stickiness=None):
    config = {"TargetGroups": [{"TargetGroupArn": BLUE, "Weight": blue}, {"TargetGroupArn": GREEN, "Weight": green}]}
    if stickiness is not None:
        config["TargetGroupStickinessConfig"] = stickiness
    return {"Type": "forward", "Order": 2, "ForwardConfig": config}


@pytest.mark.parametrize(
    "actions, expected",
    [
        ([{"Type": "forward", "TargetGroupArn": BLUE}], {"blue": 100, "green": 0}),
        ([{"Type": "forward", "TargetGroupArn": GREEN}], {"blue": 0, "green": 100}),
        ([weighted(999, 111)], {"blue": 90, "green": 10}),
        ([OIDC, weighted(0, 1)], {"blue": 0, "green": 100}),
        (
            [{"Type": "forward", "ForwardConfig": {"TargetGroups": [{"TargetGroupArn": GREEN}]}}],
            {"blue": 0, "green": 100},
        ),
    ],
)
def test_read_split(actions, expected):
    assert read_split(actions, GROUPS, "listener L") == expected


def test_read_split_refuses_a_third_target_group():
    actions = [
        {
            "Type": "forward",
            "ForwardConfig": {
                "TargetGroups": [{"TargetGroupArn": BLUE, "Weight": 1}, {"TargetGroupArn": OTHER, "Weight": 1}]
            },
        }
    ]
    with pytest.raises(InputError, match="other than blue and green: %s" % OTHER):
        read_split(actions, GROUPS, "listener L")


@pytest.mark.parametrize(
    "actions, count",
    [([{"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "503"}}], 0), ([weighted(1, 0)] * 2, 2)],
)
def test_read_split_needs_exactly_one_forward_action(actions, count):
    with pytest.raises(InputError, match="listener L has %d forward actions" % count):
        read_split(actions, GROUPS, "listener L")


def test_read_stickiness():
    assert read_stickiness([weighted(1, 0)], "L") == 0
    assert read_stickiness([weighted(1, 0, {"Enabled": True, "DurationSeconds": 300})], "L") == 300
    assert read_stickiness([weighted(1, 0, {"Enabled": False})], "L") == 0


def test_with_split_converts_single_target_group_form():
    actions = [{"Type": "forward", "TargetGroupArn": BLUE, "Order": 1}]
    new = with_split(actions, GROUPS, {"blue": 90, "green": 10}, None, "L")
    assert new == [
        {
            "Type": "forward",
            "Order": 1,
            "ForwardConfig": {
                "TargetGroups": [{"TargetGroupArn": BLUE, "Weight": 90}, {"TargetGroupArn": GREEN, "Weight": 10}]
            },
        }
    ]
    assert actions == [{"Type": "forward", "TargetGroupArn": BLUE, "Order": 1}], "input must not be modified"


def test_with_split_keeps_other_actions_and_oidc_secret():
    new = with_split([OIDC, weighted(100, 0)], GROUPS, {"blue": 0, "green": 100}, None, "L")
    assert new[0]["Type"] == "authenticate-oidc"
    assert new[0]["Order"] == 1
    assert new[0]["AuthenticateOidcConfig"] == dict(OIDC["AuthenticateOidcConfig"], UseExistingClientSecret=True)
    assert [group["Weight"] for group in new[1]["ForwardConfig"]["TargetGroups"]] == [0, 100]


@pytest.mark.parametrize(
    "existing, stickiness, expected",
    [
        ({"Enabled": True, "DurationSeconds": 60}, None, {"Enabled": True, "DurationSeconds": 60}),
        ({"Enabled": True, "DurationSeconds": 60}, 0, {"Enabled": False}),
        (None, 300, {"Enabled": True, "DurationSeconds": 300}),
    ],
)
def test_with_split_stickiness(existing, stickiness, expected):
    new = with_split([weighted(100, 0, existing)], GROUPS, {"blue": 50, "green": 50}, stickiness, "L")
    assert new[0]["ForwardConfig"]["TargetGroupStickinessConfig"] == expected
