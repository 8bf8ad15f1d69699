# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The filter bluegreen.aws.shift_steps: the calls of alb_shift or route53_weight that make one shift,
so that every held step (and every slice of a long hold) shows in the job output as it ends."""

from ansible.errors import AnsibleFilterError

COLORS = ("blue", "green")


def _split_text(split):
    return "blue %d%% / green %d%%" % (split["blue"], split["green"])


def _split_for(shift_to, percent):
    other = "green" if shift_to == "blue" else "blue"
    return {shift_to: percent, other: 100 - percent}


def _slices(seconds, most):
    """``seconds`` cut in slices of at most ``most`` seconds (one slice when ``most`` is 0)."""
    if most <= 0 or seconds <= most:
        return [seconds]
    return [most] * (seconds // most) + ([seconds % most] if seconds % most else [])


def _number(name, value):
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise AnsibleFilterError("shift_steps: %s must be an integer, 0 or more, got %r" % (name, value))
    return value


def shift_steps(start, shift_to, steps, step_interval, progress_interval=0, analysis=False):
    """The calls, in order: each ``{percent, steps, hold, rollback_split, analyse, label}``.

    ``start`` is the split before the shift. Steps ``shift_to`` has already reached are left out
    (as the modules do). Without a held step (no steps left, ``step_interval`` 0, or no defined split
    at the start) the shift is one call, as the modules make it. Otherwise each step is its own call
    holding it for ``step_interval`` seconds, cut in calls of at most ``progress_interval`` seconds
    (0: not cut), and a last call writes 100%; every call gets ``start`` as the split to put back
    when a gate fails. ``analyse`` is true for the call that ends a step's hold.
    """
    if not isinstance(start, dict) or any(not isinstance(start.get(color), int) for color in COLORS):
        raise AnsibleFilterError("shift_steps expects a split such as {blue: 100, green: 0}, got %r" % (start,))
    if shift_to not in COLORS:
        raise AnsibleFilterError("shift_steps: shift_to must be blue or green, got %r" % (shift_to,))
    step_interval = _number("step_interval", step_interval)
    progress_interval = _number("progress_interval", progress_interval)
    steps = [_number("steps", step) for step in steps or []]
    defined = start["blue"] + start["green"] == 100
    reached = start[shift_to] if defined else 0
    left = [step for step in steps if step > reached]
    final = _split_for(shift_to, 100)

    if not left or step_interval == 0 or not defined:
        label = _split_text(final)
        if left:
            label = "%s %s, not held" % (shift_to, " -> ".join("%d%%" % step for step in left + [100]))
        return [dict(percent=100, steps=left, hold=0, rollback_split=None, analyse=True, label=label)]

    calls = []
    total = len(steps) + 1
    for step in left:
        number = steps.index(step) + 1
        slices = _slices(step_interval, progress_interval)
        held = 0
        for index, seconds in enumerate(slices):
            held += seconds
            last = index == len(slices) - 1
            label = "step %d/%d: %s, hold %s s" % (
                number,
                total,
                _split_text(_split_for(shift_to, step)),
                step_interval if len(slices) == 1 else "%d/%d" % (held, step_interval),
            )
            if analysis and last:
                label += ", then the A/B analysis"
            calls.append(dict(percent=step, steps=[], hold=seconds, rollback_split=start, analyse=last, label=label))
    label = "step %d/%d: %s" % (total, total, _split_text(final))
    calls.append(dict(percent=100, steps=[], hold=0, rollback_split=start, analyse=False, label=label))
    return calls


class FilterModule:
    def filters(self):
        return {"shift_steps": shift_steps}
