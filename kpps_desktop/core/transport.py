"""Daftar penerima uang transport: who is paid for which sessions, by the rules in the settings."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Sequence

import sqlite_utils

from kpps_desktop.core import db as dbmod
from kpps_desktop.core import recap, roster, sessions, settings, tabular, terbilang, wilayah
from kpps_desktop.core.sessions import Session
from kpps_desktop.core.errors import InputError

SETTING = "transport"
DEFAULTS = settings.TRANSPORT_DEFAULTS
MATERAI = 10_000  # rupiah, the stamp duty of UU 10/2020 on a receipt from the threshold setting up
DOTS = "." * 30


class TransportError(InputError):
    """Rules or a session choice that cannot give a payee list; message in Indonesian."""


@dataclass(frozen=True)
class Rules:
    kinds: tuple[str, ...]  # session kinds that pay
    amount: int  # rupiah per activity (per session attended)
    daring: bool  # online attendance counts
    terlambat: bool  # late attendance counts

    @property
    def statuses(self) -> tuple[str, ...]:
        return ("hadir",) + (("terlambat",) if self.terlambat else ()) + (("hadir_daring",) if self.daring else ())

    def as_dict(self) -> dict:
        return {"kinds": list(self.kinds), "amount": self.amount, "daring": self.daring, "terlambat": self.terlambat}


def rules_from(value: dict | None) -> Rules:
    """Rules from a settings value; missing keys take DEFAULTS, wrong ones raise TransportError."""
    v = {**DEFAULTS, **(value or {})}
    unknown = [k for k in v["kinds"] if k not in sessions.KINDS]
    if unknown:
        raise TransportError(f"Jenis sesi '{unknown[0]}' tidak dikenal ({', '.join(sessions.KINDS)}).")
    amount = v["amount"]
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise TransportError(f"Besar uang transport harus bilangan bulat rupiah lebih dari 0 (tertulis: {amount!r}).")
    return Rules(tuple(v["kinds"]), amount, bool(v["daring"]), bool(v["terlambat"]))


def get_rules(db: sqlite_utils.Database) -> Rules:
    return rules_from(dbmod.get_setting(db, SETTING, DEFAULTS))


@dataclass
class Payees:
    sessions: list[Session]  # the sessions that pay (chosen and of a paying kind)
    skipped: list[Session]  # chosen but not of a paying kind
    rules: Rules
    rows: list[dict]  # one per officer entitled: nama, jabatan, desa, tps, activities, amount, ...
    total: int

    @property
    def total_words(self) -> str:
        return terbilang.rupiah_words(self.total)


def payees(db: sqlite_utils.Database, session_ids: Sequence[str], rules: Rules | None = None) -> Payees:
    """One row per officer entitled by attendance at the chosen sessions.

    Entitled: an effective status among rules.statuses at a session of a paying kind; one
    amount per such session. An officer replaced (PAW) after attending is still paid for
    what he attended; his row says so.
    """
    rules = rules or get_rules(db)
    if not session_ids:
        raise TransportError("Pilih sedikitnya satu sesi.")
    chosen = [sessions.require_session(db, sid) for sid in dict.fromkeys(session_ids)]
    paying = [s for s in chosen if s.kind in rules.kinds]
    skipped = [s for s in chosen if s.kind not in rules.kinds]
    rows: list[dict] = []
    if paying:
        marks = sessions.effective_marks_sql("a.session_id IN (SELECT value FROM json_each(:ids))")
        cur = db.conn.execute(f"""
            SELECT o.id, o.nama, o.jabatan, o.desa, o.tps, o.tps_label, o.status,
                   count(*) AS activities, group_concat(m.session_id) AS session_ids
            FROM ({marks}) m JOIN officers o ON o.id = m.officer_id
            WHERE m.status IN (SELECT value FROM json_each(:statuses))
            GROUP BY o.id
            ORDER BY o.desa, o.tps, CASE o.jabatan WHEN 'ketua' THEN 0 WHEN 'anggota' THEN 1 ELSE 2 END, o.nama""",
            {"ids": json.dumps([s.id for s in paying]), "statuses": json.dumps(rules.statuses)})
        keys = [d[0] for d in cur.description]
        titles = {s.id: s.kind_label for s in paying}
        for r in cur.fetchall():
            row = dict(zip(keys, r))
            row["amount"] = row["activities"] * rules.amount
            row["kegiatan"] = ", ".join(sorted(titles[sid] for sid in row.pop("session_ids").split(",")))
            row["jabatan_label"] = roster.JABATAN_LABELS.get(row["jabatan"], row["jabatan"])
            row["tps_text"] = roster.tps_label(row["tps"], row["tps_label"])
            row["desa_nama"] = wilayah.name(row["desa"])
            row["keterangan"] = "Diganti (PAW)" if row["status"] == "diganti" else ""
            rows.append(row)
    return Payees(paying, skipped, rules, rows, sum(r["amount"] for r in rows))


def title(p: Payees) -> str:
    return "Daftar Penerima Uang Transport KPPS"


def subtitle(p: Payees) -> list[str]:
    lines = [f"Kegiatan: {s.title}, {recap.format_date(s.date)}" for s in p.sessions]
    lines.append(f"Besaran: {terbilang.rupiah(p.rules.amount)} per kegiatan")
    return lines


def table(p: Payees, kop=None) -> tabular.Table:
    """The payee list for the XLSX: total in words, and the signature block of `kop` (a Paperwork).

    In Excel each amount is its activities times the rate and the totals are sums: a row
    corrected there keeps the list's total right."""
    footer = []
    if kop is not None:
        date = max((s.date for s in p.sessions), default=None)
        gap = [""] * 6  # the ketua signs under Nama, the sekretaris under Tanda tangan
        footer = [["", *gap, kop.place_date(date)], ["", "Mengetahui,", *gap[1:], "Yang membayarkan,"],
                  ["", kop.ketua.jabatan, *gap[1:], kop.sekretaris.jabatan], [], [], [],
                  ["", kop.ketua.nama_or_dots, *gap[1:], kop.sekretaris.nama_or_dots]]
    body = [[i, r["nama"], r["jabatan_label"], r["tps_text"], r["desa_nama"], r["kegiatan"], r["activities"],
             r["amount"], f"{i}. ", r["keterangan"]] for i, r in enumerate(p.rows, 1)]
    return tabular.Table(
        header=["No", "Nama", "Jabatan", "TPS", "Desa/Kelurahan", "Kegiatan", "Jumlah kegiatan",
                "Jumlah (Rp)", "Tanda tangan", "Keterangan"],
        rows=body, title=title(p).upper(),
        subtitle=subtitle(p) + [f"Terbilang: {terbilang.kapital(p.total_words)}"], footer=footer,
        totals=["", "Jumlah", "", "", "", "", sum(r["activities"] for r in p.rows), p.total, "", ""],
        widths=[5, 28, 14, 14, 20, 22, 10, 14, 22, 14], number_formats={7: "#,##0"}, sheet="Transport",
        formulas={(i, 7): f"={{c6}}*{p.rules.amount}" for i in range(len(p.rows))})


