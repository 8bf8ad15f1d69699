# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""The one place where a module's work ends: ``exit_json`` or ``fail_json``; and a module seen with other
options, or by many threads."""

import threading

try:
    from botocore.exceptions import BotoCoreError, ClientError
except ImportError:
    BotoCoreError = ClientError = None  # AnsibleAWSModule reports the missing botocore

from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError

from .errors import BlueGreenError


def run_module(module, work):
    """Run ``work(module)`` and end the module with its result, or with the failure it raised."""
    try:
        result = work(module)
    except BlueGreenError as error:
        module.fail_json(msg=error.msg, **error.result)
    except AnsibleAWSError as error:
        module.fail_json_aws_error(error)
    except (BotoCoreError, ClientError) as error:
        module.fail_json_aws(error, msg="%s failed" % module._name.rsplit(".", 1)[-1])
    module.exit_json(**result)


class WithOptions:
    """A module as another module's work expects it: the same connection and modes, that work's options.

    For a module that does, in the same call, what another module does (``alb_shift``'s ``record`` is
    ``release_history``'s work): ``work(WithOptions(module, options))``.
    """

    def __init__(self, module, params):
        self._module = module
        self.params = params

    def __getattr__(self, name):
        return getattr(self._module, name)


class SharedClients:
    """A module whose AWS clients are made once per service and shared by the threads of one call.

    Making a client costs a new session and its service model; botocore's clients are safe to use from
    many threads. The first caller's retry decorator is the one the service keeps.
    """

    def __init__(self, module):
        self._module = module
        self._clients = {}
        self._lock = threading.Lock()

    def client(self, service, retry_decorator=None):
        with self._lock:
            if service not in self._clients:
                self._clients[service] = self._module.client(service, retry_decorator=retry_decorator)
            return self._clients[service]

    def __getattr__(self, name):
        return getattr(self._module, name)
