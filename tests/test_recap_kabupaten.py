"""The KPU's recap of a whole kabupaten built through real handover files (tests/kabupaten.py): every desa in
every format, coverage, session kinds and states, head counts, and each planted anomaly, with no false alarm."""

import csv
import json
from collections import Counter

import openpyxl
import pytest
from pypdf import PdfReader

from kpps_desktop import cli
from kpps_desktop.core import db as dbmod
from kpps_desktop.core import recap, sessions, wilayah

from kabupaten import JEPARA, KARIMUNJAWA, build

PRESENT = ("hadir", "terlambat", "hadir_daring")


@pytest.fixture(autouse=True)
def app(qapp):
    """The QApplication pytest-qt makes: the PDF export would otherwise make a bare QGuiApplication,
    which breaks the widget tests run after."""
    return qapp


@pytest.fixture(scope="module")
def kab(tmp_path_factory):
    return build(tmp_path_factory.mktemp("jepara"))


@pytest.fixture
def db(kab):
    db = dbmod.open_db(kab.path)
    yield db
    db.close()


def run_json(capsys, *args) -> dict:
    assert cli.main(["recap", "--db", str(args[0]), *args[1:], "--format", "json", "--out", "-"]) == 0
    return json.loads(capsys.readouterr().out)


def truth_counts(kab, kinds=("pelantikan", "bimtek")) -> Counter:
    c = Counter()
    for (desa, kind, _), status in kab.truth.items():
        if kind in kinds:
            c["expected"] += 1
            c[status or "belum"] += 1
            c["present"] += status in PRESENT
            c["not_held"] += desa == kab.not_held and kind == "bimtek"
    return c


def test_every_desa_has_a_row_in_json_with_coverage(kab, capsys):
    desas = run_json(capsys, kab.path, "--by", "desa")
    assert [r["kode"] for r in desas["rows"]] == kab.desas and len(kab.desas) == 195
    assert desas["coverage"]["reported"] == 187 and desas["coverage"]["total"] == 195
    assert {d["kode"] for d in desas["coverage"]["silent"]} == set(kab.silent)
    for row in desas["rows"]:
        assert row["reported"] is (row["kode"] not in kab.silent) and "expected" in row
        assert all(k in row for k in ("expected", "hadir", "hadir_daring", "terlambat", "izin", "sakit",
                                      "tidak_hadir", "diganti"))
    kec = run_json(capsys, kab.path, "--by", "kecamatan")
    assert [r["kode"] for r in kec["rows"]] == [w.kode for w in wilayah.children(JEPARA)]  # 16, Karimunjawa too
    karimun = next(r for r in kec["rows"] if r["kode"] == KARIMUNJAWA)
    assert karimun["reported"] is False and karimun["rate"] is None and karimun["desa_reported"] == 0
    lost = Counter(d[:8] for d in kab.silent if not d.startswith(KARIMUNJAWA))
    for row in kec["rows"]:
        if row["kode"] in lost:
            assert row["desa_total"] - row["desa_reported"] == 1 and row["reported"] is True
    tps = run_json(capsys, kab.path, "--by", "tps")
    assert {r["desa"] for r in tps["rows"]} == set(kab.desas)
    assert {r["desa"] for r in tps["rows"] if not r["reported"]} == set(kab.silent)


def test_totals_cover_the_desa_that_reported_and_say_so(kab, db):
    truth = truth_counts(kab)
    for by in ("kecamatan", "desa", "tps"):
        r = recap.recap(db, by)
        for key in ("expected", "hadir", "terlambat", "izin", "tidak_hadir", "belum", "present", "not_held"):
            assert r.total[key] == truth[key], (by, key)
        assert r.total["rate"] == round(truth["present"] / (truth["expected"] - truth["not_held"]), 4)
        assert r.coverage["reported"] == 187 and r.coverage["total"] == 195
        assert "187 dari 195 desa/kelurahan melapor" in recap.table(r).subtitle[1]
        assert recap.table(r).subtitle[0] == "Wilayah: Kabupaten Jepara"


def test_every_desa_in_csv_xlsx_and_pdf(kab, tmp_path):
    for by in ("kecamatan", "desa"):
        for fmt in ("csv", "xlsx", "pdf"):
            out = tmp_path / f"{by}.{fmt}"
            assert cli.main(["recap", "--db", str(kab.path), "--by", by, "--format", fmt, "--out", str(out)]) == 0
    with (tmp_path / "desa.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    assert [r[0] for r in rows[1:-1]] == kab.desas
    silent_rows = [r for r in rows[1:-1] if r[0] in kab.silent]
    assert all(r[-1] == "Belum mengirim" for r in silent_rows) and len(silent_rows) == 8
    wb = openpyxl.load_workbook(tmp_path / "desa.xlsx")
    assert wb.sheetnames == ["Rekap", "Belum mengirim", "Anomali", "Tidak hadir"]
    codes = [r[0] for r in wb["Rekap"].iter_rows(min_row=7, values_only=True)]
    assert codes[:-1] == kab.desas and codes[-1] == "Jumlah"
    assert [r[0] for r in wb["Belum mengirim"].iter_rows(min_row=6, values_only=True)] == kab.silent
    assert wb["Anomali"].max_row > 4 and wb["Tidak hadir"].max_row > 100
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "kecamatan.pdf").pages)
    assert all(w.nama in text for w in wilayah.children(JEPARA)) and "Belum mengirim" in text
    assert "Wilayah: Kabupaten Jepara" in text and "187 dari 195" in text and "Seluruh wilayah" not in text
    desa_text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "desa.pdf").pages)
    assert all(wilayah.name(d) in desa_text for d in kab.desas)
    # Charts: every kecamatan (table and chart: twice each), and of 195 desa the lowest, said so.
    assert all(text.count(w.nama) >= 2 for w in wilayah.children(JEPARA) if w.nama != "Jepara")
    assert "Karimunjawa (belum mengirim)" in text
    assert "terendah dari 195 ditampilkan" in desa_text


