# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The work of the traffic_analysis module: read the ALB metrics of both colors, then judge (read only)."""

from datetime import datetime, timezone

from .._aws.cloudwatch import cloudwatch_client, metric_data
from .._aws.elbv2 import describe_load_balancer, describe_target_group, elbv2_client
from .._core.colors import COLORS
from .._core.errors import InputError
from . import traffic_metrics, traffic_options
from .traffic_verdict import judge


def _iso(moment):
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def find_colors(client, params):
    """The load balancer's ARN and ``{color: target group ARN}``; each target group must serve that load balancer."""
    load_balancer = describe_load_balancer(client, params["load_balancer"])
    if load_balancer.get("Type", "application") != "application":
        raise InputError(
            "load_balancer: %s is a %s load balancer; its target groups have no HTTP metrics (use an Application "
            "Load Balancer)" % (params["load_balancer"], load_balancer["Type"])
        )
    arn = load_balancer["LoadBalancerArn"]
    target_groups = {}
    for color in COLORS:
        option = "%s_target_group" % color
        group = describe_target_group(client, params[option], option)
        if arn not in (group.get("LoadBalancerArns") or []):
            raise InputError(
                "%s: target group %s receives no traffic from load balancer %s (no listener or rule forwards to it)"
                % (option, params[option], params["load_balancer"])
            )
        target_groups[color] = group["TargetGroupArn"]
    if target_groups["blue"] == target_groups["green"]:
        raise InputError(
            "blue_target_group %s and green_target_group %s are the same target group"
            % (params["blue_target_group"], params["green_target_group"])
        )
    return arn, target_groups


def analyse_traffic(module, now=None):
    params = module.params
    traffic_options.check_target_groups(params)
    thresholds = traffic_options.thresholds(params)
    window = traffic_options.analysis_window(params, now or datetime.now(timezone.utc))

    load_balancer_arn, target_groups = find_colors(elbv2_client(module), params)
    queries = traffic_metrics.metric_queries(
        load_balancer_arn, target_groups, window.period, thresholds.latency_stat, params["include_4xx"]
    )
    series = metric_data(cloudwatch_client(module), queries, window.start, window.end)
    traffic = traffic_metrics.color_traffic(series, params["include_4xx"])

    result = judge(traffic, params["new_color"], thresholds)
    for color in COLORS:
        result["colors"][color]["target_group_arn"] = target_groups[color]
    result.update(
        changed=False,
        load_balancer_arn=load_balancer_arn,
        start_time=_iso(window.start),
        end_time=_iso(window.end),
        period=window.period,
    )
    return result
