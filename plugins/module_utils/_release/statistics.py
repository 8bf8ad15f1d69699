# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The statistics of the A/B analysis, in plain Python (no AWS, no third-party library)."""

import math
from collections import namedtuple

ZTest = namedtuple("ZTest", ["z", "p_value"])


def rate(errors, requests):
    """``errors / requests``; None when there were no requests."""
    if not requests:
        return None
    return errors / requests


def upper_tail(z):
    """P(Z > z) for a standard normal Z: erfc(z / sqrt(2)) / 2."""
    return 0.5 * math.erfc(z / math.sqrt(2.0))


def two_proportion_z_test(new_errors, new_requests, old_errors, old_requests):
    """One-sided two-proportion z-test of H1: the new error rate is higher than the old one.

    With p_new = x_new / n_new, p_old = x_old / n_old and the pooled proportion
    p = (x_new + x_old) / (n_new + n_old):

        z = (p_new - p_old) / sqrt(p (1 - p) (1 / n_new + 1 / n_old)),   p-value = P(Z > z)

    Returns ``ZTest(None, None)`` when a side has no requests (no rate to compare).
    When the pooled proportion is 0 or 1 (no errors on either side, or only errors)
    the two rates are equal and the standard error is 0: z is 0 and the p-value 1,
    which is what the exact test gives for those counts.
    """
    for name, errors, requests in (("new", new_errors, new_requests), ("old", old_errors, old_requests)):
        if requests < 0 or errors < 0 or errors > requests:
            raise ValueError("%s: %r errors of %r requests" % (name, errors, requests))
    if not new_requests or not old_requests:
        return ZTest(None, None)
    pooled = (new_errors + old_errors) / (new_requests + old_requests)
    variance = pooled * (1.0 - pooled) * (1.0 / new_requests + 1.0 / old_requests)
    if variance <= 0.0:
        return ZTest(0.0, 1.0)
    z = (new_errors / new_requests - old_errors / old_requests) / math.sqrt(variance)
    return ZTest(z, upper_tail(z))


def ratio(new, old):
    """``new / old``; None when either is missing or ``old`` is not above 0."""
    if new is None or old is None or old <= 0:
        return None
    return new / old
