# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""Checks of the options every platform module shares (app, listener_arn, version), no AWS call."""

import re

from .._core.errors import InputError

NAME_MAX = 255
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
LISTENER_ARN_PATTERN = re.compile(r"^arn:[^:]+:elasticloadbalancing:[^:]*:[0-9]*:listener/")
VERSION_MAX = 256
VERSION_PATTERN = re.compile(r"^[A-Za-z0-9 _.:/=+@-]+$")


def given(params, name):
    value = params.get(name)
    return value is not None and value != {} and value != []


def check_name(option, value, maximum=NAME_MAX, arn_kind=None):
    """A name of letters, digits, hyphens and underscores (or, with ``arn_kind``, an ARN of that kind)."""
    if arn_kind and value.startswith("arn:"):
        if ":%s/" % arn_kind not in value:
            raise InputError("%s must be a %s name or ARN, got %r" % (option, arn_kind, value))
        return
    if not NAME_PATTERN.match(value) or len(value) > maximum:
        raise InputError(
            "%s must be 1 to %d letters, digits, hyphens and underscores, got %r" % (option, maximum, value)
        )


def check_listener_arn(value):
    if value and not LISTENER_ARN_PATTERN.match(value):
        raise InputError("listener_arn must be the ARN of an ALB listener, got %r" % value)


def check_version(version):
    """The release label, written as an AWS tag value."""
    if version is not None and not (version.strip() and len(version) <= VERSION_MAX and VERSION_PATTERN.match(version)):
        raise InputError(
            "version must be 1 to %d letters, digits, spaces and _ . : / = + - @ (an AWS tag value), got %r"
            % (VERSION_MAX, version)
        )
