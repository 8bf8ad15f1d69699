"""Which color is live, and the refusals that follow from it (no platform in it)."""

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import Refusal
from ansible_collections.bluegreen.aws.plugins.module_utils._envs import live_color
from ansible_collections.bluegreen.aws.plugins.module_utils._envs.live_color import Live, Traffic, Words

LISTENER = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop/1/2"
WORDS = Words(unit="tasks", count="desired count", hint="listener_arn or live_color")
INSTANCES = Words(unit="instances", count="desired capacity", hint="listener_arn or live_color")


def traffic(blue, green):
    return Traffic({"blue": blue, "green": green}, "listener %s" % LISTENER, "listener_arn", "alb_shift")


def live(split=None, option=None, counts=(0, 0), words=WORDS):
    found = traffic(*split) if split else None
    return Live.resolve(found, option, {"blue": counts[0], "green": counts[1]}, words)


@pytest.mark.parametrize(
    "split, live_option, counts, expected",
    [
        ((100, 0), None, (2, 2), ("blue", live_color.ROUTER)),
        ((0, 100), "blue", (2, 0), ("green", live_color.ROUTER)),
        ((90, 10), "blue", (2, 2), (None, live_color.SPLIT)),
        ((0, 0), None, (0, 2), ("green", live_color.ONLY_UP)),
        (None, "green", (2, 2), ("green", live_color.OPTION)),
        (None, None, (2, 0), ("blue", live_color.ONLY_UP)),
        (None, None, (0, 3), ("green", live_color.ONLY_UP)),
        (None, None, (0, 0), (None, live_color.NONE_UP)),
        (None, None, (1, 1), (None, live_color.AMBIGUOUS)),
    ],
)
def test_resolve(split, live_option, counts, expected):
    found = live(split, live_option, counts)
    assert (found.color, found.source) == expected


@pytest.mark.parametrize(
    "split, option, counts, idle",
    [((100, 0), None, (2, 2), "green"), (None, "green", (2, 2), "blue"), (None, None, (0, 0), "blue")]
    + [((50, 50), None, (2, 2), None), (None, None, (2, 2), None)],
)
def test_idle_color(split, option, counts, idle):
    assert live(split, option, counts).idle == idle


@pytest.mark.parametrize(
    "color, found, fragments",
    [
        ("blue", live((100, 0)), ["deploy onto blue", "100%", LISTENER]),
        ("green", live((90, 10), counts=(2, 2)), ["green", "10%"]),
        ("blue", live(option="blue"), ["live_color=blue"]),
        ("blue", live(counts=(2, 0)), ["only color with tasks", "set listener_arn or live_color"]),
        ("blue", live(counts=(2, 0), words=INSTANCES), ["only color with instances"]),
    ],
)
def test_traffic_refusal(color, found, fragments):
    message = found.traffic_refusal(color, "deploy onto", "advice")
    for fragment in fragments:
        assert fragment in message
    assert message.endswith("nothing changed")
    with pytest.raises(Refusal):
        found.refuse_traffic(color, "deploy onto", "advice")


@pytest.mark.parametrize(
    "color, found",
    [
        ("green", live((100, 0))),
        ("green", live(option="blue")),
        ("green", live(counts=(2, 0))),
        ("blue", live()),
        ("blue", live(counts=(2, 2)).assume("blue")),
    ],
)
def test_no_traffic_refusal_for_an_idle_color(color, found):
    assert found.traffic_refusal(color, "deploy onto", "advice") is None
    found.refuse_traffic(color, "deploy onto", "advice")


def test_split_and_ambiguous_messages_name_the_options():
    assert "blue 70%, green 30%" in live((70, 30)).split_message()
    assert "with alb_shift first" in live((70, 30)).split_message()
    message = live(counts=(2, 3)).ambiguous_message()
    assert message == (
        "both colors have tasks (blue desired count 2, green desired count 3) and nothing tells which one is live: "
        "set listener_arn or live_color; nothing changed"
    )
    assert (
        "both colors have instances (blue desired capacity 1"
        in live(counts=(1, 1), words=INSTANCES).ambiguous_message()
    )


@pytest.mark.parametrize(
    "found, refused", [(live((70, 30)), "shift is under way"), (live(counts=(1, 1)), "both colors")]
)
def test_refuse_if_unknown(found, refused):
    with pytest.raises(Refusal, match=refused):
        found.refuse_if_unknown()


@pytest.mark.parametrize("found", [live((100, 0)), live(counts=(0, 0)), live(counts=(1, 0)), live(option="green")])
def test_no_refusal_when_known_or_nothing_up(found):
    found.refuse_if_unknown()


def test_all_traffic_is_needed_to_promote():
    with pytest.raises(Refusal, match="refusing to promote green, which has 0% of the traffic on listener .*alb_shift"):
        live((100, 0)).refuse_without_all_traffic("green", "promote")
    with pytest.raises(Refusal, match="refusing to promote green, live_color is blue"):
        live(option="blue").refuse_without_all_traffic("green", "promote")
    live((0, 100)).refuse_without_all_traffic("green", "promote")
    live(counts=(2, 2)).refuse_without_all_traffic("green", "promote")


def test_assume_keeps_the_counts_and_forgets_the_router():
    assumed = live((50, 50), counts=(2, 3)).assume("green")
    assert (assumed.color, assumed.source, assumed.traffic, assumed.counts) == (
        "green",
        live_color.ASSUMED,
        None,
        {"blue": 2, "green": 3},
    )
