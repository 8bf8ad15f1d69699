#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: route53_weight
short_description: Shift traffic between blue and green with a pair of Route 53 weighted records
version_added: 0.1.0
description:
  - Moves traffic between two whole stacks, blue and green (two load balancers, two clusters, two
    regions), through a pair of Route 53 weighted records that share one name and type.
  - Both records are written in one ChangeResourceRecordSets batch (two UPSERTs), so the split
    changes atomically. One batch per step, none when the records and the split already match
    (values, alias, TTL and health check included).
  - All at once, as a canary or in linear O(steps), each step gated by CloudWatch O(alarms).
    When an alarm fires, the records found at the start are restored with one batch (with
    O(rollback_split), the records as given with the weights of that split).
  - The weights written are the percentages themselves (0 to 100, within Route 53's 0 to 255), and
    never 0 for both records, since Route 53 then splits evenly; 100% to one color writes the
    weights 100 and 0. Splits are compared as percentages after normalising the weights Route 53
    holds, so weights such as 3 and 1 read as 75% and 25%.
  - The pair is created on first use. When the name and type hold other records (a simple record,
    other set identifiers, another routing policy, or records next to a CNAME), the module fails
    and lists them; it never deletes or overwrites records it does not own.
  - Before a color with a O(blue.health_check_id) (or O(green.health_check_id)) gets a larger
    share than it has, the status of that health check is read; the module fails before any write
    when it is unhealthy. Traffic may always move away from an unhealthy color.
  - With O(wait=true), after each batch the module waits until Route 53 reports the change C(INSYNC)
    (applied on all its name servers), at most O(wait_timeout) seconds (at least 1); a step is held only
    once it is in sync. A step that is not in sync in time stops the shift (see O(rollback_on_failure)).
  - With O(wait_slice), when the wait for the last batch of the call reaches the end of the slice, the
    module returns RV(waiting) with the batch's RV(change_id), before holding the step; the next call, with
    the same options, O(wait_change) and O(wait_started), waits for that change (a slice at most), then holds
    the step without writing it again. The wait for an earlier batch of the call is never cut.
  - Every input is validated before the first write; Route 53 is left untouched when one is wrong.
author:
  - bluegreen.aws maintainers (@bluegreen-aws)
options:
  zone:
    description:
      - Name of the hosted zone that holds O(record), for example V(example.com) (a trailing dot is
        optional).
      - Exactly one of O(zone) or O(hosted_zone_id) is needed.
    type: str
  hosted_zone_id:
    description:
      - ID of the hosted zone that holds O(record), with or without the C(/hostedzone/) prefix.
    type: str
  private_zone:
    description:
      - With O(zone), pick the private hosted zone of that name rather than the public one.
      - Ignored with O(hosted_zone_id).
    type: bool
    default: false
  record:
    description:
      - The fully qualified name of the record pair, for example V(www.example.com) (a trailing dot
        is optional). It must be in the hosted zone; V(*) is allowed as its first label.
    type: str
    required: true
  type:
    description:
      - The DNS type of both records.
    type: str
    required: true
    choices: [A, AAAA, CNAME]
  ttl:
    description:
      - Seconds resolvers may cache the answer, from 0 to 2147483647.
      - Used for records with a O(blue.value) or O(green.value) only; alias records have the TTL of
        their target.
    type: int
    default: 60
  blue:
    description:
      - The blue record.
    type: dict
    required: true
    suboptions:
      identifier:
        description:
          - The record's SetIdentifier, 1 to 128 characters. It must differ from O(green.identifier).
        type: str
        default: blue
      value:
        description:
          - The record's values (IPv4 addresses for V(A), IPv6 addresses for V(AAAA), one name for
            V(CNAME)). Order does not matter.
          - Exactly one of O(blue.value) or O(blue.alias) is needed.
        type: list
        elements: str
      alias:
        description:
          - Make the record an alias of an AWS resource (for example a load balancer) or of another
            record of the zone.
        type: dict
        suboptions:
          dns_name:
            description:
              - DNS name of the target, for example the C(DNSName) of a load balancer.
            type: str
            required: true
          hosted_zone_id:
            description:
              - Hosted zone ID of the target, for example the C(CanonicalHostedZoneId) of a load
                balancer.
            type: str
            required: true
          evaluate_target_health:
            description:
              - Whether Route 53 checks the health of the alias target before answering with it.
            type: bool
            default: true
      health_check_id:
        description:
          - ID of a Route 53 health check to associate with the record.
          - It must exist, and be healthy whenever blue gains a share of the traffic.
          - When omitted, a health check found on the record is removed.
        type: str
  green:
    description:
      - The green record.
    type: dict
    required: true
    suboptions:
      identifier:
        description:
          - The record's SetIdentifier, 1 to 128 characters. It must differ from O(blue.identifier).
        type: str
        default: green
      value:
        description:
          - The record's values (IPv4 addresses for V(A), IPv6 addresses for V(AAAA), one name for
            V(CNAME)). Order does not matter.
          - Exactly one of O(green.value) or O(green.alias) is needed.
        type: list
        elements: str
      alias:
        description:
          - Make the record an alias of an AWS resource (for example a load balancer) or of another
            record of the zone.
        type: dict
        suboptions:
          dns_name:
            description:
              - DNS name of the target, for example the C(DNSName) of a load balancer.
            type: str
            required: true
          hosted_zone_id:
            description:
              - Hosted zone ID of the target, for example the C(CanonicalHostedZoneId) of a load
                balancer.
            type: str
            required: true
          evaluate_target_health:
            description:
              - Whether Route 53 checks the health of the alias target before answering with it.
            type: bool
            default: true
      health_check_id:
        description:
          - ID of a Route 53 health check to associate with the record.
          - It must exist, and be healthy whenever green gains a share of the traffic.
          - When omitted, a health check found on the record is removed.
        type: str
  wait_change:
    description:
      - The RV(change_id) of the call whose O(wait_slice) ended first (it returned RV(waiting)). This call first
        waits for that change to be C(INSYNC), at most O(wait_slice) seconds (returning RV(waiting) again while it
        is not), then goes on with the shift as without it (a split already in place is only held).
      - Needs O(wait=true).
    type: str
