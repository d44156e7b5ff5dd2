"""Person names folded for comparison: accents, apostrophes, case and Muhammad's spellings ignored.

One place for it, so the desk's name search and anything else that matches a typed or imported
name to the roster (an online-attendance list, a paper list) agree on who "Ma'ruf" is.
"""

from __future__ import annotations

import functools
import re
import string
import unicodedata

# Apostrophes join (Ma'ruf -> maruf, Nur'aini -> nuraini): people type the name without them.
_APOSTROPHES = "'`\u2018\u2019\u02bc\u02bb\u00b4"
# Every other punctuation mark separates words ('Siti-Rohman', 'H. Ahmad', 'M.Yusuf').
_TABLE = str.maketrans({**{c: " " for c in string.punctuation}, **{c: "" for c in _APOSTROPHES}})

CANONICAL_MUHAMMAD = "muhammad"
# How Muhammad is written on Indonesian documents; all mean the same first name.
MUHAMMAD_SPELLINGS = frozenset({
    "muhammad", "muhamad", "muhammed", "muhamed", "mohammad", "mohamad", "mohammed", "mohamed",
    "mochammad", "mochamad", "muchammad", "muchamad", "mukhammad", "mukhamad", "mohamat",
    "moch", "moh", "mohd", "muh", "mhd", "md", "m",
})


def fold(text: str | None) -> str:
    """Lower case, accents and apostrophes dropped, other punctuation to spaces, single-spaced."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    if not text.isascii():
        text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().translate(_TABLE).split())


def words(text: str | None) -> list[str]:
    """The folded words of a name."""
    return fold(text).split()


def canonical_word(word: str) -> str:
    """One folded word with Muhammad's spellings (Moh., Muh., M.) made one."""
    return CANONICAL_MUHAMMAD if word in MUHAMMAD_SPELLINGS else word


def normalize_name(text: str | None) -> str:
    """The comparable form of a whole name: "M. Ma'ruf" and "MUHAMMAD MARUF" both give
    "muhammad maruf". Compare two names by comparing their normal forms."""
    return " ".join(canonical_word(w) for w in words(text))


# --- matching a display name to the roster (core/daring) ------------------------------------
# Display names typed on phones carry titles and degrees that no roster entry has:
# "Hj. Siti Ma'rufah, S.Pd." is the roster's "Siti Marufah". name_tokens drops them.

# Titles and degrees, written without their dots (S.Pd. -> spd). Religious titles (H., Hj., KH)
# and academic ones (Dr., Drs., Ir., S.Pd., A.Md., M.Pd., ...): none of them tells people apart.
TITLES = frozenset("""
    h hj haji hajjah kh ust ustadz ustadzah ustad ustazah gus ning bu pak bapak ibu sdr sdri
    dr drs dra ir prof
    amd amdkeb amdkep amdkes amdfarm amdak amdkom amdpar amk ama
    sag sak sar sb sds se sfarm sfil sg sh shi si sik sikom sip skeb skep sked skes skg skh skm
    skom sm sn spd spdi spdsd sper spsi spt ssi ssn ssos ssy st sth stp stt stri sst ssit
    mag mak mh mhum mi mkes mkn mkom mm mp mpd mpdi msi msc mt mtr mhi mkep
    bsc ba ma phd ners apt
""".split())
# Bare words (no dot) that are titles wherever they stand; other listed words count as titles only
# when written with a dot ("H." is Haji, "Ma" may be a name).
_ALWAYS_TITLES = frozenset("hj kh ust ustadz ustadzah spd spdi sh amd mpd ssos skom sag ssi skm dra drs".split())
_NOT_WORD = re.compile(r"[^0-9a-z]+")
_PLAIN = re.compile(r"[a-z ]*")
_SPLIT_DEGREE = re.compile(r"\b([a-z])\s*\.\s*([a-z]{1,4})\b\.?")  # "s. pd" -> "s.pd"


_NO_APOSTROPHES = str.maketrans({c: "" for c in _APOSTROPHES})


def casefold_name(text: str | None) -> str:
    """Lower case without accents or apostrophes, other punctuation KEPT (dots of titles, the
    ' - ' between a committee and a name, the ':' of a time): for callers that split on it."""
    if not text:
        return ""
    if text.isascii():  # most names: only ' and ` can be apostrophes, and most have neither
        text = text.casefold()
        return text.replace("'", "").replace("`", "") if "'" in text or "`" in text else text
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.casefold().translate(_NO_APOSTROPHES)


def _compact(token: str) -> str:
    return _NOT_WORD.sub("", token)


def name_tokens(text: str | None) -> list[str]:
    """The words that identify a person: normalised, titles and degrees dropped, Muhammad spelled out.

    `Hj. Siti Ma'rufah, S.Pd.` -> ['siti', 'marufah']; `Moh. Ali` -> ['muhammad', 'ali'].
    When everything is a title (`Ir.`), the plain normalised words are kept instead.
    """
    return list(_name_tokens(text or ""))


@functools.lru_cache(maxsize=65536)  # a kabupaten's roster repeats names: Jepara has ~7,000 distinct
def _name_tokens(text: str) -> tuple[str, ...]:
    folded = casefold_name(text)
    if _PLAIN.fullmatch(folded):  # most roster names: letters and spaces only
        out = tuple(canonical_word(w) for w in folded.split() if w not in _ALWAYS_TITLES)
        return out or tuple(normalize_name(text).split())
    # Degrees after a comma: "Siti Aminah, S.Pd., M.Pd." -> the part before the first comma,
    # when what follows is only degrees.
    head, _, tail = folded.partition(",")
    if tail and all(_compact(t) in TITLES for t in re.split(r"[,\s]+", tail) if _compact(t)):
        folded = head
    # "S. Pd" typed with a space is S.Pd.; "M. Ali" stays an initial and a name.
    folded = _SPLIT_DEGREE.sub(lambda m: m[1] + m[2] if m[1] + m[2] in TITLES else m[0], folded)
    out: list[str] = []
    for token in folded.split():
        compact = _compact(token)
        if compact in TITLES and (("." in token and len(compact) <= 6) or compact in _ALWAYS_TITLES):
            continue
        out.extend(canonical_word(w) for w in _NOT_WORD.split(compact) if w)
    return tuple(out or normalize_name(text).split())


def match_key(text: str | None) -> str:
    """The name's tokens sorted: word order does not tell people apart ("Aminah Siti" = "Siti Aminah")."""
    return " ".join(sorted(name_tokens(text)))
