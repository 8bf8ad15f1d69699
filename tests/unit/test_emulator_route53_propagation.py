"""The test emulator can keep a Route 53 change PENDING for a while, as AWS does (moto applies it at once)."""

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts"))

from moto_server import Route53Propagation  # noqa: E402

ANSWER = b"<ChangeInfo><Id>/change/C26</Id><Status>INSYNC</Status></ChangeInfo>"


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def moto(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/xml"), ("Content-Length", str(len(ANSWER)))])
    return [ANSWER]


def call(app, path, query=""):
    answered = {}

    def start_response(status, headers):
        answered.update(status=status, headers=dict(headers))

    body = b"".join(app({"PATH_INFO": path, "QUERY_STRING": query}, start_response))
    assert answered["headers"]["Content-Length"] == str(len(body))
    return body


WRITE = "/2013-04-01/hostedzone/Z1/rrset/"
ASK = "/2013-04-01/change/C26"


def test_the_next_change_written_is_pending_for_the_seconds_asked_then_in_sync():
    clock = Clock()
    app = Route53Propagation(moto, clock=clock)
    assert b"INSYNC" in call(app, WRITE), "nothing asked: moto's answer"
    call(app, Route53Propagation.CONTROL, "seconds=3")
    assert b"<Status>PENDING</Status>" in call(app, WRITE)
    clock.now += 2
    assert b"<Status>PENDING</Status>" in call(app, ASK)
    clock.now += 1
    assert b"<Status>INSYNC</Status>" in call(app, ASK)
    assert b"INSYNC" in call(app, WRITE), "only the next change was held"


def test_other_requests_pass_unchanged():
    clock = Clock()
    app = Route53Propagation(moto, clock=clock)
    call(app, Route53Propagation.CONTROL, "seconds=30")
    assert call(app, "/", "Action=DescribeLoadBalancers") == ANSWER
    assert b"INSYNC" in call(app, ASK), "no change is held before one is written"
