"""The About box: version, where the database lives, and the licences of everything the app ships."""

from __future__ import annotations

import html
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

import kpps_desktop
from kpps_desktop import assets
from kpps_desktop.ui import screen

APP_LICENSE = """MIT License

Copyright (c) 2024 Presensi KPPS contributors

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES
OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE."""

# (distribution on PyPI or None, shown name, licence, note). Qt's notice is the one the LGPL asks for.
# The Indonesian words are marked for translation and translated in licence_html().
THIRD_PARTY = [
    ("PySide6-Essentials", QT_TRANSLATE_NOOP("about", "Qt 6 dan PySide6 (Qt for Python)"), "GNU LGPL v3",
     QT_TRANSLATE_NOOP("about", "Pustaka Qt disertakan sebagai berkas terpisah di folder aplikasi dan boleh "
                                "diganti dengan versi lain yang kompatibel. Kode sumber: https://code.qt.io dan "
                                "https://download.qt.io.")),
    (None, QT_TRANSLATE_NOOP("about", "FFmpeg (dipakai Qt Multimedia untuk kamera)"),
     QT_TRANSLATE_NOOP("about", "GNU LGPL v2.1 atau lebih baru"),
     QT_TRANSLATE_NOOP("about", "Kode sumber: https://ffmpeg.org.")),
    ("zxing-cpp", QT_TRANSLATE_NOOP("about", "zxing-cpp (pembuat dan pembaca kode QR)"), "Apache License 2.0", ""),
    ("openpyxl", "openpyxl", "MIT License", ""),
    ("qrcode", "qrcode", "BSD License", ""),
    ("sqlite-utils", "sqlite-utils", "Apache License 2.0", ""),
    ("PyNaCl", "PyNaCl", "Apache License 2.0", ""),
    (None, "libsodium", "ISC License", ""),
    ("pillow", "Pillow", "MIT-CMU (HPND) License", ""),
    ("platformdirs", "platformdirs", "MIT License", ""),
    (None, "SQLite", QT_TRANSLATE_NOOP("about", "Domain publik"), ""),
    (None, "Python", "Python Software Foundation License", ""),
]


def _version(distribution: str | None) -> str:
    if distribution is None:
        return ""
    try:
        return " " + metadata.version(distribution)
    except metadata.PackageNotFoundError:  # a packaged build may carry no metadata
        return ""


def _asset_text(*parts: str) -> str:
    try:
        return assets.path(*parts).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return QCoreApplication.translate("about", "(berkas lisensi tidak ditemukan)")


def licence_html() -> str:
    """Everything the licences ask to be shown, as simple HTML for a QTextBrowser."""
    def pre(text: str) -> str:
        return f"<pre style='white-space: pre-wrap'>{html.escape(text)}</pre>"

    def heading(text: str) -> str:
        return f"<h3>{html.escape(text)}</h3>"

    def translated(text: str) -> str:
        return QCoreApplication.translate("about", text) if text else ""

    parts = [heading("Presensi KPPS"), pre(APP_LICENSE),
             heading(QCoreApplication.translate("about", "Daftar wilayah (kode Kemendagri)")),
             pre(_asset_text("LICENSE-wilayah.txt")),
             heading(QCoreApplication.translate("about", "Fon DejaVu")), pre(_asset_text("fonts", "LICENSE-DejaVu.txt")),
             heading(QCoreApplication.translate("about", "Komponen lain")) + "<ul>"]
    for distribution, name, licence, note in THIRD_PARTY:
        name, licence, note = translated(name), translated(licence), translated(note)
        extra = f"<br><small>{html.escape(note)}</small>" if note else ""
        parts.append(f"<li><b>{html.escape(name)}</b>{html.escape(_version(distribution))} — "
                     f"{html.escape(licence)}{extra}</li>")
    parts.append("</ul>")
    return "\n".join(parts)


class AboutDialog(QDialog):
    def __init__(self, db_path: Path | str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tentang Presensi KPPS"))
        db_path = Path(db_path)
        self.summary = QLabel(self.tr(
            "<b>Presensi KPPS</b> versi {version}<br>"
            "Presensi pelantikan dan bimtek petugas KPPS, bekerja tanpa internet.<br><br>"
            "Database: {db}<br>Cadangan: {backups}").format(
            version=kpps_desktop.__version__, db=html.escape(str(db_path)),
            backups=html.escape(str(db_path.parent / "backups"))), self)
        self.summary.setObjectName("aboutSummary")
        self.summary.setWordWrap(True)
        # The path can be selected and copied, e.g. to find the file for a handover.
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.licences = QTextBrowser(self)
        self.licences.setObjectName("aboutLicences")
        self.licences.setOpenExternalLinks(False)
        self.licences.setHtml(licence_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Tutup"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(self.tr("Lisensi:"), self))
        layout.addWidget(self.licences, 1)
        layout.addWidget(buttons)
        screen.fit(self, 640, 520)  # capped to the screen the taskbar leaves
