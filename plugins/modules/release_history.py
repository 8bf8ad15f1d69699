#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: release_history
short_description: Record a release of an app in its release history
version_added: 0.1.0
description:
  - Writes one record of a release (who, when, from which color and version to which, how the traffic
    shifted, how it ended and why) to the release state DynamoDB table O(table), with one PutItem.
  - The record's key is the app, O(started_at) and O(id). The PutItem is conditional on that key not
    existing, so a retried task with the same O(id) and O(started_at) writes nothing and reports
    C(changed=false), returning the record as first written. Without O(id), a new id is made on every run.
  - M(bluegreen.aws.release_history_info) reads the newest records.
  - Every input is checked before the first call to AWS.
  - "IAM actions: C(dynamodb:PutItem) on the table (C(dynamodb:GetItem) too when a record exists already,
    and in check mode)."
author:
  - bluegreen.aws maintainers (@bluegreen-aws)
options:
  state:
    description:
      - V(recorded) writes the record unless it exists.
    type: str
    choices: [recorded]
    default: recorded
  id:
    description:
      - "The record's id, 1 to 128 letters, digits and C(_ . : -). Pass it (for example the run id) to make a
        retried task write nothing."
      - Defaults to a new UUID.
    type: str
  started_at:
    description:
      - When the release started, an ISO 8601 time such as C(2026-11-29T10:03:10Z) (a time without a zone is
        UTC). Stored in UTC with milliseconds.
    type: str
    required: true
  ended_at:
    description:
      - When the release ended, an ISO 8601 time not before O(started_at).
      - Defaults to the time of the run.
    type: str
  who:
    description:
      - Free-form details of who released, for example C(user), C(awx_job_id), C(playbook).
      - C(user) and C(host) default to the user and host name that run the module.
    type: dict
    default: {}
  from:
    description:
      - The color that was live before the release and the version it ran.
    type: dict
    suboptions:
      color:
        description: The color.
        type: str
        choices: [blue, green]
      version:
        description: The version it ran (1 to 256 printable characters).
        type: str
  to:
    description:
      - The color the release went to and the version it received.
    type: dict
    suboptions:
      color:
        description: The color.
        type: str
        choices: [blue, green]
      version:
        description: The version it received (1 to 256 printable characters).
        type: str
  shift:
    description:
      - How the traffic was shifted, for example V(all_at_once), V(canary) or V(linear) (up to 64 printable
        characters).
    type: str
  steps:
    description:
      - The percentages of traffic the new color received, in order (each 0 to 100).
    type: list
    elements: int
    default: []
  outcome:
    description:
      - V(succeeded), the new color is live; V(returned), traffic went back on purpose (for example after a
        verification); V(failed), the release stopped with an error; V(rolled_back), the rollback
        playbook or an alarm put traffic back.
    type: str
    required: true
    choices: [succeeded, returned, failed, rolled_back]
  reason:
    description:
      - Why it ended that way (at most 4096 characters).
    type: str
  analysis:
    description:
      - Free-form verdicts of the gates and analyses (a list or a dict), for example the alarms checked and
        the A/B comparison. At most 64 KiB as JSON.
    type: raw
  break_lock:
    description:
      - Before writing the record, remove the app's release lock whoever holds it (one DeleteItem that returns
        the lease removed), and keep who held it in the record (RV(record.broken_lock)) and in RV(broken_holder).
      - It is how the rollback playbook breaks a lock and records the rollback in one call, since a rollback
        never waits for a lock. Needs C(dynamodb:DeleteItem) too. In check mode the lock is only read.
    type: bool
    default: false
extends_documentation_fragment:
  - bluegreen.aws.release_state
  - bluegreen.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Record the release of shop 1.4.2 to green
  bluegreen.aws.release_history:
    app: shop
    table: "{{ bluegreen_state_table }}"
    id: "{{ run_id }}"
    started_at: "{{ release_started_at }}"
    who:
      user: alice
      awx_job_id: "{{ awx_job_id | default(none) }}"
      playbook: deploy.yml
    from: {color: blue, version: 1.4.1}
    to: {color: green, version: 1.4.2}
    shift: linear
    steps: [10, 50, 100]
    outcome: succeeded
    reason: all steps passed
    analysis:
      - {gate: alarms, verdict: pass, alarms: [shop-green-5xx]}
      - {gate: ab_latency, verdict: pass, p_value: 0.41}

- name: Rollback, in one call - break whatever lock is held and record the rollback
  bluegreen.aws.release_history:
    app: shop
    started_at: "{{ rollback_started_at }}"
    from: {color: green, version: 1.4.2}
    to: {color: blue, version: 1.4.1}
    outcome: rolled_back
    break_lock: true
  register: rollback_record
"""

RETURN = r"""
record:
  description:
    - The record written (in check mode, the record a real run would write); when it existed already, the
      record as first written.
  returned: always
  type: dict
  contains:
    id:
      description: The record's id.
      type: str
    app:
      description: The app.
      type: str
    started_at:
      description: When the release started (UTC, ISO 8601, milliseconds).
      type: str
    ended_at:
      description: When it ended (UTC, ISO 8601, milliseconds).
      type: str
    who:
      description: Who released (O(who), with C(user) and C(host)).
      type: dict
    from:
      description: The color live before, C(color) and C(version) (each may be null).
      type: dict
    to:
      description: The color released to, C(color) and C(version) (each may be null).
      type: dict
    shift:
      description: How the traffic was shifted; null when not given.
      type: str
    steps:
      description: The percentages of traffic the new color received.
      type: list
      elements: int
    outcome:
      description: V(succeeded), V(returned), V(failed) or V(rolled_back).
      type: str
    reason:
      description: Why it ended that way; null when not given.
      type: str
    analysis:
      description: The verdicts given in O(analysis); null when not given.
      type: raw
    broken_lock:
      description: The release lock that O(break_lock=true) removed (like RV(broken_holder)); null otherwise.
      type: dict
    recorded_at:
      description: When the record was written (UTC, ISO 8601, milliseconds).
      type: str
  sample:
    id: deploy-2026-11-29-1
    app: shop
    started_at: "2026-11-29T10:03:10.000Z"
    ended_at: "2026-11-29T10:21:44.512Z"
    who: {user: alice, host: awx-1, awx_job_id: 4242, playbook: deploy.yml}
    from: {color: blue, version: 1.4.1}
    to: {color: green, version: 1.4.2}
    shift: linear
    steps: [10, 50, 100]
    outcome: succeeded
    reason: all steps passed
    analysis: [{gate: alarms, verdict: pass}]
    broken_lock: null
    recorded_at: "2026-11-29T10:21:44.512Z"
broken_holder:
  description:
    - The release lock removed by O(break_lock=true) (C(owner), C(holder), C(acquired_at), C(expires_at),
      C(ttl), C(expired)); null when no lock was held.
  returned: when O(break_lock=true)
  type: dict
  sample:
    owner: deploy-20261129T100310-4242
    holder: {user: alice, host: awx-1, playbook: deploy}
    acquired_at: "2026-11-29T10:03:10.120Z"
    expires_at: "2026-11-29T10:33:10.120Z"
    ttl: 1800
    expired: false
"""

from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule

from ansible_collections.bluegreen.aws.plugins.module_utils._core.runner import run_module
from ansible_collections.bluegreen.aws.plugins.module_utils._release.history_work import (
    HISTORY_ARGUMENT_SPEC,
    record_release,
)


def main():
    module = AnsibleAWSModule(argument_spec=HISTORY_ARGUMENT_SPEC, supports_check_mode=True)
    run_module(module, record_release)


if __name__ == "__main__":
    main()
