"""Card codes (format, check symbol, keyboard garbling), issuing/revoking cards, photos, print log."""

import datetime as dt
import io
import math
import random

import pytest
import qrcode
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from helpers.cards import DESA, make_officers

from kpps_desktop.core import cards, roster
from kpps_desktop.core import nik as nikmod

QR_ALPHANUMERIC = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
AZERTY = str.maketrans("1234567890", "&é\"'(-è_çà")
US_SHIFTED = str.maketrans("1234567890", "!@#$%^&*()")


# --- the code format ----------------------------------------------------------------------

def test_alphabet_has_no_lookalikes_or_layout_dependent_letters():
    assert len(cards.ALPHABET) == len(set(cards.ALPHABET)) == 23
    assert not set(cards.ALPHABET) & set("OILUSBGAQWZYM")
    assert set(cards.ALPHABET) <= QR_ALPHANUMERIC


def test_new_code_shape_entropy_and_qr_size():
    code = cards.new_code()
    assert code.startswith("K1.") and len(code) == cards.CODE_LENGTH == 22
    assert set(code) <= QR_ALPHANUMERIC and set(code[3:]) <= set(cards.ALPHABET)
    assert cards.BODY_LENGTH * math.log2(len(cards.ALPHABET)) >= 80
    for level, most in ((qrcode.constants.ERROR_CORRECT_M, 3), (qrcode.constants.ERROR_CORRECT_Q, 3)):
        q = qrcode.QRCode(error_correction=level)
        q.add_data(code)
        q.make(fit=True)
        assert q.version <= most
    assert cards.parse_code(code) == code


def test_codes_are_random_and_reproducible_with_a_seeded_rng():
    assert len({cards.new_code() for _ in range(2000)}) == 2000
    assert cards.new_code(random.Random(5)) == cards.new_code(random.Random(5))


def test_check_symbol_catches_every_single_substitution_and_adjacent_transposition():
    rng = random.Random(1)
    for _ in range(20):
        code = cards.new_code(rng)
        compact = code.replace(".", "")
        for i in range(len(compact)):
            for c in cards.ALPHABET:
                if c != compact[i]:
                    changed = compact[:i] + c + compact[i + 1:]
                    assert cards.parse_code(changed) is None, (code, i, c)
        for i in range(len(compact) - 1):
            if compact[i] != compact[i + 1]:
                swapped = compact[:i] + compact[i + 1] + compact[i] + compact[i + 2:]
                assert cards.parse_code(swapped) is None, (code, i)


def test_parse_accepts_what_people_and_scanners_type():
    code = cards.new_code(random.Random(3))
    printed = cards.format_code(code)
    assert " " in printed
    assert cards.parse_code(printed) == code
    assert cards.parse_code(f"  {printed.lower()}\n") == code
    assert cards.parse_code(code.replace(".", "-")) == code
    assert cards.parse_code(code.replace("0", "O").replace("1", "l")) == code
    # A scanner sending US key codes to a PC set to AZERTY types the unshifted digit row.
    assert cards.parse_code(code.translate(AZERTY)) == code
    assert cards.parse_code(code.translate(AZERTY).upper()) == code  # Caps Lock on
    assert cards.parse_code(code.translate(US_SHIFTED)) == code
    # QWERTZ swaps Y and Z, and US '.' arrives as ':' on AZERTY; the alphabet has neither letter.
    assert cards.parse_code(code.replace(".", ":")) == code


@settings(max_examples=200, deadline=None)
@given(st.randoms(use_true_random=False), st.sampled_from([None, AZERTY, US_SHIFTED]),
       st.booleans(), st.booleans())
def test_garbling_round_trips(rng, layout, lower, spaced):
    code = cards.new_code(rng)
    text = cards.format_code(code) if spaced else code
    if layout:
        text = text.translate(layout)
    if lower:
        text = text.lower()
    assert cards.parse_code(text) == code


@pytest.mark.parametrize("text", [None, "", "K1.", "hello", "3320015203900001", "K2.0123456789CDEFHJKN"])
def test_parse_rejects_non_codes(text):
    assert cards.parse_code(text) is None


# --- cards in the database --------------------------------------------------------------------

def test_issue_missing_gives_each_active_officer_one_card(pps_db):
    officers = make_officers(pps_db, 15)
    replacement = roster.Officer(nik=nikmod.make("332001", dt.date(1990, 5, 5), "L", 999), nama="Pengganti",
                                 jk="L", desa=DESA, tps=1, jabatan="anggota")
    roster.replace_officer(pps_db, officers[3].id, replacement)
    assert cards.issue_missing(pps_db) == 15  # 14 still active + the replacement
    codes = cards.current_codes(pps_db)
    assert officers[3].id not in codes and replacement.id in codes
    assert len(set(codes.values())) == 15
    assert cards.issue_missing(pps_db) == 0
    assert cards.current_codes(pps_db) == codes
    for officer_id, code in codes.items():
        assert cards.lookup(pps_db, code) == cards.Lookup("ok", officer_id, code)


