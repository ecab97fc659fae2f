"""The main window's Import… and Export… actions (menu, toolbar, shortcuts) and its file drops.

Kept out of main_window.py so the window only has to create one of these. The wizard and the dialog are
imported when first used: they pull in the core's readers, which stay off the first-paint path.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtGui import QAction, QDropEvent, QKeySequence
from PySide6.QtWidgets import QMenu

from netcrm.core.model import ContactFilter
from netcrm.ui.icons import icon

if TYPE_CHECKING:
    from netcrm.core.services import Services
    from netcrm.ui.dialogs.export import ExportDialog
    from netcrm.ui.import_wizard import ImportWizard
    from netcrm.ui.main_window import MainWindow


def dropped_files(event: QDropEvent) -> list[Path]:
    """The local files a drag carries (folders and remote URLs are not offered to the wizard)."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [path for path in paths if path.is_file()]


class ImportExportActions(QObject):
    """File > Import… (Ctrl+I), File > Export… (Ctrl+E), their toolbar buttons, and dropping a file."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("importExportActions")
        self.window = window
        self.wizard: ImportWizard | None = None
        self.export_dialog: ExportDialog | None = None
        self.import_action = QAction(icon("import_file"), self.tr("&Import…"), window)
        self.import_action.setObjectName("importAction")
        self.import_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_I))
        self.import_action.setToolTip(
            self.tr("Import contacts: LinkedIn's export, Google, Outlook, vCards or a spreadsheet")
        )
        self.export_action = QAction(icon("export_file"), self.tr("&Export…"), window)
        self.export_action.setObjectName("exportAction")
        self.export_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_E))
        self.export_action.setToolTip(self.tr("Export contacts to Excel, CSV or vCard"))
        for action in (self.import_action, self.export_action):
            action.setEnabled(False)  # until the services are attached
        self.import_action.triggered.connect(lambda: self.open_import())
        self.export_action.triggered.connect(self.open_export)
        window.loaded.connect(self._enable)
        window.import_requested.connect(lambda: self.open_import())  # the welcome view's button
        self._place()
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def _place(self) -> None:
        """In the File menu above Quit, and first on the toolbar."""
        quit_action = self.window.quit_action
        menus = [m for m in quit_action.associatedObjects() if isinstance(m, QMenu)]
        if menus:
            menus[0].insertAction(quit_action, self.import_action)
            menus[0].insertAction(quit_action, self.export_action)
            menus[0].insertSeparator(quit_action)
        toolbar = self.window.toolbar
        if toolbar.actions():
            first = toolbar.actions()[0]
            toolbar.insertAction(first, self.import_action)
            toolbar.insertAction(first, self.export_action)
            toolbar.insertSeparator(first)
        else:
            toolbar.addAction(self.import_action)
            toolbar.addAction(self.export_action)

    def _enable(self) -> None:
        for action in (self.import_action, self.export_action):
            action.setEnabled(True)

    def _services(self) -> Services | None:
        return self.window._services

    def _settings(self) -> QSettings:
        return self.window._settings

    # -- import -----------------------------------------------------------------------------------

    def open_import(self, path: Path | None = None) -> ImportWizard | None:
        """Open the import wizard (on `path`, if given); an open wizard still on its first page takes it."""
        services = self._services()
        if services is None:
            return None
        from netcrm.ui.import_wizard import FILE_PAGE, ImportWizard

        wizard = self.wizard
        if wizard is not None and wizard.isVisible():
            if path is not None and wizard.currentId() == FILE_PAGE:
                wizard.file_page.set_path(path)
            wizard.raise_()
            wizard.activateWindow()
            return wizard
        if wizard is not None:
            wizard.deleteLater()
        wizard = ImportWizard(services, self._settings(), path, parent=self.window)
        wizard.setWindowModality(Qt.WindowModality.NonModal)
        wizard.imported.connect(self._changed)
        wizard.undone.connect(self._changed)
        self.wizard = wizard
        wizard.show()
        return wizard

    def _changed(self, _batch_id: int) -> None:
        self.window.reload()

    # -- export -----------------------------------------------------------------------------------

    def open_export(self) -> ExportDialog | None:
        """Open the export dialog with the window's current view and selection as scopes."""
        services = self._services()
        if services is None:
            return None
        from netcrm.ui.dialogs.export import ExportDialog

        model = self.window.model
        visible = model.visible_count()
        total = services.count_contacts()
        in_trash = self.window.in_trash()
        view = (
            ContactFilter()
            if visible == model.total_count() and not in_trash
            else ContactFilter(
                ids=tuple(model.contact_id(row) for row in range(model.rowCount())), trash=in_trash
            )
        )
        selected = self.window.selected_ids()
        if self.export_dialog is not None:
            self.export_dialog.deleteLater()
        dialog = ExportDialog(
            services,
            self._settings(),
            view=view,
            view_count=visible,
            selection=selected,
            total=total,
            in_trash=in_trash,
            parent=self.window,
        )
        self.export_dialog = dialog
        dialog.open()
        return dialog

    # -- drops and looks --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Accept a drag of local files, open the wizard on a dropped one; redraw icons with the palette."""
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and isinstance(event, QDropEvent):
            if self._services() is not None and dropped_files(event):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            files = dropped_files(event)
            if self._services() is not None and files:
                event.acceptProposedAction()
                self.open_import(files[0])
                return True
        elif kind == QEvent.Type.PaletteChange:
            self.import_action.setIcon(icon("import_file"))
            self.export_action.setIcon(icon("export_file"))
        return super().eventFilter(watched, event)
