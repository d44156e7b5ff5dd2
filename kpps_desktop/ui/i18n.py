"""The interface language: Indonesian is the source text, English comes from assets/i18n/presensi_en.qm."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator

from kpps_desktop import assets
from kpps_desktop.core import settings

if TYPE_CHECKING:  # annotations only: importing sqlite-utils costs ~45 ms of start-up
    import sqlite_utils

LANGUAGES = settings.LANGUAGES  # code -> name, the same list the settings dialog offers
ENV = "KPPS_LANG"  # overrides the saved setting (screenshots, support, tests)

# The translators installed now; kept here so a second install() replaces them instead of stacking.
_installed: list[QTranslator] = []
_current = "id"


def qm_file(name: str) -> Path:
    """A compiled translation among the app's assets (works the same from a PyInstaller build)."""
    return assets.path("i18n", name)


def language(db: sqlite_utils.Database | None = None) -> str:
    """KPPS_LANG when it names a known language, else the 'language' setting, else Indonesian."""
    wanted = os.environ.get(ENV, "").strip().lower()
    if wanted in LANGUAGES:
        return wanted
    return settings.get(db, "language") if db is not None else "id"


def current() -> str:
    """The language install() last put in place ('id' before any install)."""
    return _current


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
    global _current
    lang = lang or language(db)
    if lang not in LANGUAGES:
        lang = "id"
    _current = lang
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


def core(text: str) -> str:
    """A label that core defines in Indonesian (core never imports Qt), in the interface language.

    Only labels: core's error messages are Indonesian by design and shown as they are.
    """
    return QCoreApplication.translate("core", text) if text else text


