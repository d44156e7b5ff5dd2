"""Check-in desks of one office: desk kits, desk files coming home, and who has not (issue #19).

A PPK (or any office that runs sessions) checks hundreds of officers in at two or three laptops.
The master writes a **desk kit** for each (`kpps desk kit`): a setup file (provisioning.py) of
kind "desk" carrying the chosen sessions, their expected officers and cards, the master's keys,
a label ("Meja 1") and a one-time enrolment secret. `kpps init --from KIT` on the desk laptop
makes a desk installation: a new device with its own keys, bound to that master.

A desk's `kpps export` carries only its own attendance and its refused scans, encrypted to the
master (crypt.default_recipient), with a `desk` block in the signed manifest: the kit id and an
HMAC of the desk's keys under the kit's secret. The master accepts the first such file without
--trust-new or --code because only the laptop set up from its kit knows the secret; a kit is
used by one device only. From then on the desk's key ('desk' basis) may write attendance only:
its own events (no close, no other device's), for its kit's sessions and officers; never an
officer, session, card or revocation, and never a provenance (it cannot speak for others).

The master's `kpps handover status` lists every kit it wrote: returned or not, records, the
last sequence number, missing records (docs/exchange-format.md, "Check-in desks").
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import hmac
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from kpps_desktop.core import db as dbmod
from kpps_desktop.core import installation, keys, sessions, settings, wilayah
from kpps_desktop.core.exchange.container import ExchangeError
from kpps_desktop.core.exchange.records import COLUMNS, TABLES

KIND = "desk"
MAX_SESSIONS = 20
MAX_LABEL = 40
MAX_SCANS = 2000  # refused scans ride in the signed manifest (bounded by its size limit)
_ID = re.compile(r"[0-9a-f]{32}")
_SCAN_COLUMNS = ("id", "session_id", "text", "result", "officer_id", "at", "method")


@dataclass(frozen=True)
class Kit:
    """A desk kit this installation wrote (the desk_kits table)."""
    id: str
    label: str
    secret: bytes
    sessions: tuple[str, ...]
    officers: frozenset[str]
    created_at: str
    device_id: str | None


@dataclass
class DeskStatus:
    """One provisioned desk as the master sees it."""
    label: str
    kit: str
    device_id: str | None
    returned: bool
    records: int  # attendance records of this desk here
    last_seq: int  # the highest sequence number received
    declared_seq: int  # the highest sequence number its files announced
    missing: int  # records announced (or below the last) but not here
    sessions: list[str]

    @property
    def ok(self) -> bool:
        return self.returned and not self.missing


# --- the master: writing kits ----------------------------------------------------------------

def make_kit(db: sqlite_utils.Database, out: Path | str, session_ids: list[str], label: str | None = None, *,
             now: _dt.datetime | None = None):
    """Write a desk kit for these sessions; returns (ExportResult, label)."""
    from kpps_desktop.core.exchange.export import export
    from kpps_desktop.core.exchange.provisioning import PROVISIONED

    inst = installation.require(db)
    if installation.desk(db) is not None:
        raise ExchangeError("Perangkat ini sendiri meja presensi; berkas meja dibuat di perangkat induknya.")
    ids = list(dict.fromkeys(s.strip() for s in session_ids if s and s.strip()))
    if not ids:
        raise ExchangeError("Sebutkan sedikitnya satu sesi: --session ID (lihat: kpps session list).")
    if len(ids) > MAX_SESSIONS:
        raise ExchangeError(f"Satu berkas meja memuat paling banyak {MAX_SESSIONS} sesi.")
    found = [sessions.require_session(db, s) for s in ids]
    closed = [s.title for s in found if s.closed_at]
    if closed:
        raise ExchangeError(f"Sesi '{closed[0]}' sudah ditutup; meja presensi hanya untuk sesi yang masih berjalan.")
    officers = sorted({o["id"] for s in found for o in sessions.expected_officers(db, s.id, "id")})
    used = {r[0] for r in db.conn.execute("SELECT label FROM desk_kits")}
    label = " ".join((label or "").split())
    if not label:
        n = len(used) + 1
        while f"Meja {n}" in used:
            n += 1
        label = f"Meja {n}"
    if len(label) > MAX_LABEL:
        raise ExchangeError(f"Nama meja paling panjang {MAX_LABEL} huruf.")
    if label in used:
        raise ExchangeError(f"Nama '{label}' sudah dipakai berkas meja lain; pilih nama lain (--label).")
    kit, secret = dbmod.new_id(), os.urandom(32)
    setup = {"kind": KIND, "role": inst.role, "wilayah": inst.wilayah,
             "settings": {k: settings.get(db, k) for k in PROVISIONED},
             "upper": [], "desk": {"kit": kit, "label": label, "secret": secret.hex(), "sessions": ids}}
    with db.atomic():
        db.conn.execute(
            "INSERT INTO desk_kits (id, label, secret, sessions, officers, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (kit, label, secret, json.dumps(ids), json.dumps(officers), dbmod.utc_now()))
    try:
        # Plain, like every setup file: the desk has no key yet. Hand the stick over in person.
        result = export(db, out, inst.wilayah, now=now, encrypt=False, setup=setup,
                        records=(_kit_queries(), {"sessions": json.dumps(ids), "officers": json.dumps(officers)}))
    except BaseException:
        with db.atomic():
            db.conn.execute("DELETE FROM desk_kits WHERE id = ?", (kit,))
        raise
    return result, label


def _kit_queries() -> dict[str, str]:
    """The kit's records: its sessions, their expected officers with cards; no attendance."""
    officer_in = "SELECT value FROM json_each(:officers)"
    session_in = "SELECT value FROM json_each(:sessions)"
    cols = {t: ", ".join(c) for t, c in COLUMNS.items()}
    return {
        "officers": f"SELECT {cols['officers']} FROM officers WHERE id IN ({officer_in}) ORDER BY id",
        "sessions": f"SELECT {cols['sessions']} FROM sessions WHERE id IN ({session_in}) ORDER BY id",
        "session_officers": f"SELECT {cols['session_officers']} FROM session_officers WHERE session_id IN "
                            f"({session_in}) AND officer_id IN ({officer_in}) ORDER BY session_id, officer_id",
        "cards": f"SELECT {cols['cards']} FROM cards WHERE officer_id IN ({officer_in}) ORDER BY code",
        "card_revocations": f"SELECT {cols['card_revocations']} FROM card_revocations WHERE officer_id IN "
                            f"({officer_in}) ORDER BY id",
        "attendance": f"SELECT {cols['attendance']} FROM attendance WHERE 0",
    }


