# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The Route 53 router: a pair of weighted records (blue and green) written in one batch."""

from .._aws import route53
from .._core.colors import COLORS
from .._core.dns_names import normalize_name, zone_id
from .._core.errors import InputError, ModuleFailure, Refusal
from .._core.options import validate_wait_options, validate_wait_slice_options
from .._core.poller import Poller, Progress, WaitFailed, poller_for, slice_result
from .._core.shift import WritePending, WriteUnconfirmed
from .base import Router
from .switch import switch_traffic
from .dns_records import (
    change_batch,
    classify,
    current_split,
    describe,
    desired_record_sets,
    foreign_message,
    health_check_healthy,
    health_summary,
    record_view,
    records_match,
    records_view,
    restore_batch,
    routing_policy,
    validate_in_zone,
    validate_record_options,
    with_weights,
)

CHANGE_POLL_SECONDS = 5


class Route53Router(Router):
    """``desired`` is ``{color: record set}`` without weights (see ``dns_records.desired_record_sets``)."""

    def __init__(
        self,
        client,
        hosted_zone_id,
        name,
        desired,
        health_checks=None,
        wait=False,
        wait_timeout=0,
        poller=None,
        warn=None,
        wait_slice=0,
        wait_started=None,
    ):
        super().__init__()
        self.client = client
        self.hosted_zone_id = hosted_zone_id
        self.name = name
        self.desired = desired
        self.health_checks = health_checks or {}
        self.wait = wait
        self.wait_timeout = wait_timeout
        # A wait for a change of the shift that reaches the end of the call's slice ends the call (WritePending).
        self.wait_slice = wait_slice
        self.wait_started = wait_started
        self.poller = poller or Poller(interval=CHANGE_POLL_SECONDS)
        self.warn = warn or (lambda message: None)
        self.ours = {}
        self.foreign = []
        self.written = None
        self.change_id = None

    def read_split(self):
        identifiers = dict((color, self.desired[color]["SetIdentifier"]) for color in COLORS)
        record_sets = route53.record_sets_named(self.client, self.hosted_zone_id, self.name)
        self.ours, self.foreign = classify(record_sets, self.name, self.desired["blue"]["Type"], identifiers)
        self.found = current_split(self.ours)
        return self.found

    def write(self, split):
        self._submit(change_batch(self.desired, split), confirm=True)

    def restore(self, split):
        if split == self.found:
            self._submit(restore_batch(self.ours, self.desired), confirm=False)
        else:
            # A split from before this call (rollback_split): the records as wanted, with its weights.
            self._submit(change_batch(self.desired, split), confirm=False)

    def _submit(self, batch, confirm):
        """One batch; with ``wait``, wait until it is INSYNC (a write of the shift: at most the call's slice)."""
        change = route53.change_record_sets(self.client, self.hosted_zone_id, batch)
        self.writes += 1
        self.change_id = change["Id"]
        self.written = dict((color, batch["Changes"][index]["ResourceRecordSet"]) for index, color in enumerate(COLORS))
        if not self.wait or change.get("Status") == "INSYNC":
            return
        # A write of the shift waits at most the call's slice; a restore waits the whole wait.
        sliced = (self.wait_slice, self.wait_started) if confirm and self.wait_slice > 0 else ()
        progress = self._confirm(change["Id"], confirm, *sliced)
        if progress is not None and not progress.done:
            raise WritePending(progress, change["Id"], lambda: self._confirm(change["Id"], confirm))

    def wait_in_sync(self, change_id, wait_slice=0, started_at=None):
        return wait_in_sync(self.client, self.poller, change_id, self.wait_timeout, wait_slice, started_at)

    def _confirm(self, change_id, confirm, wait_slice=0, started_at=None):
        """Wait for the change (a slice at most): its Progress; None when a restore's change is not in sync (warned)."""
        try:
            return self.wait_in_sync(change_id, wait_slice, started_at)
        except WaitFailed as error:
            message = "%s; Route 53 will apply it" % error.msg
            if confirm:
                raise WriteUnconfirmed(message) from error
            self.warn("the rollback was submitted but is not in sync yet: %s" % message)
            return None

    def describe(self, planned=None):
        if self.written is not None:
            records = self.written
        elif planned is not None:
            records = with_weights(self.desired, planned)
        else:
            records = self.ours
        return {
            "hosted_zone_id": self.hosted_zone_id,
            "record": self.name,
            "records": records_view(records),
            "change_id": self.change_id,
        }

    def diff(self, before, after):
        return {
            "before": dict(before, records=records_view(self.ours)),
            "after": dict(after, records=self.describe(planned=after)["records"]),
        }

    def unsafe(self):
        if not self.foreign:
            return None
        message = foreign_message(self.foreign, self.name, self.desired["blue"]["Type"])
        return message, {"foreign_records": [foreign_view(record_set) for record_set in self.foreign]}

    def settings_differ(self):
        return not records_match(self.ours, self.desired)

    def colors_behind_rewrite(self, split):
        # Every color that keeps traffic must be healthy behind its new record.
        return [color for color in COLORS if split[color] > 0]

    def check_ready(self, colors, poller):
        for color in colors:
            if color in self.health_checks:
                self._check_health(color, self.health_checks[color])

    def _check_health(self, color, health_check):
        config = health_check.get("HealthCheckConfig", {})
        if config.get("Type") == "CALCULATED" and not config.get("Disabled"):
            self.warn(
                "%s.health_check_id: %s is a calculated health check, whose status the Route 53 API does not "
                "give; it was not checked before the shift" % (color, health_check["Id"])
            )
            return
        observations = (
            [] if config.get("Disabled") else route53.health_check_observations(self.client, health_check["Id"])
        )
        if not health_check_healthy(config, observations):
            raise Refusal(
                "%s.health_check_id: health check %s is unhealthy (%s); %s would get traffic, nothing changed"
                % (color, health_check["Id"], health_summary(config, observations), color)
            )


