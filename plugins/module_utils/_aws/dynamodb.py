# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""DynamoDB calls of the release state (with retries): one item read or write a call, a Query of history.

Items go in and come out as plain dicts (``_release.items`` converts them).
A write whose condition fails raises ConditionFailed; a missing table an
InputError that names it.
"""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code

from .._core.errors import InputError
from .._release.items import from_item, to_attribute, to_item
from .common import retrying_client


class ConditionFailed(Exception):
    """The condition of a conditional write did not hold: nothing was written."""


def dynamodb_client(module):
    return retrying_client(module, "dynamodb")


def missing_table_message(table, region):
    where = " in region %s" % region if region else ""
    return (
        "table: the DynamoDB table %s does not exist%s; the provision playbook creates it "
        "(or create it as docs/release_state.md shows: partition key app, sort key sk, both strings)" % (table, where)
    )


def _call(client, table, method, **kwargs):
    try:
        return getattr(client, method)(aws_retry=True, TableName=table, **kwargs)
    except is_boto3_error_code("ConditionalCheckFailedException"):
        raise ConditionFailed() from None
    except is_boto3_error_code("ResourceNotFoundException"):
        region = getattr(getattr(client, "meta", None), "region_name", None)
        raise InputError(missing_table_message(table, region)) from None


def _condition(condition, names, values):
    kwargs = {"ConditionExpression": condition}
    if names:
        kwargs["ExpressionAttributeNames"] = names
    if values:
        kwargs["ExpressionAttributeValues"] = {name: to_attribute(value) for name, value in values.items()}
    return kwargs


def get_item(client, table, key):
    """The item with ``key`` (a plain dict), strongly consistent; None when there is none."""
    return from_item(_call(client, table, "get_item", Key=to_item(key), ConsistentRead=True).get("Item"))


def put_item(client, table, item, condition, names=None, values=None):
    """Write ``item`` when ``condition`` holds (else ConditionFailed)."""
    _call(client, table, "put_item", Item=to_item(item), **_condition(condition, names, values))


def update_item(client, table, key, update, condition, names=None, values=None):
    """Apply ``update`` (an UpdateExpression) to the item with ``key`` when ``condition`` holds.

    Raises ConditionFailed when it does not (nothing was written).
    """
    kwargs = _condition(condition, names, values)
    _call(client, table, "update_item", Key=to_item(key), UpdateExpression=update, **kwargs)


def delete_item(client, table, key, condition=None, names=None, values=None):
    """Delete the item with ``key`` (when ``condition`` holds); return the item deleted, None when none was."""
    kwargs = _condition(condition, names, values) if condition else {}
    answer = _call(client, table, "delete_item", Key=to_item(key), ReturnValues="ALL_OLD", **kwargs)
    return from_item(answer.get("Attributes"))


def query_newest(client, table, app, prefix, count):
    """The newest ``count`` items of ``app`` whose sort key starts with ``prefix``, newest first."""
    answer = _call(
        client,
        table,
        "query",
        KeyConditionExpression="#app = :app AND begins_with(sk, :prefix)",
        ExpressionAttributeNames={"#app": "app"},
        ExpressionAttributeValues={":app": to_attribute(app), ":prefix": to_attribute(prefix)},
        ScanIndexForward=False,
        Limit=count,
        ConsistentRead=True,
    )
    return [from_item(item) for item in answer.get("Items", [])]


def describe_table(client, table):
    """The DescribeTable answer's ``Table``, None when there is no such table."""
    try:
        return client.describe_table(aws_retry=True, TableName=table)["Table"]
    except is_boto3_error_code("ResourceNotFoundException"):
        return None


def create_table(client, table, key_schema, attributes, tags):
    """CreateTable, on-demand billing; ``key_schema`` ``[(name, HASH|RANGE)]``, ``attributes`` ``{name: S|N|B}``.

    Returns False when another run created the table meanwhile (ResourceInUseException), else True.
    """
    kwargs = dict(
        TableName=table,
        KeySchema=[{"AttributeName": name, "KeyType": kind} for name, kind in key_schema],
        AttributeDefinitions=[{"AttributeName": name, "AttributeType": kind} for name, kind in attributes.items()],
        BillingMode="PAY_PER_REQUEST",
    )
    if tags:
        kwargs["Tags"] = [{"Key": key, "Value": value} for key, value in tags.items()]
    try:
        client.create_table(aws_retry=True, **kwargs)
    except is_boto3_error_code("ResourceInUseException"):
        return False
    return True
