"""Installations that hand files to each other, as the handover tests build them."""

import datetime as dt

from kpps_desktop.core import db as dbmod
from kpps_desktop.core import demo, exchange, installation, sessions

WIB = dt.timezone(dt.timedelta(hours=7))
KEDUNG, D1, D2 = "33.20.01", "33.20.01.2001", "33.20.01.2002"


def at(hhmm: str, day: str = "2024-11-07") -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{hhmm}").replace(tzinfo=WIB)


def new_install(path, role, kode):
    db = dbmod.open_db(path)
    installation.init(db, role, kode)
    db.device = dbmod.device_id(db)
    return db


def kpu_with_roster(tmp_path, name="kpu.sqlite"):
    """KPU Jepara holding the demo roster and sessions of kecamatan Kedung (18 desa)."""
    kpu = new_install(tmp_path / name, "kpu", "33.20")
    demo.generate(kpu, KEDUNG)
    return kpu


def export(db, path, scope=None):
    return exchange.export(db, path, scope)


def import_ok(db, path, **kw):
    report = exchange.import_file(db, path, **kw)
    assert report.status == "imported", report.reason
    return report


def dump(db):
    return exchange.canonical_dump(db)


def full_dump(db):
    """Every table, local ones included: what 'the database never changes' compares."""
    tables = [r[0] for r in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {t: sorted(map(repr, db.conn.execute(f"SELECT * FROM [{t}]"))) for t in tables}


def recap(db):
    """Per session: each officer's effective status and time (sessions.current_status)."""
    return {s.id: sorted((oid, m.status, m.at) for oid, m in sessions.current_status(db, s.id).items())
            for s in sessions.list_sessions(db)}
