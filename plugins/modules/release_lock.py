#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: release_lock
short_description: Take, renew, release or break the release lock of an app
version_added: 0.1.0
description:
  - The release lock is a lease on an app, held by one run at a time, so that two releases of the same app
    never shift traffic together. It is an item of the release state DynamoDB table O(table).
  - O(state=acquired) takes the lease when it is free or expired, with one conditional PutItem, and holds it
    for O(ttl) seconds. When O(owner) already holds it, it renews the lease (a new expiry, the same
    RV(lock.acquired_at)); a long shift renews it between steps. When another owner holds it and it has not
    expired, the module fails at once, naming the holder and since when, and writes nothing.
  - O(state=released) removes the lease of O(owner) (a conditional DeleteItem). When another owner holds it,
    the module refuses naming the holder. A lock that is free, or held by another owner past its expiry,
    is left as it is (C(changed=false)).
  - O(state=broken) removes the lease whoever holds it, for the rollback playbook or a run that died, and
    returns who held it in RV(broken_holder).
  - Expiry is decided with the clock of the host that runs the module; keep the clocks of the release hosts
    in sync (NTP).
  - Every input is checked before the first call to AWS.
  - "IAM actions: C(dynamodb:GetItem), C(dynamodb:PutItem) and C(dynamodb:DeleteItem) on the table."
author:
  - bluegreen.aws maintainers (@bluegreen-aws)
options:
  state:
    description:
      - V(acquired) takes or renews the lease; V(released) gives it back; V(broken) removes it whoever holds it.
    type: str
    choices: [acquired, released, broken]
    default: acquired
  owner:
    description:
      - Who holds the lease, the same for every task of one run (for example a run id, or the AWX job id).
      - Required with O(state=acquired) and O(state=released); 1 to 256 printable characters.
    type: str
  holder:
    description:
      - Free-form details of who holds the lease, kept in the lock and shown to anyone who finds it held, for
        example C(user), C(awx_job_id), C(host) and C(playbook).
      - C(user) and C(host) default to the user and host name that run the module.
    type: dict
    default: {}
  ttl:
    description:
      - How long the lease lasts, in seconds from the time it is taken or renewed (1 to 86400).
    type: int
    default: 1800
extends_documentation_fragment:
  - bluegreen.aws.release_state
  - bluegreen.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Create the release state table once per account and region (what the provision playbook does)
  bluegreen.aws.release_table:
    table: bluegreen-releases

- name: Take the release lock of the shop app for this run
  bluegreen.aws.release_lock:
    app: shop
    table: "{{ bluegreen_state_table }}"
    owner: "{{ run_id }}"
    holder:
      user: "{{ awx_user_name | default(lookup('env', 'USER')) }}"
      awx_job_id: "{{ awx_job_id | default(none) }}"
      playbook: deploy.yml
    ttl: 1800

- name: Renew it between two steps of a long shift (same owner)
  bluegreen.aws.release_lock:
    app: shop
    owner: "{{ run_id }}"

- name: Give it back at the end of the run
  bluegreen.aws.release_lock:
    app: shop
    owner: "{{ run_id }}"
    state: released

- name: Rollback removes whatever lock is held and says whose it was
  bluegreen.aws.release_lock:
    app: shop
    state: broken
  register: broken

- name: Show whose lock was broken
  ansible.builtin.debug:
    msg: "Broke the lock of {{ broken.broken_holder.owner }}, held since {{ broken.broken_holder.acquired_at }}"
  when: broken.broken_holder
"""

RETURN = r"""
lock:
  description:
    - The lock after the run (in check mode, as a real run would leave it); null when no lease is held.
    - With O(state=released), the lease found when it was not O(owner)'s to release (expired), else null.
  returned: always
  type: dict
  contains:
    app:
      description: The app.
      type: str
    owner:
      description: Who holds the lease (O(owner) of the run that took it).
      type: str
    holder:
      description: The details of who holds it (O(holder), with C(user) and C(host)).
      type: dict
    acquired_at:
      description: When the lease was taken (UTC, ISO 8601, milliseconds). Renewals keep it.
      type: str
    expires_at:
      description: When the lease ends unless renewed (UTC, ISO 8601, milliseconds).
      type: str
    ttl:
      description: The O(ttl) of the last take or renewal, in seconds.
      type: int
    expired:
      description: Whether the lease had expired when the module read it.
      type: bool
  sample:
    app: shop
    owner: deploy-2026-11-29-1
    holder: {user: alice, host: awx-1, awx_job_id: 4242, playbook: deploy.yml}
    acquired_at: "2026-11-29T10:03:10.120Z"
    expires_at: "2026-11-29T10:33:10.120Z"
    ttl: 1800
    expired: false
acquired:
  description: Whether O(owner) holds the lease now (or would, in check mode).
  returned: when O(state=acquired)
  type: bool
  sample: true
renewed:
  description: Whether O(owner) already held the lease and renewed it.
  returned: when O(state=acquired) and the lease was taken
  type: bool
  sample: false
taken_over:
  description:
    - The expired lease of another owner that was replaced, like RV(lock); null when the lock was free or
      O(owner)'s.
  returned: when O(state=acquired) and the lease was taken
  type: dict
  sample: null
released:
  description: Whether the lease of O(owner) was removed.
  returned: when O(state=released)
  type: bool
  sample: true
broken_holder:
  description: The lease that was removed (who held it and since when), like RV(lock); null when the lock was free.
  returned: when O(state=broken)
  type: dict
  sample:
    app: shop
    owner: deploy-2026-11-29-1
    holder: {user: alice, host: awx-1}
    acquired_at: "2026-11-29T10:03:10.120Z"
    expires_at: "2026-11-29T10:33:10.120Z"
    ttl: 1800
    expired: false
"""

from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule

from ansible_collections.bluegreen.aws.plugins.module_utils._core.runner import run_module
from ansible_collections.bluegreen.aws.plugins.module_utils._release.lock_work import (
    LOCK_ARGUMENT_SPEC,
    release_lock,
)


def main():
    module = AnsibleAWSModule(
        argument_spec=LOCK_ARGUMENT_SPEC,
        supports_check_mode=True,
        required_if=[("state", "acquired", ["owner"]), ("state", "released", ["owner"])],
    )
    run_module(module, release_lock)


if __name__ == "__main__":
    main()
