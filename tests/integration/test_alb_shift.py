"""alb_shift through Ansible against moto."""

import pytest
from alarm_setup import LONG_HOLD, make_alarm
from alb_setup import listener_split, make_alb, make_target_group, make_vpc, set_weights

MODULE = "bluegreen.aws.alb_shift"
INFO_MODULE = "bluegreen.aws.alb_shift_info"


@pytest.fixture
def alb(aws):
    return make_alb(aws)


def args_for(alb, **extra):
    args = dict(listener_arn=alb.listener_arn, blue_target_group="shop-blue", green_target_group="shop-green")
    args.update(extra)
    return args


def listener(aws, alb):
    return aws.client("elbv2").describe_listeners(ListenerArns=[alb.listener_arn])["Listeners"][0]


def watch_split(ansible, aws, alb, args, timeout=600):
    """Run alb_shift with ``args`` while the listener's split is watched from outside."""
    elbv2 = aws.client("elbv2")
    return ansible.watch_task(MODULE, args, lambda: listener_split(elbv2, alb), timeout=timeout)


def assert_four_steps(ansible, args, read_state, expected_after):
    before = read_state()
    checked = ansible.module(MODULE, args, check=True, diff=True)
    assert checked["changed"] is True, checked
    assert checked["after"] == expected_after
    assert checked["diff"]["after"] == expected_after
    assert read_state() == before, "check mode must not write"

    applied = ansible.module(MODULE, args)
    assert applied["changed"] is True, applied
    assert applied["after"] == expected_after
    after = read_state()
    assert after != before

    rechecked = ansible.module(MODULE, args, check=True)
    assert rechecked["changed"] is False, rechecked
    reapplied = ansible.module(MODULE, args)
    assert reapplied["changed"] is False, reapplied
    assert reapplied["before"] == reapplied["after"] == expected_after
    assert read_state() == after


def test_four_step_idempotence_default_action(aws, ansible, alb):
    assert_four_steps(
        ansible,
        args_for(alb, shift_to="green", percent=30),
        lambda: listener_split(aws.client("elbv2"), alb),
        {"blue": 70, "green": 30},
    )
    assert listener_split(aws.client("elbv2"), alb) == {"blue": 70, "green": 30}


def test_four_step_idempotence_rule(aws, ansible, alb):
    elbv2 = aws.client("elbv2")
    rule_arn = elbv2.create_rule(
        ListenerArn=alb.listener_arn,
        Priority=10,
        Conditions=[{"Field": "path-pattern", "Values": ["/api/*"]}],
        Actions=[{"Type": "forward", "TargetGroupArn": alb.target_groups["blue"]}],
    )["Rules"][0]["RuleArn"]

    def rule_state():
        return elbv2.describe_rules(RuleArns=[rule_arn])["Rules"][0]

    default_before = listener(aws, alb)["DefaultActions"]
    args = dict(rule_arn=rule_arn, blue_target_group="shop-blue", green_target_group="shop-green", shift_to="green")
    assert_four_steps(ansible, args, rule_state, {"blue": 0, "green": 100})
    rule = rule_state()
    assert rule["Conditions"][0]["Values"] == ["/api/*"]
    assert rule["Priority"] == "10"
    weights = {g["TargetGroupArn"]: g["Weight"] for g in rule["Actions"][0]["ForwardConfig"]["TargetGroups"]}
    assert weights == {alb.target_groups["blue"]: 0, alb.target_groups["green"]: 100}
    assert listener(aws, alb)["DefaultActions"] == default_before, "a rule shift leaves the default action alone"


def mark_release(aws, alb, color, version, deployed_at):
    """The release marks a deploy leaves on a color's target group."""
    tags = [{"Key": "bluegreen:version", "Value": version}, {"Key": "bluegreen:deployed-at", "Value": deployed_at}]
    aws.client("elbv2").add_tags(ResourceArns=[alb.target_groups[color]], Tags=tags)


def test_previous_goes_back_to_the_color_live_before_the_newest_release(aws, ansible, alb):
    elbv2 = aws.client("elbv2")
    args = args_for(alb, shift_to="previous", wait=False)
    refused = ansible.module(MODULE, args)
    assert refused["failed"] is True
    assert "shift_to=previous: no release is marked on either color" in refused["msg"]
    assert listener_split(elbv2, alb) == {"blue": 100, "green": 0}

    mark_release(aws, alb, "green", "1.0", "2026-11-20T08:15:00Z")
    mark_release(aws, alb, "blue", "2.0", "2026-11-29T10:03:10Z")
    set_weights(elbv2, alb.listener_arn, {alb.target_groups["blue"]: 10, alb.target_groups["green"]: 90})
    assert_four_steps(ansible, args, lambda: listener_split(elbv2, alb), {"blue": 0, "green": 100})
    result = ansible.module(MODULE, args)
    assert result["shifted_to"] == "green"
    assert result["releases"]["blue"] == {"version": "2.0", "deployed_at": "2026-11-29T10:03:10Z"}


