"""Tests for the pure rules: cleaning, keys, LinkedIn slugs, open-networker detection, schedules."""

from __future__ import annotations

import dataclasses
import unicodedata
from datetime import date, timedelta
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netcrm.core import rules
from netcrm.core.errors import ValidationError
from netcrm.core.rules import (
    OpenNetworkerSignal,
    Recurrence,
    add_recurrence,
    clean_text,
    detect_open_networker,
    display_name,
    email_key,
    fold,
    is_valid_email,
    linkedin_slug,
    linkedin_url_for,
    needs_open_networker_review,
    next_occurrence,
    normalize_email,
    normalize_name,
    normalize_phone,
    parse_cadence,
    parse_recurrence,
    phone_key,
    search_key,
    weak_open_networker_hints,
)

# More examples than the default (the rules are cheap); no deadline, so a slow CI machine cannot fail a test.
PROPERTY = settings(max_examples=300, deadline=None)
CONTROL_CHARS = {chr(cp) for cp in [*range(0x20), 0x7F]} - {"\t", "\n"}


# ----------------------------------------------------------------------------------------------------
# clean_text, normalize_name, display_name


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("", ""),
        ("   ", ""),
        ("  Jane  ", "Jane"),
        ("\u00a0Jane\u00a0", "Jane"),
        ("\u200bJane\u200b", "Jane"),
        ("\ufeffJane", "Jane"),
        ("\u2060\u200d Jane \u200c", "Jane"),
        ("\u3000Jane\u2003", "Jane"),
        ("Ja\x00ne", "Jane"),
        ("Ja\x07n\x1be\x7f", "Jane"),
        ("\x00 Jane \x00", "Jane"),
        ("line 1\nline 2", "line 1\nline 2"),
        ("col 1\tcol 2", "col 1\tcol 2"),
        ("line 1\r\nline 2\rline 3", "line 1\nline 2\nline 3"),
        ("Jane  Doe", "Jane  Doe"),
        ("Jose\u0301", "José"),
        ("王芳", "王芳"),
        ("\nnote\n\n", "note"),
    ],
)
def test_clean_text(raw: str | None, expected: str) -> None:
    assert clean_text(raw) == expected


def test_clean_text_composes_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Zoë Łukasz Ångström")
    assert clean_text(decomposed) == unicodedata.normalize("NFC", decomposed)


def test_clean_text_keeps_inner_zero_width_joiner() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert clean_text(f" {family} ") == family


@PROPERTY
@given(st.text())
def test_clean_text_is_idempotent_nfc_and_free_of_controls(text: str) -> None:
    cleaned = clean_text(text)
    assert clean_text(cleaned) == cleaned
    assert unicodedata.is_normalized("NFC", cleaned)
    assert not CONTROL_CHARS & set(cleaned)
    assert cleaned == cleaned.strip()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("  Jane   Doe ", "Jane Doe"),
        ("Jane\t\tDoe", "Jane Doe"),
        ("Jane\nDoe", "Jane Doe"),
        ("Jane\u00a0\u00a0Doe", "Jane Doe"),
        ("van  der\u2003Berg", "van der Berg"),
        ("McDONALD", "McDONALD"),
        ("DELACROIX [LION]", "DELACROIX [LION]"),
        ("Jose\u0301 María", "José María"),
    ],
)
def test_normalize_name(raw: str | None, expected: str) -> None:
    assert normalize_name(raw) == expected


@PROPERTY
@given(st.text())
def test_normalize_name_is_idempotent_and_single_spaced(text: str) -> None:
    name = normalize_name(text)
    assert normalize_name(name) == name
    assert "  " not in name
    assert "\n" not in name


@pytest.mark.parametrize(
    ("first", "last", "fallback", "expected"),
    [
        ("Jane", "Doe", "", "Jane Doe"),
        (" Jane ", "  Doe ", "", "Jane Doe"),
        ("Jane", "", "", "Jane"),
        ("", "Doe", "", "Doe"),
        ("", "", "jane@example.com", "jane@example.com"),
        ("  ", "\u00a0", " jane@example.com ", "jane@example.com"),
        ("", "", "", ""),
        ("Jane", "Doe", "jane@example.com", "Jane Doe"),
        ("Mary  Ann", "van der  Berg", "", "Mary Ann van der Berg"),
    ],
)
def test_display_name(first: str, last: str, fallback: str, expected: str) -> None:
    assert display_name(first, last, fallback) == expected


def test_display_name_fallback_defaults_to_empty() -> None:
    assert display_name("", "") == ""


# ----------------------------------------------------------------------------------------------------
# E-mail


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("jane@example.com", "jane@example.com"),
        ("  Jane.Doe@Example.COM  ", "Jane.Doe@Example.COM"),
        ("mailto:jane@example.com", "jane@example.com"),
        ("MAILTO:Jane@Example.com", "Jane@Example.com"),
        ("mailto:jane@example.com?subject=Hello", "jane@example.com"),
        ("first.last+tag@sub.example.co.uk", "first.last+tag@sub.example.co.uk"),
        ("o'brien@example.ie", "o'brien@example.ie"),
        ("user_name-1@my-domain.org", "user_name-1@my-domain.org"),
        ("josé@bücher.de", "josé@bücher.de"),
        ("ivan@пример.рф", "ivan@пример.рф"),
        ("user@xn--bcher-kva.ch", "user@xn--bcher-kva.ch"),
        ("user@example.xn--p1ai", "user@example.xn--p1ai"),
        ("a@b.io", "a@b.io"),
        ("\u00a0jane@example.com\u200b", "jane@example.com"),
        ("x" * 64 + "@example.com", "x" * 64 + "@example.com"),
    ],
)
def test_normalize_email_accepts(raw: str, expected: str) -> None:
    assert normalize_email(raw) == expected
    assert is_valid_email(raw)


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("jane", '"@"'),
        ("jane.example.com", '"@"'),
        ("jane@@example.com", '"@"'),
        ("jane@doe@example.com", '"@"'),
        ("@example.com", "nothing before"),
        ("jane@", "nothing after"),
        ("jane doe@example.com", "space"),
        ("jane@exa mple.com", "space"),
        ("jane@localhost", "no dot"),
        ("jane@example", "no dot"),
        ("jane@example.c", "top-level"),
        ("jane@example.123", "top-level"),
        ("jane@example..com", "misplaced dot"),
        ("jane@.example.com", "misplaced dot"),
        ("jane@example.com.", "misplaced dot"),
        (".jane@example.com", "misplaced dot"),
        ("jane.@example.com", "misplaced dot"),
        ("ja..ne@example.com", "misplaced dot"),
        ("jane@-example.com", "hyphen"),
        ("jane@example-.com", "hyphen"),
        ("jane@exa_mple.com", "not a valid domain"),
        ("jane@" + "a" * 64 + ".com", "not a valid domain"),
        ("jane(at)@example.com", '"("'),
        ("jane,doe@example.com", '","'),
        ('"jane"@example.com', '"'),
        ("x" * 65 + "@example.com", "64"),
        ("x@" + ".".join(["a" * 60] * 5) + ".com", "254"),
        ("Jane Doe <jane@example.com>", "space"),
    ],
)
def test_normalize_email_rejects_with_a_clear_message(raw: str, why: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalize_email(raw)
    assert caught.value.field == "email"
    assert "is not a valid e-mail address" in caught.value.message
    assert why in caught.value.message
    assert not is_valid_email(raw)


def test_normalize_email_message_quotes_the_value() -> None:
    with pytest.raises(ValidationError, match=r'^"jane@example" is not a valid e-mail address: '):
        normalize_email(" jane@example ")


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Jane.Doe@Example.COM", "jane.doe@example.com"),
        ("mailto:JANE@EXAMPLE.COM", "jane@example.com"),
        ("  jane@example.com ", "jane@example.com"),
        ("Strauß@Example.de", "strauss@example.de"),
        ("not an address", "not an address"),
        ("", ""),
    ],
)
def test_email_key(raw: str, key: str) -> None:
    assert email_key(raw) == key


