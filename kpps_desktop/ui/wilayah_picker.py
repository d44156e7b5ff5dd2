"""Cascading region picker: provinsi -> kabupaten -> kecamatan -> desa, each a searchable combo box."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QFormLayout, QLabel, QToolTip, QWidget

from kpps_desktop.core import wilayah

LEVEL_ORDER = ("provinsi", "kabupaten", "kecamatan", "desa")


_ACCEPT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)


class SearchCombo(QComboBox):
    """An editable combo box whose completer finds items by any part of the name.

    The one widget for choosing a region (or a session) from a list. Enter and Tab take what
    was typed: the highlighted suggestion, else the only item containing the text, else the
    item named exactly. Text that names no single item keeps the focus (Tab does not move on),
    so the next word typed never lands in another field.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        # Typed text must never become a new region.
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        # Installed after QCompleter's own filter on its popup, so this one runs first.
        self.lineEdit().installEventFilter(self)
        completer.popup().installEventFilter(self)

    def setModel(self, model) -> None:
        """A new list of items (callers refill with a fresh model): the completer searches it too."""
        super().setModel(model)
        self.completer().setModel(model)

    def match(self) -> int:
        """The item the typed text stands for, or -1: highlighted, exact, or the only one containing it."""
        popup = self.completer().popup()
        if popup.isVisible() and popup.currentIndex().isValid():
            found = self.findText(popup.currentIndex().data(), Qt.MatchFlag.MatchFixedString)
            if found >= 0:
                return found
        typed = self.currentText().strip().casefold()
        if not typed:
            return -1
        containing = [i for i in range(self.count()) if typed in self.itemText(i).casefold()]
        exact = [i for i in containing if self.itemText(i).casefold() == typed]
        if exact:
            return exact[0]
        return containing[0] if len(containing) == 1 else -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if key not in _ACCEPT_KEYS or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return super().eventFilter(watched, event)
        if key == Qt.Key.Key_Tab and not self.currentText().strip():
            self.completer().popup().hide()
            return super().eventFilter(watched, event) if watched is self.lineEdit() else self._tab()
        index = self.match()
        if index < 0:
            # Ambiguous or unknown: stay here and show what matches, rather than move on.
            self.completer().setCompletionPrefix(self.currentText())
            self.completer().complete()
            QToolTip.showText(self.mapToGlobal(self.rect().bottomLeft()),
                              self.tr("Pilih salah satu dari daftar (ketik lebih lengkap, atau panah bawah)."),
                              self)
            return True
        self.completer().popup().hide()
        self.setCurrentIndex(index)
        self.setEditText(self.itemText(index))
        if key == Qt.Key.Key_Tab:
            return self._tab()
        return True

    def _tab(self) -> bool:
        self.focusNextPrevChild(True)
        return True

    def selected_code(self) -> str | None:
        """The chosen item's code, or None while the text names no item (half-typed search)."""
        index = self.currentIndex()
        if index < 0 or self.currentText().strip().casefold() != self.itemText(index).casefold():
            return None
        return self.itemData(index)

    def set_regions(self, regions: list[wilayah.Wilayah]) -> None:
        self.blockSignals(True)
        self.clear()
        for region in regions:
            self.addItem(region.nama, region.kode)
        self.setCurrentIndex(-1)
        self.clearEditText()
        self.blockSignals(False)
        self.setEnabled(bool(regions))


class WilayahPicker(QWidget):
    """Pick one region down to `depth` ('provinsi', 'kabupaten', 'kecamatan' or 'desa')."""

    changed = Signal(object)  # code() after every change: the complete code, or None

    def __init__(self, depth: str = "desa", parent: QWidget | None = None):
        super().__init__(parent)
        labels = {
            "provinsi": self.tr("Provinsi:"),
            "kabupaten": self.tr("Kabupaten/Kota:"),
            "kecamatan": self.tr("Kecamatan:"),
            "desa": self.tr("Desa/Kelurahan:"),
        }
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.combos: list[SearchCombo] = []
        self._labels: list[QLabel] = []
        self._codes: list[str | None] = [None] * len(LEVEL_ORDER)
        for i, level in enumerate(LEVEL_ORDER):
            combo = SearchCombo(self)
            combo.setObjectName(f"combo_{level}")
            combo.lineEdit().setPlaceholderText(self.tr("Ketik untuk mencari…"))
            combo.currentIndexChanged.connect(lambda _=0, i=i: self._level_edited(i))
            combo.editTextChanged.connect(lambda _="", i=i: self._level_edited(i))
            label = QLabel(labels[level], self)
            label.setBuddy(combo)
            form.addRow(label, combo)
            self.combos.append(combo)
            self._labels.append(label)
        self._depth = 0
        self.set_depth(depth)
        self.combos[0].set_regions(wilayah.children())
        for combo in self.combos[1:]:
            combo.set_regions([])

    def depth(self) -> str:
        return LEVEL_ORDER[self._depth]

    def set_depth(self, depth: str) -> None:
        """Show only the levels down to `depth`; choices above it are kept."""
        if depth not in LEVEL_ORDER:
            raise ValueError(f"Tingkat wilayah '{depth}' tidak dikenal.")
        self._depth = LEVEL_ORDER.index(depth)
        for i, (label, combo) in enumerate(zip(self._labels, self.combos)):
            label.setVisible(i <= self._depth)
            combo.setVisible(i <= self._depth)
        self.changed.emit(self.code())

    def code(self) -> str | None:
        """The chosen region at the picker's depth, or None until every level is chosen."""
        return self._codes[self._depth]

    def set_code(self, kode: str) -> bool:
        """Select a region and its ancestors (down to the picker's depth); False when unknown."""
        for i, part in enumerate(wilayah.ancestors(kode)[: self._depth + 1]):
            index = self.combos[i].findData(part)
            if index < 0:
                return False
            self.combos[i].setCurrentIndex(index)
        return True

    def _level_edited(self, i: int) -> None:
        code = self.combos[i].selected_code()
        if code == self._codes[i]:
            return  # typing inside a search, or re-selecting the same item: nothing below changes
        self._codes[i] = code
        for j in range(i + 1, len(LEVEL_ORDER)):
            self._codes[j] = None
            self.combos[j].set_regions(wilayah.children(code) if (j == i + 1 and code) else [])
        self.changed.emit(self.code())
