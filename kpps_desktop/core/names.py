"""Person names folded for comparison: accents, apostrophes, case and Muhammad's spellings ignored.

One place for it, so the desk's name search and anything else that matches a typed or imported
name to the roster (an online-attendance list, a paper list) agree on who "Ma'ruf" is.
"""

from __future__ import annotations

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
