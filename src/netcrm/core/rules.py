"""Pure rules shared by importers, services and the ui: cleaning, keys, open-networker detection, schedules.

Everything here is stdlib-only and side-effect free, so it can run in any thread and be tested without a
database or Qt.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal
from urllib.parse import quote, unquote

from netcrm.core.errors import ValidationError

__all__ = [
    "OpenNetworkerSignal",
    "Recurrence",
    "add_recurrence",
    "clean_text",
    "detect_open_networker",
    "display_name",
    "email_key",
    "fold",
    "is_valid_email",
    "linkedin_slug",
    "linkedin_url_for",
    "needs_open_networker_review",
    "next_occurrence",
    "normalize_email",
    "normalize_name",
    "normalize_phone",
    "parse_cadence",
    "parse_recurrence",
    "phone_key",
    "search_key",
    "sort_key",
    "weak_open_networker_hints",
]

# ----------------------------------------------------------------------------------------------------
# Text

# C0 controls except tab and newline, plus DEL: they come from broken exports and break CSV/XLSX writers.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]+")
# Every Unicode white-space character (all below U+3001) plus the invisible ones spreadsheets leave behind.
_EDGE_CHARS = "".join(chr(cp) for cp in range(0x3001) if chr(cp).isspace()) + "\u200b\u200c\u200d\u2060\ufeff"
_SPACE_RUN_RE = re.compile(r"\s+")


def clean_text(value: str | None) -> str:
    """Make one cell safe to store: NFC, no stray control characters, no invisible padding; None is ""."""
    if not value:
        return ""
    # Called for every cell of every import: each step is skipped when it has nothing to do.
    text = value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value
    if not text.isprintable():  # isprintable() is a fast C test; the regex is slow on every cell
        text = _CONTROL_RE.sub("", text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return text.strip(_EDGE_CHARS)


def check_lengths(
    values: dict[str, object], *, emails: Iterable[str] = (), phones: Iterable[str] = ()
) -> None:
    """Refuse a value longer than any import accepts (one limit everywhere), so netcrm's own exports stay
    importable; raises ValidationError naming the field."""
    from netcrm.core.io.limits import MAX_CELL_CHARS

    fields = [(name, value) for name, value in values.items() if isinstance(value, str)]
    fields += [("emails", value) for value in emails] + [("phones", value) for value in phones]
    for name, value in fields:
        if len(value) > MAX_CELL_CHARS:
            raise ValidationError(
                name,
                f"{name.replace('_', ' ')}: {len(value):,} characters is longer than the {MAX_CELL_CHARS:,} "
                "an import accepts",
            )


def normalize_name(value: str | None) -> str:
    """Clean a name and collapse inner white space, keeping the spelling and case the person chose."""
    return _SPACE_RUN_RE.sub(" ", clean_text(value))


def display_name(first: str, last: str, fallback: str = "") -> str:
    """Name a contact for lists: "First Last", or the fallback (say an e-mail) when both names are empty."""
    name = " ".join(part for part in (normalize_name(first), normalize_name(last)) if part)
    return name or normalize_name(fallback)


# ----------------------------------------------------------------------------------------------------
# E-mail

_MAILTO_RE = re.compile(r"^mailto:", re.IGNORECASE)
_LOCAL_SPECIALS = frozenset("!#$%&'*+/=?^_`{|}~.-")
_MAX_EMAIL = 254
_MAX_LOCAL = 64
_MAX_LABEL = 63


def _strip_mailto(value: str) -> str:
    """Accept what people paste from a link: `mailto:` in front and maybe a `?subject=` behind."""
    text = clean_text(value)
    if _MAILTO_RE.match(text):
        text = text[len("mailto:") :].split("?", 1)[0].strip()
    return text


def _email_problem(address: str) -> str | None:
    """Say what is wrong with an address in words a user understands, or None when it looks deliverable."""
    if not address:
        return "it is empty"
    if any(ch.isspace() for ch in address):
        return "it contains a space"
    if address.count("@") != 1:
        return 'it needs exactly one "@"'
    if len(address) > _MAX_EMAIL:
        return f"it is longer than {_MAX_EMAIL} characters"
    local, domain = address.split("@")
    if not local:
        return 'there is nothing before the "@"'
    if len(local) > _MAX_LOCAL:
        return f'the part before the "@" is longer than {_MAX_LOCAL} characters'
    bad = next((ch for ch in local if not (ch.isalnum() or ch in _LOCAL_SPECIALS)), None)
    if bad is not None:
        return f'the part before the "@" contains "{bad}"'
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return 'the part before the "@" has a misplaced dot'
    if not domain:
        return 'there is nothing after the "@"'
    labels = domain.split(".")
    if len(labels) < 2:
        return f'the domain "{domain}" has no dot'
    for label in labels:
        if not label:
            return f'the domain "{domain}" has a misplaced dot'
        if len(label) > _MAX_LABEL or not all(ch.isalnum() or ch == "-" for ch in label):
            return f'the domain "{domain}" is not a valid domain name'
        if label.startswith("-") or label.endswith("-"):
            return f'the domain "{domain}" has a misplaced hyphen'
    tld = labels[-1]
    if not ((len(tld) >= 2 and tld.isalpha()) or (tld.casefold().startswith("xn--") and tld[4:].isalnum())):
        return f'".{tld}" is not a top-level domain'
    return None


def normalize_email(value: str) -> str:
    """Return the address as written (case kept) minus padding and `mailto:`; ValidationError if bad."""
    address = _strip_mailto(value)
    problem = _email_problem(address)
    if problem is not None:
        raise ValidationError("email", f'"{address}" is not a valid e-mail address: {problem}.')
    return address


def is_valid_email(value: str) -> bool:
    """Tell whether `normalize_email` would accept the value, without raising."""
    return _email_problem(_strip_mailto(value)) is None


_PLAIN_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+")


def email_key(value: str) -> str:
    """Key to compare addresses (case-insensitive); never raises, so it also works on legacy bad values."""
    if _PLAIN_EMAIL_RE.fullmatch(value):
        return value.lower()  # the common case: ASCII with nothing to strip (casefold equals lower there)
    return unicodedata.normalize("NFC", _strip_mailto(value).casefold())


# ----------------------------------------------------------------------------------------------------
# LinkedIn

_SCHEME_RE = re.compile(r"^(?:https?:)?//", re.IGNORECASE)
_LINKEDIN_HOST_RE = re.compile(r"(?:[a-z0-9-]+\.)*linkedin\.com")
_PUB_PART_RE = re.compile(r"[0-9a-f]{1,3}", re.IGNORECASE)
_LINKEDIN_PROFILE = "https://www.linkedin.com/in/"
_CANONICAL_PROFILE_RE = re.compile(r"https://www\.linkedin\.com/in/([a-z0-9][a-z0-9-]*)/?")


def _normalize_slug(decoded: str) -> str:
    """Make one spelling of a decoded slug: LinkedIn treats profile names case-insensitively."""
    return unicodedata.normalize("NFC", clean_text(decoded).casefold())


def linkedin_slug(url: str) -> str | None:
    """Reduce a LinkedIn profile URL to the key used to dedupe people; None when it is not a profile URL.

    Accepted: `[http(s)://][www.|xx.]linkedin.com/in/<slug>[/anything][?query][#fragment]` and the pre-2016
    public form `.../pub/<name>/<a>/<b>/<c>`, which LinkedIn redirects to `/in/<name>-<c><b><a>` (b and c
    zero-padded to three characters): that is the slug returned, so old and new exports dedupe together.
    Bare slugs, `in/slug`, other hosts (`lnkd.in`), `/company/`, `/pub/dir/`, `/profile/view?id=` give None.
    """
    plain = _CANONICAL_PROFILE_RE.fullmatch(url)
    if plain:  # the common case, as LinkedIn's export writes it: nothing to decode or fold
        return plain.group(1)
    text = _SCHEME_RE.sub("", clean_text(url))
    host, _, rest = text.partition("/")
    host = host.split(":", 1)[0].rstrip(".").lower()
    if not _LINKEDIN_HOST_RE.fullmatch(host):
        return None
    path = re.split(r"[?#]", rest, maxsplit=1)[0]
    parts = [part for part in path.split("/") if part]
    if len(parts) >= 2 and parts[0].lower() == "in":
        raw = parts[1]
    elif (
        len(parts) >= 5
        and parts[0].lower() == "pub"
        and parts[1].lower() != "dir"
        and all(_PUB_PART_RE.fullmatch(part) for part in parts[2:5])
    ):
        first, second, third = parts[2:5]
        raw = f"{parts[1]}-{third.zfill(3)}{second.zfill(3)}{first}"
    else:
        return None
    try:
        decoded = unquote(raw, errors="strict")
    except UnicodeDecodeError:  # not UTF-8: keep the escapes rather than invent U+FFFD
        decoded = raw
    return _normalize_slug(decoded) or None


def linkedin_url_for(slug: str) -> str:
    """Build the canonical profile URL for a slug, so links and exports look alike whatever was imported."""
    normalized = _normalize_slug(slug)
    if not normalized:
        raise ValidationError("linkedin_url", "A LinkedIn profile name cannot be empty.")
    return _LINKEDIN_PROFILE + quote(normalized, safe="")


# ----------------------------------------------------------------------------------------------------
# Search keys

# Letters with no Unicode decomposition that people nevertheless type without their stroke or as two letters.
_FOLD_LETTERS = dict(ł="l", ø="o", đ="d", ð="d", ħ="h", ŧ="t", æ="ae", œ="oe", ı="i", þ="th")
_FOLD_LETTERS_RE = re.compile("[" + "".join(_FOLD_LETTERS) + "]")
# Only the generic diacritic blocks are dropped: marks of Arabic, Hebrew, Indic or Japanese (dakuten) stay.
_DIACRITICS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_DIACRITICS_RE = re.compile(f"[{_DIACRITICS}]+")
_NOT_ASCII_OR_DIACRITIC_RE = re.compile(f"[^\\x00-\\x7f{_DIACRITICS}]")


def fold(text: str) -> str:
    """Key for accent- and case-insensitive search: `Łukasz Żółć` and `lukasz zolc` fold alike; CJK is kept.

    Measured (Python 3.11, 2-core dev VM) on 100,000 distinct strings of ~60 characters: all ASCII 16 ms;
    a fifth Polish, Spanish, Russian or Chinese 65 ms; half 136 ms; all non-ASCII 250 ms (2.5 us each).
    """
    if text.isascii():  # the common case: lower() equals casefold() on ASCII and nothing decomposes
        return text.lower()
    folded = unicodedata.normalize("NFKD", text).casefold()
    # str.translate with a table was measured 3-10 times slower than this: every character missing from
    # the table costs a KeyError inside translate. Regex searches and str.replace stay in C.
    if not _NOT_ASCII_OR_DIACRITIC_RE.search(folded):  # accented Latin: only diacritics are not ASCII
        return folded.encode("ascii", "ignore").decode("ascii")
    for letter in set(_FOLD_LETTERS_RE.findall(folded)):
        folded = folded.replace(letter, _FOLD_LETTERS[letter])
    return unicodedata.normalize("NFC", _DIACRITICS_RE.sub("", folded))


def sort_key(text: str | None) -> str:
    """How text sorts in lists: folded like search (`Łukasz` with L, `Émile` with E); empty is "" (last).

    Stored as `contact.sort_name` for names, so SQL (`ORDER BY sort_name, id`) and the app's own sort agree.
    """
    return fold(text) if text else ""


def search_key(parts: Iterable[str]) -> str:
    """Fold the searchable fields into one string; U+001F between them stops a query spanning fields."""
    return fold("\x1f".join([part for part in parts if part and not part.isspace()]))  # one fold: far cheaper


# ----------------------------------------------------------------------------------------------------
# Phones

_SPREADSHEET_NUMBER_RE = re.compile(r"\+?[0-9]+\.0+")


def normalize_phone(value: str) -> str:
    """Clean a phone number but keep the user's formatting; undo a spreadsheet's `4915112345678.0`."""
    text = clean_text(value)
    if _SPREADSHEET_NUMBER_RE.fullmatch(text):
        text = text.split(".", 1)[0]
    return text


def phone_key(value: str) -> str:
    """Key to compare phone numbers: digits only (any script, as ASCII), with a leading `+` kept."""
    text = unicodedata.normalize("NFKC", normalize_phone(value))
    digits = "".join(str(unicodedata.decimal(ch)) for ch in text if ch.isdecimal())
    if digits and text.startswith("+"):
        return "+" + digits
    return digits


# ----------------------------------------------------------------------------------------------------
# Open networkers (FORMATS.md section 7.3)

_NAME_FIELDS = ("first_name", "last_name", "display_name")
_FIELD_LABELS = {
    "first_name": "first name",
    "last_name": "last name",
    "display_name": "name",
    "position": "position",
    "company": "company",
    "tags": "tags",
}
# Letters on either side are Unicode letters (FORMATS.md says [A-Za-z]): `ÉLION` is not the acronym either.
_NOT_LETTER_BEFORE = r"(?<![^\W\d_])"
_NOT_LETTER_AFTER = r"(?![^\W\d_])"
# The strong signals in the order they are tried, each with the fields it applies to.
_STRONG_SIGNALS: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...] = (
    (
        "S1",
        re.compile(_NOT_LETTER_BEFORE + r"L\.?I\.?O\.?N\.?(?:®|s)?" + _NOT_LETTER_AFTER),
        (*_NAME_FIELDS, "position"),
    ),
    ("S2", re.compile(r"[\[({<]\s*lion\s*[\])}>]", re.IGNORECASE), (*_NAME_FIELDS, "position")),
    (
        "S3",
        re.compile(r"open[\s-]?networker|\btoplinked\b|\btoplink\.com\b|\bmylink\s?500\b", re.IGNORECASE),
        (*_NAME_FIELDS, "position", "company"),
    ),
    (
        "S4",
        re.compile(
            r"\baccepts?\s+all\s+(?:invit|invites|connection|requests)"
            r"|\b(?:no|never|won.?t|will not)\s+IDK\b",
            re.IGNORECASE,
        ),
        (*_NAME_FIELDS, "position"),
    ),
    (
        "S5",
        re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"),
        (*_NAME_FIELDS, "position"),
    ),
)
# Every strong pattern contains one of these once lower-cased. One case-sensitive search of the lower-cased
# field skips the five patterns for almost everyone (case-insensitive regexes are slow in `re`).
_STRONG_PREFILTER = re.compile(r"l\.?i\.?o\.?n|networker|toplink|mylink|accept|idk|@")
_LION_EMOJI = "\U0001f981"
_TAG_SPLIT_RE = re.compile(r":::|[,;|\n]")
_OPEN_NETWORKER_TAGS = frozenset({"lion", "lions", "opennetworker", "linkedinopennetworker"})
_WEAK_HINTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"(?<!\w)(?:\d{1,3}(?:[,.]\d{3})+|\d{1,3}(?:[.,]\d)?\s?[kK]|500)\+"),
        "connection count",
    ),
    (re.compile(_LION_EMOJI), "lion emoji"),
    (re.compile(_NOT_LETTER_BEFORE + "Lion" + _NOT_LETTER_AFTER), "title-case Lion"),
    (re.compile(r"\b(?:toplink|mylink)\b", re.IGNORECASE), "toplink/mylink"),
    (re.compile(r"\bnetworker\b", re.IGNORECASE), "networker"),
)
_LONE_SURNAME = "LION"
_LONE_FIELDS = ("first_name", "last_name")


@dataclass(frozen=True, slots=True)
class OpenNetworkerSignal:
    """Why the detector thinks a contact is an open networker: which rule fired, where, on what text."""

    signal: str
    field: str
    text: str

    @property
    def reason(self) -> str:
        """Explain the signal in words a user understands: `'LION' in the last name`, `the tag 'LION'`."""
        return explain_signal(self.signal, self.field, self.text)


def explain_signal(signal: str, field: str, text: str) -> str:
    """One line saying what the detector saw and where, without rule codes (the ui translates its own)."""
    label = _FIELD_LABELS.get(field, field.replace("_", " "))
    if signal == "T" or field == "tags":
        return f"the tag '{text}'"
    if signal == "S5":
        return f"an e-mail address ({text}) in the {label}"
    return f"'{text}' in the {label}"


_OLD_REASON_RE = re.compile(r'^(?P<label>.+?) contains? "(?P<text>.*)" \((?P<signal>[A-Z0-9]+):')
_NEW_REASON_RE = re.compile(
    r"^(?:the tag '(?P<tag>.*)'|an e-mail address \((?P<email>.*)\) in the (?P<elabel>.+)"
    r"|'(?P<text>.*)' in the (?P<label>.+))$"
)
_LABEL_FIELDS = {label: field for field, label in _FIELD_LABELS.items()} | {"display name": "display_name"}


def parse_reason(reason: str) -> OpenNetworkerSignal | None:
    """Read a stored detector reason back: in today's words, or as older versions wrote it (with a code)."""
    old = _OLD_REASON_RE.match(reason)
    if old is not None:
        return OpenNetworkerSignal(old["signal"], _LABEL_FIELDS.get(old["label"], old["label"]), old["text"])
    new = _NEW_REASON_RE.match(reason)
    if new is None:
        return None
    if new["tag"] is not None:
        return OpenNetworkerSignal("T", "tags", new["tag"])
    if new["email"] is not None:
        return OpenNetworkerSignal("S5", _LABEL_FIELDS.get(new["elabel"], new["elabel"]), new["email"])
    text, field = new["text"], _LABEL_FIELDS.get(new["label"], new["label"])
    signal = next((code for code, pattern, _ in _STRONG_SIGNALS if pattern.fullmatch(text)), "")
    return OpenNetworkerSignal(signal, field, text)