def kits(db: sqlite_utils.Database) -> list[Kit]:
    return [Kit(r[0], r[1], r[2], tuple(json.loads(r[3])), frozenset(json.loads(r[4])), r[5], r[6])
            for r in db.conn.execute("SELECT id, label, secret, sessions, officers, created_at, device_id "
                                     "FROM desk_kits ORDER BY created_at, label")]


def _kit(db, where: str, value: str) -> Kit | None:
    row = db.conn.execute(f"SELECT id, label, secret, sessions, officers, created_at, device_id FROM desk_kits "
                          f"WHERE {where} = ?", (value,)).fetchone()
    return Kit(row[0], row[1], row[2], tuple(json.loads(row[3])), frozenset(json.loads(row[4])), row[5],
               row[6]) if row else None


# --- the kit as a setup file (read by provisioning.py) ----------------------------------------

def check_setup(s: dict, m) -> dict:
    """The `desk` part of a kit's setup block, checked; the kit's office is its issuer's own."""
    if (s.get("role"), s.get("wilayah")) != (m.role, m.wilayah) or m.scope != m.wilayah or s.get("upper") != []:
        raise ExchangeError("berkas meja tidak sah: meja presensi selalu untuk kantor pembuatnya sendiri")
    d = s.get("desk")
    try:
        ok = (type(d) is dict and set(d) == {"kit", "label", "secret", "sessions"}
              and type(d["kit"]) is str and _ID.fullmatch(d["kit"]) is not None
              and type(d["label"]) is str and 0 < len(d["label"]) <= MAX_LABEL and d["label"].isprintable()
              and type(d["secret"]) is str and len(bytes.fromhex(d["secret"])) == 32
              and type(d["sessions"]) is list and 0 < len(d["sessions"]) <= MAX_SESSIONS
              and all(type(x) is str and _ID.fullmatch(x) for x in d["sessions"]))
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise ExchangeError("berkas meja tidak sah (bagian meja)")
    return d


def bind(db: sqlite_utils.Database, m, d: dict) -> None:
    """On the desk laptop, inside apply()'s transaction: remember the kit and the master."""
    for key, value in (("desk_kit", d["kit"]), ("desk_label", d["label"]), ("desk_master", m.device_id),
                       ("desk_secret", d["secret"]), ("desk_sessions", json.dumps(d["sessions"]))):
        dbmod.set_meta(db, key, value)


# --- the desk: its file going home -------------------------------------------------------------

