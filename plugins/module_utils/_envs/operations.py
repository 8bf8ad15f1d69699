# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The shape of a change a platform module makes, and how the module reads a router's split."""

from .._core.colors import COLORS
from .._core.errors import InputError
from .._routers.alb import listener_router
from .live_color import Traffic


class Operation:
    """One change: ``apply(api)`` makes it, ``predict(after)`` changes the prediction of the colors (check and
    diff mode) as it will change them, ``describe()`` is one line for the ``actions`` return value."""

    color = None  # the color it changes, when it changes one
    created = None  # the ARN of what it created, once applied

    def apply(self, api):
        """Make the change in AWS."""
        raise NotImplementedError

    def predict(self, after):
        """Change ``after`` as the change will change the colors."""

    def describe(self):
        """One line a person can read."""
        raise NotImplementedError

    def __repr__(self):
        return "<%s: %s>" % (type(self).__name__, self.describe())


def listener_traffic(elb, listener_arn, groups, names):
    """The split on listener ``listener_arn`` between the target groups ``groups`` (``{color: arn or None}``).

    ``names`` (``{color: "service shop-blue"}``) name what runs each color in the message refusing a color
    registered in no target group.
    """
    for color in COLORS:
        if not groups[color]:
            raise InputError(
                "listener_arn: the %s color (%s) is registered in no target group, so its traffic cannot be read "
                "from listener %s" % (color, names[color], listener_arn)
            )
    split = listener_router(elb, listener_arn, groups).read_split()
    return Traffic(split, "listener %s" % listener_arn, "listener_arn", "alb_shift")
