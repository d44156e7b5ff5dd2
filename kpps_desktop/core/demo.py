"""Demo data: a plausible, deterministic KPPS roster and sessions for a region (default Jepara)."""

from __future__ import annotations

import datetime as _dt
import functools
import random
import uuid
from dataclasses import dataclass

import sqlite_utils

from kpps_desktop import assets
from kpps_desktop.core import db as dbmod
from kpps_desktop.core import installation, nik as nikmod, wilayah
from kpps_desktop.core.progress import Progress
from kpps_desktop.core.errors import InputError

JEPARA = "33.20"
# Pilkada 2024 figures for Kabupaten Jepara (see docs/domain.md): 1,743 TPS in 195 desa.
JEPARA_TPS, JEPARA_DESA = 1743, 195
MIN_TPS_PER_DESA = 2
SEATS = ("ketua",) + ("anggota",) * 6  # 7 KPPS per TPS
SESSION_DAY = _dt.date(2024, 11, 7)
# Officers are 17-60 years old on the session day.
BORN_LATEST = _dt.date(2007, 11, 7)
BORN_EARLIEST = _dt.date(1963, 11, 8)
# Neighbouring kabupaten whose NIKs turn up in Jepara rosters (people who moved).
NEIGHBOURS = {JEPARA: {"Kudus": "33.19", "Pati": "33.18"}}
OTHER_BIRTHPLACES = {
    "Kudus": 5, "Pati": 4, "Demak": 3, "Semarang": 2, "Rembang": 1.5, "Grobogan": 1,
    "Jakarta": 1, "Blora": 0.5, "Surabaya": 0.5, "Tegal": 0.5, "Boyolali": 0.5,
}
PHONE_PREFIXES = ("0812", "0813", "0821", "0822", "0823", "0852", "0853", "0857", "0858",
                  "0877", "0878", "0895", "0896", "0838", "0831", "0881")
# Fixed namespace so ids are the same on every machine: a desa's demo merges cleanly
# into its kabupaten's demo.
_NS = uuid.UUID("5d1b7c1e-6f1c-4c7e-9a51-4b5050530001")

_OFFICER_COLUMNS = ("id", "nik", "nama", "jk", "tempat_lahir", "tanggal_lahir", "alamat", "telepon",
                    "desa", "tps", "tps_label", "jabatan", "is_demo", "created_at", "updated_at",
                    "device_id")
_SESSION_COLUMNS = ("id", "kind", "title", "date", "start_time", "end_time", "venue", "scope_kind",
                    "scope", "is_demo", "created_at", "updated_at", "device_id")


def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    # DO NOTHING on a uniqueness conflict only (NIK, id): re-running never duplicates and
    # never overwrites an officer already there, demo or real.
    return (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
            "ON CONFLICT DO NOTHING")


class DemoError(InputError):
    """A region the demo cannot be generated for; the message is for the user."""


@dataclass(frozen=True)
class DemoResult:
    kode: str  # the region filled
    officers: int
    tps: int
    desa: int
    sessions: int
    added: int  # officers newly inserted (0 when the demo was already there)

    def __str__(self) -> str:
        from kpps_desktop.core.paperwork import ribuan

        return (f"{ribuan(self.officers)} petugas, {ribuan(self.tps)} TPS, {ribuan(self.desa)} desa, "
                f"{ribuan(self.sessions)} sesi ({ribuan(self.added)} petugas baru)")


@functools.lru_cache(maxsize=1)
def _names() -> dict[str, tuple[str, ...]]:
    text = assets.path("nama.txt").read_text("utf-8")
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), [])
        else:
            current.append(line)
    return {key: tuple(values) for key, values in sections.items()}


