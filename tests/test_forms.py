"""What the SPJ office checks on the forms: time zone and EYD times, kop and signatories from the settings."""

import pytest
from pypdf import PdfReader

from kpps_desktop.core import db as dbmod
from kpps_desktop.core import installation, paperwork, sessions, settings
from kpps_desktop.render import forms


def text_of(path):
    return " ".join(" ".join(page.extract_text() for page in PdfReader(str(path)).pages).split())


@pytest.mark.parametrize("desa, zone, name", [
    ("33.20.01.2001", "WIB", "Kedungmalang"),  # Jepara, Central Java
    ("51.01.01.2001", "WITA", "Cupel"),  # Jembrana, Bali
    ("91.03.01.2004", "WIT", "Sereh"),  # Jayapura, Papua
])
def test_daftar_hadir_prints_the_regions_time_zone_with_eyd_times(qapp, db_path, tmp_path, desa, zone, name):
    db = dbmod.open_db(db_path)
    installation.init(db, "pps", desa)
    s = sessions.create_session(db, "bimtek", "Bimtek KPPS", "2024-11-07", "08:00", "12:30")
    out = tmp_path / "dh.pdf"
    forms.daftar_hadir_pdf(db, s.id, out)
    text = text_of(out)
    assert f"08.00 – 12.30 {zone}" in text and "08:00" not in text
    assert {"WIB", "WITA", "WIT"} - {zone} & set(text.split()) == set()
    assert f"Ketua PPS Desa {name}" in text and f"{name}, 7 November 2024" in text
    assert "BIMBINGAN TEKNIS" in text and "Bimtek: " not in text and "None" not in text
    db.close()


def test_time_zone_of_every_province_code():
    assert [paperwork.zone(k) for k in ("11", "21", "33.20", "61", "62")] == ["WIB"] * 5
    assert [paperwork.zone(k) for k in ("51", "52", "53", "63", "64", "65", "71", "76")] == ["WITA"] * 8
    assert [paperwork.zone(k) for k in ("81", "82", "91", "94", "96")] == ["WIT"] * 5
    assert paperwork.jam("2024-11-07T07:52:10+07:00") == "07.52" and paperwork.ribuan(12201) == "12.201"


def test_forms_carry_kop_and_names_from_settings_and_dots_where_empty(qapp, pps_db, tmp_path):
    s = sessions.create_session(pps_db, "pelantikan", "Pelantikan KPPS", "2024-11-05", "08:00")
    out = tmp_path / "kosong.pdf"
    forms.daftar_hadir_pdf(pps_db, s.id, out)
    text = text_of(out)
    assert "PANITIA PEMUNGUTAN SUARA DESA KEDUNGMALANG" in text and "PEMILIHAN SERENTAK 2024" in text
    assert "Alamat: ....." in text and "None" not in text
    assert text.count("." * 40) >= 2  # the two unnamed signatories: dots for the pen
    assert "5 November 2024" in text  # signed on the activity's date, not the print date
    settings.save_many(pps_db, {"kop_office": "PPS Desa Kedungmalang", "kop_address": "Jl. Balai Desa 1",
                                "ketua_name": "Ahmad Fauzi", "sekretaris_name": "Sri Wahyuni",
                                "event_title": "Pilkada Jepara 2024", "place": "Kedung"})
    forms.daftar_hadir_pdf(pps_db, s.id, out)
    text = text_of(out)
    assert "PPS DESA KEDUNGMALANG" in text and "Jl. Balai Desa 1" in text and "PILKADA JEPARA 2024" in text
    assert "Ahmad Fauzi" in text and "Sri Wahyuni" in text and "Kedung, 5 November 2024" in text


