"""The app's settings: every known key with its default and validation, kept in the `settings` table."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from kpps_desktop.core import db as dbmod
from kpps_desktop.core import validate as textcheck
from kpps_desktop.core.errors import InputError

if TYPE_CHECKING:  # annotations only: importing sqlite-utils costs ~45 ms of start-up
    import sqlite_utils

LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}
# core.transport reads its rules with these defaults; kept here so reading a setting (the language,
# at start-up) does not import transport and with it the recap and session modules.
TRANSPORT_DEFAULTS = {"kinds": ["pelantikan", "bimtek"], "amount": 50000, "daring": False, "terlambat": True}


class SettingError(InputError):
    """One or more values that cannot be saved; `problems` maps key -> message (Indonesian)."""

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__(" ".join(problems.values()))


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    label: str  # what the settings dialog and `kpps settings` call it
    help: str
    check: Callable[[Any], Any]  # returns the value to store, or raises ValueError (Indonesian)


def _text(max_len: int, required: bool) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError("harus berupa teks")
        value = textcheck.normalize(value)
        if required and not value:
            raise ValueError("tidak boleh kosong")
        if len(value) > max_len:
            raise ValueError(f"paling panjang {max_len} karakter")
        reason = textcheck.problem(value, label="teks", max_len=max_len)
        if reason:  # hidden characters (one validator for every text: core/validate.py)
            raise ValueError(reason.removeprefix("teks ").removesuffix("."))
        return value
    return check


def _whole(low: int, high: int) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("harus bilangan bulat")
        if not low <= value <= high:
            raise ValueError(f"harus antara {low} dan {high}")
        return value
    return check


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("harus ya atau tidak (true/false)")
    return value


def _language(value: Any) -> str:
    if value not in LANGUAGES:
        raise ValueError(f"pilih salah satu: {', '.join(LANGUAGES)}")
    return value


def _transport(value: Any) -> dict:
    from kpps_desktop.core import transport

    if not isinstance(value, dict):
        raise ValueError('harus objek JSON, mis. {"amount": 50000}')
    unknown = sorted(set(value) - set(transport.DEFAULTS))
    if unknown:
        raise ValueError(f"kunci '{unknown[0]}' tidak dikenal ({', '.join(transport.DEFAULTS)})")
    # One rule set, one validation: the payee list reads this key through core.transport.
    return transport.rules_from(value).as_dict()


# The one registry: docs/settings.md describes the same keys (a test keeps them in step).
SETTINGS: dict[str, Setting] = {s.key: s for s in (
    Setting("operator", "", "Nama operator",
            "Orang yang memakai aplikasi di komputer ini; dicatat pada cetakan dan log.", _text(80, False)),
    Setting("event_title", "Pemilihan Serentak 2024", "Nama pemilihan dan tahun",
            "Dicetak di kepala kartu petugas dan di judul setiap formulir.", _text(60, True)),
    Setting("kop_office", "", "Kop: nama kantor",
            "Baris pertama kop; kosong = dari peran dan wilayah (PANITIA PEMUNGUTAN SUARA DESA …).",
            _text(120, False)),
    Setting("kop_address", "", "Kop: alamat kantor",
            "Alamat di bawah nama kantor; kosong = garis titik-titik untuk diisi tangan.", _text(160, False)),
    Setting("ketua_name", "", "Nama ketua",
            "Nama ketua PPS/PPK/KPU yang menandatangani formulir; kosong = garis titik-titik.", _text(80, False)),
    Setting("sekretaris_name", "", "Nama sekretaris",
            "Nama sekretaris yang menandatangani formulir; kosong = garis titik-titik.", _text(80, False)),
    Setting("place", "", "Tempat penandatanganan",
            "Tempat di atas tanda tangan (mis. Kedungmalang); kosong = nama wilayah.", _text(60, False)),
    Setting("materai_threshold", 5_000_000, "Batas materai (Rp)",
            "Kuitansi sejumlah ini atau lebih diberi kotak materai Rp 10.000.", _whole(0, 1_000_000_000)),
    Setting("transport", dict(TRANSPORT_DEFAULTS), "Aturan uang transport",
            "Jenis sesi yang dibayar, besar per kegiatan (rupiah), dan apakah hadir daring/terlambat dibayar.",
            _transport),
    Setting("sound", True, "Suara", "Bunyi saat presensi diterima atau perlu perhatian.", _flag),
    Setting("camera", "", "Kamera", "Id perangkat kamera untuk memindai; kosong = kamera bawaan.",
            _text(200, False)),
    Setting("grace_minutes", 15, "Toleransi terlambat (menit)",
            "Petugas yang datang lebih dari sekian menit setelah jam mulai dicatat terlambat.", _whole(0, 240)),
    Setting("checkin_reset_seconds", 5, "Lama hasil presensi tampil (detik)",
            "Sesudah sekian detik layar presensi kembali ke SIAP untuk antrean berikutnya.", _whole(1, 60)),
    Setting("language", "id", "Bahasa", "Bahasa tampilan: id atau en (berlaku setelah aplikasi dibuka lagi).",
            _language),
    Setting("daring_min_minutes", 0, "Menit minimum hadir daring",
            "Peserta rapat daring yang tersambung kurang dari sekian menit tidak dicatat hadir daring.",
            _whole(0, 600)),
    Setting("backup_keep", 14, "Cadangan harian disimpan",
            "Berapa cadangan harian terbaru yang disimpan di folder backups.", _whole(1, 365)),
)}


def _setting(key: str) -> Setting:
    try:
        return SETTINGS[key]
    except KeyError:
        raise SettingError({key: f"Pengaturan '{key}' tidak dikenal ({', '.join(SETTINGS)})."}) from None


def validate(key: str, value: Any) -> Any:
    """The value as it would be stored; SettingError with an Indonesian message otherwise."""
    setting = _setting(key)
    try:
        return setting.check(value)
    except ValueError as exc:
        raise SettingError({key: f"{setting.label}: {str(exc).rstrip('.')}."}) from None


def get(db: sqlite_utils.Database, key: str) -> Any:
    """The stored value, or the default when it is missing or no longer valid."""
    setting = _setting(key)
    value = dbmod.get_setting(db, key, setting.default)
    try:
        return setting.check(value)
    except ValueError:
        return setting.default


def get_all(db: sqlite_utils.Database) -> dict[str, Any]:
    return {key: get(db, key) for key in SETTINGS}


def save_many(db: sqlite_utils.Database, values: dict[str, Any]) -> dict[str, Any]:
    """Validate every value first, then save them all in one transaction (or nothing)."""
    checked, problems = {}, {}
    for key, value in values.items():
        try:
            checked[key] = validate(key, value)
        except SettingError as exc:
            problems.update(exc.problems)
    if problems:
        raise SettingError(problems)
    with db.atomic():
        for key, value in checked.items():
            dbmod.set_setting(db, key, value)
    return checked


def save(db: sqlite_utils.Database, key: str, value: Any) -> Any:
    return save_many(db, {key: value})[key]


def parse(key: str, text: str) -> Any:
    """A value typed on the command line: JSON, or plain text for the text settings, ya/tidak for flags."""
    setting = _setting(key)
    if isinstance(setting.default, bool):
        lowered = text.strip().lower()
        if lowered in ("ya", "y", "true", "1", "on"):
            return True
        if lowered in ("tidak", "t", "n", "false", "0", "off"):
            return False
        raise SettingError({key: f"{setting.label}: '{text}' bukan nilai yang sah (tulis ya atau tidak)."})
    if isinstance(setting.default, str):
        return text
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        example = json.dumps(setting.default, ensure_ascii=False)
        raise SettingError({key: f"{setting.label}: '{text}' bukan nilai yang sah (contoh: {example})."}) from None
