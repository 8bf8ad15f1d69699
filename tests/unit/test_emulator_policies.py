"""The test emulator loads only the AWS managed IAM policies that the roles attach: none may be missing."""

import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts"))

from moto_server import MANAGED_POLICIES  # noqa: E402

POLICY_ARN = re.compile(r"arn:aws:iam::aws:policy/(?:[\w+=,.@-]+/)*([\w+=,.@-]+)")


def attached_policies():
    names = set()
    for directory, _subdirectories, files in os.walk(os.path.join(ROOT, "roles")):
        for name in files:
            with open(os.path.join(directory, name), encoding="utf-8") as handle:
                names.update(POLICY_ARN.findall(handle.read()))
    return names


def test_every_managed_policy_the_roles_attach_is_loaded_by_the_emulator():
    names = attached_policies()
    assert "AmazonECSTaskExecutionRolePolicy" in names, "the search must find the execution role's policy"
    assert names <= set(MANAGED_POLICIES), sorted(names - set(MANAGED_POLICIES))
