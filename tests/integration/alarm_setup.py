"""CloudWatch alarms for the gate tests (test set-up only)."""


def make_alarm(cloudwatch, name="shop-green-5xx"):
    """A 5xx alarm in the OK state; tests set it to ALARM with set_alarm_state."""
    cloudwatch.put_metric_alarm(
        AlarmName=name,
        MetricName="HTTPCode_Target_5XX_Count",
        Namespace="AWS/ApplicationELB",
        Statistic="Sum",
        Period=60,
        EvaluationPeriods=1,
        Threshold=10,
        ComparisonOperator="GreaterThanThreshold",
    )
    cloudwatch.set_alarm_state(AlarmName=name, StateValue="OK", StateReason="test set-up")
    return name


# A hold that an alarm must cut short: ten minutes. A run still going after
# half of it (the watch's timeout) held on in spite of the alarm, however slow
# the machine; a run whose alarm works never waits that long.
LONG_HOLD = 600
