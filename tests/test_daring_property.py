"""Matching on generated rosters and reports: never an automatic match to the wrong officer; recall reported.

Rosters come from the demo's name lists (many people share a name, as in Jepara); reports hold
clean variants of officers' names (case, titles, degrees, Moh./Muh./M., apostrophes, accents),
strangers whose words no officer has, and phone names. Hypothesis runs derandomized (the same
examples every run).
"""

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpps_desktop.core import demo
from kpps_desktop.core.daring import matching
from kpps_desktop.core.names import match_key

NAMES = demo._names()
FIRST = NAMES["depan_l"] + NAMES["depan_p"]
SECOND = NAMES["belakang_l"] + NAMES["belakang_p"]
VOCAB = {w.lower() for n in FIRST + SECOND for w in n.split()}
STRANGERS = [w for w in ("Xaverius", "Quirinus", "Zenobia", "Yohanes", "Ignatius", "Bartholomeus", "Wilhelmina",
                         "Theodora", "Valentino", "Gregorius") if w.lower() not in VOCAB]
DEVICES = ["iPhone", "Samsung A12", "OPPO A5s", "vivo 1904", "Redmi Note 8", "Galaxy A10s", "Android", "Zoom user",
           "iPhone milik Siti", "Infinix Hot 10"]
DESA = ["33.20.01.2001", "33.20.01.2002", "33.20.01.2003"]


def roster(rng: random.Random, n: int) -> list[dict]:
    out = []
    for i in range(n):
        r = rng.random()
        first, second = rng.choice(FIRST), rng.choice(SECOND)
        nama = first if r < 0.1 else f"Muhammad {first}" if r < 0.2 else f"{first} {second}"
        out.append({"id": f"{i:032x}", "nama": nama, "nik": None, "desa": rng.choice(DESA), "tps": rng.randint(1, 9),
                    "jabatan": "anggota"})
    return out


def variant(rng: random.Random, nama: str) -> str:
    """What an officer types as a display name: the same person, written another way."""
    words = nama.split()
    if words[0] == "Muhammad" and len(words) > 1 and rng.random() < 0.7:
        words[0] = rng.choice(["Moh.", "Muh.", "M.", "Mochammad", "Muhamad", "MUH"])
    text = " ".join(words)
    text = rng.choice([str.upper, str.lower, str.title, lambda s: s])(text)
    if rng.random() < 0.3:
        text = rng.choice(["H. ", "Hj. ", "Drs. ", "Dr. "]) + text
    if rng.random() < 0.3:
        text += rng.choice([", S.Pd.", " S.Pd", ", S.H.", ", A.Md.", " M.Pd", ", S.Pd., M.Pd."])
    if rng.random() < 0.15:
        text = text.replace("a", "á", 1)
    if rng.random() < 0.1 and len(text) > 3:
        text = text[:2] + "'" + text[2:]  # an apostrophe typed in: Ma'ruf style
    return text


def person(name: str) -> matching.Person:
    return matching.Person([2], name, (name,), 60.0)


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), size=st.integers(5, 400))
def test_no_automatic_match_to_a_wrong_officer(seed, size):
    rng = random.Random(seed)
    officers = roster(rng, size)
    index = matching.RosterIndex(officers)
    by_key: dict[str, set[str]] = {}
    for o in officers:
        by_key.setdefault(match_key(o["nama"]), set()).add(o["id"])
    for o in rng.sample(officers, min(40, size)):
        d = matching.decide(person(variant(rng, o["nama"])), index)
        if d.kind == "matched":
            assert d.officer == o["id"], (o["nama"], d)
            assert len(by_key[match_key(o["nama"])]) == 1  # a shared name is never decided alone
    for _ in range(10):
        stranger = " ".join(rng.sample(STRANGERS, 2))
        assert matching.decide(person(stranger), index).kind != "matched", stranger
        device = rng.choice(DEVICES)
        assert matching.decide(person(device), index).kind == "unmatched", device


def test_recall_of_clean_variants_is_reported(capsys):
    """Over 40 rosters of 300: every automatic match right, and most clean variants matched."""
    rng = random.Random(20241107)
    matched = wrong = unique_total = unique_matched = 0
    for _ in range(40):
        officers = roster(rng, 300)
        index = matching.RosterIndex(officers)
        keys: dict[str, int] = {}
        for o in officers:
            keys[match_key(o["nama"])] = keys.get(match_key(o["nama"]), 0) + 1
        for o in rng.sample(officers, 50):
            d = matching.decide(person(variant(rng, o["nama"])), index)
            ok = d.kind == "matched" and d.officer == o["id"]
            wrong += d.kind == "matched" and d.officer != o["id"]
            matched += ok
            if keys[match_key(o["nama"])] == 1:
                unique_total += 1
                unique_matched += ok
    recall = unique_matched / unique_total
    with capsys.disabled():
        print(f"\ndaring recall: {unique_matched}/{unique_total} clean variants of uniquely named officers "
              f"matched automatically ({recall:.1%}); {matched}/2000 of all variants; {wrong} wrong")
    assert wrong == 0
    assert recall >= 0.9