def test_email_key_matches_case_variants() -> None:
    assert (
        email_key("JANE@Example.com") == email_key("jane@EXAMPLE.COM") == email_key("mailto:jane@example.com")
    )


@PROPERTY
@given(st.text())
def test_email_key_is_idempotent_and_never_raises(text: str) -> None:
    key = email_key(text)
    assert email_key(key) == key
    assert is_valid_email(text) in (True, False)


@PROPERTY
@given(
    st.from_regex(r"[a-z0-9][a-z0-9._+-]{0,20}@[a-z0-9]{1,10}(\.[a-z0-9]{1,10})?\.[a-z]{2,6}", fullmatch=True)
)
def test_plain_addresses_are_accepted_or_refused_consistently(address: str) -> None:
    if is_valid_email(address):
        assert normalize_email(address) == address
    else:
        with pytest.raises(ValidationError):
            normalize_email(address)


# ----------------------------------------------------------------------------------------------------
# LinkedIn


@pytest.mark.parametrize(
    ("url", "slug"),
    [
        ("https://www.linkedin.com/in/jane-doe-12345abc", "jane-doe-12345abc"),
        ("http://www.linkedin.com/in/jane-doe", "jane-doe"),
        ("https://linkedin.com/in/jane-doe", "jane-doe"),
        ("www.linkedin.com/in/jane-doe", "jane-doe"),
        ("linkedin.com/in/jane-doe", "jane-doe"),
        ("//www.linkedin.com/in/jane-doe", "jane-doe"),
        ("https://uk.linkedin.com/in/jane-doe", "jane-doe"),
        ("https://de.linkedin.com/in/jane-doe/", "jane-doe"),
        ("de.linkedin.com/in/jane-doe", "jane-doe"),
        ("https://m.linkedin.com/in/jane-doe", "jane-doe"),
        ("HTTPS://WWW.LINKEDIN.COM/IN/Jane-Doe", "jane-doe"),
        ("https://www.linkedin.com/in/Jane-Doe/", "jane-doe"),
        ("https://www.linkedin.com/in/jane-doe?trk=public_profile", "jane-doe"),
        ("https://www.linkedin.com/in/jane-doe/?originalSubdomain=uk", "jane-doe"),
        ("https://www.linkedin.com/in/jane-doe#experience", "jane-doe"),
        ("https://www.linkedin.com/in/jane-doe/details/experience/", "jane-doe"),
        ("https://www.linkedin.com/in/jane-doe/en", "jane-doe"),
        ("https://www.linkedin.com//in//jane-doe//", "jane-doe"),
        ("https://www.linkedin.com:443/in/jane-doe", "jane-doe"),
        ("https://www.linkedin.com./in/jane-doe", "jane-doe"),
        ("  https://www.linkedin.com/in/jane-doe  ", "jane-doe"),
        ("https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller", "jörg-müller"),
        ("https://www.linkedin.com/in/J%C3%96RG", "jörg"),
        ("https://www.linkedin.com/in/jo%CC%88rg", "jörg"),  # decomposed ö, composed by NFC
        ("https://www.linkedin.com/in/jörg-müller", "jörg-müller"),
        ("https://www.linkedin.com/in/%E7%8E%8B%E8%8A%B3", "王芳"),
        ("https://www.linkedin.com/in/%E2%80%8Bjane%E2%80%8B", "jane"),
        ("https://www.linkedin.com/in/stra%C3%9Fe", "strasse"),
        ("https://www.linkedin.com/in/jane%ZZdoe", "jane%zzdoe"),
        ("https://www.linkedin.com/in/caf%E9", "caf%e9"),  # Latin-1 escape: kept, never U+FFFD
        # Pre-2016 public profile URLs, as LinkedIn redirects them (reversed, zero-padded groups).
        (
            "https://sy.linkedin.com/pub/krzysztof-marzec/a7/576/b50?trk=biz_employee_pub",
            "krzysztof-marzec-b50576a7",
        ),
        ("http://www.linkedin.com/pub/john-fries/4b/698/a65", "john-fries-a656984b"),
        ("http://www.linkedin.com/pub/matt-duleone/10/a65/123", "matt-duleone-123a6510"),
        ("uk.linkedin.com/pub/dominik-symonowicz/5a/706/981/", "dominik-symonowicz-9817065a"),
        ("https://www.linkedin.com/pub/jane-doe/1/2b/3", "jane-doe-00302b1"),
        ("https://www.linkedin.com/pub/Jane-Doe/4B/698/A65", "jane-doe-a656984b"),
    ],
)
def test_linkedin_slug(url: str, slug: str) -> None:
    assert linkedin_slug(url) == slug


@pytest.mark.parametrize(
    "url",
    [
        "",
        "   ",
        "jane-doe",
        "in/jane-doe",
        "/in/jane-doe",
        "https://www.linkedin.com",
        "https://www.linkedin.com/",
        "https://www.linkedin.com/in/",
        "https://www.linkedin.com/in/?x=1",
        "https://www.linkedin.com/in/%20",
        "https://www.linkedin.com/company/globex",
        "https://www.linkedin.com/school/mit/",
        "https://www.linkedin.com/feed/",
        "https://www.linkedin.com/profile/view?id=12345",
        "https://www.linkedin.com/pub/dir/humera/farooq",
        "https://www.linkedin.com/pub/jane-doe",
        "https://www.linkedin.com/pub/jane-doe/zz/698/a65",
        "https://lnkd.in/abc123",
        "https://www.notlinkedin.com/in/jane-doe",
        "https://linkedin.com.evil.example/in/jane-doe",
        "https://www.example.com/in/jane-doe",
        "https://www.example.com/?u=linkedin.com/in/jane-doe",
        "ftp://www.linkedin.com/in/jane-doe",
        "javascript:alert(1)",
        "mailto:jane@example.com",
    ],
)
def test_linkedin_slug_refuses_what_is_not_a_profile(url: str) -> None:
    assert linkedin_slug(url) is None


