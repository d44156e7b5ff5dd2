"""Officer card codes (the QR text), issuing and revoking cards, photos, and the print log."""

from __future__ import annotations

import io
import secrets
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from kpps_desktop.core import audit
from kpps_desktop.core import db as dbmod
from kpps_desktop.core import nik as nikmod
from kpps_desktop.core.progress import Progress
from kpps_desktop.core.errors import InputError

# The format is documented in docs/card-code.md; change both together.
PREFIX = "K1"
SEPARATOR = "."
# 23 symbols (a prime, so the weighted check below catches every single substitution
# and every transposition). Left out: I L O U (look like 1 1 0 V), S B G (look like
# 5 8 6), and A Q W Z Y M, the letters that move between US, AZERTY and QWERTZ keyboards,
# so a scanner typing under the wrong layout can only garble digits and punctuation.
ALPHABET = "0123456789CDEFHJKNPRTVX"
BODY_LENGTH = 18  # 23**18 > 2**81
CODE_LENGTH = len(PREFIX) + len(SEPARATOR) + BODY_LENGTH + 1
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
_BASE = len(ALPHABET)

# Hand-typed look-alikes, read as the symbol they resemble.
_LOOKALIKES = str.maketrans("OQILZSGBU", "00112568V")
# What a scanner that types the US digit row produces on another layout, digit by digit.
_DIGIT_ROWS = (
    "&é\"'(-è_çà",   # French AZERTY, unshifted
    "&É\"'(-È_ÇÀ",   # the same with Caps Lock on
    "!@#$%^&*()",    # US layout with Shift held (scanner set to AZERTY, PC on US)
)
_LAYOUT_MAPS = tuple(str.maketrans(row, "1234567890") for row in _DIGIT_ROWS)


def _check_char(chars: str) -> str:
    """Weights 1, 2, 3, ... (all below 23) over prefix and body; the code sums to 0 mod 23."""
    total = sum((i + 1) * _VALUE[c] for i, c in enumerate(chars))
    weight = len(chars) + 1
    # Solve total + weight * v = 0 (mod 23) for v.
    return ALPHABET[(-total * pow(weight, -1, _BASE)) % _BASE]


def new_code(rng=secrets) -> str:
    """A fresh card code: 'K1.' + 18 random symbols (81 bits) + 1 check symbol."""
    randbelow = getattr(rng, "randbelow", None) or rng.randrange
    n = randbelow(_BASE ** BODY_LENGTH)
    body = []
    for _ in range(BODY_LENGTH):
        n, r = divmod(n, _BASE)
        body.append(ALPHABET[r])
    body_text = "".join(body)
    return f"{PREFIX}{SEPARATOR}{body_text}{_check_char(PREFIX + body_text)}"


def _valid_compact(compact: str) -> str | None:
    """'K1' + body + check, all in the alphabet, check right -> canonical code."""
    if len(compact) != CODE_LENGTH - len(SEPARATOR) or not compact.startswith(PREFIX):
        return None
    if any(c not in _VALUE for c in compact):
        return None
    if _check_char(compact[:-1]) != compact[-1]:
        return None
    return f"{PREFIX}{SEPARATOR}{compact[len(PREFIX):]}"


def _compact(text: str) -> str:
    kept = "".join(c for c in text if c.isascii() and c.isalnum())
    return kept.upper().translate(_LOOKALIKES)


def parse_code(text: str | None) -> str | None:
    """The canonical code in what a person or scanner typed, or None if it is not a valid code.

    Accepts any case, spaces and separators, look-alikes (O->0, I/L->1, ...), and the
    digit row as garbled by a scanner typing under an AZERTY or shifted layout. The check
    symbol decides between readings, so garbling can never turn into another valid code
    silently (a different reading would have to pass the check too).
    """
    if not text:
        return None
    text = text.strip()
    found = _valid_compact(_compact(text))
    if found:
        return found
    for table in _LAYOUT_MAPS:
        found = _valid_compact(_compact(text.translate(table)))
        if found:
            return found
    return None


