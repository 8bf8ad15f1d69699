from datetime import datetime, timezone

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import InputError
from ansible_collections.bluegreen.aws.plugins.module_utils._release import traffic_metrics
from ansible_collections.bluegreen.aws.plugins.module_utils._release.traffic_metrics import ColorTraffic

LB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188"
BLUE = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-blue/73e2d6bc24d8a067"
GREEN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-green/2453ed029918f21f"


def test_dimensions_are_the_ends_of_the_arns():
    assert traffic_metrics.load_balancer_dimension(LB) == "app/shop/50dc6c495c0c9188"
    assert traffic_metrics.target_group_dimension(BLUE, "blue_target_group") == "targetgroup/shop-blue/73e2d6bc24d8a067"


@pytest.mark.parametrize(
    "arn, words",
    [
        ("arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/net/shop/1", "not an Application Load Balancer"),
        ("arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/shop", "not a load balancer ARN"),
        ("arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/shop-blue/1", "not a load balancer ARN"),
    ],
)
def test_bad_load_balancer_arns_name_the_option(arn, words):
    with pytest.raises(InputError, match="^load_balancer: %s is %s" % (arn, words)):
        traffic_metrics.load_balancer_dimension(arn)


@pytest.mark.parametrize("arn", [LB, "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/shop-blue"])
def test_bad_target_group_arns_name_the_option(arn):
    with pytest.raises(InputError, match="^green_target_group: .* is not a target group ARN$"):
        traffic_metrics.target_group_dimension(arn, "green_target_group")


def test_queries_of_both_colors():
    queries = traffic_metrics.metric_queries(LB, {"blue": BLUE, "green": GREEN}, 300, "p95")
    by_id = dict((query["Id"], query["MetricStat"]) for query in queries)
    assert sorted(by_id) == sorted(
        ["blue_requests", "blue_errors_5xx", "blue_latency", "green_requests", "green_errors_5xx", "green_latency"]
    )
    assert by_id["green_requests"] == {
        "Metric": {
            "Namespace": "AWS/ApplicationELB",
            "MetricName": "RequestCount",
            "Dimensions": [
                {"Name": "TargetGroup", "Value": "targetgroup/shop-green/2453ed029918f21f"},
                {"Name": "LoadBalancer", "Value": "app/shop/50dc6c495c0c9188"},
            ],
        },
        "Period": 300,
        "Stat": "Sum",
    }
    assert by_id["blue_errors_5xx"]["Metric"]["MetricName"] == "HTTPCode_Target_5XX_Count"
    assert by_id["blue_errors_5xx"]["Stat"] == "Sum"
    assert by_id["blue_latency"]["Metric"]["MetricName"] == "TargetResponseTime"
    assert by_id["blue_latency"]["Stat"] == "p95"
    assert by_id["blue_latency"]["Metric"]["Dimensions"][0]["Value"] == "targetgroup/shop-blue/73e2d6bc24d8a067"


def test_4xx_queries_only_when_asked():
    queries = traffic_metrics.metric_queries(LB, {"blue": BLUE, "green": GREEN}, 120, "Average", include_4xx=True)
    fours = [query for query in queries if query["Id"].endswith("errors_4xx")]
    assert [query["MetricStat"]["Metric"]["MetricName"] for query in fours] == ["HTTPCode_Target_4XX_Count"] * 2
    assert all(query["MetricStat"]["Stat"] == "Sum" and query["MetricStat"]["Period"] == 120 for query in fours)


def at(minute):
    return datetime(2026, 11, 29, 10, minute, tzinfo=timezone.utc)


def test_totals_from_the_answers():
    series = {
        "blue_requests": [(at(0), 600.0), (at(5), 400.0)],
        "blue_errors_5xx": [(at(0), 10.0)],
        "blue_errors_4xx": [(at(0), 5.0)],
        "blue_latency": [(at(0), 0.1), (at(5), 0.2)],
        "green_requests": [(at(0), 50.0)],
        "green_errors_5xx": [],
        "green_latency": [],
    }
    assert traffic_metrics.color_traffic(series) == {
        # The latency of two periods is weighted by their requests: (0.1 * 600 + 0.2 * 400) / 1000.
        "blue": ColorTraffic(1000, 10, pytest.approx(0.14)),
        "green": ColorTraffic(50, 0, None),
    }
    assert traffic_metrics.color_traffic(series, include_4xx=True)["blue"].errors == 15


def test_missing_series_are_zero_counts_and_no_latency():
    assert traffic_metrics.color_traffic({}) == {"blue": ColorTraffic(0, 0, None), "green": ColorTraffic(0, 0, None)}


def test_latency_periods_without_requests_give_a_plain_mean():
    series = {"blue_requests": [(at(0), 10.0)], "blue_latency": [(at(0), 0.1), (at(5), 0.3)]}
    assert traffic_metrics.color_traffic(series)["blue"].latency == pytest.approx(0.2)


def test_errors_are_capped_at_the_requests():
    series = {"blue_requests": [(at(0), 10.0)], "blue_errors_5xx": [(at(0), 12.0)]}
    assert traffic_metrics.color_traffic(series)["blue"] == ColorTraffic(10, 10, None)