def tps_plan(kabupaten: str, seed: int = 0) -> dict[str, list[str | None]]:
    """TPS of every desa in a kabupaten: desa code -> one label per TPS (None = ordinary).

    Always planned for the whole kabupaten, so a desa's part is the same whichever region
    the demo is made for.
    """
    desas = wilayah.descendants(kabupaten, "desa")
    if not desas:
        raise DemoError(f"Wilayah {kabupaten} ({wilayah.name(kabupaten)}) tidak memiliki desa/kelurahan.")
    rng = random.Random(f"kpps-demo:{seed}:{kabupaten}")
    n = len(desas)
    total = JEPARA_TPS if kabupaten == JEPARA else round(n * JEPARA_TPS / JEPARA_DESA)
    total = max(total, MIN_TPS_PER_DESA * n)
    # A seeded "population" per desa; TPS beyond the minimum are shared by largest remainder.
    weights = [rng.lognormvariate(0, 0.5) for _ in desas]
    extra = total - MIN_TPS_PER_DESA * n
    shares = [extra * w / sum(weights) for w in weights]
    counts = [MIN_TPS_PER_DESA + int(s) for s in shares]
    by_remainder = sorted(range(n), key=lambda i: (int(shares[i]) - shares[i], i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    plan: dict[str, list[str | None]] = {d.kode: [None] * c for d, c in zip(desas, counts)}
    # The detention centre sits in the kecamatan named after the kabupaten (Rutan Jepara in
    # kecamatan Jepara); two pesantren anywhere else. Each takes its desa's last TPS number.
    town = wilayah.name(kabupaten).removeprefix("Kabupaten ").removeprefix("Kota ")
    kecs = wilayah.children(kabupaten)
    rutan_kec = next((k.kode for k in kecs if k.nama == town), kecs[0].kode)
    rutan = rng.choice([d.kode for d in desas if wilayah.is_within(d.kode, rutan_kec)])
    pesantren = rng.sample([d.kode for d in desas if d.kode != rutan], 2)
    for kode, label in ((rutan, "Rutan"), (pesantren[0], "Pesantren"), (pesantren[1], "Pesantren")):
        plan[kode][-1] = label
    return plan


def _nama(rng: random.Random, jk: str) -> str:
    names = _names()
    first = rng.choice(names["depan_l" if jk == "L" else "depan_p"])
    second = rng.choice(names["belakang_l" if jk == "L" else "belakang_p"])
    r = rng.random()
    if r < 0.12 or first == second:
        return first  # many Javanese go by one name
    if jk == "L" and r < 0.22:
        return f"Muhammad {first}"
    if jk == "L" and r < 0.26:
        return f"Muhammad {first} {second}"
    if jk == "P" and r < 0.20:
        return f"Nur {second}"
    return f"{first} {second}"


def _officers(kabupaten: str, seed: int, plan: dict[str, list[str | None]]) -> dict[str, list[tuple]]:
    """Officer rows (id .. jabatan) per desa for the whole kabupaten, NIKs unique across it."""
    town = wilayah.name(kabupaten).removeprefix("Kabupaten ").removeprefix("Kota ")
    places = {town: 80.0, **{p: w for p, w in OTHER_BIRTHPLACES.items() if p != town}}
    place_names, place_weights = list(places), list(places.values())
    neighbours = {place: [k.kode.replace(".", "") for k in wilayah.children(kab)]
                  for place, kab in NEIGHBOURS.get(kabupaten, {}).items()}
    own_kecs = [k.kode.replace(".", "") for k in wilayah.children(kabupaten)]
    lo, hi = BORN_EARLIEST.toordinal(), BORN_LATEST.toordinal()
    used: set[str] = set()
    out: dict[str, list[tuple]] = {}
    for desa, labels in plan.items():
        rng = random.Random(f"kpps-demo:{seed}:{desa}")
        desa_name = wilayah.name(desa)
        kec6 = desa[:8].replace(".", "")
        rw_count = rng.randint(3, 12)
        rows = out[desa] = []
        for tps, label in enumerate(labels, 1):
            # Every TPS has at least 2 women of 7, so the 30% rule holds per TPS; ~39% overall.
            women = rng.choices((2, 3, 4), (40, 45, 15))[0]
            sexes = ["P"] * women + ["L"] * (len(SEATS) - women)
            rng.shuffle(sexes)
            rw = rng.randint(1, rw_count)  # a TPS serves one neighbourhood
            for jabatan, jk in zip(SEATS, sexes):
                mode = hi - (42 if jabatan == "ketua" else 32) * 365
                born = _dt.date.fromordinal(min(hi, int(rng.triangular(lo, hi + 1, mode))))
                tempat = rng.choices(place_names, place_weights)[0]
                r = rng.random()
                if tempat in neighbours and r < 0.6:
                    region6 = rng.choice(neighbours[tempat])
                elif r < 0.05:
                    region6 = rng.choice(own_kecs)  # moved within the kabupaten
                else:
                    region6 = kec6
                serial = rng.randint(1, 40)
                nik = nikmod.make(region6, born, jk, serial)
                while nik in used:
                    serial += 1
                    nik = nikmod.make(region6, born, jk, serial)
                used.add(nik)
                home_rw = rw if rng.random() < 0.85 else rng.randint(1, rw_count)
                rows.append((
                    uuid.uuid5(_NS, f"{seed}:{nik}").hex, nik, _nama(rng, jk), jk, tempat,
                    born.isoformat(), f"RT {rng.randint(1, 8):03d} RW {home_rw:03d}, {desa_name}",
                    rng.choice(PHONE_PREFIXES) + str(rng.randrange(10**7, 10**9)),
                    desa, tps, label, jabatan,
                ))
    return out


def _sessions(desa: str) -> list[tuple]:
    """The pelantikan and the bimtek of one desa, on the same day (rows without timestamps)."""
    nama = wilayah.name(desa)
    # Kemendagri codes: the 4-digit part starts with 1 for a kelurahan, 2 for a desa.
    kelurahan = desa.rsplit(".", 1)[1].startswith("1")
    level = "Kelurahan" if kelurahan else "Desa"
    venue = f"Kantor Kelurahan {nama}" if kelurahan else f"Balai Desa {nama}"
    day = SESSION_DAY.isoformat()
    return [
        (uuid.uuid5(_NS, f"session:{desa}:pelantikan").hex, "pelantikan",
         f"Pelantikan KPPS {level} {nama}", day, "08:00", "10:00", venue, "desa", desa),
        (uuid.uuid5(_NS, f"session:{desa}:bimtek").hex, "bimtek",
         f"Bimbingan Teknis KPPS {level} {nama}", day, "10:00", "15:00", venue, "desa", desa),
    ]


def _target(current: installation.Installation | None, kode: str | None) -> wilayah.Wilayah:
    """The region to fill, checked against the installation's scope before anything is written."""
    if kode is None:
        kode = current.wilayah if current else JEPARA
    kode = wilayah.normalize_code(kode)
    region = wilayah.get(kode)
    if region is None:
        raise DemoError(f"Kode wilayah '{kode}' tidak dikenal.")
    if region.level not in installation.LEVEL_ROLE:
        raise DemoError(
            f"{region.kode} ({region.nama}) adalah {wilayah.LEVEL_LABELS[region.level]}; data demo "
            "dibuat untuk satu kabupaten/kota, kecamatan, atau desa/kelurahan."
        )
    if current is not None and not current.covers(region.kode):
        raise DemoError(
            f"{region.kode} ({region.nama}) berada di luar wilayah instalasi ini "
            f"({current.role.upper()} {current.wilayah} {current.wilayah_name}); data demo hanya "
            "dapat dibuat di dalam wilayah tersebut."
        )
    return region


def generate(db: sqlite_utils.Database, kode: str | None = None, *, seed: int = 0,
             progress: Progress | None = None) -> DemoResult:
    """Fill a region (default Kabupaten Jepara, or the installation's own) with demo data.

    A new database is first set up as KPU, PPK or PPS for that region. Same seed, same data;
    running again adds nothing. Everything is one transaction: a cancel leaves nothing.
    """
    current = installation.get(db)
    region = _target(current, kode)
    kabupaten = region.kode[:5]
    plan = tps_plan(kabupaten, seed)
    people = _officers(kabupaten, seed, plan)
    desas = [d for d in plan if wilayah.is_within(d, region.kode)]
    if progress is not None:
        progress.set_total(len(desas), f"Membuat data demo {region.nama}…")
    officer_sql = _insert_sql("officers", _OFFICER_COLUMNS)
    session_sql = _insert_sql("sessions", _SESSION_COLUMNS)
    now = dbmod.utc_now()
    officers = sessions = added = 0
    with db.atomic():
        if current is None:
            installation.init(db, installation.LEVEL_ROLE[region.level], region.kode, demo=True)
        dbmod.set_meta(db, "demo", "1")
        tail = (1, now, now, dbmod.device_id(db))
        for desa in desas:
            # rowcount: rows this statement inserted (total_changes would count the triggers' too)
            added += db.conn.executemany(officer_sql, [row + tail for row in people[desa]]).rowcount
            desa_sessions = _sessions(desa)
            db.conn.executemany(session_sql, [row + tail for row in desa_sessions])
            officers += len(people[desa])
            sessions += len(desa_sessions)
            if progress is not None:
                progress.tick(message=wilayah.name(desa))
    return DemoResult(kode=region.kode, officers=officers, tps=sum(len(plan[d]) for d in desas),
                      desa=len(desas), sessions=sessions, added=added)
