"""Deleting the officers' personal data when the committee's term ends, keeping the anonymous recap.

What goes: NIK, name, place and date of birth, address, phone, photos, card codes, free-text
reasons on attendance and card revocations, the raw text of refused scans, and the backups
beside the database (they are full copies). What stays: each officer row with desa, TPS,
jabatan, jk, status and PAW link (the recap counts them), sessions, attendance, the audit
log. The NIK column is NOT NULL UNIQUE, so a deleted NIK becomes 'DIHAPUS-<officer id>'.
Then VACUUM and a truncating WAL checkpoint, so no deleted byte survives in the file.
See docs/privacy.md.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

import sqlite_utils

from kpps_desktop.core import audit, installation, roster, sessions, wilayah
from kpps_desktop.core import db as dbmod
from kpps_desktop.core.progress import Progress
from kpps_desktop.core.errors import InputError

DELETED_PREFIX = "DIHAPUS-"
_JABATAN_ORDER = {"ketua": 0, "anggota": 1, "linmas": 2}


class RetentionError(InputError):
    """A deletion refused or left unfinished; the message is for the user (Indonesian)."""


@dataclass(frozen=True)
class Plan:
    """What delete_personal_data would delete and keep, counted now."""

    wilayah: str  # the code the user must type to confirm
    wilayah_name: str
    officers: int  # rows kept, anonymised
    niks: int  # officers still carrying a real NIK
    births: int  # with place or date of birth
    addresses: int
    phones: int
    photos: int
    cards: int
    reasons: int  # attendance events and card revocations with a free-text reason
    scan_texts: int  # refused scans with their raw text
    backups: int  # backup files beside the database
    sessions: int  # kept
    attendance: int  # kept
    deleted_at: str | None  # when personal data was last deleted here, if ever

    def deleted_lines(self) -> list[str]:
        return [
            f"NIK {self.niks} petugas (diganti 'DIHAPUS-…')",
            f"Nama {self.niks} petugas (diganti 'Petugas TPS 001 #1', …)",
            f"Tempat/tanggal lahir {self.births}, alamat {self.addresses}, nomor HP {self.phones}",
            f"Foto {self.photos}, kode kartu {self.cards}",
            f"Keterangan bebas {self.reasons}, teks pindaian yang ditolak {self.scan_texts}",
            f"Berkas cadangan di folder backups: {self.backups}",
        ]

    def kept_lines(self) -> list[str]:
        return [
            f"{self.officers} baris petugas tanpa identitas: desa, TPS, jabatan, jenis kelamin, status",
            f"{self.sessions} sesi dan {self.attendance} catatan presensi (rekap tetap sama)",
            "Log audit dan pengaturan",
        ]

    def as_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Deleted:
    plan: Plan  # the counts before deletion
    backups_removed: list[str]
    size_before: int
    size_after: int

    def summary(self) -> str:
        p = self.plan
        return (f"Data pribadi {p.officers} petugas dihapus ({p.niks} NIK, {p.photos} foto, {p.cards} kode kartu, "
                f"{len(self.backups_removed)} berkas cadangan). Rekap, sesi, dan presensi tetap ada. "
                f"Database {_thousands(self.size_before)} -> {_thousands(self.size_after)} bita.")


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _one(db: sqlite_utils.Database, sql: str) -> int:
    return db.conn.execute(sql).fetchone()[0]


def db_file(db: sqlite_utils.Database) -> Path:
    return Path(next(r[2] for r in db.conn.execute("PRAGMA database_list") if r[1] == "main"))


def _backup_files(path: Path) -> list[Path]:
    from kpps_desktop.core import backup

    found = [b.path for b in backup.list_backups(path)]
    pending = backup.pending_restore(path)  # a restore scheduled for the next start would bring it all back
    return found + ([pending] if pending else [])


def plan(db: sqlite_utils.Database) -> Plan:
    inst = installation.require(db)
    return Plan(
        wilayah=inst.wilayah,
        wilayah_name=inst.wilayah_name,
        officers=_one(db, "SELECT count(*) FROM officers"),
        niks=_one(db, f"SELECT count(*) FROM officers WHERE nik NOT LIKE '{DELETED_PREFIX}%'"),
        births=_one(db, "SELECT count(*) FROM officers WHERE coalesce(tempat_lahir, tanggal_lahir) IS NOT NULL"),
        addresses=_one(db, "SELECT count(*) FROM officers WHERE alamat IS NOT NULL"),
        phones=_one(db, "SELECT count(*) FROM officers WHERE telepon IS NOT NULL"),
        photos=_one(db, "SELECT count(*) FROM officer_photos"),
        cards=_one(db, "SELECT count(*) FROM cards"),
        reasons=_one(db, "SELECT (SELECT count(*) FROM attendance WHERE reason IS NOT NULL) + "
                         "(SELECT count(*) FROM card_revocations WHERE reason IS NOT NULL)"),
        scan_texts=_one(db, "SELECT count(*) FROM scan_log WHERE text != ''"),
        backups=len(_backup_files(db_file(db))),
        sessions=_one(db, "SELECT count(*) FROM sessions"),
        attendance=_one(db, "SELECT count(*) FROM attendance"),
        deleted_at=dbmod.get_meta(db, "personal_data_deleted_at"),
    )


def check_confirmation(db: sqlite_utils.Database, confirm_text: str | None) -> installation.Installation:
    """The confirmation is this installation's region code, typed (dots optional)."""
    inst = installation.require(db)
    typed = wilayah.normalize_code(confirm_text or "")
    if typed != inst.wilayah:
        raise RetentionError(
            f"Konfirmasi salah: ketik kode wilayah instalasi ini ({inst.wilayah}, {inst.wilayah_name}) "
            "untuk menghapus data pribadi. Tidak ada yang dihapus.")
    return inst


