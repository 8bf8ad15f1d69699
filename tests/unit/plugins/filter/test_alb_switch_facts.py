"""What the release role keeps of a switch on the router alb."""

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.bluegreen.aws.plugins.filter.alb_switch_facts import alb_switch_facts

SWITCH = {
    "changed": True,
    "before": {"blue": 100, "green": 0},
    "after": {"blue": 0, "green": 100},
    "live_color": "green",
    "listener_arn": "arn:listener",
    "dns_name": "shop-1.elb.amazonaws.com",
    "shifted_to": "green",
    "releases": {"blue": {"version": "2.0"}, "green": {"version": "1.0"}},
}


def test_a_switch_keeps_the_split_before_and_after_and_the_color_switched_to():
    facts = alb_switch_facts(SWITCH)
    assert facts["release_switch"] is SWITCH
    assert facts["release_traffic"] == {
        "split": {"blue": 0, "green": 100},
        "live_color": "green",
        "listener_arn": "arn:listener",
        "dns_name": "shop-1.elb.amazonaws.com",
    }
    assert facts["release_state"] == {"split": {"blue": 100, "green": 0}, "live": "blue"}
    assert (facts["release_target"], facts["release_colors"], facts["wrote"]) == ("green", SWITCH["releases"], True)
    assert "release_quick_failure" not in facts


def test_a_split_traffic_before_has_no_live_color_and_no_write_when_nothing_moved():
    facts = alb_switch_facts(dict(SWITCH, before={"blue": 90, "green": 10}, after={"blue": 90, "green": 10}))
    assert facts["release_state"]["live"] is None
    assert facts["wrote"] is False


def test_without_marks_or_target_those_facts_are_left_out():
    facts = alb_switch_facts({key: value for key, value in SWITCH.items() if key not in ("releases", "shifted_to")})
    assert "release_colors" not in facts and "release_target" not in facts


@pytest.mark.parametrize("message, kept", [("no release marks", "no release marks"), (None, "the switch failed")])
def test_a_failed_switch_keeps_only_why(message, kept):
    assert alb_switch_facts({"failed": True, "msg": message}) == {"release_quick_failure": kept}


def test_anything_else_is_a_filter_error():
    with pytest.raises(AnsibleFilterError, match="expects a switch result"):
        alb_switch_facts(None)
