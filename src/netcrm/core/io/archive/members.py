"""A member's kind from its name: folders, ``_<memberid>`` suffixes and numbered parts don't matter.

``Jobs/Saved Jobs_1.csv``, ``messages_2.csv`` and ``Connections_4711.csv`` are parts of their kind; names are
only compared, never used as paths.
"""

from __future__ import annotations

import re

#: Base name (lower case, no suffix) -> kind.
KINDS = {
    "connections": "connections",
    "messages": "messages",
    "invitations": "invitations",
    "endorsement_received_info": "endorsements_received",
    "endorsement_given_info": "endorsements_given",
    "recommendations_received": "recommendations_received",
    "recommendations_given": "recommendations_given",
    "company follows": "follows",
    "profile": "profile",
    "positions": "positions",
    "job applications": "job_applications",
    "saved jobs": "saved_jobs",
}
#: Kinds read but kept for another issue: listed with why, not imported.
KEPT = {
    "job_applications": "job applications: kept for the job-search issue, not imported yet",
    "saved_jobs": "saved jobs: kept for the job-search issue, not imported yet",
}
_SUFFIX_RE = re.compile(r"(?:_\d+)+$")


def base_name(name: str) -> str:
    """The last path component of a member name (either slash)."""
    return name.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def kind_of(name: str) -> str | None:
    """The kind of a member or file named `name`, or None for a file netcrm does not read."""
    base = base_name(name)
    stem, dot, ext = base.rpartition(".")
    if not dot or ext.lower() != "csv":
        return None
    return KINDS.get(_SUFFIX_RE.sub("", stem).strip().lower())


def ignored(name: str) -> bool:
    """macOS shadows and hidden files: never listed."""
    base = base_name(name)
    return name.startswith("__MACOSX/") or "/__MACOSX/" in name or base.startswith(".") or not base