def proof(secret: bytes, kit: str, device_id: str, public_key: bytes, encryption_key: bytes | None) -> str:
    """HMAC of the desk's identity under the kit's secret: only the laptop set up from the kit knows it."""
    message = b"kpps desk enrolment\0" + kit.encode() + b"\0" + device_id.encode() + b"\0" + public_key + (
        encryption_key or b"")
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def outgoing(db: sqlite_utils.Database) -> tuple[tuple[dict[str, str], dict], dict]:
    """A desk's file: (records, params) of its own attendance, and the manifest's `desk` block."""
    desk = installation.desk(db)
    assert desk is not None
    device = dbmod.device_id(db)
    cols = ", ".join(COLUMNS["attendance"])
    queries = {t: f"SELECT {', '.join(COLUMNS[t])} FROM {t} WHERE 0" for t in TABLES}
    queries["attendance"] = f"SELECT {cols} FROM attendance WHERE device_id = :device ORDER BY device_id, seq"
    scans = [dict(zip(_SCAN_COLUMNS, r)) for r in db.conn.execute(
        f"SELECT {', '.join(_SCAN_COLUMNS)} FROM scan_log WHERE device_id = ? AND resolution IS NULL "
        f"ORDER BY at, id LIMIT {MAX_SCANS}", (device,))]
    block = {"kit": desk.kit, "label": desk.label, "scans": scans,
             "proof": proof(desk.secret, desk.kit, device, keys.public_key(db), keys.encryption_keypair(db)[1])}
    return (queries, {"device": device}), block


# --- the master: a desk's file arriving ----------------------------------------------------------

def admit(db: sqlite_utils.Database, m, inst: installation.Installation, new: bool) -> Kit | None:
    """The kit a file's signer answers to here, or None when it is no desk of this office.

    A new device is enrolled when its `desk` block names a kit written here, not yet used by
    another device, and its proof matches the kit's secret (the caller then trusts it, basis
    'desk'). Any refusal raises ExchangeError.
    """
    if not new:
        return _kit(db, "device_id", m.device_id)
    d = m.desk
    if d is None or type(d.get("kit")) is not str:
        return None
    kit = _kit(db, "id", d["kit"])
    if kit is None:
        return None  # a kit of another office: an ordinary new device (code on the berita acara)
    who = f"berkas meja '{kit.label}'"
    if kit.device_id is not None and kit.device_id != m.device_id:
        raise ExchangeError(f"{who} sudah dipakai perangkat {kit.device_id[:8]}; perangkat {m.device_id[:8]} "
                            "tidak dapat memakainya lagi (satu berkas meja untuk satu laptop). Berkas ditolak.")
    if (m.role, m.wilayah) != (inst.role, inst.wilayah):
        raise ExchangeError(f"{who} dibuat untuk {inst.role.upper()} {inst.wilayah_name}, tetapi berkas ini "
                            f"mengaku dari {m.role.upper()} {m.wilayah}; berkas ditolak")
    expected = proof(kit.secret, kit.id, m.device_id, m.public_key, m.encryption_key)
    if type(d.get("proof")) is not str or not hmac.compare_digest(d["proof"], expected):
        raise ExchangeError(f"berkas mengaku dari {who}, tetapi buktinya tidak cocok dengan rahasia berkas meja "
                            "itu; berkas ditolak (bukan laptop yang disiapkan dari berkas meja ini)")
    db.conn.execute("UPDATE desk_kits SET device_id = ?, enrolled_at = ? WHERE id = ?",
                    (m.device_id, dbmod.utc_now(), kit.id))
    return kit


def check_records(db: sqlite_utils.Database, m, kit: Kit | None, origins: int) -> None:
    """A desk's key writes attendance only: its own, for its kit's sessions and officers.

    Call after staging, before merging. kit None: a desk of another office known here (through
    provenance): still attendance only and its own.
    """
    who = f"meja presensi '{kit.label}'" if kit else f"meja presensi (perangkat {m.device_id[:8]})"
    if origins > 1:
        raise ExchangeError(f"{who} tidak dapat membawa catatan perangkat lain (provenance); berkas ditolak")
    for table in TABLES[:-1]:
        if db.conn.execute(f"SELECT EXISTS (SELECT 1 FROM x_{table})").fetchone()[0]:
            raise ExchangeError(f"{who} hanya boleh mengirim catatan presensi, bukan "
                                f"{table.replace('_', ' ')}; daftar petugas dan sesi diubah di perangkat induk. "
                                "Berkas ditolak.")
    row = db.conn.execute("SELECT device_id FROM x_attendance WHERE device_id <> ? LIMIT 1",
                          (m.device_id,)).fetchone()
    if row:
        raise ExchangeError(f"{who} mengirim catatan atas nama perangkat {row[0][:8]}; sebuah meja hanya "
                            "mengirim catatannya sendiri. Berkas ditolak.")
    row = db.conn.execute("SELECT 1 FROM x_attendance WHERE method = 'close' OR officer_id IS NULL LIMIT 1").fetchone()
    if row:
        raise ExchangeError(f"{who} mengirim penutupan sesi; sesi hanya ditutup di perangkat induk. Berkas ditolak.")
    if kit is None:
        return
    row = db.conn.execute(
        "SELECT session_id FROM x_attendance WHERE session_id NOT IN (SELECT value FROM json_each(?)) LIMIT 1",
        (json.dumps(kit.sessions),)).fetchone()
    if row:
        raise ExchangeError(f"{who} mengirim presensi untuk sesi …{row[0][-8:]} yang tidak ada di berkas mejanya; "
                            "berkas ditolak")
    row = db.conn.execute(
        "SELECT officer_id FROM x_attendance WHERE officer_id NOT IN (SELECT value FROM json_each(?)) LIMIT 1",
        (json.dumps(sorted(kit.officers)),)).fetchone()
    if row:
        raise ExchangeError(f"{who} mengirim presensi petugas …{row[0][-8:]} yang tidak diharapkan di sesi "
                            "berkas mejanya; berkas ditolak")


