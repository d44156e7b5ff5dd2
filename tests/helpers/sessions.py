"""A PPK installation's roster and sessions, as the session and check-in tests build them."""

import datetime as dt

from kpps_desktop.core import nik, roster, sessions

WIB = dt.timezone(dt.timedelta(hours=7))
DAY = dt.date(2024, 11, 7)
KEDUNGMALANG, KALIANYAR = "33.20.01.2001", "33.20.01.2002"


def at(hhmm: str, tz=WIB) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time.fromisoformat(hhmm), tzinfo=tz)


def make_roster(db, layout: dict[str, int]) -> dict[str, list[roster.Officer]]:
    """Officers with valid NIKs: desa -> 7 per TPS (one ketua, six anggota), TPS by TPS."""
    out: dict[str, list[roster.Officer]] = {}
    serial = 0
    for desa, tps_count in layout.items():
        for tps in range(1, tps_count + 1):
            for seat in range(7):
                serial += 1
                jk = "P" if seat % 2 else "L"
                out.setdefault(desa, []).append(roster.Officer(
                    nik=nik.make("332001", dt.date(1990, 1, 1) + dt.timedelta(days=serial), jk, serial),
                    nama=f"Petugas {desa[-4:]} {tps}-{seat + 1}", jk=jk, desa=desa, tps=tps,
                    jabatan="ketua" if seat == 0 else "anggota"))
    roster.upsert_officers(db, [o for group in out.values() for o in group])
    return out


def new_session(db, scope=KEDUNGMALANG, **kw):
    args = {"kind": "bimtek", "title": "Bimtek KPPS", "date": DAY.isoformat(), "start": "08:00",
            "end": "12:00", "scope": scope}
    args.update(kw)
    return sessions.create_session(db, **args)


def events(db, session_id):
    cur = db.conn.execute(f"SELECT {sessions.EVENT_COLUMNS} FROM attendance WHERE session_id = ? "
                          "ORDER BY seq", (session_id,))
    return [dict(zip([d[0] for d in cur.description], r)) for r in cur.fetchall()]
