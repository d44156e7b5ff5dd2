"""Text a person typed or a file carried, checked once for everywhere: length, hidden characters, spaces.

One validator for every way a text enters the database: the roster import, the officer dialog,
the handover import, settings, check-in reasons. It refuses what would break a printout or an
export further down (a NUL makes openpyxl raise, a right-to-left override prints "Budi Sloro"
as "olrolS iduB", a 600-character name no longer fits a handover record) and normalises what
is only untidy (runs of spaces, a no-break space, NFC composition).
"""

from __future__ import annotations

import re
import unicodedata

from kpps_desktop.core.errors import InputError

# Characters a field may hold, by kind (Unicode code points after normalising).
LIMITS = {
    "nama": 100,        # the longest real names on KPU rosters are about 60
    "tempat_lahir": 60,
    "alamat": 200,
    "telepon": 20,
    "tps_label": 40,
    "alasan": 200,      # a reason typed at check-in, a card's reissue reason
    "teks": 200,        # any other short text (settings)
}
LABELS = {"nama": "Nama", "tempat_lahir": "Tempat lahir", "alamat": "Alamat", "telepon": "Nomor HP",
          "tps_label": "Label TPS", "alasan": "Alasan", "teks": "Teks"}

# Bidirectional controls: embeddings, overrides, isolates and marks. A name never needs them
# and they reorder what is printed ("Trojan Source", CVE-2021-42574).
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Invisible characters dropped silently: zero-width space/joiners, soft hyphen, BOM, word joiner.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_SPACES = re.compile(r"\s+")
_PHONE = re.compile(r"\+?[0-9][0-9 ()./-]*")


class TextError(InputError):
    """A text refused by the validator; `field` names the field (a key of LIMITS or the caller's)."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


def _codepoint(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def problem(value: str, kind: str = "teks", *, label: str | None = None, max_len: int | None = None,
            multiline: bool = False) -> str | None:
    """The Indonesian reason `value` is refused, or None; does not normalise."""
    label = label or LABELS.get(kind, kind)
    if not isinstance(value, str):
        return f"{label} harus berupa teks."
    for ch in value:
        if ch in BIDI:
            return (f"{label} berisi tanda arah teks tersembunyi ({_codepoint(ch)}) yang dapat membalik "
                    "tulisan pada kartu dan cetakan; ketik ulang teks itu.")
        cat = unicodedata.category(ch)
        if cat == "Cs":
            return f"{label} berisi karakter yang rusak ({_codepoint(ch)}); ketik ulang teks itu."
        if cat == "Cc" and not ch.isspace():  # tab, newline and the like become one space
            return (f"{label} berisi karakter kendali tak terlihat ({_codepoint(ch)}) yang tidak dapat "
                    "dicetak; hapus karakter itu atau ketik ulang.")
    limit = max_len if max_len is not None else LIMITS.get(kind, LIMITS["teks"])
    length = len(normalize(value, multiline=multiline))
    if length > limit:
        return f"{label} terlalu panjang: {length} karakter, paling banyak {limit}."
    return None


def normalize(value: str, *, multiline: bool = False) -> str:
    """NFC, invisible characters dropped, every run of white space one space (lines kept if multiline)."""
    value = unicodedata.normalize("NFC", value).translate(_INVISIBLE)
    if multiline:
        lines = (" ".join(line.split()) for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
        return "\n".join(lines).strip("\n ")
    return _SPACES.sub(" ", value).strip()


def text(value: str | None, kind: str = "teks", *, label: str | None = None, required: bool = False,
         max_len: int | None = None, multiline: bool = False) -> str | None:
    """`value` checked and normalised; TextError (Indonesian) when refused. None/'' stays None unless required."""
    label = label or LABELS.get(kind, kind)
    if value is None or (isinstance(value, str) and not normalize(value, multiline=multiline)):
        if required:
            raise TextError(kind, f"{label} wajib diisi.")
        return None
    reason = problem(value, kind, label=label, max_len=max_len, multiline=multiline)
    if reason:
        raise TextError(kind, reason)
    return normalize(value, multiline=multiline)


def name(value: str | None) -> str:
    """An officer's name: required, at most LIMITS['nama'] characters, no hidden characters."""
    return text(value, "nama", required=True)  # type: ignore[return-value]


def reason(value: str | None, *, required: bool = True) -> str | None:
    """A free-text reason (manual check-in, card reissue)."""
    return text(value, "alasan", required=required)


def phone(value: str | None) -> str | None:
    """A phone number as typed ('0812-3456 7890', '+62 812...'); kept as typed, spaces tidied."""
    cleaned = text(value, "telepon")
    if cleaned is None:
        return None
    digits = sum(c.isdigit() for c in cleaned)
    if not _PHONE.fullmatch(cleaned) or not 8 <= digits <= 15:
        raise TextError("telepon", f"Nomor HP '{cleaned}' tidak valid: 8 sampai 15 angka, boleh diawali +.")
    return cleaned


def shown(value: str | None) -> str:
    """A stored text made safe to show or print: hidden controls replaced, bidi controls removed.

    For texts stored before this validator existed, or arriving by a path that cannot refuse
    (a scan): what the screen, the card and the export show is what the text really says.
    """
    if not value:
        return value or ""
    out = []
    for ch in value:
        if ch in BIDI:
            continue
        cat = unicodedata.category(ch)
        if cat == "Cs" or (cat == "Cc" and not ch.isspace()):
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out)


# A scan field receives whatever a scanner or a keyboard sends: a NIK typed in full must not be
# kept in the scan log (it is personal data the log does not need), nor a megabyte of noise.
SCAN_TEXT_MAX = 200
_NIK_RUN = re.compile(r"(?<![0-9])([0-9]{4})[0-9]{8}([0-9]{4})(?![0-9])")


def scan_text(value: str | None) -> str:
    """What the scan log keeps of a refused scan: hidden characters shown, any NIK masked, capped."""
    value = shown(value or "")
    if len(value) > SCAN_TEXT_MAX:
        value = value[:SCAN_TEXT_MAX - 1] + "…"
    return _NIK_RUN.sub(r"\1********\2", value)
