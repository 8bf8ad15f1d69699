"""The Route 53 health check of a color: on the URL the verify checks request, by address or by name."""

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.bluegreen.aws.plugins.filter.route53_health_check import (
    route53_health_check,
    route53_health_check_ids,
    route53_verify_url,
)

ALIAS = {"dns_name": "Blue-1.us-east-1.elb.amazonaws.com.", "hosted_zone_id": "Z35SXDOTRQ7X7K"}


def check(kind, port, path, ip=None, fqdn=None):
    return {"type": kind, "ip_address": ip, "fqdn": fqdn, "port": port, "resource_path": path}


@pytest.mark.parametrize(
    "stack, expected",
    [
        # The verify_url: its scheme, host, port and path, then bluegreen_verify_path.
        (
            {"value": ["192.0.2.20"], "verify_url": "http://192.0.2.20:8080"},
            check("HTTP", 8080, "/health", ip="192.0.2.20"),
        ),
        (
            {"alias": ALIAS, "verify_url": "https://shop-green.example.net/app/"},
            check("HTTPS", 443, "/app/health", fqdn="shop-green.example.net"),
        ),
        ({"value": "green.example.net", "verify_url": "http://10.0.0.5"}, check("HTTP", 80, "/health", ip="10.0.0.5")),
        # Without one: http:// and the record's target.
        ({"alias": ALIAS}, check("HTTP", 80, "/health", fqdn="blue-1.us-east-1.elb.amazonaws.com")),
        ({"value": ["192.0.2.10", "192.0.2.11"]}, check("HTTP", 80, "/health", ip="192.0.2.10")),
        ({"value": ["2001:db8::10"]}, check("HTTP", 80, "/health", ip="2001:db8::10")),
        ({"value": "green.example.net."}, check("HTTP", 80, "/health", fqdn="green.example.net")),
    ],
)
def test_the_health_check_requests_what_verify_requests(stack, expected):
    assert route53_health_check(stack, "/health") == expected


@pytest.mark.parametrize("stack", [None, {}, {"verify_url": "ftp://192.0.2.20"}])
def test_a_stack_without_an_endpoint_fails(stack):
    with pytest.raises(AnsibleFilterError):
        route53_health_check(stack, "/health")


def listed(check_id, **config):
    return {"id": check_id, "health_check_config": config}


STACKS = {"blue": {"alias": ALIAS}, "green": {"value": ["192.0.2.20"], "verify_url": "https://192.0.2.20:8443"}}


def test_each_color_gets_the_check_on_its_endpoint():
    checks = [
        listed(
            "other-app", type="HTTP", fully_qualified_domain_name="other.example.net", port=80, resource_path="/health"
        ),
        listed("green", type="HTTPS", ip_address="192.0.2.20", port=8443, resource_path="/health"),
        listed(
            "blue",
            type="HTTP",
            fully_qualified_domain_name="blue-1.us-east-1.elb.amazonaws.com",
            port=80,
            resource_path="/health",
        ),
        listed(
            "blue-again",
            type="HTTP",
            fully_qualified_domain_name="blue-1.us-east-1.elb.amazonaws.com",
            port=80,
            resource_path="/health",
        ),
    ]
    assert route53_health_check_ids(checks, STACKS, "/health") == {"blue": "blue", "green": "green"}


@pytest.mark.parametrize(
    "config",
    [
        {"type": "HTTP", "ip_address": "192.0.2.20", "port": 8443, "resource_path": "/health"},
        {"type": "HTTPS", "ip_address": "192.0.2.21", "port": 8443, "resource_path": "/health"},
        {"type": "HTTPS", "ip_address": "192.0.2.20", "port": 443, "resource_path": "/health"},
        {"type": "HTTPS", "ip_address": "192.0.2.20", "port": 8443, "resource_path": "/"},
        {"type": "HTTPS", "fully_qualified_domain_name": "192.0.2.20", "port": 8443, "resource_path": "/health"},
    ],
)
def test_a_check_of_anything_else_is_not_the_colors(config):
    assert route53_health_check_ids([listed("x", **config)], STACKS, "/health") == {}


def test_no_checks_no_ids():
    assert route53_health_check_ids([], STACKS, "/health") == {}
    assert route53_health_check_ids(None, {}, "/health") == {}


@pytest.mark.parametrize(
    "stack, expected",
    [
        ({"verify_url": "https://blue.example.com:8443", "value": ["192.0.2.1"]}, "https://blue.example.com:8443"),
        ({"alias": {"dns_name": "blue-1.elb.amazonaws.com."}}, "http://blue-1.elb.amazonaws.com"),
        ({"value": ["192.0.2.1", "192.0.2.2"]}, "http://192.0.2.1"),
        ({"value": "2001:db8::1"}, "http://[2001:db8::1]"),
        ({"value": ["blue.example.net."]}, "http://blue.example.net"),
    ],
)
def test_the_checks_of_a_color_request_its_url(stack, expected):
    assert route53_verify_url(stack) == expected


def test_a_stack_without_an_endpoint_has_no_url():
    with pytest.raises(AnsibleFilterError, match="route53_verify_url expects a stack"):
        route53_verify_url({"ttl": 60})
