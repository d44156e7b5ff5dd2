"""Property (issue #12): no sequence of validly signed files from a desa's key changes anything
outside that desa at its PPK, and after any sequence of imports every command still runs."""

import datetime as dt
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from helpers.exchange import D1, D2, KEDUNG, at, new_install
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_exchange_authority import forge

from kpps_desktop import cli
from kpps_desktop.core import cards, checkin, demo, exchange, installation, sessions
from kpps_desktop.core import db as dbmod
from kpps_desktop.core.exchange import provisioning
from kpps_desktop.render import forms

UTC = dt.timezone.utc


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    """Closed database files: PPK Kedung (set up by the KPU, holding desa 1 and 2) and PPS desa 1,
    set up by the PPK and already known there by its berita acara code."""
    tmp = tmp_path_factory.mktemp("authority")
    kpu = new_install(tmp / "kpu.sqlite", "kpu", "33.20")
    demo.generate(kpu, D1)
    demo.generate(kpu, D2)
    ppk = dbmod.open_db(tmp / "ppk.sqlite")
    provisioning.apply(ppk, provisioning.make(kpu, tmp / "s1.kpps", KEDUNG).path)
    sessions.create_session(ppk, "bimtek", "Bimtek Kecamatan", "2024-11-09", "08:00", scope_kind="kecamatan",
                            scope=KEDUNG)
    pps = dbmod.open_db(tmp / "pps.sqlite")
    provisioning.apply(pps, provisioning.make(ppk, tmp / "s2.kpps", D1).path)
    up = exchange.export(pps, tmp / "up.kpps")
    assert exchange.import_file(ppk, up.path, code=up.fingerprint).status == "imported"
    for db in (kpu, ppk, pps):
        db.close()
    return tmp


def rows(db, table):
    cur = db.conn.execute(f"SELECT * FROM {table}")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur]


def outside(db) -> dict:
    """Everything at the PPK that lies outside desa 1: what the desa's key must never change."""
    desa = {o["id"]: o["desa"] for o in rows(db, "officers")}
    out = lambda d: d != D1  # noqa: E731
    return {
        "officers": sorted(json.dumps(o) for o in rows(db, "officers") if out(o["desa"])),
        "sessions": sorted(json.dumps(s) for s in rows(db, "sessions") if s["scope"] != D1),
        "cards": sorted(json.dumps(c) for c in rows(db, "cards") if out(desa.get(c["officer_id"]))),
        "attendance": sorted(json.dumps(a) for a in rows(db, "attendance")
                             if a["officer_id"] and out(desa.get(a["officer_id"]))),
        "trusted": sorted(json.dumps([t["device_id"], t["role"], t["wilayah"], t["basis"]])
                          for t in rows(db, "trusted_devices")),
    }


STAMPS = st.sampled_from(["2024-11-08T09:00:00+07:00", "now", "now+20h", "now+3d", "9999-12-31T00:00:00+00:00",
                          "2024-11-08T09:00:00", "2024-11-08", "2019-01-01T00:00:00+00:00"])
OPS = st.lists(st.tuples(st.sampled_from(["officer", "session", "card", "attend", "revoke"]),
                         st.sampled_from([D1, D2]), st.integers(0, 30), STAMPS, st.text("ABCDEFGH ", min_size=1,
                                                                                        max_size=12)),
               min_size=1, max_size=6)
FILES = st.lists(st.tuples(OPS, st.sampled_from([D1, KEDUNG]), st.sampled_from(["pps", "ppk", "kpu"])),
                 min_size=1, max_size=4)


def _stamp(kind: str) -> str:
    now = dt.datetime.now(UTC).replace(microsecond=0)
    return {"now": now.isoformat(), "now+20h": (now + dt.timedelta(hours=20)).isoformat(),
            "now+3d": (now + dt.timedelta(days=3)).isoformat()}.get(kind, kind)


def build_file(ppk, pps, ops, scope, role, seq_start):
    """Records an attacker with the desa's key would write, from the PPK's own data as a start."""
    officers = {d: [o for o in rows(ppk, "officers") if o["desa"] == d] for d in (D1, D2)}
    all_sessions = rows(ppk, "sessions")
    device = installation.require(pps).device_id
    records = {t: [] for t in exchange.TABLES}
    for n, (kind, desa, i, stamp, text) in enumerate(ops):
        o = officers[desa][i % len(officers[desa])]
        s = all_sessions[i % len(all_sessions)]
        if kind == "officer":
            records["officers"].append({**{c: o[c] for c in exchange.COLUMNS["officers"]},
                                        "nama": text.strip() or "X", "updated_at": _stamp(stamp)})
        elif kind == "session":
            records["sessions"].append({**{c: s[c] for c in exchange.COLUMNS["sessions"]}, "title": text,
                                        "closed_at": _stamp(stamp), "updated_at": _stamp(stamp)})
        elif kind == "card":
            records["cards"].append({"code": cards.new_code(), "officer_id": o["id"], "issued_at": _stamp(stamp),
                                     "device_id": device, "revoked_at": None})
        elif kind == "revoke":
            code = next((c["code"] for c in rows(ppk, "cards") if c["officer_id"] == o["id"]), cards.new_code())
            records["card_revocations"].append({"id": f"{n:02d}" + "e" * 30, "code": code, "officer_id": o["id"],
                                                "reason": "hilang", "at": _stamp(stamp), "device_id": device})
        else:
            records["attendance"].append({
                "id": f"{seq_start + n:032x}", "session_id": s["id"], "officer_id": o["id"], "status": "hadir",
                "reason": None, "at": _stamp(stamp), "device_id": device, "seq": seq_start + n, "method": "manual",
                "corrects": None, "created_at": _stamp(stamp)})
    records["attendance"].sort(key=lambda a: a["seq"])
    kw = {} if role == "pps" else {"role": role, "wilayah": KEDUNG if role == "ppk" else "33.20"}
    return forge(pps, records, scope=scope, **kw)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(files=FILES)
def test_a_desa_key_never_changes_anything_outside_its_desa_and_every_command_still_runs(templates, qapp, files):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for name in ("ppk.sqlite", "pps.sqlite"):
            shutil.copy(templates / name, tmp / name)
        ppk, pps = dbmod.open_db(tmp / "ppk.sqlite"), dbmod.open_db(tmp / "pps.sqlite")
        try:
            before = outside(ppk)
            for i, (ops, scope, role) in enumerate(files):
                path = tmp / f"f{i}.kpps"
                path.write_bytes(build_file(ppk, pps, ops, scope, role, 10_000 + 100 * i))
                report = exchange.import_file(ppk, path, trust_new=True)
                assert report.status in ("imported", "refused"), report.summary()
                assert outside(ppk) == before, report.summary()
            # Every command still runs on whatever was imported.
            for s in sessions.list_sessions(ppk):
                expected = sessions.expected_officers(ppk, s.id)
                if expected and not s.closed_at:
                    checkin.check_in_officer(ppk, s.id, expected[0]["id"], at("08:05", s.date), "manual", "x")
                    sessions.close_session(ppk, s.id, at("12:00", s.date))
                forms.daftar_hadir_pdf(ppk, s.id, tmp / "dh.pdf")
            exchange.handover_status(ppk)
        finally:
            ppk.close()
            pps.close()
        for fmt in ("pdf", "xlsx", "csv", "json"):
            assert cli.main(["recap", "--db", str(tmp / "ppk.sqlite"), "--format", fmt,
                             "--out", str(tmp / f"r.{fmt}")]) == 0
