"""The fakes every unit test shares: a clock, a scripted AWS client, an alarm gate, a module and a router."""

from botocore.exceptions import ClientError

from ansible_collections.bluegreen.aws.plugins.module_utils._core.poller import Poller
from ansible_collections.bluegreen.aws.plugins.module_utils._routers.base import Router


class FakeClock:
    """A clock for code that takes ``clock`` and ``sleep`` callables: time passes only by sleeping."""

    def __init__(self):
        self.now = 0.0
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds

    def poller(self, interval=5):
        """A Poller that waits on this clock (also its wall clock)."""
        return Poller(sleep=self.sleep, clock=self, interval=interval, wall=self)


def client_error(code, operation="Operation"):
    return ClientError({"Error": {"Code": code, "Message": code}}, operation)


class FakeClient:
    """An AWS client that answers each call from a script ``{method: [answer or exception, ...]}``.

    Every call must pass ``aws_retry=True`` (so it goes through the retry
    decorator of a real client); ``calls`` records ``(method, arguments)``.
    """

    def __init__(self, paginators=None, **script):
        self.script = {method: list(answers) for method, answers in script.items()}
        self.paginators = {name: list(answers) for name, answers in (paginators or {}).items()}
        self.calls = []

    def get_paginator(self, name):
        """Paginated reads: ``paginators={name: [full result or exception, ...]}``, one per attempt."""
        client = self

        class Pages:
            def __init__(self, arguments):
                self.arguments = arguments

            def build_full_result(self):
                client.calls.append(("paginate:%s" % name, self.arguments))
                answer = client.paginators[name].pop(0)
                if isinstance(answer, Exception):
                    raise answer
                return answer

        class Paginator:
            def paginate(self, **arguments):
                return Pages(arguments)

        return Paginator()

    def __getattr__(self, method):
        if method.startswith("__"):
            raise AttributeError(method)

        def call(**kwargs):
            assert kwargs.pop("aws_retry", None) is True, "%s was called without aws_retry=True" % method
            self.calls.append((method, kwargs))
            answer = self.script[method].pop(0)
            if isinstance(answer, Exception):
                raise answer
            return answer

        return call

    def methods(self):
        return [method for method, _arguments in self.calls]


class ScriptedGate:
    """Alarm gate whose answer is a function of (writes so far, time)."""

    def __init__(self, clock, writes, alarm_when=None, alarm="green-5xx"):
        self.clock = clock
        self.writes = writes
        self.alarm_when = alarm_when or (lambda writes, now: False)
        self.alarm = alarm
        self.checks = []

    def in_alarm(self):
        self.checks.append(self.clock())
        return [self.alarm] if self.alarm_when(len(self.writes), self.clock()) else []


class ModuleExit(Exception):
    def __init__(self, failed, result):
        super().__init__(result.get("msg"))
        self.failed = failed
        self.result = result


class FakeModule:
    """Just enough of AnsibleAWSModule: params, check and diff mode, warnings, exit and fail."""

    def __init__(self, params=None, check_mode=False, diff=False, name="bluegreen.aws.fake"):
        self.params = params or {}
        self.check_mode = check_mode
        self._diff = diff
        self._name = name
        self.warnings = []

    def warn(self, message):
        self.warnings.append(message)

    def exit_json(self, **result):
        raise ModuleExit(False, result)

    def fail_json(self, **result):
        raise ModuleExit(True, result)

    def fail_json_aws(self, exception, msg=None, **kwargs):
        raise ModuleExit(True, dict(kwargs, msg="%s: %s" % (msg, exception), exception=exception))

    def fail_json_aws_error(self, exception):
        raise ModuleExit(True, dict(msg=str(exception), exception=exception))


class MemoryRouter(Router):
    """A router whose split is in memory: it records every write, and can fail one or report settings."""

    def __init__(self, split, fail_on_write=None, settings_differ=False, unsafe=None):
        super().__init__()
        self.split = dict(split)
        self.written = []
        self.attempts = 0
        self.ready_checks = []
        self.fail_on_write = fail_on_write
        self._settings_differ = settings_differ
        self._unsafe = unsafe

    def read_split(self):
        self.found = dict(self.split)
        return self.found

    def write(self, split):
        self.attempts += 1
        if self.attempts - 1 == self.fail_on_write:
            raise RuntimeError("throttled")
        self.written.append(dict(split))
        self.split = dict(split)
        self.writes += 1

    def describe(self, planned=None):
        return {"router": "memory"}

    def settings_differ(self):
        return self._settings_differ

    def colors_behind_rewrite(self, split):
        return [color for color in split if split[color]]

    def check_ready(self, colors, poller):
        self.ready_checks.append(list(colors))

    def unsafe(self):
        return self._unsafe


def shift_params(**changes):
    """The shared shift options of a switch of all the traffic to green, with ``changes``."""
    base = dict(shift_to="green", percent=100, steps=[], step_interval=0, alarms=[], rollback_on_failure=True)
    base.update(changes)
    return base
