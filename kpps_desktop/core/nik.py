"""NIK (Nomor Induk Kependudukan): normalising what spreadsheets did to it, validating, masking."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from kpps_desktop.core import wilayah

_SCI = re.compile(r"^[0-9](?:[.,][0-9]+)?[eE][+]?[0-9]+$")


@dataclass
class NikCheck:
    """The outcome of checking one NIK: errors block it, warnings only inform."""

    nik: str  # the cleaned digits (may still be invalid when errors is non-empty)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    jk: str | None = None  # 'L' or 'P' as encoded in the NIK
    tanggal_lahir: _dt.date | None = None  # as encoded in the NIK

    @property
    def ok(self) -> bool:
        return not self.errors


def _century(yy: int, today: _dt.date) -> int:
    return 2000 + yy if 2000 + yy <= today.year else 1900 + yy


def normalize(value: object) -> tuple[str, list[str], list[str]]:
    """Turn what a cell held into digits, reporting spreadsheet damage.

    Returns (digits, errors, warnings). Numbers are suspect: a spreadsheet keeps only 15
    significant digits, so the 16th becomes 0 (3320015203900001 -> 3320015203900000).
    """
    errors: list[str] = []
    warnings: list[str] = []
    if value is None:
        return "", ["NIK kosong."], []
    if isinstance(value, bool):
        return "", ["NIK tidak valid."], []
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not value.is_integer():
            return "", [f"NIK tersimpan sebagai angka desimal ({value!r}); ketik ulang sebagai teks."], []
        digits = str(int(value))
        if len(digits) == 16 and digits.endswith("0"):
            errors.append(
                "NIK tersimpan sebagai angka di spreadsheet, digit terakhirnya mungkin hilang "
                f"({digits}); format kolom NIK sebagai Teks dan ketik ulang."
            )
        elif len(digits) == 16:
            warnings.append("NIK tersimpan sebagai angka di spreadsheet; sebaiknya format kolom sebagai Teks.")
        return digits, errors, warnings
    text = str(value).strip().lstrip("'").strip()
    if not text:
        return "", ["NIK kosong."], []
    compact = text.replace(" ", "")
    if _SCI.match(compact):
        return compact, [
            f"NIK rusak oleh spreadsheet (notasi ilmiah '{text}'): digitnya sudah hilang; "
            "ketik ulang dari KTP."
        ], []
    m = re.fullmatch(r"([0-9]+)[.,]0+", compact)
    if m:
        compact = m.group(1)
        warnings.append("NIK tertulis sebagai angka desimal; bagian '.0' dibuang.")
    digits = re.sub(r"[\s.\-]", "", compact)
    return digits, errors, warnings


def check(value: object, jk: str | None = None, tanggal_lahir: _dt.date | None = None,
          today: _dt.date | None = None) -> NikCheck:
    """Validate a NIK; compare sex and birth date with entered data (mismatch = warning)."""
    today = today or _dt.date.today()
    digits, errors, warnings = normalize(value)
    result = NikCheck(nik=digits, errors=errors, warnings=warnings)
    if errors:
        return result
    if not digits.isdigit():
        result.errors.append(f"NIK hanya boleh berisi angka ('{digits}').")
        return result
    if len(digits) != 16:
        hint = " Kemungkinan digit hilang di spreadsheet." if len(digits) == 15 else ""
        result.errors.append(f"NIK harus 16 digit, ini {len(digits)} digit.{hint}")
        return result
    prov, kab, kec = digits[0:2], int(digits[2:4]), int(digits[4:6])
    if wilayah.get(prov) is None:
        result.errors.append(f"Kode provinsi NIK '{prov}' tidak dikenal.")
    if not (1 <= kab <= 69 or 71 <= kab <= 99):
        result.errors.append(f"Kode kabupaten/kota NIK '{digits[2:4]}' tidak mungkin.")
    if kec == 0:
        result.errors.append("Kode kecamatan NIK '00' tidak mungkin.")
    day, month, yy = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    sex = None
    if 1 <= day <= 31:
        sex = "L"
    elif 41 <= day <= 71:
        sex, day = "P", day - 40
    else:
        result.errors.append(
            f"Tanggal lahir di NIK ({digits[6:8]}) harus 01-31, atau 41-71 untuk perempuan."
        )
    if not 1 <= month <= 12:
        result.errors.append(f"Bulan lahir di NIK ({digits[8:10]}) harus 01-12.")
    if digits[12:] == "0000":
        result.errors.append("Nomor urut NIK '0000' tidak mungkin.")
    if result.errors:
        return result
    try:
        born = _dt.date(_century(yy, today), month, day)
    except ValueError:
        result.errors.append(f"Tanggal lahir di NIK ({digits[6:12]}) bukan tanggal yang ada.")
        return result
    result.jk, result.tanggal_lahir = sex, born
    if jk and jk != sex:
        result.warnings.append(
            f"Jenis kelamin di NIK ({sex}) berbeda dengan data ({jk}); NIK tetap dipakai."
        )
    if tanggal_lahir and tanggal_lahir != born:
        # NIKs are never corrected even when their date part is wrong: warn, keep.
        if (tanggal_lahir.day, tanggal_lahir.month, tanggal_lahir.year % 100) != (day, month, yy):
            result.warnings.append(
                f"Tanggal lahir di NIK ({born:%d-%m-%Y}) berbeda dengan data "
                f"({tanggal_lahir:%d-%m-%Y}); NIK tetap dipakai."
            )
    return result


# check()'s error rules as one pattern, for checking many NIKs at C speed (a national handover
# import holds millions): kabupaten 01-69/71-99, kecamatan not 00, a day that exists in its month
# (+40 for women; 29 February left to check(), which knows the century), serial not 0000.
_DAYMONTH = (r"(?:(?:0[1-9]|1\d|2[0-8]|4[1-9]|5\d|6[0-8])(?:0[1-9]|1[0-2])|(?:29|30|69|70)(?:0[13-9]|1[0-2])"
             r"|(?:31|71)(?:0[13578]|1[02]))")
ALL_OK = re.compile(r"\d\d(?:0[1-9]|[1-6]\d|7[1-9]|[89]\d)(?!00)\d\d" + _DAYMONTH + r"\d\d(?!0000)\d{4}")


def all_valid(niks: list[str]) -> bool:
    """True only when check() finds no error in any of these NIKs; False means: ask check() (it names why)."""
    try:
        if not all(map(ALL_OK.fullmatch, niks)):
            return False
    except TypeError:
        return False
    return all(wilayah.get(p) is not None for p in {n[:2] for n in niks})


def mask(nik: str | None) -> str:
    """3320015203900001 -> 3320********0001, for screens and printouts."""
    if not nik:
        return ""
    if len(nik) <= 8:
        return "*" * len(nik)
    return nik[:4] + "*" * (len(nik) - 8) + nik[-4:]


def make(region6: str, born: _dt.date, jk: str, serial: int) -> str:
    """Build a NIK in form (used by the demo generator and tests)."""
    day = born.day + (40 if jk == "P" else 0)
    return f"{region6}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"
