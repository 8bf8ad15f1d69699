# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The failure every bluegreen module reports with its partial result."""


class ModuleFailure(Exception):
    """A failure a module reports with ``fail_json(msg=error.msg, **error.result)``.

    ``result`` holds the return values as far as the run got (what was found,
    what was written, whether it was rolled back).
    """

    def __init__(self, msg, result):
        super().__init__(msg)
        self.msg = msg
        self.result = result
