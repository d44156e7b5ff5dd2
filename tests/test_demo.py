"""Demo data generator: Jepara totals, officer rules, NIKs, determinism, sub-regions, scope errors."""

import collections
import datetime as dt
import re
import sqlite3

import pytest

from kpps_desktop.core import db as dbmod
from kpps_desktop.core import demo, installation, nik, roster, wilayah
from kpps_desktop.core.progress import Canceled, Progress

KEDUNGMALANG = "33.20.01.2001"


def _generate(path, kode=None, seed=0):
    database = dbmod.open_db(path)
    try:
        return demo.generate(database, kode, seed=seed)
    finally:
        database.close()


def _people(path, within=None):
    with dbmod.opened(path) as database:
        return roster.list_officers(database, within=within)


def _tables(path):
    """Every officer and session row, for before/after comparisons."""
    conn = sqlite3.connect(path)
    try:
        return (conn.execute("SELECT * FROM officers ORDER BY nik").fetchall(),
                conn.execute("SELECT * FROM sessions ORDER BY id").fetchall())
    finally:
        conn.close()


@pytest.fixture(scope="module")
def jepara(tmp_path_factory):
    """One Jepara generation (seed 0) shared by the module: (path, result, officer rows)."""
    path = tmp_path_factory.mktemp("demo") / "jepara.sqlite"
    result = _generate(path)
    return path, result, _people(path)


def test_jepara_totals(jepara):
    path, result, rows = jepara
    assert (result.kode, result.officers, result.tps, result.desa, result.sessions, result.added) == (
        "33.20", 12201, 1743, 195, 390, 12201)
    assert str(result).startswith("12.201 petugas, 1.743 TPS, 195 desa, 390 sesi")
    assert len(rows) == 12201
    assert len({(r["desa"], r["tps"]) for r in rows}) == 1743
    desas = {r["desa"] for r in rows}
    assert desas == {w.kode for w in wilayah.descendants("33.20", "desa")}
    assert {d[:8] for d in desas} == {k.kode for k in wilayah.children("33.20")}
    assert all(r["is_demo"] == 1 and r["status"] == "aktif" for r in rows)
    with dbmod.opened(path) as database:
        inst = installation.get(database)
        assert (inst.role, inst.wilayah, inst.is_demo) == ("kpu", "33.20", True)
        assert dbmod.get_meta(database, "demo") == "1"
        kinds = database.conn.execute(
            "SELECT kind, count(*), count(DISTINCT scope), min(is_demo) FROM sessions GROUP BY kind"
        ).fetchall()
    assert sorted(kinds) == [("bimtek", 195, 195, 1), ("pelantikan", 195, 195, 1)]


def test_tps_spread_over_desa_with_three_special_locations(jepara):
    _, _, rows = jepara
    per_desa = collections.Counter()
    labels = {}
    for r in rows:
        labels.setdefault((r["desa"], r["tps"]), set()).add(r["tps_label"])
    for desa, _tps in labels:
        per_desa[desa] += 1
    assert min(per_desa.values()) >= 2
    assert max(per_desa.values()) < 40  # no desa swallowing the kabupaten
    # TPS numbers run 1..n in every desa.
    for desa, n in per_desa.items():
        assert {tps for d, tps in labels if d == desa} == set(range(1, n + 1))
    assert all(len(v) == 1 for v in labels.values()), "one label per TPS"
    special = {key: v.pop() for key, v in labels.items() if v != {None}}
    assert sorted(special.values()) == ["Pesantren", "Pesantren", "Rutan"]
    rutan = next(key for key, label in special.items() if label == "Rutan")
    assert wilayah.is_within(rutan[0], "33.20.06")  # Rutan Jepara: kecamatan Jepara
    assert len({d for d, _ in special}) == 3


def test_tps_plan_is_the_whole_kabupaten_and_deterministic():
    plan = demo.tps_plan("33.20", seed=0)
    assert sum(len(v) for v in plan.values()) == 1743
    assert len(plan) == 195 and min(len(v) for v in plan.values()) >= 2
    assert demo.tps_plan("33.20", seed=0) == plan
    assert demo.tps_plan("33.20", seed=1) != plan


def test_every_tps_has_one_ketua_six_anggota_and_two_women(jepara):
    _, _, rows = jepara
    by_tps = collections.defaultdict(list)
    for r in rows:
        by_tps[(r["desa"], r["tps"])].append(r)
    for key, people in by_tps.items():
        assert sorted(p["jabatan"] for p in people) == ["anggota"] * 6 + ["ketua"], key
        assert sum(p["jk"] == "P" for p in people) >= 2, key
    women = sum(r["jk"] == "P" for r in rows) / len(rows)
    assert 0.35 <= women <= 0.45
    ketua_women = sum(r["jk"] == "P" for r in rows if r["jabatan"] == "ketua")
    assert 0 < ketua_women < 1743


