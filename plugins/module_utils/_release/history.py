# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The release history of an app: one item per release in the release state table. No AWS call.

A record is the item ``{app: <app>, sk: "release#<started_at>#<id>"}``: the
times are UTC and fixed width, so a Query of the app's ``release#`` keys in
descending order reads the newest records first.
"""

import re
import uuid

from .._core.colors import COLORS
from .._core.errors import InputError
from .items import format_time, parse_time
from .options import check_free_form, check_text

RECORD_PREFIX = "release#"
OUTCOMES = ("succeeded", "returned", "failed", "rolled_back")
COUNT_MAX = 100
REASON_MAX = 4096
ID_PATTERN = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")
# The fields of a record, in the order modules return them.
FIELDS = (
    "id",
    "app",
    "started_at",
    "ended_at",
    "who",
    "from",
    "to",
    "shift",
    "steps",
    "outcome",
    "reason",
    "analysis",
    "broken_lock",
    "recorded_at",
)


def sort_key(started_at, record_id):
    return "%s%s#%s" % (RECORD_PREFIX, started_at, record_id)


def check_count(count):
    if count < 1 or count > COUNT_MAX:
        raise InputError("count must be from 1 to %d, got %d" % (COUNT_MAX, count))


def _side(option, value):
    """``from`` or ``to``: ``{color, version}`` (each may be null)."""
    side = {"color": None, "version": None}
    side.update(value or {})
    if side["color"] is not None and side["color"] not in COLORS:
        raise InputError("%s.color must be one of blue, green, got %r" % (option, side["color"]))
    if side["version"] is not None:
        check_text("%s.version" % option, side["version"])
    return side


def build_record(params, who, now, new_id=None):
    """The record to write from the module's options; every check before any write.

    ``who`` is the acting user and host merged with the ``who`` option;
    ``new_id`` makes the id when none is given.
    """
    record_id = params.get("id")
    if record_id is None:
        record_id = new_id() if new_id else str(uuid.uuid4())
    elif not ID_PATTERN.match(record_id):
        raise InputError("id must be 1 to 128 letters, digits and _ . : -, got %r" % (record_id,))
    if params["outcome"] not in OUTCOMES:
        raise InputError("outcome must be one of %s, got %r" % (", ".join(OUTCOMES), params["outcome"]))
    started = parse_time("started_at", params["started_at"])
    ended = now if params.get("ended_at") is None else parse_time("ended_at", params["ended_at"])
    if ended < started:
        raise InputError(
            "ended_at must not be before started_at, got ended_at %r and started_at %r"
            % (params.get("ended_at") or format_time(now), params["started_at"])
        )
    steps = list(params.get("steps") or [])
    for step in steps:
        if isinstance(step, bool) or not isinstance(step, int) or step < 0 or step > 100:
            raise InputError("steps must each be a percent from 0 to 100, got %r in steps %r" % (step, steps))
    if params.get("shift") is not None:
        check_text("shift", params["shift"], maximum=64)
    if params.get("reason") is not None and len(params["reason"]) > REASON_MAX:
        raise InputError("reason must be at most %d characters, got %d" % (REASON_MAX, len(params["reason"])))
    analysis = params.get("analysis")
    if analysis is not None and not isinstance(analysis, (list, dict)):
        raise InputError("analysis must be a list or a dict of verdicts, got %r" % (analysis,))
    check_free_form("who", who)
    check_free_form("analysis", analysis)
    return {
        "id": record_id,
        "app": params["app"],
        "started_at": format_time(started),
        "ended_at": format_time(ended),
        "who": who,
        "from": _side("from", params.get("from")),
        "to": _side("to", params.get("to")),
        "shift": params.get("shift"),
        "steps": steps,
        "outcome": params["outcome"],
        "reason": params.get("reason"),
        "analysis": analysis,
        "broken_lock": None,
        "recorded_at": format_time(now),
    }


def to_stored(record):
    """The item of a record: its fields and keys."""
    return dict(record, sk=sort_key(record["started_at"], record["id"]))


def from_stored(item):
    """The record of a plain item, its fields in order (keys dropped)."""
    return {field: item.get(field) for field in FIELDS}
