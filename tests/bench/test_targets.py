"""How the comparison starts this bot: its own ports and tracker, and its apology seen as an error."""

from __future__ import annotations

from pathlib import Path

import yaml

from bench.targets import LOTSE_ERROR_MARKERS, ROOT, lotse_endpoints, make_run_commands


def test_endpoints_point_at_this_runs_action_server_and_tracker_and_keep_the_rest(tmp_path: Path) -> None:
    endpoints = lotse_endpoints(45055, tmp_path / "tracker.sqlite3")
    committed = yaml.safe_load((ROOT / "endpoints.yml").read_text())
    # this run's action server, with the committed settings (e.g. enable_selective_domain)
    assert endpoints["action_endpoint"] == {**committed["action_endpoint"], "url": "http://127.0.0.1:45055/webhook"}
    assert endpoints["tracker_store"]["type"] == committed["tracker_store"]["type"]  # the store `make run` uses
    assert endpoints["tracker_store"]["db"] == str(tmp_path / "tracker.sqlite3")
    for section in set(committed) - {"action_endpoint", "tracker_store"}:
        assert endpoints[section] == committed[section]


def test_the_servers_are_started_with_make_runs_commands_on_this_runs_ports(tmp_path: Path) -> None:
    commands = make_run_commands(Path("models/m.tar.gz"), 41001, 41002, tmp_path / "endpoints.yml")
    actions, rasa = commands["action server"], commands["rasa server"]
    assert actions[actions.index("--port") + 1] == "41001"
    assert rasa[rasa.index("--port") + 1] == "41002"
    assert rasa[rasa.index("--endpoints") + 1] == str(tmp_path / "endpoints.yml")
    assert rasa[rasa.index("--model") + 1] == "models/m.tar.gz"
    assert rasa[rasa.index("--credentials") + 1] == "credentials.yml"


def test_the_bots_apology_and_its_fallbacks_count_as_errors() -> None:
    from channels.faults import FaultSettings

    apology = FaultSettings().apology
    assert LOTSE_ERROR_MARKERS[next(m for m in LOTSE_ERROR_MARKERS if m in apology)] == "apology (technical fault)"
    wording = yaml.safe_load((ROOT / "wording" / "citizen.yml").read_text())
    for name in ("ask_affirmation", "ask_rephrase", "not_understood"):
        for variant in ("text", "plain"):
            if variant in wording[name]:
                assert any(marker in wording[name][variant] for marker in LOTSE_ERROR_MARKERS), (name, variant)

