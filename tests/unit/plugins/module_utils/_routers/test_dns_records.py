"""The pure planner of route53_weight: validation, reading, comparing and batches."""

import copy

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._routers import dns_records as dns
from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import InputError
from ansible_collections.bluegreen.aws.plugins.module_utils._routers.route53 import validate_route53_options

NAME = "www.example.com."
ELB_ZONE = "Z35SXDOTRQ7X7K"


def params(**changes):
    base = dict(
        zone="example.com",
        hosted_zone_id=None,
        private_zone=False,
        record="www.example.com",
        type="A",
        ttl=60,
        blue=dict(identifier="blue", value=["192.0.2.10", "192.0.2.11"], alias=None, health_check_id=None),
        green=dict(identifier="green", value=None, alias=None, health_check_id=None),
        wait=True,
        wait_timeout=300,
    )
    base["green"]["alias"] = dict(dns_name="shop-green.elb.amazonaws.com", hosted_zone_id=ELB_ZONE)
    base["green"]["alias"]["evaluate_target_health"] = True
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key] = dict(base[key], **value)
        else:
            base[key] = value
    return base


def weighted(identifier, weight, values=None, alias=None, name=NAME, record_type="A", ttl=60, **extra):
    record_set = {"Name": name, "Type": record_type, "SetIdentifier": identifier, "Weight": weight}
    if alias:
        record_set["AliasTarget"] = {"HostedZoneId": ELB_ZONE, "DNSName": alias, "EvaluateTargetHealth": True}
    else:
        record_set["TTL"] = ttl
        record_set["ResourceRecords"] = [{"Value": value} for value in values]
    record_set.update(extra)
    return record_set


# Names


@pytest.mark.parametrize(
    "name, expected",
    [
        ("www.example.com", "www.example.com."),
        ("WWW.Example.COM.", "www.example.com."),
        ("\\052.example.com.", "*.example.com."),
        ("example.com..", "example.com."),
    ],
)
def test_normalize_name(name, expected):
    assert dns.normalize_name(name) == expected


@pytest.mark.parametrize(
    "name, wildcard, fragment",
    [
        ("", False, "must be a DNS name"),
        ("bad..name.example.com", False, "'bad..name.example.com' is not a valid DNS name"),
        ("-lead.example.com", False, "label '-lead'"),
        ("a" * 64 + ".example.com", False, "label 'aaaa"),
        ("sp ace.example.com", False, "label 'sp ace'"),
        ("*.example.com", False, "label '*'"),
        ("www.*.example.com", True, "label '*'"),
        ("x." * 127 + "com", False, "at most 255 characters"),
    ],
)
def test_validate_name_rejects(name, wildcard, fragment):
    with pytest.raises(InputError) as error:
        dns.validate_name(name, "record", wildcard=wildcard)
    assert str(error.value).startswith("record")
    assert fragment in str(error.value)


@pytest.mark.parametrize("name", ["*.example.com", "_dmarc.example.com", "a-b.example.com.", "EXAMPLE.com"])
def test_validate_name_accepts(name):
    assert dns.validate_name(name, "record", wildcard=True) == dns.normalize_name(name)


@pytest.mark.parametrize(
    "name, zone, inside",
    [
        ("www.example.com.", "example.com.", True),
        ("example.com.", "example.com.", True),
        ("a.b.example.com.", "example.com.", True),
        ("www.badexample.com.", "example.com.", False),
        ("www.example.org.", "example.com.", False),
    ],
)
def test_in_zone(name, zone, inside):
    assert dns.in_zone(name, zone) is inside
    if not inside:
        with pytest.raises(InputError, match="^record: %s is not in the hosted zone %s$" % (name, zone)):
            dns.validate_in_zone(name, zone)


# Options

