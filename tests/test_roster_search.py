"""The Qt-free roster search index: query parsing, filters, sorting, combo choices."""

import datetime as dt

import pytest

from kpps_desktop.core import nik as nikmod
from kpps_desktop.core import roster
from kpps_desktop.core.roster_search import Query, RosterIndex, parse

KEDUNGMALANG = "33.20.01.2001"  # kecamatan Kedung
KEDUNG_2 = "33.20.01.2002"
PECANGAAN_1 = "33.20.02.2001"  # kecamatan Pecangaan


def _row(i, nama, desa, tps, jabatan="anggota", status="aktif", jk="L"):
    nik = nikmod.make("332001", dt.date(1990, 1, 1 + i % 28), jk, i + 1)
    return {"id": f"id{i}", "nik": nik, "nama": nama, "jk": jk, "tempat_lahir": None,
            "tanggal_lahir": None, "alamat": None, "telepon": None, "desa": desa, "tps": tps,
            "tps_label": None, "jabatan": jabatan, "status": status, "replaced_by": None,
            "is_demo": 0}


@pytest.fixture
def index():
    rows = [
        _row(0, "Siti Aminah", KEDUNGMALANG, 1, "ketua", jk="P"),
        _row(1, "Ahmad Siti-Rohman", KEDUNGMALANG, 1),
        _row(2, "Budi Santoso", KEDUNGMALANG, 3, status="diganti"),
        _row(3, "Siti Nur'aini", KEDUNG_2, 3, jk="P"),
        _row(4, "Agus Salim", PECANGAAN_1, 12, "linmas"),
        _row(5, "Kasiti Wulandari", PECANGAAN_1, 12, jk="P"),
    ]
    return RosterIndex(rows)


def names(index, positions):
    return [index.rows[i]["nama"] for i in positions]


def test_parse_splits_words_nik_digits_and_tps():
    assert parse("") == Query()
    assert parse("Siti  A") == Query(("siti", "a"), (), None)
    assert parse("tps 3") == Query((), (), 3)
    assert parse("TPS003 siti") == Query(("siti",), (), 3)
    assert parse("003") == Query((), (), 3)
    assert parse("332001") == Query((), ("332001",), None)
    assert parse("tps") == Query()  # still typing the number


def test_empty_query_returns_everything_in_roster_order(index):
    assert index.filter("") == list(range(6))


def test_words_match_the_start_of_name_words(index):
    # 'siti' starts a word in three names; 'Kasiti' only contains it.
    assert names(index, index.filter("siti")) == ["Siti Aminah", "Ahmad Siti-Rohman", "Siti Nur'aini"]
    # An apostrophe joins (Nur'aini is typed 'nuraini'), so 'a' no longer starts a word there.
    assert names(index, index.filter("SITI a")) == ["Siti Aminah", "Ahmad Siti-Rohman"]
    assert names(index, index.filter("siti am")) == ["Siti Aminah"]
    assert names(index, index.filter("nur'aini")) == ["Siti Nur'aini"]
    assert index.filter("zzz") == []


def test_tps_number_and_nik_digits(index):
    assert names(index, index.filter("3")) == ["Budi Santoso", "Siti Nur'aini"]
    assert index.filter("003") == index.filter("tps 3") == index.filter("tps3")
    assert names(index, index.filter("tps 12 agus")) == ["Agus Salim"]
    nik = index.rows[4]["nik"]
    assert names(index, index.filter(nik)) == ["Agus Salim"]
    assert names(index, index.filter(nik[-6:])) == ["Agus Salim"]
    assert len(index.filter("332001")) == 6


def test_filters_combine_with_text(index):
    assert names(index, index.filter(kecamatan="33.20.02")) == ["Agus Salim", "Kasiti Wulandari"]
    assert names(index, index.filter("siti", desa=KEDUNG_2)) == ["Siti Nur'aini"]
    # A desa outside the chosen kecamatan matches nothing rather than ignoring the kecamatan.
    assert index.filter(kecamatan="33.20.02", desa=KEDUNGMALANG) == []
    assert names(index, index.filter(tps=1, jabatan="ketua")) == ["Siti Aminah"]
    assert names(index, index.filter(status="diganti")) == ["Budi Santoso"]
    assert index.filter(desa="33.20.09.2001") == []


def test_sort_by_column_and_back(index):
    everything = index.filter()
    assert names(index, index.sort(everything, "nama"))[:2] == ["Agus Salim", "Ahmad Siti-Rohman"]
    assert names(index, index.sort(everything, "nama", descending=True))[0] == "Siti Nur'aini"
    assert index.sort(index.sort(everything, "tps", True), None) == everything
    assert names(index, index.sort([0, 4], "jabatan", True)) == ["Agus Salim", "Siti Aminah"]
    with pytest.raises(ValueError):
        index.sort(everything, "gaji")


def test_combo_choices_come_from_the_rows(index):
    assert index.kecamatan_options() == [("33.20.01", "Kedung"), ("33.20.02", "Pecangaan")]
    assert index.desa_options("33.20.01") == [(KEDUNG_2, "Kalianyar"), (KEDUNGMALANG, "Kedungmalang")]
    assert len(index.desa_options()) == 3
    assert index.tps_options() == [1, 3, 12]
    assert index.tps_options(desa=KEDUNGMALANG) == [1, 3]
    assert index.tps_options(kecamatan="33.20.02") == [12]