def test_niks_valid_consistent_and_unique(jepara):
    _, _, rows = jepara
    day = demo.SESSION_DAY
    assert len({r["nik"] for r in rows}) == len(rows)
    regions = collections.Counter()
    for r in rows:
        born = dt.date.fromisoformat(r["tanggal_lahir"])
        checked = nik.check(r["nik"], r["jk"], born, today=day)
        assert checked.ok and not checked.warnings, (r["nik"], checked)
        assert (checked.jk, checked.tanggal_lahir) == (r["jk"], born)
        age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
        assert 17 <= age <= 60, r
        regions[r["nik"][:4]] += 1
        if r["nik"].startswith("3320"):
            assert wilayah.get(f"33.20.{r['nik'][4:6]}") is not None
    assert set(regions) == {"3320", "3319", "3318"}
    assert regions["3320"] > 0.9 * len(rows)
    own_kec = sum(r["nik"][:6] == r["desa"][:8].replace(".", "") for r in rows)
    assert own_kec > 0.8 * len(rows)


def test_rows_are_plausible_and_pass_roster_validation(jepara):
    _, _, rows = jepara
    names = wilayah.name
    for r in rows:
        officer = roster.Officer.from_row(r)
        v = roster.validate(officer, today=demo.SESSION_DAY)
        assert v.ok and not v.warnings, (r, v.errors, v.warnings)
        assert re.fullmatch(r"08\d{10,11}", r["telepon"]), r["telepon"]
        assert re.fullmatch(rf"RT 0\d\d RW 0\d\d, {re.escape(names(r['desa']))}", r["alamat"]), r["alamat"]
        assert 1 <= len(r["nama"].split()) <= 3
    places = collections.Counter(r["tempat_lahir"] for r in rows)
    assert places.most_common(1)[0][0] == "Jepara" and places["Jepara"] > 0.7 * len(rows)
    assert {"Kudus", "Pati", "Demak", "Semarang"} <= set(places)
    full = {r["nama"] for r in rows}
    assert len(full) > 4000  # varied names, not a handful repeated
    assert any(n.startswith("Muhammad ") for n in full) and any(n.startswith("Nur ") for n in full)
    first_names = {r["nama"].split()[0] for r in rows}
    assert {"Siti", "Sri", "Budi", "Slamet"} <= first_names


def test_sessions_per_desa(jepara):
    path, _, _ = jepara
    with dbmod.opened(path) as database:
        got = {s["kind"]: s for s in database.query(
            "SELECT * FROM sessions WHERE scope = ?", [KEDUNGMALANG])}
        kelurahan = [s["title"] for s in database.query(
            "SELECT title FROM sessions WHERE scope = '33.20.06.1001' ORDER BY kind")]
    pel, bim = got["pelantikan"], got["bimtek"]
    assert (pel["title"], pel["date"], pel["start_time"], pel["end_time"], pel["venue"],
            pel["scope_kind"]) == ("Pelantikan KPPS Desa Kedungmalang", "2024-11-07", "08:00", "10:00",
                                   "Balai Desa Kedungmalang", "desa")
    assert (bim["title"], bim["start_time"], bim["end_time"], bim["venue"]) == (
        "Bimbingan Teknis KPPS Desa Kedungmalang", "10:00", "15:00", "Balai Desa Kedungmalang")
    assert all(len(s["id"]) == 32 for s in (pel, bim))
    assert kelurahan == ["Bimbingan Teknis KPPS Kelurahan Karangkebagusan",
                         "Pelantikan KPPS Kelurahan Karangkebagusan"]


def _key(rows):
    return [(r["nik"], r["nama"], r["desa"], r["tps"]) for r in rows]


def test_same_seed_same_data_other_seed_other_data(jepara, tmp_path):
    path, _, rows = jepara
    _generate(tmp_path / "again.sqlite", seed=0)
    again = _people(tmp_path / "again.sqlite")
    assert _key(again) == _key(rows)
    assert [r["id"] for r in again] == [r["id"] for r in rows]
    _generate(tmp_path / "other.sqlite", seed=1)
    other = _people(tmp_path / "other.sqlite")
    assert len(other) == 12201
    assert _key(other) != _key(rows)
    assert not {r["nik"] for r in other} >= {r["nik"] for r in rows}


