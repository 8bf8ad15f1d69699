# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""CloudWatch calls (with retries)."""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry

from .._core.errors import ModuleFailure

ALARM_TYPES = ["MetricAlarm", "CompositeAlarm"]
# AWS accepts at most 100 alarm names per DescribeAlarms call.
NAMES_PER_CALL = 100
# GetMetricData answers each query with one of these; the others are failures.
USABLE_STATUS_CODES = ("Complete", "PartialData")


def cloudwatch_client(module):
    return module.client("cloudwatch", retry_decorator=AWSRetry.jittered_backoff())


def alarm_states(client, names):
    """``{alarm name: StateValue}`` of the metric and composite alarms among ``names`` that exist."""
    states = {}
    for start in range(0, len(names), NAMES_PER_CALL):
        response = client.describe_alarms(
            AlarmNames=names[start : start + NAMES_PER_CALL], AlarmTypes=ALARM_TYPES, aws_retry=True
        )
        for alarm in response.get("MetricAlarms", []) + response.get("CompositeAlarms", []):
            states[alarm["AlarmName"]] = alarm["StateValue"]
    return states


def metric_data(client, queries, start_time, end_time):
    """``{query id: [(timestamp, value), ...]}`` for ``queries`` (GetMetricData ``MetricDataQueries``).

    One GetMetricData call for all the queries, followed by its NextToken pages.
    A query that AWS could not answer (StatusCode Forbidden or InternalError)
    makes it raise ModuleFailure naming the query.
    """
    series = dict((query["Id"], []) for query in queries)
    arguments = dict(MetricDataQueries=queries, StartTime=start_time, EndTime=end_time, ScanBy="TimestampAscending")
    while True:
        response = client.get_metric_data(aws_retry=True, **arguments)
        for result in response.get("MetricDataResults", []):
            status = result.get("StatusCode", "Complete")
            if status not in USABLE_STATUS_CODES:
                messages = "; ".join(message.get("Value", "") for message in result.get("Messages") or [])
                raise ModuleFailure(
                    "CloudWatch GetMetricData could not answer query %s: %s%s"
                    % (result.get("Id"), status, " (%s)" % messages if messages else "")
                )
            timestamps, values = result.get("Timestamps", []), result.get("Values", [])
            series.setdefault(result["Id"], []).extend((timestamps[i], values[i]) for i in range(len(values)))
        token = response.get("NextToken")
        if not token:
            return series
        arguments["NextToken"] = token