# Core's on-screen labels, marked here so lupdate finds them; tests/test_i18n.py keeps this list
# in step with core's dictionaries (JABATAN_LABELS, KINDS, STATUS_LABELS, the settings registry…).
CORE_LABELS = (
    QT_TRANSLATE_NOOP("core", "Ketua KPPS"),
    QT_TRANSLATE_NOOP("core", "Anggota KPPS"),
    QT_TRANSLATE_NOOP("core", "Linmas"),
    QT_TRANSLATE_NOOP("core", "Aktif"),
    QT_TRANSLATE_NOOP("core", "Diganti"),
    QT_TRANSLATE_NOOP("core", "Laki-laki"),
    QT_TRANSLATE_NOOP("core", "Perempuan"),
    QT_TRANSLATE_NOOP("core", "Pelantikan"),
    QT_TRANSLATE_NOOP("core", "Bimtek"),
    QT_TRANSLATE_NOOP("core", "Simulasi"),
    QT_TRANSLATE_NOOP("core", "Susulan"),
    QT_TRANSLATE_NOOP("core", "Hadir"),
    QT_TRANSLATE_NOOP("core", "Hadir daring"),
    QT_TRANSLATE_NOOP("core", "Terlambat"),
    QT_TRANSLATE_NOOP("core", "Izin"),
    QT_TRANSLATE_NOOP("core", "Sakit"),
    QT_TRANSLATE_NOOP("core", "Tidak hadir"),
    QT_TRANSLATE_NOOP("core", "Diharapkan"),
    QT_TRANSLATE_NOOP("core", "Belum tercatat"),
    QT_TRANSLATE_NOOP("core", "Tepat waktu"),
    QT_TRANSLATE_NOOP("core", "Hadir (total)"),
    QT_TRANSLATE_NOOP("core", "Diganti (PAW)"),
    QT_TRANSLATE_NOOP("core", "Kecamatan"),
    QT_TRANSLATE_NOOP("core", "Desa/Kelurahan"),
    QT_TRANSLATE_NOOP("core", "TPS"),
    QT_TRANSLATE_NOOP("core", "Petugas"),
    QT_TRANSLATE_NOOP("core", "Presensi terlalu cepat"),
    QT_TRANSLATE_NOOP("core", "Banyak presensi manual"),
    QT_TRANSLATE_NOOP("core", "Jam di daftar hadir kertas sama"),
    QT_TRANSLATE_NOOP("core", "Satu perangkat untuk banyak desa"),
    QT_TRANSLATE_NOOP("core", "Di luar jam sesi"),
    QT_TRANSLATE_NOOP("core", "Jam perangkat tidak wajar"),
    QT_TRANSLATE_NOOP("core", "Hadir di dua sesi sekaligus"),
    QT_TRANSLATE_NOOP("core", "Presensi petugas yang sudah diganti"),
    QT_TRANSLATE_NOOP("core", "PPS (desa/kelurahan)"),
    QT_TRANSLATE_NOOP("core", "PPK (kecamatan)"),
    QT_TRANSLATE_NOOP("core", "KPU Kabupaten/Kota"),
    QT_TRANSLATE_NOOP("core", "Persentase"),
    QT_TRANSLATE_NOOP("core", "Kode"),
    QT_TRANSLATE_NOOP("core", "Nama"),
    QT_TRANSLATE_NOOP("core", "Jabatan"),
    QT_TRANSLATE_NOOP("core", "Status"),
    QT_TRANSLATE_NOOP("core", "Nama operator"),
    QT_TRANSLATE_NOOP("core", "Orang yang memakai aplikasi di komputer ini; dicatat pada cetakan dan log."),
    QT_TRANSLATE_NOOP("core", "Nama pemilihan dan tahun"),
    QT_TRANSLATE_NOOP("core", "Dicetak di kepala kartu petugas dan di judul setiap formulir."),
    QT_TRANSLATE_NOOP("core", "Kop: nama kantor"),
    QT_TRANSLATE_NOOP("core", "Baris pertama kop; kosong = dari peran dan wilayah (PANITIA PEMUNGUTAN SUARA DESA …)."),
    QT_TRANSLATE_NOOP("core", "Kop: alamat kantor"),
    QT_TRANSLATE_NOOP("core", "Alamat di bawah nama kantor; kosong = garis titik-titik untuk diisi tangan."),
    QT_TRANSLATE_NOOP("core", "Nama ketua"),
    QT_TRANSLATE_NOOP("core", "Nama ketua PPS/PPK/KPU yang menandatangani formulir; kosong = garis titik-titik."),
    QT_TRANSLATE_NOOP("core", "Nama sekretaris"),
    QT_TRANSLATE_NOOP("core", "Nama sekretaris yang menandatangani formulir; kosong = garis titik-titik."),
    QT_TRANSLATE_NOOP("core", "Tempat penandatanganan"),
    QT_TRANSLATE_NOOP("core", "Tempat di atas tanda tangan (mis. Kedungmalang); kosong = nama wilayah."),
    QT_TRANSLATE_NOOP("core", "Batas materai (Rp)"),
    QT_TRANSLATE_NOOP("core", "Kuitansi sejumlah ini atau lebih diberi kotak materai Rp 10.000."),
    QT_TRANSLATE_NOOP("core", "Aturan uang transport"),
    QT_TRANSLATE_NOOP("core", "Jenis sesi yang dibayar, besar per kegiatan (rupiah), "
                              "dan apakah hadir daring/terlambat dibayar."),
    QT_TRANSLATE_NOOP("core", "Suara"),
    QT_TRANSLATE_NOOP("core", "Bunyi saat presensi diterima atau perlu perhatian."),
    QT_TRANSLATE_NOOP("core", "Kamera"),
    QT_TRANSLATE_NOOP("core", "Id perangkat kamera untuk memindai; kosong = kamera bawaan."),
    QT_TRANSLATE_NOOP("core", "Toleransi terlambat (menit)"),
    QT_TRANSLATE_NOOP("core", "Petugas yang datang lebih dari sekian menit setelah jam mulai dicatat terlambat."),
    QT_TRANSLATE_NOOP("core", "Lama hasil presensi tampil (detik)"),
    QT_TRANSLATE_NOOP("core", "Sesudah sekian detik layar presensi kembali ke SIAP untuk antrean berikutnya."),
    QT_TRANSLATE_NOOP("core", "Bahasa"),
    QT_TRANSLATE_NOOP("core", "Bahasa tampilan: id atau en (berlaku setelah aplikasi dibuka lagi)."),
    QT_TRANSLATE_NOOP("core", "Menit minimum hadir daring"),
    QT_TRANSLATE_NOOP("core", "Peserta rapat daring yang tersambung kurang dari sekian menit tidak dicatat "
                              "hadir daring."),
    QT_TRANSLATE_NOOP("core", "Cadangan harian disimpan"),
    QT_TRANSLATE_NOOP("core", "Berapa cadangan harian terbaru yang disimpan di folder backups."),
    QT_TRANSLATE_NOOP("core", "Ekspor"),
    QT_TRANSLATE_NOOP("core", "Impor"),
    QT_TRANSLATE_NOOP("core", "Cetak"),
    QT_TRANSLATE_NOOP("core", "Tampilkan NIK"),
    QT_TRANSLATE_NOOP("core", "Hapus data pribadi"),
    QT_TRANSLATE_NOOP("core", "Cadangan"),
    QT_TRANSLATE_NOOP("core", "Pemulihan"),
    QT_TRANSLATE_NOOP("core", "Pengaturan"),
)
