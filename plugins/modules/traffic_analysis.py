#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: traffic_analysis
short_description: Compare the blue and green colors behind an ALB from their CloudWatch metrics (A/B analysis)
version_added: 0.1.0
description:
  - Compares the color under test (O(new_color)) with the other color, the baseline, over a window of time,
    from the Application Load Balancer's CloudWatch metrics of each color's target group (namespace
    C(AWS/ApplicationELB), dimensions C(TargetGroup) and C(LoadBalancer)), and returns a verdict,
    V(pass), V(fail) or V(inconclusive), with the numbers behind it.
  - "Error rate: C(HTTPCode_Target_5XX_Count) (plus C(HTTPCode_Target_4XX_Count) with O(include_4xx=true)) over
    C(RequestCount). The new color fails when its error rate is significantly higher than the baseline's: a
    one-sided two-proportion z-test with the pooled proportion, p-value below O(alpha). It also fails when its
    error rate is above O(error_rate_ceiling)."
  - "Latency: the new color's C(TargetResponseTime) statistic O(latency_stat) over the baseline's. The new color
    fails when the ratio is above O(latency_ratio). When a color has no latency data in the window the check is
    skipped (and said so in RV(reasons)), not failed."
  - The verdict is V(inconclusive) when either color served fewer than O(min_requests) requests in the window;
    the numbers are still returned.
  - One GetMetricData call reads every series (C(Sum) for the counts, O(latency_stat) for the latency), with one
    value for the whole window. It needs the IAM actions C(cloudwatch:GetMetricData),
    C(elasticloadbalancing:DescribeLoadBalancers) and C(elasticloadbalancing:DescribeTargetGroups).
  - It never writes to AWS. The options are checked before the first call to AWS.
author:
  - bluegreen.aws maintainers (@bluegreen-aws)
options:
  load_balancer:
    description:
      - Name or ARN of the Application Load Balancer in front of both colors.
    type: str
    required: true
  blue_target_group:
    description:
      - Name or ARN of the blue color's target group. A listener or rule of O(load_balancer) must forward to it.
    type: str
    required: true
  green_target_group:
    description:
      - Name or ARN of the green color's target group. A listener or rule of O(load_balancer) must forward to it.
    type: str
    required: true
  new_color:
    description:
      - The color under test; the other color is the baseline it is compared with.
    type: str
    required: true
    choices: [blue, green]
  window:
    description:
      - Length of the window in seconds (60 to 86400), ending at the last whole minute before the run.
      - When neither O(window) nor O(start_time) is given, the last 300 seconds.
      - Mutually exclusive with O(start_time) and O(end_time).
    type: int
  start_time:
    description:
      - Start of the window, an ISO 8601 date and time (UTC when it has no time zone), for example
        V(2026-11-29T10:00:00Z); with O(end_time). At most 15 days ago.
    type: str
  end_time:
    description:
      - End of the window, an ISO 8601 date and time (UTC when it has no time zone); with O(start_time).
        The window is 60 to 86400 seconds long.
    type: str
  alpha:
    description:
      - Significance level of the error rate test (above 0, below 1). The new color fails when the p-value is
        below it.
    type: float
    default: 0.05
  error_rate_ceiling:
    description:
      - An absolute ceiling for the new color's error rate, a fraction from 0 to 1 (V(0.02) is 2%).
        The new color fails when its error rate is above it, whatever the baseline's.
      - When unset, only the comparison with the baseline counts.
    type: float
  include_4xx:
    description:
      - Count C(HTTPCode_Target_4XX_Count) as errors too, not only C(HTTPCode_Target_5XX_Count).
    type: bool
    default: false
  latency_stat:
    description:
      - The CloudWatch statistic of C(TargetResponseTime) compared, for example V(p95), V(p99), V(p99.9),
        V(Average), V(Maximum), V(tm90) or V(IQM). V(Sum) and V(SampleCount) are refused.
    type: str
    default: p95
  latency_ratio:
    description:
      - The highest accepted ratio of the new color's latency to the baseline's (1 or more).
    type: float
    default: 1.2
  min_requests:
    description:
      - The fewest requests each color must have served in the window for a verdict other than
        V(inconclusive) (1 or more).
    type: int
    default: 200
notes:
  - Both colors must receive traffic in the window (a canary step, or the test listener) for a verdict.
  - CloudWatch publishes ALB metrics with a delay of about a minute; a window that ends right after a shift
    may miss the last minute.
  - See the collection's C(docs/traffic_analysis.md) for the formulas and a worked example.
  - The action group C(group/bluegreen.aws.aws) sets shared options for every module of the
    collection with C(module_defaults).
extends_documentation_fragment:
  - bluegreen.aws.attributes.info_module
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Compare green (10% canary) with blue over the last ten minutes
  bluegreen.aws.traffic_analysis:
    load_balancer: shop
    blue_target_group: shop-blue
    green_target_group: shop-green
    new_color: green
    window: 600
  register: analysis

- name: Stop the release unless green passed
  ansible.builtin.assert:
    that: analysis.verdict == 'pass'
    fail_msg: "{{ analysis.summary }} {{ analysis.reasons | join('; ') }}"

- name: A stricter comparison over a fixed window, 4xx counted, p99 latency, at most 1% errors
  bluegreen.aws.traffic_analysis:
    load_balancer: "{{ load_balancer_arn }}"
    blue_target_group: "{{ blue_target_group_arn }}"
    green_target_group: "{{ green_target_group_arn }}"
    new_color: blue
    start_time: "2026-11-29T10:00:00Z"
    end_time: "2026-11-29T10:30:00Z"
    include_4xx: true
    latency_stat: p99
    latency_ratio: 1.1
    error_rate_ceiling: 0.01
    alpha: 0.01
    min_requests: 1000
"""

RETURN = r"""
verdict:
  description:
    - V(pass), V(fail), or V(inconclusive) when either color served fewer than O(min_requests) requests.
  returned: always
  type: str
  sample: fail
reasons:
  description:
    - Why the verdict is what it is, one sentence each with its numbers. For V(fail), the checks that failed;
      for V(pass), every check; for V(inconclusive), the colors with too few requests. A skipped latency check
      is always listed.
  returned: always
  type: list
  elements: str
  sample:
    - "green's error rate 3.00% (30 of 1000) is significantly higher than blue's 1.00% (10 of 1000): z 3.19,
      p-value 0.0007 < alpha 0.05"
summary:
  description: One sentence a person can read, with the verdict and the numbers behind it.
  returned: always
  type: str
  sample: "FAIL: green (new) against blue (baseline), error rate 3.00% (30 of 1000) against 1.00% (10 of 1000),
    p-value 0.0007 (alpha 0.05); p95 latency 0.210 s against 0.200 s, ratio 1.05 (limit 1.2)."
checks:
  description: The outcome of each check, V(pass), V(fail) or V(skipped) (all skipped when inconclusive).
  returned: always
  type: dict
  contains:
    error_rate:
      description: The z-test of the new color's error rate against the baseline's.
      type: str
    error_rate_ceiling:
      description: The new color's error rate against O(error_rate_ceiling) (skipped when unset).
      type: str
    latency:
      description: The latency ratio against O(latency_ratio) (skipped when a color has no latency data).
      type: str
  sample: {error_rate: fail, error_rate_ceiling: skipped, latency: pass}
new_color:
  description: The color under test.
  returned: always
  type: str
  sample: green
baseline_color:
  description: The color it is compared with.
  returned: always
  type: str
  sample: blue
z:
  description:
    - The z statistic of the error rate test; positive when the new color's error rate is the higher.
    - Null when a color served no request. V(0) when neither color (or both entirely) failed.
  returned: always
  type: float
  sample: 3.194
p_value:
  description:
    - The one-sided p-value, the probability that a standard normal variable exceeds the statistic.
    - Null when a color served no request; V(1) when neither color failed.
  returned: always
  type: float
  sample: 0.0007
latency_ratio:
  description:
    - The new color's latency over the baseline's (compare with the option O(latency_ratio)).
    - Null when a color has no latency data, or the baseline's latency is 0.
  returned: always
  type: float
  sample: 1.05
latency_statistic:
  description: The statistic of C(TargetResponseTime) compared (O(latency_stat)).
  returned: always
  type: str
  sample: p95
colors:
  description: The numbers of each color in the window.
  returned: always
  type: dict
  contains:
    blue:
      description: The blue color.
      type: dict
      contains:
        target_group_arn:
          description: ARN of its target group.
          type: str
        requests:
          description: Its C(RequestCount) (Sum).
          type: int
        errors:
          description: Its C(HTTPCode_Target_5XX_Count), plus C(HTTPCode_Target_4XX_Count) with O(include_4xx=true).
          type: int
        error_rate:
          description: Errors over requests; null when it served no request.
          type: float
        latency:
          description: Its C(TargetResponseTime) statistic in seconds; null when CloudWatch has no data.
          type: float
    green:
      description: The green color, like RV(colors.blue).
      type: dict
  sample:
    blue:
      target_group_arn: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-blue/73e2d6bc24d8a067
      requests: 1000
      errors: 10
      error_rate: 0.01
      latency: 0.2
    green:
      target_group_arn: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-green/2453ed029918f21f
      requests: 1000
      errors: 30
      error_rate: 0.03
      latency: 0.21
load_balancer_arn:
  description: ARN of the load balancer.
  returned: always
  type: str
  sample: arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188
start_time:
  description: Start of the window analysed (UTC, ISO 8601).
  returned: always
  type: str
  sample: "2026-11-29T10:00:00Z"
end_time:
  description: End of the window analysed (UTC, ISO 8601).
  returned: always
  type: str
  sample: "2026-11-29T10:05:00Z"
period:
  description: The CloudWatch period asked for, in seconds (the window rounded up to whole minutes).
  returned: always
  type: int
  sample: 300
"""

from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule

from ansible_collections.bluegreen.aws.plugins.module_utils._core.runner import run_module
from ansible_collections.bluegreen.aws.plugins.module_utils._release.traffic_analysis import analyse_traffic
from ansible_collections.bluegreen.aws.plugins.module_utils._release.traffic_options import (
    ARGUMENT_SPEC,
    MUTUALLY_EXCLUSIVE,
    REQUIRED_TOGETHER,
)


def main():
    module = AnsibleAWSModule(
        argument_spec=ARGUMENT_SPEC,
        supports_check_mode=True,
        mutually_exclusive=MUTUALLY_EXCLUSIVE,
        required_together=REQUIRED_TOGETHER,
    )
    run_module(module, analyse_traffic)


if __name__ == "__main__":
    main()
