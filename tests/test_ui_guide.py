"""The in-app guide: every page is there in Indonesian, F1 opens it, links and contents agree."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kpps_desktop.ui import guide as guidemod
from kpps_desktop.ui.guide import PAGES, GuideDialog, guide_folder

SHORTCUTS = ("F1", "Ctrl+I", "Ctrl+N", "F2", "Ctrl+F", "Ctrl+E", "Ctrl+P", "Alt+1", "Alt+5", "F4", "F6", "F11",
             "Ctrl+Z")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_page_exists_and_links_only_to_pages_that_exist(lang):
    folder = guide_folder(lang)
    assert folder.name == ("guide" if lang == "id" else lang)
    names = {name for name, _title in PAGES}
    for name in names:
        text = (folder / name).read_text(encoding="utf-8")
        assert "<h1>" in text
        for target in re.findall(r'href="([^"]+)"', text):
            assert target.endswith("style.css") or target in names, f"{name} links to missing {target}"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_guide_lists_the_shortcuts_the_app_has(lang):
    text = (guide_folder(lang) / "pintasan.html").read_text(encoding="utf-8")
    for keys in SHORTCUTS:
        assert f"<kbd>{keys}</kbd>" in text, keys


def test_contents_and_pages_follow_each_other(qtbot):
    dialog = GuideDialog(lang="id")
    qtbot.addWidget(dialog)
    assert dialog.contents.count() == len(PAGES)
    assert dialog.current_page() == "mulai.html" and dialog.contents.currentRow() == 0
    assert "Langkah pertama" in dialog.browser.toPlainText()
    assert "Impor daftar petugas" in dialog.browser.toPlainText()
    dialog.contents.setCurrentRow(2)
    assert dialog.current_page() == "hari-presensi.html"
    assert "Ctrl+Z" in dialog.browser.toPlainText()
    # A link inside a page moves the table of contents too.
    dialog.show_page("serah-terima.html")
    assert dialog.contents.currentRow() == 3
    assert dialog.contents.item(3).data(Qt.ItemDataRole.UserRole) == "serah-terima.html"


@pytest.mark.parametrize("name", [name for name, _title in PAGES])
def test_each_page_renders_with_its_style(qtbot, name):
    dialog = GuideDialog(page=name, lang="id")
    qtbot.addWidget(dialog)
    assert dialog.current_page() == name
    assert len(dialog.browser.toPlainText()) > 300
    assert "kbd" in dialog.browser.document().defaultStyleSheet()


def test_f1_opens_the_guide_from_the_main_window(qtbot, pps_db, db_path, runner):
    from kpps_desktop.ui.main_window import MainWindow

    window = MainWindow(pps_db, runner, db_path)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # shortcuts need the active window
    assert window.act_guide.shortcut().toString() == "F1"
    help_menu = window.menuBar().actions()[-1].menu()
    assert [a.text() for a in help_menu.actions()] == ["Panduan", "Tentang"]
    qtbot.keyClick(window.roster.search, Qt.Key.Key_F1)
    dialog = window.findChild(GuideDialog)
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    window.act_guide.trigger()
    assert len(window.findChildren(GuideDialog)) == 1  # the same one is raised, not a second
    dialog.close()


def test_english_pages_and_contents_in_english(qtbot, qapp):
    from kpps_desktop.ui import i18n

    i18n.install(qapp, None, "en")
    try:
        dialog = GuideDialog()
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Presensi KPPS guide"
        assert [dialog.contents.item(i).text() for i in range(dialog.contents.count())] == [
            "First steps", "Printing cards", "The check-in day", "Handing over the file", "Several check-in desks",
            "Keyboard shortcuts"]
        assert "Import the officer roster" in dialog.browser.toPlainText()
        assert "kbd" in dialog.browser.document().defaultStyleSheet()
    finally:
        i18n.install(qapp, None, "id")


def test_a_language_without_its_own_pages_falls_back_to_indonesian(tmp_path, monkeypatch):
    assert guide_folder("id") == guide_folder("xx")
    monkeypatch.setattr(guidemod.i18n, "current", lambda: "id")
    assert guide_folder() == guide_folder("id")
