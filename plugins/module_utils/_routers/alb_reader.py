# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The work of alb_shift_info: the split of several listeners of one load balancer, read in one run."""

from .._aws import elbv2
from .._core.colors import idle_color, live_color
from .._core.errors import InputError
from .alb import AlbRouter, resolve_target_groups


READER_ARGUMENT_SPEC = dict(
    load_balancer=dict(type="str", required=True),
    ports=dict(type="list", elements="int", required=True),
    blue_target_group=dict(type="str", required=True),
    green_target_group=dict(type="str", required=True),
)


def validate_reader_options(params):
    """Checks that need no AWS call."""
    ports = params["ports"]
    if not ports:
        raise InputError("ports must name at least one listener port")
    for port in ports:
        if not 1 <= port <= 65535:
            raise InputError("ports must be from 1 to 65535, got %d" % port)
    if len(set(ports)) != len(ports):
        raise InputError("ports must not repeat a port, got %s" % ports)
    if params["blue_target_group"] == params["green_target_group"]:
        raise InputError(
            "blue_target_group and green_target_group must differ, both are %s" % params["blue_target_group"]
        )


def read_listeners(module):
    """The load balancer, the two target groups and, per port in order, the listener's split."""
    params = module.params
    validate_reader_options(params)
    client = elbv2.elbv2_client(module)
    load_balancer = elbv2.describe_load_balancer(client, params["load_balancer"])
    target_groups = resolve_target_groups(client, params, load_balancer.get("VpcId"))
    listeners = []
    for port in params["ports"]:
        listener = elbv2.find_listener_by_port(client, load_balancer["LoadBalancerArn"], port, option="ports")
        split = AlbRouter(client, listener, target_groups).read_split()
        listeners.append(
            dict(
                port=port,
                listener_arn=listener["ListenerArn"],
                protocol=listener.get("Protocol"),
                split=split,
                live_color=live_color(split),
                idle_color=idle_color(split),
            )
        )
    return dict(
        changed=False,
        load_balancer=dict(
            arn=load_balancer["LoadBalancerArn"],
            name=load_balancer.get("LoadBalancerName"),
            dns_name=load_balancer.get("DNSName"),
            vpc_id=load_balancer.get("VpcId"),
        ),
        target_groups=target_groups,
        listeners=listeners,
    )