@pytest.mark.parametrize(
    ("slug", "url"),
    [
        ("jane-doe", "https://www.linkedin.com/in/jane-doe"),
        ("Jane-Doe", "https://www.linkedin.com/in/jane-doe"),
        ("jörg-müller", "https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller"),
        ("王芳", "https://www.linkedin.com/in/%E7%8E%8B%E8%8A%B3"),
        ("a/b?c#d e", "https://www.linkedin.com/in/a%2Fb%3Fc%23d%20e"),
        ("jane_doe.1~x", "https://www.linkedin.com/in/jane_doe.1~x"),
    ],
)
def test_linkedin_url_for(slug: str, url: str) -> None:
    assert linkedin_url_for(slug) == url


@pytest.mark.parametrize("slug", ["", "  ", "\u200b"])
def test_linkedin_url_for_refuses_an_empty_slug(slug: str) -> None:
    with pytest.raises(ValidationError) as caught:
        linkedin_url_for(slug)
    assert caught.value.field == "linkedin_url"


def test_old_and_new_profile_urls_share_a_slug() -> None:
    old = "https://sy.linkedin.com/pub/krzysztof-marzec/a7/576/b50?trk=biz_employee_pub"
    new = "https://www.linkedin.com/in/krzysztof-marzec-b50576a7"
    assert linkedin_slug(old) == linkedin_slug(new)


@PROPERTY
@given(st.text(min_size=1, max_size=40))
def test_linkedin_slug_round_trips_through_the_canonical_url(text: str) -> None:
    slug = linkedin_slug("https://www.linkedin.com/in/" + quote(text, safe=""))
    if slug is None:
        assert not clean_text(text)
        return
    url = linkedin_url_for(slug)
    assert url.startswith("https://www.linkedin.com/in/")
    assert url.isascii()
    assert linkedin_slug(url) == slug
    assert linkedin_url_for(slug) == url


@PROPERTY
@given(st.text(max_size=80))
def test_linkedin_slug_never_raises(text: str) -> None:
    for candidate in (text, "linkedin.com/" + text, "https://www.linkedin.com/in/" + text):
        slug = linkedin_slug(candidate)
        assert slug is None or (slug and slug == slug.strip())


# ----------------------------------------------------------------------------------------------------
# fold and search_key


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("", ""),
        ("Jane DOE", "jane doe"),
        ("Łukasz", "lukasz"),
        ("łukasz Żółć", "lukasz zolc"),
        ("José María Pérez", "jose maria perez"),
        ("Jose\u0301", "jose"),
        ("François Müller", "francois muller"),
        ("Straße", "strasse"),
        ("STRASSE", "strasse"),
        ("ẞ", "ss"),
        ("Søren Ødegård", "soren odegard"),
        ("Đorđević", "dordevic"),
        ("Æsa Ærø", "aesa aero"),
        ("Œuvre cœur", "oeuvre coeur"),
        ("Yıldız", "yildiz"),
        ("İstanbul", "istanbul"),
        ("Þórr Guðmundsson", "thorr gudmundsson"),
        ("Ħamrun", "hamrun"),
        ("Dvořák", "dvorak"),
        ("Nguyễn Thị Minh Khai", "nguyen thi minh khai"),
        ("王芳", "王芳"),
        ("Ёлкина", "елкина"),
        ("Йошкар", "иошкар"),
        ("Мария", "мария"),
        ("محمد", "محمد"),
        ("مُحَمَّد", "مُحَمَّد"),  # Arabic vowel marks are not Latin diacritics: kept
        ("שָׁלוֹם", "שָׁלוֹם"),
        ("नमस्ते", "नमस्ते"),
        ("が", "が"),  # Japanese dakuten kept (NFKD splits it, NFC joins it again)
        ("ｶﾞ", "ガ"),  # half-width katakana widened
        ("김민준", "김민준"),
        ("𝐋𝐈𝐎𝐍", "lion"),
        ("ＬＩＯＮ", "lion"),
        ("ﬁnance", "finance"),
        ("Ǆemal", "dzemal"),
        ("Ⅻ", "xii"),
        ("café\u00a0bar", "cafe bar"),
        ("Ελένη", "ελενη"),
        ("ΣΟΦΙΑ", "σοφια"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@PROPERTY
@given(st.text())
def test_fold_is_idempotent_and_nfc(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert unicodedata.is_normalized("NFC", folded)


@PROPERTY
@given(st.text(alphabet=st.characters(max_codepoint=0x7F)))
def test_fold_of_ascii_is_lower(text: str) -> None:
    assert fold(text) == text.lower() == text.casefold()


@PROPERTY
@given(st.text(alphabet=st.characters(codec="latin-1") | st.sampled_from("ąćęłńóśźżĄĆĘŁŃÓŚŹŻčřšžČŘŠŽ")))
def test_fold_ignores_case_and_accents_of_latin_text(text: str) -> None:
    assert fold(text.upper()) == fold(text.lower()) or "ß" in text or "ÿ" in text or "µ" in text
    assert fold(unicodedata.normalize("NFD", text)) == fold(text)


def test_fold_lets_a_plain_query_find_accented_names() -> None:
    haystack = fold("Łukasz Żółć, Société Générale, Kraków")
    for query in ("lukasz", "ZOLC", "societe generale", "krakow", "Kraków"):
        assert fold(query) in haystack


@pytest.mark.parametrize(
    ("parts", "key"),
    [
        ([], ""),
        (["Jane", "Doe"], "jane\x1fdoe"),
        (["Łukasz", "", "Żółć", "  "], "lukasz\x1fzolc"),
        (("Globex", "Senior Engineer"), "globex\x1fsenior engineer"),
    ],
)
def test_search_key(parts: list[str], key: str) -> None:
    assert search_key(parts) == key


def test_search_key_accepts_a_generator() -> None:
    assert search_key(part for part in ("A", "B")) == "a\x1fb"


def test_search_key_keeps_fields_apart() -> None:
    key = search_key(["Jane", "Doe"])
    assert "jane" in key and "doe" in key
    assert "jane doe" not in key
    assert "janedoe" not in key


# ----------------------------------------------------------------------------------------------------
# Phones


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", ""),
        ("  +49 151 1234 5678 ", "+49 151 1234 5678"),
        ("(555) 123-4567", "(555) 123-4567"),
        ("4915112345678.0", "4915112345678"),
        ("+4915112345678.0", "+4915112345678"),
        ("4915112345678.00", "4915112345678"),
        ("4915112345678", "4915112345678"),
        ("0151.12345678", "0151.12345678"),
        ("030 1234.5", "030 1234.5"),
        ("+1 (555) 123-4567 ext. 89", "+1 (555) 123-4567 ext. 89"),
    ],
)
def test_normalize_phone(raw: str, expected: str) -> None:
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("", ""),
        ("+49 151 1234 5678", "+4915112345678"),
        ("+49 (0)151-1234/5678", "+49015112345678"),
        ("(555) 123-4567", "5551234567"),
        ("4915112345678.0", "4915112345678"),
        ("+4915112345678.0", "+4915112345678"),
        ("  +1.555.123.4567", "+15551234567"),
        ("＋４９ １５１", "+49151"),
        ("٠١٢٣٤٥٦٧٨٩", "0123456789"),
        ("+", ""),
        ("n/a", ""),
    ],
)
def test_phone_key(raw: str, key: str) -> None:
    assert phone_key(raw) == key