def test_reissue_revokes_the_old_code_with_a_record(pps_db):
    officer = make_officers(pps_db, 1)[0]
    old = cards.current_codes(pps_db, issue=True)[officer.id]
    new = cards.reissue(pps_db, officer.id, "kartu hilang")
    assert new != old and cards.current_codes(pps_db)[officer.id] == new
    assert cards.lookup(pps_db, old).result == "revoked"
    assert cards.lookup(pps_db, old).officer_id == officer.id
    assert cards.lookup(pps_db, cards.format_code(new).lower()).result == "ok"
    rows = list(pps_db.query("SELECT code, officer_id, reason FROM card_revocations"))
    assert rows == [{"code": old, "officer_id": officer.id, "reason": "kartu hilang"}]


def test_reissue_of_unknown_officer_changes_nothing(pps_db):
    with pytest.raises(ValueError, match="tidak ditemukan"):
        cards.reissue(pps_db, "nope")
    assert pps_db["cards"].count == 0 and pps_db["card_revocations"].count == 0


def test_lookup_results(pps_db):
    make_officers(pps_db, 2)
    cards.issue_missing(pps_db)
    assert cards.lookup(pps_db, "garbage").result == "invalid"
    stranger = cards.new_code()
    assert cards.lookup(pps_db, stranger) == cards.Lookup("unknown", None, stranger)
    # A revocation that travelled from another installation revokes a card we still think live.
    officer_id, code = next(iter(cards.current_codes(pps_db).items()))
    pps_db["card_revocations"].insert({"id": "x1", "code": code, "officer_id": officer_id, "reason": "hilang",
                                       "at": "2024-11-01T08:00:00+07:00", "device_id": "lain"})
    assert cards.lookup(pps_db, code).result == "revoked"


def test_officers_for_print_refuses_unknown_or_replaced_officers(pps_db):
    officers = make_officers(pps_db, 3)
    rows = cards.officers_for_print(pps_db, officer_ids=[officers[2].id])
    assert [r["id"] for r in rows] == [officers[2].id] and rows[0]["code"]
    with pytest.raises(ValueError, match="tidak ditemukan"):
        cards.officers_for_print(pps_db, officer_ids=["nope"])
    replacement = roster.Officer(nik=nikmod.make("332001", dt.date(1990, 5, 5), "L", 999), nama="Pengganti",
                                 jk="L", desa=DESA, tps=1, jabatan="anggota")
    roster.replace_officer(pps_db, officers[0].id, replacement)
    with pytest.raises(ValueError, match="sudah diganti"):
        cards.officers_for_print(pps_db, officer_ids=[officers[0].id])


# --- photos and print log -----------------------------------------------------------------

def test_import_photos_by_nik(pps_db, tmp_path):
    officers = make_officers(pps_db, 3)
    folder = tmp_path / "foto"
    folder.mkdir()
    Image.new("RGB", (600, 900), "red").save(folder / f"{officers[0].nik}.jpg")
    Image.new("RGBA", (400, 300), "blue").save(folder / f"{officers[1].nik}.PNG")
    Image.new("RGB", (50, 50)).save(folder / "3320019999990001.jpg")  # nobody's NIK
    (folder / f"{officers[2].nik}.jpg").write_bytes(b"not a picture")
    (folder / "catatan.txt").write_text("abaikan")
    result = cards.import_photos(pps_db, folder)
    assert result.imported == 2
    assert result.unknown == ["3320019999990001.jpg"]
    assert result.failed == [f"{officers[2].nik}.jpg"]
    with Image.open(io.BytesIO(cards.photo(pps_db, officers[1].id))) as im:
        assert im.format == "JPEG" and im.size == cards.PHOTO_SIZE
    assert cards.photo_ids(pps_db) == {officers[0].id, officers[1].id}
    assert cards.photo(pps_db, officers[2].id) is None


def test_import_photos_missing_folder(pps_db, tmp_path):
    with pytest.raises(ValueError, match="tidak ditemukan"):
        cards.import_photos(pps_db, tmp_path / "tidak-ada")


def test_log_print(pps_db):
    cards.log_print(pps_db, "kartu", DESA, 70, "a4", "sekretaris")
    [row] = cards.print_log(pps_db)
    assert (row["what"], row["scope"], row["count"], row["paper"], row["operator"]) == (
        "kartu", DESA, 70, "a4", "sekretaris")
