#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: alb_shift
short_description: Shift traffic between the blue and green target groups of an ALB listener
version_added: 0.1.0
description:
  - Moves traffic between two target groups, blue and green, through the weighted forward action
    of an Application Load Balancer listener (its default action) or of one listener rule.
  - All at once, as a canary or in linear O(steps), each step gated by CloudWatch O(alarms).
    When an alarm fires, the split found at the start (or O(rollback_split)) is restored with one write.
  - One ModifyListener (or ModifyRule) call per step, none when the split already matches.
    Other actions (for example authenticate-oidc or authenticate-cognito before the forward
    action) and every other setting of the listener or rule are kept exactly.
  - Splits are compared as percentages after normalising the weights AWS holds (0-999); the
    module writes weights that sum to 100. A forward action with a single target group is
    converted to the weighted form. A forward action that also sends to a third target group
    makes the module fail; it never drops a target group.
  - Every input is validated before the first write; AWS is left untouched when one is wrong.
author:
  - bluegreen.aws maintainers (@bluegreen-aws)
options:
  listener_arn:
    description:
      - ARN of the listener whose default forward action is shifted.
      - Exactly one of O(listener_arn), O(load_balancer) or O(rule_arn) is needed
        (O(rule_arn) may be combined with either of the others).
    type: str
  load_balancer:
    description:
      - Name or ARN of the load balancer, with O(port), instead of O(listener_arn).
    type: str
  port:
    description:
      - Port of the listener on O(load_balancer).
    type: int
  rule_arn:
    description:
      - Shift the forward action of this listener rule instead of the listener's default action.
    type: str
  blue_target_group:
    description:
      - Name or ARN of the blue color's target group. It must be in the load balancer's VPC.
    type: str
    required: true
  green_target_group:
    description:
      - Name or ARN of the green color's target group. It must be in the load balancer's VPC.
    type: str
    required: true
  min_healthy_targets:
    description:
      - A target group may gain a share of traffic only when it has at least this many healthy
        targets. Traffic may always move away from a color, healthy or not.
      - With O(wait=true) the module waits up to O(wait_timeout) seconds for them; otherwise it
        fails before any write.
      - V(0) disables the check.
    type: int
    default: 1
  shift_to:
    description:
      - The color that receives O(percent) of the traffic; the other color gets the rest.
      - V(previous) is the color that was live before the newest release, as the release marks on the
        two target groups tell (the tags C(bluegreen:version) and C(bluegreen:deployed-at) that
        M(bluegreen.aws.ecs_bluegreen) puts on the color it releases to), that is the other color than the
        one with the newest mark. It fails, changing nothing, when no target group is marked, when both
        carry the same time, or when the previous color never received a release. It is how the
        rollback playbook switches back in one call.
      - When omitted, nothing is changed and the module only reports the current split.
    type: str
    choices: [blue, green, previous]
  stickiness:
    description:
      - Seconds of target group stickiness on the forward action (1 to 604800); V(0) disables it.
      - When unset, the stickiness of the forward action is left as it is.
    type: int
  analysis:
    description:
      - Compare the colors at the end of each held step (an intermediate step held for O(step_interval)
        seconds) from the ALB's CloudWatch metrics of the two target groups, like M(bluegreen.aws.traffic_analysis)
        with O(shift_to) as the new color. A V(fail) verdict returns the traffic like an alarm in ALARM; an
        V(inconclusive) one too, unless O(analysis.inconclusive=pass).
      - The verdict of each step is returned in RV(analysis). Unset, no analysis is made.
      - Needs C(cloudwatch:GetMetricData).
    type: dict
    suboptions:
      alpha:
        description: Significance level of the error rate test (above 0, below 1).
        type: float
        default: 0.05
      min_requests:
        description: The fewest requests each color must serve in the window for a verdict other than inconclusive.
        type: int
        default: 200
      latency_stat:
        description: The statistic of C(TargetResponseTime) compared, for example V(p95), V(p99) or V(Average).
        type: str
        default: p95
      latency_ratio:
        description: The highest accepted ratio of the new color's latency to the other's (1 or more).
        type: float
        default: 1.2
      error_rate_ceiling:
        description: An absolute ceiling for the new color's error rate, a fraction from 0 to 1; unset, none.
        type: float
      include_4xx:
        description: Count C(HTTPCode_Target_4XX_Count) as errors too.
        type: bool
        default: false
      inconclusive:
        description: What an V(inconclusive) verdict at the end of a held step counts as, V(fail) or V(pass).
        type: str
        choices: [fail, pass]
        default: fail
      window:
        description:
          - Seconds of metrics analysed, ending at the last whole minute (60 to 86400). Defaults to
            O(step_interval), at least 60.
        type: int
