# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The two colors and the pure arithmetic of traffic splits between them.

A split is a dict ``{"blue": int, "green": int}`` of percentages that sum to
100. Nothing here talks to AWS.
"""

from .errors import InputError

COLORS = ("blue", "green")
ALB_MAX_WEIGHT = 999
ROUTE53_MAX_WEIGHT = 255


def other_color(color):
    return "green" if color == "blue" else "blue"


def split_for(shift_to, percent):
    """The split that gives ``percent`` to ``shift_to`` and the rest to the other color."""
    return {shift_to: percent, other_color(shift_to): 100 - percent}


def split_from_weights(weights, max_weight):
    """Normalise raw weights ``{"blue": w, "green": w}`` to percentages.

    Both weights 0 (or both missing) gives ``{"blue": 0, "green": 0}``: an
    undefined split that any write repairs.
    """
    blue = int(weights.get("blue") or 0)
    green = int(weights.get("green") or 0)
    for color, weight in (("blue", blue), ("green", green)):
        if weight < 0 or weight > max_weight:
            raise InputError("weight of %s is %d, outside 0-%d" % (color, weight, max_weight))
    total = blue + green
    if total == 0:
        return {"blue": 0, "green": 0}
    blue_percent = int(round(100.0 * blue / total))
    return {"blue": blue_percent, "green": 100 - blue_percent}


def live_color(split):
    """The color with all the traffic, or None while split (or undefined)."""
    for color in COLORS:
        if split.get(color) == 100:
            return color
    return None


def idle_color(split):
    """The color with no traffic while the other has all of it, else None."""
    live = live_color(split)
    return other_color(live) if live else None


def colors_gaining(start, splits):
    """Colors whose share grows above what they had at ``start`` in any of ``splits``.

    Only these need to be ready for traffic: moving traffic away from a color,
    healthy or not, is always allowed.
    """
    return [color for color in COLORS if any(split[color] > start.get(color, 0) for split in splits)]


def validate_percent(percent, option="percent"):
    if isinstance(percent, bool) or not isinstance(percent, int):
        raise InputError("%s must be an integer from 0 to 100, got %r" % (option, percent))
    if percent < 0 or percent > 100:
        raise InputError("%s must be from 0 to 100, got %r" % (option, percent))
    return percent


def validate_steps(steps, percent):
    """Steps are strictly ascending, each 1-99 and below ``percent``."""
    steps = list(steps or [])
    previous = 0
    for step in steps:
        if isinstance(step, bool) or not isinstance(step, int):
            raise InputError("steps must be integers, got %r in steps %r" % (step, steps))
        if step < 1 or step > 99:
            raise InputError("steps must each be from 1 to 99, got %r in steps %r" % (step, steps))
        if step <= previous:
            raise InputError("steps must be strictly ascending, got %r" % (steps,))
        if step >= percent:
            raise InputError("steps must each be below percent (%d), got %r in steps %r" % (percent, step, steps))
        previous = step
    return steps


def schedule(current, shift_to, percent, steps):
    """The splits to write, in order, to go from ``current`` to ``percent`` for ``shift_to``.

    Intermediate steps the color has already reached are skipped, so a run
    that died halfway resumes where it stopped. The final split is left out
    when it is already in place. Nothing is returned when nothing must change.
    """
    reached = current.get(shift_to, 0) if sum(current.values()) == 100 else 0
    splits = [split_for(shift_to, step) for step in steps if step > reached]
    final = split_for(shift_to, percent)
    if splits or final != current:
        splits.append(final)
    return splits
