"""Route 53 reads and writes of route53_weight, against a scripted client (no network)."""

import pytest
from botocore.exceptions import ClientError

from ansible_collections.bluegreen.aws.plugins.module_utils import route53
from ansible_collections.bluegreen.aws.plugins.module_utils.weights import ValidationError
from fake_clock import FakeClock


def client_error(code, operation):
    return ClientError({"Error": {"Code": code, "Message": code}}, operation)


class FakeClient:
    """Answers each call from a script: {method: [answer or exception, ...]}; records the calls."""

    def __init__(self, **script):
        self.script = {method: list(answers) for method, answers in script.items()}
        self.calls = []

    def __getattr__(self, method):
        def call(**kwargs):
            assert kwargs.pop("aws_retry") is True
            self.calls.append((method, kwargs))
            answer = self.script[method].pop(0)
            if isinstance(answer, Exception):
                raise answer
            return answer

        return call


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
    with pytest.raises(ValidationError, match=message):
        route53.find_zone_by_name(client, "example.com.", private)


def test_zone_by_id():
    client = FakeClient(get_hosted_zone=[{"HostedZone": zone("Z1")}, client_error("NoSuchHostedZone", "GetHostedZone")])
    assert route53.get_zone_by_id(client, "/hostedzone/Z1")["Name"] == "example.com."
    assert client.calls[0] == ("get_hosted_zone", {"Id": "Z1"})
    with pytest.raises(ValidationError, match="^hosted_zone_id: no hosted zone Z9$"):
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
    with pytest.raises(ValidationError, match="^green.health_check_id: no Route 53 health check hc-1$"):
        route53.get_health_check(client, "hc-1", "green.health_check_id")


# Changes


def test_write_is_one_change_call():
    batch = {"Changes": []}
    client = FakeClient(change_resource_record_sets=[{"ChangeInfo": {"Id": "/change/C1", "Status": "PENDING"}}])
    assert route53.change_record_sets(client, "Z1", batch) == {"Id": "/change/C1", "Status": "PENDING"}
    assert client.calls == [("change_resource_record_sets", {"HostedZoneId": "Z1", "ChangeBatch": batch})]


def test_wait_in_sync_polls_get_change_until_insync():
    clock = FakeClock()
    client = FakeClient(
        get_change=[{"ChangeInfo": {"Status": "PENDING"}}, {"ChangeInfo": {"Status": "INSYNC"}}],
    )
    route53.wait_in_sync(client, {"Id": "/change/C1", "Status": "PENDING"}, 300, sleep=clock.sleep, clock=clock)
    assert [call[1] for call in client.calls] == [{"Id": "/change/C1"}] * 2
    assert clock.now == 2 * route53.CHANGE_POLL_SECONDS


def test_wait_in_sync_needs_no_call_when_already_insync():
    client = FakeClient()
    route53.wait_in_sync(client, {"Id": "/change/C1", "Status": "INSYNC"}, 300)
    assert client.calls == []


def test_wait_in_sync_gives_up_after_the_timeout():
    clock = FakeClock()
    client = FakeClient(get_change=[{"ChangeInfo": {"Status": "PENDING"}}] * 10)
    with pytest.raises(route53.ChangeNotInSync, match="change /change/C1 is still PENDING after 12 seconds"):
        route53.wait_in_sync(client, {"Id": "/change/C1", "Status": "PENDING"}, 12, sleep=clock.sleep, clock=clock)
    assert clock.now == 12
    assert len(client.calls) == 3  # at 5, 10 and 12 seconds