BAD_OPTIONS = [
    (dict(type="TXT"), "type must be one of A, AAAA, CNAME"),
    (dict(zone="bad..zone"), "zone: 'bad..zone' is not a valid DNS name"),
    (dict(zone=None, hosted_zone_id="/hostedzone/"), "hosted_zone_id must be a hosted zone id"),
    (dict(record="www..example.com"), "record: "),
    (dict(ttl=-1), "ttl must be from 0 to 2147483647 seconds, got -1"),
    (dict(ttl=2147483648), "ttl must be from 0 to 2147483647 seconds, got 2147483648"),
    (dict(wait_timeout=-1), "wait_timeout must be 0 or more seconds, got -1"),
    (dict(wait_timeout=0), "wait_timeout must be at least 1 second with wait=true, got 0"),
    (dict(blue=dict(identifier="")), "blue.identifier must be 1 to 128 characters"),
    (dict(green=dict(identifier="g" * 129)), "green.identifier must be 1 to 128 characters"),
    (dict(green=dict(identifier="blue")), "blue.identifier and green.identifier must differ, both are 'blue'"),
    (dict(blue=dict(value=None)), "blue needs exactly one of blue.value or blue.alias"),
    (dict(green=dict(value=["192.0.2.1"])), "green needs exactly one of green.value or green.alias"),
    (dict(blue=dict(value=[])), "blue.value must list at least one value"),
    (dict(blue=dict(value=["192.0.2.300"])), "blue.value: '192.0.2.300' is not an IPv4 address"),
    (dict(blue=dict(value=["2001:db8::1"])), "blue.value: '2001:db8::1' is not an IPv4 address"),
    (dict(blue=dict(value=["192.0.2.1", "192.0.2.01"])), "blue.value: '192.0.2.01' is not an IPv4 address"),
    (dict(blue=dict(value=["192.0.2.1", "192.0.2.1"])), "blue.value lists a value twice"),
    (
        dict(type="AAAA", blue=dict(value=["192.0.2.1"])),
        "blue.value: '192.0.2.1' is not an IPv6 address",
    ),
    (
        dict(type="AAAA", blue=dict(value=["2001:db8::1", "2001:DB8:0::1"])),
        "blue.value lists a value twice",
    ),
    (
        dict(type="CNAME", blue=dict(value=["a.example.org", "b.example.org"])),
        "blue.value: a CNAME record has exactly one value, got 2",
    ),
    (dict(type="CNAME", blue=dict(value=["not a name"])), "blue.value: 'not a name' is not a valid DNS name"),
    (
        dict(green=dict(alias=dict(dns_name="", hosted_zone_id=ELB_ZONE, evaluate_target_health=True))),
        "green.alias.dns_name must be a DNS name",
    ),
    (
        dict(green=dict(alias=dict(dns_name="x.example.org", hosted_zone_id="", evaluate_target_health=True))),
        "green.alias.hosted_zone_id must be a hosted zone id, got ''",
    ),
    (dict(blue=dict(health_check_id=" ")), "blue.health_check_id must not be empty"),
]


@pytest.mark.parametrize("changes, message", BAD_OPTIONS)
def test_validate_record_options_names_the_option(changes, message):
    with pytest.raises(InputError) as error:
        validate_route53_options(params(**changes))
    assert message in str(error.value)


def test_validate_record_options_returns_the_normalised_name():
    assert dns.validate_record_options(params(record="WWW.example.com")) == NAME
    assert dns.validate_record_options(params(type="AAAA", blue=dict(value=["2001:db8::1"]))) == NAME
    assert dns.validate_record_options(params(type="CNAME", blue=dict(value=["origin.example.org."]))) == NAME


def test_desired_record_sets():
    desired = dns.desired_record_sets(params(ttl=30, blue=dict(health_check_id="hc-1")), NAME)
    assert desired["blue"] == {
        "Name": NAME,
        "Type": "A",
        "SetIdentifier": "blue",
        "TTL": 30,
        "ResourceRecords": [{"Value": "192.0.2.10"}, {"Value": "192.0.2.11"}],
        "HealthCheckId": "hc-1",
    }
    # An alias has no TTL; the target zone id loses any /hostedzone/ prefix.
    alias = dict(dns_name="shop-green.elb.amazonaws.com", hosted_zone_id="/hostedzone/Z1", evaluate_target_health=False)
    desired = dns.desired_record_sets(params(green=dict(alias=alias)), NAME)
    assert desired["green"] == {
        "Name": NAME,
        "Type": "A",
        "SetIdentifier": "green",
        "AliasTarget": {"HostedZoneId": "Z1", "DNSName": "shop-green.elb.amazonaws.com", "EvaluateTargetHealth": False},
    }


# Reading what Route 53 holds

IDENTIFIERS = {"blue": "blue", "green": "green"}


