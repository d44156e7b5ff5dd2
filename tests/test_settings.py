"""Settings: one registry of keys with defaults and validation, stored in the database, and the CLI."""

import pathlib
import re

import pytest

from kpps_desktop import cli
from kpps_desktop.core import db as dbmod
from kpps_desktop.core import sessions, settings, transport

DOCS = pathlib.Path(__file__).resolve().parents[1] / "docs" / "settings.md"


def test_defaults_on_a_new_database(db):
    assert settings.get_all(db) == {
        "operator": "", "event_title": "Pemilihan Serentak 2024",
        "kop_office": "", "kop_address": "", "ketua_name": "", "sekretaris_name": "", "place": "",
        "materai_threshold": 5_000_000,
        "transport": {"kinds": ["pelantikan", "bimtek"], "amount": 50000, "daring": False, "terlambat": True},
        "sound": True, "camera": "", "grace_minutes": 15, "checkin_reset_seconds": 5, "language": "id",
        "daring_min_minutes": 0,
        "backup_keep": 14,
    }


def test_values_are_normalised_stored_as_json_and_read_by_the_modules_that_use_them(db):
    settings.save_many(db, {"operator": "  Siti   Aminah ", "grace_minutes": 30,
                           "transport": {"amount": 40000, "daring": True}})
    assert dbmod.get_setting(db, "operator") == "Siti Aminah"
    # The transport key keeps the shape core.transport reads, with missing keys filled in.
    assert dbmod.get_setting(db, "transport") == {"kinds": ["pelantikan", "bimtek"], "amount": 40000,
                                                  "daring": True, "terlambat": True}
    assert transport.get_rules(db).amount == 40000
    assert sessions.grace_minutes(db) == 30


@pytest.mark.parametrize("key, value, message", [
    ("grace_minutes", -5, "antara 0 dan 240"),
    ("grace_minutes", "15", "bilangan bulat"),
    ("grace_minutes", True, "bilangan bulat"),
    ("event_title", "   ", "tidak boleh kosong"),
    ("event_title", "x" * 61, "paling panjang 60"),
    ("sound", "ya", "ya atau tidak"),
    ("language", "jv", "id, en"),
    ("backup_keep", 0, "antara 1 dan 365"),
    ("transport", {"amount": 0}, "lebih dari 0"),
    ("transport", {"kinds": ["rapat"]}, "tidak dikenal"),
    ("transport", {"amout": 1}, "amout"),
    ("transport", 50000, "objek JSON"),
    ("colour", "red", "tidak dikenal"),
])
def test_bad_values_are_refused_with_a_message_and_nothing_is_saved(db, key, value, message):
    settings.save(db, "operator", "Budi")
    with pytest.raises(settings.SettingError, match=message) as info:
        settings.save_many(db, {"operator": "Ani", key: value})
    assert key in info.value.problems and "operator" not in info.value.problems
    assert settings.get(db, "operator") == "Budi"  # all or nothing


def test_a_stored_value_that_is_no_longer_valid_reads_as_the_default(db):
    dbmod.set_setting(db, "grace_minutes", "lima belas")
    assert settings.get(db, "grace_minutes") == 15


def test_parse_command_line_values():
    assert settings.parse("sound", "tidak") is False
    assert settings.parse("sound", "YA") is True
    assert settings.parse("event_title", "Pilkada 2024") == "Pilkada 2024"
    assert settings.parse("grace_minutes", "20") == 20
    assert settings.parse("transport", '{"amount": 25000}') == {"amount": 25000}
    with pytest.raises(settings.SettingError, match="bukan nilai yang sah"):
        settings.parse("grace_minutes", "dua puluh")


def test_cli_settings_get_and_set(db_path, capsys):
    assert cli.main(["settings", "set", "grace_minutes", "20", "--db", str(db_path)]) == 0
    assert capsys.readouterr().out == "grace_minutes\t20\n"
    assert cli.main(["settings", "set", "event_title", "Pilkada Jepara 2024", "--db", str(db_path)]) == 0
    capsys.readouterr()
    assert cli.main(["settings", "get", "event_title", "--db", str(db_path)]) == 0
    assert capsys.readouterr().out == 'event_title\t"Pilkada Jepara 2024"\n'
    assert cli.main(["settings", "get", "--db", str(db_path)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == len(settings.SETTINGS)
    assert cli.main(["settings", "set", "grace_minutes", "999", "--db", str(db_path)]) == 1
    assert "antara 0 dan 240" in capsys.readouterr().err
    assert cli.main(["settings", "get", "nope", "--db", str(db_path)]) == 1
    assert "tidak dikenal" in capsys.readouterr().err


def test_docs_describe_every_key_with_its_default():
    text = DOCS.read_text(encoding="utf-8")
    documented = re.findall(r"^\| `([a-z_]+)` \|", text, re.MULTILINE)
    assert documented == list(settings.SETTINGS)
