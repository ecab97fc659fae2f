"""The app's dialogs, one module each (the import wizard lives beside its pages in ui/)."""
