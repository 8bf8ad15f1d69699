# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The work of the alb_shift module: read, plan, check, apply."""

import time

from . import elbv2
from .forward_action import read_split, read_stickiness, with_split
from .gates import AlarmGate, cloudwatch_client
from .errors import ModuleFailure
from .shift import ShiftFailed, run_shift_with_options, validate_shift_options
from .weights import ValidationError, colors_gaining, idle_color, live_color, schedule, split_for

MAX_STICKINESS_SECONDS = 604800
HEALTH_POLL_SECONDS = 5


def validate_inputs(params):
    """Checks that need no AWS call; return the validated steps."""
    steps = validate_shift_options(params)
    stickiness = params["stickiness"]
    if stickiness is not None and not 0 <= stickiness <= MAX_STICKINESS_SECONDS:
        raise ValidationError("stickiness must be from 0 to %d seconds, got %d" % (MAX_STICKINESS_SECONDS, stickiness))
    if params["min_healthy_targets"] < 0:
        raise ValidationError("min_healthy_targets must be 0 or more, got %d" % params["min_healthy_targets"])
    if params["wait_timeout"] < 0:
        raise ValidationError("wait_timeout must be 0 or more seconds, got %d" % params["wait_timeout"])
    if params["port"] is not None and not 1 <= params["port"] <= 65535:
        raise ValidationError("port must be from 1 to 65535, got %d" % params["port"])
    if params["blue_target_group"] == params["green_target_group"]:
        raise ValidationError(
            "blue_target_group and green_target_group must differ, both are %s" % params["blue_target_group"]
        )
    return steps


def resolve_router(client, params):
    """The listener (and rule) to shift, with the load balancer's VPC."""
    rule = None
    if params["rule_arn"]:
        rule = elbv2.describe_rule(client, params["rule_arn"])
    if params["listener_arn"]:
        listener = elbv2.describe_listener(client, params["listener_arn"])
    elif params["load_balancer"]:
        load_balancer = elbv2.describe_load_balancer(client, params["load_balancer"])
        listener = elbv2.find_listener_by_port(client, load_balancer["LoadBalancerArn"], params["port"])
    else:
        listener = elbv2.describe_listener(client, elbv2.listener_arn_of_rule(params["rule_arn"]), "rule_arn")
    if rule and elbv2.listener_arn_of_rule(rule["RuleArn"]) != listener["ListenerArn"]:
        raise ValidationError(
            "rule_arn: rule %s does not belong to listener %s" % (rule["RuleArn"], listener["ListenerArn"])
        )
    if rule and rule.get("IsDefault"):
        raise ValidationError("rule_arn: %s is the default rule; shift the listener instead" % rule["RuleArn"])
    load_balancer = elbv2.describe_load_balancer(client, listener["LoadBalancerArn"])
    return listener, rule, load_balancer.get("VpcId")


def resolve_target_groups(client, params, vpc_id):
    arns = {}
    for color in ("blue", "green"):
        option = "%s_target_group" % color
        group = elbv2.describe_target_group(client, params[option], option)
        if vpc_id and group.get("VpcId") and group["VpcId"] != vpc_id:
            raise ValidationError(
                "%s: target group %s is in VPC %s, not in the load balancer's VPC %s"
                % (option, params[option], group["VpcId"], vpc_id)
            )
        arns[color] = group["TargetGroupArn"]
    if arns["blue"] == arns["green"]:
        raise ValidationError("blue_target_group and green_target_group are the same target group %s" % arns["blue"])
    return arns


def check_healthy_targets(module, client, target_groups, start, splits):
    """Every color that gains traffic has enough healthy targets (waits with ``wait``)."""
    minimum = module.params["min_healthy_targets"]
    if minimum == 0:
        return
    waiting = module.params["wait"] and not module.check_mode
    deadline = time.monotonic() + module.params["wait_timeout"]
    for color in colors_gaining(start, splits):
        while True:
            healthy = elbv2.healthy_target_count(client, target_groups[color])
            if healthy >= minimum:
                break
            if module.check_mode and module.params["wait"]:
                module.warn("%s has %d healthy targets; the run would wait for %d" % (color, healthy, minimum))
                break
            if not waiting or time.monotonic() >= deadline:
                raise ValidationError(
                    "min_healthy_targets: %s target group %s has %d healthy targets, %d needed%s; nothing changed"
                    % (
                        color,
                        target_groups[color],
                        healthy,
                        minimum,
                        " after %d seconds" % module.params["wait_timeout"] if waiting else "",
                    )
                )
            time.sleep(HEALTH_POLL_SECONDS)


def shift_listener(module):
    """Run alb_shift; return the result dict or raise ModuleFailure/ValidationError."""
    params = module.params
    steps = validate_inputs(params)
    client = elbv2.elbv2_client(module)
    listener, rule, vpc_id = resolve_router(client, params)
    target_groups = resolve_target_groups(client, params, vpc_id)
    gate = AlarmGate(cloudwatch_client(module) if params["alarms"] else None, params["alarms"])
    gate.validate()

    where = "rule %s" % rule["RuleArn"] if rule else "listener %s" % listener["ListenerArn"]
    actions = rule["Actions"] if rule else listener["DefaultActions"]
    before = read_split(actions, target_groups, where)
    result = dict(
        changed=False,
        listener_arn=listener["ListenerArn"],
        rule_arn=rule["RuleArn"] if rule else None,
        target_groups=target_groups,
        before=before,
        after=before,
        steps_applied=[],
        rolled_back=False,
        alarms_in_alarm=[],
    )
    shift_to = params["shift_to"]
    if shift_to:
        splits = schedule(before, shift_to, params["percent"], steps)
        stickiness = params["stickiness"]
        if not splits and stickiness is not None and stickiness != read_stickiness(actions, where):
            splits = [before]
        check_healthy_targets(module, client, target_groups, before, splits)
        if splits:
            result.update(changed=True, after=split_for(shift_to, params["percent"]))
            if module.check_mode:
                result["steps_applied"] = [split[shift_to] for split in splits]
            else:
                _apply(module, client, result, actions, splits, gate, where)
    result.update(live_color=live_color(result["after"]), idle_color=idle_color(result["after"]))
    if module._diff:
        result["diff"] = dict(before=before, after=result["after"])
    return result


def _apply(module, client, result, actions, splits, gate, where):
    params = module.params

    def write(split):
        new_actions = with_split(actions, result["target_groups"], split, params["stickiness"], where)
        elbv2.modify_actions(client, result["listener_arn"], result["rule_arn"], new_actions)

    try:
        result["steps_applied"] = run_shift_with_options(params, result["before"], splits, write, gate)
    except ShiftFailed as failure:
        result.update(failure.report(), changed=failure.split != result["before"] or failure.rolled_back)
        raise ModuleFailure(failure.msg, result) from failure
