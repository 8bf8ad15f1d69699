# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The steps-and-gates engine shared by every router.

It walks a schedule of splits (see ``colors.schedule``) through a router's
``write`` callable, checks the alarms before the first write, after every step
and while a step is held, and on failure puts back the split found at the
start with one more write. It knows nothing of the router behind ``write``.

A role that runs a shift one step per call (so that each step shows in the job
output as it ends) gives every call the split from before the whole shift as
``rollback_split`` and holds the step with ``hold``; a call that finds its
split in place only holds it.
"""

from .colors import idle_color, live_color
from .poller import Poller

ALARM_POLL_SECONDS = 5


class WriteUnconfirmed(Exception):
    """Raised by a router's ``write`` when the write was made but could not be confirmed.

    For example a wait for the change to propagate timed out: the engine counts
    the split as written, so that the rollback (when asked for) puts back the start.
    """


class WritePending(Exception):
    """Raised by a router's ``write`` when its wait for the write to take effect reached the end of the call's
    wait slice (see ``poller``): the write was made.

    For the last write of a call, the call ends there, not failed, with the split written (``split``,
    ``steps_applied``, set by the engine); the next call waits for ``change_id`` and then holds the step.
    For an earlier write, the engine calls ``wait_out()``, which waits for the rest of the wait.
    """

    def __init__(self, progress, change_id, wait_out):
        super().__init__(progress.summary)
        self.progress = progress
        self.change_id = change_id
        self.wait_out = wait_out
        self.split = None
        self.steps_applied = []


class ShiftFailed(Exception):
    """The shift stopped. ``split`` is where the router was left."""

    def __init__(self, msg, split, steps_applied, rolled_back=False, alarms_in_alarm=None):
        super().__init__(msg)
        self.msg = msg
        self.split = split
        self.steps_applied = steps_applied
        self.rolled_back = rolled_back
        self.alarms_in_alarm = alarms_in_alarm or []

    def report(self):
        """The return values every shifting module gives when the shift stopped."""
        return dict(
            after=self.split,
            steps_applied=self.steps_applied,
            rolled_back=self.rolled_back,
            alarms_in_alarm=self.alarms_in_alarm,
            live_color=live_color(self.split),
            idle_color=idle_color(self.split),
        )


class LeaseLost(Exception):
    """Raised by a lease's ``renew`` when this run no longer holds the release lock (a rollback broke it)."""


class Lease:
    """The release lock of the run, renewed through ``renew()`` (which raises LeaseLost when it was lost).

    ``keep()`` renews at once (before every write); ``keep_if_due()`` renews
    once a third of ``ttl`` has passed since the last renewal (while a step is held).
    """

    def __init__(self, renew, ttl, clock):
        self.renew = renew
        self.ttl = ttl
        self.clock = clock
        self.renewed_at = None
        self.renewals = 0

    def keep(self):
        self.renew()
        self.renewed_at = self.clock()
        self.renewals += 1

    def keep_if_due(self):
        if self.renewed_at is None or self.clock() - self.renewed_at >= self.ttl / 3.0:
            self.keep()


class _AlarmTripped(Exception):
    def __init__(self, alarms):
        super().__init__(", ".join(alarms))
        self.alarms = alarms


class _StepCheckFailed(Exception):
    """The step check (an A/B analysis) failed at the end of a held step; the message says why."""


def run_shift_with_options(params, start, splits, write, gate, restore=None, poller=None, lease=None, step_check=None):
    """``run_shift`` driven by the shared options (``options.SHIFT_ARGUMENT_SPEC``) in ``params``."""
    return run_shift(
        start,
        splits,
        params["shift_to"],
        write,
        gate,
        step_interval=params["step_interval"],
        rollback_on_failure=params["rollback_on_failure"],
        hold=params.get("hold") or 0,
        rollback_split=params.get("rollback_split"),
        restore=restore,
        poller=poller,
        lease=lease,
        step_check=step_check,
    )


