"""Online attendance (daring): every report layout, matching rules, apply through the check-in path, CLI."""

import codecs
import json
import zipfile

import pytest
from helpers.daring import DATA, KEDUNGMALANG, NOW, make, session

from kpps_desktop import cli
from kpps_desktop.core import cards, checkin, daring, exchange, roster, sessions
from kpps_desktop.core import db as dbmod
from kpps_desktop.core.daring import matching, parsers
from kpps_desktop.core.daring.preview import roster_index
from kpps_desktop.core.names import match_key, name_tokens, normalize_name


@pytest.fixture
def desk(db):
    db.ids = make(db)
    db.names = {v: k for k, v in db.ids.items()}
    db.session = session(db)
    return db


def named(db, preview):
    """The preview with officer ids replaced by 'Name@desa/tps' (readable expectations)."""
    out = {}
    for kind, rows in preview.as_json().items():
        for r in rows:
            r = dict(r)
            if "officer" in r:
                r["officer"] = db.names[r["officer"]]
            if "candidates" in r:
                r["candidates"] = sorted(db.names[c] for c in r["candidates"])
            out.setdefault(kind, []).append(r)
    return out


def attendance(db):
    return db.conn.execute("SELECT officer_id, status, method, reason, evidence FROM attendance ORDER BY seq").fetchall()


# --- every layout ---------------------------------------------------------------------------

def test_zoom_old_portal_with_meeting_block_rejoins_titles_devices_and_committee_tokens(desk):
    p = daring.preview(desk, desk.session.id, [DATA / "zoom_old.csv"], 10)
    assert p.files[0].layout == "zoom" and p.files[0].rows == 9
    got = named(desk, p)
    assert got["matched"] == [
        # Rows 5 and 10 are one person who rejoined: 36 + 25 minutes, reported at the first row.
        {"row": 5, "name": "Ahmad Fauzi", "officer": "Ahmad Fauzi@2001/1", "score": 100.0, "minutes": 61},
        {"row": 6, "name": "Hj. Siti Rohmah, S.Pd.", "officer": "Siti Rohmah@2002/1", "score": 100.0,
         "minutes": 105},
        {"row": 7, "name": "Moh. Maruf", "officer": "Muhammad Ma'ruf@2001/1", "score": 100.0, "minutes": 93},
        # "KPPS 02 Kedungmalang": TPS 2 of Kedungmalang narrows the roster, so one word is enough.
        {"row": 11, "name": "KPPS 02 Kedungmalang - Sumarno", "officer": "Sumarno@2001/2", "score": 100.0,
         "minutes": 88},
    ]
    # Two officers are called Siti Aminah: never guessed.
    assert got["ambiguous"] == [{"row": 9, "name": "Siti Aminah",
                                 "candidates": ["Siti Aminah@2001/1", "Siti Aminah@2001/2"]}]
    assert got["unmatched"] == [
        {"row": 8, "name": "Samsung A12", "reason": "nama perangkat, bukan nama orang"},
        {"row": 13, "name": "Tamu Undangan Kecamatan", "reason": "tidak ada nama yang mirip di daftar petugas"}]
    assert got["too_short"] == [{"row": 12, "name": "Budi Santoso", "officer": "Budi Santoso@2001/1", "minutes": 3}]


def test_zoom_new_portal_skips_the_waiting_room_and_takes_renamed_and_original_names(desk):
    got = named(desk, daring.preview(desk, desk.session.id, [DATA / "zoom_new.csv"]))
    assert [(r["row"], r["officer"], r["minutes"]) for r in got["matched"]] == [
        (5, "Eko Prasetyo@2001/2", 127),  # row 4 was the waiting room: not attendance
        (6, "Rina Marlina@2001/2", 125),  # "Rina Marlina (iPhone)": the person's name, not the phone's
        (9, "Wahyu Hidayat@2001/2", 122),  # two overlapping joins (two devices): the union, not 62 + 90
    ]
    assert [(r["row"], r["reason"]) for r in got["unmatched"]] == [
        (7, "nama perangkat, bukan nama orang"), (8, "nama perangkat, bukan nama orang")]


