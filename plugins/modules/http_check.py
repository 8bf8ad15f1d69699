#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: http_check
short_description: Ask one or many URLs over HTTP, in parallel, and check each answer
version_added: 0.1.0
description:
  - Asks each URL of O(checks) with a C(GET), several at the same time (O(workers)), and checks its answer
    (the HTTP status, optionally a text the body contains and a field of the JSON body that holds the
    version).
  - A check that does not pass is asked again, up to its O(checks[].attempts), O(checks[].delay) seconds
    apart, until its answer passes every check.
  - A check that fails is reported in RV(checks) with C(passed=false) and the reasons in C(failures); the
    module itself fails only on invalid options, which are all checked before the first request.
  - It is the HTTP check of the role C(bluegreen.aws.verify); one call can check many apps or colors at once.
  - It talks to the URLs only, never to AWS.
author:
  - bluegreen.aws maintainers (@bluegreen-aws)
options:
  checks:
    description:
      - The URLs to ask and what their answers must show.
    type: list
    elements: dict
    required: true
    suboptions:
      name:
        description:
          - Key of this check's result in RV(checks). The names must be unique.
        type: str
        required: true
      url:
        description:
          - The C(http://) or C(https://) URL to ask.
        type: str
        required: true
      status:
        description:
          - The HTTP status the answer must have.
        type: int
        default: 200
      contains:
        description:
          - A text the body of the answer must contain.
        type: str
      version_field:
        description:
          - Name of the field of the JSON body that holds the version.
          - The version is checked only when both O(checks[].version_field) and O(checks[].version) are given.
        type: str
      version:
        description:
          - The version the field O(checks[].version_field) must hold; compared as strings.
          - Null (or not given) means the version is not checked.
        type: str
      attempts:
        description:
          - How many times, at most, the URL is asked until its answer passes every check (at least 1).
        type: int
        default: 1
      delay:
        description:
          - Seconds between two attempts (0 or more).
        type: float
        default: 3
  timeout:
    description:
      - Seconds each request may take.
    type: int
    default: 10
  validate_certs:
    description:
      - Whether the certificates of C(https://) URLs are validated.
    type: bool
    default: true
  workers:
    description:
      - How many checks are asked at the same time (at least 1).
    type: int
    default: 10
notes:
  - Proxies are taken from the usual environment variables (C(https_proxy), C(http_proxy), C(no_proxy)).
  - Redirects are followed.
extends_documentation_fragment:
  - bluegreen.aws.attributes.info_module
"""

EXAMPLES = r"""
- name: Check that green answers with version 1.4.2 on the test listener
  bluegreen.aws.http_check:
    checks:
      - name: green
        url: "http://shop-123.eu-west-1.elb.amazonaws.com:8080/health"
        version_field: version
        version: "1.4.2"
        attempts: 5
        delay: 3
  register: shop_http

- name: Fail when green did not answer as expected
  ansible.builtin.fail:
    msg: "{{ shop_http.checks.green.failures | join('; ') }}"
  when: not shop_http.checks.green.passed

- name: Check the live color of every app in one call
  bluegreen.aws.http_check:
    checks: "{{ apps | map('combine', {'status': 200, 'contains': 'ok'}) | list }}"
    workers: 20
  vars:
    apps:
      - {name: shop, url: "https://shop.example.com/health"}
      - {name: cart, url: "https://cart.example.com/health"}
  register: fleet_http
"""

RETURN = r"""
checks:
  description:
    - One entry per check of O(checks), keyed by its O(checks[].name).
  returned: always
  type: dict
  sample:
    green:
      url: "http://shop-123.eu-west-1.elb.amazonaws.com:8080/health"
      status: 200
      version: "1.4.1"
      failures: ['version is "1.4.1", "1.4.2" expected']
      passed: false
      attempts: 5
  contains:
    url:
      description: The URL asked.
      type: str
      returned: always
    status:
      description: The HTTP status of the last answer; null when nothing answered (refused, timed out, ...).
      type: int
      returned: always
    version:
      description:
        - The value of the field O(checks[].version_field) in the last answer's JSON body; null when the field
          is not given, or the body is not JSON or has no such field.
      type: raw
      returned: always
    failures:
      description: One sentence per check the last answer failed; empty when it passed.
      type: list
      elements: str
      returned: always
    passed:
      description: Whether the last answer passed every check.
      type: bool
      returned: always
    attempts:
      description: How many times the URL was asked.
      type: int
      returned: always
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.bluegreen.aws.plugins.module_utils._core.runner import run_module
from ansible_collections.bluegreen.aws.plugins.module_utils._release.http_check import (
    HTTP_CHECK_ARGUMENT_SPEC,
    http_check,
)


def main():
    module = AnsibleModule(argument_spec=HTTP_CHECK_ARGUMENT_SPEC, supports_check_mode=True)
    run_module(module, http_check)


if __name__ == "__main__":
    main()
