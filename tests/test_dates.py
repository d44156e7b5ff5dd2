"""Dates in the users' words, the same on every form and screen whatever the computer's locale."""

import datetime as dt
import locale

from kpps_desktop.core import dates


def test_tanggal_with_and_without_the_day_name():
    assert dates.tanggal("2024-11-07") == "7 November 2024"
    assert dates.tanggal("2024-11-07", with_day=True) == "Kamis, 7 November 2024"
    assert dates.tanggal(dt.date(2025, 2, 2), with_day=True) == "Minggu, 2 Februari 2025"
    assert dates.tanggal(dt.datetime(2024, 12, 31, 23, 59)) == "31 Desember 2024"


def test_tanggal_ignores_the_system_locale():
    before = locale.setlocale(locale.LC_TIME)
    try:
        locale.setlocale(locale.LC_TIME, "C")
        assert dates.tanggal("2024-08-17", with_day=True) == "Sabtu, 17 Agustus 2024"
    finally:
        locale.setlocale(locale.LC_TIME, before)


def test_local_now_carries_an_offset():
    now = dates.local_now()
    assert now.utcoffset() is not None
    assert dates.local_today() == now.date() or dates.local_today() - now.date() == dt.timedelta(days=1)


def test_the_form_and_the_recap_write_dates_through_the_one_function():
    from kpps_desktop.core import recap
    from kpps_desktop.render import forms

    assert recap.format_date("2024-11-07") == dates.tanggal("2024-11-07")
    assert forms.tanggal("2024-11-11") == "Senin, 11 November 2024"
