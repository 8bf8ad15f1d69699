# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:
    # Options of the steps-and-gates engine shared by alb_shift and route53_weight (paired with
    # _core.options.SHIFT_ARGUMENT_SPEC, and history_record with _release.switch_record.HISTORY_RECORD_ARGUMENT_SPEC).
    DOCUMENTATION = r"""
options:
  shift_to:
    description:
      - The color that receives O(percent) of the traffic; the other color gets the rest.
      - When omitted, nothing is changed and the module only reports the current split.
    type: str
    choices: [blue, green]
  percent:
    description:
      - The share of traffic, from 0 to 100, that O(shift_to) receives at the end.
    type: int
    default: 100
  steps:
    description:
      - Intermediate percentages for O(shift_to), applied in order before O(percent).
      - Strictly ascending, each from 1 to 99 and below O(percent).
      - A canary is V([10]); a linear shift is V([10, 20, 30, 40, 50, 60, 70, 80, 90]).
      - Steps that O(shift_to) has already reached are skipped, so a run that stopped halfway
        resumes where it stopped.
    type: list
    elements: int
    default: []
  step_interval:
    description:
      - Seconds to hold each intermediate step before the next one.
      - While a step is held, O(alarms) are checked every few seconds.
    type: int
    default: 0
  alarms:
    description:
      - Names of CloudWatch alarms (metric or composite) that gate the shift.
      - They are checked before the first write, after each step and every few seconds while a
        step is held. One in the C(ALARM) state stops the shift; see O(rollback_on_failure).
      - Every alarm must exist.
    type: list
    elements: str
    default: []
  rollback_on_failure:
    description:
      - When the shift stops (an alarm, a failed write), put back the split found at the start
        with one write and fail with RV(rolled_back=true).
      - When V(false), the split is left where the shift stopped; the module still fails.
    type: bool
    default: true
  hold:
    description:
      - Seconds to hold the split at O(percent) once it is in place, looking at O(alarms) every few seconds
        (and, where the module offers it, running the A/B analysis at the end), like an intermediate step.
      - When that split is already in place, nothing is written and the module only holds it (C(changed=false));
        a gate that fails during the hold still puts back the split (see O(rollback_split)).
      - With O(steps) empty, O(percent) a step and O(hold) its interval (or a part of it), a role runs a shift
        one step per call, so that each step shows in the job output when it ends (see O(rollback_split)).
      - V(0) holds nothing. Check mode never holds.
    type: int
    default: 0
  rollback_split:
    description:
      - "The split that O(rollback_on_failure) puts back, instead of the split found at the start of this call,
        for example V({blue: 100, green: 0}). Both percentages from 0 to 100, adding up to 100."
      - For a shift run one step per call, every call gets the split from before the whole shift, so that a
        failed gate at any step returns all the traffic in one write, as a shift in one call does.
      - When the split in place differs from it, an alarm in C(ALARM) before the first write also puts it back.
    type: dict
    suboptions:
      blue:
        description: Percent of blue.
        type: int
        required: true
      green:
        description: Percent of green.
        type: int
        required: true
  lease:
    description:
      - The release lock this run holds (taken with M(bluegreen.aws.release_lock)), kept while the traffic moves.
      - The lease is renewed before every write and while a step is held (once a third of O(lease.ttl) has
        passed), with one conditional UpdateItem. When the run no longer holds it (a rollback broke it, or it
        expired and another run took it), the shift stops at once and writes nothing more, not even the
        restore of the starting split; the module fails saying so.
      - Needs C(dynamodb:UpdateItem) on the table. Ignored in check mode.
    type: dict
    suboptions:
      app:
        description: The app whose lock it is.
        type: str
        required: true
      owner:
        description: The owner the lock was taken with.
        type: str
        required: true
      table:
        description: The release state table.
        type: str
        default: bluegreen-releases
      ttl:
        description: Seconds each renewal holds the lease for (1 to 86400).
        type: int
        default: 1800
  history_record:
    description:
      - Record the switch in the app's release history (as M(bluegreen.aws.release_history) does) in the same
        call, once the traffic is where O(shift_to) says (the rollback playbook's only call before its check).
      - Needs O(shift_to) and O(percent=100).
      - The record goes C(from) the other color C(to) O(shift_to), with the versions of
        O(history_record.versions), else of the release marks the module read (O(shift_to=previous)); C(steps) are
        the percentages written (none when all the traffic was already there).
      - The switch stands whatever happens to the record; a record that cannot be written is reported in
        RV(history_record_error), and the module does not fail for it.
      - Needs C(dynamodb:PutItem) on the table (C(dynamodb:GetItem) too in check mode, which writes nothing), and
        C(dynamodb:DeleteItem) with O(history_record.break_lock).
    type: dict
    suboptions:
      app:
        description: The app whose history it is.
        type: str
        required: true
      table:
        description: The release state table.
        type: str
        default: bluegreen-releases
      id:
        description: The id of the run (one record per id); a new id when not given.
        type: str
      started_at:
        description: When the run started (ISO 8601).
        type: str
        required: true
      who:
        description: Who ran it, added to the user and host the module runs as (for example an AWX job id).
        type: dict
        default: {}
      outcome:
        description: The outcome to record.
        type: str
        required: true
        choices: [succeeded, returned, failed, rolled_back]
      reason:
        description: Why, in a sentence. By default it says where the traffic went, or that it was already there.
        type: str
      versions:
        description: The version each color runs, for the record's C(from) and C(to).
        type: dict
        suboptions:
          blue:
            description: The version of blue.
            type: str
          green:
            description: The version of green.
            type: str
      break_lock:
        description:
          - Remove the app's release lock first, whoever holds it (a rollback in an incident never waits for a
            lock); the lease removed is returned in RV(broken_holder).
        type: bool
        default: false
"""
