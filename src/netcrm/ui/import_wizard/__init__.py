"""The import wizard, one module per page: state (the shared state and the calls into the services),
widgets, file_page, mapping_page, preview_page, import_page, report_page, and wizard (the QWizard)."""

from netcrm.ui.import_wizard.state import (
    FILE_PAGE,
    IMPORT_PAGE,
    MAPPING_PAGE,
    PREVIEW_PAGE,
    REPORT_PAGE,
    headers_key,
)
from netcrm.ui.import_wizard.wizard import ImportWizard

__all__ = [
    "FILE_PAGE",
    "IMPORT_PAGE",
    "MAPPING_PAGE",
    "PREVIEW_PAGE",
    "REPORT_PAGE",
    "ImportWizard",
    "headers_key",
]
