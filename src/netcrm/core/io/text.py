"""Small text rules every reader shares: trimming, NFC, formula un-escaping, e-mail and URL checks."""

from __future__ import annotations

import re
import unicodedata

#: What netcrm's CSV/XLSX exporter protects with a leading ``'`` (OWASP's list plus the full-width forms).
FORMULA_TRIGGERS = frozenset("=+-@\t\r＝＋－＠")
_ESCAPED_FORMULA_RE = re.compile("'[=+\\-@\t\r＝＋－＠]")

#: Lower-case name particles that belong to the family name ("Jan van der Berg").
_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "del", "della", "di", "da", "das", "dos", "du", "la", "le", "ter"}
    | {"ten", "zu", "bin", "ibn", "al", "el", "st.", "saint"}
)
_WS_RE = re.compile(r"\s+")
_SUFFIXES = frozenset(("jr", "sr", "ii", "iii", "iv"))


def clean(value: str) -> str:
    """Trim and NFC-normalise one value; names are otherwise stored as given."""
    value = value.strip()
    if value and not value.isascii():
        value = unicodedata.normalize("NFC", value)
    return value


def _starts_formula(text: str) -> bool:
    rest = text.lstrip("'")
    return bool(rest) and rest[0] in FORMULA_TRIGGERS


def escape_formula(text: str) -> str:
    """OWASP CSV-injection escaping: a leading ``'`` when the cell would start a formula.

    Cells that already start with ``'``s before a trigger get one more, so that `unescape_formula` is the
    exact inverse.
    """
    if text and (text[0] in FORMULA_TRIGGERS or (text[0] == "'" and _starts_formula(text))):
        return "'" + text
    return text


def unescape_formula(value: str) -> str:
    """Undo `escape_formula` exactly: ``'=SUM(A1)`` becomes ``=SUM(A1)``, ``'plain`` stays."""
    if value[:1] == "'" and _starts_formula(value[1:]):
        return value[1:]
    return value


def has_escaped_formula(text: str) -> bool:
    """True if any cell could carry the exporter's escape; lets readers skip the per-cell check."""
    return _ESCAPED_FORMULA_RE.search(text) is not None


def norm_header(name: str) -> str:
    """A header as case-folded letters and digits without accents: `E-mail Address` == `Email address`."""
    return "".join(
        ch
        for ch in unicodedata.normalize("NFKD", name.casefold())
        if ch.isalnum() and not unicodedata.combining(ch)
    )


_EMAIL_RE = re.compile(r'[^\s@<>()\[\]\\,;:"]+@(?:[^\s@<>()\[\]\\,;:".]+\.)+[^\s@<>()\[\]\\,;:".]+')
_LINKEDIN_PREFIXES = ("https://www.linkedin.com/", "https://linkedin.com/", "http://www.linkedin.com/")


def is_email(value: str) -> bool:
    """A cheap plausibility check (one ``@``, a dotted domain, no spaces); rejects ``urn:li:member:…``."""
    return _EMAIL_RE.fullmatch(value) is not None


def is_linkedin_url(value: str) -> bool:
    """True for an http(s) or scheme-less address on linkedin.com; never for ``javascript:`` and friends."""
    if value.startswith(_LINKEDIN_PREFIXES):
        return True  # the common case, decided without lower-casing
    low = value.lower()
    if "://" in low:
        scheme, _, rest = low.partition("://")
        if scheme not in ("http", "https"):
            return False
    else:
        rest = low
        if ":" in rest.split("/", 1)[0]:
            return False
    host, slash, _ = rest.partition("/")
    if not slash or "@" in host:
        return False
    host = host.split(":", 1)[0]
    return host == "linkedin.com" or host.endswith(".linkedin.com")


def split_list(value: str, separators: str = ",;") -> list[str]:
    """Split a multi-value cell (tags, e-mails) on any of `separators` (and Google's `` ::: ``)."""
    if " ::: " in value:
        value = value.replace(" ::: ", separators[0])
    parts = [value]
    for sep in separators:
        parts = [piece for part in parts for piece in part.split(sep)]
    return [p for p in (clean(part) for part in parts) if p]


def split_full_name(name: str) -> tuple[str, str]:
    """Split one full-name cell into (first, last): ``Lee, Ann`` and ``Ann van Lee`` both work.

    A single word (or a script without spaces) goes to the first name; the display name keeps the whole.
    """
    name = _WS_RE.sub(" ", name).strip()
    if not name:
        return "", ""
    head, comma, tail = name.partition(",")
    head, tail = head.strip(), tail.strip()
    if comma and head and tail and not _is_credentials(tail):
        return tail, head
    words = head.split(" ")
    if len(words) == 1:
        return (head, tail) if tail else (head, "")
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].lower() in _PARTICLES:
        cut -= 1
    first, last = " ".join(words[:cut]), " ".join(words[cut:])
    return first, f"{last}, {tail}" if tail else last


def _is_credentials(tail: str) -> bool:
    """`MBA`, `PhD, CFA`, `CFP®`, `Jr.`: a suffix, not a given name after a comma."""
    for token in (t.strip() for t in tail.split(",")):
        upper = sum(ch.isupper() for ch in token)
        if not (upper >= 2 or token.endswith(("®", "™")) or token.lower().rstrip(".") in _SUFFIXES):
            return False
    return True


def join_name(*parts: str) -> str:
    """Join name parts with single spaces, skipping empty ones."""
    return " ".join(part for part in parts if part)