def test_phone_key_matches_differently_formatted_numbers() -> None:
    assert phone_key("+49 151 12345678") == phone_key("+49-151-123-456-78") == phone_key("+4915112345678.0")


@PROPERTY
@given(st.text())
def test_phone_key_is_digits_with_an_optional_plus(text: str) -> None:
    key = phone_key(text)
    digits = key.removeprefix("+")
    assert digits == "" or (digits.isascii() and digits.isdigit())
    assert key != "+"


# ----------------------------------------------------------------------------------------------------
# Open networkers: every example and non-example row of FORMATS.md 7.4, then more


def _flag(**fields: Any) -> OpenNetworkerSignal | None:
    return detect_open_networker(**fields)


FORMATS_FLAGGED: list[Any] = [
    pytest.param({"last_name": "Delacroix [LION]"}, "S1", "last_name", "LION", id="delacroix-bracketed"),
    pytest.param({"last_name": "Whitfield (LION) 28K+"}, "S1", "last_name", "LION", id="whitfield-parens"),
    pytest.param({"last_name": "Mensah ✔ LION®"}, "S1", "last_name", "LION®", id="mensah-registered"),
    pytest.param(
        {"last_name": "Martin, LION", "position": "Headhunter | LION | 30,000+ connections"},
        "S1",
        "last_name",
        "LION",
        id="martin-comma",
    ),
    pytest.param(
        {"last_name": "Okonkwo - Open Networker"},
        "S3",
        "last_name",
        "Open Networker",
        id="okonkwo-open-networker",
    ),
    pytest.param(
        {"last_name": "Kowalczyk (MyLink500)"}, "S3", "last_name", "MyLink500", id="kowalczyk-mylink"
    ),
    pytest.param(
        {"position": "Recruiter | TopLinked.com | 25K+"},
        "S3",
        "position",
        "TopLinked",
        id="recruiter-toplinked",
    ),
    pytest.param(
        {"position": "Account Manager (open networker, no IDK)"},
        "S3",
        "position",
        "open networker",
        id="account-manager-no-idk",
    ),
    pytest.param(
        {"position": "Recruiter | I accept all invites"},
        "S4",
        "position",
        "accept all invit",
        id="accept-all",
    ),
    pytest.param(
        {"last_name": "Grant theo.grant.connect@example.net"},
        "S5",
        "last_name",
        "theo.grant.connect@example.net",
        id="grant-email",
    ),
    pytest.param({"tags": ["LION, coach"]}, "T", "tags", "LION", id="tags-comma"),
    pytest.param({"tags": ["lion;health"]}, "T", "tags", "lion", id="tags-semicolon"),
    pytest.param({"tags": ["LION"]}, "T", "tags", "LION", id="google-label"),
    pytest.param({"tags": ["LION ::: * myContacts"]}, "T", "tags", "LION", id="google-labels-cell"),
    pytest.param({"tags": ["Clients;LION"]}, "T", "tags", "LION", id="outlook-categories"),
    pytest.param({"tags": ["coach", "LION"]}, "T", "tags", "LION", id="outlook-category"),
]

FORMATS_NOT_FLAGGED: list[Any] = [
    pytest.param({"first_name": "Camille", "last_name": "LION"}, id="french-surname"),
    pytest.param({"last_name": "Lion"}, id="surname-Lion"),
    pytest.param({"first_name": "Lionel"}, id="first-Lionel"),
    pytest.param({"first_name": "Leona"}, id="first-Leona"),
    pytest.param({"last_name": "Lionetti"}, id="surname-Lionetti"),
    pytest.param({"last_name": "Scullion"}, id="surname-Scullion"),
    pytest.param({"last_name": "Lyon"}, id="surname-Lyon"),
    pytest.param({"company": "Sea Lion Aquatics"}, id="company-sea-lion"),
    pytest.param({"company": "Riverside Lions Club"}, id="company-lions-club"),
    pytest.param({"company": "Lionheart Ventures"}, id="company-lionheart"),
    pytest.param({"company": "WhiteLion Media"}, id="company-whitelion"),
    pytest.param({"company": "Pavilion Partners"}, id="company-pavilion"),
    pytest.param({"company": "Stallion Logistics"}, id="company-stallion"),
    pytest.param({"company": "Million Dollar Realty"}, id="company-million"),
    pytest.param({"position": "Battalion Chief"}, id="position-battalion"),
    pytest.param({"company": "Open Networking Labs"}, id="company-open-networking"),
    pytest.param({"position": "Java Developer (Oracle TopLink, JPA)"}, id="position-oracle-toplink"),
    pytest.param({"position": "Engineer @Globex"}, id="position-at-company"),
    pytest.param({"position": "Sales Lead @ Initech"}, id="position-at-space-company"),
    pytest.param({"company": "@Home Studio"}, id="company-at-home"),
    pytest.param({"last_name": "Horvat 🦁"}, id="lion-emoji"),
    pytest.param({"last_name": "Hargreave, CSM®"}, id="registered-alone"),
    pytest.param({"tags": ["Lions Club"]}, id="tag-lions-club"),
]


@pytest.mark.parametrize(("fields", "signal", "field", "text"), FORMATS_FLAGGED)
def test_formats_examples_are_flagged(fields: dict[str, Any], signal: str, field: str, text: str) -> None:
    assert _flag(**fields) == OpenNetworkerSignal(signal, field, text)


@pytest.mark.parametrize("fields", FORMATS_NOT_FLAGGED)
def test_formats_non_examples_are_not_flagged(fields: dict[str, Any]) -> None:
    assert _flag(**fields) is None