@pytest.mark.parametrize(
    "record_sets, ours, foreign",
    [
        ([], [], []),
        ([weighted("blue", 100, ["192.0.2.1"]), weighted("green", 0, ["192.0.2.2"])], ["blue", "green"], []),
        # Another name or another type (A next to AAAA) is none of our business.
        ([weighted("blue", 1, ["192.0.2.1"], name="api.example.com.")], [], []),
        ([weighted("x", 1, ["2001:db8::1"], record_type="AAAA")], [], []),
        ([{"Name": NAME, "Type": "A", "TTL": 300, "ResourceRecords": [{"Value": "192.0.2.9"}]}], [], [0]),
        ([weighted("canary", 5, ["192.0.2.9"])], [], [0]),
        ([weighted("blue", None, ["192.0.2.9"], Region="us-east-1")], [], [0]),
        ([weighted("blue", 1, ["192.0.2.9"], Failover="PRIMARY")], [], [0]),
        # A copy of one of our records (Route 53's CREATE duplicates in some emulators) is not ours twice.
        ([weighted("blue", 1, ["192.0.2.1"]), weighted("blue", 1, ["192.0.2.1"])], ["blue"], [1]),
        # Nothing may share a name with a CNAME.
        ([{"Name": NAME, "Type": "CNAME", "TTL": 60, "ResourceRecords": [{"Value": "x.example.org"}]}], [], [0]),
        # The name comes back in lower case, escaped, with a trailing dot.
        ([weighted("green", 3, ["192.0.2.2"], name="WWW.example.com.")], ["green"], []),
    ],
)
def test_classify(record_sets, ours, foreign):
    found_ours, found_foreign = dns.classify(record_sets, NAME, "A", IDENTIFIERS)
    assert sorted(found_ours) == ours
    assert found_foreign == [record_sets[index] for index in foreign]


def test_classify_for_a_cname_pair_sees_other_types_as_foreign():
    apex = [{"Name": NAME, "Type": "TXT", "TTL": 60, "ResourceRecords": [{"Value": '"v=spf1"'}]}]
    ours, foreign = dns.classify(apex, NAME, "CNAME", IDENTIFIERS)
    assert ours == {} and foreign == apex


def test_classify_with_custom_identifiers():
    record_sets = [weighted("us-east-1", 1, ["192.0.2.1"]), weighted("blue", 1, ["192.0.2.2"])]
    ours, foreign = dns.classify(record_sets, NAME, "A", {"blue": "us-east-1", "green": "eu-west-1"})
    assert ours == {"blue": record_sets[0]}
    assert foreign == [record_sets[1]]


@pytest.mark.parametrize(
    "weights, split",
    [
        ({}, {"blue": 0, "green": 0}),
        ({"blue": 0, "green": 0}, {"blue": 0, "green": 0}),
        ({"blue": 100, "green": 0}, {"blue": 100, "green": 0}),
        ({"blue": 2}, {"blue": 100, "green": 0}),
        ({"blue": 3, "green": 1}, {"blue": 75, "green": 25}),
        ({"blue": 255, "green": 255}, {"blue": 50, "green": 50}),
    ],
)
def test_current_split(weights, split):
    ours = {color: weighted(color, weight, ["192.0.2.1"]) for color, weight in weights.items()}
    assert dns.current_split(ours) == split


def test_current_split_rejects_weights_route53_would_not_hold():
    with pytest.raises(InputError, match="outside 0-255"):
        dns.current_split({"blue": weighted("blue", 256, ["192.0.2.1"])})


def test_describe_names_policy_identifier_and_target():
    assert dns.describe(weighted("canary", 5, ["192.0.2.9"])) == (
        "www.example.com. A weighted record, SetIdentifier 'canary', weight 5, value 192.0.2.9"
    )
    simple = {"Name": NAME, "Type": "A", "TTL": 300, "ResourceRecords": [{"Value": "192.0.2.9"}]}
    assert dns.describe(simple) == "www.example.com. A simple record, value 192.0.2.9"
    latency = weighted("blue", None, None, alias="x.elb.amazonaws.com", Region="us-east-1")
    assert (
        dns.describe(latency) == "www.example.com. A latency record, SetIdentifier 'blue', alias to x.elb.amazonaws.com"
    )
    message = dns.foreign_message([simple], NAME, "A")
    assert "www.example.com. A simple record" in message and "never deletes or overwrites" in message


