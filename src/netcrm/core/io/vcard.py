"""vCard 2.1, 3.0 and 4.0 as Google, Apple, Outlook, Android, Nextcloud and Thunderbird write them.

Parsed at the byte level because vCard 2.1 declares a charset per property (FORMATS.md 4): lines are unfolded
(CRLF, LF or CR, even Apple's CR CR LF, + space/tab), quoted-printable soft breaks are joined *before* the
bytes are decoded with the property's ``CHARSET`` (default UTF-8, else Windows-1252, reported in
``encoding``), ``itemN.`` groups are dropped, names and parameters are case-insensitive, and
``\\, \\; \\: \\n \\\\`` are unescaped.
Photos, keys and sounds are skipped without being held in memory. A card without ``END:VCARD`` or with a value
over the cell limit is skipped with a RowIssue naming its BEGIN line, and so are contact groups
(``KIND:group``); a value whose bytes fit no charset is left out with a warning (never decoded to U+FFFD).
Rows are the line numbers of ``BEGIN:VCARD``.
"""

from __future__ import annotations

import binascii
import re
from dataclasses import dataclass, field

from netcrm.core.errors import FileRefusedError
from netcrm.core.io.contact import NO_IDENTITY, linkedin_or_none, make_contact, user_tags, valid_emails
from netcrm.core.io.encoding import decode, utf16_without_bom
from netcrm.core.io.limits import MAX_CELL_CHARS, cut_message, extends
from netcrm.core.io.text import clean, join_name
from netcrm.core.model import ParsedContact, ParseResult, RowIssue

FORMAT = "vcard"
_LINE_BREAK = re.compile(rb"\r*\n|\r")
_WANTED = frozenset(
    b"BEGIN END FN N EMAIL TEL ORG TITLE NOTE CATEGORIES URL ADR KIND X-SOCIALPROFILE AGENT VERSION".split(
        b" "
    )
)
#: QP-encoded values are at most three bytes per character.
_MAX_VALUE_BYTES = MAX_CELL_CHARS * 8  # up to 4 UTF-8 bytes a character, each maybe escaped
_MAX_NESTING = 50
_UNICODE_COMPATIBLE = frozenset(("", "utf-8", "utf8", "us-ascii", "ascii"))
_UNESCAPES = {"n": "\n", "N": "\n", ",": ",", ";": ";", ":": ":", "\\": "\\", '"': '"'}


def looks_like_vcard(text_start: str) -> bool:
    """True if the (decoded) start of a file opens a vCard."""
    return text_start.lstrip("\ufeff \t\r\n").upper().startswith("BEGIN:VCARD")


@dataclass
class _Property:
    line: int
    name: bytes
    params: dict[str, list[str]]
    raw: list[bytes]
    keep: bool = True
    too_long: bool = False
    open_qp: bool = False
    size: int = 0  # bytes of a value that grew past _MAX_VALUE_BYTES (only its start is kept)

    @property
    def value(self) -> bytes:
        return b"".join(self.raw)


@dataclass
class _Card:
    line: int
    props: list[_Property] = field(default_factory=list)
    problem: RowIssue | None = None


