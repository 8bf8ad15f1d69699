# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The release marks every platform puts on a color, and the drift report between two colors.

A color that gets a version is tagged ``bluegreen:version`` (the release label)
and ``bluegreen:deployed-at`` (UTC, ISO 8601), whatever the platform, so that
the rollback playbook tells the newest release per color the same way on ECS
and on EC2. Nothing here talks to AWS or knows a platform.
"""

import time

from .._core.colors import COLORS

VERSION_KEY = "bluegreen:version"
DEPLOYED_AT_KEY = "bluegreen:deployed-at"


def marks_from(tags, version_key=VERSION_KEY, deployed_key=DEPLOYED_AT_KEY):
    """``{version, deployed_at}`` recorded in ``tags`` (``{key: value}``); None when not recorded."""
    return {"version": tags.get(version_key), "deployed_at": tags.get(deployed_key)}


def deployed_at(now):
    """The ``bluegreen:deployed-at`` value of a release made at ``now`` (seconds since the epoch)."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))


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
