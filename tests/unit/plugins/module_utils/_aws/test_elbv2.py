import time

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._aws import elbv2
from ansible_collections.bluegreen.aws.plugins.module_utils._aws.common import describe_one
from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import InputError
from fakes import FakeClient, client_error

LB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop/1"


@pytest.fixture
def no_sleep(monkeypatch):
    """amazon.aws's retry decorators sleep between attempts: record instead."""
    sleeps = []
    monkeypatch.setattr(time, "sleep", sleeps.append)
    return sleeps


def test_paginated_listener_read_is_retried(no_sleep):
    listeners = {"Listeners": [{"Port": 80, "ListenerArn": "L80"}, {"Port": 443, "ListenerArn": "L443"}]}
    client = FakeClient(paginators={"describe_listeners": [client_error("Throttling"), listeners]})
    assert elbv2.find_listener_by_port(client, LB, 443)["ListenerArn"] == "L443"
    assert client.methods() == ["paginate:describe_listeners"] * 2
    assert client.calls[0][1] == {"LoadBalancerArn": LB}
    assert len(no_sleep) == 1


def test_missing_port_names_the_option(no_sleep):
    client = FakeClient(paginators={"describe_listeners": [{"Listeners": [{"Port": 80, "ListenerArn": "L80"}]}]})
    with pytest.raises(InputError, match="^port: load balancer .* has no listener on port 8080$"):
        elbv2.find_listener_by_port(client, LB, 8080)


def test_describe_one_maps_a_not_found_code_to_an_input_error():
    client = FakeClient(describe_target_groups=[client_error("TargetGroupNotFound")])
    with pytest.raises(InputError, match="^green_target_group: no target group shop-green$"):
        elbv2.describe_target_group(client, "shop-green", "green_target_group")
    assert client.calls == [("describe_target_groups", {"Names": ["shop-green"]})]


def test_describe_one_uses_the_arn_key_for_arns():
    arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-green/1"
    client = FakeClient(describe_target_groups=[{"TargetGroups": [{"TargetGroupArn": arn}]}])
    assert elbv2.describe_target_group(client, arn, "green_target_group") == {"TargetGroupArn": arn}
    assert client.calls == [("describe_target_groups", {"TargetGroupArns": [arn]})]


def test_describe_one_finding_nothing_is_an_input_error():
    client = FakeClient(describe_load_balancers=[{"LoadBalancers": []}])
    with pytest.raises(InputError, match="^load_balancer: no load balancer shop$"):
        elbv2.describe_load_balancer(client, "shop")


def test_describe_one_lets_other_errors_through():
    client = FakeClient(describe_listeners=[client_error("AccessDenied")])
    with pytest.raises(Exception, match="AccessDenied"):
        elbv2.describe_listener(client, "arn:listener")


def test_describe_one_returns_a_get_answer_as_it_is():
    client = FakeClient(get_thing=[{"Thing": {"Id": "t-1"}}])
    assert describe_one(client.get_thing, "Thing", ("NoSuchThing",), "thing: none", Id="t-1") == {"Id": "t-1"}


@pytest.mark.parametrize(
    "rule_arn, listener_arn",
    [
        (
            "arn:aws:elasticloadbalancing:us-east-1:1:listener-rule/app/shop/50dc/f2f7/9683",
            "arn:aws:elasticloadbalancing:us-east-1:1:listener/app/shop/50dc/f2f7",
        )
    ],
)
def test_listener_arn_of_rule(rule_arn, listener_arn):
    assert elbv2.listener_arn_of_rule(rule_arn) == listener_arn


def test_modify_actions_is_one_call_on_the_rule_or_the_listener():
    client = FakeClient(modify_rule=[{}], modify_listener=[{}])
    elbv2.modify_actions(client, "L", "R", [{"Type": "forward"}])
    elbv2.modify_actions(client, "L", None, [{"Type": "forward"}])
    assert client.calls == [
        ("modify_rule", {"RuleArn": "R", "Actions": [{"Type": "forward"}]}),
        ("modify_listener", {"ListenerArn": "L", "DefaultActions": [{"Type": "forward"}]}),
    ]


def test_the_two_target_groups_are_read_in_one_call():
    blue, green = {"TargetGroupName": "shop-blue"}, {"TargetGroupName": "shop-green"}
    client = FakeClient(describe_target_groups=[{"TargetGroups": [green, blue]}])
    found = elbv2.describe_target_group_pair(client, {"blue": "shop-blue", "green": "shop-green"})
    assert found == {"blue": blue, "green": green}
    assert client.calls == [("describe_target_groups", {"Names": ["shop-blue", "shop-green"]})]


def test_a_pair_not_found_whole_is_read_one_by_one_to_name_the_missing_one():
    client = FakeClient(
        describe_target_groups=[
            client_error("TargetGroupNotFound"),
            {"TargetGroups": [{"TargetGroupName": "shop-blue"}]},
            client_error("TargetGroupNotFound"),
        ]
    )
    with pytest.raises(InputError, match="^green_target_group: no target group shop-green$"):
        elbv2.describe_target_group_pair(client, {"blue": "shop-blue", "green": "shop-green"})
    assert [call[1] for call in client.calls] == [
        {"Names": ["shop-blue", "shop-green"]},
        {"Names": ["shop-blue"]},
        {"Names": ["shop-green"]},
    ]


@pytest.mark.parametrize(
    "pair",
    [
        {"blue": "shop-blue", "green": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-green/1"},
        {"blue": "shop", "green": "shop"},
    ],
    ids=["a name and an arn", "the same name twice"],
)
def test_a_mixed_or_repeated_pair_is_read_one_by_one(pair):
    answers = [{"TargetGroups": [{"TargetGroupArn": "tg-%d" % index}]} for index in range(2)]
    client = FakeClient(describe_target_groups=answers)
    assert elbv2.describe_target_group_pair(client, pair) == {
        "blue": {"TargetGroupArn": "tg-0"},
        "green": {"TargetGroupArn": "tg-1"},
    }
    assert len(client.calls) == 2
