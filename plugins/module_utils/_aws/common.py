# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""What every AWS call layer shares: retried clients and "describe one, or fail naming the option"."""

try:
    from botocore.exceptions import BotoCoreError, ClientError
except ImportError:
    BotoCoreError = ClientError = None  # AnsibleAWSModule reports the missing botocore

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry

from .._core.errors import BlueGreenError, InputError

# What a call to AWS through this collection can fail with: for the work a module does beside its main
# work (a record, a history), whose failure is reported instead of failing the module.
AWS_FAILURES = tuple(error for error in (BlueGreenError, AnsibleAWSError, BotoCoreError, ClientError) if error)


def retrying_client(module, service, extra_error_codes=None):
    """A client whose calls retry throttling and transient errors when passed ``aws_retry=True``."""
    decorator = AWSRetry.jittered_backoff(catch_extra_error_codes=extra_error_codes or [])
    return module.client(service, retry_decorator=decorator)


def describe_one(call, result_key, missing_codes, message, **kwargs):
    """The one resource a describe or get call finds: ``response[result_key]`` (its first item when a list).

    Raises InputError(``message``, which names the option and the value) when
    AWS answers with one of ``missing_codes`` or finds nothing.
    """
    try:
        found = call(aws_retry=True, **kwargs).get(result_key)
    except is_boto3_error_code(missing_codes):
        found = None
    if isinstance(found, list):
        found = found[0] if found else None
    if not found:
        raise InputError(message)
    return found


def is_arn(value):
    return value.startswith("arn:")
