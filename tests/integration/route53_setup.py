"""Route 53 set-up and observation helpers for the tests (seen from outside the module)."""

from xml.etree import ElementTree

from moto_server import ansible_requests, start_recording

NAMESPACE = "{https://route53.amazonaws.com/doc/2013-04-01/}"


def make_zone(route53, name="example.com", private=False, vpc_id="vpc-12345678"):
    """A hosted zone; returns its id without the /hostedzone/ prefix."""
    kwargs = dict(Name=name, CallerReference="%s-%s" % (name, "private" if private else "public"))
    if private:
        kwargs.update(
            HostedZoneConfig={"PrivateZone": True, "Comment": ""}, VPC={"VPCRegion": "us-east-1", "VPCId": vpc_id}
        )
    return route53.create_hosted_zone(**kwargs)["HostedZone"]["Id"].rsplit("/", 1)[-1]


def all_record_sets(route53, zone_id):
    """Every record set of the zone (for before/after comparisons)."""
    record_sets = []
    for page in route53.get_paginator("list_resource_record_sets").paginate(HostedZoneId=zone_id):
        record_sets.extend(page["ResourceRecordSets"])
    return record_sets


def pair(route53, zone_id, name="www.example.com.", record_type="A"):
    """{SetIdentifier: record set} of the weighted records called ``name``."""
    return {
        record_set["SetIdentifier"]: record_set
        for record_set in all_record_sets(route53, zone_id)
        if record_set["Name"] == name and record_set["Type"] == record_type and "SetIdentifier" in record_set
    }


def weights(route53, zone_id, name="www.example.com.", record_type="A", identifiers=("blue", "green")):
    """(blue weight, green weight) as Route 53 holds them; None for a missing record."""
    found = pair(route53, zone_id, name, record_type)
    return tuple(found[identifier]["Weight"] if identifier in found else None for identifier in identifiers)


def upsert(route53, zone_id, *record_sets):
    route53.change_resource_record_sets(
        HostedZoneId=zone_id,
        ChangeBatch={"Changes": [{"Action": "UPSERT", "ResourceRecordSet": rs} for rs in record_sets]},
    )


def value_record(identifier, weight, values, name="www.example.com.", record_type="A", ttl=60, **extra):
    record_set = {
        "Name": name,
        "Type": record_type,
        "TTL": ttl,
        "ResourceRecords": [{"Value": value} for value in values],
    }
    if identifier is not None:
        record_set["SetIdentifier"] = identifier
    if weight is not None:
        record_set["Weight"] = weight
    record_set.update(extra)
    return record_set


def alias_record(identifier, weight, dns_name, zone_id, name="www.example.com.", record_type="A", evaluate=True):
    return {
        "Name": name,
        "Type": record_type,
        "SetIdentifier": identifier,
        "Weight": weight,
        "AliasTarget": {"HostedZoneId": zone_id, "DNSName": dns_name, "EvaluateTargetHealth": evaluate},
    }


class ChangeRecorder:
    """The ChangeResourceRecordSets batches the modules sent, read from moto's request recorder.

    The moto server must have been started with MOTO_RECORDER_FILEPATH set; only
    requests made by Ansible (its user agent) are counted, not the test's own.
    """

    def __init__(self, endpoint):
        self.endpoint = endpoint

    def start(self):
        start_recording(self.endpoint)

    def batches(self):
        """[[(action, SetIdentifier, Weight), ...] for each batch], in order."""
        batches = []
        for method, url, body in ansible_requests(self.endpoint):
            if method != "POST" or "/rrset" not in url:
                continue
            root = ElementTree.fromstring(body)
            batch = []
            for change in root.iter(NAMESPACE + "Change"):
                record_set = change.find(NAMESPACE + "ResourceRecordSet")
                batch.append(
                    (
                        change.findtext(NAMESPACE + "Action"),
                        record_set.findtext(NAMESPACE + "SetIdentifier"),
                        int(record_set.findtext(NAMESPACE + "Weight")),
                    )
                )
            batches.append(batch)
        return batches
