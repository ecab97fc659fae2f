"""The first start on an empty database: how to get the LinkedIn export, and two ways to begin."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from netcrm.ui.icons import icon


class WelcomeView(QWidget):
    """Explains the LinkedIn export; offers Import your connections and Try with demo data."""

    import_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeView")
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        title = QLabel(self.tr("Welcome to netcrm"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        steps = QLabel(
            self.tr(
                "Your network starts with your LinkedIn connections. LinkedIn sends them as a file:\n\n"
                "1. On linkedin.com, open Me > Settings & Privacy > Data privacy.\n"
                "2. Choose Get a copy of your data, tick Connections, and request the archive.\n"
                "3. LinkedIn e-mails you a link within minutes; download the zip file.\n"
                "4. Import it here (the zip itself, or the Connections.csv inside it).\n\n"
                "Import again every few weeks: netcrm updates who changed jobs and keeps your notes, tags "
                "and follow-ups."
            )
        )
        steps.setTextFormat(Qt.TextFormat.PlainText)
        steps.setWordWrap(True)
        self.import_button = QPushButton(icon("import"), self.tr("&Import your connections…"))
        self.import_button.setObjectName("importConnectionsButton")
        self.import_button.setDefault(True)
        self.demo_button = QPushButton(icon("demo"), self.tr("Try with &demo data"))
        self.demo_button.setObjectName("demoButton")
        self.demo_button.setToolTip(self.tr("Adds 2,000 made-up people to explore netcrm with"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.import_button.clicked.connect(self.import_requested)
        self.demo_button.clicked.connect(self._demo)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.addWidget(title)
        column.addSpacing(12)
        column.addWidget(steps)
        column.addSpacing(16)
        column.addLayout(buttons)
        column.addWidget(self.progress)
        column.addStretch(1)
        inner = QWidget()
        inner.setLayout(column)
        inner.setMaximumWidth(self.fontMetrics().averageCharWidth() * 80)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 32)
        outer.addWidget(inner, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)

    def set_busy(self, busy: bool) -> None:
        """Show that demo data is being made (the buttons wait meanwhile)."""
        self.progress.setVisible(busy)
        self.import_button.setEnabled(not busy)
        self.demo_button.setEnabled(not busy)

    def _demo(self) -> None:
        self.set_busy(True)
        self.demo_requested.emit()