def plain_reason(reason: str) -> str:
    """A stored reason in today's words (reasons stored by older versions named rule codes)."""
    parsed = parse_reason(reason)
    return parsed.reason if parsed is not None else reason


def _detector_text(value: str) -> str:
    """Normalise a field as section 7.3 says: NFKC turns `𝐋𝐈𝐎𝐍` and `＠` into plain characters."""
    text = clean_text(value)
    return text if text.isascii() else unicodedata.normalize("NFKC", text).strip(_EDGE_CHARS)


def _detector_fields(
    first_name: str, last_name: str, display_name: str, position: str, company: str
) -> dict[str, str]:
    """Normalise the fields once; a display name made of the first and last names adds nothing, so drop it.

    Without that, `Camille` + `LION` (a French surname, reviewed, not flagged) would be flagged through
    a display name `Camille LION` that the app or an address book derived from the two fields.
    """
    fields = {
        "first_name": _detector_text(first_name),
        "last_name": _detector_text(last_name),
        "display_name": _detector_text(display_name),
        "position": _detector_text(position),
        "company": _detector_text(company),
    }
    fields["display_name"] = _written_display_name(fields)
    return fields


_WHOLE_EMAIL_RE = re.compile(r"\s*<?\s*(?:mailto:)?[^\s@<>]+@[^\s@<>]+\s*>?\s*", re.IGNORECASE)