class _Reader:
    def __init__(self, data: bytes, path: str) -> None:
        self.path = path
        self.encoding = "utf-8"
        self.legacy_used = False
        self.charsets: list[str] = []  # non-UTF-8 CHARSET parameters, in order of appearance
        self.skipped: list[RowIssue] = []
        self.warnings: list[RowIssue] = []
        if data.startswith((b"\xff\xfe", b"\xfe\xff")) or utf16_without_bom(data):
            text, self.encoding = decode(data, path)
            data = text.encode("utf-8")
        elif data.startswith(b"\xef\xbb\xbf"):
            data, self.encoding = data[3:], "utf-8-sig"
        self.data = data

    def cards(self) -> list[_Card]:
        cards: list[_Card] = []
        card: _Card | None = None
        depth = 0
        agent_pending = False
        for prop in self._properties():
            name, value = prop.name, prop.value.strip().upper()
            opens = (name == b"BEGIN" and value == b"VCARD") or (
                name == b"AGENT" and value.startswith(b"BEGIN:VCARD")
            )
            if opens and card is not None and name == b"BEGIN" and depth == 1 and not agent_pending:
                self.skipped.append(RowIssue(card.line, "card has no END:VCARD"))
                card, depth = None, 0
            agent_pending = name == b"AGENT" and not value
            if opens:
                depth += 1
                if card is None:
                    card = _Card(prop.line)
                elif depth > _MAX_NESTING and card.problem is None:
                    card.problem = RowIssue(card.line, f"cards nested more than {_MAX_NESTING} deep")
                continue
            if name == b"END" and value == b"VCARD":
                depth -= 1
                if depth <= 0 and card is not None:
                    cards.append(card)
                    card, depth = None, 0
                continue
            if card is not None and depth == 1 and prop.keep:
                card.props.append(prop)
        if card is not None:
            self.skipped.append(RowIssue(card.line, "card has no END:VCARD (the file ends inside it)"))
        return cards

    def _properties(self) -> list[_Property]:
        props: list[_Property] = []
        current: _Property | None = None
        head: tuple[int, bytes] | None = None  # a line whose colon comes after a fold ("EN" + " D:VCARD")
        for number, raw in enumerate(_LINE_BREAK.split(self.data), start=1):
            if not raw:
                if current is not None:
                    current.open_qp = False
                continue
            folded = raw[:1] in (b" ", b"\t")
            if head is not None and folded and len(head[1]) < 4096:
                head = (head[0], head[1] + raw[1:])
                current = _start(*head)
                if current is not None:
                    props.append(current)
                    head = None
                continue
            if current is not None and (folded or _qp_continues(current)):
                self._append(current, raw[1:] if folded else raw)
                continue
            current = _start(number, raw)
            head = (number, raw) if current is None else None
            if current is not None:
                props.append(current)
        return props

    @staticmethod
    def _append(prop: _Property, piece: bytes) -> None:
        if _qp_continues(prop) and prop.raw:
            prop.raw[-1] = prop.raw[-1][:-1]  # the "=" of a quoted-printable soft line break
        prop.open_qp = piece.endswith(b"=")
        if prop.too_long:
            prop.size += len(piece)
        elif prop.keep:
            prop.raw.append(piece)
            if sum(map(len, prop.raw)) > _MAX_VALUE_BYTES:
                # Keep the start (memory stays bounded), less a character or escape the cut may have split.
                start = b"".join(prop.raw)
                prop.too_long, prop.size = True, len(start)
                prop.raw = [_whole_bytes(start[:_MAX_VALUE_BYTES])]

    def text(self, prop: _Property) -> str:
        """The decoded, unescaped value; ValueError if its bytes do not fit its charset."""
        value = prop.value
        encoding = prop.params.get("ENCODING", [""])[0]
        if encoding == "QUOTED-PRINTABLE":
            value = binascii.a2b_qp(value)
        elif encoding in ("B", "BASE64"):
            return ""
        charset = prop.params.get("CHARSET", [""])[0]
        if charset.lower() not in _UNICODE_COMPATIBLE and charset.lower() not in self.charsets:
            self.charsets.append(charset.lower())
        if charset:
            try:
                return value.decode(charset)
            except LookupError:
                pass
            except UnicodeDecodeError:
                raise ValueError(f"not valid {charset} text") from None
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            pass
        try:
            text = value.decode("cp1252")
        except UnicodeDecodeError:
            raise ValueError("neither UTF-8 nor Windows-1252 text") from None
        self.legacy_used = True
        return text


