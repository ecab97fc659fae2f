"""Showing right-to-left and bidi-controlled text so that it cannot reorder what surrounds it (issue 21).

A name such as ``"Ann\\u202Egnp.exe"`` (U+202E, RIGHT-TO-LEFT OVERRIDE) would show reversed, and an Arabic or
Hebrew name can pull the company beside it into its own direction. Every view shows such text isolated:
explicit embeddings, overrides and isolates from the data are dropped (they are kept in the database and in
editors), and the value is wrapped in FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE (U+2068, U+2069).
"""

from __future__ import annotations

import re

FSI = "\u2068"
PDI = "\u2069"
#: LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI: what lets a value take over the line it is shown on.
_CONTROLS_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")
#: Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko, ..., their presentation forms) and marks.
_RTL_RE = re.compile(
    "[\u0590-\u08ff\u200f\u061c\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


def isolate(text: str) -> str:
    """`text` as a view shows it: unchanged when plain, else without bidi controls and isolated."""
    if text.isascii():  # the common case, and the fast one: every painted cell passes here
        return text
    controls = _CONTROLS_RE.search(text) is not None
    if not controls and _RTL_RE.search(text) is None:
        return text
    if controls:
        text = _CONTROLS_RE.sub("", text)
    return f"{FSI}{text}{PDI}"
