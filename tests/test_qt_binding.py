"""Guards against a Qt binding that corrupts the interpreter (PySide6 6.12.0 on Python 3.11)."""

import sys


def test_void_qt_calls_do_not_consume_references_to_none():
    from PySide6.QtCore import QObject

    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(2000):
        obj.setObjectName("x")
    # A buggy binding drops one reference per call and aborts the process after a few thousand.
    assert sys.getrefcount(None) >= before - 100


def test_signal_emit_does_not_consume_references_to_true(qapp):
    from PySide6.QtCore import QObject, Signal

    class Emitter(QObject):
        ping = Signal()

    emitter = Emitter()
    before_true, before_false = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(2000):
        emitter.ping.emit()
    assert sys.getrefcount(True) >= before_true - 100
    assert sys.getrefcount(False) >= before_false - 100
