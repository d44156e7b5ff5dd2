"""Every on-screen text goes through Qt's translation, and English has all of it, compiled."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "kpps_desktop" / "ui"
I18N = ROOT / "kpps_desktop" / "assets" / "i18n"
TS = I18N / "presensi_en.ts"
QM = I18N / "presensi_en.qm"
BIN = Path(sys.executable).parent

# Methods whose arguments at these positions are shown to the user.
SETTERS = {
    "setText": [0], "setWindowTitle": [0], "setPlaceholderText": [0], "setToolTip": [0],
    "setStatusTip": [0], "setWhatsThis": [0], "setTitle": [0], "setSubTitle": [0], "setLabelText": [0],
    "showMessage": [0], "setHorizontalHeaderLabels": [0], "setVerticalHeaderLabels": [0],
    "addTab": [1], "insertTab": [2], "setTabText": [1], "addItem": [0], "addItems": [0], "insertItem": [1],
    "addMenu": [0], "addAction": [0], "addButton": [0], "setButtonText": [1], "addRow": [0],
    "setHeaderData": [2], "setPrefix": [0], "setSuffix": [0], "setSpecialValueText": [0],
    "setInformativeText": [0], "setDetailedText": [0], "setCancelButtonText": [0], "setOkButtonText": [0],
    "setAccessibleName": [0], "setHtml": [0], "setMarkdown": [0], "setPlainText": [0],
    "getSaveFileName": [1, 3], "getOpenFileName": [1, 3], "getOpenFileNames": [1, 3],
    "getExistingDirectory": [1], "getText": [1, 2], "getItem": [1, 2], "getInt": [1, 2],
    "information": [1, 2], "warning": [1, 2], "critical": [1, 2], "question": [1, 2], "about": [1, 2],
}
# Widgets whose constructor arguments at these positions are shown to the user.
CONSTRUCTORS = {
    "QLabel": [0], "QPushButton": [0], "QToolButton": [0], "QCheckBox": [0], "QRadioButton": [0],
    "QGroupBox": [0], "QAction": [0], "QMenu": [0], "QToolBar": [0], "QCommandLinkButton": [0, 1],
    "QTableWidgetItem": [0], "QListWidgetItem": [0], "QTreeWidgetItem": [0], "QStandardItem": [0],
    "QProgressDialog": [0, 1], "QMessageBox": [1, 2], "QWizardPage": [0],
}
# Texts that are the same in every language, or not words at all.
ALLOWED = {"—", "–", "-", "…", "OK", "TPS", "NIK", "Rp ", "Presensi KPPS", "dd/MM/yyyy", "HH:mm", "KPPS"}
TRANSLATE = {"tr", "translate", "QT_TR_NOOP", "QT_TRANSLATE_NOOP"}


def _sources() -> list[Path]:
    return sorted(p for p in UI.glob("*.py") if p.name != "__init__.py")


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _has_words(text: str) -> bool:
    return bool(re.search(r"[A-Za-z]", text)) and text not in ALLOWED


def untranslated(node: ast.expr) -> str | None:
    """The raw text if `node` is a literal with words that did not pass through tr()/translate()."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if _has_words(node.value) else None
    if isinstance(node, ast.JoinedStr):  # an f-string: its words cannot be translated
        words = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        return ast.unparse(node) if _has_words(words) else None
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            return untranslated(node.func.value)  # "…".format() without tr() first
        return None  # tr(), a helper's result, a variable: not a literal
    if isinstance(node, ast.BinOp):
        return untranslated(node.left) or untranslated(node.right)
    if isinstance(node, ast.IfExp):
        return untranslated(node.body) or untranslated(node.orelse)
    if isinstance(node, (ast.List, ast.Tuple)):
        return next((t for t in map(untranslated, node.elts) if t), None)
    return None


def find_untranslated(path: Path) -> list[str]:
    problems = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        positions = SETTERS.get(name) if isinstance(node.func, ast.Attribute) else None
        positions = positions if positions is not None else CONSTRUCTORS.get(name, [])
        for i in positions:
            if i < len(node.args) and (text := untranslated(node.args[i])):
                problems.append(f"{path.name}:{node.lineno} {name}({text!r})")
        if name in ("_tr", "tr_", "_t") and node.args and isinstance(node.args[0], ast.Constant):
            problems.append(f"{path.name}:{node.lineno} {name}() is a wrapper lupdate cannot see")
        if name in ("translate", "QT_TRANSLATE_NOOP") and len(node.args) > 1 and _literal(node.args[1]) is not None \
                and _literal(node.args[0]) is None:
            problems.append(f"{path.name}:{node.lineno} {name}({ast.unparse(node.args[0])}, …): "
                            "lupdate only sees a context written as a literal")
        text_arg = node.args[1] if name == "translate" and len(node.args) > 1 else node.args[0] if (
            name == "tr" and node.args) else None
        if isinstance(text_arg, (ast.JoinedStr, ast.BinOp)) or (
                isinstance(text_arg, ast.Call) and _name(text_arg.func) == "format"):
            problems.append(f"{path.name}:{node.lineno} {name}({ast.unparse(text_arg)}): "
                            "a built text is never found; tr() the template, then .format()")
    return problems


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def tr_messages(path: Path) -> set[tuple[str, str]]:
    """(context, source) of every tr()/translate()/QT_*_NOOP literal, as Qt looks them up at run time."""
    found: set[tuple[str, str]] = set()

    def visit(node: ast.AST, cls: str | None) -> None:
        if isinstance(node, ast.ClassDef):
            cls = node.name
        if isinstance(node, ast.Call):
            name = _name(node.func)
            args = node.args
            if name in ("tr", "QT_TR_NOOP") and cls and args and (text := _literal(args[0])) is not None:
                found.add((cls, text))
            elif name in ("translate", "QT_TRANSLATE_NOOP") and len(args) >= 2:
                context, text = _literal(args[0]), _literal(args[1])
                if context is not None and text is not None:
                    found.add((context, text))
        for child in ast.iter_child_nodes(node):
            visit(child, cls)

    visit(ast.parse(path.read_text(encoding="utf-8")), None)
    return found


