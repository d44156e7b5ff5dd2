"""Writing a handover file for a scope: the records it carries, provenance, the receipt."""

from __future__ import annotations

import bisect
import datetime as _dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from kpps_desktop.core import (
    audit,
    crypt,
    installation,
    keys,
    wilayah,
)
from kpps_desktop.core.exchange.container import (
    PROVENANCE,
    SUFFIX,
    ExchangeError,
    _deflate,
    write_atomic,
)
from kpps_desktop.core.exchange.manifest import (
    Manifest,
    _parse_manifest,
    assemble,
    verify_bytes,
)
from kpps_desktop.core.exchange.records import _LABELS, COLUMNS, TABLES, _line, clock_at
from kpps_desktop.core.progress import Progress


@dataclass(frozen=True)
class ExportResult:
    path: Path
    sha256: str
    size: int
    scope: str
    created_at: str
    device_id: str
    role: str
    fingerprint: str
    counts: dict[str, int]
    encrypted_for: crypt.Recipient | None = None

    @property
    def encryption_text(self) -> str:
        r = self.encrypted_for
        if r is None:
            return "TIDAK terenkripsi: siapa pun yang memegang berkas dapat membacanya"
        return f"terenkripsi untuk {r.label} (sidik jari kunci {r.fingerprint})"

    def receipt(self) -> str:
        """The handover receipt (berita acara serah terima) as plain text for printing."""
        lines = [
            "BERITA ACARA SERAH TERIMA DATA PRESENSI KPPS",
            "",
            f"Wilayah      : {self.scope} {wilayah.name(self.scope)}",
            f"Pengirim     : {self.role.upper()}, perangkat {self.device_id}",
            f"Kode verifikasi: {self.fingerprint}  (dicocokkan penerima di layar impornya)",
            f"Dibuat       : {_dt.datetime.fromisoformat(self.created_at).astimezone().isoformat(timespec='seconds')}",
            f"Berkas       : {self.path.name} ({self.size} bita)",
            f"SHA-256      : {self.sha256}",
            f"Enkripsi     : {self.encryption_text}",
            "",
            "Isi:",
            *(f"  {_LABELS[t]:<22}{self.counts[t]:>8}" for t in TABLES),
            "",
            "Yang menyerahkan,                         Yang menerima,",
            "",
            "",
            "(..........................)              (..........................)",
        ]
        return "\n".join(lines)




def _within_sql(column: str) -> str:
    return f"({column} = :scope OR {column} LIKE :scope || '.%')"


def _export_queries(scope: str) -> dict[str, str]:
    """SQL per table for the records a scope carries (see docs: what a file holds)."""
    officer_in = f"SELECT id FROM officers WHERE {_within_sql('desa')}"
    session_in = (
        "SELECT id FROM sessions WHERE (scope_kind <> 'officers' AND "
        f"({_within_sql('scope')} OR :scope = scope OR :scope LIKE scope || '.%')) "
        f"OR id IN (SELECT session_id FROM session_officers WHERE officer_id IN ({officer_in})) "
        f"OR id IN (SELECT session_id FROM attendance WHERE officer_id IN ({officer_in}))")
    cols = {t: ", ".join(c) for t, c in COLUMNS.items()}
    return {
        "officers": f"SELECT {cols['officers']} FROM officers WHERE {_within_sql('desa')} ORDER BY id",
        "sessions": f"SELECT {cols['sessions']} FROM sessions WHERE id IN ({session_in}) ORDER BY id",
        "session_officers": f"SELECT {cols['session_officers']} FROM session_officers WHERE "
                            f"officer_id IN ({officer_in}) ORDER BY session_id, officer_id",
        "cards": f"SELECT {cols['cards']} FROM cards WHERE officer_id IN ({officer_in}) ORDER BY code",
        "card_revocations": f"SELECT {cols['card_revocations']} FROM card_revocations WHERE "
                            f"officer_id IN ({officer_in}) ORDER BY id",
        "attendance": f"SELECT {cols['attendance']} FROM attendance WHERE officer_id IN ({officer_in}) "
                      "OR (officer_id IS NULL AND session_id IN (SELECT id FROM sessions WHERE "
                      f"scope_kind <> 'officers' AND {_within_sql('scope')})) ORDER BY device_id, seq",
    }


def _attendance_lines(db, sql: str, scope: str, devices: dict, seqs: dict) -> Iterator[bytes]:
    """Attendance lines, noting per device the count, seq range, digest and the seqs carried."""
    columns = COLUMNS["attendance"]
    dev_i, seq_i = columns.index("device_id"), columns.index("seq")
    for row in db.conn.execute(sql, {"scope": scope}):
        line = _line(row, columns)
        d = devices.get(row[dev_i])
        if d is None:
            d = devices[row[dev_i]] = {"count": 0, "seq_min": row[seq_i], "seq_max": 0,
                                       "hash": hashlib.sha256()}
            seqs[row[dev_i]] = []
        d["count"] += 1
        d["seq_max"] = row[seq_i]
        d["hash"].update(line + b"\n")
        seqs[row[dev_i]].append(row[seq_i])
        yield line


