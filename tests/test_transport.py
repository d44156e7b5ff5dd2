"""Transport payee list: who is entitled under the settings' rules, amounts, totals in words."""

import datetime as dt

import pytest

from kpps_desktop.core import checkin, demo, roster, sessions, transport
from kpps_desktop.core import db as dbmod

WIB = dt.timezone(dt.timedelta(hours=7))
DESA = "33.20.01.2001"


def at(hhmm):
    return dt.datetime.combine(demo.SESSION_DAY, dt.time.fromisoformat(hhmm), tzinfo=WIB)


@pytest.fixture
def desa(db):
    """Kedungmalang's demo: pelantikan 08:00 and bimtek 10:00; a simulasi too. Known attendance."""
    demo.generate(db, DESA)
    s = {x.kind: x for x in sessions.list_sessions(db)}
    s["simulasi"] = sessions.create_session(db, "simulasi", "Simulasi", demo.SESSION_DAY, "13:00", "15:00")
    o = sessions.expected_officers(db, s["pelantikan"].id)
    checkin.check_in_officer(db, s["pelantikan"].id, o[0]["id"], at("07:50"), "scanner")  # hadir
    checkin.check_in_officer(db, s["pelantikan"].id, o[1]["id"], at("08:40"), "scanner")  # terlambat
    checkin.set_status(db, s["pelantikan"].id, o[2]["id"], "hadir_daring", "tes CPNS", at("08:00"))
    checkin.set_status(db, s["pelantikan"].id, o[3]["id"], "izin", "sakit keluarga", at("08:00"))
    checkin.check_in_officer(db, s["bimtek"].id, o[0]["id"], at("09:55"), "scanner")
    checkin.check_in_officer(db, s["bimtek"].id, o[4]["id"], at("09:58"), "scanner")
    wrong = checkin.check_in_officer(db, s["bimtek"].id, o[5]["id"], at("09:59"), "scanner")
    checkin.undo(db, wrong.event_id, "salah pindai", at("10:05"))
    checkin.check_in_officer(db, s["simulasi"].id, o[0]["id"], at("12:55"), "scanner")
    sessions.close_session(db, s["pelantikan"].id, at("16:00"))
    db.s, db.o = s, o
    return db


def names(p):
    return {r["nama"]: (r["activities"], r["amount"]) for r in p.rows}


def test_default_rules_pay_pelantikan_and_bimtek_late_yes_online_no(desa):
    p = transport.payees(desa, [x.id for x in desa.s.values()])
    o = desa.o
    assert names(p) == {o[0]["nama"]: (2, 100000), o[1]["nama"]: (1, 50000), o[4]["nama"]: (1, 50000)}
    assert p.total == 200000 and p.total_words == "dua ratus ribu rupiah"
    assert [s.kind for s in p.skipped] == ["simulasi"]
    assert {r["nama"]: r["kegiatan"] for r in p.rows}[o[0]["nama"]] == "Bimtek, Pelantikan"


def test_rules_from_settings_change_who_is_paid(desa):
    dbmod.set_setting(desa, "transport", {"kinds": ["pelantikan", "bimtek", "simulasi"], "amount": 25000,
                                          "daring": True, "terlambat": False})
    p = transport.payees(desa, [x.id for x in desa.s.values()])
    o = desa.o
    assert names(p) == {o[0]["nama"]: (3, 75000), o[2]["nama"]: (1, 25000), o[4]["nama"]: (1, 25000)}
    assert p.total == 125000 and p.total_words == "seratus dua puluh lima ribu rupiah" and not p.skipped


def test_replaced_officer_is_still_paid_for_what_he_attended(desa):
    o = desa.o[0]
    roster.replace_officer(desa, o["id"], roster.Officer(nik="3320014101900099", nama="Pengganti", jk="P",
                                                         desa=DESA, tps=o["tps"], jabatan=o["jabatan"]))
    row = next(r for r in transport.payees(desa, [desa.s["pelantikan"].id]).rows if r["id"] == o["id"])
    assert (row["amount"], row["keterangan"]) == (50000, "Diganti (PAW)")


@pytest.mark.parametrize("setting, message", [
    ({"amount": 0}, "lebih dari 0"), ({"amount": "50rb"}, "bilangan bulat"), ({"kinds": ["rapat"]}, "'rapat' tidak dikenal"),
])
def test_bad_rules_are_refused_clearly(desa, setting, message):
    dbmod.set_setting(desa, "transport", setting)
    with pytest.raises(transport.TransportError, match=message):
        transport.payees(desa, [desa.s["bimtek"].id])


def test_no_session_and_unknown_session_are_refused(desa):
    with pytest.raises(transport.TransportError, match="Pilih sedikitnya satu sesi"):
        transport.payees(desa, [])
    with pytest.raises(sessions.SessionError, match="tidak ditemukan"):
        transport.payees(desa, ["nope"])
