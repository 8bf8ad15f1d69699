# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""Pure planning of a pair of Route 53 weighted records (blue and green).

Record sets are the dicts of the Route 53 API (ListResourceRecordSets
``ResourceRecordSets``, ChangeResourceRecordSets ``ResourceRecordSet``).
Nothing here talks to AWS.
"""

import ipaddress
import re

from .._core.colors import COLORS, ROUTE53_MAX_WEIGHT, split_from_weights
from .._core.dns_names import normalize_name, zone_id
from .._core.errors import InputError

RECORD_TYPES = ("A", "AAAA", "CNAME")
MAX_TTL = 2147483647
MAX_IDENTIFIER_LENGTH = 128
MAX_NAME_LENGTH = 255
MAX_LABEL_LENGTH = 63
# More than this share of Route 53's health checkers must report success.
HEALTHY_SHARE = 0.18
# Keys that make a record set something other than a weighted record.
OTHER_ROUTING_KEYS = (
    ("Region", "latency"),
    ("Failover", "failover"),
    ("GeoLocation", "geolocation"),
    ("GeoProximityLocation", "geoproximity"),
    ("MultiValueAnswer", "multivalue answer"),
    ("CidrRoutingConfig", "IP-based"),
    ("TrafficPolicyInstanceId", "traffic policy"),
)
# The keys of a record set that this module writes back when it restores one.
WRITABLE_KEYS = ("Name", "Type", "SetIdentifier", "Weight", "TTL", "ResourceRecords", "AliasTarget", "HealthCheckId")
_LABEL = re.compile(r"^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?$")


# Names


def validate_name(name, option, wildcard=False):
    """A DNS name (trailing dot optional); return it normalised."""
    if not isinstance(name, str) or not name.strip(". "):
        raise InputError("%s must be a DNS name, got %r" % (option, name))
    normalized = normalize_name(name)
    if len(normalized) > MAX_NAME_LENGTH:
        raise InputError("%s must be at most %d characters, got %s" % (option, MAX_NAME_LENGTH, name))
    labels = normalized[:-1].split(".")
    for index, label in enumerate(labels):
        if label == "*" and wildcard and index == 0:
            continue
        if not label or len(label) > MAX_LABEL_LENGTH or not _LABEL.match(label):
            raise InputError(
                "%s: %r is not a valid DNS name (label %r: letters, digits, '-' and '_', 1 to %d characters)"
                % (option, name, label, MAX_LABEL_LENGTH)
            )
    return normalized


def in_zone(name, zone_name):
    """Whether ``name`` is the zone apex or below it (both normalised)."""
    return name == zone_name or name.endswith("." + zone_name)


def validate_in_zone(name, zone_name):
    if not in_zone(name, zone_name):
        raise InputError("record: %s is not in the hosted zone %s" % (name, zone_name))


# Options


def _validate_values(values, record_type, option):
    if not values:
        raise InputError("%s must list at least one value" % option)
    for value in values:
        if record_type == "A":
            _address(value, ipaddress.IPv4Address, "IPv4", option)
        elif record_type == "AAAA":
            _address(value, ipaddress.IPv6Address, "IPv6", option)
        else:
            validate_name(value, option, wildcard=False)
    if record_type == "CNAME" and len(values) != 1:
        raise InputError("%s: a CNAME record has exactly one value, got %d: %s" % (option, len(values), values))
    normalized = [_value_key(value, record_type) for value in values]
    if len(set(normalized)) != len(normalized):
        raise InputError("%s lists a value twice: %s" % (option, values))


def _address(value, kind, label, option):
    try:
        return kind(value)
    except ValueError:
        raise InputError("%s: %r is not an %s address" % (option, value, label)) from None


def _validate_color(params, color, record_type):
    options = params[color]
    identifier = options.get("identifier")
    if not isinstance(identifier, str) or not identifier or len(identifier) > MAX_IDENTIFIER_LENGTH:
        raise InputError(
            "%s.identifier must be 1 to %d characters, got %r" % (color, MAX_IDENTIFIER_LENGTH, identifier)
        )
    has_value = options.get("value") is not None
    has_alias = options.get("alias") is not None
    if has_value == has_alias:
        raise InputError("%s needs exactly one of %s.value or %s.alias" % (color, color, color))
    if has_value:
        _validate_values(options["value"], record_type, "%s.value" % color)
    else:
        alias = options["alias"]
        validate_name(alias.get("dns_name"), "%s.alias.dns_name" % color)
        if not zone_id(alias.get("hosted_zone_id")):
            raise InputError(
                "%s.alias.hosted_zone_id must be a hosted zone id, got %r" % (color, alias.get("hosted_zone_id"))
            )
    health_check_id = options.get("health_check_id")
    if health_check_id is not None and not health_check_id.strip():
        raise InputError("%s.health_check_id must not be empty" % color)


def validate_record_options(params):
    """Check the record options (no AWS call); return the record name, normalised."""
    if params["type"] not in RECORD_TYPES:
        raise InputError("type must be one of %s, got %r" % (", ".join(RECORD_TYPES), params["type"]))
    if params.get("zone") is not None:
        validate_name(params["zone"], "zone")
    if params.get("hosted_zone_id") is not None and not zone_id(params["hosted_zone_id"]):
        raise InputError("hosted_zone_id must be a hosted zone id, got %r" % params["hosted_zone_id"])
    name = validate_name(params["record"], "record", wildcard=True)
    if not 0 <= params["ttl"] <= MAX_TTL:
        raise InputError("ttl must be from 0 to %d seconds, got %d" % (MAX_TTL, params["ttl"]))
    for color in COLORS:
        _validate_color(params, color, params["type"])
    if params["blue"]["identifier"] == params["green"]["identifier"]:
        raise InputError("blue.identifier and green.identifier must differ, both are %r" % params["blue"]["identifier"])
    return name


def desired_record_sets(params, name):
    """``{color: record set}`` the options ask for, without weights."""
    desired = {}
    for color in COLORS:
        options = params[color]
        record_set = {"Name": name, "Type": params["type"], "SetIdentifier": options["identifier"]}
        if options.get("alias") is not None:
            alias = options["alias"]
            record_set["AliasTarget"] = {
                "HostedZoneId": zone_id(alias["hosted_zone_id"]),
                "DNSName": alias["dns_name"],
                "EvaluateTargetHealth": bool(alias.get("evaluate_target_health", True)),
            }
        else:
            record_set["TTL"] = params["ttl"]
            record_set["ResourceRecords"] = [{"Value": value} for value in options["value"]]
        if options.get("health_check_id"):
            record_set["HealthCheckId"] = options["health_check_id"]
        desired[color] = record_set
    return desired


# Reading what Route 53 holds


def routing_policy(record_set):
    for key, policy in OTHER_ROUTING_KEYS:
        if record_set.get(key) is not None:
            return policy
    if record_set.get("Weight") is not None:
        return "weighted"
    return "simple"


def classify(record_sets, name, record_type, identifiers):
    """Split the record sets found at ``name`` into ours and foreign ones.

    ``identifiers`` is ``{color: SetIdentifier}``. Ours are the weighted
    records of ``record_type`` with one of those identifiers. Foreign are the
    other records of ``record_type`` and, since a CNAME cannot share its name,
    records of any type next to a CNAME. Returns ``({color: record set}, [record set])``.
    """
    colors = dict((identifier, color) for color, identifier in identifiers.items())
    ours = {}
    foreign = []
    for record_set in record_sets:
        if normalize_name(record_set.get("Name")) != name:
            continue
        same_type = record_set.get("Type") == record_type
        if not same_type and "CNAME" not in (record_type, record_set.get("Type")):
            continue
        color = colors.get(record_set.get("SetIdentifier"))
        if same_type and color and routing_policy(record_set) == "weighted" and color not in ours:
            ours[color] = record_set
        else:
            foreign.append(record_set)
    return ours, foreign


def describe(record_set):
    """One line for a person: type, policy, identifier, weight, target."""
    policy = routing_policy(record_set)
    words = ["%s %s %s record" % (normalize_name(record_set.get("Name")), record_set.get("Type"), policy)]
    if record_set.get("SetIdentifier") is not None:
        words.append("SetIdentifier %r" % record_set["SetIdentifier"])
    if record_set.get("Weight") is not None:
        words.append("weight %s" % record_set["Weight"])
    view = record_view(record_set)
    if view["alias"]:
        words.append("alias to %s" % view["alias"]["dns_name"])
    elif view["value"]:
        words.append("value %s" % ", ".join(view["value"]))
    return ", ".join(words)


def foreign_message(foreign, name, record_type):
    return (
        "%s %s holds records that are not the blue/green pair of this module: %s; "
        "route53_weight never deletes or overwrites records it does not own: remove them, "
        "or set blue.identifier and green.identifier to theirs"
        % (name, record_type, "; ".join(describe(record_set) for record_set in foreign))
    )


def current_split(ours):
    """The split of the pair as Route 53 holds it (0/0 when neither record exists)."""
    weights = dict((color, ours[color].get("Weight") or 0) for color in ours)
    return split_from_weights(weights, ROUTE53_MAX_WEIGHT)


def _value_key(value, record_type):
    try:
        if record_type == "A":
            return str(ipaddress.IPv4Address(value))
        if record_type == "AAAA":
            return ipaddress.IPv6Address(value).compressed
    except ValueError:
        pass
    if record_type in ("A", "AAAA"):
        return value.strip().lower()
    return normalize_name(value)


def _comparable(record_set):
    alias = record_set.get("AliasTarget")
    if alias:
        target = (
            zone_id(alias.get("HostedZoneId")),
            normalize_name(alias.get("DNSName")),
            bool(alias.get("EvaluateTargetHealth")),
        )
        return (None, None, target, record_set.get("HealthCheckId") or None)
    values = sorted(
        _value_key(record["Value"], record_set.get("Type")) for record in record_set.get("ResourceRecords") or []
    )
    return (record_set.get("TTL"), values, None, record_set.get("HealthCheckId") or None)


def same_record(current, desired):
    """Same target (values in any order, or alias), TTL and health check; weights aside."""
    if current is None or desired is None:
        return current is desired
    return _comparable(current) == _comparable(desired)


def records_match(ours, desired):
    return all(same_record(ours.get(color), desired[color]) for color in COLORS)


# Writing


def _weight(split, color):
    weight = split[color]
    if isinstance(weight, bool) or not isinstance(weight, int) or not 0 <= weight <= ROUTE53_MAX_WEIGHT:
        raise InputError("weight of %s must be from 0 to %d, got %r" % (color, ROUTE53_MAX_WEIGHT, weight))
    return weight


def _batch(record_sets, comment):
    if not any(record_set["Weight"] for record_set in record_sets):
        # Route 53 splits evenly when every weight is 0: never write that.
        raise InputError("refusing to write weight 0 for both blue and green")
    return {
        "Comment": comment,
        "Changes": [{"Action": "UPSERT", "ResourceRecordSet": record_set} for record_set in record_sets],
    }


def change_batch(desired, split):
    """One ChangeResourceRecordSets batch: an UPSERT of each color with its share as weight."""
    record_sets = []
    for color in COLORS:
        record_set = dict(desired[color])
        record_set["Weight"] = _weight(split, color)
        record_sets.append(record_set)
    return _batch(record_sets, "bluegreen.aws.route53_weight: blue %d%%, green %d%%" % (split["blue"], split["green"]))


def restore_batch(found, desired):
    """The batch that puts back the records found at the start.

    The records found are written back as they were (weights included); a
    color that did not exist then gets weight 0, and the TTL of the record
    found, since Route 53 wants one TTL across a weighted set.
    """
    record_sets = []
    for color in COLORS:
        if color in found:
            record_set = dict((key, value) for key, value in found[color].items() if key in WRITABLE_KEYS)
        else:
            record_set = dict(desired[color], Weight=0)
            found_ttls = [record["TTL"] for record in found.values() if "TTL" in record]
            if "TTL" in record_set and found_ttls:
                record_set["TTL"] = found_ttls[0]
        record_sets.append(record_set)
    split = current_split(found)
    return _batch(
        record_sets,
        "bluegreen.aws.route53_weight: back to blue %d%%, green %d%%" % (split["blue"], split["green"]),
    )


# Reporting


def record_view(record_set):
    """A record set as the module returns it (snake_case); None for a missing record."""
    if record_set is None:
        return None
    alias = record_set.get("AliasTarget")
    return {
        "identifier": record_set.get("SetIdentifier"),
        "weight": record_set.get("Weight"),
        "ttl": None if alias else record_set.get("TTL"),
        "value": None if alias else [record["Value"] for record in record_set.get("ResourceRecords") or []],
        "alias": {
            "dns_name": alias.get("DNSName"),
            "hosted_zone_id": alias.get("HostedZoneId"),
            "evaluate_target_health": bool(alias.get("EvaluateTargetHealth")),
        }
        if alias
        else None,
        "health_check_id": record_set.get("HealthCheckId"),
    }


def records_view(record_sets):
    return dict((color, record_view(record_sets.get(color))) for color in COLORS)


def with_weights(desired, split):
    return dict((color, dict(desired[color], Weight=split[color])) for color in COLORS)


# Health checks


def successes(observations):
    """How many of Route 53's health checkers report success."""
    return sum(
        1
        for observation in observations
        if str((observation.get("StatusReport") or {}).get("Status", "")).startswith("Success")
    )


def observations_healthy(observations):
    """Route 53 counts an endpoint healthy when more than 18% of its checkers report success."""
    if not observations:
        return False
    return successes(observations) > HEALTHY_SHARE * len(observations)


def health_check_healthy(config, observations):
    """The status Route 53 gives the health check: disabled counts as healthy; inverted flips it."""
    healthy = True if config.get("Disabled") else observations_healthy(observations)
    return not healthy if config.get("Inverted") else healthy


def health_summary(config, observations):
    """Why a health check has its status, for a person."""
    if config.get("Disabled"):
        summary = "disabled"
    else:
        summary = "%d of %d health checkers report success" % (successes(observations), len(observations))
    return summary + (", inverted" if config.get("Inverted") else "")
