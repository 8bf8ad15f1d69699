# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The ALB router: the weighted forward action of a listener (or of one listener rule)."""

from .._aws import elbv2
from .._core.colors import ALB_MAX_WEIGHT, COLORS
from .._core.errors import InputError, Refusal
from .._core.options import SHIFT_ARGUMENT_SPEC, validate_wait_options, wait_argument_spec
from .._core.poller import Progress, WaitFailed
from .._core.release_marks import marks_from_tags
from .alb_actions import read_split, read_stickiness, with_split
from .base import Router
from .._release.analysis_gate import ANALYSIS_OPTIONS, analysis_gate, validate_analysis
from .._release.switch_record import HISTORY_RECORD_ARGUMENT_SPEC
from .switch import PREVIOUS, switch_traffic

MAX_STICKINESS_SECONDS = 604800


class AlbRouter(Router):
    """``listener`` and ``rule`` are DescribeListeners / DescribeRules answers; ``target_groups`` ``{color: arn}``.

    ``stickiness`` (seconds, None: keep) is written with every split;
    ``min_healthy_targets`` is what a color gaining traffic needs, waited for
    up to ``wait_timeout`` seconds when ``wait``.
    """

    max_weight = ALB_MAX_WEIGHT

    def __init__(
        self,
        client,
        listener,
        target_groups,
        rule=None,
        stickiness=None,
        min_healthy_targets=0,
        wait=False,
        wait_timeout=0,
        warn=None,
        dns_name=None,
    ):
        super().__init__()
        self.client = client
        self.listener = listener
        self.rule = rule
        self.target_groups = target_groups
        self.stickiness = stickiness
        self.min_healthy_targets = min_healthy_targets
        self.wait = wait
        self.wait_timeout = wait_timeout
        self.warn = warn or (lambda message: None)
        self.dns_name = dns_name
        self.where = "rule %s" % rule["RuleArn"] if rule else "listener %s" % listener["ListenerArn"]
        self.actions = rule["Actions"] if rule else listener["DefaultActions"]

    def read_split(self):
        self.found = read_split(self.actions, self.target_groups, self.where)
        return self.found

    def write(self, split):
        actions = with_split(self.actions, self.target_groups, split, self.stickiness, self.where)
        elbv2.modify_actions(
            self.client, self.listener["ListenerArn"], self.rule["RuleArn"] if self.rule else None, actions
        )
        self.writes += 1

    def describe(self, planned=None):
        return {
            "listener_arn": self.listener["ListenerArn"],
            "rule_arn": self.rule["RuleArn"] if self.rule else None,
            "target_groups": dict(self.target_groups),
            "dns_name": self.dns_name,
        }

    def release_marks(self):
        tags = elbv2.tags_of(self.client, [self.target_groups[color] for color in COLORS])
        return {color: marks_from_tags(tags.get(self.target_groups[color], {})) for color in COLORS}

    def settings_differ(self):
        return self.stickiness is not None and self.stickiness != read_stickiness(self.actions, self.where)

    def check_ready(self, colors, poller):
        if self.min_healthy_targets == 0:
            return
        for color in colors:
            self._check_healthy(color, poller)

    def _check_healthy(self, color, poller):
        arn, minimum = self.target_groups[color], self.min_healthy_targets

        def look():
            healthy = elbv2.healthy_target_count(self.client, arn)
            return Progress(healthy >= minimum, "%d healthy targets" % healthy)

        what = "%d healthy targets in the %s target group %s" % (minimum, color, arn)
        if not self.wait:
            progress = look()
            if not progress.done:
                raise Refusal(
                    "min_healthy_targets: %s target group %s has %s, %d needed; nothing changed"
                    % (color, arn, progress.summary, minimum)
                )
            return
        try:
            progress = poller.until(look, what, self.wait_timeout)
        except WaitFailed as error:
            raise Refusal(
                "min_healthy_targets: %s target group %s has %s, %d needed after %d seconds; nothing changed"
                % (color, arn, error.progress.summary, minimum, self.wait_timeout)
            ) from error
        if not progress.done:
            self.warn("%s has %s; the run would wait for %d" % (color, progress.summary, minimum))


def listener_router(client, listener_arn, target_groups, option="listener_arn"):
    """A router that only reads the default forward action of ``listener_arn`` between ``target_groups``."""
    return AlbRouter(client, elbv2.describe_listener(client, listener_arn, option), target_groups)


# alb_shift

