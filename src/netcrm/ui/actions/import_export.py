"""The main window's Import… and Export… actions (menu, toolbar, shortcuts) and its file drops.

It sees the window only through its ActionContext (services, settings, selection, runner). The wizard and
the dialog are imported when first used: they pull in the core's readers, which stay off the first-paint
path.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QDropEvent, QKeySequence
from PySide6.QtWidgets import QMenu

from netcrm.core.changes import Changes
from netcrm.core.model import ContactFilter
from netcrm.ui.actions.context import ActionContext, Places
from netcrm.ui.icons import icon
from netcrm.ui.sidebar import KEY_ROLE

if TYPE_CHECKING:
    from netcrm.ui.dialogs.export import ExportDialog
    from netcrm.ui.dialogs.import_history import ImportHistoryDialog
    from netcrm.ui.import_wizard import ImportWizard


def dropped_files(event: QDropEvent) -> list[Path]:
    """The local files a drag carries (folders and remote URLs are not offered to the wizard)."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [path for path in paths if path.is_file()]


class ImportExportActions(QObject):
    """File > Import… (Ctrl+I), Import history… (Ctrl+Shift+H), Export… (Ctrl+E), the toolbar, file drops.

    A "Recently imported" entry of the sidebar offers its batch's undo in the history on a right click.
    """

    def __init__(self, context: ActionContext) -> None:
        window = context.parent
        super().__init__(window)
        self.setObjectName("importExportActions")
        self._ctx = context
        self.wizard: ImportWizard | None = None
        self.export_dialog: ExportDialog | None = None
        self.history_dialog: ImportHistoryDialog | None = None
        self.batch_menu: QMenu | None = None
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
        self.history_action = QAction(icon("undo_import"), self.tr("Import &history…"), window)
        self.history_action.setObjectName("importHistoryAction")
        self.history_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.history_action.setToolTip(self.tr("Every import with its counts, and Undo"))
        for action in (self.import_action, self.history_action, self.export_action):
            action.setEnabled(False)  # until the services are attached
        self.history_action.triggered.connect(lambda: self.open_history())
        self.import_action.triggered.connect(lambda: self.open_import())
        self.export_action.triggered.connect(self.open_export)
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def place(self, places: Places) -> None:
        """In the File menu above Quit, and first on the toolbar."""
        quit_action = places.quit_action
        places.file_menu.insertAction(quit_action, self.import_action)
        places.file_menu.insertAction(quit_action, self.history_action)
        places.file_menu.insertAction(quit_action, self.export_action)
        places.file_menu.insertSeparator(quit_action)
        toolbar = places.toolbar
        if toolbar.actions():
            first = toolbar.actions()[0]
            toolbar.insertAction(first, self.import_action)
            toolbar.insertAction(first, self.export_action)
            toolbar.insertSeparator(first)
        else:
            toolbar.addAction(self.import_action)
            toolbar.addAction(self.export_action)
        self._sidebar = places.sidebar
        places.sidebar.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        places.sidebar.customContextMenuRequested.connect(self._sidebar_menu)

    def on_loaded(self) -> None:
        """The services are attached: importing and exporting can start."""
        for action in (self.import_action, self.history_action, self.export_action):
            action.setEnabled(True)

    # -- import -----------------------------------------------------------------------------------

    def open_import(self, path: Path | None = None) -> ImportWizard | None:
        """Open the import wizard (on `path`, if given); an open wizard still on its first page takes it."""
        services = self._ctx.services()
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
        wizard = ImportWizard(services, self._ctx.settings, path, parent=self._ctx.parent)
        wizard.setWindowModality(Qt.WindowModality.NonModal)
        wizard.imported.connect(self._changed)
        wizard.undone.connect(self._changed)
        self.wizard = wizard
        wizard.show()
        return wizard

    def _changed(self, _batch_id: int) -> None:
        self._ctx.runner.announce(Changes.all())  # an import or its undo: every pane reads again
        if self.history_dialog is not None and self.history_dialog.isVisible():
            self.history_dialog.reload(self.history_dialog.current_batch_id())

    def open_history(self, batch_id: int | None = None) -> ImportHistoryDialog | None:
        """File > Import history, with `batch_id` chosen if given."""
        services = self._ctx.services()
        if services is None:
            return None
        from netcrm.ui.dialogs.import_history import ImportHistoryDialog

        dialog = self.history_dialog
        if dialog is None:
            dialog = ImportHistoryDialog(services, parent=self._ctx.parent)
            dialog.undone.connect(lambda _batch: self._ctx.runner.announce(Changes.all()))
            self.history_dialog = dialog
        else:
            dialog.reload()
        if batch_id is not None:
            dialog.select_batch(batch_id)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _sidebar_menu(self, pos: QPoint) -> None:
        sidebar = self._sidebar
        key = str(sidebar.indexAt(pos).data(KEY_ROLE) or "")
        if not key.startswith("batch:") or self._ctx.services() is None:
            return
        batch_id = int(key.removeprefix("batch:"))
        menu = QMenu(sidebar)
        menu.setObjectName("batchMenu")
        menu.addAction(icon("undo_import"), self.tr("Undo this import…"), lambda: self.open_history(batch_id))
        menu.popup(sidebar.viewport().mapToGlobal(pos))
        self.batch_menu = menu

    # -- export -----------------------------------------------------------------------------------

    def open_export(self) -> ExportDialog | None:
        """Open the export dialog with the window's current view and selection as scopes."""
        services = self._ctx.services()
        if services is None:
            return None
        from netcrm.ui.dialogs.export import ExportDialog

        selection = self._ctx.selection
        shown = selection.shown_ids()
        total = services.count_contacts()
        in_trash = selection.in_trash()
        view = ContactFilter() if shown is None else ContactFilter(ids=tuple(shown), trash=in_trash)
        visible = total if shown is None else len(shown)
        selected = selection.selected_ids()
        if self.export_dialog is not None:
            self.export_dialog.deleteLater()
        dialog = ExportDialog(
            services,
            self._ctx.settings,
            view=view,
            view_count=visible,
            selection=selected,
            total=total,
            in_trash=in_trash,
            parent=self._ctx.parent,
        )
        self.export_dialog = dialog
        dialog.open()
        return dialog

    # -- drops and looks --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Accept a drag of local files, open the wizard on a dropped one; redraw icons with the palette."""
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and isinstance(event, QDropEvent):
            if self._ctx.services() is not None and dropped_files(event):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            files = dropped_files(event)
            if self._ctx.services() is not None and files:
                event.acceptProposedAction()
                self.open_import(files[0])
                return True
        elif kind == QEvent.Type.PaletteChange:
            self.import_action.setIcon(icon("import_file"))
            self.export_action.setIcon(icon("export_file"))
        return super().eventFilter(watched, event)