def _written_display_name(fields: dict[str, str]) -> str:
    """The display name when the person wrote it; "" when netcrm (or an address book) derived it.

    A name derived from the first and last names adds nothing (without that, `Camille` + `LION`, a French
    surname, reviewed, not flagged, would be flagged through `Camille LION`). A name that is the company or
    nothing but an e-mail address is what netcrm shows for a row without a name: rule S5 must not fire on
    it (issue 16: 106 of 107 suggestions on a real file were such rows).
    """
    display = fields["display_name"]
    if not display:
        return ""
    first, last, company = fields["first_name"], fields["last_name"], fields["company"]
    shown = normalize_name(display)
    if first or last:
        derived = {normalize_name(f"{first} {last}"), normalize_name(f"{last} {first}"), f"{last}, {first}"}
        if shown in derived:
            return ""
    if (company and shown == normalize_name(company)) or _WHOLE_EMAIL_RE.fullmatch(display):
        return ""
    return display


def _may_be_strong(value: str) -> bool:
    """Tell cheaply whether any strong pattern could match the value (non-ASCII: re.I has special cases)."""
    return not value.isascii() or _STRONG_PREFILTER.search(value.lower()) is not None


def _tag_pieces(tags: Iterable[str]) -> list[str]:
    """Split raw tag cells (`LION, coach`, `lion;health`, Google's `LION ::: * myContacts`) into tags."""
    if isinstance(tags, str):  # one cell passed as is: iterating it would give characters
        tags = (tags,)
    pieces = (_detector_text(piece) for tag in tags for piece in _TAG_SPLIT_RE.split(tag))
    return [piece for piece in pieces if piece]


