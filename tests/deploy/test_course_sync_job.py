"""deploy/k8s/course-sync.yaml: the nightly course sync runs the real CLI, once at a time, with the net it needs."""

from __future__ import annotations

from bot.cli import build_parser
from tests.deploy.files import containers, manifests, named
from tests.deploy.netpol import Pod, allowed

SYNC = Pod({"app.kubernetes.io/name": "lotse-course-sync"})
ACTIONS = Pod({"app.kubernetes.io/name": "lotse-action-server"})
DB = Pod({"app": "postgres"}, namespace="datenbank")


def command() -> list[str]:
    [container] = [c for name, _, c in containers() if name == "lotse-course-sync"]
    return container["command"] + container["args"]


def test_sync_job_runs_the_sync_command_for_the_home_region() -> None:
    assert command()[0] == "lotse"
    args = build_parser().parse_args(command()[1:])
    assert (args.area, args.command, args.source, args.region, args.dry_run) == ("db", "sync", "ba", "krefeld", False)
    config = named("ConfigMap", "lotse-config")["data"]
    assert args.region == config["LOTSE_REGION"]  # the installation's home region


def test_sync_job_runs_nightly_one_at_a_time() -> None:
    cron = named("CronJob", "lotse-course-sync")["spec"]
    minute, hour, day, month, weekday = cron["schedule"].split()
    assert minute.isdigit() and hour.isdigit() and (day, month, weekday) == ("*", "*", "*")
    assert cron["concurrencyPolicy"] == "Forbid" and cron["timeZone"] == "Europe/Berlin"


def test_sync_job_reaches_the_api_and_the_database_only() -> None:
    policies = [doc for doc in manifests() if doc["kind"] == "NetworkPolicy"]
    assert allowed(policies, SYNC, DB, 443) and allowed(policies, SYNC, DB, 5432)
    assert not allowed(policies, SYNC, ACTIONS, 5055)
    assert not allowed(policies, SYNC, DB, 25)
