"""Apps on the router route53 for the release playbook tests (test set-up only): the record pair and
the colors' load balancers seen from outside."""

from release_setup import App, Ec2App
from route53_setup import make_zone, pair, upsert

IDENTIFIERS = ("blue", "green")


class Route53App(App):
    """An ECS app whose colors are switched by the weighted records ``shop.<app>.example.com``, each color
    behind its own load balancer; the zone ``<app>.example.com`` is made for it."""

    def __init__(self, fleet, name, strategy="service_pair"):
        super().__init__(fleet, name, strategy)
        self.route53 = self.aws.client("route53")
        self.zone = "%s.example.com" % name
        self.zone_id = make_zone(self.route53, self.zone)
        self.record = "shop.%s." % self.zone
        self.vars.update(bluegreen_router="route53", bluegreen_zone=self.zone, bluegreen_record=self.record)
        if name.endswith("health"):
            self.vars.update(bluegreen_health_checks=True, bluegreen_verify_path="/health")

    def records(self):
        """{SetIdentifier: record set} of the pair."""
        return pair(self.route53, self.zone_id, self.record, "A")

    def split(self, port=None):
        """(blue percent, green percent) of the pair as Route 53 holds it; (0, 0) without records."""
        found = self.records()
        blue, green = (found[identifier]["Weight"] if identifier in found else 0 for identifier in IDENTIFIERS)
        total = blue + green
        return (round(100 * blue / total), round(100 * green / total)) if total else (0, 0)

    def set_split(self, blue, green, port=None):
        found = self.records()
        upsert(self.route53, self.zone_id, dict(found["blue"], Weight=blue), dict(found["green"], Weight=green))

    def health_checks(self):
        """{load balancer DNS name: health check id} of the HTTP health checks on bluegreen_verify_path."""
        checks = self.route53.list_health_checks()["HealthChecks"]
        return {
            check["HealthCheckConfig"]["FullyQualifiedDomainName"].lower(): check["Id"]
            for check in checks
            if check["HealthCheckConfig"].get("ResourcePath") == "/health"
        }

    def balancer(self, color):
        return self.elbv2.describe_load_balancers(Names=["%s-%s" % (self.name, color)])["LoadBalancers"][0]


class Route53Ec2App(Route53App, Ec2App):
    """An app on the platform ec2 (two Auto Scaling groups) behind the weighted records."""


def route53_app(fleet, name, strategy):
    """The app of a fleet on the router route53: ``strategy`` is an ECS strategy, or ``ec2`` for the
    platform ec2."""
    return Route53Ec2App(fleet, name) if strategy == "ec2" else Route53App(fleet, name, strategy)
