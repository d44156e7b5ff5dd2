"""Files the running app reads (region list, translations, fonts, sounds, guide, licences).

They sit beside this module both in a source checkout and in the PyInstaller build (which
unpacks package data to real files), so a plain path reaches them. importlib.resources would
do the same job, but importing it costs ~3 ms of every start-up."""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).resolve().parent

# The lists the app reads assets by, here (not in ui) so that the self-test can check the packaged
# folder without loading the widgets that play and show them.
SOUND_KINDS = ("accepted", "duplicate", "error")  # sounds/<kind>.wav
GUIDE_PAGES = ("mulai.html", "cetak-kartu.html", "hari-presensi.html", "serah-terima.html", "pintasan.html")


def path(*parts: str) -> Path:
    """An asset by its path under kpps_desktop/assets, e.g. path("i18n", "qt_id.qm")."""
    return FOLDER.joinpath(*parts)