def _carried(db, own: str, seqs: dict[str, list[int]]) -> list[bytes]:
    """Stored origin manifests whose attendance this file carries in full (provenance)."""

    out = []
    for raw, signature, device in db.conn.execute(
            "SELECT manifest, signature, device_id FROM signed_manifests ORDER BY sha256"):
        if device == own:
            continue
        manifest = _parse_manifest(raw, full=False)
        entries = manifest.devices
        if not entries:
            continue
        complete = all(
            bisect.bisect_right(seqs.get(e["device_id"], []), e["seq_max"])
            - bisect.bisect_left(seqs.get(e["device_id"], []), e["seq_min"]) == e["count"]
            for e in entries)
        if complete:
            out.append(_line((raw.decode("ascii"), signature.hex()), ("manifest", "signature")))
    return out


def build(db: sqlite_utils.Database, scope: str | None = None, *, now: _dt.datetime | None = None,
          progress: Progress | None = None, setup: dict | None = None) -> tuple[bytes, Manifest, dict[str, int]]:
    """The bytes of a signed handover file for the scope (default: the installation's region)."""
    inst = installation.require(db)
    scope = wilayah.normalize_code(scope) if scope else inst.wilayah
    if wilayah.get(scope) is None:
        raise ExchangeError(f"Kode wilayah '{scope}' tidak dikenal.")
    if not inst.covers(scope):
        raise ExchangeError(f"{scope} ({wilayah.name(scope)}) berada di luar wilayah instalasi ini "
                            f"({inst.wilayah} {inst.wilayah_name}).")
    public = keys.public_key(db)
    encryption_key = keys.encryption_keypair(db)[1]  # offices below encrypt their files up to it
    queries = _export_queries(scope)
    hashes, counts = {}, {}
    devices: dict[str, dict] = {}
    seqs: dict[str, list[int]] = {}
    if progress is not None:
        progress.set_total(len(TABLES), "Menyiapkan berkas serah terima…")
    record_members = []
    # One read transaction, so the records and their counts are one consistent snapshot.
    with db.atomic():
        for table in TABLES:
            name = f"records/{table}.jsonl"
            if table == "attendance":
                lines = _attendance_lines(db, queries[table], scope, devices, seqs)
            else:
                lines = (_line(r, COLUMNS[table]) for r in db.conn.execute(queries[table], {"scope": scope}))
            member, digest, count = _deflate(lines, name)
            record_members.append(member)
            hashes[name] = {"sha256": digest, "size": member.size, "count": count}
            counts[table] = count
            if progress is not None:
                progress.tick(message=_LABELS[table])
        carried = _carried(db, inst.device_id, seqs)
    prov, digest, count = _deflate(carried, PROVENANCE)
    hashes[PROVENANCE] = {"sha256": digest, "size": prov.size, "count": count}
    created = (now or _dt.datetime.now(_dt.UTC)).astimezone(_dt.UTC)
    data, raw = assemble(
        [prov] + record_members, hashes,
        [{"device_id": dev, "count": d["count"], "seq_min": d["seq_min"], "seq_max": d["seq_max"],
          "digest": d["hash"].hexdigest()} for dev, d in sorted(devices.items())],
        device={"id": inst.device_id, "role": inst.role, "wilayah": inst.wilayah, "public_key": public.hex(),
                "encryption_key": encryption_key.hex()},
        scope=scope, created_at=created.isoformat(timespec="seconds"), sign=lambda b: keys.sign(db, b),
        setup=setup)
    return data, _parse_manifest(raw, full=True), counts



def export(db: sqlite_utils.Database, out: Path | str, scope: str | None = None, *,
           now: _dt.datetime | None = None, progress: Progress | None = None,
           encrypt: bool | crypt.Recipient = True, setup: dict | None = None) -> ExportResult:
    """Write a handover file atomically, then read it back and verify it before reporting success.

    encrypt=True seals the file for the office directly above when its key is known
    (crypt.default_recipient), a Recipient seals it for that office, False leaves it plain.
    """
    out = Path(out)
    if out.suffix.lower() != SUFFIX:
        out = out.with_name(out.name + SUFFIX)
    data, manifest, counts = build(db, scope, now=now, progress=progress, setup=setup)
    recipient = crypt.default_recipient(db, manifest.scope) if encrypt is True else (encrypt or None)
    payload = crypt.encrypt(data, recipient.public_key) if recipient else data
    write_atomic(out, payload)
    try:
        back = out.read_bytes()
        if back != payload:
            raise ExchangeError("isi yang terbaca berbeda dari yang ditulis")
        with clock_at(now):
            verify_bytes(data)
    except (OSError, ExchangeError) as exc:
        try:
            out.unlink()
        except OSError:
            pass
        raise ExchangeError(f"Berkas {out.name} gagal diperiksa setelah ditulis ({exc}); berkas "
                            "dihapus. Coba diska lain.") from exc
    inst = installation.require(db)
    sha256 = hashlib.sha256(payload).hexdigest()
    audit.exported(db, "serah_terima", out, sum(counts.values()), manifest.scope, sha256=sha256,
                   encrypted=recipient is not None)
    return ExportResult(out, sha256, len(payload), manifest.scope, manifest.created_at, inst.device_id,
                        inst.role, manifest.fingerprint, counts, recipient)