def ts_messages(path: Path = TS) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(context, source) -> (translation, its type attribute) of the live messages of a .ts file."""
    messages = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type")
            if kind in ("vanished", "obsolete"):
                continue
            messages[(name, message.findtext("source"))] = (translation.text or "", kind)
    return messages


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w*)[^}]*\}", text))


# --- 1: no literal text reaches a widget without tr() ---------------------------------------

def test_no_untranslated_literal_reaches_a_widget():
    problems = [p for path in _sources() for p in find_untranslated(path)]
    assert not problems, "Wrap these in self.tr()/QCoreApplication.translate():\n" + "\n".join(problems)


def test_the_scanner_catches_what_it_should(tmp_path):
    """The check above must be able to fail: each of these lines is a mistake it reports."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "class W:\n"
        "    def f(self, n):\n"
        "        self.setWindowTitle('Pengaturan')\n"
        "        QLabel(f'{n} petugas')\n"
        "        self.label.setText('Total {n}'.format(n=n))\n"
        "        QMessageBox.warning(self, 'Presensi KPPS', 'Gagal disimpan')\n"
        "        self.tabs.addTab(page, 'Umum')\n"
        "        table.setHorizontalHeaderLabels(['Nama', self.tr('TPS')])\n"
        "        _tr('Cadangan gagal')\n"
        "        QLabel(self.tr(f'{n} petugas'))\n"
        "        X = QT_TRANSLATE_NOOP(C, 'Hadir')\n"
        "        self.label.setText(self.tr('Total {n}').format(n=n))\n"  # fine
        "        self.combo.addItem(self.tr('Umum'), 'x')\n"  # fine
        "        self.label.setText('—')\n",  # fine: allowed
        encoding="utf-8")
    found = find_untranslated(bad)
    lines = sorted((p.split()[0] for p in found), key=lambda p: int(p.split(":")[1]))
    assert lines == [f"bad.py:{n}" for n in (3, 4, 5, 6, 7, 8, 9, 10, 11)], found


# --- 2: English has every message, finished, with the same placeholders ----------------------

def test_english_translates_every_message_in_the_sources():
    wanted = set().union(*(tr_messages(p) for p in _sources()))
    have = ts_messages()
    missing = sorted(wanted - set(have))
    assert not missing, ("Not in presensi_en.ts (run pyside6-lupdate, see docs/translations.md):\n"
                         + "\n".join(f"{c}: {s!r}" for c, s in missing))
    unfinished = sorted(k for k in wanted if have[k][1] == "unfinished" or not have[k][0].strip())
    assert not unfinished, "Untranslated in presensi_en.ts:\n" + "\n".join(f"{c}: {s!r}" for c, s in unfinished)
    wrong = [f"{c}: {s!r} -> {have[(c, s)][0]!r}" for c, s in sorted(wanted)
             if placeholders(s) != placeholders(have[(c, s)][0]) or s.count("&") != have[(c, s)][0].count("&")]
    assert not wrong, "Placeholders or accelerators differ:\n" + "\n".join(wrong)


def test_the_ts_file_has_no_stale_messages():
    """lupdate's report of messages that are gone from the code: keep the file what the code needs."""
    wanted = set().union(*(tr_messages(p) for p in _sources()))
    stale = sorted(set(ts_messages()) - wanted)
    assert not stale, "In presensi_en.ts but not in the code (lupdate -no-obsolete):\n" + "\n".join(map(str, stale))


# --- 3: the compiled file is the .ts file ---------------------------------------------------

@pytest.mark.parametrize("name", ["presensi_en", "qt_id"])
def test_qm_is_compiled_from_the_current_ts(tmp_path, name):
    lrelease = shutil.which("pyside6-lrelease", path=str(BIN)) or shutil.which("pyside6-lrelease")
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    out = tmp_path / f"{name}.qm"
    subprocess.run([lrelease, "-silent", str(I18N / f"{name}.ts"), "-qm", str(out)], check=True,
                   capture_output=True)
    assert out.read_bytes() == (I18N / f"{name}.qm").read_bytes(), f"run pyside6-lrelease on {name}.ts"