@pytest.mark.parametrize(
    ("fields", "signal", "field", "text"),
    [
        ({"last_name": "Doe L.I.O.N."}, "S1", "last_name", "L.I.O.N."),
        ({"last_name": "Doe L.I.O.N"}, "S1", "last_name", "L.I.O.N"),
        ({"position": "Proud LIONs member"}, "S1", "position", "LIONs"),
        ({"last_name": "Doe {lion}"}, "S2", "last_name", "{lion}"),
        ({"last_name": "Doe <LION>"}, "S1", "last_name", "LION"),
        ({"last_name": "Doe ( Lion )"}, "S2", "last_name", "( Lion )"),
        ({"last_name": "Doe [lion]"}, "S2", "last_name", "[lion]"),
        ({"last_name": "Doe 𝐋𝐈𝐎𝐍"}, "S1", "last_name", "LION"),
        ({"last_name": "Doe ＬＩＯＮ"}, "S1", "last_name", "LION"),
        ({"last_name": "Doe - LION"}, "S1", "last_name", "LION"),
        ({"last_name": "LION Doe"}, "S1", "last_name", "LION"),
        ({"last_name": "LION®"}, "S1", "last_name", "LION®"),
        ({"first_name": "Jane LION"}, "S1", "first_name", "LION"),
        ({"display_name": "Jane Doe LION"}, "S1", "display_name", "LION"),
        ({"display_name": "Camille LION"}, "S1", "display_name", "LION"),  # documented residual
        ({"position": "LION | Recruiter"}, "S1", "position", "LION"),
        ({"position": "Recruiter/LION/Coach"}, "S1", "position", "LION"),
        ({"position": "LION2020"}, "S1", "position", "LION"),
        ({"last_name": "Doe OpenNetworker"}, "S3", "last_name", "OpenNetworker"),
        ({"last_name": "Doe open-networker"}, "S3", "last_name", "open-networker"),
        ({"position": "Open Networkers welcome"}, "S3", "position", "Open Networker"),
        ({"company": "TopLinked.com (Open Networkers)"}, "S3", "company", "TopLinked"),
        ({"company": "toplink.com"}, "S3", "company", "toplink.com"),
        ({"position": "see mylink 500"}, "S3", "position", "mylink 500"),
        ({"company": "Open Networker Inc"}, "S3", "company", "Open Networker"),
        ({"position": "Accepts all connection requests"}, "S4", "position", "Accepts all connection"),
        ({"position": "I accept all invitations"}, "S4", "position", "accept all invit"),
        ({"position": "accept  all requests"}, "S4", "position", "accept  all requests"),
        ({"position": "Connect! Never IDK"}, "S4", "position", "Never IDK"),
        ({"position": "Connect, won't IDK"}, "S4", "position", "won't IDK"),
        ({"position": "Connect, won’t IDK"}, "S4", "position", "won’t IDK"),
        ({"position": "Connect, will not IDK"}, "S4", "position", "will not IDK"),
        ({"first_name": "jane@example.com"}, "S5", "first_name", "jane@example.com"),
        ({"position": "Manager >firstname@lastname.com<"}, "S5", "position", "firstname@lastname.com"),
        ({"position": "Recruiter jane＠example．com"}, "S5", "position", "jane@example.com"),
        ({"tags": ["lions"]}, "T", "tags", "lions"),
        ({"tags": ["#LION"]}, "T", "tags", "#LION"),
        ({"tags": ["🦁 LION"]}, "T", "tags", "🦁 LION"),
        ({"tags": ["Open Networker"]}, "T", "tags", "Open Networker"),
        ({"tags": ["open-networker"]}, "T", "tags", "open-networker"),
        ({"tags": ["OpenNetworker"]}, "T", "tags", "OpenNetworker"),
        ({"tags": ["LinkedIn Open Networker"]}, "T", "tags", "LinkedIn Open Networker"),
        ({"tags": ["L.I.O.N."]}, "T", "tags", "L.I.O.N."),
        ({"tags": ["  Lion  "]}, "T", "tags", "Lion"),
        ({"tags": ["friends | LION"]}, "T", "tags", "LION"),
        ({"tags": "LION, coach"}, "T", "tags", "LION"),  # one cell passed as a plain string
        ({"tags": iter(["coach", "lion"])}, "T", "tags", "lion"),
    ],
)
def test_more_open_networkers_are_flagged(fields: dict[str, Any], signal: str, field: str, text: str) -> None:
    assert _flag(**fields) == OpenNetworkerSignal(signal, field, text)


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"first_name": "", "last_name": "", "tags": []},
        {"first_name": "Jane", "last_name": "Doe", "position": "Engineer", "company": "Globex"},
        *(
            {"last_name": name}
            for name in (
                "Epyllion",
                "Pavilion",
                "Zillions",
                "Lionheart",
                "WhiteLion",
                "Stallion",
                "Squillion",
                "Lionseal",
                "Carilion",
                "Infollion",
                "Battalion",
                "Helion",
                "LIONEL",
                "SCULLION",
                "PAVILION",
                "LIONETTI",
                "LIONS",
                "DÉLION",
                "LIONÉ",
            )
        ),
        {"first_name": "Lions Gate"},
        {"first_name": "LION"},
        {"first_name": "LION", "last_name": "Martin"},
        {"last_name": " LION "},
        {"last_name": "𝐋𝐈𝐎𝐍"},
        {"first_name": "Camille", "last_name": "LION", "display_name": "Camille LION"},
        {"first_name": "Camille", "last_name": "LION", "display_name": "LION Camille"},
        {"first_name": "Camille", "last_name": "LION", "display_name": "LION, Camille"},
        {"first_name": "Camille", "last_name": "LION", "display_name": "  Camille   LION "},
        {"company": "LION Capital"},  # S1 does not apply to companies
        {"company": "Lion [LION] Corp"},  # S2 does not apply to companies
        {"company": "sales@globex.com"},  # S5 does not apply to companies
        {"company": "We accept all invitations"},  # S4 does not apply to companies
        {"position": "Smith, Lion"},
        {"position": "Networker"},
        {"position": "Super-connector, 500+ connections"},
        {"position": "Networking Engineer"},
        {"position": "Open networking advocate"},
        {"position": "Uses TopLink daily"},
        {"position": "mylink"},
        {"position": "Accepts all major credit cards"},
        {"position": "Nobody knows IDK"},
        {"position": "Engineer at @globex.com"},
        {"position": "Dev @Acme.io"},
        {"position": "Lion tamer"},
        {"position": "Sea lion trainer"},
        {"position": "Cameleon"},
        {"position": "Chameleon (LIONEL)"},
        {"position": "Staff (Lions)"},
        {"tags": ["Lions Club", "coach"]},
        {"tags": ["lionheart"]},
        {"tags": ["LION tamer"]},
        {"tags": ["🦁"]},
        {"tags": ["", "  "]},
        {"tags": ["networker"]},
    ],
)
def test_more_non_examples_are_not_flagged(fields: dict[str, Any]) -> None:
    assert _flag(**fields) is None