# Comparing

SAME = [
    (weighted("b", 1, ["192.0.2.1", "192.0.2.2"]), weighted("b", 9, ["192.0.2.2", "192.0.2.1"])),
    (weighted("b", 1, None, alias="shop.elb.amazonaws.com."), weighted("b", 1, None, alias="SHOP.elb.amazonaws.com")),
    (weighted("b", 1, ["2001:db8::1"], record_type="AAAA"), weighted("b", 1, ["2001:DB8:0:0::1"], record_type="AAAA")),
    (
        weighted("b", 1, ["origin.example.org."], record_type="CNAME"),
        weighted("b", 1, ["Origin.Example.org"], record_type="CNAME"),
    ),
    (
        weighted("b", 1, None, alias="x.elb.amazonaws.com", HealthCheckId="hc"),
        weighted("b", 1, None, alias="x.elb.amazonaws.com", HealthCheckId="hc"),
    ),
]
DIFFERENT = [
    (weighted("b", 1, ["192.0.2.1"]), weighted("b", 1, ["192.0.2.1", "192.0.2.2"])),
    (weighted("b", 1, ["192.0.2.1"], ttl=60), weighted("b", 1, ["192.0.2.1"], ttl=300)),
    (weighted("b", 1, ["192.0.2.1"]), weighted("b", 1, ["192.0.2.1"], HealthCheckId="hc")),
    (weighted("b", 1, ["192.0.2.1"], HealthCheckId="a"), weighted("b", 1, ["192.0.2.1"], HealthCheckId="b")),
    (weighted("b", 1, None, alias="x.elb.amazonaws.com"), weighted("b", 1, None, alias="y.elb.amazonaws.com")),
    (weighted("b", 1, None, alias="x.elb.amazonaws.com"), weighted("b", 1, ["192.0.2.1"])),
    (weighted("b", 1, None, alias="x.example.com"), weighted("b", 1, None, alias="dualstack.x.example.com")),
]


@pytest.mark.parametrize("current, desired", SAME)
def test_same_record(current, desired):
    assert dns.same_record(current, desired)


@pytest.mark.parametrize("current, desired", DIFFERENT)
def test_different_record(current, desired):
    assert not dns.same_record(current, desired)


def test_alias_target_details_count():
    current = weighted("b", 1, None, alias="x.elb.amazonaws.com")
    other_zone = copy.deepcopy(current)
    other_zone["AliasTarget"]["HostedZoneId"] = "Z2"
    no_health = copy.deepcopy(current)
    no_health["AliasTarget"]["EvaluateTargetHealth"] = False
    assert not dns.same_record(current, other_zone)
    assert not dns.same_record(current, no_health)


def test_records_match_needs_both_records():
    desired = dns.desired_record_sets(params(), NAME)
    ours = dns.with_weights(desired, {"blue": 100, "green": 0})
    assert dns.records_match(ours, desired)
    assert not dns.records_match({"blue": ours["blue"]}, desired)
    assert not dns.same_record(None, desired["blue"])
    assert dns.same_record(None, None)


# Writing


def test_change_batch_upserts_both_colors_with_their_percentages():
    desired = dns.desired_record_sets(params(), NAME)
    batch = dns.change_batch(desired, {"blue": 90, "green": 10})
    assert [change["Action"] for change in batch["Changes"]] == ["UPSERT", "UPSERT"]
    assert [change["ResourceRecordSet"]["SetIdentifier"] for change in batch["Changes"]] == ["blue", "green"]
    assert [change["ResourceRecordSet"]["Weight"] for change in batch["Changes"]] == [90, 10]
    assert "blue 90%, green 10%" in batch["Comment"]
    # The desired records are not changed in place.
    assert "Weight" not in desired["blue"]


@pytest.mark.parametrize("split", [{"blue": 100, "green": 0}, {"blue": 0, "green": 100}])
def test_all_to_one_color_writes_100_and_0(split):
    batch = dns.change_batch(dns.desired_record_sets(params(), NAME), split)
    assert sorted(change["ResourceRecordSet"]["Weight"] for change in batch["Changes"]) == [0, 100]


