# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The work of the route53_weight module: read, plan, check, apply."""

from . import route53
from .dns_records import (
    change_batch,
    classify,
    current_split,
    describe,
    desired_record_sets,
    foreign_message,
    health_check_healthy,
    health_summary,
    normalize_name,
    record_view,
    records_match,
    records_view,
    restore_batch,
    routing_policy,
    validate_in_zone,
    validate_record_options,
    with_weights,
    zone_id,
)
from .gates import AlarmGate, cloudwatch_client
from .errors import ModuleFailure
from .shift import ShiftFailed, WriteUnconfirmed, run_shift_with_options, validate_shift_options
from .weights import COLORS, ValidationError, colors_gaining, idle_color, live_color, schedule, split_for


def resolve_zone(client, params):
    if params["hosted_zone_id"]:
        return route53.get_zone_by_id(client, params["hosted_zone_id"])
    return route53.find_zone_by_name(client, normalize_name(params["zone"]), params["private_zone"])


def read_health_checks(client, params):
    """``{color: health check}`` for each color with a health_check_id (it must exist)."""
    checks = {}
    for color in COLORS:
        health_check_id = params[color].get("health_check_id")
        if health_check_id:
            checks[color] = route53.get_health_check(client, health_check_id, "%s.health_check_id" % color)
    return checks


def check_health(module, client, health_checks, colors):
    """Every one of ``colors`` that has a health check is healthy; else fail before any write."""
    for color in colors:
        if color not in health_checks:
            continue
        health_check = health_checks[color]
        config = health_check.get("HealthCheckConfig", {})
        if config.get("Type") == "CALCULATED" and not config.get("Disabled"):
            module.warn(
                "%s.health_check_id: %s is a calculated health check, whose status the Route 53 API does not "
                "give; it was not checked before the shift" % (color, health_check["Id"])
            )
            continue
        observations = [] if config.get("Disabled") else route53.health_check_observations(client, health_check["Id"])
        if not health_check_healthy(config, observations):
            raise ValidationError(
                "%s.health_check_id: health check %s is unhealthy (%s); %s would get traffic, nothing changed"
                % (color, health_check["Id"], health_summary(config, observations), color)
            )


def foreign_view(record_set):
    view = record_view(record_set)
    view.update(name=normalize_name(record_set.get("Name")), type=record_set.get("Type"))
    view["routing_policy"] = routing_policy(record_set)
    view["description"] = describe(record_set)
    return view


def shift_records(module):
    """Run route53_weight; return the result dict or raise ModuleFailure/ValidationError."""
    params = module.params
    steps = validate_shift_options(params)
    name = validate_record_options(params)
    desired = desired_record_sets(params, name)

    client = route53.route53_client(module)
    zone = resolve_zone(client, params)
    hosted_zone_id = zone_id(zone["Id"])
    validate_in_zone(name, normalize_name(zone["Name"]))
    health_checks = read_health_checks(client, params)
    gate = AlarmGate(cloudwatch_client(module) if params["alarms"] else None, params["alarms"])
    gate.validate()

    identifiers = dict((color, params[color]["identifier"]) for color in COLORS)
    ours, foreign = classify(route53.record_sets_named(client, hosted_zone_id, name), name, params["type"], identifiers)
    before = current_split(ours)
    result = dict(
        changed=False,
        hosted_zone_id=hosted_zone_id,
        record=name,
        before=before,
        after=before,
        live_color=live_color(before),
        idle_color=idle_color(before),
        records=records_view(ours),
        change_id=None,
        steps_applied=[],
        rolled_back=False,
        alarms_in_alarm=[],
    )
    if foreign:
        result["foreign_records"] = [foreign_view(record_set) for record_set in foreign]
        raise ModuleFailure(foreign_message(foreign, name, params["type"]), result)

    shift_to = params["shift_to"]
    if shift_to:
        splits = schedule(before, shift_to, params["percent"], steps)
        checked_colors = colors_gaining(before, splits)
        if not splits and not records_match(ours, desired):
            # The split is right but a value, alias, TTL or health check is not: one batch fixes them,
            # and every color that keeps traffic must be healthy behind its new record.
            splits = [before]
            checked_colors = [color for color in COLORS if before[color] > 0]
        check_health(module, client, health_checks, checked_colors)
        if splits:
            after = split_for(shift_to, params["percent"])
            result.update(changed=True, after=after, records=records_view(with_weights(desired, after)))
            if module.check_mode:
                result["steps_applied"] = [split[shift_to] for split in splits]
            else:
                _apply(module, client, result, hosted_zone_id, desired, ours, splits, gate)
    result.update(live_color=live_color(result["after"]), idle_color=idle_color(result["after"]))
    if module._diff:
        result["diff"] = dict(
            before=dict(before, records=records_view(ours)),
            after=dict(result["after"], records=result["records"]),
        )
    return result


def _apply(module, client, result, hosted_zone_id, desired, found, splits, gate):
    params = module.params
    written = {}

    def submit(batch):
        """Write one batch; with ``wait``, wait until it is in sync and raise ChangeNotInSync if not."""
        change = route53.change_record_sets(client, hosted_zone_id, batch)
        result["change_id"] = change["Id"]
        written["records"] = dict(
            (color, batch["Changes"][index]["ResourceRecordSet"]) for index, color in enumerate(COLORS)
        )
        if params["wait"]:
            route53.wait_in_sync(client, change, params["wait_timeout"])

    def write(split):
        try:
            submit(change_batch(desired, split))
        except route53.ChangeNotInSync as error:
            raise WriteUnconfirmed(str(error)) from error

    def restore(split):
        try:
            submit(restore_batch(found, desired))
        except route53.ChangeNotInSync as error:
            module.warn("the rollback was submitted but is not in sync yet: %s" % error)

    try:
        result["steps_applied"] = run_shift_with_options(params, result["before"], splits, write, gate, restore)
    except ShiftFailed as failure:
        records = written.get("records", found)
        result.update(failure.report(), changed="records" in written, records=records_view(records))
        raise ModuleFailure(failure.msg, result) from failure
