# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""Which color is live, for any platform module, and the refusals that follow from it.

The order is the one every platform module documents: the color with all the
traffic on the router; else the ``live_color`` option; else the only color
that runs something. Nothing here talks to AWS or knows a platform: the
platform names what runs in a color through ``Words``.
"""

from .._core.colors import COLORS, other_color
from .._core.errors import BlueGreenError, Refusal

# Where the live color was learnt from (Live.source).
ROUTER = "router"  # the color with 100% of the traffic on the router
OPTION = "live_color"  # the live_color option
ONLY_UP = "only_up"  # the only color that runs something
NONE_UP = "none_up"  # no color runs anything: a first release
SPLIT = "split"  # the router sends traffic to both colors: a shift is under way
AMBIGUOUS = "ambiguous"  # both colors run something and nothing else tells
ASSUMED = "assumed"  # a hypothesis, while asking "would this write under either live color?"


class Words:
    """How a platform module names things in its messages.

    ``unit``: what runs in a color (``tasks``); ``count``: how many should run
    (``desired count``); ``hint``: the options that tell the live color
    (``listener_arn or live_color``).
    """

    def __init__(self, unit, count, hint):
        self.unit = unit
        self.count = count
        self.hint = hint


class Traffic:
    """The split a router holds, with the words that name the router in a message.

    ``split``: ``{"blue": percent, "green": percent}``; ``where``: the router
    (``listener arn:...``); ``option``: the option that points at it
    (``listener_arn``); ``shifter``: the module that moves traffic on it.
    """

    def __init__(self, split, where, option, shifter):
        self.split = dict(split)
        self.where = where
        self.option = option
        self.shifter = shifter

    def __getitem__(self, color):
        return self.split[color]


class Live:
    """The live color (None when unknown) and how it was found.

    ``counts`` is ``{color: how many should run}``, ``traffic`` a Traffic or None.
    """

    def __init__(self, color, source, words, traffic=None, counts=None):
        self.color = color
        self.source = source
        self.words = words
        self.traffic = traffic
        self.counts = dict(counts or {})

    @classmethod
    def resolve(cls, traffic, live_color_option, counts, words):
        """Follow the documented order (see the module docstring)."""
        if traffic is not None:
            for color in COLORS:
                if traffic[color] == 100:
                    return cls(color, ROUTER, words, traffic, counts)
            if all(traffic[color] > 0 for color in COLORS):
                return cls(None, SPLIT, words, traffic, counts)
        if live_color_option:
            return cls(live_color_option, OPTION, words, traffic, counts)
        up = [color for color in COLORS if counts[color] > 0]
        if len(up) == 1:
            return cls(up[0], ONLY_UP, words, traffic, counts)
        return cls(None, AMBIGUOUS if up else NONE_UP, words, traffic, counts)

    def assume(self, color):
        """The same situation, supposing ``color`` is live."""
        return Live(color, ASSUMED, self.words, None, self.counts)

    @property
    def idle(self):
        """The other color; blue when no color is up (a first release goes there); None when unknown."""
        if self.color:
            return other_color(self.color)
        return "blue" if self.source == NONE_UP else None

    @property
    def known(self):
        return self.color is not None

    # ------------------------------------------------------------------ messages

    def split_message(self):
        traffic = self.traffic
        return (
            "%s: %s splits the traffic between the colors (blue %d%%, green %d%%): a shift is under way; finish it "
            "or roll it back with %s first; nothing changed"
            % (traffic.option, traffic.where, traffic["blue"], traffic["green"], traffic.shifter)
        )

    def ambiguous_message(self):
        words, counts = self.words, self.counts
        return (
            "both colors have %s (blue %s %d, green %s %d) and nothing tells which one is live: set %s; nothing "
            "changed" % (words.unit, words.count, counts["blue"], words.count, counts["green"], words.hint)
        )

    def refuse_if_unknown(self):
        """Refuse when the router is split or nothing tells the live color among two that are up."""
        if self.source == SPLIT:
            raise Refusal(self.split_message())
        if self.source == AMBIGUOUS:
            raise Refusal(self.ambiguous_message())

    def traffic_refusal(self, color, action, advice):
        """The message refusing to ``action`` ``color`` because it serves traffic, else None."""
        traffic = self.traffic
        if traffic is not None and traffic[color] > 0:
            return "color: refusing to %s %s, which receives %d%% of the traffic on %s; %s; nothing changed" % (
                action,
                color,
                traffic[color],
                traffic.where,
                advice,
            )
        if color != self.color:
            return None
        if self.source == OPTION:
            return "color: refusing to %s %s, the live color (live_color=%s); %s; nothing changed" % (
                action,
                color,
                color,
                advice,
            )
        if self.source == ONLY_UP:
            return (
                "color: refusing to %s %s, the live color (the only color with %s); %s; set %s if that is wrong; "
                "nothing changed" % (action, color, self.words.unit, advice, self.words.hint)
            )
        return None

    def refuse_traffic(self, color, action, advice):
        message = self.traffic_refusal(color, action, advice)
        if message:
            raise Refusal(message)

    def refuse_without_all_traffic(self, color, action):
        """Refuse to ``action`` ``color`` unless it has all the traffic (as far as the router or live_color tell)."""
        traffic = self.traffic
        if traffic is not None and traffic[color] != 100:
            raise Refusal(
                "color: refusing to %s %s, which has %d%% of the traffic on %s; shift all the traffic to it with %s "
                "first; nothing changed" % (action, color, traffic[color], traffic.where, traffic.shifter)
            )
        if self.source == OPTION and self.color != color:
            raise Refusal("color: refusing to %s %s, live_color is %s; nothing changed" % (action, color, self.color))


def choose_deploy_color(color_option, live):
    """The color to deploy onto: ``color``, else the idle color, else blue (first release)."""
    if color_option:
        return color_option
    if live:
        return other_color(live)
    return "blue"


def plans_whichever_is_live(live, plan_for):
    """Both colors are up and nothing tells which one is live: ``[plan_for(live supposing blue), ... green]``
    when neither changes anything (a finished release run again).

    The same failure whichever color is live is raised as it is; any other failure, or a plan that would
    write, is refused with ``live.ambiguous_message()``.
    """
    plans, errors = [], []
    for color in COLORS:
        try:
            plans.append(plan_for(live.assume(color)))
        except BlueGreenError as error:
            errors.append(error)
    if errors and len(errors) == len(COLORS) and len({error.msg for error in errors}) == 1:
        raise errors[0]
    if errors or any(plan.changed for plan in plans):
        raise Refusal(live.ambiguous_message())
    return plans
