"""The desktop user interface (PySide6): item models, panes and the main window over core services."""
