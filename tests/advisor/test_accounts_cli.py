"""``lotse advisor add`` and ``lotse advisor demo-accounts``: accounts without default passwords."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from advisor.passwords import verify_password
from bot.cli import main
from bot.db.models import Advisor
from bot.db.session import session_scope
from tests.advisor.conftest import populate


def test_add_generates_a_password_shown_once(db_url: str, capsys: pytest.CaptureFixture) -> None:
    populate(db_url)
    args = ["--db", db_url, "advisor", "add", "--centre", "aa-bottrop", "--email", "Neu@AA.example", "--name", "Nora"]
    assert main([*args, "--admin"]) == 0
    out = capsys.readouterr().out
    password = out.split("Passwort (wird nur jetzt angezeigt): ")[1].strip()
    with session_scope(db_url) as s:
        advisor = s.execute(select(Advisor).where(Advisor.email == "neu@aa.example")).scalar_one()
        assert advisor.role == "admin" and verify_password(password, advisor.password_hash)
        assert password not in advisor.password_hash
    assert main(args) == 2
    assert "Es gibt schon ein Konto" in capsys.readouterr().err


def test_add_a_netzwerk_account_for_the_region_of_a_centre(db_url: str, capsys: pytest.CaptureFixture) -> None:
    populate(db_url)
    args = ["--db", db_url, "advisor", "add", "--centre", "aa-bottrop", "--email", "netz@bottrop.example",
            "--name", "Netzwerk Bottrop", "--role", "netzwerk"]
    assert main(args) == 0
    assert "(Netzwerk) für die Region Bottrop (über Agentur für Arbeit Bottrop) angelegt" in capsys.readouterr().out
    with session_scope(db_url) as s:
        assert s.execute(select(Advisor.role).where(Advisor.email == "netz@bottrop.example")).scalar_one() == "netzwerk"


def test_the_command_line_offers_exactly_the_roles_of_the_app() -> None:
    from advisor.accounts import ROLES
    from advisor.cli import ROLE_NAMES
    from bot.cli import ADVISOR_ROLES

    assert ADVISOR_ROLES == ROLES and tuple(ROLE_NAMES) == ROLES


def test_add_refuses_an_unknown_centre(db_url: str, capsys: pytest.CaptureFixture) -> None:
    assert main(["--db", db_url, "advisor", "add", "--centre", "gibtsnicht", "--email", "a@b.de", "--name", "A"]) == 2
    assert "Keine Beratungsstelle mit dem Kürzel „gibtsnicht“" in capsys.readouterr().err


def test_demo_accounts_write_a_private_file_once(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from bot.db.models import CounsellingCentre, Region

    with session_scope(db_url) as s:
        region = Region(slug="kr", name="Krefeld", state="NW")
        wesel = Region(slug="we", name="Kreis Wesel", state="NW")
        s.add_all([CounsellingCentre(region=region, slug=slug, name=slug, kind="vhs") for slug in ("a", "b")])
        s.add(CounsellingCentre(region=wesel, slug="c", name="c", kind="vhs"))
    out_file = tmp_path / "zugang.txt"
    assert main(["--db", db_url, "advisor", "demo-accounts", "--out", str(out_file)]) == 0
    assert str(out_file) in capsys.readouterr().out
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600
    lines = [line.split("\t") for line in out_file.read_text().splitlines() if "\t" in line]
    assert sorted((email, role) for email, _, role in lines) == [
        ("a.admin@demo.invalid", "admin"), ("a.beratung@demo.invalid", "advisor"),
        ("a.leitung@demo.invalid", "leitung"),
        ("b.admin@demo.invalid", "admin"), ("b.beratung@demo.invalid", "advisor"),
        ("b.leitung@demo.invalid", "leitung"),
        ("c.admin@demo.invalid", "admin"), ("c.beratung@demo.invalid", "advisor"),
        ("c.leitung@demo.invalid", "leitung"),
        ("kr.netzwerk@demo.invalid", "netzwerk"), ("we.netzwerk@demo.invalid", "netzwerk")]
    with session_scope(db_url) as s:
        hashes = {a.email: a.password_hash for a in s.execute(select(Advisor)).scalars()}
    assert all(verify_password(password, hashes[email]) for email, password, _ in lines)
    assert main(["--db", db_url, "advisor", "demo-accounts", "--out", str(out_file)]) == 0
    assert "keine Demo-Zugänge angelegt" in capsys.readouterr().out
