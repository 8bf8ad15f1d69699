# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""CloudWatch calls (with retries)."""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry

ALARM_TYPES = ["MetricAlarm", "CompositeAlarm"]
# AWS accepts at most 100 alarm names per DescribeAlarms call.
NAMES_PER_CALL = 100


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