@pytest.mark.parametrize("kode, role", [(KEDUNGMALANG, "pps"), ("33.20.06", "ppk")])
def test_sub_region_matches_kabupaten_part(jepara, tmp_path, kode, role):
    _, full_result, full_rows = jepara
    path = tmp_path / "part.sqlite"
    result = _generate(path, kode)
    part = [r for r in full_rows if wilayah.is_within(r["desa"], kode)]
    rows = _people(path)
    assert _key(rows) == _key(part)
    assert [r["id"] for r in rows] == [r["id"] for r in part]
    n_desa = len({r["desa"] for r in part})
    assert (result.kode, result.officers, result.tps, result.desa, result.sessions) == (
        kode, len(part), len({(r["desa"], r["tps"]) for r in part}), n_desa, 2 * n_desa)
    with dbmod.opened(path) as database:
        inst = installation.get(database)
        assert (inst.role, inst.wilayah, inst.is_demo) == (role, kode, True)
        assert database.conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 2 * n_desa
    if kode == "33.20.06":
        assert "Rutan" in {r["tps_label"] for r in rows}


def test_rerun_adds_nothing(jepara):
    path, _, _ = jepara
    before = _tables(path)
    result = _generate(path)
    assert (result.officers, result.sessions, result.added) == (12201, 390, 0)
    assert _tables(path) == before


def test_initialised_installation_fills_its_own_scope(pps_db):
    assert installation.get(pps_db).is_demo is False
    result = demo.generate(pps_db)
    assert (result.kode, result.desa, result.sessions) == (KEDUNGMALANG, 1, 2)
    assert result.officers == 7 * result.tps == result.added
    assert dbmod.get_meta(pps_db, "demo") == "1"
    assert installation.get(pps_db).role == "pps"
    assert demo.generate(pps_db, "3320012001").added == 0  # the same desa, written without dots


@pytest.mark.parametrize("kode, words", [
    ("33.20.02", "di luar wilayah instalasi"),
    ("33.20", "di luar wilayah instalasi"),
    ("33.20.01.2002", "di luar wilayah instalasi"),
    ("99.99", "tidak dikenal"),
    ("33", "Provinsi"),
])
def test_out_of_scope_or_bad_code_is_refused_and_changes_nothing(pps_db, kode, words):
    with pytest.raises(demo.DemoError, match=words) as caught:
        demo.generate(pps_db, kode)
    assert isinstance(caught.value, ValueError)
    assert pps_db.conn.execute("SELECT count(*) FROM officers").fetchone()[0] == 0
    assert pps_db.conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 0
    assert dbmod.get_meta(pps_db, "demo") is None


@pytest.mark.parametrize("kode", ["99.99", "33"])
def test_bad_code_on_new_database_initialises_nothing(db, kode):
    with pytest.raises(demo.DemoError):
        demo.generate(db, kode)
    assert installation.get(db) is None
    assert dbmod.get_meta(db, "demo") is None


def test_cancel_leaves_nothing(db):
    def cancel_after_three(p):
        if p.done == 3:
            p.cancel()

    progress = Progress(on_change=cancel_after_three)
    with pytest.raises(Canceled):
        demo.generate(db, "33.20.01", progress=progress)
    assert (progress.done, progress.total) == (3, 18)
    assert installation.get(db) is None
    assert db.conn.execute("SELECT count(*) FROM officers").fetchone()[0] == 0
    assert db.conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 0


def test_progress_ticks_per_desa(db):
    progress = Progress()
    result = demo.generate(db, "33.20.10", progress=progress)  # Karimunjawa, 4 desa
    assert progress.done == progress.total == result.desa == 4


def test_real_officer_with_same_nik_is_left_alone(jepara, pps_db):
    _, _, full_rows = jepara
    first = next(r for r in full_rows if r["desa"] == KEDUNGMALANG)
    real = roster.add_officer(pps_db, roster.Officer(
        nik=first["nik"], nama="Petugas Asli", jk=first["jk"], desa=KEDUNGMALANG, tps=1,
        jabatan="ketua", tanggal_lahir=first["tanggal_lahir"]))
    result = demo.generate(pps_db)
    assert result.added == result.officers - 1
    kept = roster.get_officer(pps_db, real.id)
    assert (kept.nama, kept.is_demo) == ("Petugas Asli", False)


def test_other_kabupaten_gets_plausible_demo(db):
    result = demo.generate(db, "33.19.01")  # kecamatan Kaliwungu, Kabupaten Kudus
    rows = roster.list_officers(db)
    assert installation.get(db).role == "ppk"
    assert result.officers == len(rows) == 7 * result.tps
    assert result.tps >= 2 * result.desa
    assert sum(r["nik"].startswith("331901") for r in rows) > 0.8 * len(rows)
    assert collections.Counter(r["tempat_lahir"] for r in rows).most_common(1)[0][0] == "Kudus"
