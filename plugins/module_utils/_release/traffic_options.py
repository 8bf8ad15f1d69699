# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The options of the traffic_analysis module and their checks (pure): each failure names the option and
its value, before any call to AWS."""

import re
from collections import namedtuple
from datetime import datetime, timedelta, timezone

from .._core.errors import InputError
from .traffic_verdict import Thresholds

ARGUMENT_SPEC = dict(
    load_balancer=dict(type="str", required=True),
    blue_target_group=dict(type="str", required=True),
    green_target_group=dict(type="str", required=True),
    new_color=dict(type="str", required=True, choices=["blue", "green"]),
    window=dict(type="int"),
    start_time=dict(type="str"),
    end_time=dict(type="str"),
    alpha=dict(type="float", default=0.05),
    error_rate_ceiling=dict(type="float"),
    include_4xx=dict(type="bool", default=False),
    latency_stat=dict(type="str", default="p95"),
    latency_ratio=dict(type="float", default=1.2),
    min_requests=dict(type="int", default=200),
)
MUTUALLY_EXCLUSIVE = [["window", "start_time"], ["window", "end_time"]]
REQUIRED_TOGETHER = [["start_time", "end_time"]]

DEFAULT_WINDOW = 300
MINUTE = 60
# One value for the whole window at 1-minute resolution: CloudWatch keeps that for 15 days.
OLDEST = timedelta(days=15)
LONGEST = 86400
# The CloudWatch statistics that describe a response time (Sum and SampleCount do not).
LATENCY_STAT = re.compile(
    r"^(Average|Minimum|Maximum|IQM|(p|tm|wm|tc|ts)(100|\d{1,2}(\.\d{1,10})?)|(TM|WM|TC|TS|PR)\([^()]+\))$"
)

Window = namedtuple("Window", ["start", "end", "period"])


def floor_minute(moment):
    return moment.replace(second=0, microsecond=0)


def parse_time(option, value):
    """An ISO 8601 date and time; without a time zone, UTC."""
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InputError(
            "%s: %r is not an ISO 8601 date and time (for example 2026-11-29T10:00:00Z)" % (option, value)
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def period_for(seconds):
    """The CloudWatch period (a multiple of 60 seconds) that covers ``seconds`` in one value."""
    return -(-int(seconds) // MINUTE) * MINUTE


def analysis_window(params, now):
    """The window to analyse: the ``window`` seconds up to the last whole minute before ``now``
    (default 300), or ``start_time`` to ``end_time``."""
    if params.get("start_time"):
        start = parse_time("start_time", params["start_time"])
        end = parse_time("end_time", params["end_time"])
        if end <= start:
            raise InputError("end_time %s must be after start_time %s" % (params["end_time"], params["start_time"]))
        seconds = (end - start).total_seconds()
        if seconds < MINUTE or seconds > LONGEST:
            raise InputError(
                "start_time %s to end_time %s is %d seconds: the window must be %d to %d seconds"
                % (params["start_time"], params["end_time"], seconds, MINUTE, LONGEST)
            )
        if start < now - OLDEST:
            raise InputError(
                "start_time %s is more than 15 days ago: CloudWatch keeps 1-minute data for 15 days"
                % params["start_time"]
            )
        return Window(start, end, period_for(seconds))
    window = DEFAULT_WINDOW if params.get("window") is None else params["window"]
    if window < MINUTE or window > LONGEST:
        raise InputError("window must be %d to %d seconds, got %d" % (MINUTE, LONGEST, window))
    end = floor_minute(now)
    return Window(end - timedelta(seconds=window), end, period_for(window))


def thresholds(params):
    """The thresholds of the verdict, checked."""
    alpha = params["alpha"]
    if not 0.0 < alpha < 1.0:
        raise InputError("alpha must be above 0 and below 1, got %s" % alpha)
    ceiling = params.get("error_rate_ceiling")
    if ceiling is not None and not 0.0 <= ceiling <= 1.0:
        raise InputError("error_rate_ceiling must be a fraction from 0 to 1 (0.02 is 2%%), got %s" % ceiling)
    if params["latency_ratio"] < 1.0:
        raise InputError("latency_ratio must be 1 or more, got %s" % params["latency_ratio"])
    if params["min_requests"] < 1:
        raise InputError("min_requests must be 1 or more, got %d" % params["min_requests"])
    stat = params["latency_stat"]
    if not LATENCY_STAT.match(stat):
        raise InputError(
            "latency_stat: %r is not a CloudWatch statistic of a response time (for example p95, p99.9, Average, "
            "Maximum, tm90)" % stat
        )
    return Thresholds(alpha, ceiling, params["latency_ratio"], params["min_requests"], stat)


def check_target_groups(params):
    if params["blue_target_group"] == params["green_target_group"]:
        raise InputError(
            "blue_target_group and green_target_group are both %s: the colors need one target group each"
            % params["blue_target_group"]
        )