def _tag_is_open_networker(tag: str) -> bool:
    """Compare a tag ignoring case, spaces, emoji and punctuation (`#LION`, `open-networker`, `🦁 Lions`)."""
    compact = "".join(ch for ch in tag if ch.isalnum()).casefold()
    return compact in _OPEN_NETWORKER_TAGS


_PLAIN_MARKERS = ("lion", "network", "toplink", "mylink", "accept", "idk", "@")
_PLAIN_MARKERS_RE = re.compile("|".join(re.escape(marker) for marker in _PLAIN_MARKERS))  # one pass, in C


def _surely_plain(*values: str) -> bool:
    """A cheap first look: ASCII text without any marker word cannot fire a signal (most contacts)."""
    text = "\x1f".join(values)
    if not text.isascii() and not unicodedata.is_normalized("NFKC", text):
        return False  # NFKC may turn styled letters into markers: take the full path
    return _PLAIN_MARKERS_RE.search(text.lower().replace(".", "")) is None


def surely_plain(value: str) -> bool:
    """True when no open-networker signal can fire on this one value.

    Text joined with U+001F is surely plain exactly when each piece is (no marker, and NFKC, spans the
    separator), so a bulk import can remember the answer for each repeated name, company or title.
    """
    return _surely_plain(value)


def detect_open_networker(
    *,
    first_name: str = "",
    last_name: str = "",
    display_name: str = "",
    position: str = "",
    company: str = "",
    tags: Iterable[str] = (),
) -> OpenNetworkerSignal | None:
    """Find the first strong open-networker signal of FORMATS.md 7.3 (S1..S5, then T), or None.

    Fields are tried in the order first name, last name, display name, position, company within each signal.
    A first or last name that is exactly `LION` is a French surname written in capitals: S1 ignores it (see
    `needs_open_networker_review`).
    """
    tags = (tags,) if isinstance(tags, str) else tuple(tags)
    if _surely_plain(first_name, last_name, display_name, position, company, *tags):
        return None
    return _detect_all(first_name, last_name, display_name, position, company, tags)