def run_shift(
    start,
    splits,
    shift_to,
    write,
    gate,
    step_interval=0,
    rollback_on_failure=True,
    hold=0,
    rollback_split=None,
    restore=None,
    poller=None,
    lease=None,
    step_check=None,
):
    """Apply ``splits`` in order; return the percentages of ``shift_to`` applied.

    ``restore`` (default: ``write``) is called with the split to roll back to;
    a router whose write carries more than the split (Route 53 records) uses it
    to put back exactly what it found. Raises ShiftFailed when an alarm is in
    ALARM or a write fails. ``poller`` holds each intermediate step for
    ``step_interval`` seconds and the last split (also when ``splits`` is empty:
    the split in place) for ``hold`` seconds, looking at the alarms every few
    seconds. ``rollback_split`` (default: ``start``) is the split a failure puts back.
    """
    poller = poller or Poller(interval=ALARM_POLL_SECONDS)
    back_to = rollback_split or start
    alarms = gate.in_alarm()
    if alarms and back_to == start:
        raise ShiftFailed(
            "alarms in ALARM before the first write, nothing changed: %s" % ", ".join(alarms),
            split=start,
            steps_applied=[],
            alarms_in_alarm=alarms,
        )

    current = start
    applied = []

    def look():
        if lease is not None:
            lease.keep_if_due()
        return gate.in_alarm()

    try:
        if alarms:
            raise _AlarmTripped(alarms)
        for index, split in enumerate(splits):
            if lease is not None:
                lease.keep()
            try:
                write(split)
            except (WriteUnconfirmed, WritePending) as written:
                current = split
                applied.append(split[shift_to])
                if not isinstance(written, WritePending):
                    raise
                if index == len(splits) - 1:
                    written.split, written.steps_applied = current, list(applied)
                    raise
                written.wait_out()
            else:
                current = split
                applied.append(split[shift_to])
            _hold(current, hold if index == len(splits) - 1 else step_interval, gate, poller, look, step_check)
        if not splits and hold > 0:
            # The split is in place already (the alarms were just checked): only hold it.
            _hold(current, hold, gate, poller, look, step_check, alarms_checked=True)
    except WritePending:
        raise
    except LeaseLost as lost:
        raise ShiftFailed(
            "%s; the shift stopped without writing anything more; the split was left at blue %d%%, green %d%%"
            % (lost, current["blue"], current["green"]),
            split=current,
            steps_applied=applied,
        ) from lost
    except Exception as error:  # pylint: disable=broad-except
        alarms = error.alarms if isinstance(error, _AlarmTripped) else []
        if alarms:
            reason = "alarms in ALARM at %d%% %s: %s" % (current[shift_to], shift_to, ", ".join(alarms))
        elif isinstance(error, _StepCheckFailed):
            reason = "%s at %d%% %s" % (error, current[shift_to], shift_to)
        else:
            reason = "the shift failed at %d%% %s: %s" % (current[shift_to], shift_to, error)
        raise _stopped(reason, back_to, current, applied, restore or write, rollback_on_failure, alarms) from error
    return applied


def _hold(split, seconds, gate, poller, look, step_check, alarms_checked=False):
    """Check the alarms once ``split`` is in place, hold it ``seconds`` (looking), then run the step check."""
    alarms = [] if alarms_checked else gate.in_alarm()
    held = not alarms and seconds > 0
    if held:
        alarms = poller.hold(seconds, look) or []
    if alarms:
        raise _AlarmTripped(alarms)
    problem = step_check(split) if held and step_check is not None else None
    if problem:
        raise _StepCheckFailed(problem)


def _stopped(reason, start, current, applied, write, rollback_on_failure, alarms):
    """Put ``start`` (the split to roll back to) back when asked to; describe what was done."""
    if not rollback_on_failure or current == start or sum(start.values()) != 100:
        return ShiftFailed(
            "%s; the split was left at blue %d%%, green %d%%" % (reason, current["blue"], current["green"]),
            split=current,
            steps_applied=applied,
            alarms_in_alarm=alarms,
        )
    try:
        write(start)
    except Exception as error:  # pylint: disable=broad-except
        return ShiftFailed(
            "%s; restoring blue %d%%, green %d%% also failed: %s" % (reason, start["blue"], start["green"], error),
            split=current,
            steps_applied=applied,
            alarms_in_alarm=alarms,
        )
    return ShiftFailed(
        "%s; rolled back to blue %d%%, green %d%%" % (reason, start["blue"], start["green"]),
        split=start,
        steps_applied=applied,
        rolled_back=True,
        alarms_in_alarm=alarms,
    )
