"""Anomaly flags over the attendance log: what no spreadsheet shows. They inform, they never change data.

Each flag names where to look: kecamatan, desa, session and the device (its role and region
when known, from the handover keys), with the events involved.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Sequence

import sqlite_utils

from kpps_desktop.core import dates, installation, sessions, wilayah
from kpps_desktop.core.checkin import Method

BURST_COUNT, BURST_SECONDS = 20, 10
# A sustained pace no queue reaches: a desk scanning a card, checking a face and the next card
# in line takes 4–6 s, so 30 in one minute means cards scanned without their owners.
RATE_COUNT, RATE_SECONDS = 30, 60
MANUAL_SHARE, MANUAL_MIN_EVENTS = 0.30, 10
PAPER_SAME_TIME = 10  # paper entries of one session written with one identical time
DEVICE_DESA = 2  # one device checking in officers of this many desa (in desa sessions)
WINDOW_SLACK = _dt.timedelta(hours=1)
DOUBLE_MINUTES = 5
# Entered live at a desk (paper entries copy a signed list later and have their own rule).
LIVE_METHODS = (Method.SCANNER, Method.CAMERA, Method.MANUAL)
ANOMALY_LABELS = {
    "burst": "Presensi terlalu cepat",
    "manual": "Banyak presensi manual",
    "paper_same_time": "Jam di daftar hadir kertas sama",
    "device_many_desa": "Satu perangkat untuk banyak desa",
    "outside_window": "Di luar jam sesi",
    "clock": "Jam perangkat tidak wajar",
    "double": "Hadir di dua sesi sekaligus",
    "replaced": "Presensi petugas yang sudah diganti",
}
_ROLE = {"pps": "PPS", "ppk": "PPK", "kpu": "KPU"}


@dataclass
class Anomaly:
    kind: str  # one of ANOMALY_LABELS
    explanation: str  # one or two Indonesian sentences
    events: list[dict] = field(default_factory=list)  # the attendance events involved
    kecamatan: str = ""  # region codes and names of where the events happened (the most frequent)
    kecamatan_nama: str = ""
    desa: str = ""
    desa_nama: str = ""
    session_id: str = ""
    session_title: str = ""
    device_id: str = ""
    device: str = ""  # the device's label: 'PPS Kedungmalang (1a2b3c4d)'

    @property
    def label(self) -> str:
        return ANOMALY_LABELS[self.kind]

    def as_json(self) -> dict:
        return {"kind": self.kind, "label": self.label, "explanation": self.explanation,
                "kecamatan": self.kecamatan, "kecamatan_nama": self.kecamatan_nama, "desa": self.desa,
                "desa_nama": self.desa_nama, "session_id": self.session_id, "session_title": self.session_title,
                "device_id": self.device_id, "device": self.device,
                "events": [{k: e[k] for k in _EVENT_FIELDS} for e in self.events]}


_EVENT_FIELDS = ("id", "session_id", "session_title", "officer_id", "nama", "desa", "status", "at", "device_id",
                 "method")


def device_labels(db: sqlite_utils.Database) -> dict[str, str]:
    """device id -> 'PPS Kedungmalang (1a2b3c4d)' for every device whose role and region are known."""
    known = {d: (role, region) for d, role, region in
             db.conn.execute("SELECT device_id, role, wilayah FROM trusted_devices")}
    inst = installation.get(db)
    if inst is not None:
        known[inst.device_id] = (inst.role, inst.wilayah)
    return {d: f"{_ROLE.get(role, role.upper())} {wilayah.name(region)} ({d[:8]})" for d, (role, region) in known.items()}


def _events(db: sqlite_utils.Database, session_ids: Sequence[str] | None, within: str | None) -> list[dict]:
    event_where, params = recap._ids_filter(session_ids, "a.session_id")
    within_where, wparams = recap._within_filter(within, None)
    cur = db.conn.execute(f"""
        SELECT a.id, a.session_id, s.title AS session_title, s.date, s.start_time, s.end_time, s.scope_kind,
               a.officer_id, o.nama, o.desa, a.status, a.at, a.device_id, a.method,
               o.status AS officer_status, r.created_at AS replaced_at
        FROM attendance a JOIN sessions s ON s.id = a.session_id
        JOIN officers o ON o.id = a.officer_id
        LEFT JOIN officers r ON r.id = o.replaced_by
        WHERE ({event_where}) AND a.status != 'undo' AND a.method != 'close' AND {within_where}
          AND NOT EXISTS (SELECT 1 FROM attendance u WHERE u.session_id = a.session_id
                          AND u.officer_id = a.officer_id AND u.status = 'undo' AND u.corrects = a.id)
        ORDER BY a.device_id, julianday(a.at)""", {**params, **wparams})
    keys = [d[0] for d in cur.description]
    out = []
    for row in cur.fetchall():
        e = dict(zip(keys, row))
        e["when"] = dates.instant(e["at"])
        out.append(e)
    return out


def _runs(evs: list[dict], count: int, seconds: int) -> list[bool]:
    """Which events lie in some window of `seconds` holding at least `count` events (evs sorted by time)."""
    window = _dt.timedelta(seconds=seconds)
    flagged = [False] * len(evs)
    j = 0
    for i, e in enumerate(evs):  # two pointers: evs[i:j] is the window starting at e
        while j < len(evs) and evs[j]["when"] - e["when"] < window:
            j += 1
        if j - i >= count:
            flagged[i:j] = [True] * (j - i)
    return flagged


def _bursts(events: list[dict]) -> list[Anomaly]:
    found = []
    by_device: dict[str, list[dict]] = defaultdict(list)
    for e in events:
        if e["method"] in LIVE_METHODS:
            by_device[e["device_id"]].append(e)
    for device, evs in by_device.items():
        evs.sort(key=lambda e: e["when"])
        flagged = [a or b for a, b in zip(_runs(evs, BURST_COUNT, BURST_SECONDS), _runs(evs, RATE_COUNT, RATE_SECONDS))]
        cluster: list[dict] = []
        for e, flag in zip(evs, flagged):  # overlapping windows make one run, one flag
            if flag:
                cluster.append(e)
            elif cluster:
                found.append(_burst(device, cluster))
                cluster = []
        if cluster:
            found.append(_burst(device, cluster))
    return found


def _burst(device: str, cluster: list[dict]) -> Anomaly:
    seconds = (cluster[-1]["when"] - cluster[0]["when"]).total_seconds()
    per_minute = len(cluster) / max(seconds, 1) * 60
    return Anomaly("burst", (
        f"{len(cluster)} presensi dalam {seconds:.0f} detik (≈ {per_minute:.0f} per menit) dari {{device}} "
        f"(pukul {cluster[0]['at'][11:19]}). Satu meja tidak dapat memindai secepat ini "
        f"(≥ {BURST_COUNT} dalam {BURST_SECONDS} detik atau ≥ {RATE_COUNT} dalam {RATE_SECONDS} detik): "
        "periksa apakah kartu dipindai tanpa pemiliknya."), cluster)


def _manual_share(events: list[dict]) -> list[Anomaly]:
    found = []
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for e in events:
        if e["method"] in LIVE_METHODS:
            groups[(e["device_id"], e["session_id"])].append(e)
    for evs in groups.values():
        manual = [e for e in evs if e["method"] == "manual"]
        if len(evs) >= MANUAL_MIN_EVENTS and len(manual) / len(evs) > MANUAL_SHARE:
            found.append(Anomaly("manual", (
                f"{len(manual)} dari {len(evs)} presensi ({len(manual) / len(evs):.0%}) di sesi "
                f"'{evs[0]['session_title']}' pada {{device}} dicatat manual, tanpa kartu. "
                f"Lebih dari {MANUAL_SHARE:.0%} patut diperiksa dengan daftar hadir bertanda tangan."),
                manual))
    return found


def _paper_same_time(events: list[dict]) -> list[Anomaly]:
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for e in events:
        if e["method"] == "paper":
            groups[(e["session_id"], e["at"][:16])].append(e)
    return [Anomaly("paper_same_time", (
        f"{len(evs)} presensi dari daftar hadir kertas di sesi '{evs[0]['session_title']}' semuanya "
        f"berjam {evs[0]['at'][11:16]}, dimasukkan oleh {{device}}. Orang datang bergantian: jam yang sama "
        "untuk semua berarti jam tidak disalin dari kertas; cocokkan dengan daftar hadir bertanda tangan."), evs)
        for evs in groups.values() if len(evs) >= PAPER_SAME_TIME]


def _device_many_desa(events: list[dict]) -> list[Anomaly]:
    by_device: dict[str, list[dict]] = defaultdict(list)
    for e in events:
        if e["scope_kind"] == "desa" and e["method"] != "desk":
            by_device[e["device_id"]].append(e)
    found = []
    for evs in by_device.values():
        desas = Counter(e["desa"] for e in evs)
        if len(desas) >= DEVICE_DESA:
            names = ", ".join(wilayah.name(d) for d, _ in desas.most_common(5))
            more = f" dan {len(desas) - 5} lainnya" if len(desas) > 5 else ""
            found.append(Anomaly("device_many_desa", (
                f"{{device}} mencatat presensi sesi desa untuk {len(desas)} desa ({names}{more}), "
                f"{len(evs)} presensi. Perangkat PPS biasanya hanya untuk satu desa: periksa siapa yang memakainya."),
                evs))
    return found


def _time_window(events: list[dict]) -> list[Anomaly]:
    clock: dict[str, list[dict]] = defaultdict(list)
    outside: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for e in events:
        if e["method"] == "desk":
            continue  # an izin letter is recorded whenever it arrives
        if _dt.datetime.fromisoformat(e["at"]).tzinfo is None:
            # Stored before the clock rule (issue #12) without a UTC offset: read as UTC, flagged.
            clock[e["device_id"]].append(e)
            continue
        local = e["when"].replace(tzinfo=None)  # wall-clock time, like the session's hours
        day = _dt.date.fromisoformat(e["date"])
        if abs((local.date() - day).days) > dates.CLOCK_TOLERANCE_DAYS:
            clock[e["device_id"]].append(e)
            continue
        start = _dt.datetime.combine(day, _dt.time.fromisoformat(e["start_time"])) if e["start_time"] else None
        end = _dt.datetime.combine(day, _dt.time.fromisoformat(e["end_time"])) if e["end_time"] else None
        if (start and local < start - WINDOW_SLACK) or (end and local > end + WINDOW_SLACK):
            outside[(e["session_id"], e["device_id"])].append(e)
    found = [Anomaly("clock", (
        f"{len(evs)} presensi dari {{device}} bertanggal jauh dari tanggal sesinya atau "
        f"tanpa zona waktu (mis. {evs[0]['at'][:25]} untuk sesi tanggal {evs[0]['date']}). Jam atau tanggal "
        "perangkat kemungkinan salah; urutan kejadian dari perangkat ini tidak dapat dipercaya."), evs)
        for evs in clock.values()]
    for evs in outside.values():
        e = evs[0]
        hours = "–".join(t for t in (e["start_time"], e["end_time"]) if t)
        found.append(Anomaly("outside_window", (
            f"{len(evs)} presensi di sesi '{e['session_title']}' (jam {hours}) dicatat lebih dari satu jam "
            f"di luar jam sesi oleh {{device}} (mis. pukul {e['at'][11:16]})."), evs))
    return found


def _overlap(a: dict, b: dict) -> bool:
    if a["date"] != b["date"]:
        return False
    if a["start_time"] and a["end_time"] and b["start_time"] and b["end_time"]:
        return a["start_time"] < b["end_time"] and b["start_time"] < a["end_time"]
    return True  # without hours, the same day is as close as we can tell


def _doubles(events: list[dict]) -> list[Anomaly]:
    by_officer: dict[str, list[dict]] = defaultdict(list)
    for e in events:
        if e["status"] in sessions.CHECKED_IN:
            by_officer[e["officer_id"]].append(e)
    found = []
    gap = _dt.timedelta(minutes=DOUBLE_MINUTES)
    for evs in by_officer.values():
        if len({e["session_id"] for e in evs}) < 2:
            continue
        evs.sort(key=lambda e: e["when"])
        pairs = [(a, b) for i, a in enumerate(evs) for b in evs[i + 1:]
                 if a["session_id"] != b["session_id"] and abs(b["when"] - a["when"]) <= gap and _overlap(a, b)]
        if pairs:
            involved = list({id(x): x for pair in pairs for x in pair}.values())
            a, b = pairs[0]
            found.append(Anomaly("double", (
                f"{a['nama']} tercatat hadir di '{a['session_title']}' pukul {a['at'][11:16]} dan di "
                f"'{b['session_title']}' pukul {b['at'][11:16]}, dua sesi yang waktunya bersamaan. "
                "Satu orang tidak dapat hadir di dua tempat; mungkin kartunya dipakai orang lain."), involved))
    return found


def _replaced(events: list[dict]) -> list[Anomaly]:
    by_officer: dict[str, list[dict]] = defaultdict(list)
    for e in events:
        if e["officer_status"] != "diganti":
            continue
        # The replacement's creation is when the PAW happened; attendance before it is fine.
        since = dates.instant(e["replaced_at"]) if e["replaced_at"] else None
        if since is None or e["when"] >= since:
            by_officer[e["officer_id"]].append(e)
    return [Anomaly("replaced", (
        f"{evs[0]['nama']} sudah diganti (PAW) tetapi tercatat {len(evs)} presensi sesudahnya "
        f"(mis. '{evs[0]['session_title']}'). Presensi ini tidak dihitung; periksa siapa yang hadir."), evs)
        for evs in by_officer.values()]


def _place(flag: Anomaly, labels: dict[str, str]) -> Anomaly:
    """Fill in where the events happened (the most frequent desa, session and device) and name the device."""
    evs = flag.events
    desa = Counter(e["desa"] for e in evs).most_common(1)[0][0]
    session = Counter((e["session_id"], e["session_title"]) for e in evs).most_common(1)[0][0]
    device = Counter(e["device_id"] for e in evs).most_common(1)[0][0]
    flag.desa, flag.desa_nama = desa, wilayah.name(desa)
    flag.kecamatan, flag.kecamatan_nama = desa[:8], wilayah.name(desa[:8])
    flag.session_id, flag.session_title = session
    flag.device_id = device
    flag.device = labels.get(device, f"perangkat {device[:8]}")
    flag.explanation = flag.explanation.replace("{device}", flag.device)
    return flag


def anomalies(db: sqlite_utils.Database, session_ids: Sequence[str] | None = None,
              within: str | None = None) -> list[Anomaly]:
    """Every flag over the chosen sessions (None = all), each placed: kecamatan, desa, session, device."""
    events = _events(db, session_ids, within)
    found = (_bursts(events) + _manual_share(events) + _paper_same_time(events) + _device_many_desa(events)
             + _time_window(events) + _doubles(events) + _replaced(events))
    labels = device_labels(db)
    return sorted((_place(f, labels) for f in found), key=lambda f: (f.desa, f.session_title, f.kind))


# Last: recap imports this module at its end, so either can be imported first.
from kpps_desktop.core import recap  # noqa: E402
