"""`kpps self-test`: the app's whole path on a scratch database, run by CI on the packaged build.

Here, not in core: it renders and reads back a printed card, which needs Qt (core never imports
Qt). It touches no user data: it works in a new temporary folder (or a --db file that must not
exist yet).
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import tempfile
from pathlib import Path
from typing import Callable

DESA = "33.20.01.2001"  # Kedungmalang, Kabupaten Jepara: a small demo desa
# What the packaged folder must carry: every Qt module the app imports (some only when the
# camera or the print preview opens) and the native libraries beside them. The command line loads
# no widgets (the layers forbid it), so the widget modules are only found, not loaded, here; the
# build check (.ci/build-app) loads them by drawing the packaged app's main window.
MODULES = ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtPdf", "PySide6.QtMultimedia",
           "zxingcpp", "nacl.bindings", "openpyxl", "PIL.Image",
           "sqlite_utils", "platformdirs")
WIDGET_MODULES = ("PySide6.QtWidgets", "PySide6.QtPrintSupport", "PySide6.QtPdfWidgets",
                  "PySide6.QtMultimediaWidgets")


def asset_names() -> list[str]:
    """Files the app reads by path at run time, from the same lists the app reads them by. A
    missing translation, sound or guide page would otherwise go unnoticed (the app falls back
    to untranslated buttons, silence or the Indonesian page rather than failing)."""
    from kpps_desktop import assets
    from kpps_desktop.core import settings
    from kpps_desktop.render import FONT_FILES

    translated = [lang for lang in settings.LANGUAGES if lang != "id"]  # Indonesian is the source
    names = ["wilayah.csv", "LICENSE-wilayah.txt", "nama.txt", "i18n/qt_id.qm"]
    names += [f"i18n/presensi_{lang}.qm" for lang in translated]
    names += [f"sounds/{kind}.wav" for kind in assets.SOUND_KINDS]
    names += [f"guide/{page}" for page in assets.GUIDE_PAGES]
    names += [f"guide/{lang}/{page}" for lang in translated for page in assets.GUIDE_PAGES]
    names += [f"fonts/{name}" for name in FONT_FILES]
    return names


class SelfTestError(Exception):
    """A failed step; the message says what went wrong (Indonesian)."""


def _rasterise_first_page(pdf: Path, dpi: int = 200):
    """The PDF's first page as a greyscale PIL image, drawn by Qt's own PDF renderer (QtPdf)."""
    from PIL import Image
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    try:
        if doc.load(str(pdf)) != QPdfDocument.Error.None_:
            raise SelfTestError(f"QtPdf tidak dapat membuka {pdf.name}.")
        size = doc.pagePointSize(0)
        image = doc.render(0, QSize(round(size.width() / 72 * dpi), round(size.height() / 72 * dpi)))
        image = image.convertToFormat(QImage.Format.Format_RGBA8888)
        rgba = Image.frombytes("RGBA", (image.width(), image.height()), bytes(image.constBits()),
                               "raw", "RGBA", image.bytesPerLine())
    finally:
        doc.close()
    # Nothing drawn = transparent: lay the page on white paper before reading it.
    return Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba).convert("L")


def _steps(folder: Path, db_path: Path) -> list[tuple[str, Callable[[dict], str]]]:
    from kpps_desktop.core import db as dbmod

    def modules(state: dict) -> str:
        for name in MODULES:
            try:
                importlib.import_module(name)
            except ImportError as exc:
                raise SelfTestError(f"modul {name} tidak dapat dimuat: {exc}") from exc
        missing = [name for name in WIDGET_MODULES if importlib.util.find_spec(name) is None]
        if missing:
            raise SelfTestError(f"modul tidak ada: {', '.join(missing)}")
        return f"{len(MODULES)} modul dimuat, {len(WIDGET_MODULES)} modul tampilan ada"

    def asset_files(state: dict) -> str:
        from kpps_desktop import assets

        names = asset_names()
        missing = [name for name in names if not assets.path(*name.split("/")).is_file()]
        if missing:
            raise SelfTestError(f"berkas aset tidak ada di {assets.FOLDER}: {', '.join(missing)}")
        return f"{len(names)} berkas di {assets.FOLDER}"

    def database(state: dict) -> str:
        state["db"] = dbmod.open_db(db_path)
        return f"{db_path} (skema {dbmod.latest_version()})"

    def demo_data(state: dict) -> str:
        from kpps_desktop.core import demo

        result = demo.generate(state["db"], DESA)
        if not result.officers:
            raise SelfTestError("data demo kosong")
        return str(result)

    def card(state: dict) -> str:
        from kpps_desktop.core import roster
        from kpps_desktop.render import cards as render_cards

        officer = roster.list_officers(state["db"], within=DESA)[0]
        pdf = folder / "kartu.pdf"
        if render_cards.cards_pdf(state["db"], pdf, officer_ids=[officer["id"]]) != 1:
            raise SelfTestError("jumlah kartu bukan 1")
        state["officer"], state["pdf"] = officer, pdf
        return f"kartu {officer['nama']} ({pdf.stat().st_size:,} bita)"

    def qr(state: dict) -> str:
        import zxingcpp

        from kpps_desktop.core import cards

        found = [b.text for b in zxingcpp.read_barcodes(_rasterise_first_page(state["pdf"]),
                                                         formats=zxingcpp.BarcodeFormat.QRCode)]
        want = cards.current_codes(state["db"])[state["officer"]["id"]]
        if len(found) != 1 or cards.parse_code(found[0]) != cards.parse_code(want):
            raise SelfTestError(f"QR terbaca {found!r}, seharusnya kode {want}")
        state["code"] = found[0]
        return f"kode {found[0]}"

    def check_in(state: dict) -> str:
        from kpps_desktop.core import checkin, sessions

        session = next(s for s in sessions.list_sessions(state["db"]) if s.scope == DESA)
        at = dt.datetime.combine(dt.date.fromisoformat(session.date),
                                 dt.time.fromisoformat(session.start_time or "08:00")).astimezone()
        first = checkin.check_in(state["db"], session.id, state["code"], at)
        again = checkin.check_in(state["db"], session.id, state["code"], at + dt.timedelta(minutes=1))
        if first.result != "accepted" or again.result != "duplicate":
            raise SelfTestError(f"hasil {first.result}/{again.result}, seharusnya accepted/duplicate")
        return f"{session.title}: {first.message}; pindai ulang: {again.message}"

    def backup_copy(state: dict) -> str:
        from kpps_desktop.core import backup

        path = backup.create(db_path, "manual", dest_dir=folder / "cadangan")
        return f"{path.name} terverifikasi"

    return [("modul", modules), ("aset", asset_files), ("database", database), ("data demo", demo_data),
            ("kartu PDF", card), ("QR kartu", qr), ("presensi", check_in), ("cadangan", backup_copy)]


def run(db_path: Path | None = None, report: Callable[[str], None] = print) -> bool:
    """Run every step, reporting 'OK step: detail' lines; stops at the first failure ('GAGAL ...')."""
    if db_path is not None and Path(db_path).exists():
        report(f"GAGAL database: uji mandiri memakai database baru; {db_path} sudah ada.")
        return False
    with tempfile.TemporaryDirectory(prefix="kpps-selftest-") as tmp:
        folder = Path(tmp)
        state: dict = {}
        try:
            for name, step in _steps(folder, Path(db_path) if db_path else folder / "presensi.sqlite"):
                try:
                    detail = step(state)
                except Exception as exc:  # every failure becomes one readable line, and exit 1
                    report(f"GAGAL {name}: {exc.__class__.__name__}: {exc}"
                           if not isinstance(exc, SelfTestError) else f"GAGAL {name}: {exc}")
                    return False
                report(f"OK {name}: {detail}")
        finally:
            if "db" in state:
                state["db"].close()
    report("OK uji mandiri selesai")
    return True
