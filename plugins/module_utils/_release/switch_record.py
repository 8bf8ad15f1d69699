# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The ``history_record`` option of the shifting modules: the switch written to the release history by the
call that made it (the rollback playbook's only call before its check). Its spec is
``HISTORY_RECORD_ARGUMENT_SPEC`` (release_history's options that a switch does not tell), its docs are in
the doc fragment ``bluegreen.aws.shift``.

The record is written once the traffic is where ``shift_to`` says, whatever happens to it: a record
that cannot be written is reported in the result (``history_record_error``), never undoes the switch.
"""

import time

from .._core.colors import other_color
from .._aws.common import AWS_FAILURES
from .._core.errors import InputError
from .._core.runner import WithOptions
from . import history
from .history_work import HISTORY_ARGUMENT_SPEC, record_release
from .options import check_text, validate_state_options, who_ran


# What the record of a switch takes from the caller: the rest (from, to, shift, steps) the switch tells.
GIVEN = ("app", "table", "id", "started_at", "who", "outcome", "reason", "break_lock")
HISTORY_RECORD_ARGUMENT_SPEC = dict(
    history_record=dict(
        type="dict",
        options=dict(
            {option: HISTORY_ARGUMENT_SPEC[option] for option in GIVEN},
            versions=dict(type="dict", options=dict(blue=dict(type="str"), green=dict(type="str"))),
        ),
    )
)


def validate_record(params, clock=time.time):
    """The ``history_record`` option (None when not given), checked before any write; every failure names it."""
    given = params.get("history_record")
    if given is None:
        return
    if not params.get("shift_to") or params.get("percent") != 100:
        raise InputError(
            "history_record needs shift_to and percent 100: only a switch of all the traffic to one color is recorded"
        )
    try:
        validate_state_options(given)
        for color, version in (given.get("versions") or {}).items():
            if version is not None:
                check_text("versions.%s" % color, version)
        history.build_record(_record_params(given, "blue", [], {}), who_ran(given["who"]), clock())
    except InputError as error:
        raise InputError("history_record: %s" % error.msg) from None


def record_switch(module, result, clock=time.time):
    """Write the switch of ``result`` (a shifting module's result) to the history; what to add to the result."""
    given = module.params.get("history_record")
    if given is None:
        return {}
    versions = dict(_versions_of_marks(result.get("releases")), **(given.get("versions") or {}))
    params = _record_params(given, result["shifted_to"], result["steps_applied"], versions)
    try:
        recorded = record_release(WithOptions(module, params), clock)
    except AWS_FAILURES as error:
        return dict(history_record_error=getattr(error, "msg", None) or str(error))
    return dict(
        history_record=recorded["record"],
        broken_holder=recorded.get("broken_holder"),
        changed=result["changed"] or recorded["changed"],
    )


def _record_params(given, shifted_to, steps, versions):
    """The options of a history record (as release_history takes them) for a switch to ``shifted_to``."""
    previous = other_color(shifted_to)
    moved = bool(steps)
    params = dict(
        table=given["table"],
        app=given["app"],
        id=given.get("id"),
        started_at=given["started_at"],
        ended_at=None,
        who=given["who"],
        shift="all_at_once" if len(steps) <= 1 else "steps",
        steps=list(steps),
        outcome=given["outcome"],
        reason=given.get("reason")
        or ("all traffic to %s in one write" % shifted_to if moved else "all traffic was already on %s" % shifted_to),
        analysis=None,
        break_lock=given["break_lock"],
        to=dict(color=shifted_to, version=versions.get(shifted_to)),
    )
    params["from"] = dict(color=previous, version=versions.get(previous))
    return params


def _versions_of_marks(marks):
    return {color: (mark or {}).get("version") for color, mark in (marks or {}).items()}