def _detect_all(
    first_name: str, last_name: str, display_name: str, position: str, company: str, tags: tuple[str, ...]
) -> OpenNetworkerSignal | None:
    """The rule itself, applied to every field."""
    fields = _detector_fields(first_name, last_name, display_name, position, company)
    candidates = {name for name, value in fields.items() if _may_be_strong(value)}
    if candidates:
        for signal, pattern, applies_to in _STRONG_SIGNALS:
            for name in applies_to:
                if name not in candidates:
                    continue
                value = fields[name]
                if signal == "S1" and name in _LONE_FIELDS and value == _LONE_SURNAME:
                    continue
                match = pattern.search(value)
                if match:
                    return OpenNetworkerSignal(signal, name, match.group())
    for tag in _tag_pieces(tags):
        if _tag_is_open_networker(tag):
            return OpenNetworkerSignal("T", "tags", tag)
    return None


def needs_open_networker_review(
    *,
    first_name: str = "",
    last_name: str = "",
    display_name: str = "",
    position: str = "",
    company: str = "",
    tags: Iterable[str] = (),
) -> bool:
    """Tell whether a person should be shown for review: a name that is only `LION` and no strong signal."""
    lone = _LONE_SURNAME in (_detector_text(first_name), _detector_text(last_name))
    return lone and (
        detect_open_networker(
            first_name=first_name,
            last_name=last_name,
            display_name=display_name,
            position=position,
            company=company,
            tags=tags,
        )
        is None
    )


