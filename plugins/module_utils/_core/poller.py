# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The one deadline-and-poll loop of the collection.

Every wait (healthy targets, Route 53 INSYNC, a stable ECS service or task
set, an alarm hold) goes through a ``Poller``. Time comes from the injected
``clock``, ``wall`` and ``sleep``, so the loops are unit-tested without waiting. In
check mode modules use ``NoWaitPoller``: it looks once and never sleeps.

A wait can be cut into slices, one module call each (the option ``wait_slice``):
``until`` then returns the Progress, not done, when the slice ends, and the next
call passes the ``started_at`` of the first one, so that ``timeout`` stays the
time of the whole wait.
"""

import time

DEFAULT_INTERVAL = 5


class Progress:
    """One look at what a wait waits for.

    ``done``: the wait is over; ``summary``: what was seen, for a person;
    ``failure``: a reason to stop waiting at once (it will never be done).
    ``Poller.until`` adds what the wait is for (``what``), when it started
    (``started_at``, a ``wall`` time) and how long it has waited (``waited``).
    """

    def __init__(self, done, summary="", failure=None):
        self.done = done
        self.summary = summary
        self.failure = failure
        self.what = None
        self.started_at = None
        self.waited = 0

    def __repr__(self):
        return "Progress(done=%r, summary=%r, failure=%r)" % (self.done, self.summary, self.failure)


class WaitFailed(Exception):
    """A wait ended without what it waited for. The message says what, for how long and what was seen."""

    def __init__(self, msg, progress, waited):
        super().__init__(msg)
        self.msg = msg
        self.progress = progress
        self.waited = waited


class Poller:
    """``clock`` measures the time within a call; ``wall`` (seconds since the epoch) dates a wait that
    spans several calls."""

    def __init__(self, sleep=time.sleep, clock=time.monotonic, interval=DEFAULT_INTERVAL, wall=time.time):
        self.sleep = sleep
        self.clock = clock
        self.interval = interval
        self.wall = wall

    def until(self, look, what, timeout, wait_slice=0, started_at=None):
        """Call ``look()`` (which returns a Progress) until it is done; return that Progress.

        Raises WaitFailed when it reports a failure or after ``timeout`` seconds. With ``wait_slice``
        above 0, returns the Progress, not done, once this call has waited that many seconds;
        ``started_at`` is the ``started_at`` of the Progress the first slice returned: the earlier
        slices count in ``timeout``.
        """
        now = self.wall()
        started_at = now if started_at is None else min(started_at, now)
        before = now - started_at
        started = self.clock()
        deadline = started + timeout - before
        slice_end = started + wait_slice if wait_slice > 0 else None
        while True:
            progress = look()
            waited = before + self.clock() - started
            progress.what, progress.started_at, progress.waited = what, started_at, waited
            if progress.failure:
                raise WaitFailed("%s failed after %d seconds: %s" % (what, waited, progress.failure), progress, waited)
            if progress.done:
                return progress
            remaining = deadline - self.clock()
            if remaining <= 0:
                raise WaitFailed(
                    "gave up waiting for %s after %d seconds (wait_timeout %d); last seen: %s"
                    % (what, waited, timeout, progress.summary),
                    progress,
                    waited,
                )
            if slice_end is not None:
                if slice_end <= self.clock():
                    return progress
                remaining = min(remaining, slice_end - self.clock())
            self.sleep(min(self.interval, remaining))

    def hold(self, seconds, look):
        """Hold for ``seconds``, calling ``look()`` every interval; return its first truthy answer, else None."""
        deadline = self.clock() + seconds
        while True:
            remaining = deadline - self.clock()
            if remaining <= 0:
                return None
            self.sleep(min(self.interval, remaining))
            found = look()
            if found:
                return found


class NoWaitPoller(Poller):
    """Check mode: look once, never sleep, never fail; the caller reads ``done``."""

    def until(self, look, what, timeout, wait_slice=0, started_at=None):
        return look()

    def hold(self, seconds, look):
        return None


def slice_result(progress):
    """The return values of a module that waited in a slice (its ``wait_slice`` option): ``waiting``, and
    while it is true, what it waits for and when the wait started (to pass as ``wait_started``)."""
    if progress is None or progress.done:
        return dict(waiting=False)
    return dict(
        waiting=True,
        waiting_for="%s; waited %d seconds, last seen: %s" % (progress.what, progress.waited, progress.summary),
        wait_started=progress.started_at,
    )


def poller_for(module, interval=DEFAULT_INTERVAL):
    """The poller a module uses: one that never waits in check mode."""
    if module.check_mode:
        return NoWaitPoller(interval=interval)
    return Poller(interval=interval)