def test_signals_are_tried_before_fields() -> None:
    # S1 in the position beats S2 in the first name: signals come first, then fields.
    found = _flag(first_name="Jane {lion}", position="LION")
    assert found == OpenNetworkerSignal("S1", "position", "LION")


def test_fields_are_tried_in_order_within_a_signal() -> None:
    fields = {"first_name": "A LION", "last_name": "B LION", "display_name": "C LION", "position": "LION"}
    assert _flag(**fields) == OpenNetworkerSignal("S1", "first_name", "LION")
    del fields["first_name"]
    assert _flag(**fields) == OpenNetworkerSignal("S1", "last_name", "LION")
    del fields["last_name"]
    assert _flag(**fields) == OpenNetworkerSignal("S1", "display_name", "LION")
    del fields["display_name"]
    assert _flag(**fields) == OpenNetworkerSignal("S1", "position", "LION")


def test_strong_name_signals_beat_tags() -> None:
    assert _flag(last_name="Doe (Open Networker)", tags=["LION"]) == OpenNetworkerSignal(
        "S3", "last_name", "Open Networker"
    )


def test_company_is_last_for_s3() -> None:
    assert _flag(position="open networker", company="TopLinked") == OpenNetworkerSignal(
        "S3", "position", "open networker"
    )


def test_lone_surname_still_flags_through_another_signal() -> None:
    assert _flag(first_name="Camille", last_name="LION", position="LION | Recruiter") == OpenNetworkerSignal(
        "S1", "position", "LION"
    )
    assert _flag(last_name="LION", tags=["LION"]) == OpenNetworkerSignal("T", "tags", "LION")
    assert _flag(last_name="LION", display_name="Jane LION") == OpenNetworkerSignal(
        "S1", "display_name", "LION"
    )


@pytest.mark.parametrize(
    ("signal", "reason"),
    [
        (OpenNetworkerSignal("S2", "last_name", "[LION]"), "'[LION]' in the last name"),
        (OpenNetworkerSignal("S1", "first_name", "LION"), "'LION' in the first name"),
        (OpenNetworkerSignal("S1", "display_name", "LION®"), "'LION®' in the name"),
        (OpenNetworkerSignal("S3", "company", "TopLinked"), "'TopLinked' in the company"),
        (OpenNetworkerSignal("S4", "position", "Never IDK"), "'Never IDK' in the position"),
        (OpenNetworkerSignal("S5", "last_name", "a@b.co"), "an e-mail address (a@b.co) in the last name"),
        (OpenNetworkerSignal("T", "tags", "LION"), "the tag 'LION'"),
    ],
)
def test_reason_explains_the_signal_in_words(signal: OpenNetworkerSignal, reason: str) -> None:
    assert signal.reason == reason
    assert rules.parse_reason(reason) == signal  # read back from the stored words


@pytest.mark.parametrize(
    ("stored", "words"),
    [
        ('last name contains "[LION]" (S2: bracketed LION)', "'[LION]' in the last name"),
        ('display name contains "LION®" (S1: upper-case LION)', "'LION®' in the name"),
        ('tags contain "LION" (T: user tag)', "the tag 'LION'"),
        ("something else", "something else"),
    ],
)
def test_reasons_stored_by_older_versions_read_in_words(stored: str, words: str) -> None:
    assert rules.plain_reason(stored) == words


def test_detected_reason_for_a_formats_example() -> None:
    found = _flag(last_name="Okonkwo - Open Networker")
    assert found is not None
    assert found.reason == "'Open Networker' in the last name"


@pytest.mark.parametrize(
    "fields",
    [
        {"display_name": "jane@example.com"},  # netcrm shows the e-mail of a row without a name
        {"display_name": "<jane@example.com>"},
        {"display_name": "sales@globex.com", "company": "sales@globex.com"},
    ],
)
def test_a_derived_display_name_is_never_judged(fields: dict[str, str]) -> None:
    assert _flag(**fields) is None


def test_signal_is_frozen_and_slotted() -> None:
    found = OpenNetworkerSignal("S1", "last_name", "LION")
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.text = "other"  # type: ignore[misc]
    assert not hasattr(found, "__dict__")


@pytest.mark.parametrize(
    ("fields", "review"),
    [
        ({"first_name": "Camille", "last_name": "LION"}, True),
        ({"first_name": "LION", "last_name": "Martin"}, True),
        ({"last_name": " LION "}, True),
        ({"last_name": "𝐋𝐈𝐎𝐍"}, True),
        ({"first_name": "Camille", "last_name": "LION", "display_name": "Camille LION"}, True),
        ({"first_name": "Camille", "last_name": "LION", "position": "LION | Recruiter"}, False),
        ({"first_name": "Camille", "last_name": "LION", "tags": ["LION"]}, False),
        ({"first_name": "Camille", "last_name": "Lion"}, False),
        ({"first_name": "Camille", "last_name": "LIONS"}, False),
        ({"first_name": "Camille", "last_name": "Martin LION"}, False),
        ({"display_name": "LION"}, False),
        ({"company": "LION"}, False),
        ({}, False),
    ],
)
def test_needs_open_networker_review(fields: dict[str, Any], review: bool) -> None:
    assert needs_open_networker_review(**fields) is review


@pytest.mark.parametrize(
    ("fields", "hints"),
    [
        ({"last_name": "Horvat 🦁"}, ['last name contains "🦁" (weak: lion emoji)']),
        ({"tags": ["🦁 friends"]}, ['tags contain "🦁" (weak: lion emoji)']),
        ({"last_name": "Lion"}, ['last name contains "Lion" (weak: title-case Lion)']),
        ({"position": "Smith, Lion"}, ['position contains "Lion" (weak: title-case Lion)']),
        ({"position": "Recruiter 28K+"}, ['position contains "28K+" (weak: connection count)']),
        ({"position": "Recruiter 1.5k+"}, ['position contains "1.5k+" (weak: connection count)']),
        ({"position": "30,000+ connections"}, ['position contains "30,000+" (weak: connection count)']),
        ({"first_name": "Jane 500+"}, ['first name contains "500+" (weak: connection count)']),
        (
            {"position": "Java Developer (Oracle TopLink, JPA)"},
            ['position contains "TopLink" (weak: toplink/mylink)'],
        ),
        ({"position": "MyLink member"}, ['position contains "MyLink" (weak: toplink/mylink)']),
        ({"position": "Super Networker"}, ['position contains "Networker" (weak: networker)']),
        (
            {"last_name": "Whitfield (LION) 28K+"},
            ['last name contains "28K+" (weak: connection count)'],
        ),
        (
            {"last_name": "Doe 🦁", "position": "Doe 🦁 🦁"},
            ['last name contains "🦁" (weak: lion emoji)', 'position contains "🦁" (weak: lion emoji)'],
        ),
        ({"company": "Lion Capital 500+ Toplink Networker 🦁"}, []),
        ({"first_name": "Lionel", "last_name": "Scullion", "position": "Engineer, 200+"}, []),
        ({}, []),
    ],
)
def test_weak_open_networker_hints(fields: dict[str, Any], hints: list[str]) -> None:
    assert weak_open_networker_hints(**fields) == hints


