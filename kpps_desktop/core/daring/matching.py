"""Matching report rows to the roster: normalise, score with rapidfuzz, accept only clear winners.

A wrong automatic match is worse than no match (it pays transport to the wrong person), so a
row is matched automatically only when its best officer scores high AND clearly ahead of the
runner-up; two officers with the same name, a name of one word shared by others, a phone's
model name: all go to review. A NIK or card code typed into a form matches exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from kpps_desktop.core import cards
from kpps_desktop.core.daring.parsers import Entry
from kpps_desktop.core.names import casefold_name as fold
from kpps_desktop.core.names import match_key, name_tokens, normalize_name

AUTO_MIN = 90  # the best score must reach this ...
MARGIN = 8  # ... and beat every other officer by this much to be matched without review
REVIEW_MIN = 60  # below this no officer is offered as a candidate
CONTAINED = 85  # a name whose every word is in the officer's (hinted pools only): review, never automatic
MAX_CANDIDATES = 5
CANDIDATE_SPREAD = 15  # officers offered for review score within this much of the best

# Phone and computer names a display name defaults to: never a person, never matched.
DEVICE_WORDS = frozenset("""
    iphone ipad ipod android samsung galaxy oppo vivo redmi xiaomi realme infinix huawei honor nokia
    poco tecno itel asus lenovo acer macbook desktop laptop windows tablet tab smartphone handphone
    zoom user pengguna
""".split())
_MODEL = re.compile(r"^(?:[a-z]{0,3}\d+[a-z]*|note|pro|max|plus|ultra|mini|lite|prime|neo|se|s|x|y|a|m|c|"
                    r"de|dari|milik|punya|s|air)$")
# Committee words around a name: "KPPS 03 Bakalan - Siti", "TPS 5 Ketua Ahmad".
_COMMITTEE = re.compile(r"\b(?:kpps|tps)\s*[-.#:]?\s*(?:no\.?\s*)?0*(\d{1,3})\b")
_ROLE_WORDS = frozenset("kpps tps pps ppk ketua anggota linmas sekretaris desa kel kelurahan ds".split())
_SEPARATORS = re.compile(r"\s+[-–—|/_]\s+|\s*[|_]\s*")


@dataclass
class Person:
    """Rows of one person combined (a rejoin repeats the person): first row, total minutes."""
    rows: list[int]
    name: str
    names: tuple[str, ...]
    minutes: float | None
    email: str | None = None
    nik: str | None = None
    code: str | None = None
    tps: int | None = None
    desa: str | None = None

    @property
    def row(self) -> int:
        return self.rows[0]


@dataclass
class Decision:
    kind: str  # matched, ambiguous, unmatched
    officer: str | None = None
    score: float = 0.0
    candidates: list[str] = field(default_factory=list)
    reason: str | None = None


def is_device(name: str) -> bool:
    """'Samsung A12', "Siti's iPhone", 'Zoom user', 'OPPO A5s': a device, not a person."""
    words = normalize_name(name).split()
    return bool(words) and any(w in DEVICE_WORDS for w in words)


def combine(entries: list[Entry]) -> list[Person]:
    """Rejoin rows of one person (same normalised name and email) as one, with their total minutes.
    Device-named rows stay apart: two 'iPhone' rows are not one person."""
    people: dict[tuple, Person] = {}
    rows: dict[tuple, list[Entry]] = {}
    out: list[Person] = []
    for e in entries:
        key = (match_key(e.names[0]) if e.names else "", e.email or "", e.nik or "")
        if not key[0] or is_device(e.name):
            key = ("#row", e.row)
        person = people.get(key)
        if person is None:
            person = people[key] = Person([e.row], e.name, e.names, e.minutes, e.email, e.nik, e.code, e.tps,
                                          e.desa)
            out.append(person)
            rows[key] = [e]
        else:
            person.rows.append(e.row)
            person.names = tuple(dict.fromkeys(person.names + e.names))
            if e.minutes is not None:
                person.minutes = (person.minutes or 0) + e.minutes
            rows[key].append(e)
    for key, person in people.items():
        if len(rows[key]) > 1:  # times are read only for rejoins
            person.minutes = _total_minutes([(e.join, e.leave) for e in rows[key]], person.minutes)
    return out


def _total_minutes(spans: list[tuple], summed: float | None) -> float | None:
    """The sum of the rows' durations, unless joins overlap (two devices at once): then the union."""
    if len(spans) < 2 or any(join is None or leave is None or leave < join for join, leave in spans):
        return summed
    ordered = sorted(spans)
    if all(a[1] <= b[0] for a, b in zip(ordered, ordered[1:])):
        return summed
    total, (start, end) = 0.0, ordered[0]
    for join, leave in ordered[1:]:
        if join > end:
            total += (end - start).total_seconds()
            start, end = join, leave
        else:
            end = max(end, leave)
    total += (end - start).total_seconds()
    return round(total / 60, 1)


