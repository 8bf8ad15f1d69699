# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:
    # The table and the app of the release lock and history modules (paired with
    # _release.options.STATE_ARGUMENT_SPEC).
    DOCUMENTATION = r"""
options:
  table:
    description:
      - Name of the DynamoDB table that holds the release state (locks and history) of every app of the
        account and region. The playbooks pass C(bluegreen_state_table).
      - The table must exist, with partition key C(app) and sort key C(sk), both strings (the provision
        playbook creates it with M(bluegreen.aws.release_table)). When it is missing, the
        module fails naming it.
    type: str
    default: bluegreen-releases
  app:
    description:
      - Name of the app (1 to 255 letters, digits, hyphens and underscores).
    type: str
    required: true
"""