def test_report_only_without_shift_to(aws, ansible, alb):
    result = ansible.module(
        MODULE, dict(load_balancer="shop", port=80, blue_target_group="shop-blue", green_target_group="shop-green")
    )
    assert result["changed"] is False
    assert result["before"] == result["after"] == {"blue": 100, "green": 0}
    assert result["live_color"] == "blue"
    assert result["idle_color"] == "green"
    assert result["listener_arn"] == alb.listener_arn
    assert result["target_groups"] == alb.target_groups
    balancer = aws.client("elbv2").describe_load_balancers(Names=["shop"])["LoadBalancers"][0]
    assert result["dns_name"] == balancer["DNSName"]


def test_info_reads_several_listeners_in_one_run(aws, ansible, alb):
    elbv2 = aws.client("elbv2")
    test_listener = elbv2.create_listener(
        LoadBalancerArn=alb.load_balancer_arn,
        Protocol="HTTP",
        Port=8080,
        DefaultActions=[{"Type": "forward", "TargetGroupArn": alb.target_groups["green"]}],
    )["Listeners"][0]["ListenerArn"]
    set_weights(elbv2, alb.listener_arn, {alb.target_groups["blue"]: 90, alb.target_groups["green"]: 10})
    args = dict(load_balancer="shop", ports=[8080, 80], blue_target_group="shop-blue", green_target_group="shop-green")
    before = elbv2.describe_listeners(LoadBalancerArn=alb.load_balancer_arn)["Listeners"]

    result = ansible.module(INFO_MODULE, args, check=True)

    assert result["changed"] is False
    assert [item["port"] for item in result["listeners"]] == [8080, 80]
    assert result["listeners"][0]["listener_arn"] == test_listener
    assert result["listeners"][0]["split"] == {"blue": 0, "green": 100}
    assert (result["listeners"][0]["live_color"], result["listeners"][0]["idle_color"]) == ("green", "blue")
    assert result["listeners"][1]["split"] == {"blue": 90, "green": 10}
    assert result["listeners"][1]["live_color"] is None
    balancer = elbv2.describe_load_balancers(Names=["shop"])["LoadBalancers"][0]
    assert result["load_balancer"]["dns_name"] == balancer["DNSName"]
    assert result["target_groups"] == alb.target_groups
    assert elbv2.describe_listeners(LoadBalancerArn=alb.load_balancer_arn)["Listeners"] == before

    missing = ansible.module(INFO_MODULE, dict(args, ports=[80, 443]))
    assert missing["failed"] is True
    assert "ports: load balancer" in missing["msg"] and "no listener on port 443" in missing["msg"]
    repeated = ansible.module(INFO_MODULE, dict(args, ports=[80, 80]))
    assert repeated["failed"] is True and "ports must not repeat a port" in repeated["msg"]


def test_canary_split_is_in_place_during_the_hold(aws, ansible, alb):
    watch = watch_split(ansible, aws, alb, args_for(alb, shift_to="green", steps=[10], step_interval=8))
    result = watch.result()
    assert result.get("failed") is not True, result
    assert watch.seen == [{"blue": 100, "green": 0}, {"blue": 90, "green": 10}, {"blue": 0, "green": 100}]
    assert result["steps_applied"] == [10, 100]
    assert result["live_color"] == "green"


