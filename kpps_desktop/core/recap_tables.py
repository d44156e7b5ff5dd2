"""The recap as tables for the exports and the screen: titles that name the region, columns, sheets."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from kpps_desktop.core import dates, roster, sessions, tabular, wilayah

format_date = dates.tanggal  # '2024-11-07' -> '7 November 2024' (callers outside core use this name)


def scope_text(r: "recap.Recap") -> str:
    """'Kabupaten Jepara', 'Desa/Kelurahan Kedungmalang, TPS 003': never a vague 'whole region'."""
    region = r.within or r.region
    if region:
        name = wilayah.name(region)
        level = wilayah.LEVEL_LABELS[wilayah.level_of(region)]
        text = name if name.startswith(("Kabupaten ", "Kota ")) else f"{level} {name}"
        return text + (f", TPS {r.tps:03d}" if r.tps is not None else "")
    return "Seluruh wilayah"


def coverage_text(r: "recap.Recap") -> str:
    """'187 dari 195 desa melapor' (what every total covers)."""
    c = r.coverage
    if r.by == "officer":
        return "1 TPS"
    return f"{c['reported']} dari {c['total']} desa/kelurahan melapor"


def sessions_text(r: "recap.Recap") -> str:
    states = r.coverage.get("sessions", {})
    notes = [f"{states[st]} {label.lower()}" for st, label in recap.STATE_LABELS.items()
             if st in (recap.NOT_HELD, recap.UNCLOSED) and states.get(st)]
    tail = f"; {', '.join(notes)}" if notes else ""
    if r.single:
        s = r.single
        hours = "–".join(t for t in (s.start_time, s.end_time) if t)
        return f"{s.title}, {format_date(s.date)}" + (f", {hours}" if hours else "") + tail.replace("; ", " (", 1) + (
            ")" if tail else "")
    if r.kinds:
        label = ", ".join(sessions.KINDS[k] for k in r.kinds)
    else:
        label = "Semua sesi" if r.all_sessions else "Sesi terpilih"
    return f"{label} ({len(r.sessions)} sesi{tail})"


def title(r: "recap.Recap") -> str:
    return f"Rekapitulasi Kehadiran KPPS per {recap.LEVEL_LABELS[r.by]}"


def _key_columns(by: str) -> list[tuple[str, str, float]]:
    """(field, header, xlsx width) of the key columns for a level."""
    if by == "kecamatan":
        return [("kode", "Kode", 11), ("nama", "Kecamatan", 24)]
    if by == "desa":
        return [("kode", "Kode", 15), ("nama", "Desa/Kelurahan", 24), ("kecamatan_nama", "Kecamatan", 20)]
    if by == "tps":
        return [("desa_nama", "Desa/Kelurahan", 22), ("nama", "TPS", 20), ("kecamatan_nama", "Kecamatan", 18)]
    return [("nama", "Nama", 28), ("jabatan_label", "Jabatan", 14), ("tps_label", "TPS", 12),
            ("desa_nama", "Desa/Kelurahan", 20)]


PEOPLE_COLUMNS = (("people", "Petugas (orang)"), ("people_all", "Ikut semua sesi wajib"),
                  ("people_some", "Absen sebagian"), ("people_none", "Absen semua"))


def shows_belum(r: "recap.Recap") -> bool:
    """'Belum tercatat' is a column only while a chosen session is still open."""
    return any(not s.closed_at for s in r.sessions)


def columns(r: "recap.Recap") -> list[tuple[str, str, float]]:
    """(field, header, width) of every column of an export or the screen, in order."""
    cols = _key_columns(r.by)
    if r.by == "officer" and r.single:
        cols.append(("status_label", "Status", 14))
    counts = [k for k in recap.COUNTS if k != "belum" or shows_belum(r)]
    cols += [(k, recap.COUNT_LABELS[k], 11) for k in counts]
    cols.append(("rate", "Persentase", 11))
    if r.people:
        cols += [(k, label, 12) for k, label in PEOPLE_COLUMNS]
    if r.by != "officer":
        cols.append(("keterangan", "Keterangan", 30))
    return cols


def remark(row: dict) -> str:
    """What a row's numbers leave out: a silent desa, desa not reporting, sessions not held or not closed."""
    if not row.get("reported", True):
        return recap.SILENT_LABEL
    parts = []
    if row.get("desa_total") and row["desa_reported"] < row["desa_total"]:
        parts.append(f"{row['desa_reported']} dari {row['desa_total']} desa melapor")
    if row.get("sessions_not_held"):
        parts.append(f"{row['sessions_not_held']} sesi belum dilaksanakan")
    if row.get("sessions_unclosed"):
        parts.append(f"{row['sessions_unclosed']} sesi belum ditutup")
    return "; ".join(parts)