class RosterIndex:
    """The session's expected officers, normalised once: exact keys, NIK, card codes, fuzzy keys."""

    def __init__(self, officers: list[dict], codes: dict[str, str] | None = None,
                 desa_names: dict[str, str] | None = None):
        self.officers = {o["id"]: o for o in officers}
        self.key_of: dict[str, str] = {}
        self.by_key: dict[str, list[str]] = {}
        self.token_count: dict[str, int] = {}
        self.by_nik = {o["nik"]: o["id"] for o in officers if o.get("nik")}
        by_nama: dict[str, list[str]] = {}  # names repeat: each distinct one is normalised once
        for o in officers:
            by_nama.setdefault(o["nama"], []).append(o["id"])
        for nama, ids in by_nama.items():
            tokens = name_tokens(nama)
            key = " ".join(sorted(tokens))
            self.key_of.update(dict.fromkeys(ids, key))
            self.by_key.setdefault(key, []).extend(ids)
            for t in set(tokens):
                self.token_count[t] = self.token_count.get(t, 0) + len(ids)
        self.keys = list(self.by_key)
        # Each key under the first and last three letters of its words: a name scoring anywhere near
        # another shares a word start or end with it (one typo keeps one of them), so scoring runs
        # over those keys only, not over every name of a kabupaten.
        self.by_part: dict[str, set[str]] = {}
        for key in self.keys:
            for part in _parts(key):
                self.by_part.setdefault(part, set()).add(key)
        self.by_code = {code: oid for oid, code in (codes or {}).items() if oid in self.officers}
        # Desa names as typed in display names ("KPPS 03 Bakalan"), for the desa in this roster.
        self.desa_by_words = {tuple(normalize_name(n).split()): kode for kode, n in (desa_names or {}).items()}

    def pool(self, tps: int | None, desa: str | None) -> list[str] | None:
        """Officer ids narrowed by a TPS and/or desa hint; None when there is no hint."""
        if tps is None and desa is None:
            return None
        return [oid for oid, o in self.officers.items()
                if (tps is None or o["tps"] == tps) and (desa is None or o["desa"] == desa)]

    def search(self, text: str, limit: int = 50) -> list[dict]:
        """Officers whose name words start with every typed word ("sit am" finds Siti Aminah), or
        whose TPS number is typed as a word; in roster order. For assigning rows by hand."""
        words = normalize_name(text).split()
        if not words:
            return []
        out = []
        for o in self.officers.values():
            tokens = normalize_name(o["nama"]).split() + name_tokens(o["nama"])
            if all(any(t.startswith(w) for t in tokens) or (w.isdigit() and int(w) == o["tps"]) for w in words):
                out.append(o)
                if len(out) >= limit:
                    break
        return out

    def desa_in(self, words: list[str]) -> tuple[str | None, list[str]]:
        """A desa name among the words (longest first): its code and the words without it."""
        for size in (3, 2, 1):
            for i in range(len(words) - size + 1):
                kode = self.desa_by_words.get(tuple(words[i:i + size]))
                if kode:
                    return kode, words[:i] + words[i + size:]
        return None, words


def committee(name: str, index: RosterIndex) -> tuple[str, int | None, str | None]:
    """'KPPS 03 Bakalan - Siti' -> ('Siti', 3, desa code of Bakalan); a plain name is returned as is."""
    folded = fold(name)
    m = _COMMITTEE.search(folded)
    if not m and not any(w in _ROLE_WORDS for w in normalize_name(name).split()):
        return name, None, None
    tps = int(m[1]) if m else None
    parts = [p for p in _SEPARATORS.split(folded) if p.strip()]
    if len(parts) > 1:
        rest = [p for p in parts if not _COMMITTEE.search(p) and not
                set(normalize_name(p).split()) & _ROLE_WORDS]
        committee_words = [w for p in parts if p not in rest for w in normalize_name(_COMMITTEE.sub(" ", p)).split()]
        desa, _ = index.desa_in([w for w in committee_words if w not in _ROLE_WORDS])
        person = " ".join(rest)
        if person.strip():
            return person, tps, desa
    words = [w for w in normalize_name(_COMMITTEE.sub(" ", folded)).split() if w not in _ROLE_WORDS]
    desa, words = index.desa_in(words)
    return " ".join(words), tps, desa