def format_code(code: str) -> str:
    """For printing under the QR: 'K1.' then groups of four, easier to type by hand."""
    head, body = code[: len(PREFIX) + len(SEPARATOR)], code[len(PREFIX) + len(SEPARATOR):]
    return head + " ".join(body[i:i + 4] for i in range(0, len(body), 4))


# --- cards in the database ---------------------------------------------------------------

@dataclass(frozen=True)
class Lookup:
    result: str  # 'ok' | 'revoked' | 'unknown' | 'invalid'
    officer_id: str | None
    code: str | None  # canonical, when the text was a valid code


def issue_missing(db: sqlite_utils.Database, progress: Progress | None = None) -> int:
    """Give every active officer without a live card a new code, in one transaction.

    Replaced officers (diganti) are not expected anywhere, so they get no new card.
    Returns how many cards were issued.
    """
    with db.atomic():
        missing = [r[0] for r in db.conn.execute(
            "SELECT o.id FROM officers o WHERE o.status = 'aktif' AND NOT EXISTS "
            "(SELECT 1 FROM cards c WHERE c.officer_id = o.id AND c.revoked_at IS NULL)"
        )]
        if progress:
            progress.set_total(len(missing), "Membuat kode kartu")
        now, device = dbmod.utc_now(), dbmod.device_id(db)
        db.conn.executemany(
            "INSERT INTO cards (code, officer_id, issued_at, device_id) VALUES (?, ?, ?, ?)",
            ((new_code(), officer_id, now, device) for officer_id in missing),
        )
        if progress:
            progress.tick(len(missing))
    return len(missing)


def reissue(db: sqlite_utils.Database, officer_id: str, reason: str = "kartu hilang") -> str:
    """A new card for one officer (lost card): the old code is revoked with a record."""
    with db.atomic():
        if db.conn.execute("SELECT 1 FROM officers WHERE id = ?", (officer_id,)).fetchone() is None:
            raise InputError("Petugas tidak ditemukan.")
        now, device = dbmod.utc_now(), dbmod.device_id(db)
        for (old,) in db.conn.execute(
            "SELECT code FROM cards WHERE officer_id = ? AND revoked_at IS NULL", (officer_id,)
        ).fetchall():
            db.conn.execute("UPDATE cards SET revoked_at = ? WHERE code = ?", (now, old))
            db.conn.execute(
                "INSERT INTO card_revocations (id, code, officer_id, reason, at, device_id) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (dbmod.new_id(), old, officer_id, reason, now, device),
            )
        code = new_code()
        db.conn.execute(
            "INSERT INTO cards (code, officer_id, issued_at, device_id) VALUES (?, ?, ?, ?)",
            (code, officer_id, now, device),
        )
    return code


def lookup(db: sqlite_utils.Database, text: str | None) -> Lookup:
    """What a scanned or typed text means: ok, revoked, unknown (valid but not ours), invalid."""
    code = parse_code(text)
    if code is None:
        return Lookup("invalid", None, None)
    row = db.conn.execute(
        "SELECT officer_id, revoked_at FROM cards WHERE code = ?", (code,)
    ).fetchone()
    revoked = db.conn.execute(
        "SELECT officer_id FROM card_revocations WHERE code = ? LIMIT 1", (code,)
    ).fetchone()
    if revoked is not None or (row is not None and row[1] is not None):
        return Lookup("revoked", (row or revoked)[0], code)
    if row is None:
        return Lookup("unknown", None, code)
    return Lookup("ok", row[0], code)


def current_codes(db: sqlite_utils.Database, *, issue: bool = False) -> dict[str, str]:
    """officer_id -> live card code; with issue=True, officers without one get one first."""
    if issue:
        issue_missing(db)
    return dict(db.conn.execute("SELECT officer_id, code FROM cards WHERE revoked_at IS NULL"))


