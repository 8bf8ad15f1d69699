#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: release_lock_info
short_description: Show who holds the release lock of an app
version_added: 0.1.0
description:
  - Reads the release lock of an app (see M(bluegreen.aws.release_lock)) from the release state DynamoDB
    table O(table) with one strongly consistent GetItem, and reports who holds it, since when and until when.
  - It never writes to AWS.
  - "IAM actions: C(dynamodb:GetItem) on the table."
author:
  - bluegreen.aws maintainers (@bluegreen-aws)
extends_documentation_fragment:
  - bluegreen.aws.release_state
  - bluegreen.aws.attributes.info_module
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Who holds the release lock of the shop app
  bluegreen.aws.release_lock_info:
    app: shop
    table: "{{ bluegreen_state_table }}"
  register: shop_lock

- name: Say it
  ansible.builtin.debug:
    msg: "{{ shop_lock.lock.owner }} holds the lock since {{ shop_lock.lock.acquired_at }}"
  when: shop_lock.held
"""

RETURN = r"""
held:
  description: Whether a lease is held and not expired.
  returned: always
  type: bool
  sample: true
lock:
  description: The lease, expired or not; null when there is none.
  returned: always
  type: dict
  contains:
    app:
      description: The app.
      type: str
    owner:
      description: Who holds the lease (the C(owner) of the run that took it).
      type: str
    holder:
      description: The details of who holds it (C(user), C(host), and what the run passed, such as C(awx_job_id)).
      type: dict
    acquired_at:
      description: When the lease was taken (UTC, ISO 8601, milliseconds).
      type: str
    expires_at:
      description: When the lease ends unless renewed (UTC, ISO 8601, milliseconds).
      type: str
    ttl:
      description: The C(ttl) of the last take or renewal, in seconds.
      type: int
    expired:
      description: Whether the lease has expired (anyone may take it over).
      type: bool
  sample:
    app: shop
    owner: deploy-2026-11-29-1
    holder: {user: alice, host: awx-1, awx_job_id: 4242, playbook: deploy.yml}
    acquired_at: "2026-11-29T10:03:10.120Z"
    expires_at: "2026-11-29T10:33:10.120Z"
    ttl: 1800
    expired: false
"""

from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule

from ansible_collections.bluegreen.aws.plugins.module_utils._core.runner import run_module
from ansible_collections.bluegreen.aws.plugins.module_utils._release.lock_work import (
    LOCK_INFO_ARGUMENT_SPEC,
    lock_info,
)


def main():
    module = AnsibleAWSModule(argument_spec=LOCK_INFO_ARGUMENT_SPEC, supports_check_mode=True)
    run_module(module, lock_info)


if __name__ == "__main__":
    main()
