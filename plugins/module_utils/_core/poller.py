# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The one deadline-and-poll loop of the collection.

Every wait (healthy targets, Route 53 INSYNC, a stable ECS service or task
set, an alarm hold) goes through a ``Poller``. Time comes from the injected
``clock`` and ``sleep``, so the loops are unit-tested without waiting. In
check mode modules use ``NoWaitPoller``: it looks once and never sleeps.
"""

import time

DEFAULT_INTERVAL = 5


class Progress:
    """One look at what a wait waits for.

    ``done``: the wait is over; ``summary``: what was seen, for a person;
    ``failure``: a reason to stop waiting at once (it will never be done).
    """

    def __init__(self, done, summary="", failure=None):
        self.done = done
        self.summary = summary
        self.failure = failure

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
    def __init__(self, sleep=time.sleep, clock=time.monotonic, interval=DEFAULT_INTERVAL):
        self.sleep = sleep
        self.clock = clock
        self.interval = interval

    def until(self, look, what, timeout):
        """Call ``look()`` (which returns a Progress) until it is done; return that Progress.

        Raises WaitFailed when it reports a failure or after ``timeout`` seconds.
        """
        started = self.clock()
        deadline = started + timeout
        while True:
            progress = look()
            waited = self.clock() - started
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

    def until(self, look, what, timeout):
        return look()

    def hold(self, seconds, look):
        return None


def poller_for(module, interval=DEFAULT_INTERVAL):
    """The poller a module uses: one that never waits in check mode."""
    if module.check_mode:
        return NoWaitPoller(interval=interval)
    return Poller(interval=interval)