def cell(row: dict, key: str):
    if key == "tps_label":
        return roster.tps_label(row["tps"], row.get("tps_label")) if row.get("tps") is not None else ""
    if key == "status_label":
        return status_label(row)
    if key == "keterangan":
        return remark(row)
    if not row.get("reported", True) and key in recap.COUNTS and key != "expected":
        return None  # a silent desa: nothing known but who was expected
    return row.get(key)


def status_label(row: dict) -> str:
    if row.get("officer_status") == "diganti":
        return "Diganti (PAW)"
    return sessions.STATUS_LABELS.get(row.get("status"), "Belum tercatat")


def table(r: "recap.Recap") -> tabular.Table:
    cols = columns(r)
    keys = [k for k, _, _ in cols]
    rate_col = keys.index("rate")
    body = [[cell(row, k) for k in keys] for row in r.rows]
    n_keys = len(_key_columns(r.by)) + (r.by == "officer" and r.single is not None)
    totals = ["Jumlah"] + [""] * (n_keys - 1) + [r.total.get(k, "") for k in keys[n_keys:]]
    if "keterangan" in keys:
        totals[keys.index("keterangan")] = coverage_text(r)
    counted = [row.get("reported", True) for row in r.rows]
    return tabular.Table(
        header=[h for _, h, _ in cols], rows=body, totals=totals, widths=[w for _, _, w in cols],
        title=title(r).upper(),
        subtitle=[f"Wilayah: {scope_text(r)}", f"Cakupan: {coverage_text(r)}", f"Sesi: {sessions_text(r)}"],
        number_formats={rate_col: "0.0%"}, sheet="Rekap", formulas=formulas(r, keys, counted), counted=counted)


def formulas(r: "recap.Recap", keys: list[str], counted: list[bool]) -> dict[tuple[int, int], str]:
    """XLSX formulas: per reported row 'Hadir (total)' = the three present statuses and the rate =
    present / expected sessions held; the total's rate likewise from the totals row. A count
    corrected in Excel keeps every dependent number right (sessions not held stay as counted)."""
    col = {k: i for i, k in enumerate(keys)}
    present = "+".join(f"{{c{col[k]}}}" for k in sessions.PRESENT)

    def rate(not_held: int) -> str:
        held = f"{{c{col['expected']}}}" + (f"-{not_held}" if not_held else "")
        return f'=IF({held}>0,{{c{col["present"]}}}/({held}),"")'

    out: dict[tuple[int, int], str] = {}
    for i, (row, reported) in enumerate(zip(r.rows, counted)):
        if reported:
            out[i, col["present"]] = "=" + present
            out[i, col["rate"]] = rate(row.get("not_held", 0))
    out[tabular.TOTALS, col["rate"]] = rate(r.total.get("not_held", 0))
    return out


def silent_table(r: "recap.Recap") -> tabular.Table:
    """The desa that never handed a file over, for the sheet 'Belum mengirim'."""
    rows = [[d, wilayah.name(d), wilayah.name(d[:8])] for d in r.coverage.get("silent", [])]
    return tabular.Table(header=["Kode", "Desa/Kelurahan", "Kecamatan"], rows=rows, widths=[15, 26, 22],
                         title="DESA/KELURAHAN YANG BELUM MENGIRIM DATA",
                         subtitle=[f"Wilayah: {scope_text(r)}", f"Cakupan: {coverage_text(r)}"],
                         sheet="Belum mengirim")