def test_cli_export_writes_the_berita_acara_as_an_office_form(qapp, tmp_path, capsys):
    import datetime as dt

    from kpps_desktop import cli
    from kpps_desktop.core import demo, keys

    path = tmp_path / "pps.sqlite"
    db = dbmod.open_db(path)
    demo.generate(db, "33.20.01.2001")
    settings.save_many(db, {"sekretaris_name": "Sri Wahyuni", "place": "Kedungmalang"})
    s = next(s for s in sessions.list_sessions(db) if s.kind == "pelantikan")
    wib = dt.timezone(dt.timedelta(hours=7))
    start = dt.datetime.combine(dt.date.fromisoformat(s.date), dt.time(8), tzinfo=wib)
    officers = sessions.expected_officers(db, s.id)
    from kpps_desktop.core import checkin

    for i, o in enumerate(officers[:5]):
        checkin.check_in_officer(db, s.id, o["id"], start + dt.timedelta(minutes=i), "scanner")
    fingerprint = keys.fingerprint(keys.ensure_keypair(db))
    db.close()
    out, receipt = tmp_path / "kirim.kpps", tmp_path / "berita-acara.pdf"
    assert cli.main(["export", "--db", str(path), "--out", str(out), "--no-encrypt", "--receipt", str(receipt)]) == 0
    assert out.exists() and "berita-acara.pdf" in capsys.readouterr().err
    text = text_of(receipt)
    for needle in ("BERITA ACARA SERAH TERIMA", "PIHAK PERTAMA", "PIHAK KEDUA", "Sri Wahyuni",
                   "Sekretaris PPS Desa Kedungmalang", "Sekretaris PPK Kecamatan Kedung", fingerprint,
                   "Hadir tepat waktu 5", "Jumlah sesi kegiatan", "Kedungmalang,", out.name):
        assert needle in text, needle
    for technical in ("Perangkat pengirim", "UTC", "Peserta sesi 0", "None"):
        assert technical not in text, technical
    with pytest.raises(SystemExit) as usage:  # --receipt needs a file name
        cli.main(["export", "--db", str(path), "--out", str(out), "--receipt"])
    assert usage.value.code == 2 and "argumen --receipt: perlu satu nilai" in capsys.readouterr().err


def test_language_of_counts_and_regions(qapp, tmp_path, capsys):
    from kpps_desktop import cli
    from kpps_desktop.core import demo, recap

    path = tmp_path / "pps.sqlite"
    db = dbmod.open_db(path)
    demo.generate(db, "33.20.01.2001")
    r = recap.recap(db, "tps")
    assert recap.scope_text(r) == "Desa/Kelurahan Kedungmalang"  # not "Seluruh wilayah" on a PPS
    db.close()
    assert cli.main(["recap", "--db", str(path), "--by", "tps", "--format", "csv", "--out", str(tmp_path / "r.csv")]) == 0
    assert "Rekap 9 TPS ditulis" in capsys.readouterr().err
    with pytest.raises(settings.SettingError, match="tulis ya atau tidak"):
        settings.parse("sound", "mungkin")
    with pytest.raises(settings.SettingError) as refused:
        settings.save(dbmod.open_db(path), "transport", {"amount": 0})
    assert "0.." not in str(refused.value) and "(contoh: true)" not in str(refused.value)


def test_daftar_hadir_rows_of_absent_officers_say_why_instead_of_a_signature_line(qapp, tmp_path):
    import datetime as dt

    from kpps_desktop.core import checkin, demo

    db = dbmod.open_db(tmp_path / "pps.sqlite")
    demo.generate(db, "33.20.01.2001")
    s = next(s for s in sessions.list_sessions(db) if s.kind == "bimtek")
    officers = sessions.expected_officers(db, s.id)
    at = dt.datetime(2024, 11, 7, 8, 5, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    checkin.set_status(db, s.id, officers[0]["id"], "izin", "surat", at)
    checkin.set_status(db, s.id, officers[1]["id"], "sakit", None, at)
    checkin.check_in_officer(db, s.id, officers[2]["id"], at, "scanner")
    sessions.close_session(db, s.id, at + dt.timedelta(hours=5))
    out = tmp_path / "dh.pdf"
    forms.daftar_hadir_pdf(db, s.id, out)
    text = text_of(out)
    assert "1. Izin" in text and "2. Sakit" in text and "4. Tidak hadir" in text
    assert "3." in text and "08.05" in text  # the one who came signs, with his time
    assert forms.DH_COLUMNS[7].width / 2 >= 25  # each half of the signature cell: room for a signature
    db.close()


def test_berita_acara_counts_the_sessions_of_the_scope_handed_over(qapp, db_path, tmp_path):
    """A KPU sending one kecamatan its roster: the form counts that kecamatan's sessions (the file's),
    not every session of the kabupaten."""
    from kpps_desktop.core import demo, exchange
    from kpps_desktop.render import receipt

    db = dbmod.open_db(db_path)
    installation.init(db, "kpu", "33.20")
    demo.generate(db, "33.20.01.2001")
    demo.generate(db, "33.20.02.2001")
    result = exchange.export(db, tmp_path / "ke-kedung.kpps", "33.20.01")
    every = len(sessions.list_sessions(db))
    assert 0 < result.counts["sessions"] < every
    out = receipt.receipt_pdf(result, tmp_path / "berita-acara.pdf", sender_wilayah="33.20", db=db)
    db.close()
    text = text_of(out)
    assert f"Jumlah sesi kegiatan {result.counts['sessions']} " in text
    assert f"Sesi {result.counts['sessions']} " not in text  # said once, at the top
    assert f"Petugas {paperwork.ribuan(result.counts['officers'])} " in text