def test_alarm_during_hold_rolls_back(aws, ansible, alb):
    make_alarm(aws.client("cloudwatch"), "shop-green-5xx")
    args = args_for(alb, shift_to="green", steps=[10], step_interval=LONG_HOLD, alarms=["shop-green-5xx"])
    watch = watch_split(ansible, aws, alb, args, timeout=LONG_HOLD // 2)
    watch.until({"blue": 90, "green": 10})
    aws.client("cloudwatch").set_alarm_state(AlarmName="shop-green-5xx", StateValue="ALARM", StateReason="test")
    result = watch.result()
    assert result["failed"] is True
    assert result["rolled_back"] is True
    assert result["alarms_in_alarm"] == ["shop-green-5xx"]
    assert "shop-green-5xx" in result["msg"]
    assert result["after"] == {"blue": 100, "green": 0}
    assert watch.seen == [{"blue": 100, "green": 0}, {"blue": 90, "green": 10}, {"blue": 100, "green": 0}]


def test_alarm_without_rollback_leaves_split(aws, ansible, alb):
    make_alarm(aws.client("cloudwatch"), "shop-green-5xx")
    args = args_for(
        alb,
        shift_to="green",
        steps=[10],
        step_interval=LONG_HOLD,
        alarms=["shop-green-5xx"],
        rollback_on_failure=False,
    )
    watch = watch_split(ansible, aws, alb, args, timeout=LONG_HOLD // 2)
    watch.until({"blue": 90, "green": 10})
    aws.client("cloudwatch").set_alarm_state(AlarmName="shop-green-5xx", StateValue="ALARM", StateReason="test")
    result = watch.result()
    assert result["failed"] is True
    assert result["rolled_back"] is False
    assert watch.seen == [{"blue": 100, "green": 0}, {"blue": 90, "green": 10}]


def test_alarm_already_firing_blocks_the_first_write(aws, ansible, alb):
    make_alarm(aws.client("cloudwatch"), "shop-green-5xx")
    aws.client("cloudwatch").set_alarm_state(AlarmName="shop-green-5xx", StateValue="ALARM", StateReason="test")
    before = listener(aws, alb)
    result = ansible.module(MODULE, args_for(alb, shift_to="green", alarms=["shop-green-5xx"]))
    assert result["failed"] is True
    assert result["changed"] is False
    assert result["rolled_back"] is False
    assert result["alarms_in_alarm"] == ["shop-green-5xx"]
    assert listener(aws, alb) == before


def test_min_healthy_targets_fails_before_writing(aws, ansible):
    alb = make_alb(aws, healthy=(2, 0))
    before = listener(aws, alb)
    result = ansible.module(MODULE, args_for(alb, shift_to="green", percent=10, wait=False))
    assert result["failed"] is True
    assert "min_healthy_targets" in result["msg"]
    assert "0 healthy targets, 1 needed" in result["msg"]
    assert listener(aws, alb) == before

    waited = ansible.module(MODULE, args_for(alb, shift_to="green", percent=10, wait_timeout=1))
    assert waited["failed"] is True
    assert "after 1 seconds" in waited["msg"]
    assert listener(aws, alb) == before

    disabled = ansible.module(MODULE, args_for(alb, shift_to="green", percent=10, min_healthy_targets=0))
    assert disabled["changed"] is True
    assert listener_split(aws.client("elbv2"), alb) == {"blue": 90, "green": 10}


def test_traffic_may_always_leave_an_unhealthy_color(aws, ansible):
    # blue serves everything but has no healthy target: a canary away from it must not be blocked
    alb = make_alb(aws, healthy=(0, 2))
    result = ansible.module(MODULE, args_for(alb, shift_to="green", steps=[10], wait=False))
    assert result.get("failed") is not True, result
    assert result["steps_applied"] == [10, 100]
    assert listener_split(aws.client("elbv2"), alb) == {"blue": 0, "green": 100}


def test_authenticate_action_and_listener_settings_preserved(aws, ansible):
    oidc = {
        "Issuer": "https://idp.example.com",
        "AuthorizationEndpoint": "https://idp.example.com/authorize",
        "TokenEndpoint": "https://idp.example.com/token",
        "UserInfoEndpoint": "https://idp.example.com/userinfo",
        "ClientId": "shop",
        "ClientSecret": "s3cret",
        "SessionCookieName": "shop-session",
        "Scope": "openid",
        "SessionTimeout": 3600,
        "OnUnauthenticatedRequest": "authenticate",
    }
    alb = make_alb(aws, port=8443, default_actions=None)
    elbv2 = aws.client("elbv2")
    elbv2.modify_listener(
        ListenerArn=alb.listener_arn,
        DefaultActions=[
            {"Type": "authenticate-oidc", "Order": 1, "AuthenticateOidcConfig": oidc},
            {"Type": "forward", "Order": 2, "TargetGroupArn": alb.target_groups["blue"]},
        ],
    )
    before = listener(aws, alb)
    result = ansible.module(MODULE, args_for(alb, shift_to="green", percent=50))
    assert result["changed"] is True, result
    after = listener(aws, alb)
    assert after["DefaultActions"][0] == before["DefaultActions"][0]
    for key in ("Port", "Protocol", "LoadBalancerArn"):
        assert after[key] == before[key]
    assert listener_split(elbv2, alb) == {"blue": 50, "green": 50}


def test_stickiness_is_set_and_idempotent(aws, ansible, alb):
    args = args_for(alb, shift_to="blue", stickiness=120)
    first = ansible.module(MODULE, args)
    assert first["changed"] is True, "the split matches but stickiness differs"
    config = listener(aws, alb)["DefaultActions"][0]["ForwardConfig"]["TargetGroupStickinessConfig"]
    assert config == {"Enabled": True, "DurationSeconds": 120}
    assert ansible.module(MODULE, args)["changed"] is False


def test_linear_resumes_where_it_stopped(aws, ansible, alb):
    set_weights(aws.client("elbv2"), alb.listener_arn, {alb.target_groups["blue"]: 70, alb.target_groups["green"]: 30})
    result = ansible.module(MODULE, args_for(alb, shift_to="green", steps=[10, 20, 30, 40, 50]))
    assert result["steps_applied"] == [40, 50, 100]
    assert result["before"] == {"blue": 70, "green": 30}


def forward_to_three(aws, alb):
    extra = make_target_group(aws.client("elbv2"), "shop-extra", alb.vpc_id)
    set_weights(aws.client("elbv2"), alb.listener_arn, {alb.target_groups["blue"]: 1, extra: 1})


def other_vpc_target_group(aws, alb):
    vpc_id, _subnets, _group = make_vpc(aws.client("ec2"), cidr="10.1.0.0/16")
    make_target_group(aws.client("elbv2"), "elsewhere", vpc_id)


BAD_INPUTS = [
    # (id, extra args, words the message must contain, set-up)
    ("percent-above-100", dict(shift_to="green", percent=101), ["percent", "101"], None),
    ("percent-negative", dict(shift_to="green", percent=-5), ["percent", "-5"], None),
    ("steps-descending", dict(shift_to="green", steps=[20, 10]), ["steps", "20, 10"], None),
    ("steps-not-below-percent", dict(shift_to="green", percent=50, steps=[50]), ["steps", "below percent"], None),
    ("steps-zero", dict(shift_to="green", steps=[0]), ["steps", "from 1 to 99"], None),
    ("steps-without-shift-to", dict(steps=[10]), ["steps", "shift_to"], None),
    ("step-interval-negative", dict(shift_to="green", step_interval=-1), ["step_interval", "-1"], None),
    ("stickiness-too-long", dict(shift_to="green", stickiness=700000), ["stickiness", "700000"], None),
    ("min-healthy-negative", dict(shift_to="green", min_healthy_targets=-1), ["min_healthy_targets", "-1"], None),
    ("shift-to-unknown", dict(shift_to="red"), ["shift_to", "red"], None),
    (
        "same-target-groups",
        dict(shift_to="green", green_target_group="shop-blue"),
        ["green_target_group", "shop-blue"],
        None,
    ),
    ("unknown-blue", dict(shift_to="green", blue_target_group="nope-blue"), ["blue_target_group", "nope-blue"], None),
    (
        "unknown-green",
        dict(shift_to="green", green_target_group="nope-green"),
        ["green_target_group", "nope-green"],
        None,
    ),
    (
        "target-group-other-vpc",
        dict(shift_to="green", green_target_group="elsewhere"),
        ["green_target_group", "elsewhere", "VPC"],
        other_vpc_target_group,
    ),
    (
        "unknown-listener",
        dict(shift_to="green", listener_arn="LISTENER/0000000000000000"),
        ["listener_arn", "0000"],
        None,
    ),
    (
        "unknown-load-balancer",
        dict(shift_to="green", listener_arn=None, load_balancer="nope", port=80),
        ["load_balancer", "nope"],
        None,
    ),
    ("unknown-port", dict(shift_to="green", listener_arn=None, load_balancer="shop", port=81), ["port", "81"], None),
    ("unknown-rule", dict(shift_to="green", rule_arn="RULE/0000000000000000"), ["rule_arn", "0000"], None),
    ("unknown-alarm", dict(shift_to="green", alarms=["no-such-alarm"]), ["alarms", "no-such-alarm"], None),
    ("third-target-group", dict(shift_to="green"), ["shop-extra", "never drops"], forward_to_three),
    ("no-router", dict(shift_to="green", listener_arn=None), ["listener_arn", "load_balancer", "rule_arn"], None),
]


@pytest.mark.parametrize("name, extra, words, setup", BAD_INPUTS, ids=[case[0] for case in BAD_INPUTS])
def test_bad_input_fails_clearly_and_changes_nothing(aws, ansible, alb, name, extra, words, setup):
    if setup:
        setup(aws, alb)
    args = args_for(alb, **extra)
    for key, value in list(args.items()):
        if value is None:
            del args[key]
        elif isinstance(value, str) and value.startswith("LISTENER/"):
            args[key] = alb.listener_arn.rsplit("/", 1)[0] + "/" + value.split("/", 1)[1]
        elif isinstance(value, str) and value.startswith("RULE/"):
            args[key] = alb.listener_arn.replace(":listener/", ":listener-rule/") + "/" + value.split("/", 1)[1]
    before = listener(aws, alb)
    rules_before = aws.client("elbv2").describe_rules(ListenerArn=alb.listener_arn)["Rules"]
    result = ansible.module(MODULE, args)
    assert result.get("failed") is True, result
    for word in words:
        assert word in result["msg"], (word, result["msg"])
    assert listener(aws, alb) == before
    assert aws.client("elbv2").describe_rules(ListenerArn=alb.listener_arn)["Rules"] == rules_before
