# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""Route 53 calls (with retries)."""

from .._core.dns_names import normalize_name, zone_id
from .._core.errors import InputError
from .common import describe_one, retrying_client

# Route 53 answers PriorRequestNotComplete while an earlier change is being applied.
RETRY_ERROR_CODES = ["PriorRequestNotComplete"]
PAGE_SIZE = "300"


def route53_client(module):
    return retrying_client(module, "route53", RETRY_ERROR_CODES)


def get_zone_by_id(client, hosted_zone_id):
    return describe_one(
        client.get_hosted_zone,
        "HostedZone",
        ("NoSuchHostedZone", "InvalidInput"),
        "hosted_zone_id: no hosted zone %s" % hosted_zone_id,
        Id=zone_id(hosted_zone_id),
    )


def find_zone_by_name(client, name, private_zone):
    """The one public (or private) hosted zone called ``name`` (normalised)."""
    zones = []
    kwargs = {"DNSName": name, "MaxItems": "100"}
    while True:
        response = client.list_hosted_zones_by_name(aws_retry=True, **kwargs)
        page = [zone for zone in response["HostedZones"] if normalize_name(zone["Name"]) == name]
        zones.extend(page)
        # Zones come in name order: stop at the first page that goes past the name.
        if not response.get("IsTruncated") or len(page) < len(response["HostedZones"]):
            break
        kwargs = {"DNSName": response["NextDNSName"], "HostedZoneId": response["NextHostedZoneId"], "MaxItems": "100"}
    kind = "private" if private_zone else "public"
    matching = [zone for zone in zones if bool(zone.get("Config", {}).get("PrivateZone")) == private_zone]
    if not matching:
        hint = ""
        if zones:
            hint = " (there is a %s one: set private_zone: %s)" % (
                "public" if private_zone else "private",
                "false" if private_zone else "true",
            )
        raise InputError("zone: no %s hosted zone named %s%s" % (kind, name, hint))
    if len(matching) > 1:
        raise InputError(
            "zone: %d %s hosted zones are named %s (%s); set hosted_zone_id instead"
            % (len(matching), kind, name, ", ".join(zone_id(zone["Id"]) for zone in matching))
        )
    return matching[0]


def record_sets_named(client, hosted_zone_id, name):
    """Every record set called ``name`` (normalised), of any type."""
    found = []
    kwargs = {"HostedZoneId": hosted_zone_id, "StartRecordName": name, "MaxItems": PAGE_SIZE}
    while True:
        response = client.list_resource_record_sets(aws_retry=True, **kwargs)
        record_sets = response["ResourceRecordSets"]
        page = [record_set for record_set in record_sets if normalize_name(record_set["Name"]) == name]
        found.extend(page)
        # Record sets come sorted by name: the first other name ends the list for this one.
        if not response.get("IsTruncated") or len(page) < len(record_sets):
            return found
        kwargs = {
            "HostedZoneId": hosted_zone_id,
            "StartRecordName": response["NextRecordName"],
            "StartRecordType": response["NextRecordType"],
            "MaxItems": PAGE_SIZE,
        }
        if response.get("NextRecordIdentifier"):
            kwargs["StartRecordIdentifier"] = response["NextRecordIdentifier"]


def get_health_check(client, health_check_id, option):
    return describe_one(
        client.get_health_check,
        "HealthCheck",
        ("NoSuchHealthCheck", "InvalidInput"),
        "%s: no Route 53 health check %s" % (option, health_check_id),
        HealthCheckId=health_check_id,
    )


def health_check_observations(client, health_check_id):
    return client.get_health_check_status(HealthCheckId=health_check_id, aws_retry=True)["HealthCheckObservations"]


def change_record_sets(client, hosted_zone_id, batch):
    """One ChangeResourceRecordSets call; return its ChangeInfo."""
    return client.change_resource_record_sets(HostedZoneId=hosted_zone_id, ChangeBatch=batch, aws_retry=True)[
        "ChangeInfo"
    ]


def change_status(client, change_id):
    """PENDING or INSYNC."""
    return client.get_change(Id=change_id, aws_retry=True)["ChangeInfo"]["Status"]
