"""End to end with separate database files: KPU -> two desa (one with two desks) -> PPK -> KPU."""

import itertools

from helpers.exchange import (D1, D2, KEDUNG, at, dump, export, import_ok, kpu_with_roster, new_install,
                           recap)

from kpps_desktop.core import checkin, exchange, sessions


def test_kpu_to_desa_to_ppk_in_any_order_and_back_up_to_kpu(tmp_path):
    kpu = kpu_with_roster(tmp_path)
    roster1 = export(kpu, tmp_path / "down-d1.kpps", D1)
    roster2 = export(kpu, tmp_path / "down-d2.kpps", D2)
    assert roster1.counts["officers"] > 0 and roster1.counts["sessions"] == 2

    # Desa 1 runs two desks (two laptops, two databases); desa 2 one desk.
    desk_a = new_install(tmp_path / "d1-a.sqlite", "pps", D1)
    desk_b = new_install(tmp_path / "d1-b.sqlite", "pps", D1)
    desk_c = new_install(tmp_path / "d2.sqlite", "pps", D2)
    for desk, file in ((desk_a, roster1), (desk_b, roster1), (desk_c, roster2)):
        import_ok(desk, file.path, trust_new=True)
        assert exchange.canonical_dump(desk).count("officers\t") == file.counts["officers"]

    def session_of(db, kind):
        return next(s for s in sessions.list_sessions(db) if s.kind == kind)

    pel1, bim1 = session_of(desk_a, "pelantikan"), session_of(desk_a, "bimtek")
    d1 = [o["id"] for o in sessions.expected_officers(desk_a, pel1.id)]
    both = d1[0]  # checked in at both desks: counts once, at the earlier time
    checkin.check_in_officer(desk_b, pel1.id, both, at("07:58"), "manual", "kartu tertinggal")
    checkin.check_in_officer(desk_a, pel1.id, both, at("07:51"), "manual", "kartu tertinggal")
    for i, oid in enumerate(d1[1:20]):
        desk = desk_a if i % 2 else desk_b
        checkin.check_in_officer(desk, pel1.id, oid, at(f"07:{30 + i}"), "manual", "kartu tertinggal")
    checkin.set_status(desk_a, pel1.id, d1[20], "izin", "sakit keluarga", at("07:40"))
    late = checkin.check_in_officer(desk_b, bim1.id, d1[1], at("10:40"), "manual", "kartu tertinggal")
    assert late.status == "terlambat"
    pel2 = session_of(desk_c, "pelantikan")
    d2 = [o["id"] for o in sessions.expected_officers(desk_c, pel2.id)]
    for i, oid in enumerate(d2[:10]):
        checkin.check_in_officer(desk_c, pel2.id, oid, at(f"07:{10 + i}"), "manual", "kartu tertinggal")
    sessions.close_session(desk_c, pel2.id, at("11:00"))

    files = [export(d, tmp_path / f"up-{n}.kpps").path for n, d in (("a", desk_a), ("b", desk_b), ("c", desk_c))]

    # The PPK imports them in every order, each file twice: always the same database.
    dumps, recaps = set(), []
    for n, order in enumerate(itertools.permutations(files)):
        ppk = new_install(tmp_path / f"ppk-{n}.sqlite", "ppk", KEDUNG)
        for path in order + order:
            report = exchange.import_file(ppk, path, trust_new=True)
            assert report.ok, report.reason
        dumps.add(dump(ppk))
        recaps.append(recap(ppk))
        if n:
            ppk.close()
        else:
            first = ppk
    assert len(dumps) == 1 and all(r == recaps[0] for r in recaps)
    ppk = first
    mark = sessions.current_status(ppk, pel1.id)[both]
    assert mark.status == "hadir" and mark.at.startswith("2024-11-07T07:51")
    assert ppk.conn.execute("SELECT count(*) FROM attendance WHERE session_id = ? AND officer_id = ?",
                            (pel1.id, both)).fetchone()[0] == 2  # both events kept
    assert sum(m.status == "tidak_hadir" for m in sessions.current_status(ppk, pel2.id).values()) == len(d2) - 10
    status = exchange.handover_status(ppk)
    assert set(status.reported) == {D1, D2} and D1 not in status.never_reported
    assert len(status.never_reported) == status.desa_total - 2 and status.gaps == [] and status.clocks == []

    # The PPK sends its kecamatan up; the KPU gets the same attendance and the same recap.
    up = export(ppk, tmp_path / "ppk-up.kpps")
    assert up.counts["attendance"] == ppk.conn.execute("SELECT count(*) FROM attendance").fetchone()[0]
    report = import_ok(kpu, up.path, trust_new=True)
    assert report.counts["attendance"].new == up.counts["attendance"]
    at_kpu, at_ppk = recap(kpu), recap(ppk)
    assert {sid: at_kpu[sid] for sid in at_ppk} == at_ppk and len(at_ppk) == 4
    att = [line for line in dump(kpu).splitlines() if line.startswith("attendance")]
    assert att == [line for line in dump(ppk).splitlines() if line.startswith("attendance")]
    # Each record keeps its original device, and the desks' own signed manifests rode along.
    devices = {r[0] for r in kpu.conn.execute("SELECT DISTINCT device_id FROM attendance")}
    assert devices == {desk_a.device, desk_b.device, desk_c.device}
    vouched = dict(kpu.conn.execute("SELECT device_id, vouched_by FROM trusted_devices"))
    assert vouched[desk_a.device] == ppk.device and vouched[ppk.device] is None
    origins = {r[0] for r in kpu.conn.execute("SELECT device_id FROM signed_manifests")}
    assert {desk_a.device, desk_b.device, desk_c.device, ppk.device} <= origins
    # Importing the desks' own files at the KPU too changes nothing any more.
    before = dump(kpu)
    for path in files:
        assert exchange.import_file(kpu, path, trust_new=True).ok
    assert dump(kpu) == before