def test_zoom_unique_users_report(desk):
    got = named(desk, daring.preview(desk, desk.session.id, [DATA / "zoom_unique.csv"], 10))
    assert [(r["row"], r["officer"]) for r in got["matched"]] == [(2, "Slamet Riyadi@2002/1"),
                                                                  (3, "Bambang Sutrisno@2002/1")]
    assert [(r["row"], r["minutes"]) for r in got["too_short"]] == [(4, 7)]
    assert [r["row"] for r in got["unmatched"]] == [5]


def test_zoom_report_with_indonesian_headers_and_day_first_dotted_times(desk):
    report = parsers.read_report(DATA / "zoom_id.csv")
    assert report.layout == "zoom" and [e.row for e in report.entries] == [4, 5, 6]
    assert report.entries[0].join.isoformat() == "2024-11-07T08:55:00"
    got = named(desk, daring.preview(desk, desk.session.id, [DATA / "zoom_id.csv"]))
    assert [r["officer"] for r in got["matched"]] == ["Tri Handayani@2002/1", "Yusuf Efendi@2002/1"]
    assert got["unmatched"] == [{"row": 6, "name": "vivo 1904", "reason": "nama perangkat, bukan nama orang"}]


def test_google_meet_old_attendance_with_hour_minute_durations(desk):
    got = named(desk, daring.preview(desk, desk.session.id, [DATA / "meet_old.csv"]))
    assert [(r["row"], r["name"], r["officer"], r["minutes"]) for r in got["matched"]] == [
        (2, "Dewi Lestari", "Dewi Lestari@2001/1", 62), (3, "Nur Hidayah", "Nur Hidayah@2001/1", 58),
        (4, "Sri Wahyuni S.Pd", "Sri Wahyuni@2001/1", 125)]
    assert [r["row"] for r in got["unmatched"]] == [5]


def test_google_meet_new_export_after_star_preamble(desk):
    report = parsers.read_report(DATA / "meet_new.csv")
    assert report.layout == "meet_new" and [e.row for e in report.entries] == [6, 7, 8]
    got = named(desk, daring.preview(desk, desk.session.id, [DATA / "meet_new.csv"]))
    assert [(r["officer"], r["minutes"]) for r in got["matched"]] == [("Agus Salim@2001/2", 100),
                                                                     ("Joko Susilo@2001/2", 95)]


def test_teams_utf16_tab_separated_report_reads_the_participants_section(desk):
    raw = (DATA / "teams.tsv").read_bytes()
    assert raw.startswith(codecs.BOM_UTF16_LE)
    report = parsers.read_report(DATA / "teams.tsv")
    assert report.layout == "teams" and [e.row for e in report.entries] == [11, 12, 13, 14]
    got = named(desk, daring.preview(desk, desk.session.id, [DATA / "teams.tsv"]))
    assert [(r["row"], r["officer"], r["minutes"]) for r in got["matched"]] == [
        (13, "Slamet Riyadi@2002/1", 89), (14, "Yusuf Efendi@2002/1", 118.2)]  # "1h 58m 10s"; "Éfendi"
    assert got["ambiguous"][0]["row"] == 12 and got["ambiguous"][0]["name"] == "Siti Aminah (Guest)"
    assert [r["row"] for r in got["unmatched"]] == [11]  # the organiser's account


def test_teams_activities_section_alone_combines_rejoins(desk, tmp_path):
    text = (DATA / "teams.tsv").read_bytes().decode("utf-16")
    activities = text[text.index("3. In-Meeting Activities"):]
    path = tmp_path / "activities.tsv"
    path.write_bytes(activities.encode("utf-16-le"))  # and without a BOM
    report = parsers.read_report(path)
    assert report.layout == "teams_activity"
    got = named(desk, daring.preview(desk, desk.session.id, [path]))
    assert {"row": 6, "name": "Yusuf Éfendi", "officer": "Yusuf Efendi@2002/1", "score": 100.0,
            "minutes": 118.2} in got["matched"]


