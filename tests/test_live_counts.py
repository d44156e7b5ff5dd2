"""core.live_counts: the desk's counts for every status, per session and per TPS, kept by updates."""

from helpers.sessions import KEDUNGMALANG, at, new_session

from kpps_desktop.core import checkin, sessions
from kpps_desktop.core.live_counts import COUNTED, LiveCounts


def test_every_status_is_counted_and_updates_match_a_fresh_load(ppk_db):
    s = new_session(ppk_db)
    o = ppk_db.officers[KEDUNGMALANG]
    counts = LiveCounts.load(ppk_db, s.id)
    assert counts.expected == 14 and counts.total["belum"] == 14 and counts.present == 0
    assert len(counts.tps_keys()) == 2
    done = [
        checkin.check_in_officer(ppk_db, s.id, o[0].id, at("07:50"), "manual", "Kartu tertinggal"),
        checkin.check_in_officer(ppk_db, s.id, o[1].id, at("08:40"), "manual", "Kartu tertinggal"),
        checkin.set_status(ppk_db, s.id, o[2].id, "hadir_daring", "Tugas di luar kota", at("08:00")),
        checkin.set_status(ppk_db, s.id, o[3].id, "izin", "Keperluan keluarga", at("08:00")),
        checkin.set_status(ppk_db, s.id, o[7].id, "sakit", None, at("08:00")),
    ]
    for r in done:
        mark = sessions.officer_mark(ppk_db, s.id, r.officer["id"])
        counts.update(r.officer["id"], mark.status)
    expected_total = {"hadir": 1, "terlambat": 1, "hadir_daring": 1, "izin": 1, "sakit": 1,
                      "tidak_hadir": 0, "belum": 9}
    assert counts.total == expected_total
    assert counts.present == 3
    first, second = sorted(counts.tps_keys(), key=lambda k: k[1])
    assert counts.by_tps[first]["izin"] == 1 and counts.by_tps[first]["belum"] == 3
    assert counts.by_tps[second]["sakit"] == 1 and counts.tps_expected(second) == 7
    assert counts.tps_present(first) == 3 and counts.tps_present(second) == 0
    fresh = LiveCounts.load(ppk_db, s.id)
    assert fresh.total == counts.total and fresh.by_tps == counts.by_tps
    assert sum(counts.total[k] for k in COUNTED) == counts.expected


def test_undo_moves_an_officer_back_to_belum(ppk_db):
    s = new_session(ppk_db)
    o = ppk_db.officers[KEDUNGMALANG][0]
    counts = LiveCounts.load(ppk_db, s.id)
    key = counts.update(o.id, "hadir")
    assert key == (KEDUNGMALANG, 1) and counts.total["hadir"] == 1 and counts.total["belum"] == 13
    assert counts.update(o.id, "hadir") is None  # no change, nothing to repaint
    assert counts.update(o.id, None) == key and counts.total["belum"] == 14
    assert counts.update("not-expected", "hadir") is None
