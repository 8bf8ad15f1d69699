# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""DNS names and hosted zone ids as Route 53 writes them, compared the way DNS compares them."""

import re

_ESCAPE = re.compile(r"\\([0-7]{3})")


def normalize_name(name):
    """Lower case, octal escapes (``\\052`` for ``*``) decoded, one trailing dot."""
    name = _ESCAPE.sub(lambda match: chr(int(match.group(1), 8)), name or "")
    return name.lower().rstrip(".") + "."


def zone_id(value):
    """``/hostedzone/Z123`` -> ``Z123``."""
    return (value or "").rsplit("/", 1)[-1]
