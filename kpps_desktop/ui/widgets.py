"""Small widgets several screens share."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

ERROR_COLOR = "#b00020"


def error_label(parent: QWidget) -> QLabel:
    """A hidden, word-wrapped red label for an inline error under a form."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {ERROR_COLOR};")
    label.setVisible(False)
    return label
