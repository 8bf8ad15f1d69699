# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# Private to this collection: no compatibility promise outside bluegreen.aws.
"""EC2 calls (with retries): launch templates and their versions, the AMIs instances run."""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code

from .._core.errors import InputError
from .common import describe_one, retrying_client

LAUNCH_TEMPLATE_NOT_FOUND_CODES = (
    "InvalidLaunchTemplateName.NotFoundException",
    "InvalidLaunchTemplateId.NotFound",
    "InvalidLaunchTemplateId.Malformed",
    "InvalidLaunchTemplateName.MalformedException",
)
VERSION_NOT_FOUND_CODES = ("InvalidLaunchTemplateId.VersionNotFound", "InvalidLaunchTemplateVersion.NotFound")
INSTANCE_NOT_FOUND_CODES = ("InvalidInstanceID.NotFound",)
IMAGE_NOT_FOUND_CODES = ("InvalidAMIID.NotFound", "InvalidAMIID.Malformed", "InvalidAMIID.Unavailable")


def ec2_client(module):
    return retrying_client(module, "ec2")


def describe_launch_template(client, name_or_id, option):
    key = "LaunchTemplateIds" if name_or_id.startswith("lt-") else "LaunchTemplateNames"
    return describe_one(
        client.describe_launch_templates,
        "LaunchTemplates",
        LAUNCH_TEMPLATE_NOT_FOUND_CODES,
        "%s: no launch template %s" % (option, name_or_id),
        **{key: [name_or_id]},
    )


def describe_image(client, image_id, option):
    return describe_one(
        client.describe_images,
        "Images",
        IMAGE_NOT_FOUND_CODES,
        "%s: no AMI %s in this region" % (option, image_id),
        ImageIds=[image_id],
    )


def describe_versions(client, template_id, versions, option):
    """``{version number: version}`` of ``versions`` (numbers, or ``$Latest`` / ``$Default``).

    A version that does not exist is an InputError naming ``option``.
    """
    try:
        found = client.describe_launch_template_versions(
            LaunchTemplateId=template_id, Versions=[str(version) for version in versions], aws_retry=True
        )
    except is_boto3_error_code(VERSION_NOT_FOUND_CODES) as error:
        raise InputError(
            "%s: launch template %s has no version %s" % (option, template_id, ", ".join(str(v) for v in versions))
        ) from error
    return dict((item["VersionNumber"], item) for item in found.get("LaunchTemplateVersions", []))


def create_version(client, template_id, source_version, image_id, description):
    """A new version: ``source_version`` with ``image_id``; returns it."""
    arguments = dict(
        LaunchTemplateId=template_id,
        SourceVersion=str(source_version),
        LaunchTemplateData={"ImageId": image_id},
    )
    if description:
        arguments["VersionDescription"] = description
    return client.create_launch_template_version(aws_retry=True, **arguments)["LaunchTemplateVersion"]


def instance_images(client, instance_ids):
    """``{instance id: AMI id}`` of the instances that still exist."""
    if not instance_ids:
        return {}
    try:
        found = client.describe_instances(InstanceIds=list(instance_ids), aws_retry=True)
    except is_boto3_error_code(INSTANCE_NOT_FOUND_CODES):
        if len(instance_ids) == 1:
            return {}
        # One of them is gone already: ask one by one.
        images = {}
        for instance_id in instance_ids:
            images.update(instance_images(client, [instance_id]))
        return images
    return dict(
        (instance["InstanceId"], instance.get("ImageId"))
        for reservation in found.get("Reservations", [])
        for instance in reservation.get("Instances", [])
    )
