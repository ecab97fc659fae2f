"""What an edit refused for its expected version says: the truth about the version asked for."""

from __future__ import annotations


def conflict_message(contact_id: int, expected: int | None, latest: int) -> str:
    """Why an edit expecting `expected` was refused, the contact being at `latest`."""
    if expected is not None and expected > latest:
        return f"version {expected} does not exist; the contact is at version {latest}"
    return f"contact {contact_id} was changed elsewhere since it was opened (version {latest})"
