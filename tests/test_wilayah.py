"""The shipped region list: lookups, children, search, levels."""

import pytest

from kpps_desktop.core import wilayah


def test_jepara_has_16_kecamatan_and_195_desa():
    assert wilayah.get("33.20").nama == "Kabupaten Jepara"
    assert len(wilayah.children("33.20")) == 16
    assert len(wilayah.descendants("33.20", "desa")) == 195


def test_levels_and_parents():
    w = wilayah.get("33.20.01.2001")
    assert (w.nama, w.level, w.parent) == ("Kedungmalang", "desa", "33.20.01")
    assert wilayah.ancestors("33.20.01.2001") == ["33", "33.20", "33.20.01", "33.20.01.2001"]


def test_provinces_are_38():
    assert len(wilayah.children(None)) == 38


def test_names_with_commas_were_read_whole():
    assert wilayah.get("14.02.09.2010").nama == "Lambang Sari I, II, III"


def test_search_by_name_case_insensitive_within_a_region():
    found = wilayah.search("kedung", within="33.20")
    assert {"33.20.01", "33.20.01.2001"} <= {w.kode for w in found}
    assert all(w.kode.startswith("33.20.") for w in found)


def test_require_gives_clear_messages():
    with pytest.raises(wilayah.WilayahError, match="tidak dikenal"):
        wilayah.require("33.99")
    with pytest.raises(wilayah.WilayahError, match="bukan Desa"):
        wilayah.require("33.20", "desa")


def test_normalize_code_accepts_undotted():
    assert wilayah.normalize_code("3320012001") == "33.20.01.2001"
    assert wilayah.normalize_code("33.20") == "33.20"


def test_licence_notice_ships_with_the_list():
    from kpps_desktop import assets

    text = assets.path("LICENSE-wilayah.txt").read_text()
    assert "Cahya DSN" in text and "MIT" in text
