# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The options every release state module shares (paired with the doc fragment bluegreen.aws.release_state).

No AWS call here.
"""

import getpass
import json
import re
import socket

from .._core.errors import InputError
from .._envs.app_options import check_name

DEFAULT_TABLE = "bluegreen-releases"
TABLE_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{3,255}$")
# A DynamoDB item holds at most 400 KB; the free-form parts of one item stay well below.
FREE_FORM_MAX = 64 * 1024

STATE_ARGUMENT_SPEC = dict(
    table=dict(type="str", default=DEFAULT_TABLE),
    app=dict(type="str", required=True),
)


def validate_table_name(table):
    if not TABLE_PATTERN.match(table or ""):
        raise InputError(
            "table must be a DynamoDB table name of 3 to 255 letters, digits, _ . and -, got %r" % (table,)
        )


def validate_state_options(params):
    """``table`` and ``app``."""
    validate_table_name(params["table"])
    check_name("app", params["app"])


def check_text(option, value, maximum=256):
    """A non-empty single-line string of at most ``maximum`` characters."""
    if not isinstance(value, str) or not value.strip() or len(value) > maximum or any(c < " " for c in value):
        raise InputError("%s must be 1 to %d printable characters on one line, got %r" % (option, maximum, value))


def check_free_form(option, value):
    """Free-form data that fits in an item."""
    try:
        size = len(json.dumps(value))
    except (TypeError, ValueError):
        raise InputError("%s must be plain data (strings, numbers, lists, dicts), got %r" % (option, value)) from None
    if size > FREE_FORM_MAX:
        raise InputError("%s is too large: %d bytes as JSON, at most %d" % (option, size, FREE_FORM_MAX))


def who_ran(given):
    """Who acts: ``user`` and ``host`` of the process running the module, overridden by what is given."""
    who = {}
    try:
        who["user"] = getpass.getuser()
    except Exception:  # no user name in some containers
        pass
    who["host"] = socket.gethostname()
    who.update(given or {})
    return who