notes:
  - Check mode writes nothing and waits for nothing; it reports C(changed), RV(after) and
    RV(records) as a real run would, and RV(steps_applied) lists the steps that would be written.
  - "Diff mode shows the split and the records before and after, for example
    V({blue: 90, green: 10, records: {...}})."
  - Route 53 gives no API status for a calculated health check; one is not checked before a shift
    (the module warns), although Route 53 still applies it to the record.
  - A disabled health check counts as healthy and an inverted one is flipped, as Route 53 does.
  - The action group C(group/bluegreen.aws.aws) sets shared options for every module of the
    collection with C(module_defaults).
extends_documentation_fragment:
  - bluegreen.aws.attributes
  - bluegreen.aws.shift
  - bluegreen.aws.wait
  - bluegreen.aws.wait_slice
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Send all of www.example.com to green at once
  bluegreen.aws.route53_weight:
    zone: example.com
    record: www.example.com
    type: A
    blue:
      value: [192.0.2.10, 192.0.2.11]
    green:
      value: [198.51.100.10, 198.51.100.11]
    shift_to: green

- name: "One step of a shift run one step per call: 25% to green, held 300 s; a gate that fails returns all to blue"
  bluegreen.aws.route53_weight:
    zone: example.com
    record: www.example.com
    type: A
    blue:
      value: [192.0.2.10, 192.0.2.11]
    green:
      value: [198.51.100.10, 198.51.100.11]
    shift_to: green
    percent: 25
    hold: 300
    rollback_split: {blue: 100, green: 0}
    alarms: [www-green-5xx]

# Two clusters (for example two EKS clusters), each behind its own load balancer:
# blue and green are aliases of the two load balancers.
- name: Look up the load balancers of the two clusters
  amazon.aws.elb_application_lb_info:
    names: [shop-blue-cluster, shop-green-cluster]
  register: lbs

