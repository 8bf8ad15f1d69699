# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The verdict of the A/B analysis (pure): the new color against the baseline color.

- ``inconclusive`` when either color served fewer than ``min_requests`` requests;
- else ``fail`` when the new color's error rate is significantly higher than the
  baseline's (one-sided two-proportion z-test, p-value below ``alpha``), when it is
  above ``error_rate_ceiling``, or when the new color's latency over the
  baseline's is above ``latency_ratio``;
- else ``pass``.

A color without latency data skips the latency check: it is reported, not failed.
"""

from collections import namedtuple

from .._core.colors import other_color
from . import statistics

PASS, FAIL, INCONCLUSIVE, SKIPPED = "pass", "fail", "inconclusive", "skipped"

Thresholds = namedtuple("Thresholds", ["alpha", "error_rate_ceiling", "latency_ratio", "min_requests", "latency_stat"])


def _percent(value):
    return "%.2f%%" % (100.0 * value)


def _seconds(value):
    return "%.3f s" % value


def _p_value(value):
    return "%.3g" % value


def _rate_text(traffic):
    return "%s (%d of %d)" % (
        _percent(statistics.rate(traffic.errors, traffic.requests)),
        traffic.errors,
        traffic.requests,
    )


def _error_rate_check(new_color, new, old_color, old, test, alpha):
    significant = test.p_value < alpha
    reason = "%s's error rate %s is %ssignificantly higher than %s's %s: z %.2f, p-value %s %s alpha %s" % (
        new_color,
        _rate_text(new),
        "" if significant else "not ",
        old_color,
        _rate_text(old),
        test.z,
        _p_value(test.p_value),
        "<" if significant else ">=",
        alpha,
    )
    return (FAIL if significant else PASS), reason


def _ceiling_check(new_color, new, ceiling):
    if ceiling is None:
        return SKIPPED, None
    rate = statistics.rate(new.errors, new.requests)
    if rate > ceiling:
        return FAIL, "%s's error rate %s is above error_rate_ceiling %s" % (
            new_color,
            _rate_text(new),
            _percent(ceiling),
        )
    return PASS, "%s's error rate %s is within error_rate_ceiling %s" % (new_color, _rate_text(new), _percent(ceiling))


def _latency_check(new_color, new, old_color, old, latency_ratio, limit, stat):
    missing = [color for color, traffic in ((new_color, new), (old_color, old)) if traffic.latency is None]
    if missing:
        return SKIPPED, "latency check skipped: no TargetResponseTime %s data for %s" % (stat, " or ".join(missing))
    if latency_ratio is None:
        return SKIPPED, "latency check skipped: %s's %s latency is %s" % (old_color, stat, _seconds(old.latency))
    words = "%s's %s latency %s is %.2f times %s's %s" % (
        new_color,
        stat,
        _seconds(new.latency),
        latency_ratio,
        old_color,
        _seconds(old.latency),
    )
    if latency_ratio > limit:
        return FAIL, "%s, above latency_ratio %s" % (words, limit)
    return PASS, "%s, within latency_ratio %s" % (words, limit)


def judge(traffic, new_color, thresholds):
    """The analysis of ``traffic`` (``{color: ColorTraffic}``): a dict with the verdict, its reasons and the numbers."""
    old_color = other_color(new_color)
    new, old = traffic[new_color], traffic[old_color]
    test = statistics.two_proportion_z_test(new.errors, new.requests, old.errors, old.requests)
    latency_ratio = statistics.ratio(new.latency, old.latency)

    checks = {"error_rate": SKIPPED, "error_rate_ceiling": SKIPPED, "latency": SKIPPED}
    reasons = []
    too_few = [color for color in (new_color, old_color) if traffic[color].requests < thresholds.min_requests]
    if too_few:
        verdict = INCONCLUSIVE
        for color in too_few:
            reasons.append(
                "%s served %d requests in the window, fewer than min_requests %d"
                % (color, traffic[color].requests, thresholds.min_requests)
            )
    else:
        outcomes = [
            ("error_rate", _error_rate_check(new_color, new, old_color, old, test, thresholds.alpha)),
            ("error_rate_ceiling", _ceiling_check(new_color, new, thresholds.error_rate_ceiling)),
            (
                "latency",
                _latency_check(
                    new_color, new, old_color, old, latency_ratio, thresholds.latency_ratio, thresholds.latency_stat
                ),
            ),
        ]
        for name, (outcome, _reason) in outcomes:
            checks[name] = outcome
        verdict = FAIL if FAIL in checks.values() else PASS
        # A failure is explained by the checks that failed; a pass by every check, skipped ones included.
        for _name, (outcome, reason) in outcomes:
            if reason and (verdict == PASS or outcome != PASS):
                reasons.append(reason)

    result = dict(
        verdict=verdict,
        reasons=reasons,
        checks=checks,
        new_color=new_color,
        baseline_color=old_color,
        z=test.z,
        p_value=test.p_value,
        latency_ratio=latency_ratio,
        latency_statistic=thresholds.latency_stat,
        colors=dict(
            (color, dict(value._asdict(), error_rate=statistics.rate(value.errors, value.requests)))
            for color, value in traffic.items()
        ),
    )
    result["summary"] = summary(result, thresholds)
    return result


def _rate_or_none(rate):
    return "no rate" if rate is None else _percent(rate)


def summary(result, thresholds):
    """One sentence with the verdict and the numbers behind it."""
    new_color, old_color = result["new_color"], result["baseline_color"]
    new, old = result["colors"][new_color], result["colors"][old_color]
    parts = [
        "error rate %s (%d of %d) against %s (%d of %d)"
        % (
            _rate_or_none(new["error_rate"]),
            new["errors"],
            new["requests"],
            _rate_or_none(old["error_rate"]),
            old["errors"],
            old["requests"],
        )
    ]
    if result["p_value"] is not None:
        parts[0] += ", p-value %s (alpha %s)" % (_p_value(result["p_value"]), thresholds.alpha)
    stat = result["latency_statistic"]
    if new["latency"] is None or old["latency"] is None:
        parts.append(
            "%s latency not compared (no data for %s)"
            % (
                stat,
                " or ".join(color for color in (new_color, old_color) if result["colors"][color]["latency"] is None),
            )
        )
    else:
        latency = "%s latency %s against %s" % (stat, _seconds(new["latency"]), _seconds(old["latency"]))
        if result["latency_ratio"] is not None:
            latency += ", ratio %.2f (limit %s)" % (result["latency_ratio"], thresholds.latency_ratio)
        parts.append(latency)
    return "%s: %s (new) against %s (baseline), %s." % (
        result["verdict"].upper(),
        new_color,
        old_color,
        "; ".join(parts),
    )