def weak_open_networker_hints(
    *,
    first_name: str = "",
    last_name: str = "",
    display_name: str = "",
    position: str = "",
    company: str = "",
    tags: Iterable[str] = (),
) -> list[str]:
    """List the weak signals (never a flag on their own) so the ui can show why someone might be one.

    They are looked for in the names and the position (companies such as `Lion Capital` or `Toplink GmbH`
    would only add noise), and the 🦁 emoji also in tags. Each hint appears once.
    """
    fields = _detector_fields(first_name, last_name, display_name, position, company)
    hints: list[str] = []
    for name in (*_NAME_FIELDS, "position"):
        for pattern, what in _WEAK_HINTS:
            for match in pattern.finditer(fields[name]):
                label = "display name" if name == "display_name" else _FIELD_LABELS[name]
                hints.append(f'{label} contains "{match.group()}" (weak: {what})')
    if any(_LION_EMOJI in tag for tag in _tag_pieces(tags)):
        hints.append(f'tags contain "{_LION_EMOJI}" (weak: lion emoji)')
    return list(dict.fromkeys(hints))


# ----------------------------------------------------------------------------------------------------
# Repeating follow-ups and keep-in-touch cadences

Unit = Literal["day", "week", "month", "year"]
_UNIT_WORDS: dict[str, Unit] = {
    "d": "day",
    "day": "day",
    "days": "day",
    "w": "week",
    "wk": "week",
    "wks": "week",
    "week": "week",
    "weeks": "week",
    "m": "month",
    "mo": "month",
    "month": "month",
    "months": "month",
    "y": "year",
    "yr": "year",
    "yrs": "year",
    "year": "year",
    "years": "year",
}
_PERIOD_WORDS: dict[str, tuple[int, Unit]] = {
    "daily": (1, "day"),
    "weekly": (1, "week"),
    "fortnightly": (2, "week"),
    "monthly": (1, "month"),
    "quarterly": (3, "month"),
    "yearly": (1, "year"),
    "annually": (1, "year"),
}
_PERIOD_RE = re.compile(r"(every\s+)?([0-9]+)?\s*([a-z]+)", re.ASCII)
_MAX_RECURRENCE = 999
# Cadences are stored in days; a month counts 30 days and a year 365 (a cadence is a rhythm, not a date).
_DAYS_PER_UNIT: dict[Unit, int] = {"day": 1, "week": 7, "month": 30, "year": 365}
_MAX_CADENCE_DAYS = 3650