def _start(number: int, raw: bytes) -> _Property | None:
    head, value = _split_colon(raw)
    if value is None:
        return None
    parts = _split_unquoted(head, b";")
    name = parts[0].rsplit(b".", 1)[-1].strip().upper()
    keep = name in _WANTED
    return _Property(
        number, name, _params(parts[1:]), [value] if keep else [], keep, open_qp=value.endswith(b"=")
    )


def _whole_bytes(data: bytes) -> bytes:
    """The start of a value cut anywhere, less what the cut may have split: a UTF-8 sequence, a
    quoted-printable `=XX` or a backslash escape."""
    data = data.rstrip(bytes(range(0x80, 0x100)))
    if data[-2:-1] == b"=":
        data = data[:-2]
    elif data[-1:] == b"=":
        data = data[:-1]
    return data[:-1] if data.endswith(b"\\") else data


def _cut_escaped(text: str) -> str:
    """An escaped value cut where its unescaped text reaches MAX_CELL_CHARS, never inside an escape or
    before a combining mark or joiner (split_escaped and unescape still read it as before)."""
    end = kept = 0
    while end < len(text) and kept < MAX_CELL_CHARS:
        end += 2 if text[end] == "\\" else 1
        kept += 1
    while 0 < end < len(text) and (extends(text[end]) or text[end - 1] == "\u200d"):
        end -= 1
    return text[:end]


def _qp_continues(prop: _Property) -> bool:
    return prop.open_qp and "QUOTED-PRINTABLE" in prop.params.get("ENCODING", ())


def _split_colon(raw: bytes) -> tuple[bytes, bytes | None]:
    quoted = False
    for index, byte in enumerate(raw):
        if byte == 0x22:
            quoted = not quoted
        elif byte == 0x3A and not quoted:
            return raw[:index], raw[index + 1 :]
    return raw, None


def _split_unquoted(raw: bytes, separator: bytes) -> list[bytes]:
    parts, start, quoted = [], 0, False
    for index, byte in enumerate(raw):
        if byte == 0x22:
            quoted = not quoted
        elif raw[index : index + 1] == separator and not quoted:
            parts.append(raw[start:index])
            start = index + 1
    parts.append(raw[start:])
    return parts


def _params(parts: list[bytes]) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for part in parts:
        text = part.decode("latin-1").strip()
        if "=" in text:
            key, _, values = text.partition("=")
            key = key.strip().upper()
            items = [v.strip().strip('"') for v in values.split(",")]
            if key in ("ENCODING", "TYPE"):
                items = [item.upper() for item in items]
            params.setdefault(key, []).extend(items)
        elif text.upper() in ("QUOTED-PRINTABLE", "BASE64", "8BIT", "B"):
            params.setdefault("ENCODING", []).append(text.upper())
        elif text:
            params.setdefault("TYPE", []).append(text.upper())
    return params


def split_escaped(value: str, separator: str) -> list[str]:
    """Split on `separator` unless backslash-escaped, then unescape each part."""
    parts, current, index = [], [], 0
    while index < len(value):
        char = value[index]
        if char == "\\" and index + 1 < len(value):
            nxt = value[index + 1]
            current.append(_UNESCAPES.get(nxt, "\\" + nxt))
            index += 2
            continue
        if char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    parts.append("".join(current))
    return parts


def unescape(value: str) -> str:
    """A text value with its backslash escapes resolved."""
    return split_escaped(value, "\x00")[0] if "\\" in value else value


def read(data: bytes, path: str) -> ParseResult:
    """Parse a .vcf file's bytes."""
    reader = _Reader(data, path)
    cards = reader.cards()
    if not cards and not reader.skipped:
        raise FileRefusedError(path, "no vCard (BEGIN:VCARD … END:VCARD) in the file")
    contacts: list[ParsedContact] = []
    for card in cards:
        if card.problem is not None:
            reader.skipped.append(card.problem)
            continue
        try:
            contact = _contact(card, reader)
        except _CardSkipped as skip:
            reader.skipped.append(skip.issue)
            continue
        if contact is None:
            reader.skipped.append(RowIssue(card.line, NO_IDENTITY))
        else:
            contacts.append(contact)
    encoding = reader.encoding
    if reader.encoding == "utf-8" and (reader.charsets or reader.legacy_used):
        encoding = reader.charsets[0] if reader.charsets else "cp1252"
    return ParseResult(
        path=path,
        format=FORMAT,
        encoding=encoding,
        rows=tuple(contacts),
        skipped=tuple(sorted(reader.skipped, key=lambda issue: issue.row)),
        warnings=tuple(reader.warnings),
    )