notes:
  - Check mode writes nothing and waits for nothing; it reports C(changed) and RV(after) as a
    real run would, and RV(steps_applied) lists the steps that would be written.
  - "Diff mode shows the split before and after, for example V({blue: 90, green: 10})."
  - The action group C(group/bluegreen.aws.aws) sets shared options for every module of the
    collection with C(module_defaults).
extends_documentation_fragment:
  - bluegreen.aws.attributes
  - bluegreen.aws.shift
  - bluegreen.aws.wait
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Send all traffic to green at once
  bluegreen.aws.alb_shift:
    listener_arn: "{{ listener_arn }}"
    blue_target_group: shop-blue
    green_target_group: shop-green
    shift_to: green

- name: Canary, 10% to green for five minutes, gated by alarms, then 100%
  bluegreen.aws.alb_shift:
    load_balancer: shop
    port: 443
    blue_target_group: shop-blue
    green_target_group: shop-green
    shift_to: green
    steps: [10]
    step_interval: 300
    alarms:
      - shop-green-5xx
      - shop-green-latency

- name: Linear, 10% more every minute
  bluegreen.aws.alb_shift:
    listener_arn: "{{ listener_arn }}"
    blue_target_group: shop-blue
    green_target_group: shop-green
    shift_to: green
    steps: [10, 20, 30, 40, 50, 60, 70, 80, 90]
    step_interval: 60
    alarms: [shop-green-5xx]

- name: "One step of a shift run one step per call: 50% to green, held 60 s; a failed gate returns all to blue"
  bluegreen.aws.alb_shift:
    listener_arn: "{{ listener_arn }}"
    blue_target_group: shop-blue
    green_target_group: shop-green
    shift_to: green
    percent: 50
    hold: 60
    rollback_split: {blue: 100, green: 0}
    alarms: [shop-green-5xx]

