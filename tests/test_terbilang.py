"""Indonesian number words for payment documents."""

import pytest

from kpps_desktop.core.terbilang import rupiah, rupiah_words, terbilang


@pytest.mark.parametrize("n, words", [
    (0, "nol"), (1, "satu"), (7, "tujuh"), (10, "sepuluh"), (11, "sebelas"), (12, "dua belas"),
    (19, "sembilan belas"), (20, "dua puluh"), (21, "dua puluh satu"), (99, "sembilan puluh sembilan"),
    (100, "seratus"), (101, "seratus satu"), (111, "seratus sebelas"), (200, "dua ratus"),
    (1000, "seribu"), (1001, "seribu satu"), (1500, "seribu lima ratus"), (2000, "dua ribu"),
    (2024, "dua ribu dua puluh empat"), (11000, "sebelas ribu"), (25000, "dua puluh lima ribu"),
    (100000, "seratus ribu"), (150000, "seratus lima puluh ribu"), (111111, "seratus sebelas ribu seratus sebelas"),
    (1000000, "satu juta"), (1500000, "satu juta lima ratus ribu"), (1001000, "satu juta seribu"),
    (12201000, "dua belas juta dua ratus satu ribu"), (1000000000, "satu miliar"),
    (2000000000000, "dua triliun"), (-5, "minus lima"),
])
def test_terbilang(n, words):
    assert terbilang(n) == words


def test_rupiah_in_figures_and_words():
    assert rupiah(150000) == "Rp 150.000" and rupiah(0) == "Rp 0" and rupiah(1234567) == "Rp 1.234.567"
    assert rupiah_words(150000) == "seratus lima puluh ribu rupiah"


@pytest.mark.parametrize("bad", [1.5, "100", True, 10**15])
def test_refuses_what_it_cannot_say(bad):
    with pytest.raises(ValueError):
        terbilang(bad)