- name: Canary, 10% of shop.example.com to the green cluster for ten minutes, gated, then 100%
  bluegreen.aws.route53_weight:
    zone: example.com
    record: shop.example.com
    type: A
    blue:
      alias:
        dns_name: "{{ blue_lb.dns_name }}"
        hosted_zone_id: "{{ blue_lb.canonical_hosted_zone_id }}"
    green:
      alias:
        dns_name: "{{ green_lb.dns_name }}"
        hosted_zone_id: "{{ green_lb.canonical_hosted_zone_id }}"
    shift_to: green
    steps: [10]
    step_interval: 600
    alarms:
      - shop-green-5xx
      - shop-green-latency
  vars:
    blue_lb: "{{ lbs.load_balancers | selectattr('load_balancer_name', 'eq', 'shop-blue-cluster') | first }}"
    green_lb: "{{ lbs.load_balancers | selectattr('load_balancer_name', 'eq', 'shop-green-cluster') | first }}"

- name: Back to the blue cluster, in one batch
  bluegreen.aws.route53_weight:
    zone: example.com
    record: shop.example.com
    type: A
    blue:
      alias:
        dns_name: "{{ blue_lb.dns_name }}"
        hosted_zone_id: "{{ blue_lb.canonical_hosted_zone_id }}"
    green:
      alias:
        dns_name: "{{ green_lb.dns_name }}"
        hosted_zone_id: "{{ green_lb.canonical_hosted_zone_id }}"
    shift_to: blue
  vars:
    blue_lb: "{{ lbs.load_balancers | selectattr('load_balancer_name', 'eq', 'shop-blue-cluster') | first }}"
    green_lb: "{{ lbs.load_balancers | selectattr('load_balancer_name', 'eq', 'shop-green-cluster') | first }}"

- name: Linear over two regions, 25% more every five minutes, health-checked, in a private zone
  bluegreen.aws.route53_weight:
    zone: internal.example.com
    private_zone: true
    record: api.internal.example.com
    type: CNAME
    ttl: 30
    blue:
      identifier: api-us-east-1
      value: [api.us-east-1.internal.example.com]
      health_check_id: "{{ blue_health_check_id }}"
    green:
      identifier: api-eu-west-1
      value: [api.eu-west-1.internal.example.com]
      health_check_id: "{{ green_health_check_id }}"
    shift_to: green
    steps: [25, 50, 75]
    step_interval: 300
    alarms: [api-eu-west-1-errors]

- name: Read the current split only (no shift_to)
  bluegreen.aws.route53_weight:
    hosted_zone_id: Z0123456789ABCDEFGHIJ
    record: www.example.com
    type: A
    blue:
      value: [192.0.2.10]
    green:
      value: [198.51.100.10]
  register: split

- name: Roll back to blue, in one batch
  bluegreen.aws.route53_weight:
    hosted_zone_id: Z0123456789ABCDEFGHIJ
    record: www.example.com
    type: A
    blue:
      value: [192.0.2.10]
    green:
      value: [198.51.100.10]
    shift_to: blue
  when: split.live_color != 'blue'
"""

RETURN = r"""
hosted_zone_id:
  description: ID of the hosted zone.
  returned: always
  type: str
  sample: Z0123456789ABCDEFGHIJ
record:
  description: The record name, in lower case with a trailing dot.
  returned: always
  type: str
  sample: shop.example.com.
before:
  description: The split found at the start, in percent per color (both 0 when no record had a weight).
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
records:
  description:
    - The two records after the run (in check mode, the records a real run would leave); null for
      a record that does not exist.
    - Each has C(identifier), C(weight), C(ttl) and C(value) (null for an alias), C(alias) (null
      unless an alias, else C(dns_name), C(hosted_zone_id) and C(evaluate_target_health)) and
      C(health_check_id).
  returned: always
  type: dict
  sample:
    blue:
      identifier: blue
      weight: 0
      ttl: null
      value: null
      alias:
        dns_name: shop-blue-cluster-1234567890.us-east-1.elb.amazonaws.com
        hosted_zone_id: Z35SXDOTRQ7X7K
        evaluate_target_health: true
      health_check_id: null
    green:
      identifier: green
      weight: 100
      ttl: null
      value: null
      alias:
        dns_name: shop-green-cluster-0987654321.us-east-1.elb.amazonaws.com
        hosted_zone_id: Z35SXDOTRQ7X7K
        evaluate_target_health: true
      health_check_id: null
