# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:
    # Options of a module whose wait can be cut into calls (paired with
    # _core.options.WAIT_SLICE_ARGUMENT_SPEC); the module documents the return values
    # waiting, waiting_for and wait_started.
    DOCUMENTATION = r"""
options:
  wait_slice:
    description:
      - Seconds this call waits at most, so that a long wait shows progress as a series of calls (for
        example one task retried until RV(waiting) is false, each retry a line of the job output).
      - When the slice ends before the wait is over, the module returns without failing, with RV(waiting)
        true, what it waits for in RV(waiting_for), and RV(wait_started). Its changes are made; the same
        call again changes nothing and goes on waiting.
      - O(wait_timeout) stays the time of the whole wait when the later calls pass O(wait_started); when
        it runs out, the module fails as it does without slices.
      - V(0) waits up to O(wait_timeout) in this call.
    type: int
    default: 0
  wait_started:
    description:
      - When the wait began, as returned in RV(wait_started) by the call whose slice ended first; the
        time waited since then counts in O(wait_timeout).
      - Without it, the wait of this call starts now.
    type: float
"""
