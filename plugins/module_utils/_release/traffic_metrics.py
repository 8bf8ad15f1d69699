# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The ALB metrics of the A/B analysis: the GetMetricData queries per color, and the totals (pure).

Each color is a target group behind one Application Load Balancer; its metrics
are in the namespace AWS/ApplicationELB with the dimensions ``TargetGroup``
(``targetgroup/<name>/<id>``) and ``LoadBalancer`` (``app/<name>/<id>``), both
the ends of the ARNs.
"""

from collections import namedtuple

from .._core.colors import COLORS
from .._core.errors import InputError

NAMESPACE = "AWS/ApplicationELB"
REQUESTS = "RequestCount"
ERRORS_5XX = "HTTPCode_Target_5XX_Count"
ERRORS_4XX = "HTTPCode_Target_4XX_Count"
LATENCY = "TargetResponseTime"

ColorTraffic = namedtuple("ColorTraffic", ["requests", "errors", "latency"])


def load_balancer_dimension(arn, option="load_balancer"):
    """arn:...:loadbalancer/app/<name>/<id> -> app/<name>/<id> (Application Load Balancers only)."""
    _prefix, _sep, path = arn.partition(":loadbalancer/")
    parts = path.split("/")
    if len(parts) != 3 or not all(parts):
        raise InputError("%s: %s is not a load balancer ARN" % (option, arn))
    if parts[0] != "app":
        raise InputError("%s: %s is not an Application Load Balancer" % (option, arn))
    return path


def target_group_dimension(arn, option):
    """arn:...:targetgroup/<name>/<id> -> targetgroup/<name>/<id>."""
    _prefix, sep, path = arn.partition(":targetgroup/")
    parts = path.split("/")
    if not sep or len(parts) != 2 or not all(parts):
        raise InputError("%s: %s is not a target group ARN" % (option, arn))
    return "targetgroup/" + path


def query_id(color, what):
    """GetMetricData ids start with a lower-case letter and hold letters, digits and underscores."""
    return "%s_%s" % (color, what)


def metric_queries(load_balancer_arn, target_group_arns, period, latency_stat, include_4xx=False):
    """The GetMetricData queries of both colors: Sum of the counts, ``latency_stat`` of the response time.

    ``target_group_arns`` is ``{color: target group ARN}``; ``period`` (seconds,
    a multiple of 60) covers the whole window, so each query answers with one
    value for it.
    """
    load_balancer = load_balancer_dimension(load_balancer_arn)
    metrics = [("requests", REQUESTS, "Sum"), ("errors_5xx", ERRORS_5XX, "Sum")]
    if include_4xx:
        metrics.append(("errors_4xx", ERRORS_4XX, "Sum"))
    metrics.append(("latency", LATENCY, latency_stat))
    queries = []
    for color in COLORS:
        dimensions = [
            {
                "Name": "TargetGroup",
                "Value": target_group_dimension(target_group_arns[color], "%s_target_group" % color),
            },
            {"Name": "LoadBalancer", "Value": load_balancer},
        ]
        for what, name, stat in metrics:
            queries.append(
                {
                    "Id": query_id(color, what),
                    "MetricStat": {
                        "Metric": {"Namespace": NAMESPACE, "MetricName": name, "Dimensions": dimensions},
                        "Period": period,
                        "Stat": stat,
                    },
                    "ReturnData": True,
                }
            )
    return queries


def _total(points):
    return int(round(sum(value for _timestamp, value in points)))


def _latency(points, requests):
    """One latency for the window: the only value, or the mean of the values weighted by the requests
    of the same period (a plain mean when the periods do not match). None without data."""
    if not points:
        return None
    if len(points) == 1:
        return points[0][1]
    weights = dict(requests)
    if all(weights.get(timestamp) for timestamp, _value in points):
        total = sum(weights[timestamp] for timestamp, _value in points)
        return sum(value * weights[timestamp] for timestamp, value in points) / total
    return sum(value for _timestamp, value in points) / len(points)


def color_traffic(series, include_4xx=False):
    """``{color: ColorTraffic}`` from the answers of ``metric_queries`` (``{query id: [(timestamp, value)]}``).

    A count without data points is 0 (CloudWatch publishes no zero counts); a
    latency without data points is None. Errors are capped at the requests.
    """
    found = {}
    for color in COLORS:
        requests_points = series.get(query_id(color, "requests"), [])
        requests = _total(requests_points)
        errors = _total(series.get(query_id(color, "errors_5xx"), []))
        if include_4xx:
            errors += _total(series.get(query_id(color, "errors_4xx"), []))
        latency = _latency(series.get(query_id(color, "latency"), []), requests_points)
        found[color] = ColorTraffic(requests, min(errors, requests), latency)
    return found
