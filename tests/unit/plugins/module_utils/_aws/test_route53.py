"""Route 53 reads and writes of route53_weight, against a scripted client (no network)."""

import pytest
from botocore.exceptions import ClientError

from ansible_collections.bluegreen.aws.plugins.module_utils._aws import route53
from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import InputError
from fakes import FakeClient, client_error


def zone(zone_id, name="example.com.", private=False):
    return {"Id": "/hostedzone/%s" % zone_id, "Name": name, "Config": {"PrivateZone": private}}


# Zones


def test_zone_by_name_picks_public_or_private():
    answer = {"HostedZones": [zone("ZPUB"), zone("ZPRIV", private=True), zone("ZOTHER", "example.net.")]}
    client = FakeClient(list_hosted_zones_by_name=[answer, answer])
    assert route53.find_zone_by_name(client, "example.com.", False)["Id"] == "/hostedzone/ZPUB"
    assert route53.find_zone_by_name(client, "example.com.", True)["Id"] == "/hostedzone/ZPRIV"
    assert client.calls[0] == ("list_hosted_zones_by_name", {"DNSName": "example.com.", "MaxItems": "100"})


def test_zone_by_name_follows_pages_while_the_name_matches():
    first = {
        "HostedZones": [zone("Z1", private=True)],
        "IsTruncated": True,
        "NextDNSName": "example.com.",
        "NextHostedZoneId": "Z2",
    }
    second = {"HostedZones": [zone("Z2"), zone("Z3", "example.net.")], "IsTruncated": True}
    client = FakeClient(list_hosted_zones_by_name=[first, second])
    assert route53.find_zone_by_name(client, "example.com.", False)["Id"] == "/hostedzone/Z2"
    assert client.calls[1][1] == {"DNSName": "example.com.", "HostedZoneId": "Z2", "MaxItems": "100"}
    assert len(client.calls) == 2


@pytest.mark.parametrize(
    "zones, private, message",
    [
        ([], False, "zone: no public hosted zone named example.com.$"),
        ([zone("Z1")], True, r"zone: no private hosted zone named example.com. \(there is a public one: set "),
        ([zone("Z1", private=True)], False, "there is a private one: set private_zone: true"),
        ([zone("Z1"), zone("Z2")], False, r"zone: 2 public hosted zones are named example.com. \(Z1, Z2\)"),
    ],
)
def test_zone_by_name_failures_name_the_option(zones, private, message):
    client = FakeClient(list_hosted_zones_by_name=[{"HostedZones": zones}])
    with pytest.raises(InputError, match=message):
        route53.find_zone_by_name(client, "example.com.", private)


def test_zone_by_id():
    client = FakeClient(get_hosted_zone=[{"HostedZone": zone("Z1")}, client_error("NoSuchHostedZone", "GetHostedZone")])
    assert route53.get_zone_by_id(client, "/hostedzone/Z1")["Name"] == "example.com."
    assert client.calls[0] == ("get_hosted_zone", {"Id": "Z1"})
    with pytest.raises(InputError, match="^hosted_zone_id: no hosted zone Z9$"):
        route53.get_zone_by_id(client, "Z9")


def test_other_errors_are_not_hidden():
    client = FakeClient(get_hosted_zone=[client_error("AccessDenied", "GetHostedZone")])
    with pytest.raises(ClientError):
        route53.get_zone_by_id(client, "Z1")


# Record sets


def record(name, record_type="A", identifier=None):
    record_set = {"Name": name, "Type": record_type, "TTL": 60, "ResourceRecords": [{"Value": "192.0.2.1"}]}
    if identifier:
        record_set.update(SetIdentifier=identifier, Weight=1)
    return record_set


def test_record_sets_named_stops_at_the_next_name():
    page = {
        "ResourceRecordSets": [record("www.example.com.", identifier="blue"), record("a.www.example.com.")],
        "IsTruncated": True,
        "NextRecordName": "b.www.example.com.",
        "NextRecordType": "A",
    }
    client = FakeClient(list_resource_record_sets=[page])
    found = route53.record_sets_named(client, "Z1", "www.example.com.")
    assert found == [page["ResourceRecordSets"][0]]
    assert client.calls == [
        (
            "list_resource_record_sets",
            {"HostedZoneId": "Z1", "StartRecordName": "www.example.com.", "MaxItems": "300"},
        )
    ]


def test_record_sets_named_follows_pages_of_the_same_name():
    first = {
        "ResourceRecordSets": [record("www.example.com.", identifier="a")],
        "IsTruncated": True,
        "NextRecordName": "www.example.com.",
        "NextRecordType": "A",
        "NextRecordIdentifier": "b",
    }
    second = {"ResourceRecordSets": [record("www.example.com.", identifier="b")], "IsTruncated": False}
    client = FakeClient(list_resource_record_sets=[first, second])
    found = route53.record_sets_named(client, "Z1", "www.example.com.")
    assert [record_set["SetIdentifier"] for record_set in found] == ["a", "b"]
    assert client.calls[1][1] == {
        "HostedZoneId": "Z1",
        "StartRecordName": "www.example.com.",
        "StartRecordType": "A",
        "StartRecordIdentifier": "b",
        "MaxItems": "300",
    }


# Health checks


def test_missing_health_check_names_the_option():
    client = FakeClient(get_health_check=[client_error("NoSuchHealthCheck", "GetHealthCheck")])
    with pytest.raises(InputError, match="^green.health_check_id: no Route 53 health check hc-1$"):
        route53.get_health_check(client, "hc-1", "green.health_check_id")


# Changes


def test_write_is_one_change_call():
    batch = {"Changes": []}
    client = FakeClient(change_resource_record_sets=[{"ChangeInfo": {"Id": "/change/C1", "Status": "PENDING"}}])
    assert route53.change_record_sets(client, "Z1", batch) == {"Id": "/change/C1", "Status": "PENDING"}
    assert client.calls == [("change_resource_record_sets", {"HostedZoneId": "Z1", "ChangeBatch": batch})]


def test_change_status_reads_one_change():
    client = FakeClient(get_change=[{"ChangeInfo": {"Id": "/change/C1", "Status": "PENDING"}}])
    assert route53.change_status(client, "/change/C1") == "PENDING"
    assert client.calls == [("get_change", {"Id": "/change/C1"})]