def test_google_forms_answers_match_nik_exactly_and_use_tps_and_desa(desk):
    got = named(desk, daring.preview(desk, desk.session.id, [DATA / "forms.csv"], 30))
    # "Jokowi S" typed a nickname, but the NIK is Joko Susilo's; a form has no duration (never too short).
    assert got["matched"] == [
        {"row": 2, "name": "Jokowi S", "officer": "Joko Susilo@2001/2", "score": 100.0, "minutes": None},
        {"row": 3, "name": "Siti Aminah", "officer": "Siti Aminah@2001/1", "score": 100.0, "minutes": None}]
    assert got["ambiguous"] == [{"row": 4, "name": "Agus S.", "candidates": ["Agus Salim@2001/2"]}]


def test_forms_from_a_cp1252_semicolon_spreadsheet_with_accents(desk):
    assert b"\xe9" in (DATA / "forms_cp1252.csv").read_bytes()
    got = named(desk, daring.preview(desk, desk.session.id, [DATA / "forms_cp1252.csv"]))
    assert [(r["name"], r["officer"]) for r in got["matched"]] == [
        ("Dewi Léstari", "Dewi Lestari@2001/1"), ("Rina Marlina", "Rina Marlina@2001/2")]


def test_forms_card_code_matches_exactly(desk, tmp_path):
    cards.issue_missing(desk)
    code = cards.current_codes(desk)[desk.ids["Eko Prasetyo@2001/2"]]
    path = tmp_path / "form.csv"
    path.write_text(f"Timestamp,Nama,Kode kartu\n11/7/2024 9:00:00,Bapak Eko,{cards.format_code(code)}\n", "utf-8")
    got = named(desk, daring.preview(desk, desk.session.id, [path]))
    assert got["matched"] == [{"row": 2, "name": "Bapak Eko", "officer": "Eko Prasetyo@2001/2", "score": 100.0,
                               "minutes": None}]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "cp1252"])
def test_encodings_are_detected(desk, tmp_path, encoding):
    text = (DATA / "zoom_unique.csv").read_text("ascii").replace("Slamet", "Slamét")
    path = tmp_path / "z.csv"
    path.write_bytes(text.encode(encoding))
    report = parsers.read_report(path)
    assert report.entries[0].name == "Slamét Riyadi"


def test_unknown_layout_is_refused_listing_headers_found_and_expected(desk):
    with pytest.raises(parsers.ReportError) as err:
        daring.preview(desk, desk.session.id, [DATA / "unknown.csv"])
    message = str(err.value)
    assert "Format berkas unknown.csv tidak dikenal" in message
    assert "Kolom yang ditemukan: Nomor, Nama Peserta, Instansi" in message
    assert "Zoom: Name (Original Name), Join Time, Leave Time, Duration (Minutes)" in message
    assert "Google Formulir: Timestamp, Nama" in message


def test_a_report_with_headers_but_no_rows_is_refused(tmp_path):
    path = tmp_path / "kosong.csv"
    path.write_text("Full Name,First Seen,Time in Call\n", "utf-8")
    with pytest.raises(parsers.ReportError, match="tidak berisi baris peserta"):
        parsers.read_report(path)


# --- normalising and matching -------------------------------------------------------------

def test_names_normalise_case_apostrophes_accents_titles_and_muhammad():
    assert normalize_name("MA’RUF  Amin") == normalize_name("Ma'ruf amin") == "maruf amin"
    assert name_tokens("Hj. Siti Ma'rufah, S.Pd., M.Pd.") == ["siti", "marufah"]
    assert name_tokens("Drs. H. Ahmad Sholeh") == ["ahmad", "sholeh"]
    assert name_tokens("Nur Aini, A.Md.Keb") == ["nur", "aini"]
    for short in ("Moh. Ali", "Muh Ali", "M. Ali", "Mochammad Ali", "Muhamad Ali"):
        assert match_key(short) == match_key("Muhammad Ali"), short
    assert match_key("Aminah Siti") == match_key("siti aminah")


