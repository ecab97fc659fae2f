"""Message templates: `{first_name}`-style placeholders filled from a contact and the user's pitch.

Templates are parsed with `string.Formatter().parse` but never passed to `str.format`: only the plain names
of PLACEHOLDERS are allowed, so `{a.b}`, `{x[0]}`, `{0}`, `{}`, `{x!r}` and `{x:>10}` are reported as
errors instead of reaching into objects or leaving braces in a message. `{{` and `}}` stand for `{` and `}`.
"""

from __future__ import annotations

import string
from collections.abc import Mapping

from netcrm.core.errors import ValidationError
from netcrm.core.model import Contact

PLACEHOLDERS = ("first_name", "last_name", "display_name", "company", "position", "location", "pitch")
_FORMATTER = string.Formatter()


def problems(template: str) -> list[str]:
    """Everything wrong with a template, one sentence each (empty when it can be rendered)."""
    found: list[str] = []
    try:
        parts = list(_FORMATTER.parse(template))
    except ValueError as exc:
        return [f"{exc}; write {{{{ and }}}} for literal braces"]
    for _literal, name, spec, conversion in parts:
        if name is None:
            continue
        shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        if name not in PLACEHOLDERS:
            if name == "":
                found.append(f"{shown} is an empty placeholder")
            elif name.isdigit():
                found.append(f"{shown}: positional placeholders are not supported")
            elif "." in name or "[" in name:
                found.append(f"{shown}: attribute and index access are not supported")
            else:
                found.append(f"{shown} is not a known placeholder")
            continue
        if conversion:
            found.append(f"{shown}: conversions such as !{conversion} are not supported")
        if spec:
            found.append(f"{shown}: format specifications are not supported")
    if found:
        found.append("known placeholders: " + ", ".join("{" + p + "}" for p in PLACEHOLDERS))
    return found


def check(template: str) -> None:
    """Raise ValidationError naming every problem of a template."""
    found = problems(template)
    if found:
        raise ValidationError("template", "the template cannot be used: " + "; ".join(found))


def values_of(contact: Contact, pitch: str) -> dict[str, str]:
    """What each placeholder stands for, for one contact."""
    return {
        "first_name": contact.first_name,
        "last_name": contact.last_name,
        "display_name": contact.display_name,
        "company": contact.company,
        "position": contact.position,
        "location": contact.location,
        "pitch": pitch,
    }


def render(template: str, values: Mapping[str, str]) -> str:
    """Fill a template (checked first: ValidationError if it has problems); values are inserted verbatim."""
    check(template)
    out: list[str] = []
    for literal, name, _spec, _conversion in _FORMATTER.parse(template):
        out.append(literal)
        if name is not None:
            out.append(values.get(name, ""))
    return "".join(out)
