"""The in-app guide (F1): short HTML pages from assets/guide with a table of contents."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QUrl
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QListWidget, QListWidgetItem, QTextBrowser, QVBoxLayout, QWidget,
)

from kpps_desktop import assets
from kpps_desktop.ui import i18n
from kpps_desktop.ui import screen

# Page titles, translated where shown; the pages and their reading order are assets.GUIDE_PAGES.
TITLES = {
    "mulai.html": QT_TRANSLATE_NOOP("GuideDialog", "Langkah pertama"),
    "cetak-kartu.html": QT_TRANSLATE_NOOP("GuideDialog", "Mencetak kartu"),
    "hari-presensi.html": QT_TRANSLATE_NOOP("GuideDialog", "Hari presensi"),
    "serah-terima.html": QT_TRANSLATE_NOOP("GuideDialog", "Serah terima berkas"),
    "pintasan.html": QT_TRANSLATE_NOOP("GuideDialog", "Pintasan keyboard"),
}
PAGES = tuple((page, TITLES[page]) for page in assets.GUIDE_PAGES)  # (file, title) in reading order


def guide_folder(lang: str | None = None) -> Path:
    """The pages in the interface language: Indonesian in assets/guide, others in a subfolder when written."""
    base = assets.path("guide")
    lang = lang or i18n.current()
    translated = base / lang
    return translated if lang != "id" and (translated / PAGES[0][0]).is_file() else base


class GuideDialog(QDialog):
    """Non-modal, so the guide can stay open beside the window it explains."""

    def __init__(self, parent: QWidget | None = None, page: str | None = None, lang: str | None = None):
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle(self.tr("Panduan Presensi KPPS"))
        self.folder = guide_folder(lang)
        self.contents = QListWidget(self)
        self.contents.setObjectName("guideContents")
        for file_name, title in PAGES:
            item = QListWidgetItem(self.tr(title))
            item.setData(Qt.ItemDataRole.UserRole, file_name)
            self.contents.addItem(item)
        self.contents.setMaximumWidth(220)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guideBrowser")
        self.browser.setSearchPaths([str(self.folder)])
        # QTextBrowser does not follow <link rel=stylesheet>: the pages share one default style sheet.
        css = self.folder / "style.css"
        if not css.is_file():
            css = guide_folder("id") / "style.css"
        self.browser.document().setDefaultStyleSheet(css.read_text(encoding="utf-8") if css.is_file() else "")
        self.browser.sourceChanged.connect(self._sync_contents)
        self.contents.currentRowChanged.connect(self._open_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Tutup"))
        buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.contents)
        body.addWidget(self.browser, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        screen.fit(self, 900, 620)  # capped to the screen the taskbar leaves
        self.show_page(page or PAGES[0][0])

    def show_page(self, file_name: str) -> None:
        self.browser.setSource(QUrl.fromLocalFile(str(self.folder / file_name)))

    def current_page(self) -> str:
        return Path(self.browser.source().toLocalFile()).name

    def _open_row(self, row: int) -> None:
        if 0 <= row < len(PAGES) and self.current_page() != PAGES[row][0]:
            self.show_page(PAGES[row][0])

    def _sync_contents(self, url: QUrl) -> None:
        names = [name for name, _title in PAGES]
        name = Path(url.toLocalFile()).name
        if name in names and self.contents.currentRow() != names.index(name):
            self.contents.setCurrentRow(names.index(name))