@pytest.mark.parametrize("name", ["iPhone", "Samsung A12", "OPPO A5s", "vivo 1904", "Redmi Note 8", "Galaxy A10s",
                                  "Android", "Zoom user", "Siti's iPhone"])
def test_device_names_are_never_matched(desk, name):
    index = roster_index(desk, desk.session.id)
    person = matching.Person([2], name, (name,), 60.0)
    assert matching.decide(person, index).kind == "unmatched"


def test_committee_tokens_pick_the_right_one_of_two_same_named_officers(desk, tmp_path):
    path = tmp_path / "u.csv"
    path.write_text("Name (Original Name),User Email,Total Duration (Minutes),Guest\n"
                    "KPPS 01 Kedungmalang - Siti Aminah,,90,Yes\nTPS 2 Siti Aminah,,80,Yes\n", "utf-8")
    got = named(desk, daring.preview(desk, desk.session.id, [path]))
    assert [(r["row"], r["officer"]) for r in got["matched"]] == [(2, "Siti Aminah@2001/1"),
                                                                  (3, "Siti Aminah@2001/2")]


def test_a_near_name_goes_to_review_unless_clearly_ahead(desk, tmp_path):
    path = tmp_path / "u.csv"
    path.write_text("Name (Original Name),User Email,Total Duration (Minutes),Guest\n"
                    "Lina Marlena,,90,Yes\nSiti,,80,Yes\nAhmad Fauz,,70,Yes\nEko Prasetya Budi,,70,Yes\n", "utf-8")
    got = named(desk, daring.preview(desk, desk.session.id, [path]))
    # One letter off and far ahead of the next officer (Rina Marlina): matched, with its score.
    assert got["matched"] == [{"row": 2, "name": "Lina Marlena", "officer": "Lina Marlina@2002/1", "score": 91.7,
                               "minutes": 90}]
    review = {r["name"]: r["candidates"] for r in got["ambiguous"]}
    assert review["Ahmad Fauz"] == ["Ahmad Fauzan@2002/1", "Ahmad Fauzi@2001/1"]  # both close: never guessed
    assert review["Eko Prasetya Budi"] == ["Eko Prasetyo@2001/2"]  # a word too many: below the automatic bar
    assert [r["name"] for r in got["unmatched"]] == ["Siti"]  # one word shared by three officers


def test_replaced_officers_are_not_matched(desk, tmp_path):
    old = roster.get_officer(desk, desk.ids["Sumarno@2001/2"])
    roster.replace_officer(desk, old.id, roster.Officer(nik="3320014101950099", nama="Sutrisno", jk="L",
                                                        desa=KEDUNGMALANG, tps=2, jabatan="anggota"))
    path = tmp_path / "u.csv"
    path.write_text("Full Name,First Seen,Time in Call\nSumarno,9:00 AM,1 hr\n", "utf-8")
    got = daring.preview(desk, desk.session.id, [path]).as_json()
    assert got["matched"] == []
    assert old.id not in {c for r in got["ambiguous"] for c in r["candidates"]}


# --- applying -----------------------------------------------------------------------------

def test_apply_records_hadir_daring_through_set_status_with_file_hash_and_row(desk):
    p = daring.preview(desk, desk.session.id, [DATA / "zoom_old.csv"], 10)
    done = daring.apply_preview(desk, p, NOW)
    assert sorted(desk.names[o] for o in done.recorded) == ["Ahmad Fauzi@2001/1", "Muhammad Ma'ruf@2001/1",
                                                            "Siti Rohmah@2002/1", "Sumarno@2001/2"]
    rows = attendance(desk)
    assert {r[1:3] for r in rows} == {("hadir_daring", "desk")}  # the desk's own hadir daring path
    first = next(r for r in rows if r[0] == desk.ids["Ahmad Fauzi@2001/1"])
    assert first[3] == "Impor kehadiran daring: Zoom, zoom_old.csv baris 5"
    assert json.loads(first[4]) == {"kind": "daring_report", "file": "zoom_old.csv", "sha256": p.files[0].sha256,
                                    "row": 5, "layout": "zoom"}
    assert daring.describe(first[4]) == f"zoom_old.csv baris 5 (SHA-256 {p.files[0].sha256[:12]}…)"
    # too_short (Budi, 3 minutes) is not recorded; the tally counts the others as present.
    assert desk.ids["Budi Santoso@2001/1"] not in done.recorded
    assert sessions.tally(desk, desk.session.id).by_status["hadir_daring"] == 4


