"""What to print and the lost-card reissue, below both front ends (the print screen and `kpps cards`).

A `PrintSpec` names one printout: ID cards, one card again (a lost card), the daftar hadir of a
session, the roster sheet with QR codes, or the printer calibration page; the scope (a region
or chosen officers) and the paper. `render_document` writes it to a PDF file or draws it on a
printer; `render_preview` renders what the screen shows without logging or changing anything.

A reissue (a new code for a lost card, the old one revoked) and the card printed with it are one
transaction: a canceled or failed PDF or printout revokes nothing.

Messages are Indonesian, like core's: the GUI shows them as they are.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

import sqlite_utils
from PySide6.QtGui import QPagedPaintDevice

from kpps_desktop.core import cards as cardmod
from kpps_desktop.core import sessions, wilayah
from kpps_desktop.core.errors import InputError
from kpps_desktop.core.progress import Progress
from kpps_desktop.render import cards as cardrender
from kpps_desktop.render import forms, pdf


class Kind(StrEnum):
    CARDS = "kartu"
    REISSUE = "kartu_ulang"  # one officer's card again; with a reason, a new code first
    DAFTAR_HADIR = "daftar_hadir"
    ROSTER_SHEET = "daftar_qr"
    CALIBRATION = "kalibrasi"


PAPERS = ("a4", "f4")
# Saved with the revoked card, so kept in Indonesian whatever the interface language.
REISSUE_REASONS = ("Kartu hilang", "Kartu rusak", "Kartu dicuri")


@dataclass(frozen=True)
class PrintSpec:
    """One printout; everything the render functions need."""

    kind: str  # a Kind
    paper: str = "a4"
    within: str | None = None  # region for cards and the roster sheet; None: everyone
    officer_ids: tuple[str, ...] | None = None  # cards for chosen officers; the reissued card
    session_id: str | None = None  # daftar hadir
    show_nik: bool = False
    reissue_reason: str | None = None  # kartu_ulang: a new code first, the old one revoked


@dataclass(frozen=True)
class Preview:
    """A rendered preview: `out` holds the first sheet (cards) or the whole document (forms)."""

    out: Path
    count: int  # officers in the document
    pages: int  # pages of the full document; 0 when there is nothing to print
    per_page: int = 0  # cards per sheet; 0 for forms
    message: str = ""  # why there is nothing to print


def reissue_spec(officer_ids: list[str] | tuple[str, ...], reason: str, paper: str = "a4") -> PrintSpec:
    """A lost card printed with a new code (the old one revoked); refuses an empty reason."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise InputError("Tuliskan alasan penerbitan kode baru (misalnya kartu hilang).")
    if not officer_ids:
        raise InputError("Pilih petugas yang kartunya akan dicetak ulang.")
    return PrintSpec(Kind.REISSUE, paper, officer_ids=tuple(officer_ids), reissue_reason=reason)


def region_label(kode: str) -> str:
    """'Desa/Kelurahan Kedungmalang', 'Kecamatan Kedung', 'Kabupaten Jepara' (that name says it)."""
    level = wilayah.level_of(kode)
    if level in ("provinsi", "kabupaten"):
        return wilayah.name(kode)
    return f"{wilayah.LEVEL_LABELS[level]} {wilayah.name(kode)}"


def scope_name(spec: PrintSpec) -> str:
    if spec.officer_ids is not None:
        return "petugas terpilih"
    if spec.within is None:
        return "seluruh wilayah"
    return region_label(spec.within)


def _officers(db: sqlite_utils.Database, spec: PrintSpec) -> list[dict]:
    ids = list(spec.officer_ids) if spec.officer_ids is not None else None
    if ids == []:
        return []
    return cardmod.officers_for_print(db, officer_ids=ids, within=spec.within)


