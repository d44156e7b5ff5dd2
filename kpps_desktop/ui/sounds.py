"""The three check-in sounds (accepted, duplicate, error), silent where Qt Multimedia is missing.

The WAV files ship in kpps_desktop/assets/sounds; `python -m kpps_desktop.ui.sounds DIR`
writes them again from the recipes below.
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from pathlib import Path

from PySide6.QtCore import QObject, QUrl

from kpps_desktop import assets

KINDS = assets.SOUND_KINDS
RATE = 22_050

# (frequency Hz, seconds, shape) segments; silence is frequency 0. Told apart by pitch and
# rhythm, not only loudness, so they work in a noisy hall: rising bright pair = yes,
# one mid tone = "already", a low rough buzz = look at the screen.
RECIPES = {
    "accepted": [(1319, 0.09, "sine"), (0, 0.02, "sine"), (1760, 0.13, "sine")],
    "duplicate": [(659, 0.28, "sine")],
    "error": [(140, 0.22, "buzz"), (0, 0.06, "sine"), (140, 0.22, "buzz")],
}


def _samples(freq: float, seconds: float, shape: str) -> list[int]:
    n = int(RATE * seconds)
    fade = int(RATE * 0.008)  # 8 ms ramps: no click at the edges
    out = []
    for i in range(n):
        if freq == 0:
            out.append(0)
            continue
        phase = 2 * math.pi * freq * i / RATE
        if shape == "buzz":
            # Odd harmonics of a square wave, clipped: rough, low, still audible on laptop speakers.
            v = sum(math.sin(k * phase) / k for k in (1, 3, 5, 7, 9)) * 1.1
            v = max(-0.9, min(0.9, v))
        else:
            v = math.sin(phase)
        envelope = min(1.0, i / fade, (n - 1 - i) / fade) if fade else 1.0
        out.append(int(v * envelope * 0.7 * 32767))
    return out


def write_wavs(folder: Path) -> list[Path]:
    """Write accepted.wav, duplicate.wav and error.wav (16-bit mono) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for kind, segments in RECIPES.items():
        frames = [s for segment in segments for s in _samples(*segment)]
        path = folder / f"{kind}.wav"
        with wave.open(str(path), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(RATE)
            w.writeframes(struct.pack(f"<{len(frames)}h", *frames))
        paths.append(path)
    return paths


def sound_path(kind: str) -> Path:
    return assets.path("sounds", f"{kind}.wav")


class Sounds(QObject):
    """Plays a kind of sound; loads Qt Multimedia on first use and stays silent without it."""

    def __init__(self, enabled: bool = True, parent: QObject | None = None):
        super().__init__(parent)
        self.enabled = enabled
        self.available: bool | None = None  # None until the first load attempt
        self.last_played: str | None = None
        self._effects: dict[str, object] = {}

    def load(self) -> bool:
        """Create the sound effects now (they decode in the background); False without multimedia."""
        if self.available is None:
            try:
                from PySide6.QtMultimedia import QSoundEffect
            except ImportError:  # e.g. Qt Multimedia's system libraries are missing
                self.available = False
                return False
            for kind in KINDS:
                effect = QSoundEffect(self)
                effect.setSource(QUrl.fromLocalFile(str(sound_path(kind))))
                effect.setVolume(1.0)
                self._effects[kind] = effect
            self.available = True
        return self.available

    def play(self, kind: str) -> bool:
        """Play `kind` (one of KINDS) if sound is on; returns whether it was started."""
        if kind not in KINDS:
            raise ValueError(f"Suara '{kind}' tidak dikenal.")
        if not self.enabled or not self.load():
            return False
        effect = self._effects[kind]
        for other in self._effects.values():
            if other is not effect:
                other.stop()  # a new result cuts the old sound short: one sound per scan
        effect.play()
        self.last_played = kind
        return True


if __name__ == "__main__":
    for written in write_wavs(Path(sys.argv[1]) if len(sys.argv) > 1 else sound_path("accepted").parent):
        print(written)
