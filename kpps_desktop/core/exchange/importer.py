"""Importing handover files: one file all or nothing, several files each on their own."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as _dt
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from kpps_desktop.core import (
    audit,
    crypt,
    fileio,
    installation,
    keys,
    sessions,
    tally,
    wilayah,
)
from kpps_desktop.core import db as dbmod
from kpps_desktop.core.errors import UserError
from kpps_desktop.core.exchange import authority, desks
from kpps_desktop.core.exchange.container import (
    MAX_FILE_BYTES,
    MAX_MANIFEST_BYTES,
    PROVENANCE,
    SIGNATURE,
    ExchangeError,
    _inflate,
    _inflate_raw,
)
from kpps_desktop.core.exchange.manifest import (
    Manifest,
    _member_records,
    _open_package,
    _Package,
    _provenance_entry,
)
from kpps_desktop.core.exchange.merge import (
    TableCounts,
    _check_references,
    _drop_stage,
    _merge_cards,
    _merge_immutable,
    _merge_set,
    _merge_versioned,
    _stage,
    _stage_ddl,
)
from kpps_desktop.core.exchange.records import _LABELS, TABLES, clock_at
from kpps_desktop.core.progress import Progress

# import_files: new records per commit (the write lock is held that long: seconds), page cache.
COMMIT_RECORDS = 1_000_000
BULK_CACHE_KIB = 128 * 1024


@dataclass
class ImportReport:
    path: Path
    status: str  # 'imported', 'preview', 'already', 'refused'
    reason: str | None = None
    file_hash: str | None = None
    device_id: str | None = None
    role: str | None = None
    wilayah: str | None = None
    scope: str | None = None
    created_at: str | None = None
    fingerprint: str | None = None
    new_device: bool = False
    encrypted: bool = False  # it arrived encrypted for this office (crypt.py)
    desk: str | None = None  # the label of this office's check-in desk that sent it (desks.py)
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, TableCounts] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status != "refused"

    @property
    def desa(self) -> list[str]:
        return [w.kode for w in wilayah.descendants(self.scope, "desa")] if self.scope and \
            wilayah.level_of(self.scope) != "desa" else ([self.scope] if self.scope else [])

    def as_json(self) -> dict:
        out = dataclasses.asdict(self)
        out["path"] = str(self.path)
        out["scope_name"] = wilayah.name(self.scope) if self.scope else None
        return out

    def summary(self) -> str:
        """One line for people: which region, new records, duplicates skipped, conflicts."""
        if self.status == "refused":
            return f"{self.path.name}: DITOLAK: {self.reason}"
        desk = f"{self.desk} (meja presensi) " if self.desk else ""
        who = (f"{desk}{self.role.upper()} {wilayah.name(self.wilayah)}, perangkat {self.device_id[:8]} "
               f"(sidik jari {self.fingerprint}); wilayah berkas {self.scope} {wilayah.name(self.scope)}")
        if self.status == "already":
            return f"{self.path.name}: sudah pernah diimpor ({who}); tidak ada perubahan."
        verb = "pratinjau" if self.status == "preview" else "diimpor"
        c = self.counts
        parts = [f"{_LABELS[t].lower()} {c[t].new} baru" for t in TABLES if t in c and (c[t].new or t in
                 ("officers", "attendance"))]
        dup = sum(x.duplicate for x in c.values())
        conflicts = sum(x.conflict for x in c.values())
        return (f"{self.path.name}: {verb} dari {who}: {', '.join(parts)}; {dup} duplikat dilewati; "
                f"{conflicts} konflik diselesaikan")


class _Preview(Exception):
    pass


def import_file(db: sqlite_utils.Database, path: Path | str, *, trust_new: bool = False,
                commit: bool = True, any_scope: bool = False, code: str | None = None,
                now: _dt.datetime | None = None, progress: Progress | None = None,
                establish: bool = False) -> ImportReport:
    """Verify a handover file and merge it in one transaction: all or nothing.

    commit=False is the preview: everything is checked and counted, then rolled back. A file
    from a device never seen before is refused unless the verification code printed on its
    berita acara is given (code: the GUI's "Cocok dengan berita acara?", the CLI's --code) or
    trust_new (the CLI's --trust-new; weaker, see exchange/authority.py). any_scope lifts the
    "file within this installation's region" rule (for aggregation above kabupaten level, e.g.
    the national benchmark). Times are judged against now (default: this computer's clock).
    establish: the file is a setup file applied on purpose (exchange/provisioning.py apply):
    its issuer and the offices above it become established here, its settings are saved.
    Never raises for any file: the report says 'refused' with the reason.
    """
    path = Path(path)
    report = ImportReport(path, "refused")
    with clock_at(now):
        _import_one(db, path, report, trust_new=trust_new, commit=commit, any_scope=any_scope, code=code,
                    progress=progress, establish=establish)
    return report


def _import_one(db, path: Path, report: ImportReport, *, trust_new: bool, commit: bool, any_scope: bool,
                code: str | None, progress: Progress | None, establish: bool) -> None:
    try:
        try:
            data = fileio.read_input(path, MAX_FILE_BYTES, "Berkas serah terima")
        except UserError as exc:
            raise ExchangeError(str(exc)) from exc
        report.file_hash = hashlib.sha256(data).hexdigest()
        if crypt.is_encrypted(data):
            try:
                data, report.encrypted = crypt.open_here(db, data), True
            except crypt.CryptError as exc:
                raise ExchangeError(str(exc)) from None
        package = _open_package(data)
        del data
        m = package.manifest
        report.device_id, report.role, report.wilayah = m.device_id, m.role, m.wilayah
        report.scope, report.created_at, report.fingerprint = m.scope, m.created_at, m.fingerprint
        inst = installation.require(db)
        if not any_scope and not inst.covers(m.scope):
            raise ExchangeError(
                f"berkas mencakup {m.scope} ({wilayah.name(m.scope)}), di luar wilayah instalasi ini "
                f"({inst.wilayah} {inst.wilayah_name}); minta pengirim mengekspor dengan --scope "
                f"{inst.wilayah}")
        if not establish and db.conn.execute("SELECT 1 FROM imports WHERE file_hash = ?",
                                             (report.file_hash,)).fetchone():
            report.status = "already"
            return
        with sessions.write_transaction(db):
            try:
                _merge(db, package, report, inst, trust_new=trust_new, preview=not commit,
                       any_scope=any_scope, code=code, progress=progress, establish=establish)
            finally:
                _drop_stage(db)
            if not commit:
                raise _Preview
            audit.record(db, "import", "serah_terima", report.scope, sum(c.new for c in report.counts.values()),
                         {"file": str(path), "sha256": report.file_hash, "device_id": report.device_id})
            tally.refresh(db)  # the recap counts of what this file changed, in the same transaction
        report.status = "imported"
    except _Preview:
        report.status = "preview"
    except ExchangeError as exc:
        report.status, report.reason = "refused", str(exc)
    except installation.InstallationError as exc:
        report.status, report.reason = "refused", str(exc)
    except sqlite3.IntegrityError as exc:
        report.status, report.reason = "refused", f"data bertentangan dengan database ({exc})"
    except (sqlite3.OperationalError, MemoryError):
        raise  # the database or the machine, not the file: the caller must hear it
    except Exception as exc:  # no input may end in a traceback (issue #12)
        report.status = "refused"
        report.reason = f"berkas tidak dapat diproses ({type(exc).__name__}: {str(exc)[:200]}); tidak ada yang diubah"


def _merge(db, package: _Package, report: ImportReport, inst, *, trust_new: bool, preview: bool,
           any_scope: bool, code: str | None, progress: Progress | None, establish: bool = False) -> None:
    m = package.manifest
    authority.check_scope(m)
    admission = authority.admit_signer(db, m, inst, trust_new=trust_new, code=code, any_scope=any_scope)
    # A check-in desk of this office (desks.py): enrolled by its kit's secret, then attendance only.
    kit = None if establish else desks.admit(db, m, inst, admission.new)
    known = None if admission.new else keys.trusted(db, m.device_id)
    desk_signer = kit is not None or (known is not None and known.basis == "desk")
    report.desk = kit.label if kit is not None else None
    report.warnings += [] if kit is not None else admission.warnings
    new_devices: dict[str, tuple[Manifest, str | None, str]] = {}
    if establish:
        from kpps_desktop.core.exchange import provisioning

        report.warnings += provisioning.establish(db, m, inst)
        report.new_device = admission.new
    elif admission.new and kit is not None:
        report.new_device = True  # known by its kit's secret: no code to compare (report.desk)
        new_devices[m.device_id] = (m, None, "desk")
    elif admission.new:
        if admission.basis is None and not preview:
            raise ExchangeError(
                f"perangkat baru {m.device_id[:8]} ({m.role.upper()} {m.wilayah} {wilayah.name(m.wilayah)}), "
                f"kode verifikasi {m.fingerprint}. Cocokkan kode itu dengan berita acara serah terima yang "
                "menyertai berkas, lalu ulangi dengan --code KODE (atau --trust-new, yang tidak menjadikannya "
                "tujuan enkripsi)")
        report.new_device = True
        new_devices[m.device_id] = (m, None, admission.basis or "trust_new")
    # Provenance: origin manifests carried by a PPK; each is checked against its own signer.
    origins = [m]
    for line in _member_records(package, PROVENANCE, MAX_MANIFEST_BYTES * 3):
        carried = _provenance_entry(line)
        if authority.admit_carried(db, carried, m, inst):
            previous = new_devices.get(carried.device_id)
            if previous and (previous[0].public_key, previous[0].role, previous[0].wilayah) != (
                    carried.public_key, carried.role, carried.wilayah):
                raise ExchangeError(f"dua kunci atau peran berbeda untuk perangkat {carried.device_id[:8]}")
            # A desk's key stays a desk's wherever its manifest travels: never a voice of its office.
            new_devices.setdefault(carried.device_id,
                                   (carried, m.device_id, "desk" if carried.desk is not None else "vouched"))
        origins.append(carried)
    for table in TABLES:
        db.conn.execute(_stage_ddl(table))
    _stage(db, package, m, origins, any_scope, progress)
    if desk_signer:  # before the references: a desk's file is judged by what a desk may send
        desks.check_records(db, m, kit, len(origins))
    _check_references(db, m.wilayah)
    authority.check_records(db, m)
    db.conn.execute("PRAGMA defer_foreign_keys = ON")
    report.counts = {t: TableCounts() for t in TABLES}
    _merge_versioned(db, "officers", report.counts["officers"])
    _merge_versioned(db, "sessions", report.counts["sessions"], frozen=authority.frozen_sessions(m))
    _merge_set(db, "session_officers", report.counts["session_officers"])
    _merge_immutable(db, "card_revocations", report.counts["card_revocations"])
    _merge_cards(db, report.counts["cards"])
    _merge_immutable(db, "attendance", report.counts["attendance"])
    if desk_signer:
        desks.merge_scans(db, m, kit)
    for device, (carried, vouched_by, basis) in new_devices.items():
        keys.trust(db, device, carried.role, carried.wilayah, carried.public_key, vouched_by, basis=basis,
                   encryption_key=carried.encryption_key)
    db.conn.executemany(
        "INSERT INTO signed_manifests (sha256, device_id, role, wilayah, created_at, manifest, signature) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [(o.sha256, o.device_id, o.role, o.wilayah, o.created_at, o.raw,
          _signature_of(package, o)) for o in origins])
    db.conn.execute(
        "INSERT INTO imports (id, file_hash, manifest_sha256, device_id, at, counts) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(file_hash) DO NOTHING",
        (dbmod.new_id(), report.file_hash, m.sha256, m.device_id, dbmod.utc_now(),
         json.dumps({t: dataclasses.asdict(c) for t, c in report.counts.items()})))


def _signature_of(package: _Package, manifest: Manifest) -> bytes:
    if manifest is package.manifest:
        return bytes.fromhex(b"".join(_inflate_raw(package.members[SIGNATURE])).decode("ascii"))
    for line in _inflate(package.members[PROVENANCE], MAX_MANIFEST_BYTES * 3):
        obj = json.loads(line)
        if obj["manifest"].encode("ascii") == manifest.raw:
            return bytes.fromhex(obj["signature"])
    raise AssertionError("manifest asal hilang")


def import_files(db: sqlite_utils.Database, paths: Iterable[Path | str], *, trust_new: bool = False,
                 commit: bool = True, any_scope: bool = False, code: str | None = None,
                 now: _dt.datetime | None = None, progress: Progress | None = None,
                 commit_records: int | None = None, codes: dict[str, str | None] | None = None
                 ) -> list[ImportReport]:
    """Each file on its own, all or nothing per file; one refused file does not stop the others.

    codes gives a file its own verification code (str(path) -> the code the user confirmed
    against that file's paper berita acara), over `code` for all: the one call both the CLI and
    the handover screen make.

    Several files share one transaction, each in its own savepoint (a refused file rolls back
    only itself). The transaction commits every commit_records new records and before this
    returns, so an 'imported' report is durable when the caller sees it; a crash in between
    loses only the files since the last commit, and importing them again is harmless. Why: a
    commit writes every index page the files touched, and scattered ids (attendance checked in
    all over the country at once) touch nearly one page per record, so fewer commits write far
    less (docs/benchmarks-exchange.md).
    """
    paths = list(paths)
    if not commit or db.conn.in_transaction or len(paths) < 2:
        return [import_file(db, p, trust_new=trust_new, commit=commit, any_scope=any_scope,
                            code=(codes or {}).get(str(p), code), now=now, progress=progress) for p in paths]
    limit = COMMIT_RECORDS if commit_records is None else commit_records
    reports: list[ImportReport] = []
    pending: list[ImportReport] = []
    written = 0

    def finish() -> None:
        nonlocal pending, written
        try:
            if not db.conn.in_transaction and pending:  # rolled back under us: say so, never "imported"
                raise sqlite3.OperationalError("transaksi dibatalkan SQLite")
            if db.conn.in_transaction:
                db.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            db.conn.rollback()
            for r in pending:
                r.status, r.reason = "refused", f"gagal disimpan ke database ({exc}); impor ulang berkas ini"
        pending, written = [], 0

    with _bulk_settings(db):
        try:
            for path in paths:
                if not db.conn.in_transaction:
                    db.conn.execute("BEGIN IMMEDIATE")
                report = import_file(db, path, trust_new=trust_new, any_scope=any_scope,
                                     code=(codes or {}).get(str(path), code), now=now, progress=progress)
                reports.append(report)
                if report.status == "imported":
                    pending.append(report)
                    written += sum(c.new + c.applied for c in report.counts.values())
                if written >= limit or not db.conn.in_transaction:
                    finish()
            finish()
        except BaseException:
            if db.conn.in_transaction:
                db.conn.rollback()
            raise
    return reports


@contextlib.contextmanager
def _bulk_settings(db) -> Iterator[None]:
    """A bigger page cache while several files import (bounded: it does not grow with the data)."""
    before = db.conn.execute("PRAGMA cache_size").fetchone()[0]
    wanted = -BULK_CACHE_KIB
    # Negative sizes are KiB, positive are pages; compare in KiB (pages of 4 KiB by default).
    if (-before if before < 0 else before * 4) < BULK_CACHE_KIB:
        db.conn.execute(f"PRAGMA cache_size = {wanted}")
    try:
        yield
    finally:
        db.conn.execute(f"PRAGMA cache_size = {before}")