def test_index_accepts_real_list_officers_rows(pps_db):
    officers = [
        roster.Officer(nik=nikmod.make("332001", dt.date(1985, 5, 5), "P", n), nama=f"Dewi {n}",
                       jk="P", desa=KEDUNGMALANG, tps=n, jabatan="anggota")
        for n in range(1, 4)
    ]
    roster.upsert_officers(pps_db, officers)
    index = RosterIndex(roster.list_officers(pps_db))
    assert names(index, index.filter("dewi tps 2")) == ["Dewi 2"]
    assert index.position_of_id[officers[0].id] == 0


def test_list_table_holds_columns_and_counts_them(pps_db):
    """What the window reads at start-up: the same officers as list_officers, held by column,
    and the status bar's counts taken from those columns (the women and Linmas among the aktif)."""
    people = [
        roster.Officer(nik=nikmod.make("332001", dt.date(1980 + n, 1, 1 + n), jk, n + 1), nama=f"Petugas {n}",
                       jk=jk, desa=KEDUNGMALANG, tps=1 + n % 2, jabatan=jabatan)
        for n, (jk, jabatan) in enumerate([("P", "ketua"), ("P", "anggota"), ("L", "anggota"),
                                           ("L", "linmas"), ("P", "linmas"), ("P", "anggota")])
    ]
    roster.upsert_officers(pps_db, people)
    # PAW of a woman and of the female Linmas: both leave the aktif counts, their men successors join.
    for old, n in ((people[1], 50), (people[4], 51)):
        roster.replace_officer(pps_db, old.id, roster.Officer(
            nik=nikmod.make("332001", dt.date(1990, 2, 2), "L", n), nama=f"Pengganti {n}", jk="L",
            desa=KEDUNGMALANG, tps=old.tps, jabatan=old.jabatan))
    table = roster.list_table(pps_db, within="33.20.01")
    listed = roster.list_officers(pps_db)
    assert len(table) == 8 and [dict(row) for row in table] == [
        {key: row[key] for key in roster.TABLE_KEYS} for row in listed]  # same rows, same order
    assert table.columns["nama"] == tuple(row["nama"] for row in listed)
    assert roster.count_table(table) == {"total": 8, "aktif": 6, "diganti": 2, "perempuan": 2, "linmas": 2}
    empty = roster.list_table(pps_db, within="33.20.02")
    assert len(empty) == 0 and list(empty) == []
    assert roster.count_table(empty) == {"total": 0, "aktif": 0, "diganti": 0, "perempuan": 0, "linmas": 0}
    assert RosterIndex(empty).filter("") == []


def test_listing_the_roster_reads_the_order_index_without_sorting(pps_db):
    """Migration 0009 indexes roster.ORDER_BY: the window's start-up read is a walk of that index."""
    for within in (None, "33.20", "33.20.01.2001"):
        statements: list[str] = []
        pps_db.conn.set_trace_callback(statements.append)  # the SQL as run, values filled in
        try:
            roster.list_table(pps_db, within)
        finally:
            pps_db.conn.set_trace_callback(None)
        [sql] = statements
        plan = " / ".join(row[3] for row in pps_db.conn.execute("EXPLAIN QUERY PLAN " + sql))
        assert "officers_roster_order" in plan and "TEMP B-TREE" not in plan, plan
    indexes = {row[0] for row in pps_db.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'officers'")}
    assert "officers_roster_order" in indexes and "officers_desa_tps" not in indexes


@pytest.fixture
def spelled():
    return RosterIndex([
        _row(0, "Ma'ruf Amin", KEDUNGMALANG, 1),
        _row(1, "M. Yusuf", KEDUNGMALANG, 2),
        _row(2, "Moh. Ali Mahfud", KEDUNGMALANG, 3),
        _row(3, "Muhammad Yusuf", KEDUNG_2, 4),
        _row(4, "Andr\u00e9 Maruli", KEDUNG_2, 5),
    ])


@pytest.mark.parametrize("typed", ["maruf", "MARUF", "ma'ruf", "Ma\u2019ruf"])
def test_apostrophe_and_case_insensitive(spelled, typed):
    assert names(spelled, spelled.filter(typed)) == ["Ma'ruf Amin"]


def test_muhammad_spellings_find_each_other(spelled):
    assert names(spelled, spelled.filter("muhammad yusuf")) == ["M. Yusuf", "Muhammad Yusuf"]
    assert names(spelled, spelled.filter("moh yusuf")) == ["M. Yusuf", "Muhammad Yusuf"]
    assert names(spelled, spelled.filter("muh ali")) == ["Moh. Ali Mahfud"]
    # A lone 'm' is still the start of any m-word, not only Muhammad.
    assert names(spelled, spelled.filter("m")) == [
        "Ma'ruf Amin", "M. Yusuf", "Moh. Ali Mahfud", "Muhammad Yusuf", "Andr\u00e9 Maruli"]


def test_accents_ignored(spelled):
    assert names(spelled, spelled.filter("andre")) == ["Andr\u00e9 Maruli"]


def test_masked_search_matches_only_the_digits_on_screen():
    rows = [_row(i, f"Orang {i}", KEDUNGMALANG, 1) for i in range(30)]
    index = RosterIndex(rows)
    nik = rows[14]["nik"]  # serial 0015: its last four digits are shown
    hidden = nik[5:9]  # four digits the mask hides
    assert [rows[i]["nik"][-4:] for i in index.filter("0015", nik_visible=False)] == ["0015"]
    for i in index.filter(hidden, nik_visible=False):
        assert hidden in nikmod.mask(rows[i]["nik"])
    assert len(index.filter(hidden)) > len(index.filter(hidden, nik_visible=False))
    assert index.filter(nik, nik_visible=False) == [14]  # a whole NIK typed in full