def test_applying_the_same_file_again_changes_nothing(desk):
    p = daring.preview(desk, desk.session.id, [DATA / "zoom_old.csv"])
    daring.apply_preview(desk, p, NOW)
    before = attendance(desk)
    again = daring.apply_preview(desk, daring.preview(desk, desk.session.id, [DATA / "zoom_old.csv"]), NOW)
    assert again.recorded == [] and len(again.already) == len(before)
    assert attendance(desk) == before


def test_an_officer_present_in_person_keeps_that_status(desk):
    ahmad = desk.ids["Ahmad Fauzi@2001/1"]
    checkin.check_in_officer(desk, desk.session.id, ahmad, NOW.replace(hour=8, minute=55), "manual", "kartu lupa")
    done = daring.apply_preview(desk, daring.preview(desk, desk.session.id, [DATA / "zoom_old.csv"]), NOW)
    assert done.in_person == [ahmad]
    assert sessions.officer_mark(desk, desk.session.id, ahmad).status == "hadir"


def test_one_row_may_be_assigned_to_several_officers(desk):
    p = daring.preview(desk, desk.session.id, [DATA / "zoom_old.csv"])
    both = [desk.ids["Siti Aminah@2001/1"], desk.ids["Siti Aminah@2001/2"]]
    done = daring.apply_preview(desk, p, NOW, {(0, 9): both})
    assert set(both) <= set(done.recorded)
    for oid in both:
        event = sessions.officer_mark(desk, desk.session.id, oid).event
        assert event["reason"].endswith("baris 9 (ditetapkan manual)")
    assert {json.loads(r[4])["row"] for r in attendance(desk) if r[0] in both} == {9}


def test_apply_is_all_or_nothing(desk):
    p = daring.preview(desk, desk.session.id, [DATA / "zoom_old.csv"])
    outsider = roster.get_officer(desk, desk.ids["Yusuf Efendi@2002/1"])
    roster.replace_officer(desk, outsider.id, roster.Officer(nik="3320014101950098", nama="Yanto", jk="L",
                                                             desa=outsider.desa, tps=1, jabatan="anggota"))
    with pytest.raises(checkin.CheckinError, match="diganti"):
        daring.apply_preview(desk, p, NOW, {(0, 13): [outsider.id]})
    assert attendance(desk) == []


def test_evidence_travels_through_a_handover_file(tmp_path):
    from helpers.exchange import import_ok, kpu_with_roster, new_install

    kpu = kpu_with_roster(tmp_path)
    pps = new_install(tmp_path / "pps.sqlite", "pps", KEDUNGMALANG)
    import_ok(pps, exchange.export(kpu, tmp_path / "down.kpps", KEDUNGMALANG).path, trust_new=True)
    s = next(s for s in sessions.list_sessions(pps) if s.scope == KEDUNGMALANG)
    names = [o["nama"] for o in sessions.expected_officers(pps, s.id)]
    unique = [n for n in names if names.count(n) == 1 and len(n.split()) > 1][:3]
    report = tmp_path / "zoom.csv"
    report.write_text("Name (Original Name),User Email,Total Duration (Minutes),Guest\n"
                      + "".join(f"{n},,60,Yes\n" for n in unique), "utf-8")
    checkin.check_in_officer(pps, s.id, sessions.expected_officers(pps, s.id)[-1]["id"], NOW, "manual", "lupa")
    done = daring.apply_preview(pps, daring.preview(pps, s.id, [report]), NOW)
    assert len(done.recorded) == 3
    up = exchange.export(pps, tmp_path / "up.kpps")
    with zipfile.ZipFile(up.path) as z:
        lines = [json.loads(x) for x in z.read("records/attendance.jsonl").splitlines()]
    # Lines without evidence keep their old shape (and an origin's signed digest its bytes).
    assert sum("evidence" in x for x in lines) == 3 and len(lines) == 4
    import_ok(kpu, up.path, trust_new=True)
    evidence = [r[0] for r in kpu.conn.execute("SELECT evidence FROM attendance WHERE evidence IS NOT NULL")]
    assert sorted(json.loads(e)["row"] for e in evidence) == [2, 3, 4]
    assert {json.loads(e)["sha256"] for e in evidence} == {daring.read_report(report).sha256}
    kpu.close()
    pps.close()