@dataclass
class AbsentGroup:
    """A kecamatan (with its desa as children) or a desa (with its absentee rows) of an absentee list."""
    kode: str
    nama: str
    count: int  # absentee rows: (session, officer) pairs
    people: int  # officers among them
    children: list["AbsentGroup"] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)  # a desa's rows, by TPS, name and session


def absentee_groups(rows: Sequence[dict]) -> list[AbsentGroup]:
    """Absentees grouped by kecamatan and desa with their counts, as a PPK or KPU reads them
    (the screen's tree and the XLSX sheet 'Tidak hadir' both)."""
    ordered = sorted(rows, key=lambda a: (a["desa"], a["tps"], a["nama"], a["session_date"], a["session_title"]))
    out: list[AbsentGroup] = []
    for a in ordered:
        desa, kec = a["desa"], a["desa"][:8]
        if not out or out[-1].kode != kec:
            out.append(AbsentGroup(kec, wilayah.name(kec), 0, 0))
        group = out[-1]
        if not group.children or group.children[-1].kode != desa:
            group.children.append(AbsentGroup(desa, wilayah.name(desa), 0, 0))
        group.children[-1].rows.append(a)
    for group in out:
        for d in group.children:
            d.count, d.people = len(d.rows), len({a["officer_id"] for a in d.rows})
        group.count, group.people = sum(d.count for d in group.children), sum(d.people for d in group.children)
    return out


def count_text(count: int, people: int) -> str:
    """'152 (120 orang)': absentee records and the officers they are."""
    return f"{count:,} ({people:,} orang)".replace(",", ".")


def absentee_table(r: "recap.Recap", rows: Sequence[dict]) -> tabular.Table:
    """Absentees grouped by kecamatan and desa, for the sheet 'Tidak hadir': a bold row per kecamatan
    and per desa with its count (folding in Excel's outline), the places repeated on every name so
    the sheet still filters."""
    body: list[list] = []
    outline: list[int] = []
    groups = absentee_groups(rows)
    for kec in groups:
        body.append([kec.nama, "", "", "", "", "", "", count_text(kec.count, kec.people)])
        outline.append(0)
        for desa in kec.children:
            body.append([kec.nama, desa.nama, "", "", "", "", "", count_text(desa.count, desa.people)])
            outline.append(1)
            for a in desa.rows:
                body.append([kec.nama, desa.nama, roster.tps_label(a["tps"], a.get("tps_label")), a["nama"],
                             roster.JABATAN_LABELS.get(a["jabatan"], a["jabatan"]), a["session_title"],
                             sessions.STATUS_LABELS.get(a["status"], "Belum tercatat"), ""])
                outline.append(2)
    people = sum(k.people for k in groups)
    return tabular.Table(header=["Kecamatan", "Desa/Kelurahan", "TPS", "Nama", "Jabatan", "Sesi", "Status", "Jumlah"],
                         rows=body, widths=[18, 22, 10, 28, 14, 26, 16, 16], title="PETUGAS TIDAK HADIR",
                         subtitle=[f"Wilayah: {scope_text(r)}", f"Sesi: {sessions_text(r)}"], sheet="Tidak hadir",
                         totals=["Jumlah", "", "", "", "", "", "", count_text(len(rows), people)], outline=outline)


def anomaly_table(r: "recap.Recap", flags: Sequence) -> tabular.Table:
    body = [[f.label, f.kecamatan_nama, f.desa_nama, f.session_title, f.device, len(f.events), f.explanation]
            for f in flags]
    return tabular.Table(header=["Tanda", "Kecamatan", "Desa/Kelurahan", "Sesi", "Perangkat", "Presensi",
                                 "Penjelasan"], rows=body, widths=[24, 18, 22, 26, 22, 10, 80],
                         title="ANOMALI PRESENSI", subtitle=[f"Wilayah: {scope_text(r)}"], sheet="Anomali")


def workbook(r: "recap.Recap", absent: Sequence[dict] = (), flags: Sequence = ()) -> list[tabular.Table]:
    """The sheets of the XLSX export: the recap, the silent desa, the anomalies, the absentees."""
    return [table(r), silent_table(r), anomaly_table(r, flags), absentee_table(r, absent)]


# Last: recap imports this module at its end, so either can be imported first.
from kpps_desktop.core import recap  # noqa: E402
