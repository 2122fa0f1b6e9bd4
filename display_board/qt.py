"""Every Qt name the board uses, imported in this one place (as qutebrowser's ``qt`` package).

QtTextToSpeech and QtMultimedia come with PySide6-Addons.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEasingCurve,
    QEvent,
    QIODevice,
    QLocale,
    QObject,
    QPoint,
    QProcess,
    QRect,
    Qt,
    QTimer,
    QUrl,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from PySide6.QtTextToSpeech import QTextToSpeech
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

__all__ = [
    "QApplication", "QAudioOutput", "QBoxLayout", "QBuffer", "QByteArray", "QCloseEvent",
    "QColor", "QEasingCurve", "QEvent", "QFont", "QFontMetrics", "QHBoxLayout", "QIODevice",
    "QLabel", "QLayout", "QLocale", "QMediaPlayer", "QObject", "QPaintEvent", "QPainter",
    "QPalette", "QPoint", "QProcess", "QRect", "QResizeEvent", "QSizePolicy", "QTextToSpeech",
    "QTimer", "QUrl", "QVBoxLayout", "QVariantAnimation", "QWidget", "Qt", "Signal",
]
