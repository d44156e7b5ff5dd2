"""Files the running app reads (region list, translations, fonts, sounds, guide, licences).

They sit beside this module both in a source checkout and in the PyInstaller build (which
unpacks package data to real files), so a plain path reaches them. importlib.resources would
do the same job, but importing it costs ~3 ms of every start-up."""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).resolve().parent


def path(*parts: str) -> Path:
    """An asset by its path under kpps_desktop/assets, e.g. path("i18n", "qt_id.qm")."""
    return FOLDER.joinpath(*parts)
