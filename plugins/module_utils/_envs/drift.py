# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The drift report between the two colors of any platform: the settings that should be identical.

Nothing here talks to AWS or knows a platform.
"""

from .._core.colors import COLORS


def drift(colors, settings):
    """Settings that differ between two existing colors: ``[{setting, blue, green}]``.

    ``colors`` is ``{color: view}``, each view with a ``settings`` dict (None: the color has nothing to compare).
    """
    if not all(colors[color].get("settings") for color in COLORS):
        return []
    found = []
    for setting in settings:
        blue, green = colors["blue"]["settings"][setting], colors["green"]["settings"][setting]
        if blue != green:
            found.append({"setting": setting, "blue": blue, "green": green})
    return found


def drift_warning(found):
    return "the blue and green environments differ: %s" % "; ".join(
        "%s is %s on blue, %s on green" % (item["setting"], item["blue"], item["green"]) for item in found
    )
