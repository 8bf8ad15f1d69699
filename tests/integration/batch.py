"""Module calls in batches, one playbook (one ansible-playbook process) a batch, and the result checks the
module tests share."""

import json

import yaml


def ok(result):
    assert not result.get("failed"), json.dumps(result, indent=1)
    return result


def failed(result, *fragments):
    assert result.get("failed") is True, json.dumps(result, indent=1)
    for fragment in fragments:
        assert fragment in result["msg"], "%r not in %r" % (fragment, result["msg"])
    return result


class Runner:
    """Runs calls of ``module`` (and of ``info``, its _info module) through ``ansible``, in batches."""

    def __init__(self, ansible, tmp_path, module, info=None):
        self.ansible = ansible
        self.tmp_path = tmp_path
        self.module = module
        self.info_module = info
        self.count = 0

    def batch(self, *calls):
        """``calls`` are module args, or ``(args, {"check": bool, "diff": bool, "module": name})``; return the
        results (the module is ``module`` unless named)."""
        tasks = []
        for index, call in enumerate(calls):
            args, flags = call if isinstance(call, tuple) else (call, {})
            tasks.append(
                {
                    "name": "call %d" % index,
                    flags.get("module", self.module): args,
                    "check_mode": bool(flags.get("check")),
                    "diff": bool(flags.get("diff")),
                    "ignore_errors": True,
                }
            )
        self.count += 1
        path = self.tmp_path / ("play%d.yml" % self.count)
        path.write_text(yaml.safe_dump([{"hosts": "localhost", "gather_facts": False, "tasks": tasks}]))
        _code, report = self.ansible.playbook(str(path))
        results = [task["hosts"]["localhost"] for task in report["plays"][0]["tasks"]]
        assert len(results) == len(calls), json.dumps(report, indent=1)
        return results

    def one(self, args, check=False, diff=False):
        return self.batch((args, {"check": check, "diff": diff}))[0]

    def info(self, args, check=False):
        return self.batch((args, {"check": check, "module": self.info_module}))[0]


CHECK = {"check": True, "diff": True}
DIFF = {"diff": True}


def four_steps(run, args, snapshot):
    """Check mode (changed, writes nothing), apply (changed), check (unchanged), apply (unchanged).

    ``snapshot()`` reads AWS from outside; returns (checked, applied, reapplied).
    """
    before = snapshot()
    checked = ok(run.one(args, check=True, diff=True))
    assert checked["changed"] is True, checked
    assert snapshot() == before, "check mode must not write"

    applied, rechecked, reapplied = [ok(result) for result in run.batch(args, (args, CHECK), (args, DIFF))]
    assert applied["changed"] is True, applied
    assert rechecked["changed"] is False, rechecked
    assert reapplied["changed"] is False, reapplied
    assert reapplied["actions"] == []
    assert reapplied["diff"]["before"] == reapplied["diff"]["after"]
    assert snapshot() != before
    return checked, applied, reapplied