- name: Shift the forward action of one listener rule (the test listener's /api rule)
  bluegreen.aws.alb_shift:
    rule_arn: "{{ api_rule_arn }}"
    blue_target_group: shop-blue
    green_target_group: shop-green
    shift_to: green
    percent: 50
    stickiness: 300

- name: Read the current split only (no shift_to)
  bluegreen.aws.alb_shift:
    listener_arn: "{{ listener_arn }}"
    blue_target_group: shop-blue
    green_target_group: shop-green
  register: split

- name: Roll back to the color that was live before the newest release, in one write
  bluegreen.aws.alb_shift:
    load_balancer: shop
    port: 443
    blue_target_group: shop-blue
    green_target_group: shop-green
    shift_to: previous
    wait: false

- name: The same, and record the rollback in the release history in the same call, breaking any release lock
  bluegreen.aws.alb_shift:
    load_balancer: shop
    port: 443
    blue_target_group: shop-blue
    green_target_group: shop-green
    shift_to: previous
    history_record:
      app: shop
      started_at: "{{ now(utc=true).isoformat() }}"
      outcome: rolled_back
      break_lock: true
  register: rollback

- name: Roll back to the live color found above, in one write
  bluegreen.aws.alb_shift:
    listener_arn: "{{ listener_arn }}"
    blue_target_group: shop-blue
    green_target_group: shop-green
    shift_to: blue
    min_healthy_targets: 0
  when: split.live_color != 'blue'
"""

RETURN = r"""
listener_arn:
  description: ARN of the listener.
  returned: always
  type: str
  sample: arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2
rule_arn:
  description: ARN of the rule that was shifted, null for the default action.
  returned: always
  type: str
before:
  description: The split found at the start, in percent per color.
  returned: always
  type: dict
  sample: {blue: 100, green: 0}
after:
  description: The split at the end (in check mode, the split a real run would leave).
  returned: always
  type: dict
  sample: {blue: 0, green: 100}
live_color:
  description: The color with 100% of the traffic after the run; null while the traffic is split.
  returned: always
  type: str
  sample: green
idle_color:
  description: The color with no traffic after the run; null while the traffic is split.
  returned: always
  type: str
  sample: blue
dns_name:
  description: The DNS name of the listener's load balancer.
  returned: always
  type: str
  sample: shop-1234567890.us-east-1.elb.amazonaws.com
target_groups:
  description: ARNs of the two target groups.
  returned: always
  type: dict
  sample:
    blue: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-blue/73e2d6bc24d8a067
    green: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-green/2453ed029918f21f
steps_applied:
  description: Percentages of O(shift_to) written, in order (in check mode, those that would be written).
  returned: always
  type: list
  elements: int
  sample: [10, 100]
rolled_back:
  description: Whether the split found at the start was restored after a failure.
  returned: always
  type: bool
  sample: false
releases:
  description:
    - The release marks on each color's target group (C(bluegreen:version), C(bluegreen:deployed-at)),
      null where a tag is missing.
  returned: when O(shift_to=previous)
  type: dict
  sample:
    blue: {version: "1.4.2", deployed_at: "2026-11-29T10:03:10Z"}
    green: {version: "1.4.1", deployed_at: "2026-11-20T08:15:00Z"}
shifted_to:
  description: The color O(shift_to) named (for V(previous), the color it was found to be); null without O(shift_to).
  returned: always
  type: str
  sample: green
alarms_in_alarm:
  description: The alarms found in the ALARM state that stopped the shift.
  returned: always
  type: list
  elements: str
  sample: []
analysis:
  description:
    - The A/B verdict at the end of each held step, in order; each with C(step) (the percent of O(shift_to)),
      C(verdict), C(summary), C(reasons), C(p_value), C(latency_ratio), C(colors) (requests, errors, error rate
      and latency of each color), C(start_time) and C(end_time).
  returned: with O(analysis), when the shift wrote
  type: list
  elements: dict
  sample:
    - step: 50
      verdict: pass
      summary: "PASS: green (new) against blue (baseline), error rate 1.00% (10 of 1000) against 1.00% (10 of 1000)."
lease_renewals:
  description: How often the lease of O(lease) was renewed.
  returned: with O(lease), when the shift wrote
  type: int
  sample: 2
history_record:
  description:
    - The history record written for the switch (as M(bluegreen.aws.release_history) returns it), or the record
      written before by a run with the same O(history_record.id).
  returned: with O(history_record), unless RV(history_record_error)
  type: dict
  sample:
    id: rollback-20261129T102144-1234
    app: shop
    from: {color: green, version: 1.4.2}
    to: {color: blue, version: 1.4.1}
    shift: all_at_once
    steps: [100]
    outcome: rolled_back
    reason: all traffic to blue in one write
broken_holder:
  description:
    - The release lock that O(history_record.break_lock=true) removed (owner, holder, acquired_at); null when
      none was held.
  returned: with O(history_record) and O(history_record.break_lock=true), unless RV(history_record_error)
  type: dict
history_record_error:
  description: Why the record of O(history_record) could not be written; the switch stands.
  returned: when the record failed
  type: str
  sample: "table: the DynamoDB table bluegreen-releases does not exist"
"""

from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule

from ansible_collections.bluegreen.aws.plugins.module_utils._routers.alb import (
    ALB_SHIFT_ARGUMENT_CONSTRAINTS,
    alb_shift_argument_spec,
    shift_listener,
)
from ansible_collections.bluegreen.aws.plugins.module_utils._core.runner import run_module


def main():
    module = AnsibleAWSModule(
        argument_spec=alb_shift_argument_spec(),
        supports_check_mode=True,
        **ALB_SHIFT_ARGUMENT_CONSTRAINTS,
    )
    run_module(module, shift_listener)


if __name__ == "__main__":
    main()
