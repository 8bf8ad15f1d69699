# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:
    # Options of every module that waits (paired with _core.options.wait_argument_spec).
    # A module whose wait_timeout default is not 300 documents its own wait_timeout.
    DOCUMENTATION = r"""
options:
  wait:
    description:
      - Wait until the change is complete (the module's description says what it waits for).
      - Check mode never waits.
    type: bool
    default: true
  wait_timeout:
    description:
      - How many seconds to wait. When the time runs out, the module fails and says what it waited
        for, for how long, and what it last saw.
    type: int
    default: 300
"""
