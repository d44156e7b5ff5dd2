"""Role and scope of an installation."""

import pytest

from kpps_desktop.core import installation


def test_init_pps_ppk_kpu(tmp_path):
    from kpps_desktop.core import db as dbmod

    for role, kode in [("pps", "33.20.01.2001"), ("ppk", "33.20.01"), ("kpu", "33.20")]:
        db = dbmod.open_db(tmp_path / f"{role}.sqlite")
        inst = installation.init(db, role, kode)
        assert (inst.role, inst.wilayah) == (role, kode)
        assert installation.get(db) == inst
        db.close()


def test_undotted_code_is_accepted(db):
    assert installation.init(db, "pps", "3320012001").wilayah == "33.20.01.2001"


@pytest.mark.parametrize("role, kode, fragment", [
    ("pps", "33.20", "bukan Desa"),
    ("ppk", "33.20.01.2001", "bukan Kecamatan"),
    ("kpu", "33.99", "tidak dikenal"),
    ("camat", "33.20", "Peran"),
])
def test_mismatched_or_unknown_codes_are_refused_and_nothing_is_written(db, role, kode, fragment):
    with pytest.raises(installation.InstallationError, match=fragment):
        installation.init(db, role, kode)
    assert installation.get(db) is None


def test_scope_cannot_be_changed_silently(pps_db):
    with pytest.raises(installation.InstallationError, match="sudah diatur"):
        installation.init(pps_db, "pps", "33.20.01.2002")
    assert installation.init(pps_db, "pps", "33.20.01.2001").wilayah == "33.20.01.2001"


def test_require_explains_what_to_do(db):
    with pytest.raises(installation.InstallationError, match="kpps init"):
        installation.require(db)