def _parse_period(text: str, field: str, what: str) -> tuple[int, Unit]:
    """Read `2w`, `2 weeks`, `every 2 weeks`, `every week` or a word like `monthly` into (count, unit)."""
    cleaned = normalize_name(text).casefold()
    if cleaned in _PERIOD_WORDS:
        return _PERIOD_WORDS[cleaned]
    match = _PERIOD_RE.fullmatch(cleaned)
    if match and (match[1] or match[2]) and match[3] in _UNIT_WORDS:
        count = int(match[2]) if match[2] else 1
        if count < 1:
            raise ValidationError(field, f'"{text}" is not a valid {what}: the number must be at least 1.')
        return count, _UNIT_WORDS[match[3]]
    raise ValidationError(
        field,
        f'"{text}" is not a valid {what}: use a number and a unit such as 3d, 2w, 1m or 1y, '
        'or words such as "weekly", "quarterly" or "every 2 weeks".',
    )


@dataclass(frozen=True, slots=True)
class Recurrence:
    """How often a follow-up repeats: every `count` days, weeks, months or years (1 to 999)."""

    count: int
    unit: Unit

    def __post_init__(self) -> None:
        """Refuse impossible values, so every Recurrence can be stored and shown."""
        if self.unit not in _DAYS_PER_UNIT:
            raise ValidationError("recurrence", f'"{self.unit}" is not a unit: use day, week, month or year.')
        if isinstance(self.count, bool) or not 1 <= self.count <= _MAX_RECURRENCE:
            raise ValidationError(
                "recurrence", f"A follow-up repeats every 1 to {_MAX_RECURRENCE} {self.unit}s."
            )

    def __str__(self) -> str:
        """Give the compact form stored in the database and typed in the CLI (`2w`)."""
        return f"{self.count}{self.unit[0]}"

    def describe(self) -> str:
        """Give the form people read (`every 2 weeks`, `every month`)."""
        return f"every {self.unit}" if self.count == 1 else f"every {self.count} {self.unit}s"