@dataclass(frozen=True)
class Kuitansi:
    """The receipt for a payee list's total, as the PDF and the XLSX both print it."""
    office: tuple[str, ...]  # kop lines
    address: str
    heading: tuple[str, ...]  # 'KUITANSI', the election
    fields: tuple[tuple[str, str], ...]  # (label, value): Nomor, Sudah terima dari, ...
    amount: int
    place_date: str
    receiver: str  # 'Yang menerima,'
    jabatan: str
    nama: str
    materai: bool  # the amount reaches the threshold setting: a box for the stamp
    note: str = "Kuitansi daftar penerima uang transport"

    @property
    def amount_text(self) -> str:
        return terbilang.rupiah(self.amount)

    @property
    def materai_text(self) -> tuple[str, str]:
        from kpps_desktop.core.paperwork import ribuan

        return "Materai", f"Rp {ribuan(MATERAI)}"


def kuitansi(p: Payees, kop) -> Kuitansi:
    """What the kuitansi says: who received how much from whom for what; `kop` is a Paperwork."""
    from kpps_desktop.core.paperwork import ribuan

    date = max((s.date for s in p.sessions), default=None)
    kegiatan = ", ".join(f"{s.title} ({recap.format_date(s.date)})" for s in p.sessions)
    fields = (
        ("Nomor", DOTS),
        ("Sudah terima dari", f"Sekretariat KPU / bendahara pengeluaran yang membiayai {kop.body}"),
        ("Uang sejumlah", terbilang.kapital(p.total_words)),
        ("Untuk pembayaran", f"Uang transport {ribuan(len(p.rows))} orang petugas KPPS, "
                             f"{terbilang.rupiah(p.rules.amount)} per kegiatan: {kegiatan}"),
    )
    return Kuitansi(tuple(kop.office), kop.address or f"Alamat: {DOTS}", ("KUITANSI", kop.election.upper()),
                    fields, p.total, kop.place_date(date), "Yang menerima,", kop.sekretaris.jabatan,
                    kop.sekretaris.nama_or_dots, p.total >= kop.materai_threshold)


def kuitansi_sheet(k: Kuitansi) -> tabular.FormSheet:
    """The kuitansi as an XLSX sheet: the same lines as the PDF's, the amount framed, the materai box."""
    lines: list[list] = [[line] for line in k.office] + [[k.address], []]
    bold = list(range(len(k.office)))
    for line in k.heading:
        bold.append(len(lines))
        lines.append([line])
    lines.append([])
    for label, value in k.fields:
        if label == "Uang sejumlah":
            bold.append(len(lines))
        lines.append([label, ":", value])
    lines.append([])
    amount_line = len(lines)
    bold.append(amount_line)
    lines.append([k.amount])
    lines.append([])
    sign = 3  # the signature column, right of the amount
    for text in (k.place_date, k.receiver, k.jabatan):
        lines.append([""] * sign + [text])
    bold.append(len(lines) - 1)
    boxes = [(amount_line, 0, amount_line, 0)]
    if k.materai:
        lines += [[""] * sign + [k.materai_text[0]], [""] * sign + [k.materai_text[1]]]
        boxes.append((len(lines) - 2, sign, len(lines) - 1, sign))
    lines += [[], [], [""] * sign + [k.nama], [], [k.note]]
    bold.append(len(lines) - 3)
    return tabular.FormSheet(lines=lines, sheet="Kuitansi", widths=[22, 3, 60, 34], bold=bold, boxes=boxes,
                             number_formats={(amount_line, 0): '"Rp "#,##0'})


def workbook(p: Payees, kop) -> list:
    """The XLSX export: the payee list, then its kuitansi (as the PDF ends with it)."""
    return [table(p, kop), kuitansi_sheet(kuitansi(p, kop))]
