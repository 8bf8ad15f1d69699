"""Release marks: which color was live before the newest release."""

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import Refusal
from ansible_collections.bluegreen.aws.plugins.module_utils._core.release_marks import (
    marks_from_tags,
    marks_now,
    previous_color,
)

OLD = {"version": "1.0", "deployed_at": "2026-11-20T08:15:00Z"}
NEW = {"version": "2.0", "deployed_at": "2026-11-29T10:03:10Z"}
NONE = {"version": None, "deployed_at": None}


def test_marks_now_are_the_version_and_the_utc_time():
    assert marks_now("1.4.2", clock=lambda: 1764410590) == {
        "bluegreen:version": "1.4.2",
        "bluegreen:deployed-at": "2025-11-29T10:03:10Z",
    }


def test_marks_from_tags_are_none_where_a_tag_is_missing():
    assert marks_from_tags({"bluegreen:version": "1.0", "team": "shop"}) == {"version": "1.0", "deployed_at": None}
    assert marks_from_tags({"x:v": "3", "x:t": "T"}, "x:v", "x:t") == {"version": "3", "deployed_at": "T"}


@pytest.mark.parametrize(
    "marks, previous",
    [
        ({"blue": NEW, "green": OLD}, "green"),
        ({"blue": OLD, "green": NEW}, "blue"),
    ],
)
def test_the_previous_color_is_the_other_one_than_the_newest_release(marks, previous):
    assert previous_color(marks) == previous


@pytest.mark.parametrize(
    "marks, message",
    [
        ({"blue": NONE, "green": NONE}, "no release is marked on either color"),
        ({}, "no release is marked on either color"),
        ({"blue": NONE, "green": NEW}, "the blue color never received a release (only green is marked, with 2.0)"),
        ({"blue": NEW, "green": dict(NEW, version="1.0")}, "both colors are marked with a release at"),
    ],
)
def test_refused_when_the_marks_do_not_tell(marks, message):
    with pytest.raises(Refusal, match="nothing changed") as raised:
        previous_color(marks)
    assert message in raised.value.msg