def parse_recurrence(text: str) -> Recurrence:
    """Read what a user typed (`2w`, `every 2 weeks`, `monthly`, `quarterly` = 3m) into a Recurrence."""
    count, unit = _parse_period(text, "recurrence", "repeat interval")
    return Recurrence(count, unit)


def _add_months(day: date, months: int) -> date:
    """Move by whole months; a day that does not exist there becomes the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_recurrence(d: date, r: Recurrence) -> date:
    """Step a date by one recurrence: Jan 31 + 1m is Feb 28 (or 29), Feb 29 + 1y is Feb 28.

    The clamp is relative to the given date only, so a monthly series started on the 31st drifts to the
    28th after February: callers that chain steps get Jan 31, Feb 28, Mar 28, ...
    """
    try:
        if r.unit == "day":
            return d + timedelta(days=r.count)
        if r.unit == "week":
            return d + timedelta(weeks=r.count)
        return _add_months(d, r.count * (12 if r.unit == "year" else 1))
    except (OverflowError, ValueError) as exc:
        raise ValidationError(
            "recurrence", f"Repeating {r.describe()} from {d} goes past the year 9999."
        ) from exc


def next_occurrence(due: date, r: Recurrence, today: date) -> date:
    """The follow-up that replaces one done: the series' first date after both `due` and `today`.

    The series keeps its rhythm (a weekly Monday call stays on Mondays), and finishing one late does not
    leave the next one already overdue: missed occurrences are skipped. Steps are counted from the original
    `due`, so a monthly series on the 31st comes back to the 31st after short months.
    """
    steps = 1
    if today > due and r.unit in ("day", "week"):
        period = r.count * (7 if r.unit == "week" else 1)
        steps = max(1, (today - due).days // period + 1)
    while True:
        try:
            if r.unit == "day":
                nxt = due + timedelta(days=r.count * steps)
            elif r.unit == "week":
                nxt = due + timedelta(weeks=r.count * steps)
            else:
                nxt = _add_months(due, r.count * steps * (12 if r.unit == "year" else 1))
        except (OverflowError, ValueError) as exc:
            raise ValidationError(
                "recurrence", f"Repeating {r.describe()} from {due} goes past the year 9999."
            ) from exc
        if nxt > today:
            return nxt
        steps += 1


def parse_cadence(text: str) -> int:
    """Read a keep-in-touch cadence (`90`, `90d`, `12w`, `3m` = 90, `1y` = 365, `quarterly`) into days."""
    cleaned = normalize_name(text)
    if cleaned.isascii() and cleaned.isdigit():
        days = int(cleaned)
    else:
        count, unit = _parse_period(text, "cadence", "keep-in-touch cadence")
        days = count * _DAYS_PER_UNIT[unit]
    if not 1 <= days <= _MAX_CADENCE_DAYS:
        raise ValidationError(
            "cadence", f'"{text}" is not a valid keep-in-touch cadence: use 1 to {_MAX_CADENCE_DAYS} days.'
        )
    return days
