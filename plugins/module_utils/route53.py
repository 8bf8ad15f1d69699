# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Route 53 reads and writes used by the bluegreen modules (with retries)."""

import time

try:
    from botocore.exceptions import ClientError
except ImportError:
    pass  # handled by AnsibleAWSModule

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry

from .dns_records import normalize_name, zone_id
from .weights import ValidationError

# Route 53 answers PriorRequestNotComplete while an earlier change is being applied.
RETRY_ERROR_CODES = ["PriorRequestNotComplete"]
CHANGE_POLL_SECONDS = 5
PAGE_SIZE = "300"


class ChangeNotInSync(Exception):
    """A change was submitted but was not INSYNC within the wait."""


def route53_client(module):
    return module.client(
        "route53", retry_decorator=AWSRetry.jittered_backoff(catch_extra_error_codes=RETRY_ERROR_CODES)
    )


def _code(error):
    return error.response.get("Error", {}).get("Code")


def get_zone_by_id(client, hosted_zone_id):
    try:
        return client.get_hosted_zone(Id=zone_id(hosted_zone_id), aws_retry=True)["HostedZone"]
    except ClientError as error:
        if _code(error) not in ("NoSuchHostedZone", "InvalidInput"):
            raise
    raise ValidationError("hosted_zone_id: no hosted zone %s" % hosted_zone_id)


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
        raise ValidationError("zone: no %s hosted zone named %s%s" % (kind, name, hint))
    if len(matching) > 1:
        raise ValidationError(
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
    try:
        return client.get_health_check(HealthCheckId=health_check_id, aws_retry=True)["HealthCheck"]
    except ClientError as error:
        if _code(error) not in ("NoSuchHealthCheck", "InvalidInput"):
            raise
    raise ValidationError("%s: no Route 53 health check %s" % (option, health_check_id))


def health_check_observations(client, health_check_id):
    return client.get_health_check_status(HealthCheckId=health_check_id, aws_retry=True)["HealthCheckObservations"]


def change_record_sets(client, hosted_zone_id, batch):
    """One ChangeResourceRecordSets call; return its ChangeInfo."""
    return client.change_resource_record_sets(HostedZoneId=hosted_zone_id, ChangeBatch=batch, aws_retry=True)[
        "ChangeInfo"
    ]


def wait_in_sync(client, change_info, timeout, sleep=time.sleep, clock=time.monotonic, poll=CHANGE_POLL_SECONDS):
    """Wait until the change is INSYNC; raise ChangeNotInSync after ``timeout`` seconds."""
    deadline = clock() + timeout
    status = change_info.get("Status")
    while status != "INSYNC":
        remaining = deadline - clock()
        if remaining <= 0:
            raise ChangeNotInSync(
                "change %s is still %s after %d seconds (wait_timeout); Route 53 will apply it"
                % (change_info["Id"], status, timeout)
            )
        sleep(min(poll, remaining))
        status = client.get_change(Id=change_info["Id"], aws_retry=True)["ChangeInfo"]["Status"]
