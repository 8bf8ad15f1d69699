# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""DynamoDB typed attribute values <-> plain values, and the times the release state stores. No AWS call.

Only what the release state holds is converted: null, booleans, numbers,
strings, lists and maps (string keys). Numbers come back as ``int`` when they
have no fraction, else as ``float``.
"""

import datetime
import math

from .._core.errors import InputError

# Every time the release state stores: UTC, fixed width (so that sort keys order by time).
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S"


def to_attribute(value, option="value"):
    """The typed attribute value of ``value`` (``{"S": ...}``, ``{"M": ...}``, ...)."""
    if value is None:
        return {"NULL": True}
    if isinstance(value, bool):
        return {"BOOL": value}
    if isinstance(value, int):
        return {"N": str(value)}
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise InputError("%s must hold finite numbers only, got %r" % (option, value))
        return {"N": repr(value)}
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, (list, tuple)):
        return {"L": [to_attribute(item, option) for item in value]}
    if isinstance(value, dict):
        attributes = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise InputError("%s must have string keys only, got %r" % (option, key))
            attributes[key] = to_attribute(item, option)
        return {"M": attributes}
    raise InputError("%s must hold only strings, numbers, booleans, lists and dicts, got %r" % (option, value))


def from_attribute(attribute):
    """The plain value of a typed attribute value."""
    ((kind, value),) = attribute.items()
    if kind == "NULL":
        return None
    if kind in ("S", "BOOL"):
        return value
    if kind == "N":
        return float(value) if any(mark in value for mark in ".eE") else int(value)
    if kind == "L":
        return [from_attribute(item) for item in value]
    if kind == "M":
        return {key: from_attribute(item) for key, item in value.items()}
    if kind in ("SS", "NS"):
        return [from_attribute({kind[0]: item}) for item in value]
    raise ValueError("unsupported DynamoDB attribute type %s" % kind)


def to_item(values):
    """A DynamoDB item (``{name: typed value}``) from a plain dict."""
    return {name: to_attribute(value, name) for name, value in values.items()}


def from_item(item):
    """A plain dict from a DynamoDB item; None stays None."""
    if item is None:
        return None
    return {name: from_attribute(value) for name, value in item.items()}


def format_time(epoch):
    """``2026-11-29T10:03:10.123Z`` (UTC, milliseconds, fixed width) for a POSIX time."""
    moment = datetime.datetime.fromtimestamp(epoch, tz=datetime.timezone.utc)
    return "%s.%03dZ" % (moment.strftime(TIME_FORMAT), moment.microsecond // 1000)


def parse_time(option, value):
    """The POSIX time of an ISO 8601 time (a time without a zone is UTC); InputError naming ``option``."""
    text = value.strip() if isinstance(value, str) else ""
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise InputError("%s must be an ISO 8601 time such as 2026-11-29T10:03:10Z, got %r" % (option, value)) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment.timestamp()
