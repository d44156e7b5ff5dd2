"""Presensi KPPS: offline-first attendance for KPPS officers."""

__version__ = "0.1.0"
