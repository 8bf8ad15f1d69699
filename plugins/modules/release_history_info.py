#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: release_history_info
short_description: Read the newest releases of an app from its release history
version_added: 0.1.0
description:
  - Reads the newest O(count) records that M(bluegreen.aws.release_history) wrote for an app, newest first
    (by their C(started_at)), with one strongly consistent Query of the release state DynamoDB table O(table).
  - It never writes to AWS.
  - "IAM actions: C(dynamodb:Query) on the table."
author:
  - bluegreen.aws maintainers (@bluegreen-aws)
options:
  count:
    description:
      - How many records to return at most (1 to 100).
    type: int
    default: 5
extends_documentation_fragment:
  - bluegreen.aws.release_state
  - bluegreen.aws.attributes.info_module
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: The last three releases of the shop app
  bluegreen.aws.release_history_info:
    app: shop
    table: "{{ bluegreen_state_table }}"
    count: 3
  register: shop_history

- name: Show them
  ansible.builtin.debug:
    msg: "{{ item.started_at }} {{ item.from.version }} -> {{ item.to.version }}: {{ item.outcome }}"
  loop: "{{ shop_history.records }}"
"""

RETURN = r"""
records:
  description:
    - The newest records, newest first; empty when the app has none.
  returned: always
  type: list
  elements: dict
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
      description: Who released (C(user), C(host) and what the run passed).
      type: dict
    from:
      description: The color live before, C(color) and C(version) (each may be null).
      type: dict
    to:
      description: The color released to, C(color) and C(version) (each may be null).
      type: dict
    shift:
      description: How the traffic was shifted; null when not recorded.
      type: str
    steps:
      description: The percentages of traffic the new color received.
      type: list
      elements: int
    outcome:
      description: V(succeeded), V(returned), V(failed) or V(rolled_back).
      type: str
    reason:
      description: Why it ended that way; null when not recorded.
      type: str
    analysis:
      description: The verdicts recorded; null when none.
      type: raw
    recorded_at:
      description: When the record was written (UTC, ISO 8601, milliseconds).
      type: str
  sample:
    - id: deploy-2026-11-29-1
      app: shop
      started_at: "2026-11-29T10:03:10.000Z"
      ended_at: "2026-11-29T10:21:44.512Z"
      who: {user: alice, host: awx-1}
      from: {color: blue, version: 1.4.1}
      to: {color: green, version: 1.4.2}
      shift: linear
      steps: [10, 50, 100]
      outcome: succeeded
      reason: all steps passed
      analysis: null
      recorded_at: "2026-11-29T10:21:44.512Z"
"""

from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule

from ansible_collections.bluegreen.aws.plugins.module_utils._core.runner import run_module
from ansible_collections.bluegreen.aws.plugins.module_utils._release.history_work import (
    HISTORY_INFO_ARGUMENT_SPEC,
    history_info,
)


def main():
    module = AnsibleAWSModule(argument_spec=HISTORY_INFO_ARGUMENT_SPEC, supports_check_mode=True)
    run_module(module, history_info)


if __name__ == "__main__":
    main()
