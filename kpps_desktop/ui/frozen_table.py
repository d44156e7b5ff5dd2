"""A table view whose first columns stay in place when the rest scrolls sideways (Qt's frozen-column example)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


class FrozenColumnTable(QTableView):
    """The first `frozen_count` columns are drawn again by a view laid over them that never scrolls
    sideways; both share the model, the selection and the vertical scrolling."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.frozen_count = 1
        self.frozen = QTableView(self)
        self.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.frozen.verticalHeader().hide()
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setStyleSheet("QTableView { border: none; border-right: 1px solid palette(mid); }")
        self.frozen.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.frozen.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.frozen.setAlternatingRowColors(True)
        self.viewport().stackUnder(self.frozen)
        self.horizontalHeader().sectionResized.connect(self._section_resized)
        self.verticalHeader().sectionResized.connect(lambda i, _o, size: self.frozen.setRowHeight(i, size))
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)
        self.frozen.doubleClicked.connect(self.doubleClicked.emit)
        self.frozen.horizontalHeader().sectionClicked.connect(self.horizontalHeader().sectionClicked.emit)

    def setModel(self, model) -> None:
        super().setModel(model)
        self.frozen.setModel(model)
        self.frozen.setSelectionModel(self.selectionModel())
        model.modelReset.connect(self.refresh_frozen)
        model.layoutChanged.connect(self.refresh_frozen)
        self.refresh_frozen()

    def set_frozen_count(self, n: int) -> None:
        self.frozen_count = n
        self.refresh_frozen()

    def refresh_frozen(self) -> None:
        model = self.model()
        if model is None:
            return
        header = self.frozen.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.frozen.setSortingEnabled(False)
        for c in range(model.columnCount()):
            self.frozen.setColumnHidden(c, c >= self.frozen_count)
            if c < self.frozen_count:
                self.frozen.setColumnWidth(c, self.columnWidth(c))
        sort = self.horizontalHeader()
        header.setSortIndicatorShown(sort.isSortIndicatorShown())
        header.setSortIndicator(sort.sortIndicatorSection(), sort.sortIndicatorOrder())
        self._place()

    def _section_resized(self, index: int, _old: int, size: int) -> None:
        if index < self.frozen_count:
            self.frozen.setColumnWidth(index, size)
            self._place()

    def frozen_width(self) -> int:
        return sum(self.columnWidth(c) for c in range(min(self.frozen_count, self.model().columnCount()))
                   if not self.isColumnHidden(c)) if self.model() is not None else 0

    def _place(self) -> None:
        self.frozen.setGeometry(self.verticalHeader().width() + self.frameWidth(), self.frameWidth(),
                                self.frozen_width(), self.viewport().height() + self.horizontalHeader().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        self._place()

    def moveCursor(self, action, modifiers):
        # Keep the cell the keyboard moves to out from under the frozen columns.
        current = super().moveCursor(action, modifiers)
        if (action == QAbstractItemView.CursorAction.MoveLeft and current.column() >= self.frozen_count
                and self.visualRect(current).topLeft().x() < self.frozen_width()):
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() + self.visualRect(current).topLeft().x() - self.frozen_width())
        return current

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        if index.column() >= self.frozen_count:
            super().scrollTo(index, hint)
