"""Recap and transport payee PDFs (landscape A4/F4) and the kuitansi, drawn with the one page-layout rule."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPen

from kpps_desktop.core import paperwork, recap, terbilang
from kpps_desktop.core.paperwork import Paperwork
from kpps_desktop.core.transport import Payees, kuitansi
from kpps_desktop.render import charts, layout, pdf
from kpps_desktop.render.layout import Column, Table
from kpps_desktop.render.pdf import mm

ROW_H = 6.0
TOTAL_FILL = QColor("#f5f5f5")
CHART_H = 52.0
SIGN_W = 85.0  # the signature's share of the tail band; charts take the rest


def _fmt(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{paperwork.desimal(value)}%"
    if isinstance(value, int):
        return paperwork.ribuan(value)
    return str(value)


def _rp(amount: int) -> str:
    return terbilang.rupiah(amount).removeprefix("Rp ")


def recap_pdf(db: sqlite_utils.Database, r: recap.Recap, out: Path | str, paper: str = "a4") -> Path:
    """The recap table with totals, the charts beside the signature (they stay with the last rows)."""
    kop = paperwork.get(db)
    buckets = recap.checkins_over_time(db, r.single.id) if r.single else []
    return draw_recap(r, kop, out, paper, buckets)


def draw_recap(r: recap.Recap, kop: Paperwork, out: Path | str, paper: str = "a4",
               buckets: list[tuple[str, int]] | None = None) -> Path:
    cols = recap.columns(r)
    key_n = len(cols) - len(recap.COUNTS) - 1
    pdf_cols = [Column(h, 34 if i == 0 else 24, "left") for i, (_, h, _) in enumerate(cols[:key_n])]
    pdf_cols += [Column(h, 15.5, "right") for _, h, _ in cols[key_n:]]
    table_data = recap.table(r)
    show_rates = r.by != "officer" and len(r.rows) > 1
    parts = [d for d in (show_rates, bool(buckets)) if d]
    # The rate chart shows every row when it fits (4 mm each) in what a page leaves beside the
    # signature after the rows kept with it; else the lowest ones, said so on the chart.
    page_h = pdf.paper_size(paper)[0]  # landscape
    room = (page_h - layout.MARGIN_TOP - layout.RUNNING_H - layout.MARGIN_BOTTOM - layout.FOOTER_GAP - 9.0
            - (layout.KEEP_ROWS + 1) * ROW_H - 6)
    chart_h = max(CHART_H, min(room, 14 + 4.0 * len(r.rows))) if show_rates else CHART_H
    band = max(chart_h if parts else 0.0, layout.SIGN_H)
    date = r.single.date if r.single else max((s.date for s in r.sessions), default=None)

    def row(i: int, top: float, table: Table) -> None:
        for col, value in enumerate(table_data.rows[i]):
            table.cell(col, top, _fmt(value), max_pt=8, lines=1)

    def tail(top: float, table: Table) -> None:
        table.fill(top, TOTAL_FILL)
        for col, value in enumerate(table_data.totals):
            table.cell(col, top, _fmt(value), bold=True, max_pt=8, lines=1)
        table.grid(top, ROW_H)
        y = top + ROW_H + 4
        page_w = table.left * 2 + table.width
        if parts:
            usable = table.width - SIGN_W - 8
            width = (usable - 8 * (len(parts) - 1)) / len(parts)
            x = table.left
            if show_rates:
                charts.draw_rates(table.p, QRectF(mm(x), mm(y), mm(width), mm(chart_h)), charts.rate_items(r.rows),
                                  f"Persentase kehadiran per {recap.level_word(recap.LEVEL_LABELS[r.by])}", pdf.PT)
                x += width + 8
            if buckets:
                charts.draw_timeline(table.p, QRectF(mm(x), mm(y), mm(width), mm(CHART_H)), buckets,
                                     "Presensi per 5 menit", pdf.PT)
        layout.draw_signatures(table.p, y - 4, page_w, [("Mengetahui,", kop.ketua)], kop.place_date(date))

    form = layout.Form(
        heading=[table_data.title, *table_data.subtitle, kop.election.upper()], columns=pdf_cols, row_h=ROW_H,
        n_rows=len(table_data.rows), draw_row=row, tail_h=ROW_H + 4 + band, draw_tail=tail,
        empty_text="Belum ada data untuk direkap.")
    with pdf.pdf_writer(out, paper, recap.title(r), landscape=True) as (writer, p, page):
        layout.draw_form(writer, p, page.width / pdf.UNIT, page.height / pdf.UNIT, kop, form)
    return pdf.target_path(out)


# --- transport money: the payee list and its kuitansi ------------------------------------------

TRANSPORT_ROW_H = 10.0
TRANSPORT_COLUMNS = [Column("No", 9, "center"), Column("Nama", 50), Column("Jabatan", 22), Column("TPS", 18, "center"),
                     Column("Desa/Kelurahan", 28), Column("Kegiatan", 30), Column("Jumlah (Rp)", 24, "right"),
                     Column("Tanda tangan", 56), Column("Ket.", 16)]
AMOUNT_COL, SIGN_COL = 6, 7


def transport_pdf(db: sqlite_utils.Database, payees: Payees, out: Path | str, paper: str = "a4") -> Path:
    """Daftar penerima uang transport (subtotals carried page to page, total in figures and words,
    signatures), then the kuitansi for the whole list, with a materai box when it is due."""
    from kpps_desktop.core import transport

    if not payees.rows:
        raise transport.TransportError("Tidak ada petugas yang berhak menerima uang transport pada sesi terpilih.")
    return draw_transport(payees, paperwork.get(db), out, paper)


def draw_transport(payees: Payees, kop: Paperwork, out: Path | str, paper: str = "a4") -> Path:
    from kpps_desktop.core import transport

    rows = payees.rows
    running = [0]
    for r in rows:
        running.append(running[-1] + r["amount"])
    date = max((s.date for s in payees.sessions), default=None)

    def row(i: int, top: float, table: Table) -> None:
        r = rows[i]
        for col, text in enumerate((str(i + 1), r["nama"], r["jabatan_label"], r["tps_text"], r["desa_nama"],
                                    r["kegiatan"], _rp(r["amount"]), "", r["keterangan"])):
            table.cell(col, top, text, bold=col == 1, max_pt=8)
        xs = table.xs()
        half = table.columns[SIGN_COL].width / 2
        # Signatures alternate left and right so neighbours' signatures never collide.
        x = xs[SIGN_COL] + (1 if i % 2 == 0 else half + 1)
        pdf.draw_text(table.p, mm(x), mm(top + 7.5), f"{i + 1}. " + "." * 16, 7.5, False, pdf.MUTED, "left",
                      mm(half - 2))

    def carry(kind: str, upto: int, top: float, table: Table) -> None:
        label = "Jumlah dipindahkan dari halaman sebelumnya" if kind == "dari" else \
            "Jumlah dibawa ke halaman berikutnya"
        table.fill(top, TOTAL_FILL)
        table.cell(1, top, label, bold=True, max_pt=8, lines=1, span=5)
        table.cell(AMOUNT_COL, top, _rp(running[upto]), bold=True, max_pt=8, lines=1)
        table.grid(top, TRANSPORT_ROW_H)

    def tail(top: float, table: Table) -> None:
        table.fill(top, TOTAL_FILL)
        table.cell(1, top, "Jumlah", bold=True, max_pt=8.5, lines=1, span=5)
        table.cell(AMOUNT_COL, top, _rp(payees.total), bold=True, max_pt=8.5, lines=1)
        table.grid(top, TRANSPORT_ROW_H)
        y = top + TRANSPORT_ROW_H + 5
        pdf.draw_text(table.p, mm(table.left), mm(y), f"Jumlah: {terbilang.rupiah(payees.total)}", 9.5, True)
        size, lines = pdf.fit(f"Terbilang: {terbilang.kapital(payees.total_words)}", mm(table.width), max_pt=9.5,
                              stages=((1, 7.0),))
        pdf.draw_text(table.p, mm(table.left), mm(y + 5), lines[0], size)
        layout.draw_signatures(table.p, y + 5, table.left * 2 + table.width,
                               [("Mengetahui,", kop.ketua), ("Yang membayarkan,", kop.sekretaris)],
                               kop.place_date(date))

    form = layout.Form(
        heading=[transport.title(payees).upper(), *transport.subtitle(payees), kop.election.upper()],
        columns=TRANSPORT_COLUMNS, row_h=TRANSPORT_ROW_H, n_rows=len(rows), draw_row=row,
        tail_h=TRANSPORT_ROW_H + 10 + layout.SIGN_H, draw_tail=tail, carry=carry)
    with pdf.pdf_writer(out, paper, transport.title(payees), landscape=True) as (writer, p, page):
        page_w, page_h = page.width / pdf.UNIT, page.height / pdf.UNIT
        layout.draw_form(writer, p, page_w, page_h, kop, form)
        writer.newPage()
        draw_kuitansi(p, page_w, page_h, kop, payees, date)
    return pdf.target_path(out)


def draw_kuitansi(p, page_w: float, page_h: float, kop: Paperwork, payees: Payees, date: str | None) -> None:
    """The receipt for the list's total: who received it from whom, for what, in figures and words;
    a materai box when the amount reaches the threshold setting."""
    k = kuitansi(payees, kop)  # the same lines as the XLSX's sheet
    left = layout.MARGIN_X + 10
    width = page_w - 2 * left
    y = layout.draw_kop(p, kop, layout.MARGIN_TOP, page_w)
    y = layout.draw_heading(p, list(k.heading), y, page_w)
    y += 4
    for label, value in k.fields:
        pdf.draw_text(p, mm(left), mm(y), label, 10)
        pdf.draw_text(p, mm(left + 42), mm(y), ":", 10)
        lines = pdf.wrap(value, 10, label == "Uang sejumlah", mm(width - 46)) or [value]
        for line in lines:
            pdf.draw_text(p, mm(left + 45), mm(y), line, 10, label == "Uang sejumlah")
            y += 5.2
        y += 1.5
    y += 3
    box = QRectF(mm(left), mm(y), mm(70), mm(11))
    p.setPen(QPen(pdf.INK, mm(0.5)))
    p.drawRect(box)
    pdf.draw_text(p, mm(left), mm(y + 7.5), k.amount_text, 12, True, pdf.INK, "center", mm(70))
    sign_x = page_w - layout.MARGIN_X - 85
    pdf.draw_text(p, mm(sign_x), mm(y + 4), k.place_date, 9.5, False, pdf.INK, "center", mm(85))
    pdf.draw_text(p, mm(sign_x), mm(y + 9), k.receiver, 9.5, False, pdf.INK, "center", mm(85))
    pdf.draw_text(p, mm(sign_x), mm(y + 13.5), k.jabatan, 9, True, pdf.INK, "center", mm(85))
    if k.materai:
        materai = QRectF(mm(sign_x + 6), mm(y + 16), mm(24), mm(20))
        p.setPen(QPen(pdf.RULE, mm(0.3)))
        p.drawRect(materai)
        for dy, text in zip((25, 29), k.materai_text):
            pdf.draw_text(p, mm(sign_x + 6), mm(y + dy), text, 7.5, False, pdf.MUTED, "center", mm(24))
    pdf.draw_text(p, mm(sign_x), mm(y + 41), k.nama, 9.5, True, pdf.INK, "center", mm(85))
    pdf.draw_text(p, 0, mm(page_h - layout.MARGIN_BOTTOM + 3), k.note, 7.5, False, pdf.MUTED, "center", mm(page_w))
