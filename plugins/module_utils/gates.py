# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudWatch alarm gates shared by every module that shifts traffic."""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry

from .weights import ValidationError

ALARM_TYPES = ["MetricAlarm", "CompositeAlarm"]
# AWS accepts at most 100 alarm names per DescribeAlarms call.
NAMES_PER_CALL = 100


class AlarmGate:
    """Reads the state of a fixed set of alarms.

    ``client`` is a CloudWatch client made with a retry decorator; with no
    alarms the gate never calls AWS.
    """

    def __init__(self, client, names):
        self.client = client
        self.names = list(names or [])

    def _describe(self):
        alarms = {}
        for start in range(0, len(self.names), NAMES_PER_CALL):
            response = self.client.describe_alarms(
                AlarmNames=self.names[start : start + NAMES_PER_CALL],
                AlarmTypes=ALARM_TYPES,
                aws_retry=True,
            )
            for alarm in response.get("MetricAlarms", []) + response.get("CompositeAlarms", []):
                alarms[alarm["AlarmName"]] = alarm["StateValue"]
        return alarms

    def validate(self):
        """Fail (ValidationError) when an alarm does not exist."""
        if not self.names:
            return
        missing = [name for name in self.names if name not in self._describe()]
        if missing:
            raise ValidationError("alarms: no CloudWatch alarm named %s" % ", ".join(missing))

    def in_alarm(self):
        """Names of the alarms currently in the ALARM state, sorted."""
        if not self.names:
            return []
        return sorted(name for name, state in self._describe().items() if state == "ALARM")


def cloudwatch_client(module):
    return module.client("cloudwatch", retry_decorator=AWSRetry.jittered_backoff())


def hold(gate, seconds, sleep, clock, poll_seconds):
    """Hold for ``seconds``, checking the alarms every ``poll_seconds``.

    Returns the alarms found in ALARM (the hold ends early), else [].
    """
    deadline = clock() + seconds
    while True:
        remaining = deadline - clock()
        if remaining <= 0:
            return []
        sleep(min(poll_seconds, remaining))
        alarms = gate.in_alarm()
        if alarms:
            return alarms
