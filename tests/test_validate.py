"""One text validator (core/validate.py) for the roster import, the officer dialog, settings and reasons."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from helpers.cli import run
from helpers.sessions import KEDUNGMALANG, at, make_roster, new_session
from kpps_desktop.core import checkin, installation, nik, roster, settings
from kpps_desktop.core import db as dbmod
from kpps_desktop.core import validate as textcheck


@pytest.mark.parametrize("value, fragment", [
    ("Budi\x00Santoso", "karakter kendali"),
    ("Budi\x1bSantoso", r"U\+001B"),
    ("Budi \u202eolrolS", "tanda arah teks"),
    ("Siti \u2066Aminah\u2069", r"U\+2066"),
    ("A" * 101, "terlalu panjang: 101 karakter, paling banyak 100"),
    ("\ud800", "rusak"),
])
def test_bad_names_are_refused_with_an_indonesian_reason(value, fragment):
    with pytest.raises(textcheck.TextError, match=fragment):
        textcheck.name(value)


def test_untidy_names_are_normalised():
    assert textcheck.name("  Siti\u00a0\u00a0 Aminah\t") == "Siti Aminah"
    assert textcheck.name("Jose\u0301 Mu\u200bnir") == "José Munir"  # NFC, a zero-width space dropped
    assert textcheck.name("A" * 100) == "A" * 100
    with pytest.raises(textcheck.TextError, match="wajib"):
        textcheck.name(" \u200b ")


def test_phone_numbers():
    assert textcheck.phone(" 0812-3456  7890 ") == "0812-3456 7890"
    assert textcheck.phone("+62 812 3456 7890") == "+62 812 3456 7890"
    assert textcheck.phone("") is None
    for bad in ("12345", "0812abc4567", "0" * 16):
        with pytest.raises(textcheck.TextError, match="Nomor HP"):
            textcheck.phone(bad)


def test_shown_replaces_what_cannot_be_printed():
    assert textcheck.shown("Budi\x00 \u202eSantoso") == "Budi\ufffd Santoso"


def test_scan_text_is_capped_and_a_typed_nik_masked():
    assert textcheck.scan_text("3320015203900001") == "3320********0001"
    assert textcheck.scan_text("x" * 1_000_000) == "x" * 199 + "…"
    assert textcheck.scan_text("KPPS-ABC\x00") == "KPPS-ABC\ufffd"


def test_roster_validate_refuses_each_field(pps_db):
    born = dt.date(1990, 3, 12)
    officer = roster.Officer(nik=nik.make("332001", born, "L", 1), nama="Budi\u202e", jk="L",
                             desa=KEDUNGMALANG, tps=1, jabatan="anggota", alamat="x" * 201,
                             tempat_lahir="Jepara\x07", telepon="abc", tps_label="Balai\x00")
    errors = roster.validate(officer, dt.date(2024, 10, 1)).errors
    assert set(errors) == {"nama", "alamat", "tempat_lahir", "telepon", "tps_label"}
    assert "tanda arah" in errors["nama"] and "terlalu panjang" in errors["alamat"]


def _roster_file(folder, name):
    """An .xlsx, or a .csv when the name holds what an .xlsx cannot (a NUL: XML refuses it)."""
    born = dt.date(1990, 3, 12)
    rows = [["NIK", "NAMA", "JK", "TGL LAHIR", "DESA", "TPS", "JABATAN"],
            [nik.make("332001", born, "L", 1), "Petugas Baik", "L", "12-03-1990", "Kedungmalang", 1, "KETUA KPPS"],
            [nik.make("332001", born, "L", 2), name, "L", "12-03-1990", "Kedungmalang", 1, "ANGGOTA KPPS"]]
    if "\x00" in name:
        path = folder / "petugas.csv"
        path.write_text("\n".join(",".join(map(str, r)) for r in rows) + "\n", encoding="utf-8")
        return path
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(folder / "petugas.xlsx")
    return folder / "petugas.xlsx"


@pytest.mark.parametrize("name, fragment", [
    ("A" * 600, "terlalu panjang"),
    ("Budi\x00Santoso", "karakter kendali"),
    ("Budi \u202eolrolS", "tanda arah teks"),
])
def test_cli_roster_import_refuses_a_bad_name_and_imports_nothing(tmp_path, capsys, name, fragment):
    db_path = tmp_path / "kpps.sqlite"
    with dbmod.opened(db_path) as db:
        installation.init(db, "pps", KEDUNGMALANG)
    src = _roster_file(tmp_path, name)
    code, out, err = run(capsys, "roster", "import", str(src), "--db", str(db_path))
    assert code == 1 and fragment in out and "baris 3" in out and "Traceback" not in err
    with dbmod.opened(db_path) as db:
        assert db.conn.execute("SELECT count(*) FROM officers").fetchone()[0] == 0


def test_settings_refuse_hidden_characters(pps_db):
    text_keys = [k for k, s in settings.SETTINGS.items() if isinstance(s.default, str) and k != "language"]
    assert text_keys
    with pytest.raises(settings.SettingError, match="tanda arah teks"):
        settings.validate(text_keys[0], "Kantor \u202eXYZ")


def test_checkin_reasons_are_checked_and_the_scan_log_keeps_no_full_nik(pps_db):
    officers = make_roster(pps_db, {KEDUNGMALANG: 1})[KEDUNGMALANG]
    session = new_session(pps_db)
    with pytest.raises(checkin.CheckinError, match="terlalu panjang"):
        checkin.check_in_officer(pps_db, session.id, officers[0].id, at("07:50"), "manual", "x" * 201)
    result = checkin.check_in(pps_db, session.id, officers[0].nik, at("07:51"))
    assert result.result != "accepted"
    stored = pps_db.conn.execute("SELECT text FROM scan_log").fetchall()
    assert stored == [(nik.mask(officers[0].nik),)]
    checkin.check_in(pps_db, session.id, "Z" * 1_000_000, at("07:52"))
    assert max(len(r[0]) for r in pps_db.conn.execute("SELECT text FROM scan_log")) == textcheck.SCAN_TEXT_MAX
