# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""Option specs shared by several modules, each paired with its doc fragment and its checks.

``SHIFT_ARGUMENT_SPEC`` goes with the doc fragment ``bluegreen.aws.shift`` (whose ``history_record`` is
``_release.switch_record.HISTORY_RECORD_ARGUMENT_SPEC``),
``wait_argument_spec()`` with ``bluegreen.aws.wait``, ``WAIT_SLICE_ARGUMENT_SPEC`` with
``bluegreen.aws.wait_slice``.
"""

from .colors import validate_percent, validate_steps
from .errors import InputError

SHIFT_ARGUMENT_SPEC = dict(
    shift_to=dict(type="str", choices=["blue", "green"]),
    percent=dict(type="int", default=100),
    steps=dict(type="list", elements="int", default=[]),
    step_interval=dict(type="int", default=0),
    alarms=dict(type="list", elements="str", default=[]),
    rollback_on_failure=dict(type="bool", default=True),
    hold=dict(type="int", default=0),
    rollback_split=dict(
        type="dict",
        options=dict(blue=dict(type="int", required=True), green=dict(type="int", required=True)),
    ),
    lease=dict(
        type="dict",
        options=dict(
            app=dict(type="str", required=True),
            owner=dict(type="str", required=True),
            table=dict(type="str", default="bluegreen-releases"),
            ttl=dict(type="int", default=1800),
        ),
    ),
)

DEFAULT_WAIT_TIMEOUT = 300


def wait_argument_spec(timeout=DEFAULT_WAIT_TIMEOUT):
    """``wait`` and ``wait_timeout``; a module whose default differs documents its own ``wait_timeout``."""
    return dict(
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=timeout),
    )


WAIT_SLICE_ARGUMENT_SPEC = dict(
    wait_slice=dict(type="int", default=0),
    wait_started=dict(type="float"),
)


def validate_shift_options(params):
    """Check the shared shift options; return the validated steps."""
    validate_percent(params["percent"])
    if params["step_interval"] < 0:
        raise InputError("step_interval must be 0 or more seconds, got %d" % params["step_interval"])
    if params["steps"] and not params["shift_to"]:
        raise InputError("steps %r given without shift_to" % (params["steps"],))
    validate_step_options(params)
    return validate_steps(params["steps"], params["percent"])


def validate_step_options(params):
    """``hold`` and ``rollback_split``, the options of a shift run one step per call."""
    hold = params.get("hold") or 0
    if hold < 0:
        raise InputError("hold must be 0 or more seconds, got %d" % hold)
    split = params.get("rollback_split")
    for option, given in (("hold", hold), ("rollback_split", split)):
        if given and not params["shift_to"]:
            raise InputError("%s given without shift_to" % option)
    if split is not None:
        for color in ("blue", "green"):
            validate_percent(split[color], "rollback_split.%s" % color)
        if split["blue"] + split["green"] != 100:
            raise InputError(
                "rollback_split must add up to 100%%, got blue %d%%, green %d%%" % (split["blue"], split["green"])
            )


def validate_wait_options(params, minimum=0):
    """``wait_timeout`` is at least ``minimum`` seconds when waiting (never negative)."""
    if params["wait_timeout"] < 0:
        raise InputError("wait_timeout must be 0 or more seconds, got %d" % params["wait_timeout"])
    if params["wait"] and params["wait_timeout"] < minimum:
        raise InputError(
            "wait_timeout must be at least %d second%s with wait=true, got %d"
            % (minimum, "" if minimum == 1 else "s", params["wait_timeout"])
        )


def validate_wait_slice_options(params):
    """``wait_slice`` is 0 or more seconds; ``wait_started`` is a time (seconds since the epoch)."""
    wait_slice, started = params.get("wait_slice") or 0, params.get("wait_started")
    if wait_slice < 0:
        raise InputError("wait_slice must be 0 or more seconds, got %d" % wait_slice)
    if started is not None and started < 0:
        raise InputError("wait_started must be a time in seconds since the epoch, got %s" % started)
