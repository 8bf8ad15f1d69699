"""A VPC with two subnets in moto, for the provision tests (test set-up only).

moto gives every awsvpc ECS task an ENI and fails unless the VPC has DNS
hostnames enabled, so the VPC gets them here, as a real VPC for Fargate would.
"""

from dataclasses import dataclass

ZONES = ("us-east-1a", "us-east-1b")


@dataclass
class Network:
    vpc_id: str
    cidr: str
    subnets: list


def make_network(ec2, cidr="10.40.0.0/16"):
    """A VPC ``cidr`` with one /24 subnet in each of two zones."""
    vpc_id = ec2.create_vpc(CidrBlock=cidr)["Vpc"]["VpcId"]
    ec2.modify_vpc_attribute(VpcId=vpc_id, EnableDnsSupport={"Value": True})
    ec2.modify_vpc_attribute(VpcId=vpc_id, EnableDnsHostnames={"Value": True})
    prefix = cidr.rsplit(".", 2)[0]
    subnets = [
        ec2.create_subnet(VpcId=vpc_id, CidrBlock="%s.%d.0/24" % (prefix, index), AvailabilityZone=zone)["Subnet"][
            "SubnetId"
        ]
        for index, zone in enumerate(ZONES, start=1)
    ]
    return Network(vpc_id, cidr, subnets)
