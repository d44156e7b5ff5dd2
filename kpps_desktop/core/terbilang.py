"""Numbers in Indonesian words (terbilang), as written on payment documents."""

from __future__ import annotations

_ONES = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
         "sepuluh", "sebelas")
# Scales beyond ribu; 'satu juta' (not 'sejuta') is the form official documents use.
_SCALES = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"))
LIMIT = 10**15


def _below_thousand(n: int) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        words.append("seratus" if hundreds == 1 else f"{_ONES[hundreds]} ratus")
    if rest < 12:
        if rest:
            words.append(_ONES[rest])
    elif rest < 20:
        words.append(f"{_ONES[rest - 10]} belas")
    else:
        tens, ones = divmod(rest, 10)
        words.append(f"{_ONES[tens]} puluh")
        if ones:
            words.append(_ONES[ones])
    return words


def _words(n: int) -> list[str]:
    words: list[str] = []
    for scale, name in _SCALES:
        count, n = divmod(n, scale)
        if count:
            words += _words(count) + [name]
    thousands, n = divmod(n, 1000)
    if thousands == 1:
        words.append("seribu")
    elif thousands:
        words += _below_thousand(thousands) + ["ribu"]
    if n:
        words += _below_thousand(n)
    return words


def terbilang(n: int) -> str:
    """0 -> 'nol', 11 -> 'sebelas', 1000 -> 'seribu', 150000 -> 'seratus lima puluh ribu'."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise ValueError(f"Terbilang memerlukan bilangan bulat, bukan {n!r}.")
    if abs(n) >= LIMIT:
        raise ValueError(f"Bilangan {n} terlalu besar untuk ditulis dengan kata.")
    if n == 0:
        return "nol"
    text = " ".join(_words(abs(n)))
    return f"minus {text}" if n < 0 else text


def rupiah_words(n: int) -> str:
    """150000 -> 'seratus lima puluh ribu rupiah'."""
    return f"{terbilang(n)} rupiah"


def rupiah(n: int) -> str:
    """150000 -> 'Rp 150.000' (Indonesian digit grouping with dots)."""
    return ("-" if n < 0 else "") + "Rp " + f"{abs(n):,}".replace(",", ".")


def kapital(words: str) -> str:
    """'lima juta rupiah' -> 'Lima Juta Rupiah': how a kuitansi and a payee list write the amount."""
    return " ".join(w[:1].upper() + w[1:] for w in words.split())
