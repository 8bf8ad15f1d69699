# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The interface every router (ALB listener, Route 53 record pair) offers.

A router holds the split of one app's traffic between blue and green. It can
read the split, write a split (one AWS write), put back exactly what it found,
and describe itself for a module's return values. The steps-and-gates engine,
the modules that shift traffic and the platform modules (which only ask which
color is live) use nothing else.
"""

from .._core.colors import idle_color, live_color


class Router:
    """Base class: subclasses implement ``read_split``, ``write`` and ``describe``."""

    def __init__(self):
        self.found = None  # the split read by read_split
        self.writes = 0  # writes made (rollbacks included)

    def read_split(self):
        """``{"blue": percent, "green": percent}`` as AWS holds it now (0/0 when undefined)."""
        raise NotImplementedError

    def write(self, split):
        """Send ``split`` with one AWS write."""
        raise NotImplementedError

    def restore(self, split):
        """Put ``split`` back with one write: what ``read_split`` found, or the module's ``rollback_split``."""
        self.write(split)

    def describe(self, planned=None):
        """Return values of this router; ``planned`` is the split a check-mode run would leave."""
        raise NotImplementedError

    def traffic(self):
        """``{split, live_color, idle_color}``: which color is live, and what is the split."""
        split = self.read_split()
        return {"split": split, "live_color": live_color(split), "idle_color": idle_color(split)}

    # Hooks with defaults, for routers that carry more than the split.

    def unsafe(self):
        """``(message, extra return values)`` when the router must not be written at all, else None."""
        return None

    def settings_differ(self):
        """Whether a setting besides the weights (stickiness, record values) must be rewritten."""
        return False

    def colors_behind_rewrite(self, split):
        """Colors that keep traffic behind rewritten settings, and so must be ready for it."""
        return []

    def check_ready(self, colors, poller):
        """Fail (Refusal) when one of ``colors``, about to gain traffic, cannot take it."""

    def release_marks(self):
        """``{color: {version, deployed_at}}`` recorded on the router's colors, or None when it records none."""
        return None

    def diff(self, before, after):
        return {"before": before, "after": after}
