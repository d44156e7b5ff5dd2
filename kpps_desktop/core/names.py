"""The one normaliser for people's names: what a search or a match compares instead of the raw text.

Names reach the app typed on phones, copied from SIAKBA spreadsheets and read out over Zoom:
`MA'RUF`, `Ma’ruf` and `Maruf` are one name, `Siti Aminah, S.Pd.` is `Siti Aminah`, and
`Moh. Ali` is `Muhammad Ali`. `normalize_name` folds case, accents and apostrophes;
`name_tokens` also drops titles and degrees and spells the usual abbreviations of Muhammad out.
"""

from __future__ import annotations

import re
import unicodedata

# Apostrophe look-alikes people type in Ma'ruf, Mu'min, Sa'diyah: they are dropped, not spaced.
_APOSTROPHES = "'’‘`´ʼʻ′"
_APOSTROPHE_RE = re.compile(f"[{_APOSTROPHES}]")
_NOT_WORD = re.compile(r"[^0-9a-z]+")

# Titles and degrees, written without their dots (S.Pd. -> spd). Religious titles (H., Hj., KH)
# and academic ones (Dr., Drs., Ir., S.Pd., A.Md., M.Pd., ...): none of them tells people apart.
TITLES = frozenset("""
    h hj haji hajjah kh ust ustadz ustadzah ustad ustazah gus ning bu pak bapak ibu sdr sdri
    dr drs dra ir prof
    amd amdkeb amdkep amdkes amdfarm amdak amdkom amdpar amk ama
    sag sak sar sb sds se sfarm sfil sg sh shi si sik sikom sip skeb skep sked skes skg skh skm
    skom sm sn spd spdi spdsd sper spsi spt ssi ssn ssos ssy st sth stp stt stri sst ssit
    mag mak mh mhum mi mkes mkn mkom mm mp mpd mpdi msi msc mt mtr mhi mkep
    bsc ba ma msc phd ners apt
""".split())
# Abbreviations and spellings of Muhammad on KTP and in display names.
MUHAMMAD = frozenset("m mh mhd moh mohd moch mochamad mochammad mohamad mohammad mohamed much muchamad "
                     "muchammad muh muhamad muhammad muhamat mukhamad mukhammad md".split())
_SPLIT_DEGREE = re.compile(r"\b([a-z])\s*\.\s*([a-z]{1,4})\b\.?")  # "s. pd" -> "s.pd"


def fold(text: str) -> str:
    """Lower case without accents or apostrophes, other punctuation kept (for callers that split on it)."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _APOSTROPHE_RE.sub("", text.casefold())


def normalize_name(text: str | None) -> str:
    """Case, accents, apostrophes and punctuation folded: `Ma'ruf  AMIN` -> `maruf amin`.

    Tokens keep their order; nothing is dropped but punctuation, so this is safe for searching
    a name as typed (a search for "moh" still finds "Moh. Ali").
    """
    return " ".join(_NOT_WORD.split(fold(text or ""))).strip()


def name_tokens(text: str | None) -> list[str]:
    """The words that identify a person: normalised, titles and degrees dropped, Muhammad spelled out.

    `Hj. Siti Ma'rufah, S.Pd.` -> ['siti', 'marufah']; `Moh. Ali` -> ['muhammad', 'ali'].
    When everything is a title (`Ir.`), the plain normalised words are kept instead.
    """
    folded = fold(text or "")
    # Degrees after a comma: "Siti Aminah, S.Pd., M.Pd." -> the part before the first comma,
    # when what follows is only degrees.
    head, _, tail = folded.partition(",")
    if tail and all(_compact(t) in TITLES for t in re.split(r"[,\s]+", tail) if _compact(t)):
        folded = head
    # "S. Pd" typed with a space is S.Pd.; "M. Ali" stays an initial and a name.
    folded = _SPLIT_DEGREE.sub(lambda m: m[1] + m[2] if m[1] + m[2] in TITLES else m[0], folded)
    raw = [t for t in re.split(r"\s+", folded) if t]
    out: list[str] = []
    for token in raw:
        compact = _compact(token)
        if not compact:
            continue
        # Dotted tokens (S.Pd., A.Md.) and dotted single letters (H.) are titles when listed;
        # a bare word is a title only when it is not the whole name.
        if compact in TITLES and (("." in token and len(compact) <= 6) or compact in _ALWAYS_TITLES):
            continue
        for word in _NOT_WORD.split(compact):
            if word:
                out.append("muhammad" if word in MUHAMMAD else word)
    return out or normalize_name(text).split()


_ALWAYS_TITLES = frozenset("hj kh ust ustadz ustadzah spd spdi sh amd mpd ssos skom sag ssi skm dra drs".split())


def _compact(token: str) -> str:
    return _NOT_WORD.sub("", token)


def match_key(text: str | None) -> str:
    """The name's tokens sorted: word order does not tell people apart ("Aminah Siti" = "Siti Aminah")."""
    return " ".join(sorted(name_tokens(text)))


__all__ = ["MUHAMMAD", "TITLES", "fold", "match_key", "name_tokens", "normalize_name"]
