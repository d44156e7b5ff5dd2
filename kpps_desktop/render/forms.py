"""Paper forms: the daftar hadir a session's officers sign (SPJ evidence), the roster sheet with QR codes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlite_utils
from PySide6.QtCore import QLineF, Qt
from PySide6.QtGui import QPainter, QPen

from kpps_desktop.core import cards as cardmod
from kpps_desktop.core import nik as nikmod
from kpps_desktop.core import dates, paperwork, roster, sessions, wilayah
from kpps_desktop.core.errors import InputError
from kpps_desktop.core.paperwork import Paperwork
from kpps_desktop.core.progress import Progress
from kpps_desktop.render import layout, pdf, qr
from kpps_desktop.render.layout import Column, Table
from kpps_desktop.render.pdf import mm

# What the heading calls each kind of session, in full: "Bimtek" is office slang.
KIND_TITLES = {"pelantikan": "PELANTIKAN", "bimtek": "BIMBINGAN TEKNIS", "simulasi": "SIMULASI",
               "susulan": "KEGIATAN SUSULAN"}


def tanggal(date: str, with_day: bool = True) -> str:
    """'2024-11-11' -> 'Senin, 11 November 2024'."""
    return dates.tanggal(date, with_day)


# --- daftar hadir -----------------------------------------------------------------------

DH_COLUMNS = [
    Column("No", 8, "center"), Column("Nama", 40), Column("NIK", 26, "center"),
    Column("Jabatan", 18), Column("TPS", 14, "center"), Column("Jam hadir", 13, "center"),
    Column("Status", 15, "center"), Column("Tanda tangan", 54),
]
DH_ROW_H = 10.0  # mm: room for a real signature in a 27 mm half cell
# Rows whose officer will not sign: the signature cell says why instead of offering a line.
NO_SIGNATURE = {"izin": "Izin", "sakit": "Sakit", "tidak_hadir": "Tidak hadir", "hadir_daring": "Hadir daring"}


def _scope_lines(session: sessions.Session, officers: list[dict]) -> list[tuple[str, str]]:
    """Desa / kecamatan / kabupaten of the session, as label-value pairs for the header."""
    kode = _scope_code(session, officers)
    if kode is None:
        return [("Peserta", "Petugas terpilih")]
    # Desa first, up to the kabupaten (the province is implied).
    return [(wilayah.LEVEL_LABELS[wilayah.level_of(code)], wilayah.name(code))
            for code in reversed(wilayah.ancestors(kode)[1:])]


def _scope_code(session: sessions.Session, officers: list[dict]) -> str | None:
    if session.scope_kind != "officers":
        return session.scope
    desas = {o["desa"] for o in officers}
    return desas.pop() if len(desas) == 1 else None


@dataclass
class DaftarHadir:
    """What the daftar hadir of one session shows, read from the database once."""

    session: sessions.Session
    officers: list[dict]
    marks: dict
    region: list[tuple[str, str]]
    zone: str
    kop: Paperwork
    show_nik: bool = False


def daftar_hadir_data(db: sqlite_utils.Database, session_id: str, show_nik: bool = False) -> DaftarHadir:
    session = sessions.require_session(db, session_id)
    officers = sessions.expected_officers(db, session_id)
    kop = paperwork.get(db)
    kode = _scope_code(session, officers)
    zone = paperwork.zone(kode) if kode else kop.zone
    return DaftarHadir(session, officers, sessions.current_status(db, session_id),
                       _scope_lines(session, officers), zone, kop, show_nik)


def daftar_hadir_pdf(db: sqlite_utils.Database, session_id: str, out: Path | str, paper: str = "a4", *,
                     show_nik: bool = False, operator: str | None = None,
                     progress: Progress | None = None) -> int:
    """The signed attendance list of a session; returns the number of officer rows.

    Check-in times and statuses come from the attendance records (empty when none).
    """
    data = daftar_hadir_data(db, session_id, show_nik)
    draw_daftar_hadir(data, out, paper, progress)
    cardmod.log_print(db, "daftar_hadir", session_id, len(data.officers), paper.lower(), operator,
                      show_nik=show_nik)
    return len(data.officers)


def _info_block(pairs_left: list[tuple[str, str]], pairs_right: list[tuple[str, str]]):
    """An intro of label: value pairs in two columns, and its height in mm."""
    def draw(p: QPainter, top: float, width: float) -> None:
        half = width / 2
        for column, pairs in enumerate((pairs_left, pairs_right)):
            x = layout.MARGIN_X + column * (half + 4)
            label_w = max((pdf.text_width(label, 8, True) for label, _ in pairs), default=0) + mm(1.5)
            for i, (label, value) in enumerate(pairs):
                pdf.draw_text(p, mm(x), mm(top + 3 + i * 4.6), label, 8, True)
                size, lines = pdf.fit(f": {value}", mm(half - 4) - label_w, max_pt=8, stages=((1, 6.5),))
                pdf.draw_text(p, mm(x) + label_w, mm(top + 3 + i * 4.6), lines[0], size)
    return draw, 4.6 * max(len(pairs_left), len(pairs_right)) + 3


def draw_daftar_hadir(data: DaftarHadir, out: Path | str, paper: str = "a4",
                      progress: Progress | None = None) -> Path:
    """Draw the daftar hadir of `data` with the one page-layout rule (render.layout)."""
    session, officers, marks, kop = data.session, data.officers, data.marks, data.kop
    waktu = " – ".join(paperwork.jam(t) for t in (session.start_time, session.end_time) if t)
    left = [("Kegiatan", session.title), ("Hari/Tanggal", tanggal(session.date)),
            ("Waktu", f"{waktu} {data.zone}" if waktu else "-"), ("Tempat", session.venue or "-")]
    draw_intro, intro_h = _info_block(left, data.region)
    kind = KIND_TITLES.get(session.kind, session.kind.upper())
    counts = {s: 0 for s in sessions.STATUS_LABELS}
    for o in officers:
        mark = marks.get(o["id"])
        if mark is not None:
            counts[mark.status] = counts.get(mark.status, 0) + 1
    if progress:
        progress.set_total(len(officers), "Menyusun daftar hadir")

    def row(i: int, top: float, table: Table) -> None:
        o = officers[i]
        mark = marks.get(o["id"])
        nik = o["nik"] if data.show_nik else nikmod.mask(o["nik"])
        table.cell(0, top, str(i + 1))
        table.cell(1, top, o["nama"], bold=True)
        table.cell(2, top, nik, max_pt=7.5, lines=1)
        table.cell(3, top, roster.JABATAN_LABELS.get(o["jabatan"], o["jabatan"]), max_pt=7.5)
        table.cell(4, top, roster.tps_label(o["tps"], o["tps_label"]), max_pt=7.5)
        status = mark.status if mark is not None else None
        if mark is not None:
            if status in sessions.PRESENT:
                table.cell(5, top, paperwork.jam(mark.at), max_pt=7.5, lines=1)
            table.cell(6, top, sessions.STATUS_LABELS.get(status, status), max_pt=7.5)
        xs = table.xs()
        sign_x, sign_w = xs[7], table.columns[7].width
        # Indonesian forms alternate: odd numbers sign on the left half, even on the right.
        x = sign_x + (0 if i % 2 == 0 else sign_w / 2)
        if status in NO_SIGNATURE:
            pdf.draw_text(table.p, mm(x + 1), mm(top + DH_ROW_H / 2 + 1.2), f"{i + 1}. {NO_SIGNATURE[status]}",
                          7, False, pdf.MUTED)
        else:
            pdf.draw_text(table.p, mm(x + 1), mm(top + 3.4), f"{i + 1}.", 6.5, False, pdf.MUTED)
            table.p.setPen(QPen(pdf.RULE, mm(0.15), Qt.PenStyle.DotLine))
            table.p.drawLine(QLineF(mm(x + 1.5), mm(top + DH_ROW_H - 1.8), mm(x + sign_w / 2 - 1.5),
                                    mm(top + DH_ROW_H - 1.8)))
        if progress and i % 100 == 99:
            progress.tick(100)

    def tail(top: float, table: Table) -> None:
        shown = [f"{label} {counts[key]}" for key, label in sessions.STATUS_LABELS.items() if counts.get(key)]
        unmarked = len(officers) - sum(counts.values())
        if unmarked:
            shown.append(f"belum tercatat {unmarked}")
        summary = f"Jumlah petugas: {paperwork.ribuan(len(officers))} orang"
        if shown and officers:
            summary += " (" + ", ".join(shown) + ")"
        pdf.draw_text(table.p, mm(layout.MARGIN_X), mm(top + 5), summary, 8.5)
        layout.draw_signatures(table.p, top + 6, page_w, [("Mengetahui,", kop.ketua), ("", kop.sekretaris)],
                               kop.place_date(session.date))

    form = layout.Form(
        heading=["DAFTAR HADIR", f"{kind} KETUA DAN ANGGOTA KPPS", kop.election.upper()],
        running=f"DAFTAR HADIR {kind} KPPS · {session.title} · {tanggal(session.date)}",
        columns=DH_COLUMNS, row_h=DH_ROW_H, n_rows=len(officers), draw_row=row,
        tail_h=6 + layout.SIGN_H, draw_tail=tail, intro_h=intro_h, draw_intro=draw_intro,
        empty_text="Tidak ada petugas yang diharapkan hadir pada sesi ini.")
    with pdf.pdf_writer(out, paper, f"Daftar hadir {session.title}") as (writer, p, page):
        page_w, page_h = page.width / pdf.UNIT, page.height / pdf.UNIT
        layout.draw_form(writer, p, page_w, page_h, kop, form)
    return pdf.target_path(out)


# --- roster sheet with QR codes -------------------------------------------------------------

RS_QR = 17.0  # mm: 25 modules of 0.68 mm, close to the card's 0.8 mm, so it survives the same blur
RS_QUIET = 4 * RS_QR / 25  # the standard's 4 modules of white on every side
RS_COLUMNS = [
    Column("No", 9, "center"), Column("Kode QR", RS_QR + 2 * RS_QUIET + 0.5, "center"), Column("Nama / NIK", 50),
    Column("Jabatan", 22), Column("TPS", 18, "center"), Column("Desa/Kel.", 25),
    Column("Kode", 27, "center"),
]
RS_ROW_H = RS_QR + 2 * RS_QUIET + 0.5


def roster_sheet_pdf(db: sqlite_utils.Database, out: Path | str, *, within: str | None = None,
                     paper: str = "a4", show_nik: bool = False, operator: str | None = None,
                     progress: Progress | None = None) -> int:
    """One row per active officer with a QR, for the desk to scan when a card is forgotten."""
    rows = cardmod.officers_for_print(db, within=within)
    if not rows:
        raise InputError("Tidak ada petugas aktif untuk dicetak.")
    kop = paperwork.get(db)
    draw_roster_sheet(rows, kop, out, paper, within=within, show_nik=show_nik, progress=progress)
    cardmod.log_print(db, "daftar_petugas_qr", within or "semua", len(rows), paper.lower(), operator,
                      show_nik=show_nik)
    return len(rows)


def draw_roster_sheet(rows: list[dict], kop: Paperwork, out: Path | str, paper: str = "a4", *,
                      within: str | None = None, show_nik: bool = False, progress: Progress | None = None) -> Path:
    kode = within or kop.wilayah
    scope = paperwork.region_title(kode) if kode else "Semua petugas"
    if progress:
        progress.set_total(len(rows), "Menyusun daftar petugas")
    names = {}

    def row(i: int, top: float, table: Table) -> None:
        o = rows[i]
        nik = o["nik"] if show_nik else nikmod.mask(o["nik"])
        xs = table.xs()
        table.cell(0, top, str(i + 1))
        qr.draw(table.p, o["code"], mm(xs[1] + (table.columns[1].width - RS_QR) / 2),
                mm(top + (RS_ROW_H - RS_QR) / 2), mm(RS_QR))
        table.cell(2, top, o["nama"], bold=True)
        pdf.draw_text(table.p, mm(xs[2] + 1.2), mm(top + RS_ROW_H - 2.0), nik, 6.5, False, pdf.MUTED)
        table.cell(3, top, roster.JABATAN_LABELS.get(o["jabatan"], o["jabatan"]), max_pt=7.5)
        table.cell(4, top, roster.tps_label(o["tps"], o["tps_label"]), max_pt=7.5)
        if o["desa"] not in names:
            names[o["desa"]] = wilayah.name(o["desa"])
        table.cell(5, top, names[o["desa"]], max_pt=7.5)
        table.cell(6, top, cardmod.format_code(o["code"]), bold=True, max_pt=7.0, lines=3)
        if progress and i % 100 == 99:
            progress.tick(100)

    def tail(top: float, table: Table) -> None:
        pdf.draw_text(table.p, mm(layout.MARGIN_X), mm(top + 5),
                      f"Jumlah: {paperwork.ribuan(len(rows))} petugas", 8.5, True)

    form = layout.Form(
        heading=["DAFTAR PETUGAS KPPS DENGAN KODE QR", scope.upper(), kop.election.upper()],
        columns=RS_COLUMNS, row_h=RS_ROW_H, n_rows=len(rows), draw_row=row, tail_h=8.0, draw_tail=tail)
    with pdf.pdf_writer(out, paper, f"Daftar petugas dengan kode QR ({len(rows)})") as (writer, p, page):
        layout.draw_form(writer, p, page.width / pdf.UNIT, page.height / pdf.UNIT, kop, form)
    return pdf.target_path(out)
