"""core.names: the one normal form of a person's name, shared by the desk search and importers."""

import pytest

from kpps_desktop.core.names import fold, normalize_name


@pytest.mark.parametrize("typed", ["Ma'ruf", "maruf", "MARUF", "Ma\u2019ruf", "Ma`ruf", " ma'RUF "])
def test_apostrophes_and_case_do_not_matter(typed):
    assert normalize_name(typed) == "maruf"


def test_accents_are_dropped():
    assert fold("Andr\u00e9 Ni\u00f1o") == "andre nino"
    assert normalize_name("Z\u00e4hra") == normalize_name("ZAHRA")


@pytest.mark.parametrize("typed", ["Muhammad Yusuf", "Moh. Yusuf", "Muh Yusuf", "M. Yusuf",
                                   "MOCHAMMAD YUSUF", "Mohamad  Yusuf", "M.Yusuf"])
def test_muhammad_spellings_are_one_name(typed):
    assert normalize_name(typed) == "muhammad yusuf"


def test_other_punctuation_separates_words():
    assert normalize_name("Siti-Rohman") == "siti rohman"
    assert normalize_name("H. Ahmad, S.Pd") == "h ahmad s pd"
    assert normalize_name("") == normalize_name(None) == ""


def test_different_names_stay_different():
    assert normalize_name("Maruf Amin") != normalize_name("Marufi Amin")
    assert normalize_name("Mahmud") == "mahmud"  # not a Muhammad spelling