def wait_in_sync(client, poller, change_id, timeout, wait_slice=0, started_at=None):
    """Wait until the change ``change_id`` is INSYNC (see ``Poller.until``); raises WaitFailed after ``timeout``."""
    return poller.until(
        lambda: Progress(
            route53.change_status(client, change_id) == "INSYNC", "change %s is not INSYNC yet" % change_id
        ),
        "change %s to be INSYNC" % change_id,
        timeout,
        wait_slice=wait_slice,
        started_at=started_at,
    )


def foreign_view(record_set):
    view = record_view(record_set)
    view.update(name=normalize_name(record_set.get("Name")), type=record_set.get("Type"))
    view["routing_policy"] = routing_policy(record_set)
    view["description"] = describe(record_set)
    return view


# route53_weight


def validate_route53_options(params):
    """Checks of route53_weight's own options that need no AWS call."""
    validate_record_options(params)
    # Route 53 answers PENDING first: no change is ever in sync within 0 seconds.
    validate_wait_options(params, minimum=1)
    validate_wait_slice_options(params)
    if params.get("wait_change") and not params["wait"]:
        raise InputError("wait_change needs wait=true: it waits for the change %s" % params["wait_change"])


def router_from_params(module, client):
    """The Route53Router that route53_weight's options point at (zone and health checks checked)."""
    params = module.params
    name = normalize_name(params["record"])
    zone = _resolve_zone(client, params)
    validate_in_zone(name, normalize_name(zone["Name"]))
    return Route53Router(
        client,
        zone_id(zone["Id"]),
        name,
        desired_record_sets(params, name),
        health_checks=_read_health_checks(client, params),
        wait=params["wait"],
        wait_timeout=params["wait_timeout"],
        poller=poller_for(module, interval=CHANGE_POLL_SECONDS),
        warn=module.warn,
        wait_slice=params.get("wait_slice") or 0,
        wait_started=params.get("wait_started"),
    )


def _resolve_zone(client, params):
    if params["hosted_zone_id"]:
        return route53.get_zone_by_id(client, params["hosted_zone_id"])
    return route53.find_zone_by_name(client, normalize_name(params["zone"]), params["private_zone"])


def _read_health_checks(client, params):
    """``{color: health check}`` for each color with a health_check_id (it must exist)."""
    checks = {}
    for color in COLORS:
        health_check_id = params[color].get("health_check_id")
        if health_check_id:
            checks[color] = route53.get_health_check(client, health_check_id, "%s.health_check_id" % color)
    return checks


def shift_records(module):
    """The work of route53_weight."""
    params = module.params
    if params.get("wait_change"):
        validate_route53_options(params)
        waited = _wait_for_change(module)
        if waited["waiting"]:
            return dict(waited, changed=False, change_id=params["wait_change"])
    result = switch_traffic(
        module, validate_route53_options, lambda: router_from_params(module, route53.route53_client(module))
    )
    result.setdefault("waiting", False)
    return result


def _wait_for_change(module):
    """The wait of a call before it (``wait_change``), a slice at most: ``slice_result`` of where it got."""
    params = module.params
    poller = poller_for(module, interval=CHANGE_POLL_SECONDS)
    try:
        progress = wait_in_sync(
            route53.route53_client(module),
            poller,
            params["wait_change"],
            params["wait_timeout"],
            params.get("wait_slice") or 0,
            params.get("wait_started"),
        )
    except WaitFailed as error:
        raise ModuleFailure(
            "%s; Route 53 will apply it" % error.msg, dict(change_id=params["wait_change"], changed=False)
        ) from error
    return slice_result(progress)
