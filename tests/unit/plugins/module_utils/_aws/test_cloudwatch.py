"""GetMetricData through a real boto3 client, stubbed (moto cannot compute percentiles)."""

import time
from datetime import datetime, timezone

import boto3
import pytest
from botocore.stub import Stubber

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry, RetryingBotoClientWrapper
from ansible_collections.bluegreen.aws.plugins.module_utils._aws import cloudwatch
from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import ModuleFailure
from ansible_collections.bluegreen.aws.plugins.module_utils._release import traffic_metrics

LB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188"
TARGET_GROUPS = {
    "blue": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-blue/73e2d6bc24d8a067",
    "green": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-green/2453ed029918f21f",
}
START = datetime(2026, 11, 29, 10, 0, tzinfo=timezone.utc)
END = datetime(2026, 11, 29, 10, 5, tzinfo=timezone.utc)


@pytest.fixture
def no_sleep(monkeypatch):
    sleeps = []
    monkeypatch.setattr(time, "sleep", sleeps.append)
    return sleeps


@pytest.fixture
def stubbed():
    client = boto3.client(
        "cloudwatch", region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing"
    )
    with Stubber(client) as stubber:
        yield RetryingBotoClientWrapper(client, AWSRetry.jittered_backoff()), stubber
        stubber.assert_no_pending_responses()


def answer(query_id, values, status="Complete", messages=None):
    result = {"Id": query_id, "Timestamps": [START] * len(values), "Values": values, "StatusCode": status}
    if messages:
        result["Messages"] = messages
    return result


def request(queries, token=None):
    expected = dict(MetricDataQueries=queries, StartTime=START, EndTime=END, ScanBy="TimestampAscending")
    if token:
        expected["NextToken"] = token
    return expected


def test_p95_latency_read_in_one_call_with_the_counts(stubbed):
    client, stubber = stubbed
    queries = traffic_metrics.metric_queries(LB, TARGET_GROUPS, 300, "p95")
    latency = [query for query in queries if query["Id"] == "green_latency"][0]["MetricStat"]
    assert (latency["Metric"]["MetricName"], latency["Stat"]) == ("TargetResponseTime", "p95")
    stubber.add_response(
        "get_metric_data",
        {
            "MetricDataResults": [
                answer("blue_requests", [1000.0]),
                answer("blue_errors_5xx", [10.0]),
                answer("blue_latency", [0.2]),
                answer("green_requests", [1000.0]),
                answer("green_errors_5xx", [30.0]),
                answer("green_latency", [0.31]),
            ]
        },
        request(queries),
    )
    series = cloudwatch.metric_data(client, queries, START, END)
    assert series["green_latency"] == [(START, 0.31)]
    traffic = traffic_metrics.color_traffic(series)
    assert traffic["blue"] == traffic_metrics.ColorTraffic(1000, 10, 0.2)
    assert traffic["green"] == traffic_metrics.ColorTraffic(1000, 30, 0.31)


def test_pages_are_followed_and_throttling_retried(stubbed, no_sleep):
    client, stubber = stubbed
    queries = traffic_metrics.metric_queries(LB, TARGET_GROUPS, 300, "p99")
    stubber.add_client_error("get_metric_data", "Throttling", expected_params=request(queries))
    stubber.add_response(
        "get_metric_data",
        {"MetricDataResults": [answer("blue_latency", [0.4], status="PartialData")], "NextToken": "page-2"},
        request(queries),
    )
    stubber.add_response(
        "get_metric_data", {"MetricDataResults": [answer("blue_latency", [0.5])]}, request(queries, "page-2")
    )
    series = cloudwatch.metric_data(client, queries, START, END)
    assert series["blue_latency"] == [(START, 0.4), (START, 0.5)]
    assert series["green_requests"] == []
    assert len(no_sleep) == 1


def test_a_query_aws_could_not_answer_fails_naming_it(stubbed):
    client, stubber = stubbed
    queries = traffic_metrics.metric_queries(LB, TARGET_GROUPS, 300, "p95")
    stubber.add_response(
        "get_metric_data",
        {
            "MetricDataResults": [
                answer("blue_requests", [5.0]),
                answer("green_latency", [], status="Forbidden", messages=[{"Code": "Forbidden", "Value": "denied"}]),
            ]
        },
        request(queries),
    )
    with pytest.raises(ModuleFailure, match="^CloudWatch GetMetricData could not answer query green_latency: "):
        cloudwatch.metric_data(client, queries, START, END)
