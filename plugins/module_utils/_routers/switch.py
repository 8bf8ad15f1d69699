# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The work of every module that shifts traffic, whatever the router: read, plan, check, apply.

The switch rules live here and in ``_core`` (the schedule of splits, which
colors must be ready, the alarm gates and the rollback); the router behind
them only reads and writes.
"""

from .._aws import cloudwatch
from .._core.colors import colors_gaining, idle_color, live_color, schedule, split_for
from .._core.errors import InputError, ModuleFailure, Refusal
from .._core.gates import AlarmGate
from .._core.options import validate_shift_options
from .._core.poller import poller_for, slice_result
from .._core.release_marks import previous_color
from .._core.shift import ShiftFailed, WritePending, run_shift_with_options
from .._release.lease_work import lease_for, validate_lease
from .._release.switch_record import record_switch, validate_record


# shift_to: the color that was live before the newest release (routers that record releases only).
PREVIOUS = "previous"


def alarm_gate(module):
    """The gate over the ``alarms`` option; a CloudWatch client is made only when there are alarms."""
    names = module.params["alarms"]
    if not names:
        return AlarmGate(None, [])
    client = cloudwatch.cloudwatch_client(module)
    return AlarmGate(lambda wanted: cloudwatch.alarm_states(client, wanted), names)


def switch_traffic(module, validate_options, make_router, step_check_for=None):
    """Shift per the shared options; return the result dict or raise a BlueGreenError.

    ``validate_options(params)`` checks the router's own options (no AWS call);
    ``make_router()`` builds the router, checking every reference against AWS;
    ``step_check_for(router, shift_to)`` (optional) returns the check asked at the
    end of each held step (see ``_core.shift.run_shift``), or None.
    """
    params = module.params
    steps = validate_shift_options(params)
    validate_lease(params.get("lease"))
    validate_record(params)
    validate_options(params)
    router = make_router()
    gate = alarm_gate(module)
    gate.validate()

    before = router.read_split()
    result = dict(
        changed=False,
        before=before,
        after=before,
        steps_applied=[],
        rolled_back=False,
        alarms_in_alarm=[],
        **router.describe(),
    )
    problem = router.unsafe()
    if problem:
        message, extra = problem
        raise Refusal(message, dict(result, live_color=live_color(before), idle_color=idle_color(before), **extra))

    shift_to = params["shift_to"]
    if shift_to == PREVIOUS:
        shift_to = _previous_color(router, result)
    result["shifted_to"] = shift_to
    if shift_to:
        splits = schedule(before, shift_to, params["percent"], steps)
        ready_colors = colors_gaining(before, splits)
        if not splits and router.settings_differ():
            # The split is right but another setting is not: one write fixes it.
            splits = [before]
            ready_colors = router.colors_behind_rewrite(before)
        router.check_ready(ready_colors, poller_for(module))
        if splits:
            after = split_for(shift_to, params["percent"])
            result.update(changed=True, after=after, **router.describe(planned=after))
            if module.check_mode:
                result["steps_applied"] = [split[shift_to] for split in splits]
        if (splits or params.get("hold")) and not module.check_mode:
            # With hold, a split already in place is still held (and gated) without a write.
            step_check = step_check_for(router, shift_to) if step_check_for else None
            _apply(module, dict(params, shift_to=shift_to), router, gate, splits, result, step_check)
    result.update(live_color=live_color(result["after"]), idle_color=idle_color(result["after"]))
    result.update(record_switch(module, result))
    if module._diff:
        result["diff"] = router.diff(before, result["after"])
    return result


def _previous_color(router, result):
    """The color live before the newest release, from the release marks the router's colors carry."""
    marks = router.release_marks()
    if marks is None:
        raise InputError("shift_to: this router records no release, so %s cannot be found; name the color" % PREVIOUS)
    result["releases"] = marks
    try:
        return previous_color(marks)
    except Refusal as refusal:
        raise Refusal("shift_to=%s: %s" % (PREVIOUS, refusal.msg), result) from refusal


def _apply(module, params, router, gate, splits, result, step_check):
    lease = lease_for(module)
    try:
        result["steps_applied"] = run_shift_with_options(
            params, result["before"], splits, router.write, gate, router.restore, lease=lease, step_check=step_check
        )
    except ShiftFailed as failure:
        result.update(failure.report(), changed=router.writes > 0, **router.describe())
        _step_results(result, lease, step_check)
        raise ModuleFailure(failure.msg, result) from failure
    except WritePending as pending:
        # The last write of the call is made; the next call (the router's wait_change) waits for it, then holds.
        result.update(after=pending.split, steps_applied=pending.steps_applied, **router.describe())
        result.update(slice_result(pending.progress), change_id=pending.change_id)
        _step_results(result, lease, step_check)
        return
    result.update(router.describe())
    _step_results(result, lease, step_check)


def _step_results(result, lease, step_check):
    """What the lease and the step check did, for the result."""
    if lease is not None:
        result["lease_renewals"] = lease.renewals
    verdicts = getattr(step_check, "verdicts", None)
    if verdicts is not None:
        result["analysis"] = verdicts