def _parts(key: str) -> set[str]:
    return {p for word in key.split() for p in ("<" + word[:3], word[-3:] + ">")}


def _scores(key: str, index: RosterIndex, pool: list[str] | None) -> dict[str, float]:
    """officer id -> score (0-100) for one normalised key, over the pool (or everyone)."""
    out: dict[str, float] = {}
    if pool is None:
        exact = index.by_key.get(key)
        for oid in exact or ():
            out[oid] = 100.0
        near = set().union(*(index.by_part.get(part, ()) for part in _parts(key)))
        # With an exact hit only officers within 15 points are candidates (see decide): a higher
        # cutoff lets rapidfuzz skip most keys by length alone.
        cutoff = 100 - CANDIDATE_SPREAD if exact else REVIEW_MIN
        for found, score, _ in process.extract(key, list(near), scorer=fuzz.ratio, limit=MAX_CANDIDATES + 3,
                                               score_cutoff=cutoff):
            for oid in index.by_key[found]:
                out.setdefault(oid, score)
        return out
    # A hinted pool is small (one TPS, one desa): every officer is scored, and a name that is part
    # of the officer's ("Siti" of "Siti Aminah" at the named TPS) is offered for review.
    words = set(key.split())
    for oid in pool:
        okey = index.key_of[oid]
        score = fuzz.ratio(key, okey)
        if score < CONTAINED and words <= set(okey.split()):
            score = CONTAINED
        if score >= REVIEW_MIN:
            out[oid] = score
    return out


def decide(person: Person, index: RosterIndex) -> Decision:
    """Matched (one clear officer), ambiguous (candidates for review) or unmatched (with a reason)."""
    if person.nik:
        oid = index.by_nik.get(person.nik)
        if oid:
            return Decision("matched", oid, 100.0)
    if person.code:
        code = cards.parse_code(person.code)
        oid = index.by_code.get(code) if code else None
        if oid:
            return Decision("matched", oid, 100.0)
    names = [n for n in person.names if n and not is_device(n)]
    if not names:
        if any(is_device(n) for n in person.names):
            return Decision("unmatched", reason="nama perangkat, bukan nama orang")
        return Decision("unmatched", reason="nama kosong")
    scores: dict[str, float] = {}
    hinted = contradicted = False
    single_tokens: list[str] = []
    for raw in names:
        name, tps, desa = committee(raw, index)
        tps = tps if tps is not None else person.tps
        if desa is None and person.desa:
            desa, _ = index.desa_in(normalize_name(person.desa).split())
        tokens = name_tokens(name)
        if not tokens:
            continue
        key = " ".join(sorted(tokens))
        if len(tokens) == 1:
            single_tokens.append(tokens[0])
        pool = index.pool(tps, desa)
        found = _scores(key, index, pool) if pool else {}
        if found:
            hinted = True
        else:
            found = _scores(key, index, None)
            contradicted |= pool is not None and bool(found)  # the name fits someone the hint excludes
        for oid, score in found.items():
            scores[oid] = max(scores.get(oid, 0.0), score)
    if not scores:
        return Decision("unmatched", reason="tidak ada nama yang mirip di daftar petugas")
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    best_id, best = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    clear = best >= AUTO_MIN and best - second >= MARGIN and not contradicted
    if clear and single_tokens and not hinted:
        # One word ("Siti") names many people: only when no other officer carries that word at all.
        clear = best == 100.0 and all(index.token_count.get(t, 0) == 1 for t in single_tokens)
    if clear:
        return Decision("matched", best_id, round(best, 1))
    floor = max(REVIEW_MIN, best - CANDIDATE_SPREAD)
    candidates = [oid for oid, score in ranked if score >= floor][:MAX_CANDIDATES]
    return Decision("ambiguous", score=round(best, 1), candidates=candidates)


__all__ = ["AUTO_MIN", "DEVICE_WORDS", "MARGIN", "Decision", "Person", "REVIEW_MIN", "RosterIndex", "combine",
           "committee", "decide", "is_device"]