# --- the command line -----------------------------------------------------------------------

def test_cli_preview_json_is_the_contract_and_writes_nothing(desk, db_path, capsys):
    desk.close()
    code = cli.main(["daring", "import", "--session", desk.session.id, str(DATA / "zoom_old.csv"),
                     "--min-minutes", "10", "--json"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out) == ["matched", "ambiguous", "unmatched", "too_short"]
    assert set(out["matched"][0]) == {"row", "name", "officer", "score", "minutes"}
    assert set(out["ambiguous"][0]) == {"row", "name", "candidates"}
    assert set(out["unmatched"][0]) == {"row", "name", "reason"}
    assert out["too_short"] == [{"row": 12, "name": "Budi Santoso", "officer": desk.ids["Budi Santoso@2001/1"],
                                 "minutes": 3}]
    with dbmod.opened(db_path) as db:
        assert attendance(db) == []


def test_cli_apply_then_again_is_idempotent(desk, db_path, capsys):
    desk.close()
    args = ["daring", "import", "--session", desk.session.id, str(DATA / "meet_old.csv"), str(DATA / "teams.tsv"),
            "--apply"]
    assert cli.main(args) == 0
    captured = capsys.readouterr()
    assert "COCOK\tmeet_old.csv baris 2\tDewi Lestari\tDewi Lestari" in captured.out
    assert "5 petugas dicatat hadir daring" in captured.err
    assert cli.main([*args, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["matched"][0]["file"] == "meet_old.csv"  # several files: each row names its file
    assert out["applied"]["recorded"] == [] and len(out["applied"]["already"]) == 5


def test_cli_refuses_an_unknown_layout_with_exit_1(desk, capsys):
    desk.close()
    code = cli.main(["daring", "import", "--session", desk.session.id, str(DATA / "unknown.csv"), "--apply"])
    assert code == 1
    assert "Kolom yang ditemukan: Nomor, Nama Peserta, Instansi" in capsys.readouterr().err


def test_cli_unknown_session_and_missing_file(desk, capsys, tmp_path):
    desk.close()
    assert cli.main(["daring", "import", "--session", "nope", str(DATA / "zoom_old.csv")]) == 1
    assert "tidak ditemukan" in capsys.readouterr().err
    assert cli.main(["daring", "import", "--session", desk.session.id, str(tmp_path / "x.csv")]) == 1
    assert "x.csv' tidak ditemukan" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        cli.main(["daring", "import", str(DATA / "zoom_old.csv")])
    assert usage.value.code == 2


def test_min_minutes_setting_is_the_default(desk):
    from kpps_desktop.core import settings

    settings.save(desk, "daring_min_minutes", 60)
    got = daring.preview(desk, desk.session.id, [DATA / "zoom_old.csv"]).as_json()
    assert {r["name"] for r in got["too_short"]} == {"Budi Santoso"}
    assert {r["name"] for r in got["matched"]} >= {"Ahmad Fauzi"}  # 36 + 25 = 61 minutes together


def test_core_daring_does_not_import_qt():
    import subprocess
    import sys

    code = "import sys, kpps_desktop.core.daring; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"

