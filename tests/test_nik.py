"""NIK rules: form, dates, women's +40 day, region plausibility, spreadsheet damage, masking."""

import datetime as dt

import pytest
from hypothesis import given, strategies as st

from kpps_desktop.core import nik

TODAY = dt.date(2024, 11, 7)


def test_valid_woman_nik_decodes_sex_and_birth_date():
    r = nik.check("3320015203900001", today=TODAY)
    assert r.ok, r.errors
    assert (r.jk, r.tanggal_lahir) == ("P", dt.date(1990, 3, 12))


def test_valid_man_nik():
    r = nik.check("3320011203900001", today=TODAY)
    assert r.ok and r.jk == "L"


@pytest.mark.parametrize("value, fragment", [
    ("332001520390001", "16 digit"),          # 15 digits: one lost
    ("33200152039000011", "16 digit"),
    ("3320013203900001", "01-31"),            # day 32
    ("3320017203900001", "01-31"),            # day 72
    ("3320011213900001", "01-12"),            # month 13
    ("3320013102900001", "bukan tanggal"),    # 31 Feb
    ("9920011203900001", "provinsi"),         # no province 99
    ("3300011203900001", "kabupaten"),        # kabupaten 00
    ("3370011203900001", "kabupaten"),        # 70 is neither kabupaten nor kota
    ("3320001203900001", "kecamatan"),
    ("3320011203900000", "urut"),
    ("33200112039OOOO1", "angka"),
    ("", "kosong"),
    (None, "kosong"),
])
def test_invalid_niks_are_errors(value, fragment):
    r = nik.check(value, today=TODAY)
    assert not r.ok
    assert any(fragment in e for e in r.errors), r.errors


def test_scientific_notation_from_a_spreadsheet_is_reported_as_mangled():
    r = nik.check("3.32002E+15", today=TODAY)
    assert not r.ok and "notasi ilmiah" in r.errors[0]


def test_number_that_lost_its_last_digit_is_reported():
    r = nik.check(3320015203900000, today=TODAY)
    assert not r.ok and "angka" in r.errors[0]


def test_intact_number_is_accepted_with_a_warning():
    r = nik.check(3320015203900001, today=TODAY)
    assert r.ok and r.nik == "3320015203900001" and r.warnings


def test_float_string_and_text_prefix_are_cleaned():
    assert nik.check("3320015203900001.0", today=TODAY).nik == "3320015203900001"
    assert nik.check("'3320015203900001", today=TODAY).ok
    assert nik.check(" 3320 0152 0390 0001 ", today=TODAY).ok


def test_sex_and_birth_date_mismatch_is_a_warning_not_an_error():
    r = nik.check("3320015203900001", jk="L", tanggal_lahir=dt.date(1991, 1, 1), today=TODAY)
    assert r.ok
    assert len(r.warnings) == 2


def test_region_digits_need_not_match_where_the_officer_lives():
    # Issued in Kudus (33.19), living in Jepara: valid.
    assert nik.check("3319011203900001", today=TODAY).ok


def test_mask_keeps_only_the_ends():
    assert nik.mask("3320015203900001") == "3320********0001"
    assert nik.mask("") == ""


@given(
    born=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2007, 12, 31)),
    jk=st.sampled_from("LP"),
    serial=st.integers(min_value=1, max_value=9999),
    region=st.sampled_from(["332001", "331901", "317101", "110101", "320401"]),
)
def test_made_niks_round_trip(born, jk, serial, region):
    value = nik.make(region, born, jk, serial)
    r = nik.check(value, jk=jk, tanggal_lahir=born, today=TODAY)
    assert r.ok, r.errors
    assert (r.jk, r.tanggal_lahir, r.warnings) == (jk, born, [])


@given(st.text(max_size=20))
def test_any_text_gives_a_result_never_an_exception(text):
    r = nik.check(text, today=TODAY)
    assert r.ok == (not r.errors)
    if r.ok:
        assert len(r.nik) == 16 and r.nik.isdigit()


@given(st.integers(min_value=0, max_value=10**17))
def test_any_number_gives_a_result(value):
    nik.check(value, today=TODAY)
    nik.check(float(value), today=TODAY)
