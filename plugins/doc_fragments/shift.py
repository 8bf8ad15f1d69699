# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:
    # Options of the steps-and-gates engine shared by alb_shift and route53_weight.
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
"""
