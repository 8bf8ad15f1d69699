#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: release_table
short_description: Make sure the release state DynamoDB table exists
version_added: 0.1.0
description:
  - The release lock and history of every app of an account and region live in one DynamoDB table
    (see M(bluegreen.aws.release_lock) and M(bluegreen.aws.release_history)). This module creates it when it is
    missing, with partition key C(app) and sort key C(sk) (both strings) and on-demand billing
    (C(PAY_PER_REQUEST)); the provision playbook runs it.
  - An existing table is never changed (it holds the state of other apps); one with other keys makes the module
    fail naming it. A second run reports C(changed=false).
  - "IAM actions: C(dynamodb:DescribeTable), and C(dynamodb:CreateTable) (with C(dynamodb:TagResource) when
    O(tags) are given) when the table is missing."
author:
  - bluegreen.aws maintainers (@bluegreen-aws)
options:
  table:
    description:
      - Name of the table (3 to 255 letters, digits, C(_), C(.) and C(-)).
    type: str
    default: bluegreen-releases
  tags:
    description:
      - Tags of a table this module creates; an existing table's tags are left as they are.
    type: dict
    default: {}
  wait:
    description:
      - Wait until a table just created is C(ACTIVE).
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds to wait with O(wait=true).
    type: int
    default: 300
extends_documentation_fragment:
  - bluegreen.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: The release state table of this account and region
  bluegreen.aws.release_table:
    table: bluegreen-releases
"""

RETURN = r"""
table:
  description: The table (in check mode, as a real run would leave it).
  returned: always
  type: dict
  contains:
    name:
      description: Its name.
      type: str
    arn:
      description: Its ARN; null in check mode before it exists.
      type: str
    status:
      description: Its status, for example C(ACTIVE) or C(CREATING).
      type: str
    billing_mode:
      description: C(PAY_PER_REQUEST) or C(PROVISIONED).
      type: str
  sample:
    name: bluegreen-releases
    arn: arn:aws:dynamodb:us-east-1:123456789012:table/bluegreen-releases
    status: ACTIVE
    billing_mode: PAY_PER_REQUEST
"""

from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule

from ansible_collections.bluegreen.aws.plugins.module_utils._core.options import wait_argument_spec
from ansible_collections.bluegreen.aws.plugins.module_utils._core.runner import run_module
from ansible_collections.bluegreen.aws.plugins.module_utils._release.options import DEFAULT_TABLE
from ansible_collections.bluegreen.aws.plugins.module_utils._release.table_work import ensure_table


def main():
    argument_spec = dict(
        table=dict(type="str", default=DEFAULT_TABLE),
        tags=dict(type="dict", default={}),
        **wait_argument_spec(),
    )
    module = AnsibleAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    run_module(module, ensure_table)


if __name__ == "__main__":
    main()
