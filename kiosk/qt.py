"""Every Qt name the kiosk uses, from this one module (PySide6).

One place to see which parts of Qt the kiosk depends on, and one place to change if the
binding changes.
"""

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QEventLoop,
    QLocale,
    QObject,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFont,
    QGuiApplication,
    QIcon,
    QImage,
    QKeyEvent,
    QPainter,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtTextToSpeech import QTextToSpeech
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

__all__ = [
    "QAbstractButton",
    "QApplication",
    "QByteArray",
    "QCloseEvent",
    "QColor",
    "QEvent",
    "QEventLoop",
    "QFont",
    "QFrame",
    "QGridLayout",
    "QGuiApplication",
    "QHBoxLayout",
    "QIcon",
    "QImage",
    "QKeyEvent",
    "QLabel",
    "QLayout",
    "QLocale",
    "QObject",
    "QPainter",
    "QPixmap",
    "QPoint",
    "QPushButton",
    "QRect",
    "QSize",
    "QSizePolicy",
    "QSvgRenderer",
    "QTextToSpeech",
    "QTimer",
    "QVBoxLayout",
    "QWidget",
    "Qt",
    "Signal",
]