def officers_for_print(db: sqlite_utils.Database, *, officer_ids: list[str] | None = None,
                       within: str | None = None) -> list[dict]:
    """Active officers to print, in roster order, each with its live `code` (issued if missing).

    `officer_ids` selects officers (a lost card printed again); otherwise `within` is a
    region code, or None for everyone.
    """
    from kpps_desktop.core import roster

    codes = current_codes(db, issue=True)
    rows = roster.list_officers(db, within=None if officer_ids else within)
    if officer_ids:
        by_id = {r["id"]: r for r in rows}
        missing = [i for i in officer_ids if i not in by_id]
        if missing:
            raise InputError(f"Petugas tidak ditemukan: {', '.join(missing)}.")
        rows = [by_id[i] for i in dict.fromkeys(officer_ids)]
        replaced = [r["nama"] for r in rows if r["status"] != "aktif"]
        if replaced:
            raise InputError(f"Petugas sudah diganti, kartunya tidak dicetak: {', '.join(replaced)}.")
    for r in rows:
        r["code"] = codes.get(r["id"])
    return [r for r in rows if r["status"] == "aktif"]


# --- photos ------------------------------------------------------------------------------

PHOTO_SIZE = (240, 320)  # 3:4, about 300 dpi at the card's 20 x 27 mm photo box
PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png"}


@dataclass
class PhotoImport:
    imported: int
    unknown: list[str]  # file names whose NIK is not in the roster
    failed: list[str]  # file names that are not readable images


def _small_jpeg(path: Path) -> bytes:
    from PIL import Image, ImageOps

    with Image.open(path) as im:
        im = ImageOps.exif_transpose(im).convert("RGB")
        im = ImageOps.fit(im, PHOTO_SIZE, Image.Resampling.LANCZOS, centering=(0.5, 0.35))
        out = io.BytesIO()
        im.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()


def import_photos(db: sqlite_utils.Database, folder: Path | str,
                  progress: Progress | None = None) -> PhotoImport:
    """Photos from a folder of files named by NIK (3320....jpg/.png), cropped to 3:4, small JPEG."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"Folder foto {folder} tidak ditemukan.")
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in PHOTO_SUFFIXES)
    by_nik = dict(db.conn.execute("SELECT nik, id FROM officers"))
    result = PhotoImport(0, [], [])
    if progress:
        progress.set_total(len(files), "Mengimpor foto")
    rows = []
    for path in files:
        officer_id = by_nik.get(nikmod.normalize(path.stem)[0])
        if officer_id is None:
            result.unknown.append(path.name)
        else:
            try:
                rows.append((officer_id, _small_jpeg(path), dbmod.utc_now()))
            except (OSError, ValueError):
                result.failed.append(path.name)
        if progress:
            progress.tick()
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO officer_photos (officer_id, image, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT(officer_id) DO UPDATE SET image = excluded.image, updated_at = excluded.updated_at",
            rows,
        )
    result.imported = len(rows)
    return result


def photo(db: sqlite_utils.Database, officer_id: str) -> bytes | None:
    row = db.conn.execute("SELECT image FROM officer_photos WHERE officer_id = ?", (officer_id,)).fetchone()
    return row[0] if row else None


def photo_ids(db: sqlite_utils.Database) -> set[str]:
    return {r[0] for r in db.conn.execute("SELECT officer_id FROM officer_photos")}


# --- print log ---------------------------------------------------------------------------

def log_print(db: sqlite_utils.Database, what: str, scope: str | None, count: int,
              paper: str | None = None, operator: str | None = None, *, show_nik: bool = False) -> str:
    """Record a printout (personal data leaving the app on paper) in the audit log; returns its id.

    A printout with full NIKs is also a reveal, logged as its own entry.
    """
    with db.atomic():
        if show_nik:
            audit.record(db, "reveal_nik", what, scope, count, operator=operator)
        return audit.record(db, "print", what, scope, count, {"paper": paper} if paper else None,
                            operator=operator)


def print_log(db: sqlite_utils.Database) -> list[dict]:
    """The printouts, oldest first, in the shape of the old print_log table (the view of that name)."""
    return [{"id": e.id, "at": e.at, "what": e.what, "scope": e.scope, "count": e.count,
             "paper": (e.detail or {}).get("paper"), "operator": e.operator or None, "device_id": e.device_id}
            for e in audit.entries(db, "print")]