def merge_scans(db: sqlite_utils.Database, m, kit: Kit | None) -> int:
    """The desk's refused scans (unknown cards) join the master's scan_log, to resolve here."""
    scans = (m.desk or {}).get("scans") or []
    if kit is None or not scans:
        return 0
    if type(scans) is not list or len(scans) > MAX_SCANS:
        raise ExchangeError("daftar pindaian yang ditolak tidak sah")
    rows = []
    for s in scans:
        try:
            ok = (type(s) is dict and set(s) == set(_SCAN_COLUMNS) and _ID.fullmatch(s["id"])
                  and s["session_id"] in kit.sessions
                  and all(type(s[k]) is str and len(s[k]) <= 500 for k in ("text", "result", "at", "method"))
                  and (s["officer_id"] is None or (type(s["officer_id"]) is str and _ID.fullmatch(s["officer_id"]))))
        except TypeError:
            ok = False
        if not ok:
            raise ExchangeError("daftar pindaian yang ditolak tidak sah")
        rows.append((*(s[c] for c in _SCAN_COLUMNS), m.device_id))
    cur = db.conn.executemany(
        f"INSERT INTO scan_log ({', '.join(_SCAN_COLUMNS)}, device_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(id) DO NOTHING", rows)
    return cur.rowcount


# --- the master: who is missing ------------------------------------------------------------------

def status(db: sqlite_utils.Database) -> list[DeskStatus]:
    """Every desk kit written here: returned or not, how many records, what is missing."""
    out = []
    for kit in kits(db):
        records = last = declared = 0
        returned = False
        if kit.device_id is not None:
            records, last = db.conn.execute(
                "SELECT count(*), coalesce(max(seq), 0) FROM attendance WHERE device_id = ?",
                (kit.device_id,)).fetchone()
            for (raw,) in db.conn.execute("SELECT manifest FROM signed_manifests WHERE device_id = ?",
                                          (kit.device_id,)):
                returned = True
                for e in json.loads(raw)["devices"]:
                    if e["device_id"] == kit.device_id:
                        declared = max(declared, e["seq_max"])
        out.append(DeskStatus(kit.label, kit.id, kit.device_id, returned, records, last, declared,
                              max(last, declared) - records, list(kit.sessions)))
    return out


def missing_labels(db: sqlite_utils.Database) -> list[str]:
    """Labels of the desks whose file has not come back, or came back with records missing."""
    return [d.label for d in status(db) if not d.ok]


def desk_desas(db: sqlite_utils.Database) -> dict[str, str]:
    """desa -> latest desk file time, for each desa whose officers were checked in at a desk."""
    return dict(db.conn.execute(
        "SELECT o.desa, max(k.at) FROM (SELECT device_id, (SELECT max(created_at) FROM signed_manifests m "
        "WHERE m.device_id = desk_kits.device_id) AS at FROM desk_kits WHERE device_id IS NOT NULL) k "
        "JOIN attendance a ON a.device_id = k.device_id JOIN officers o ON o.id = a.officer_id "
        "WHERE k.at IS NOT NULL GROUP BY o.desa"))


def describe(db: sqlite_utils.Database) -> str | None:
    """On a desk laptop: which desk it is and whose (for the status bar and `kpps handover status`)."""
    desk = installation.desk(db)
    if desk is None:
        return None
    master = keys.trusted(db, desk.master)
    office = f"{master.role.upper()} {wilayah.name(master.wilayah)}" if master else "?"
    return (f"Perangkat ini {desk.label}, meja presensi {office} (perangkat induk {desk.master[:8]}); "
            "serahkan berkasnya (kpps export) ke perangkat induk.")