def render_document(db: sqlite_utils.Database, spec: PrintSpec, out: Path | str | pdf.PrinterTarget,
                    progress: Progress | None = None) -> int:
    """Write the whole document to `out`; returns the officer count (0 for the calibration page).

    The render functions write the print log. A reissue and its card are one transaction: a
    canceled or failed PDF revokes nothing.
    """
    out = out if isinstance(out, pdf.PrinterTarget) else Path(out)
    # Files are written through core.fileio and a refusing printer is a pdf.PrinterError: both
    # already UserErrors. Any other failure is a bug for the crash handler, not a message.
    if spec.kind == Kind.CALIBRATION:
        cardrender.calibration_pdf(out, spec.paper)
        return 0
    if spec.kind == Kind.DAFTAR_HADIR:
        return forms.daftar_hadir_pdf(db, spec.session_id, out, spec.paper, show_nik=spec.show_nik,
                                      progress=progress)
    if not _officers(db, spec):
        raise InputError(f"Tidak ada petugas aktif di {scope_name(spec)}; tidak ada yang dicetak.")
    if spec.kind == Kind.ROSTER_SHEET:
        return forms.roster_sheet_pdf(db, out, within=spec.within, paper=spec.paper,
                                      show_nik=spec.show_nik, progress=progress)
    with db.atomic():
        if spec.reissue_reason:
            for officer_id in spec.officer_ids or ():
                cardmod.reissue(db, officer_id, spec.reissue_reason)
        ids = list(spec.officer_ids) if spec.officer_ids else None
        return cardrender.cards_pdf(db, out, officer_ids=ids, within=spec.within, paper=spec.paper,
                                    progress=progress)


def print_document(db: sqlite_utils.Database, spec: PrintSpec, device: QPagedPaintDevice,
                   progress: Progress | None = None) -> int:
    """Draw the document straight onto a printer, as vectors; returns the pages sent.

    One transaction: a print canceled or failed halfway is aborted at the spooler, logs nothing and
    revokes no card.
    """
    target = pdf.PrinterTarget(device)
    with db.atomic():
        render_document(db, spec, target, progress)
    return target.pages


class _Discard(Exception):
    """Raised to roll back a preview's savepoint."""


def render_preview(db: sqlite_utils.Database, spec: PrintSpec, out: Path,
                   progress: Progress | None = None) -> Preview:
    """The first sheet of cards, or the whole form, for the screen. Nothing is logged or changed.

    A preview is not a printout: the render runs inside a savepoint that is rolled back, so
    neither the print log nor (on a lost card) the card table changes.
    """
    if spec.kind == Kind.CALIBRATION:
        cardrender.calibration_pdf(out, spec.paper)
        return Preview(out, 0, 1)
    cardmod.issue_missing(db)  # outside the savepoint: the codes previewed are the codes printed
    if spec.kind == Kind.DAFTAR_HADIR:
        count = len(sessions.expected_officers(db, spec.session_id))
    else:
        rows = _officers(db, spec)
        count = len(rows)
        if not rows:
            return Preview(out, 0, 0, message=f"Tidak ada petugas aktif di {scope_name(spec)}.")
    per_page = cardrender.sheet_layout(spec.paper).per_page if spec.kind in (Kind.CARDS, Kind.REISSUE) else 0
    if per_page:
        spec = replace(spec, kind=Kind.CARDS, within=None, reissue_reason=None,
                       officer_ids=tuple(r["id"] for r in rows[:per_page]))
    try:
        with db.atomic():
            render_document(db, spec, out, progress)
            raise _Discard
    except _Discard:
        pass
    if per_page:
        return Preview(out, count, math.ceil(count / per_page), per_page)
    return Preview(out, count, page_count(out))


def page_count(path: Path) -> int:
    from PySide6.QtPdf import QPdfDocument  # QtGui's sibling; loaded only for a form's preview

    doc = QPdfDocument()
    doc.load(str(path))
    try:
        return doc.pageCount()
    finally:
        doc.close()