def _pseudonyms(db: sqlite_utils.Database) -> list[tuple[str, str]]:
    """(pseudonym, id): 'Petugas TPS 003 #1' is the ketua, then anggota, then linmas, per desa and TPS."""
    rows = db.conn.execute("SELECT id, desa, tps, tps_label, jabatan, created_at FROM officers").fetchall()
    rows.sort(key=lambda r: (r[1], r[2], _JABATAN_ORDER.get(r[4], 9), r[5], r[0]))
    out, seat, last = [], 0, None
    for officer_id, desa, tps, label, _, _ in rows:
        seat = seat + 1 if (desa, tps) == last else 1
        last = (desa, tps)
        out.append((f"Petugas {roster.tps_label(tps, label)} #{seat}", officer_id))
    return out


def _clear_attendance_reasons(db: sqlite_utils.Database) -> None:
    """Attendance is append-only (a trigger refuses updates); retention is the one sanctioned
    rewrite, of the free-text reason only, with the trigger restored in the same transaction."""
    (trigger_sql,) = db.conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'attendance_no_update'").fetchone()
    db.conn.execute("DROP TRIGGER attendance_no_update")
    db.conn.execute("UPDATE attendance SET reason = NULL WHERE reason IS NOT NULL")
    db.conn.execute(trigger_sql)


def _step(progress: Progress | None, message: str) -> None:
    """Progress after the commit: reported, but no longer cancelable (the deletion is done)."""
    if progress:
        progress.done += 1
        progress.set_total(progress.total, message)


def delete_personal_data(db: sqlite_utils.Database, confirm_text: str | None, *,
                         progress: Progress | None = None) -> Deleted:
    """Delete the personal data (see the module docstring) if confirm_text is the region code.

    One transaction for the database rows (cancelable until it commits), then the backup files,
    VACUUM and wal_checkpoint(TRUNCATE). Raises RetentionError when refused, or when another
    program keeps the file open so the old pages cannot be wiped (run it again after closing it).
    """
    inst = check_confirmation(db, confirm_text)
    if db.conn.in_transaction:  # VACUUM cannot run inside one, and half a deletion is no deletion
        raise RetentionError("Penghapusan data pribadi tidak dapat dijalankan di dalam transaksi lain.")
    path = db_file(db)
    before = plan(db)
    size_before = path.stat().st_size + _wal_size(path)
    if progress:
        progress.set_total(6, "Menghapus data pribadi petugas")
    secure = _one(db, "PRAGMA secure_delete")
    db.conn.execute("PRAGMA secure_delete = ON")  # freed pages are zeroed, not just unlinked
    try:
        with sessions.write_transaction(db):
            now, device = dbmod.utc_now(), dbmod.device_id(db)
            # updated_at and device_id make the anonymous version win any later merge of an old file.
            db.conn.executemany(
                f"UPDATE officers SET nik = '{DELETED_PREFIX}' || id, nama = ?1, tempat_lahir = NULL, "
                "tanggal_lahir = NULL, alamat = NULL, telepon = NULL, "
                f"updated_at = {dbmod.NEXT_STAMP_SQL.replace('?1', '?4')}, device_id = ?2 WHERE id = ?3",
                ((name, device, officer_id, now) for name, officer_id in _pseudonyms(db)))
            if progress:
                progress.tick(message="Menghapus foto, kode kartu, dan keterangan")
            db.conn.execute("DELETE FROM officer_photos")
            db.conn.execute("DELETE FROM cards")
            db.conn.execute("UPDATE card_revocations SET reason = NULL WHERE reason IS NOT NULL")
            db.conn.execute("UPDATE scan_log SET text = '' WHERE text != ''")
            _clear_attendance_reasons(db)
            audit.record(db, "delete_personal_data", "data_pribadi", inst.wilayah, before.officers,
                         {k: v for k, v in before.as_json().items()
                          if k not in ("wilayah", "wilayah_name", "deleted_at")})
            dbmod.set_meta(db, "personal_data_deleted_at", now)
            if progress:
                progress.tick(message="Menyimpan")
        _step(progress, "Menghapus berkas cadangan lama")
        removed = []
        for file in _backup_files(path):
            try:
                file.unlink()
            except FileNotFoundError:
                continue
            except OSError as exc:
                raise RetentionError(
                    f"Data pribadi sudah dihapus dari database, tetapi cadangan {file} tidak dapat dihapus "
                    f"({exc.strerror or exc}). Hapus berkas itu secara manual.") from exc
            removed.append(str(file))
        _step(progress, "Membersihkan berkas database (VACUUM)")
        db.conn.execute("VACUUM")
        _step(progress, "Mengosongkan berkas WAL")
        busy, _, _ = db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            raise RetentionError(
                "Data pribadi sudah dihapus, tetapi berkas database masih dibuka program lain sehingga "
                "sisa datanya belum dapat dibersihkan. Tutup program lain lalu jalankan penghapusan lagi.")
    finally:
        db.conn.execute(f"PRAGMA secure_delete = {int(secure)}")
    _step(progress, "Selesai")
    return Deleted(before, removed, size_before, path.stat().st_size + _wal_size(path))


def _wal_size(path: Path) -> int:
    wal = path.with_name(path.name + "-wal")
    try:
        return wal.stat().st_size
    except OSError:
        return 0