def test_lupdate_finds_nothing_new(tmp_path):
    """The real tool over the real sources: everything it extracts is already translated."""
    lupdate = shutil.which("pyside6-lupdate", path=str(BIN)) or shutil.which("pyside6-lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    ts = tmp_path / "check.ts"
    shutil.copy(TS, ts)
    subprocess.run([lupdate, "-silent", "-no-obsolete", "-locations", "none", *map(str, _sources()), "-ts", str(ts)],
                   check=True, capture_output=True)
    fresh = ts_messages(ts)
    assert set(fresh) == set(ts_messages())
    unfinished = sorted(k for k, (text, kind) in fresh.items() if kind == "unfinished" or not text)
    assert not unfinished, "\n".join(map(str, unfinished))


# --- 4: the running app speaks the chosen language ------------------------------------------

@pytest.fixture
def language(qapp, monkeypatch):
    """Install a language as the app does at start-up; Indonesian again afterwards."""
    from kpps_desktop.ui import i18n

    def install(lang: str, db=None) -> str:
        monkeypatch.setenv("KPPS_LANG", lang)
        return i18n.install(qapp, db)

    yield install
    monkeypatch.delenv("KPPS_LANG", raising=False)
    i18n.install(qapp, None, "id")


def _main_window(qtbot, db, runner, db_path):
    from kpps_desktop.ui.main_window import MainWindow

    window = MainWindow(db, runner, db_path)
    qtbot.addWidget(window)
    menus = [a.text() for a in window.menuBar().actions()]
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    return window, menus, tabs


def test_english_main_window(qtbot, language, pps_db, db_path, runner, tmp_path):
    assert language("en", pps_db) == "en"
    window, menus, tabs = _main_window(qtbot, pps_db, runner, db_path)
    assert menus[0] == "&File" and menus[-1] == "&Help"
    assert tabs == ["Officers", "Check-in", "Print", "Recap", "Handover"]
    assert window.act_import.text() == "Import officer roster…"
    assert window.roster.search.placeholderText().startswith("Find a name")
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    assert window.grab().save(str(tmp_path / "main-en.png"))
    # Qt's own buttons follow: English.
    from PySide6.QtWidgets import QDialogButtonBox
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.buttons()[0].text() == "Cancel"


def test_indonesian_is_the_default_and_translates_qt_buttons(qtbot, language, pps_db, db_path, runner):
    assert language("", pps_db) == "id"  # no KPPS_LANG, no saved choice
    window, menus, tabs = _main_window(qtbot, pps_db, runner, db_path)
    assert menus[0] == "&Berkas" and menus[-1] == "Ba&ntuan"
    assert tabs == ["Petugas", "Presensi", "Cetak", "Rekap", "Serah terima"]
    from PySide6.QtWidgets import QDialogButtonBox
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert [b.text() for b in box.buttons()] == ["OK", "Batal"]


def test_the_saved_setting_chooses_and_kpps_lang_overrides(qapp, language, pps_db):
    from kpps_desktop.core import settings

    settings.save(pps_db, "language", "en")
    assert language("", pps_db) == "en"
    assert qapp.translate("MainWindow", "Petugas") == "Officers"
    assert language("id", pps_db) == "id"  # KPPS_LANG wins over the setting
    assert qapp.translate("MainWindow", "Petugas") == "Petugas"
    assert language("xx", pps_db) == "en"  # an unknown KPPS_LANG is ignored, the setting stays


def test_check_in_texts_follow_the_language(qtbot, language, pps_db):
    from kpps_desktop.ui.checkin_screen import ResultPanel, tanggal

    language("en", pps_db)
    assert tanggal("2024-11-07") == "Thursday, 7 November 2024"
    panel = ResultPanel()
    qtbot.addWidget(panel)
    assert panel.view.headline == "READY"
    language("id", pps_db)
    assert tanggal("2024-11-07") == "Kamis, 7 November 2024"


def test_every_core_label_shown_on_screen_is_marked_for_translation():
    """core has no Qt; its labels are marked in ui/i18n.py. A label added to core without it fails here."""
    from kpps_desktop.core import audit, installation, recap, roster, sessions, settings
    from kpps_desktop.ui.i18n import CORE_LABELS

    labels = set()
    for table in (roster.JABATAN_LABELS, roster.STATUS_LABELS, roster.JK_LABELS, sessions.KINDS,
                  sessions.STATUS_LABELS, recap.COUNT_LABELS, recap.LEVEL_LABELS, recap.ANOMALY_LABELS,
                  installation.ROLE_LABELS, audit.ACTIONS):
        labels |= set(table.values())
    for setting in settings.SETTINGS.values():
        labels |= {setting.label, setting.help}
    for by in recap.LEVELS:
        labels |= {header for _key, header, _width in recap._key_columns(by)}
    assert sorted(labels - set(CORE_LABELS)) == []
