"""Helpers shared by the test modules: data builders here, fixtures in fixtures.py (loaded by conftest)."""