# What alb_fleet_switch checks each app's options with, too.
ALB_SHIFT_ARGUMENT_CONSTRAINTS = dict(
    mutually_exclusive=[("listener_arn", "load_balancer")],
    required_one_of=[("listener_arn", "load_balancer", "rule_arn")],
    required_together=[("load_balancer", "port")],
    required_by={"port": "load_balancer"},
)


def alb_shift_argument_spec():
    """alb_shift's options (without the AWS connection's)."""
    return dict(
        listener_arn=dict(type="str"),
        load_balancer=dict(type="str"),
        port=dict(type="int"),
        rule_arn=dict(type="str"),
        blue_target_group=dict(type="str", required=True),
        green_target_group=dict(type="str", required=True),
        min_healthy_targets=dict(type="int", default=1),
        stickiness=dict(type="int"),
        analysis=dict(type="dict", options=ANALYSIS_OPTIONS),
        **wait_argument_spec(),
        **dict(SHIFT_ARGUMENT_SPEC, shift_to=dict(type="str", choices=["blue", "green", PREVIOUS])),
        **HISTORY_RECORD_ARGUMENT_SPEC,
    )


def validate_alb_options(params):
    """Checks of alb_shift's own options that need no AWS call."""
    validate_wait_options(params)
    stickiness = params["stickiness"]
    if stickiness is not None and not 0 <= stickiness <= MAX_STICKINESS_SECONDS:
        raise InputError("stickiness must be from 0 to %d seconds, got %d" % (MAX_STICKINESS_SECONDS, stickiness))
    if params["min_healthy_targets"] < 0:
        raise InputError("min_healthy_targets must be 0 or more, got %d" % params["min_healthy_targets"])
    if params["port"] is not None and not 1 <= params["port"] <= 65535:
        raise InputError("port must be from 1 to 65535, got %d" % params["port"])
    if params["blue_target_group"] == params["green_target_group"]:
        raise InputError(
            "blue_target_group and green_target_group must differ, both are %s" % params["blue_target_group"]
        )


def router_from_params(module, client):
    """The AlbRouter that alb_shift's options point at (every reference checked against AWS)."""
    params = module.params
    listener, rule, load_balancer = _resolve_listener(client, params)
    return AlbRouter(
        client,
        listener,
        resolve_target_groups(client, params, load_balancer.get("VpcId")),
        rule=rule,
        stickiness=params["stickiness"],
        min_healthy_targets=params["min_healthy_targets"],
        wait=params["wait"],
        wait_timeout=params["wait_timeout"],
        warn=module.warn,
        dns_name=load_balancer.get("DNSName"),
    )


def _resolve_listener(client, params):
    """The listener (and rule) to shift, with its load balancer."""
    rule = None
    load_balancer = None
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
        raise InputError(
            "rule_arn: rule %s does not belong to listener %s" % (rule["RuleArn"], listener["ListenerArn"])
        )
    if rule and rule.get("IsDefault"):
        raise InputError("rule_arn: %s is the default rule; shift the listener instead" % rule["RuleArn"])
    if load_balancer is None:
        load_balancer = elbv2.describe_load_balancer(client, listener["LoadBalancerArn"])
    return listener, rule, load_balancer


def resolve_target_groups(client, params, vpc_id):
    arns = {}
    groups = elbv2.describe_target_group_pair(
        client, dict((color, params["%s_target_group" % color]) for color in COLORS)
    )
    for color in COLORS:
        option = "%s_target_group" % color
        group = groups[color]
        if vpc_id and group.get("VpcId") and group["VpcId"] != vpc_id:
            raise InputError(
                "%s: target group %s is in VPC %s, not in the load balancer's VPC %s"
                % (option, params[option], group["VpcId"], vpc_id)
            )
        arns[color] = group["TargetGroupArn"]
    if arns["blue"] == arns["green"]:
        raise InputError("blue_target_group and green_target_group are the same target group %s" % arns["blue"])
    return arns


def shift_listener(module):
    """The work of alb_shift."""
    thresholds = validate_analysis(module.params.get("analysis"))

    def step_check_for(router, shift_to):
        if thresholds is None:
            return None
        return analysis_gate(module, router.listener["LoadBalancerArn"], router.target_groups, shift_to, thresholds)

    return switch_traffic(
        module,
        validate_alb_options,
        lambda: router_from_params(module, elbv2.elbv2_client(module)),
        step_check_for,
    )
