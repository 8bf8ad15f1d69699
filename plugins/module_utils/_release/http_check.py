# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The work of http_check: ask one or many URLs over HTTP, in parallel, and judge each answer.

The judging of one answer (``judge``) is pure; asking one check (``ask``) and asking all of them
(``check_all``) take the fetch and the sleep as arguments, so they run without a network or a clock.
A failed check is reported (``passed: false``); only invalid options fail the module.
"""

import json
import time
from collections import namedtuple
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

from .._core.errors import InputError

CHECK_OPTIONS = dict(
    name=dict(type="str", required=True),
    url=dict(type="str", required=True),
    status=dict(type="int", default=200),
    contains=dict(type="str"),
    version_field=dict(type="str"),
    version=dict(type="str"),
    attempts=dict(type="int", default=1),
    delay=dict(type="float", default=3),
)
HTTP_CHECK_ARGUMENT_SPEC = dict(
    checks=dict(type="list", elements="dict", required=True, options=CHECK_OPTIONS),
    timeout=dict(type="int", default=10),
    validate_certs=dict(type="bool", default=True),
    workers=dict(type="int", default=10),
)

# What one request got: the HTTP status (None when nothing answered), the body as text and the reason
# (the error when nothing answered, else the status line's text).
Answer = namedtuple("Answer", ["status", "body", "reason"])


def validate_options(params):
    """Every option checked before the first request; each failure names the option and the value."""
    for option in ("timeout", "workers"):
        if params[option] < 1:
            raise InputError("%s must be at least 1, got %s" % (option, params[option]))
    seen = set()
    for index, check in enumerate(params["checks"]):
        where = "checks[%d]" % index
        if not check["name"]:
            raise InputError("%s.name must not be empty" % where)
        if check["name"] in seen:
            raise InputError("%s.name: the name %r is given to more than one check" % (where, check["name"]))
        seen.add(check["name"])
        url = urlparse(check["url"])
        if url.scheme not in ("http", "https") or not url.netloc:
            raise InputError("%s.url must be an http:// or https:// URL, got %r" % (where, check["url"]))
        if not 100 <= check["status"] <= 599:
            raise InputError("%s.status must be an HTTP status (100 to 599), got %s" % (where, check["status"]))
        if check["attempts"] < 1:
            raise InputError("%s.attempts must be at least 1, got %s" % (where, check["attempts"]))
        if check["delay"] < 0:
            raise InputError("%s.delay must not be negative, got %s" % (where, check["delay"]))


def compares_version(check):
    """The version is compared only when both the field and the version are given."""
    return bool(check.get("version_field")) and check.get("version") is not None


def answered_version(check, body):
    """The value of the JSON body's field ``version_field``; None when not compared, not JSON or missing."""
    if not check.get("version_field"):
        return None
    try:
        document = json.loads(body)
    except ValueError:
        return None
    if not isinstance(document, dict):
        return None
    return document.get(check["version_field"])


def judge(check, answer):
    """The failures of one answer (an empty list when it passes) and the version it answered (pure)."""
    failures = []
    if answer.status != check["status"]:
        answered = answer.status or "nothing"
        failures.append("%s answered %s, %s expected (%s)" % (check["url"], answered, check["status"], answer.reason))
    contains = check.get("contains")
    if contains and contains not in answer.body:
        failures.append("the answer does not contain %s" % json.dumps(contains))
    version = answered_version(check, answer.body)
    if compares_version(check) and (version is None or str(version) != str(check["version"])):
        failures.append(
            "%s is %s, %s expected" % (check["version_field"], json.dumps(version), json.dumps(check["version"]))
        )
    return failures, version


def ask(check, fetch, sleep):
    """Ask ``check["url"]`` up to ``attempts`` times, ``delay`` seconds apart, until the answer passes."""
    made = 0
    while True:
        answer = fetch(check["url"])
        made += 1
        failures, version = judge(check, answer)
        if not failures or made >= check["attempts"]:
            break
        sleep(check["delay"])
    return dict(
        url=check["url"],
        status=answer.status,
        version=version,
        failures=failures,
        passed=not failures,
        attempts=made,
    )


def check_all(params, fetch, sleep):
    """Every check, ``workers`` at a time; the results keyed by the checks' names."""
    validate_options(params)
    checks = params["checks"]
    if not checks:
        return {}
    with ThreadPoolExecutor(max_workers=min(params["workers"], len(checks))) as pool:
        return dict(pool.map(lambda check: (check["name"], ask(check, fetch, sleep)), checks))


def _text(body):
    return body.decode("utf-8", errors="replace") if isinstance(body, bytes) else (body or "")


def _read(response):
    try:
        return _text(response.read())
    except Exception:  # the body of an error answer may be gone; its status still counts
        return ""


def url_fetch(timeout, validate_certs, open_url=None):
    """A fetch over HTTP with Ansible's ``open_url`` (certificates, proxies, timeout): url -> Answer.

    Whatever goes wrong is an answer: an HTTP error keeps its status and body; anything else
    (refused, timed out, a bad certificate) is "nothing answered" with the error as the reason.
    """
    if open_url is None:
        from ansible.module_utils.urls import open_url
    from urllib.error import HTTPError, URLError

    def fetch(url):
        try:
            response = open_url(url, method="GET", timeout=timeout, validate_certs=validate_certs)
            try:
                body = _text(response.read())
                return Answer(response.status, body, "%s %s" % (response.status, getattr(response, "reason", "")))
            finally:
                response.close()
        except HTTPError as error:
            return Answer(error.code, _read(error), str(error))
        except URLError as error:
            return Answer(None, "", str(error.reason))
        except Exception as error:  # a failed check is reported, never a module failure
            return Answer(None, "", str(error) or type(error).__name__)

    return fetch


def http_check(module):
    """The module's work: every check asked and judged (the options checked first, by check_all); nothing is changed."""
    params = module.params
    fetch = url_fetch(params["timeout"], params["validate_certs"])
    return dict(changed=False, checks=check_all(params, fetch, time.sleep))