def test_kind_filter_and_session_states(kab, db, capsys):
    data = run_json(capsys, kab.path, "--by", "kecamatan", "--kind", "bimtek")
    truth = truth_counts(kab, ("bimtek",))
    for key in ("expected", "hadir", "terlambat", "izin", "tidak_hadir", "belum", "present", "not_held"):
        assert data["total"][key] == truth[key], key
    assert {s["kind"] for s in data["sessions"]} == {"bimtek"} and len(data["sessions"]) == 187
    states = Counter(s["state"] for s in data["sessions"])
    assert states == {recap.CLOSED: 185, recap.NOT_HELD: 1, recap.UNCLOSED: 1}
    assert data["coverage"]["sessions"]["belum_dilaksanakan"] == 1
    by_kec = {r["kode"]: r for r in data["rows"]}
    assert by_kec[kab.not_held[:8]]["sessions_not_held"] == 1 and by_kec[kab.unclosed[:8]]["sessions_unclosed"] == 1
    desa = {r["kode"]: r for r in recap.recap(db, "desa", kinds=["bimtek"]).rows}
    never = desa[kab.not_held]
    assert never["rate"] is None and never["not_held"] == never["expected"] > 0  # not a 0 % in red
    assert "belum dilaksanakan" in recap.remark(never)
    assert recap.recap(db, "desa", kinds=["pelantikan"]).total["not_held"] == 0
    with pytest.raises(SystemExit) as usage:  # argparse: an unknown kind is a usage error
        cli.main(["recap", "--db", str(kab.path), "--kind", "rapat", "--format", "json", "--out", "-"])
    assert usage.value.code == 2 and "rapat" in capsys.readouterr().err
    with pytest.raises(recap.RecapError, match="Jenis sesi 'rapat' tidak dikenal"):
        recap.recap(db, "desa", kinds=["rapat"])


def test_head_counts_of_people(kab, db, capsys):
    per = {}
    for (desa, kind, oid), status in kab.truth.items():
        if desa == kab.not_held and kind == "bimtek":
            continue  # a session never held is not required
        req, att = per.get(oid, (0, 0))
        per[oid] = (req + 1, att + (status in PRESENT))
    want = Counter()
    for req, att in per.values():
        want["people"] += 1
        want["people_all"] += att == req
        want["people_some"] += 0 < att < req
        want["people_none"] += att == 0
    data = run_json(capsys, kab.path, "--by", "kecamatan", "--people")
    assert {k: data["total"][k] for k in want} == dict(want)
    assert want["people"] == sum(len(v) for d, v in kab.officers.items())
    assert data["total"]["people"] < data["total"]["expected"]  # people, not pairs
    tps = recap.recap(db, "tps", people=True)
    assert sum(r["people"] for r in tps.rows) == want["people"]


def test_each_planted_anomaly_is_found_and_no_false_alarm(kab, capsys):
    assert cli.main(["anomalies", "--db", str(kab.path), "--json"]) == 0
    flags = json.loads(capsys.readouterr().out)
    by_desa = {(f["kind"], f["desa"]) for f in flags}
    assert ("burst", kab.burst) in by_desa
    assert ("paper_same_time", kab.paper) in by_desa
    assert ("clock", kab.clock) in by_desa
    assert {f["desa"] for f in flags} == {kab.burst, kab.paper, kab.clock}  # the other 184 queues raise nothing
    burst = next(f for f in flags if f["kind"] == "burst")
    assert len(burst["events"]) == 50 and burst["kecamatan_nama"] == wilayah.name(kab.burst[:8])
    assert burst["device_id"] == kab.device[kab.burst] and wilayah.name(kab.burst) in burst["device"]
    assert "Pelantikan" in burst["session_title"]
    assert cli.main(["anomalies", "--db", str(kab.path)]) == 0
    text = capsys.readouterr().out
    assert wilayah.name(kab.paper) in text and "Jam di daftar hadir kertas sama" in text


def test_absentees_agree_with_the_table(kab, db):
    for kinds in ((), ("bimtek",)):
        r = recap.recap(db, "desa", kinds=kinds)
        gone = recap.absentees(db, kinds=kinds)
        assert len(gone) == sum(r.total[k] for k in ("tidak_hadir", "izin", "sakit", "belum")) - r.total["not_held"]
        assert {a["status"] for a in gone} <= {None, "tidak_hadir", "izin", "sakit"}
        assert all(a["session_kind"] in (kinds or sessions.KINDS) for a in gone)
