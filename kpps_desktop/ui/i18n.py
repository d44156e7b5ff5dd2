"""The interface language: Indonesian is the source text, English comes from assets/i18n/presensi_en.qm."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import sqlite_utils
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from kpps_desktop.core import settings

LANGUAGES = settings.LANGUAGES  # code -> name, the same list the settings dialog offers
ENV = "KPPS_LANG"  # overrides the saved setting (screenshots, support, tests)

# The translators installed now; kept here so a second install() replaces them instead of stacking.
_installed: list[QTranslator] = []


def qm_file(name: str) -> Path:
    """A compiled translation among the app's assets (works the same from a PyInstaller build)."""
    return Path(str(resources.files("kpps_desktop.assets").joinpath("i18n", name)))


def language(db: sqlite_utils.Database | None = None) -> str:
    """KPPS_LANG when it names a known language, else the 'language' setting, else Indonesian."""
    wanted = os.environ.get(ENV, "").strip().lower()
    if wanted in LANGUAGES:
        return wanted
    return settings.get(db, "language") if db is not None else "id"


def _load(path: Path) -> QTranslator | None:
    translator = QTranslator()
    return translator if path.is_file() and translator.load(str(path)) else None


def install(app: QCoreApplication, db: sqlite_utils.Database | None = None, lang: str | None = None) -> str:
    """Install the translators for `lang` (default: `language(db)`) before any window is made.

    'id' needs no translation of our own text (it is the source) but Qt's standard buttons
    (OK, Cancel, Next…) are English in Qt and Qt ships no Indonesian, so qt_id.qm covers those.
    'en' loads presensi_en.qm, plus Qt's qtbase_en.qm when the installation has it.
    Returns the language installed.
    """
    lang = lang or language(db)
    if lang not in LANGUAGES:
        lang = "id"
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if lang == "id":
        paths = [qm_file("qt_id.qm")]
    else:
        qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        paths = [qt_dir / f"qtbase_{lang}.qm", qm_file(f"presensi_{lang}.qm")]
    for path in paths:
        translator = _load(path)
        if translator is not None and app.installTranslator(translator):
            _installed.append(translator)
    # Numbers, dates and standard dialogs follow the interface language, not the machine's locale.
    # en_ID keeps Indonesian number grouping (Rp 50.000) in English.
    QLocale.setDefault(QLocale(f"{lang}_ID"))
    return lang
