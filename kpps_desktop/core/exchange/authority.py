"""Who may say what: the trust and authority rules for a handover file's signer, in one place."""

from __future__ import annotations

from kpps_desktop.core import keys
from kpps_desktop.core.exchange.container import ExchangeError
from kpps_desktop.core.exchange.manifest import Manifest


def _trust_check(db, m: Manifest, own: str, own_key: bytes, vouched_by: str | None) -> bool:
    """Refuse a known device with another key; returns True when the device is new here."""
    if m.device_id == own:
        if m.public_key != own_key:
            raise ExchangeError(f"berkas mengaku dari perangkat ini ({own[:8]}) tetapi kuncinya lain; "
                                "kemungkinan database disalin atau berkas dipalsukan")
        return False
    known = keys.trusted(db, m.device_id)
    if known is None:
        return True
    if known.public_key != m.public_key:
        raise ExchangeError(
            f"PERINGATAN: perangkat {m.device_id[:8]} ({m.role.upper()} {m.wilayah}) sudah dikenal "
            f"dengan sidik jari {known.fingerprint}, tetapi berkas ini ditandatangani kunci lain "
            f"({m.fingerprint}). Berkas ditolak; hubungi pengirim.")
    return False