@pytest.mark.parametrize(
    "split, message",
    [
        ({"blue": 0, "green": 0}, "refusing to write weight 0 for both"),
        ({"blue": 256, "green": 0}, "weight of blue must be from 0 to 255, got 256"),
        ({"blue": -1, "green": 101}, "weight of blue must be from 0 to 255, got -1"),
        ({"blue": True, "green": 0}, "weight of blue"),
    ],
)
def test_change_batch_refuses_weights_route53_mishandles(split, message):
    with pytest.raises(InputError, match=message):
        dns.change_batch(dns.desired_record_sets(params(), NAME), split)


def test_restore_batch_puts_back_what_was_found():
    found = {"blue": weighted("blue", 2, ["192.0.2.99"], ttl=300, HealthCheckId="hc")}
    desired = dns.desired_record_sets(params(), NAME)
    batch = dns.restore_batch(found, desired)
    blue, green = (change["ResourceRecordSet"] for change in batch["Changes"])
    assert blue == found["blue"]
    # The color the run created stays, with no traffic.
    assert green == dict(desired["green"], Weight=0)
    assert "back to blue 100%, green 0%" in batch["Comment"]


def test_restore_batch_gives_a_created_color_the_ttl_found():
    found = {"blue": weighted("blue", 100, ["192.0.2.99"], ttl=300)}
    desired = dns.desired_record_sets(params(green=dict(value=["192.0.2.20"], alias=None)), NAME)
    assert desired["green"]["TTL"] == 60
    batch = dns.restore_batch(found, desired)
    green = batch["Changes"][1]["ResourceRecordSet"]
    # Route 53 refuses a weighted set whose records have different TTLs.
    assert green == dict(desired["green"], Weight=0, TTL=300)


def test_restore_batch_writes_only_record_set_keys():
    found = {
        "blue": weighted("blue", 100, ["192.0.2.1"], Unknown="x"),
        "green": weighted("green", 0, ["192.0.2.2"]),
    }
    batch = dns.restore_batch(found, dns.desired_record_sets(params(), NAME))
    assert "Unknown" not in batch["Changes"][0]["ResourceRecordSet"]


# Reporting


def test_record_view():
    assert dns.record_view(None) is None
    assert dns.record_view(weighted("blue", 90, ["192.0.2.1"], HealthCheckId="hc")) == {
        "identifier": "blue",
        "weight": 90,
        "ttl": 60,
        "value": ["192.0.2.1"],
        "alias": None,
        "health_check_id": "hc",
    }
    assert dns.record_view(weighted("green", 10, None, alias="x.elb.amazonaws.com")) == {
        "identifier": "green",
        "weight": 10,
        "ttl": None,
        "value": None,
        "alias": {"dns_name": "x.elb.amazonaws.com", "hosted_zone_id": ELB_ZONE, "evaluate_target_health": True},
        "health_check_id": None,
    }
    assert dns.records_view({}) == {"blue": None, "green": None}


# Health checks


def observation(status):
    return {"Region": "us-east-1", "IPAddress": "192.0.2.1", "StatusReport": {"Status": status}}


SUCCESS = observation("Success: HTTP Status Code 200, OK")
FAILURE = observation("Failure: Connection timed out.")


@pytest.mark.parametrize(
    "config, observations, healthy, summary",
    [
        ({}, [SUCCESS] * 8, True, "8 of 8 health checkers report success"),
        ({}, [SUCCESS] * 2 + [FAILURE] * 6, True, "2 of 8"),  # 25% > 18%
        ({}, [SUCCESS] * 1 + [FAILURE] * 7, False, "1 of 8"),  # 12.5%
        ({}, [FAILURE] * 8, False, "0 of 8"),
        ({}, [], False, "0 of 0"),
        ({}, [{"Region": "us-east-1"}], False, "0 of 1"),
        ({"Inverted": True}, [SUCCESS] * 8, False, "8 of 8 health checkers report success, inverted"),
        ({"Inverted": True}, [FAILURE] * 8, True, "inverted"),
        ({"Disabled": True}, [], True, "disabled"),
        ({"Disabled": True, "Inverted": True}, [], False, "disabled, inverted"),
    ],
)
def test_health_check_status(config, observations, healthy, summary):
    assert dns.health_check_healthy(config, observations) is healthy
    assert summary in dns.health_summary(config, observations)
