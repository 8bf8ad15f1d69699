# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The A/B analysis as a step check of a shift (the ``analysis`` option of alb_shift).

At the end of each held step the new color is compared with the other over the
hold (at least a minute), like the traffic_analysis module does. A ``fail``
returns the traffic like an alarm; an ``inconclusive`` does too unless
``inconclusive`` is ``pass``. The verdict of every step is kept for the result.
"""

from datetime import datetime, timedelta, timezone

from .._aws.cloudwatch import cloudwatch_client, metric_data
from .._core.errors import InputError
from . import traffic_metrics, traffic_options
from .traffic_verdict import FAIL, INCONCLUSIVE, judge

ANALYSIS_OPTIONS = dict(
    alpha=dict(type="float", default=0.05),
    min_requests=dict(type="int", default=200),
    latency_stat=dict(type="str", default="p95"),
    latency_ratio=dict(type="float", default=1.2),
    error_rate_ceiling=dict(type="float"),
    include_4xx=dict(type="bool", default=False),
    inconclusive=dict(type="str", choices=["fail", "pass"], default="fail"),
    window=dict(type="int"),
)


def validate_analysis(analysis):
    """The thresholds of the ``analysis`` option (None when not given); every failure names it."""
    if analysis is None:
        return None
    try:
        thresholds = traffic_options.thresholds(analysis)
        if analysis.get("window") is not None and not traffic_options.MINUTE <= analysis["window"] <= 86400:
            raise InputError("window must be 60 to 86400 seconds, got %d" % analysis["window"])
    except InputError as error:
        raise InputError("analysis: %s" % error.msg) from None
    return thresholds


class AnalysisGate:
    """Called with the split at the end of each held step: None to go on, else the reason to return the traffic.

    ``read_traffic(start, end, period)`` returns ``{color: ColorTraffic}``;
    ``now()`` the current time (UTC, aware).
    """

    def __init__(self, read_traffic, thresholds, new_color, window, inconclusive="fail", now=None):
        self.read_traffic = read_traffic
        self.thresholds = thresholds
        self.new_color = new_color
        self.window = max(traffic_options.MINUTE, window)
        self.inconclusive = inconclusive
        self.now = now or (lambda: datetime.now(timezone.utc))
        self.verdicts = []

    def __call__(self, split):
        end = traffic_options.floor_minute(self.now())
        start = end - timedelta(seconds=self.window)
        traffic = self.read_traffic(start, end, traffic_options.period_for(self.window))
        result = judge(traffic, self.new_color, self.thresholds)
        self.verdicts.append(
            dict(
                step=split[self.new_color],
                verdict=result["verdict"],
                summary=result["summary"],
                reasons=result["reasons"],
                p_value=result["p_value"],
                latency_ratio=result["latency_ratio"],
                colors=result["colors"],
                start_time=start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                end_time=end.strftime("%Y-%m-%dT%H:%M:%SZ"),
            )
        )
        if result["verdict"] == FAIL:
            return "the A/B analysis failed (%s)" % result["summary"]
        if result["verdict"] == INCONCLUSIVE and self.inconclusive == "fail":
            return "the A/B analysis was inconclusive, which counts as a failure (%s; %s)" % (
                "; ".join(result["reasons"]),
                result["summary"],
            )
        return None


def analysis_gate(module, load_balancer_arn, target_groups, new_color, thresholds):
    """The AnalysisGate of alb_shift's ``analysis`` option over the router's load balancer and target groups."""
    params = module.params
    analysis = params["analysis"]
    client = cloudwatch_client(module)

    def read_traffic(start, end, period):
        queries = traffic_metrics.metric_queries(
            load_balancer_arn, target_groups, period, thresholds.latency_stat, analysis["include_4xx"]
        )
        return traffic_metrics.color_traffic(metric_data(client, queries, start, end), analysis["include_4xx"])

    window = analysis["window"] if analysis.get("window") is not None else params["step_interval"]
    return AnalysisGate(read_traffic, thresholds, new_color, window, analysis["inconclusive"])