change_id:
  description: ID of the last change written (the rollback's after a rollback); null when nothing was written.
  returned: always
  type: str
  sample: /change/C2682N5HXP0BZ4
steps_applied:
  description: Percentages of O(shift_to) written, in order (in check mode, those that would be written).
  returned: always
  type: list
  elements: int
  sample: [10, 100]
rolled_back:
  description: Whether the records found at the start were restored after a failure.
  returned: always
  type: bool
  sample: false
alarms_in_alarm:
  description: The alarms found in the ALARM state that stopped the shift.
  returned: always
  type: list
  elements: str
  sample: []
foreign_records:
  description:
    - The records under O(record) that are not the pair.
    - Each has C(name), C(type), C(routing_policy), C(description) and the keys of RV(records).
  returned: when the module fails because of them
  type: list
  elements: dict
  sample:
    - name: www.example.com.
      type: A
      routing_policy: simple
      description: "www.example.com. A simple record, value 192.0.2.99"
      identifier: null
      weight: null
      ttl: 300
      value: [192.0.2.99]
      alias: null
      health_check_id: null
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
waiting:
  description:
    - Whether the wait for RV(change_id) is not over because this call's O(wait_slice) ended first. The batch is
      written; call again with the same options, O(wait_change) and O(wait_started) to go on waiting, then hold.
    - False when the wait is over, and in check mode or with O(wait=false).
  returned: always
  type: bool
  sample: false
waiting_for:
  description: What the wait waits for, how long it has waited so far and what it last saw.
  returned: when RV(waiting) is true
  type: str
  sample: >-
    change /change/C2682N5HXP0BZ4 to be INSYNC; waited 60 seconds, last seen: change /change/C2682N5HXP0BZ4 is
    not INSYNC yet
wait_started:
  description: When the wait began (seconds since the epoch), to pass as O(wait_started) to the next call.
  returned: when RV(waiting) is true
  type: float
  sample: 1796547600.25
"""

from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule

from ansible_collections.bluegreen.aws.plugins.module_utils._routers.route53 import shift_records
from ansible_collections.bluegreen.aws.plugins.module_utils._core.options import (
    SHIFT_ARGUMENT_SPEC,
    WAIT_SLICE_ARGUMENT_SPEC,
    wait_argument_spec,
)
from ansible_collections.bluegreen.aws.plugins.module_utils._release.switch_record import HISTORY_RECORD_ARGUMENT_SPEC
from ansible_collections.bluegreen.aws.plugins.module_utils._core.runner import run_module


def color_spec(color):
    return dict(
        type="dict",
        required=True,
        options=dict(
            identifier=dict(type="str", default=color),
            value=dict(type="list", elements="str"),
            alias=dict(
                type="dict",
                options=dict(
                    dns_name=dict(type="str", required=True),
                    hosted_zone_id=dict(type="str", required=True),
                    evaluate_target_health=dict(type="bool", default=True),
                ),
            ),
            health_check_id=dict(type="str"),
        ),
        mutually_exclusive=[("value", "alias")],
        required_one_of=[("value", "alias")],
    )


def main():
    argument_spec = dict(
        zone=dict(type="str"),
        hosted_zone_id=dict(type="str"),
        private_zone=dict(type="bool", default=False),
        record=dict(type="str", required=True),
        type=dict(type="str", required=True, choices=["A", "AAAA", "CNAME"]),
        ttl=dict(type="int", default=60),
        blue=color_spec("blue"),
        green=color_spec("green"),
        **wait_argument_spec(),
        **WAIT_SLICE_ARGUMENT_SPEC,
        wait_change=dict(type="str"),
        **SHIFT_ARGUMENT_SPEC,
        **HISTORY_RECORD_ARGUMENT_SPEC,
    )
    module = AnsibleAWSModule(
        argument_spec=argument_spec,
        supports_check_mode=True,
        mutually_exclusive=[("zone", "hosted_zone_id")],
        required_one_of=[("zone", "hosted_zone_id")],
    )
    run_module(module, shift_records)


if __name__ == "__main__":
    main()
