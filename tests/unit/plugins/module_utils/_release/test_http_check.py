"""http_check: judging one answer, the attempts, the options, and many checks at once, without a network."""

import io
import threading
from urllib.error import HTTPError, URLError

import pytest

from ansible_collections.bluegreen.aws.plugins.module_utils._core.errors import InputError
from ansible_collections.bluegreen.aws.plugins.module_utils._release import http_check
from ansible_collections.bluegreen.aws.plugins.module_utils._release.http_check import Answer
from fakes import FakeClock, FakeModule

URL = "http://shop.example.com:8080/health"


def check(**changes):
    values = {name: spec.get("default") for name, spec in http_check.CHECK_OPTIONS.items()}
    values.update(name="shop", url=URL)
    values.update(changes)
    return values


def params(*checks, **changes):
    values = dict(checks=list(checks) or [check()], timeout=10, validate_certs=True, workers=10)
    values.update(changes)
    return values


class ScriptedFetch:
    """A fetch answering each URL from a script of Answers (the last one repeats); records the URLs asked."""

    def __init__(self, **by_url):
        self.by_url = {url: list(answers) for url, answers in by_url.items()}
        self.asked = []
        self.lock = threading.Lock()

    def __call__(self, url):
        with self.lock:
            self.asked.append(url)
            answers = self.by_url[url]
            return answers.pop(0) if len(answers) > 1 else answers[0]


def ok(body='{"version": "1.4.2"}', status=200):
    return Answer(status, body, "%s OK" % status)


NOTHING = Answer(None, "", "[Errno 111] Connection refused")


def test_an_answer_with_the_status_expected_passes():
    assert http_check.judge(check(), ok()) == ([], None)


def test_a_status_mismatch_names_the_url_the_status_expected_and_the_reason():
    failures, _version = http_check.judge(check(), Answer(500, "oops", "HTTP Error 500: Internal Server Error"))
    assert failures == ["%s answered 500, 200 expected (HTTP Error 500: Internal Server Error)" % URL]
    failures, _version = http_check.judge(check(status=204), ok())
    assert failures == ["%s answered 200, 204 expected (200 OK)" % URL]


def test_nothing_answered_reads_nothing_in_the_message_and_every_check_fails():
    given = check(contains="ok", version_field="version", version="1.4.2")
    failures, version = http_check.judge(given, NOTHING)
    assert version is None
    assert failures == [
        "%s answered nothing, 200 expected ([Errno 111] Connection refused)" % URL,
        'the answer does not contain "ok"',
        'version is null, "1.4.2" expected',
    ]


@pytest.mark.parametrize(
    "contains, body, failures",
    [
        ("healthy", "all healthy here", []),
        ("healthy", "sick", ['the answer does not contain "healthy"']),
        ('say "hi"', "hi", ['the answer does not contain "say \\"hi\\""']),
        (None, "", []),
    ],
)
def test_the_body_must_contain_the_text(contains, body, failures):
    assert http_check.judge(check(contains=contains), ok(body))[0] == failures


@pytest.mark.parametrize(
    "body, version, answered, failures",
    [
        ('{"version": "1.4.2"}', "1.4.2", "1.4.2", []),
        ('{"version": 2}', "2", 2, []),
        ('{"version": "1.4.1"}', "1.4.2", "1.4.1", ['version is "1.4.1", "1.4.2" expected']),
        ('{"version": 1.5}', "1.4", 1.5, ['version is 1.5, "1.4" expected']),
        ("<html>1.4.2</html>", "1.4.2", None, ['version is null, "1.4.2" expected']),
        ('["1.4.2"]', "1.4.2", None, ['version is null, "1.4.2" expected']),
        ('{"build": "1.4.2"}', "1.4.2", None, ['version is null, "1.4.2" expected']),
        ('{"version": null}', "None", None, ['version is null, "None" expected']),
    ],
)
def test_the_version_field_of_the_json_body_must_equal_the_version(body, version, answered, failures):
    assert http_check.judge(check(version_field="version", version=version), ok(body)) == (failures, answered)


def test_the_version_is_checked_only_when_both_field_and_version_are_given():
    assert http_check.judge(check(version_field="version"), ok('{"version": "1.0"}')) == ([], "1.0")
    assert http_check.judge(check(version="2.0"), ok('{"version": "1.0"}')) == ([], None)


def test_a_check_is_asked_again_until_it_passes_with_the_delay_between_attempts():
    fetch = ScriptedFetch(**{URL: [Answer(503, "", "HTTP Error 503: Unavailable"), NOTHING, ok()]})
    clock = FakeClock()
    result = http_check.ask(check(attempts=5, delay=2.5), fetch, clock.sleep)
    assert result == dict(url=URL, status=200, version=None, failures=[], passed=True, attempts=3)
    assert fetch.asked == [URL] * 3
    assert clock.sleeps == [2.5, 2.5], "a delay between attempts, none after the last"


def test_a_check_stops_at_its_attempts_and_reports_the_last_answer():
    fetch = ScriptedFetch(**{URL: [NOTHING, ok('{"version": "1.4.1"}')]})
    clock = FakeClock()
    given = check(attempts=3, delay=1, version_field="version", version="1.4.2")
    result = http_check.ask(given, fetch, clock.sleep)
    assert result["attempts"] == 3 and fetch.asked == [URL] * 3 and clock.sleeps == [1, 1]
    assert result["passed"] is False and result["status"] == 200 and result["version"] == "1.4.1"
    assert result["failures"] == ['version is "1.4.1", "1.4.2" expected']


