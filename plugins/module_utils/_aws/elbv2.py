# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""ELBv2 calls (with retries, paginated reads included)."""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import (
    is_boto3_error_code,
    paginated_query_with_retries,
)
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry

from .._core.errors import InputError
from .common import describe_one, is_arn, retrying_client

NOT_FOUND_CODES = (
    "ListenerNotFound",
    "LoadBalancerNotFound",
    "RuleNotFound",
    "TargetGroupNotFound",
    "ValidationError",
)


def elbv2_client(module):
    return retrying_client(module, "elbv2")


def describe_load_balancer(client, name_or_arn, option="load_balancer"):
    key = "LoadBalancerArns" if is_arn(name_or_arn) else "Names"
    return describe_one(
        client.describe_load_balancers,
        "LoadBalancers",
        NOT_FOUND_CODES,
        "%s: no load balancer %s" % (option, name_or_arn),
        **{key: [name_or_arn]},
    )


def describe_listener(client, listener_arn, option="listener_arn"):
    return describe_one(
        client.describe_listeners,
        "Listeners",
        NOT_FOUND_CODES,
        "%s: no listener %s" % (option, listener_arn),
        ListenerArns=[listener_arn],
    )


def find_listener_by_port(client, load_balancer_arn, port, retry_decorator=None, option="port"):
    listeners = paginated_query_with_retries(
        client,
        "describe_listeners",
        retry_decorator=retry_decorator or AWSRetry.jittered_backoff(),
        LoadBalancerArn=load_balancer_arn,
    )["Listeners"]
    for listener in listeners:
        if listener["Port"] == port:
            return listener
    raise InputError("%s: load balancer %s has no listener on port %d" % (option, load_balancer_arn, port))


def describe_rule(client, rule_arn, option="rule_arn"):
    return describe_one(
        client.describe_rules,
        "Rules",
        NOT_FOUND_CODES,
        "%s: no listener rule %s" % (option, rule_arn),
        RuleArns=[rule_arn],
    )


def listener_arn_of_rule(rule_arn):
    """arn:...:listener-rule/app/<lb>/<id>/<listener>/<rule> -> arn:...:listener/app/<lb>/<id>/<listener>"""
    prefix, _sep, path = rule_arn.partition(":listener-rule/")
    if not path or path.count("/") < 4:
        raise InputError("rule_arn: %s is not a listener rule ARN" % rule_arn)
    return "%s:listener/%s" % (prefix, path.rsplit("/", 1)[0])


def describe_target_group(client, name_or_arn, option):
    key = "TargetGroupArns" if is_arn(name_or_arn) else "Names"
    return describe_one(
        client.describe_target_groups,
        "TargetGroups",
        NOT_FOUND_CODES,
        "%s: no target group %s" % (option, name_or_arn),
        **{key: [name_or_arn]},
    )


def describe_target_group_pair(client, names_or_arns):
    """``{color: target group}`` of ``{color: name or ARN}`` (the options ``<color>_target_group``).

    Two different names (or two ARNs) are read in one call; a pair that call does not find whole,
    or one that mixes a name and an ARN, is read one by one, so that a missing one is named.
    """
    values = list(names_or_arns.values())
    kinds = {is_arn(value) for value in values}
    if len(kinds) == 1 and len(set(values)) == len(values):
        by_arn = kinds.pop()
        try:
            found = client.describe_target_groups(aws_retry=True, **{"TargetGroupArns" if by_arn else "Names": values})
        except is_boto3_error_code(NOT_FOUND_CODES):
            found = {}
        key = "TargetGroupArn" if by_arn else "TargetGroupName"
        groups = dict((group[key], group) for group in found.get("TargetGroups") or [])
        if all(value in groups for value in values):
            return dict((color, groups[value]) for color, value in names_or_arns.items())
    return dict(
        (color, describe_target_group(client, value, "%s_target_group" % color))
        for color, value in names_or_arns.items()
    )


def healthy_target_count(client, target_group_arn):
    return sum(1 for state in target_states(client, target_group_arn).values() if state == "healthy")


def tags_of(client, arns):
    """``{arn: {key: value}}`` for ELBv2 resources (one DescribeTags call, at most 20 ARNs)."""
    found = client.describe_tags(ResourceArns=list(arns), aws_retry=True)
    return {
        item["ResourceArn"]: {tag["Key"]: tag["Value"] for tag in item.get("Tags") or []}
        for item in found["TagDescriptions"]
    }


def add_tags(client, arn, tags):
    """Add or overwrite ``tags`` (``{key: value}``) on an ELBv2 resource."""
    client.add_tags(
        ResourceArns=[arn], Tags=[{"Key": key, "Value": value} for key, value in tags.items()], aws_retry=True
    )


def modify_actions(client, listener_arn, rule_arn, actions):
    """One ModifyRule (when ``rule_arn``) or one ModifyListener."""
    if rule_arn:
        client.modify_rule(RuleArn=rule_arn, Actions=actions, aws_retry=True)
    else:
        client.modify_listener(ListenerArn=listener_arn, DefaultActions=actions, aws_retry=True)


def target_states(client, target_group_arn):
    """``{target id: health state}`` of the targets registered in a target group."""
    targets = client.describe_target_health(TargetGroupArn=target_group_arn, aws_retry=True)
    return dict(
        (target["Target"]["Id"], target["TargetHealth"]["State"]) for target in targets["TargetHealthDescriptions"]
    )


def describe_target_groups(client, arns):
    """``{arn: target group}`` of the target groups ``arns`` (all known to exist)."""
    if not arns:
        return {}
    found = client.describe_target_groups(TargetGroupArns=list(arns), aws_retry=True)["TargetGroups"]
    return dict((group["TargetGroupArn"], group) for group in found)
