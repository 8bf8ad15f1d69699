"""A clock for code that takes ``clock`` and ``sleep`` callables: time passes only by sleeping."""


class FakeClock:
    def __init__(self):
        self.now = 0.0
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds
