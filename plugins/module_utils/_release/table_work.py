# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The work of release_table: the release state table exists, with the keys the release state needs.

One DescribeTable; when the table is missing, one CreateTable (on-demand billing)
and, with ``wait``, DescribeTable until it is ACTIVE. An existing table is never
changed: a table with other keys fails naming it.
"""

from .._aws.dynamodb import create_table, describe_table, dynamodb_client
from .._core.errors import InputError, ModuleFailure
from .._core.options import validate_wait_options
from .._core.poller import Progress, WaitFailed, poller_for
from .options import check_free_form, validate_table_name

KEY_SCHEMA = [("app", "HASH"), ("sk", "RANGE")]
ATTRIBUTES = {"app": "S", "sk": "S"}


def key_problem(table):
    """Why an existing table (a DescribeTable ``Table``) cannot hold the release state; None when it can."""
    keys = [(key["AttributeName"], key["KeyType"]) for key in table.get("KeySchema", [])]
    types = {item["AttributeName"]: item["AttributeType"] for item in table.get("AttributeDefinitions", [])}
    if keys == KEY_SCHEMA and all(types.get(name) == kind for name, kind in ATTRIBUTES.items()):
        return None
    found = ", ".join("%s %s (%s)" % (name, kind, types.get(name, "?")) for name, kind in keys)
    return (
        "table: the DynamoDB table %s exists with the keys %s; the release state needs partition key app and sort "
        "key sk, both strings: choose another table name" % (table.get("TableName"), found)
    )


def view(table):
    return {
        "name": table.get("TableName"),
        "arn": table.get("TableArn"),
        "status": table.get("TableStatus"),
        "billing_mode": (table.get("BillingModeSummary") or {}).get("BillingMode", "PROVISIONED"),
    }


def ensure_table(module):
    params = module.params
    validate_table_name(params["table"])
    validate_wait_options(params)
    tags = params["tags"] or {}
    check_free_form("tags", tags)
    client = dynamodb_client(module)
    table = describe_table(client, params["table"])
    if table is not None:
        problem = key_problem(table)
        if problem:
            raise InputError(problem)
        return dict(changed=False, table=view(table))
    planned = {"name": params["table"], "arn": None, "status": "CREATING", "billing_mode": "PAY_PER_REQUEST"}
    result = dict(changed=True, table=planned)
    if module._diff:
        result["diff"] = dict(before={}, after=planned)
    if module.check_mode:
        return result
    if not create_table(client, params["table"], KEY_SCHEMA, ATTRIBUTES, {str(k): str(v) for k, v in tags.items()}):
        # Another run (another app provisioned at the same time) created it between the read and the write.
        result["changed"] = False
    if params["wait"]:
        result["table"] = view(_wait_active(module, client, params["table"], params["wait_timeout"]))
    else:
        result["table"] = view(describe_table(client, params["table"]) or planned)
    return result


def _wait_active(module, client, name, timeout):
    found = {}

    def look():
        found["table"] = describe_table(client, name) or {"TableName": name, "TableStatus": "CREATING"}
        status = found["table"].get("TableStatus")
        return Progress(status == "ACTIVE", "status %s" % status)

    try:
        poller_for(module, interval=2).until(look, "DynamoDB table %s to be ACTIVE" % name, timeout)
    except WaitFailed as error:
        raise ModuleFailure(error.msg) from None
    return found["table"]