@pytest.mark.parametrize(
    "fields",
    [
        {"last_name": "Horvat 🦁"},
        {"last_name": "Lion"},
        {"position": "Recruiter 28K+ 500+"},
        {"position": "Super Networker, mylink, toplink"},
    ],
)
def test_weak_hints_never_flag(fields: dict[str, Any]) -> None:
    assert weak_open_networker_hints(**fields)
    assert _flag(**fields) is None


_FIELD_TEXT = st.text(alphabet=st.sampled_from("LIONlion .,()[]{}<>@-|®🦁sxyzE0123"), max_size=20) | st.text(
    max_size=20
)


@PROPERTY
@given(
    first_name=_FIELD_TEXT,
    last_name=_FIELD_TEXT,
    display_name=_FIELD_TEXT,
    position=_FIELD_TEXT,
    company=_FIELD_TEXT,
    tags=st.lists(_FIELD_TEXT, max_size=3),
)
def test_detector_explains_what_it_finds(
    first_name: str, last_name: str, display_name: str, position: str, company: str, tags: list[str]
) -> None:
    fields = {
        "first_name": first_name,
        "last_name": last_name,
        "display_name": display_name,
        "position": position,
        "company": company,
    }
    found = detect_open_networker(**fields, tags=tags)
    weak_open_networker_hints(**fields, tags=tags)
    review = needs_open_networker_review(**fields, tags=tags)
    if found is None:
        return
    assert not review
    assert found.signal in {"S1", "S2", "S3", "S4", "S5", "T"}
    assert found.text
    assert rules.parse_reason(found.reason) == found  # words a user reads, and read back exactly
    if found.signal == "T":
        assert found.field == "tags"
    else:
        source = unicodedata.normalize("NFKC", clean_text(fields[found.field]))
        assert found.text in source


# ----------------------------------------------------------------------------------------------------
# Recurrence


@pytest.mark.parametrize(
    ("text", "count", "unit"),
    [
        ("3d", 3, "day"),
        ("2w", 2, "week"),
        ("1m", 1, "month"),
        ("1y", 1, "year"),
        (" 2W ", 2, "week"),
        ("2 w", 2, "week"),
        ("10 days", 10, "day"),
        ("1 day", 1, "day"),
        ("6 months", 6, "month"),
        ("2 years", 2, "year"),
        ("every 2 weeks", 2, "week"),
        ("Every  3  Months", 3, "month"),
        ("every week", 1, "week"),
        ("every day", 1, "day"),
        ("every year", 1, "year"),
        ("every 10d", 10, "day"),
        ("daily", 1, "day"),
        ("weekly", 1, "week"),
        ("Monthly", 1, "month"),
        ("yearly", 1, "year"),
        ("annually", 1, "year"),
        ("quarterly", 3, "month"),
        ("fortnightly", 2, "week"),
        ("999d", 999, "day"),
        ("007w", 7, "week"),
    ],
)
def test_parse_recurrence(text: str, count: int, unit: str) -> None:
    assert parse_recurrence(text) == Recurrence(count, unit)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "3",
        "d",
        "week",
        "0d",
        "1000d",
        "-1w",
        "1.5w",
        "2x",
        "every",
        "every 2",
        "every other week",
        "biweekly",
        "twice a week",
        "3 d w",
        "weekly please",
        "٣d",
        "2 weeks ago",
    ],
)
def test_parse_recurrence_refuses(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_recurrence(text)
    assert caught.value.field == "recurrence"
    assert caught.value.message


def test_parse_recurrence_message_says_what_is_accepted() -> None:
    with pytest.raises(
        ValidationError, match=r'"sometimes" is not a valid repeat interval: .*2w.*every 2 weeks'
    ):
        parse_recurrence("sometimes")


@pytest.mark.parametrize(
    ("recurrence", "compact", "words"),
    [
        (Recurrence(1, "day"), "1d", "every day"),
        (Recurrence(3, "day"), "3d", "every 3 days"),
        (Recurrence(1, "week"), "1w", "every week"),
        (Recurrence(2, "week"), "2w", "every 2 weeks"),
        (Recurrence(1, "month"), "1m", "every month"),
        (Recurrence(3, "month"), "3m", "every 3 months"),
        (Recurrence(1, "year"), "1y", "every year"),
        (Recurrence(999, "year"), "999y", "every 999 years"),
    ],
)
def test_recurrence_forms(recurrence: Recurrence, compact: str, words: str) -> None:
    assert str(recurrence) == compact
    assert recurrence.describe() == words
    assert parse_recurrence(compact) == recurrence
    assert parse_recurrence(words) == recurrence


@pytest.mark.parametrize(
    ("count", "unit"), [(0, "day"), (1000, "week"), (-1, "month"), (True, "day"), (1, "hour")]
)
def test_recurrence_refuses_impossible_values(count: int, unit: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Recurrence(count, unit)  # type: ignore[arg-type]
    assert caught.value.field == "recurrence"


def test_recurrence_is_frozen_and_hashable() -> None:
    recurrence = Recurrence(2, "week")
    with pytest.raises(dataclasses.FrozenInstanceError):
        recurrence.count = 3  # type: ignore[misc]
    assert {recurrence, Recurrence(2, "week")} == {recurrence}


@PROPERTY
@given(st.integers(1, 999), st.sampled_from(["day", "week", "month", "year"]))
def test_recurrence_round_trips(count: int, unit: str) -> None:
    recurrence = Recurrence(count, unit)  # type: ignore[arg-type]
    assert parse_recurrence(str(recurrence)) == recurrence
    assert parse_recurrence(recurrence.describe()) == recurrence


@pytest.mark.parametrize(
    ("start", "text", "expected"),
    [
        (date(2026, 3, 15), "3d", date(2026, 3, 18)),
        (date(2026, 12, 30), "3d", date(2027, 1, 2)),
        (date(2026, 3, 15), "2w", date(2026, 3, 29)),
        (date(2026, 3, 15), "1m", date(2026, 4, 15)),
        (date(2026, 1, 31), "1m", date(2026, 2, 28)),
        (date(2028, 1, 31), "1m", date(2028, 2, 29)),
        (date(2026, 3, 31), "1m", date(2026, 4, 30)),
        (date(2026, 5, 31), "quarterly", date(2026, 8, 31)),
        (date(2026, 11, 30), "3m", date(2027, 2, 28)),
        (date(2026, 12, 15), "1m", date(2027, 1, 15)),
        (date(2026, 1, 15), "12m", date(2027, 1, 15)),
        (date(2026, 1, 15), "25m", date(2028, 2, 15)),
        (date(2028, 2, 29), "1y", date(2029, 2, 28)),
        (date(2028, 2, 29), "4y", date(2032, 2, 29)),
        (date(2026, 3, 15), "1y", date(2027, 3, 15)),
        (date(9999, 12, 30), "1d", date(9999, 12, 31)),
    ],
)
def test_add_recurrence(start: date, text: str, expected: date) -> None:
    assert add_recurrence(start, parse_recurrence(text)) == expected


def test_add_recurrence_clamps_relative_to_the_given_date() -> None:
    monthly = Recurrence(1, "month")
    steps = [date(2026, 1, 31)]
    for _ in range(3):
        steps.append(add_recurrence(steps[-1], monthly))
    assert steps == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 28), date(2026, 4, 28)]