class _CardSkipped(Exception):
    def __init__(self, issue: RowIssue) -> None:
        super().__init__(issue.reason)
        self.issue = issue


def _contact(card: _Card, reader: _Reader) -> ParsedContact | None:
    values: dict[bytes, list[tuple[_Property, str]]] = {}
    for prop in card.props:
        if prop.name in (b"BEGIN", b"END", b"VERSION", b"AGENT"):
            continue
        column = prop.name.decode("ascii", "replace")
        try:
            text = reader.text(prop)
        except ValueError as exc:
            reader.warnings.append(RowIssue(card.line, f"{exc} on line {prop.line}, left out", column))
            continue
        if prop.too_long or (len(text) > MAX_CELL_CHARS and len(unescape(text)) > MAX_CELL_CHARS):
            # The limit is the value's: cut it (never an escape in two), keep the card.
            message = cut_message(prop.size, "bytes") if prop.too_long else cut_message(len(unescape(text)))
            reader.warnings.append(RowIssue(card.line, message, column))
            text = _cut_escaped(text)
        values.setdefault(prop.name, []).append((prop, text))

    def first(name: bytes) -> str:
        found = values.get(name)
        return clean(unescape(found[0][1])) if found else ""

    if first(b"KIND").lower() == "group":
        raise _CardSkipped(RowIssue(card.line, "a contact group, not a person"))
    n_parts = [clean(part) for part in split_escaped(values[b"N"][0][1], ";")] if b"N" in values else []
    n_parts += [""] * (5 - len(n_parts))
    family, given = n_parts[0], n_parts[1]
    org = values.get(b"ORG")
    urls = [clean(unescape(text)) for _, text in values.get(b"URL", []) + values.get(b"X-SOCIALPROFILE", [])]
    emails = [clean(unescape(text)) for _, text in values.get(b"EMAIL", [])]
    return make_contact(
        card.line,
        first_name=given,
        last_name=family,
        display_name=first(b"FN") or join_name(given, family),
        emails=valid_emails(emails, card.line, "EMAIL", reader.warnings),
        phones=[_phone(text) for _, text in values.get(b"TEL", [])],
        company=clean(split_escaped(org[0][1], ";")[0]) if org else "",
        position=first(b"TITLE"),
        location=_location(values.get(b"ADR", [])),
        linkedin_url=linkedin_or_none(urls),
        notes="\n".join(clean(unescape(text)) for _, text in values.get(b"NOTE", []) if text.strip()),
        tags=user_tags(
            clean(tag)
            for _, text in values.get(b"CATEGORIES", [])
            for tag in split_escaped(text, ",")
            if tag.strip()
        ),
    )


def _phone(text: str) -> str:
    value = clean(unescape(text))
    if value[:4].lower() == "tel:":
        value = value[4:]
    number, _, ext = value.partition(";ext=")
    return f"{number} ext. {ext}" if ext else number


def _location(addresses: list[tuple[_Property, str]]) -> str:
    if not addresses:
        return ""
    preferred = [a for a in addresses if "PREF" in a[0].params.get("TYPE", ()) or "PREF" in a[0].params]
    _, text = (preferred or addresses)[0]
    parts = [clean(part) for part in split_escaped(text, ";")] + [""] * 7
    return ", ".join(part for part in (parts[3], parts[4], parts[6]) if part)
