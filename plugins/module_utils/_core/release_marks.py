# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""Release marks: the tags that record which release a color received, and when.

A deploy marks the color it releases to (``bluegreen:version``,
``bluegreen:deployed-at``, an ISO 8601 UTC time) on the platform and on the
router's side of that color (its target group), so that a rollback can tell
the previous color from the router alone. Nothing here talks to AWS.
"""

import time

from .colors import COLORS, other_color
from .errors import Refusal

VERSION_KEY = "bluegreen:version"
DEPLOYED_KEY = "bluegreen:deployed-at"


def marks_now(version, clock=time.time):
    """The tags that mark a release of ``version`` made now: ``{key: value}``."""
    return {VERSION_KEY: version, DEPLOYED_KEY: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(clock()))}


def marks_from_tags(tags, version_key=VERSION_KEY, deployed_key=DEPLOYED_KEY):
    """``{version, deployed_at}`` from ``{key: value}`` tags (None for what is not recorded)."""
    return {"version": tags.get(version_key), "deployed_at": tags.get(deployed_key)}


def previous_color(marks):
    """The color that was live before the newest release: the other color than the newest mark's.

    ``marks`` is ``{color: {version, deployed_at}}``. Refused when no color is
    marked, when both were marked at the same time, or when the previous
    color never received a release (there would be nothing to go back to).
    """
    marked = [color for color in COLORS if (marks.get(color) or {}).get("deployed_at")]
    if not marked:
        raise Refusal(
            "no release is marked on either color, so nothing tells which color was live before the newest "
            "release; name the color instead; nothing changed"
        )
    times = [marks[color]["deployed_at"] for color in marked]
    if len(marked) == 2 and times[0] == times[1]:
        raise Refusal(
            "both colors are marked with a release at %s, so nothing tells which one is the newest; name the "
            "color instead; nothing changed" % times[0]
        )
    newest = max(marked, key=lambda color: marks[color]["deployed_at"])
    previous = other_color(newest)
    if previous not in marked:
        raise Refusal(
            "the %s color never received a release (only %s is marked, with %s), so there is nothing to roll "
            "back to; nothing changed" % (previous, newest, marks[newest].get("version"))
        )
    return previous