@pytest.mark.parametrize("text", ["1d", "1w", "1m", "1y"])
def test_add_recurrence_past_year_9999_is_a_validation_error(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        add_recurrence(date(9999, 12, 31), parse_recurrence(text))
    assert caught.value.field == "recurrence"
    assert "9999" in caught.value.message


@PROPERTY
@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2900, 12, 31)),
    st.integers(1, 999),
    st.sampled_from(["day", "week", "month", "year"]),
)
def test_add_recurrence_moves_forward_by_the_right_amount(start: date, count: int, unit: str) -> None:
    result = add_recurrence(start, Recurrence(count, unit))  # type: ignore[arg-type]
    assert result > start
    if unit == "day":
        assert result - start == timedelta(days=count)
    elif unit == "week":
        assert result - start == timedelta(weeks=count)
    else:
        months = count * (12 if unit == "year" else 1)
        assert (result.year - start.year) * 12 + result.month - start.month == months
        assert result.day == start.day or (result.day < start.day and (result + timedelta(days=1)).day == 1)


@pytest.mark.parametrize(
    ("due", "text", "today", "expected"),
    [
        (date(2026, 3, 16), "1w", date(2026, 3, 16), date(2026, 3, 23)),
        (date(2026, 3, 16), "1w", date(2026, 3, 10), date(2026, 3, 23)),  # done early
        (date(2026, 3, 2), "1w", date(2026, 3, 30), date(2026, 4, 6)),  # done late: the next one ahead
        (date(2026, 3, 2), "1w", date(2026, 3, 9), date(2026, 3, 16)),  # done on the next due day
        (date(2026, 1, 31), "1m", date(2026, 3, 5), date(2026, 3, 31)),  # back to the 31st
        (date(2024, 2, 29), "1y", date(2025, 6, 1), date(2026, 2, 28)),
        (date(2026, 1, 31), "1m", date(2026, 1, 31), date(2026, 2, 28)),
        (date(2026, 3, 15), "daily", date(2026, 3, 15), date(2026, 3, 16)),
    ],
)
def test_next_occurrence_keeps_rhythm_and_lands_ahead(
    due: date, text: str, today: date, expected: date
) -> None:
    assert next_occurrence(due, parse_recurrence(text), today) == expected


@PROPERTY
@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
    st.integers(1, 999),
    st.sampled_from(["day", "week", "month", "year"]),
)
def test_next_occurrence_is_after_due_and_today(due: date, today: date, count: int, unit: str) -> None:
    recurrence = Recurrence(count, unit)  # type: ignore[arg-type]
    nxt = next_occurrence(due, recurrence, today)
    assert nxt > due and nxt > today
    if today < due:
        assert nxt == add_recurrence(due, recurrence)


# ----------------------------------------------------------------------------------------------------
# Cadence


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("90", 90),
        (" 90 ", 90),
        ("1", 1),
        ("90d", 90),
        ("90 days", 90),
        ("12w", 84),
        ("2 weeks", 14),
        ("3m", 90),
        ("6 months", 180),
        ("1y", 365),
        ("2y", 730),
        ("every 2 weeks", 14),
        ("weekly", 7),
        ("monthly", 30),
        ("quarterly", 90),
        ("yearly", 365),
        ("3650", 3650),
        ("10y", 3650),
        ("1000d", 1000),
    ],
)
def test_parse_cadence(text: str, days: int) -> None:
    assert parse_cadence(text) == days


@pytest.mark.parametrize(
    "text", ["", "0", "0d", "-5", "3651", "11y", "1.5m", "soon", "90 dayz", "m", "99999999999999999999"]
)
def test_parse_cadence_refuses(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_cadence(text)
    assert caught.value.field == "cadence"
    assert "keep-in-touch cadence" in caught.value.message


@PROPERTY
@given(st.lists(st.text(alphabet="LIONlion .@[]()acept-dkwrTPMy5", max_size=25), min_size=6, max_size=6))
def test_the_cheap_first_look_never_hides_a_signal(values: list[str]) -> None:
    from netcrm.core.rules import _detect_all, _surely_plain

    first, last, display, position, company, tag = values
    if _surely_plain(*values):
        assert _detect_all(first, last, display, position, company, (tag,)) is None


@PROPERTY
@given(
    st.lists(
        st.text(alphabet=st.characters(blacklist_characters="\x1f"), max_size=20), min_size=1, max_size=6
    )
)
def test_search_key_folds_each_part_as_alone(parts: list[str]) -> None:
    expected = [fold(p) for p in parts if p and not p.isspace()]
    assert search_key(parts) == "\x1f".join(expected)


@PROPERTY
@given(st.from_regex(r"[a-z0-9][a-z0-9-]{0,30}", fullmatch=True), st.booleans())
def test_canonical_profile_fast_path_agrees_with_the_full_parse(slug: str, slash: bool) -> None:
    url = f"https://www.linkedin.com/in/{slug}" + ("/" if slash else "")
    assert linkedin_slug(url) == slug == linkedin_slug(url.replace("https://www.", "http://"))


@PROPERTY
@given(st.from_regex(r"[A-Za-z0-9._%+-]{1,20}@[A-Za-z0-9.-]{1,20}", fullmatch=True))
def test_email_key_fast_path_agrees_with_casefold(address: str) -> None:
    assert email_key(address) == unicodedata.normalize("NFC", address.casefold())
    assert email_key("mailto:" + address) == email_key(address)