def test_a_check_retries_until_the_version_passes_not_only_the_status():
    fetch = ScriptedFetch(**{URL: [ok('{"version": "1.4.1"}'), ok('{"version": "1.4.2"}')]})
    given = check(attempts=3, delay=0, version_field="version", version="1.4.2")
    result = http_check.ask(given, fetch, FakeClock().sleep)
    assert result["passed"] is True and result["attempts"] == 2


def test_one_attempt_is_one_request_and_no_sleep():
    fetch = ScriptedFetch(**{URL: [NOTHING]})
    clock = FakeClock()
    result = http_check.ask(check(), fetch, clock.sleep)
    assert result["status"] is None and result["passed"] is False and result["attempts"] == 1
    assert "answered nothing" in result["failures"][0]
    assert fetch.asked == [URL] and clock.sleeps == []


def test_many_checks_are_keyed_by_name_and_asked_in_parallel():
    urls = {"app%d" % number: "https://app%d.example.com/health" % number for number in range(6)}
    started = threading.Barrier(3, timeout=5)

    def fetch(url):
        started.wait()  # three requests must be in flight together, or this times out
        return ok() if url != urls["app4"] else Answer(500, "", "HTTP Error 500: Internal Server Error")

    given = params(*(check(name=name, url=url) for name, url in urls.items()), workers=3)
    results = http_check.check_all(given, fetch, FakeClock().sleep)
    assert sorted(results) == sorted(urls)
    for name, url in urls.items():
        assert results[name]["url"] == url
        assert results[name]["passed"] is (name != "app4")
    assert results["app4"]["status"] == 500


@pytest.mark.parametrize(
    "checks, changes, message",
    [
        ([check(name="a"), check(name="b"), check(name="a")], {}, r"checks\[2\]\.name: the name 'a' is given to more"),
        ([check(name="a"), check(name="b", url="ftp://x/y")], {}, r"checks\[1\]\.url must be .* got 'ftp://x/y'"),
        ([check(url="shop.example.com/health")], {}, r"checks\[0\]\.url .* got 'shop.example.com/health'"),
        ([check(url="http://")], {}, r"checks\[0\]\.url .* got 'http://'"),
        ([check(status=42)], {}, r"checks\[0\]\.status must be an HTTP status .* got 42"),
        ([check(attempts=0)], {}, r"checks\[0\]\.attempts must be at least 1, got 0"),
        ([check(delay=-1.0)], {}, r"checks\[0\]\.delay must not be negative, got -1.0"),
        ([check(name="")], {}, r"checks\[0\]\.name must not be empty"),
        ([check()], dict(workers=0), "workers must be at least 1, got 0"),
        ([check()], dict(timeout=0), "timeout must be at least 1, got 0"),
    ],
)
def test_bad_options_are_refused_before_any_request(checks, changes, message):
    fetch = ScriptedFetch()
    with pytest.raises(InputError, match=message):
        http_check.check_all(params(*checks, **changes), fetch, FakeClock().sleep)
    assert fetch.asked == []


def test_the_module_work_reads_only_and_asks_through_the_fetch(monkeypatch):
    fetch = ScriptedFetch(**{URL: [ok()]})
    made = {}

    def url_fetch(timeout, validate_certs):
        made.update(timeout=timeout, validate_certs=validate_certs)
        return fetch

    monkeypatch.setattr(http_check, "url_fetch", url_fetch)
    result = http_check.http_check(FakeModule(params(timeout=3, validate_certs=False)))
    assert result == dict(changed=False, checks=dict(shop=http_check.ask(check(), fetch, None)))
    assert made == dict(timeout=3, validate_certs=False)


class FakeResponse:
    def __init__(self, status, body, reason="OK"):
        self.status, self.body, self.reason, self.closed = status, body, reason, False

    def read(self):
        return self.body

    def close(self):
        self.closed = True


def test_the_url_fetch_turns_every_outcome_into_an_answer():
    asked = []
    outcomes = {
        "http://ok/": FakeResponse(200, b'{"version": "1.4.2"}'),
        "http://error/": HTTPError("http://error/", 500, "Internal Server Error", {}, io.BytesIO(b"down")),
        "http://refused/": URLError(ConnectionRefusedError(111, "Connection refused")),
        "http://slow/": TimeoutError("timed out"),
    }

    def open_url(url, **arguments):
        asked.append((url, arguments))
        outcome = outcomes[url]
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    fetch = http_check.url_fetch(7, False, open_url=open_url)
    assert fetch("http://ok/") == Answer(200, '{"version": "1.4.2"}', "200 OK")
    assert outcomes["http://ok/"].closed
    assert fetch("http://error/") == Answer(500, "down", "HTTP Error 500: Internal Server Error")
    assert fetch("http://refused/") == Answer(None, "", "[Errno 111] Connection refused")
    assert fetch("http://slow/") == Answer(None, "", "timed out")
    assert asked[0] == ("http://ok/", dict(method="GET", timeout=7, validate_certs=False))
