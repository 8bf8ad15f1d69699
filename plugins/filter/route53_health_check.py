# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The filters bluegreen.aws.route53_health_check, bluegreen.aws.route53_health_check_ids and
bluegreen.aws.route53_verify_url: the Route 53 health check of a color on the router route53, the health
checks that Route 53 holds for the colors, and the URL a color's checks request.

A color's health check requests the URL the verify checks request: the color's ``verify_url`` (else
``http://`` and the record's target: the alias's DNS name or the first value), followed by
bluegreen_verify_path. A host that is an IP address is checked by address, any other by name.
"""

import ipaddress
from urllib.parse import urlsplit

from ansible.errors import AnsibleFilterError

COLORS = ("blue", "green")
DEFAULT_PORTS = {"HTTP": 80, "HTTPS": 443}


def _target_host(stack):
    """The host of the record's target, as a URL holds it."""
    alias = stack.get("alias")
    if alias:
        return str(alias["dns_name"]).rstrip(".")
    value = stack.get("value")
    host = str(value if isinstance(value, str) else value[0]).rstrip(".")
    return "[%s]" % host if ":" in host else host


def _is_ip(host):
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def route53_verify_url(stack):
    """The base URL the checks of ``stack`` request: its ``verify_url``, else ``http://`` and the record's target
    (an IPv6 address in brackets)."""
    if not isinstance(stack, dict) or not (stack.get("verify_url") or stack.get("alias") or stack.get("value")):
        raise AnsibleFilterError(
            "route53_verify_url expects a stack with a verify_url, an alias or a value, got %r" % (stack,)
        )
    return str(stack.get("verify_url") or "http://" + _target_host(stack))


def route53_health_check(stack, verify_path):
    """``{type, ip_address, fqdn, port, resource_path}`` of the health check of ``stack``, in the terms of
    amazon.aws.route53_health_check (one of ``ip_address`` and ``fqdn`` is None).

    ``stack`` is a color's entry of bluegreen_stacks, or a color's load balancer as the router sees it
    (``alias`` and a ``verify_url`` on the production listener).
    """
    if not isinstance(stack, dict) or not (stack.get("verify_url") or stack.get("alias") or stack.get("value")):
        raise AnsibleFilterError(
            "route53_health_check expects a stack with a verify_url, an alias or a value, got %r" % (stack,)
        )
    parts = urlsplit(route53_verify_url(stack))
    kind = parts.scheme.upper()
    if kind not in DEFAULT_PORTS or not parts.hostname:
        raise AnsibleFilterError("route53_health_check: %s is not an http:// or https:// URL" % stack["verify_url"])
    host = parts.hostname
    return {
        "type": kind,
        "ip_address": host if _is_ip(host) else None,
        "fqdn": None if _is_ip(host) else host,
        "port": parts.port or DEFAULT_PORTS[kind],
        "resource_path": parts.path.rstrip("/") + verify_path,
    }


def _matches(config, wanted):
    return (
        config.get("type") == wanted["type"]
        and (config.get("ip_address") or None) == wanted["ip_address"]
        and (config.get("fully_qualified_domain_name") or "").rstrip(".").lower() == (wanted["fqdn"] or "").lower()
        and int(config.get("port") or DEFAULT_PORTS[wanted["type"]]) == wanted["port"]
        and (config.get("resource_path") or "/") == wanted["resource_path"]
    )


def route53_health_check_ids(checks, stacks, verify_path):
    """``{color: id}`` of the health checks among ``checks`` (amazon.aws.route53_info's list) that check
    what route53_health_check of each color of ``stacks`` gives; a color without one is left out."""
    found = {}
    for color in COLORS:
        if not (stacks or {}).get(color):
            continue
        wanted = route53_health_check(stacks[color], verify_path)
        for check in checks or []:
            if _matches(check.get("health_check_config") or {}, wanted):
                found[color] = check["id"]
                break
    return found


class FilterModule:
    def filters(self):
        return {
            "route53_health_check": route53_health_check,
            "route53_health_check_ids": route53_health_check_ids,
            "route53_verify_url": route53_verify_url,
        }
