import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core import colors as weights
from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import InputError


@pytest.mark.parametrize(
    "raw, max_weight, expected",
    [
        ({"blue": 1, "green": 0}, 999, {"blue": 100, "green": 0}),
        ({"blue": 999, "green": 111}, 999, {"blue": 90, "green": 10}),
        ({"blue": 90, "green": 10}, 999, {"blue": 90, "green": 10}),
        ({"blue": 1, "green": 1}, 999, {"blue": 50, "green": 50}),
        ({"blue": 1, "green": 2}, 999, {"blue": 33, "green": 67}),
        ({"blue": 0, "green": 0}, 999, {"blue": 0, "green": 0}),
        ({}, 255, {"blue": 0, "green": 0}),
        ({"blue": 255, "green": 0}, 255, {"blue": 100, "green": 0}),
        ({"blue": None, "green": 5}, 255, {"blue": 0, "green": 100}),
    ],
)
def test_split_from_weights(raw, max_weight, expected):
    assert weights.split_from_weights(raw, max_weight) == expected


@pytest.mark.parametrize("raw", [{"blue": 1000, "green": 0}, {"blue": -1, "green": 5}])
def test_split_from_weights_rejects_out_of_range(raw):
    with pytest.raises(InputError, match="outside 0-999"):
        weights.split_from_weights(raw, 999)


@pytest.mark.parametrize(
    "split, live, idle",
    [
        ({"blue": 100, "green": 0}, "blue", "green"),
        ({"blue": 0, "green": 100}, "green", "blue"),
        ({"blue": 90, "green": 10}, None, None),
        ({"blue": 0, "green": 0}, None, None),
    ],
)
def test_live_and_idle_color(split, live, idle):
    assert weights.live_color(split) == live
    assert weights.idle_color(split) == idle


@pytest.mark.parametrize("percent", [0, 1, 50, 100])
def test_validate_percent_accepts(percent):
    assert weights.validate_percent(percent) == percent


@pytest.mark.parametrize("percent, message", [(-1, "from 0 to 100"), (101, "from 0 to 100"), (True, "integer")])
def test_validate_percent_rejects(percent, message):
    with pytest.raises(InputError, match="percent.*%s" % message):
        weights.validate_percent(percent)


@pytest.mark.parametrize(
    "steps, percent, message",
    [
        ([10, 10], 100, "strictly ascending"),
        ([20, 10], 100, "strictly ascending"),
        ([0], 100, "from 1 to 99"),
        ([100], 100, "from 1 to 99"),
        ([50], 50, "below percent"),
        ([60], 50, "below percent"),
        (["x"], 100, "integers"),
    ],
)
def test_validate_steps_rejects(steps, percent, message):
    with pytest.raises(InputError, match="steps.*%s" % message):
        weights.validate_steps(steps, percent)


def test_validate_steps_accepts_linear():
    steps = list(range(10, 100, 10))
    assert weights.validate_steps(steps, 100) == steps


@pytest.mark.parametrize(
    "current, shift_to, percent, steps, expected_green",
    [
        # all at once
        ({"blue": 100, "green": 0}, "green", 100, [], [100]),
        # canary
        ({"blue": 100, "green": 0}, "green", 100, [10], [10, 100]),
        # already there: nothing to write
        ({"blue": 0, "green": 100}, "green", 100, [10], []),
        # resume a linear shift that stopped at 30%
        ({"blue": 70, "green": 30}, "green", 100, [10, 20, 30, 40], [40, 100]),
        # going back down to a lower share ignores the steps already passed
        ({"blue": 0, "green": 100}, "green", 50, [10], [50]),
        # undefined split (0/0): every step is written
        ({"blue": 0, "green": 0}, "green", 100, [10], [10, 100]),
    ],
)
def test_schedule(current, shift_to, percent, steps, expected_green):
    splits = weights.schedule(current, shift_to, percent, steps)
    assert [split["green"] for split in splits] == expected_green
    assert all(split["blue"] + split["green"] == 100 for split in splits)


def test_schedule_to_blue():
    assert weights.schedule({"blue": 0, "green": 100}, "blue", 100, [25]) == [
        {"blue": 25, "green": 75},
        {"blue": 100, "green": 0},
    ]


@pytest.mark.parametrize(
    "start, splits, colors",
    [
        ({"blue": 100, "green": 0}, [], []),
        # a canary away from blue: only green gains
        ({"blue": 100, "green": 0}, [{"blue": 90, "green": 10}, {"blue": 0, "green": 100}], ["green"]),
        # a rollback: only blue gains
        ({"blue": 90, "green": 10}, [{"blue": 100, "green": 0}], ["blue"]),
        # the same split written again (a content fix): nobody gains
        ({"blue": 50, "green": 50}, [{"blue": 50, "green": 50}], []),
        # nothing there yet: every color given a share gains
        ({"blue": 0, "green": 0}, [{"blue": 90, "green": 10}], ["blue", "green"]),
    ],
)
def test_colors_gaining(start, splits, colors):
    assert weights.colors_gaining(start, splits) == colors
