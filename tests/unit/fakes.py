"""The fakes every unit test shares: a clock, a scripted AWS client, an alarm gate and a module."""

from botocore.exceptions import ClientError

from ansible_collections.bluegreen.aws.plugins.module_utils._core.poller import Poller


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
