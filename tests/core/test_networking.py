"""Networking services on a real database: open-networker review, cadences, due summaries, .ics,
introductions, who-at-company, the pitch and message templates; time through a FixedClock."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from netcrm.core.clock import FixedClock
from netcrm.core.errors import BadInputError, NotFoundError, ValidationError
from netcrm.core.model import ContactDraft, ParsedContact, ParseResult
from netcrm.core.services import Services
from netcrm.core.store.store import Store
from tests.dbcheck import assert_db_sane, db_fingerprint


def add(svc: Services, first: str, last: str, **extra: object) -> int:
    return svc.add_contact(ContactDraft(first_name=first, last_name=last, **extra)).id  # type: ignore[arg-type]


def parsed(tmp_path: Path, *rows: ParsedContact, name: str = "Connections.csv") -> ParseResult:
    path = tmp_path / name
    path.write_text(repr(rows), encoding="utf-8")
    sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    return ParseResult(path=str(path), format="linkedin", encoding="utf-8", rows=rows, sha256=sha256)


def li(row: int, first: str, last: str, slug: str, **extra: object) -> ParsedContact:
    url = f"https://www.linkedin.com/in/{slug}"
    return ParsedContact(row=row, first_name=first, last_name=last, linkedin_url=url, **extra)  # type: ignore[arg-type]


# -- open networkers --------------------------------------------------------------------------------


def test_detection_suggests_with_reasons_and_dry_run_writes_nothing(svc: Services, db_path: Path) -> None:
    lion = add(svc, "Sam", "Delacroix [LION]")
    phrase = add(svc, "Kim", "Okonkwo", position="Recruiter | TopLinked.com | 25K+")
    add(svc, "Camille", "LION")  # French surname convention: review, not flagged
    add(svc, "Rita", "Scullion", company="Sea Lion Aquatics", position="Engineer @Globex")
    before = db_fingerprint(db_path)
    found = svc.detect_open_networkers()
    assert db_fingerprint(db_path) == before
    assert [(s.contact_id, s.field, s.signal) for s in found] == [
        (lion, "last_name", "S1"),
        (phrase, "position", "S3"),
    ]
    assert found[0].text == "LION" and "last name" in found[0].reason
    assert svc.open_networker_review() == []

    applied = svc.detect_open_networkers(apply=True)
    assert applied == found
    review = svc.open_networker_review()
    assert [(s.contact_id, s.field, s.text, s.signal) for s in review] == [
        (phrase, "position", "TopLinked", "S3"),
        (lion, "last_name", "LION", "S1"),
    ]
    assert svc.get_contact(lion).open_networker_by == "detector"
    assert svc.detect_open_networkers(apply=True) == []  # already tagged: not suggested twice
    assert_db_sane(db_path)


def test_user_tag_is_a_signal(svc: Services) -> None:
    cid = add(svc, "Lee", "Park", tags=("lion", "coach"))
    [found] = svc.detect_open_networkers()
    assert (found.contact_id, found.signal, found.field) == (cid, "T", "tags")


def test_accept_and_reject_are_final_across_detection_and_reimport(svc: Services, tmp_path: Path) -> None:
    rows = (
        li(2, "Sam", "Delacroix [LION]", "sam", position="Recruiter"),
        li(3, "Kim", "Whitfield (LION) 28K+", "kim"),
        li(4, "Ann", "Mensah", "ann", position="Recruiter | I accept all invites"),
    )
    svc.apply_import(parsed(tmp_path, *rows))
    ids = {c.first_name: c.id for c in svc.list_contacts()}
    assert {s.contact_id for s in svc.open_networker_review()} == set(ids.values())
    svc.decide_open_networkers([ids["Sam"]], accept=True)
    svc.decide_open_networkers([ids["Kim"]], accept=False)
    sam, kim = svc.get_contact(ids["Sam"]), svc.get_contact(ids["Kim"])
    assert (sam.open_networker, sam.open_networker_by, sam.open_networker_verdict) == (True, "user", "yes")
    assert "LION" in sam.open_networker_reason  # the detector's reason is kept
    assert (kim.open_networker, kim.open_networker_verdict) == (False, "no")
    assert [s.contact_id for s in svc.open_networker_review()] == [ids["Ann"]]

    # Detection again changes nothing the user decided.
    assert svc.detect_open_networkers(apply=True) == []
    # A re-import with stronger signals and the built-in tag by name changes nothing either.
    again = (
        li(2, "Sam", "Delacroix", "sam", position="Recruiter"),
        li(
            3,
            "Kim",
            "Whitfield (LION)",
            "kim",
            position="Open Networker, no IDK",
            tags=("LION", "Open networker"),
        ),
    )
    svc.apply_import(parsed(tmp_path, *again, name="newer.csv"))
    sam, kim = svc.get_contact(ids["Sam"]), svc.get_contact(ids["Kim"])
    assert (sam.open_networker, sam.open_networker_verdict) == (True, "yes")
    assert (kim.open_networker, kim.open_networker_verdict) == (False, "no")
    assert svc.detect_open_networkers() == []  # Ann is already waiting for review
    # Accept all that is pending, as `open-networkers --apply` does.
    pending = [s.contact_id for s in svc.open_networker_review()]
    assert svc.decide_open_networkers(pending, accept=True) == 1
    assert svc.open_networker_review() == []
    assert svc.get_contact(ids["Ann"]).open_networker_by == "user"


def test_decide_unknown_id_is_refused(svc: Services) -> None:
    with pytest.raises(NotFoundError):
        svc.decide_open_networkers([999], accept=True)


# -- keep-in-touch cadence --------------------------------------------------------------------------


def test_cadence_per_contact_and_tag_and_logging_restarts_it(svc: Services, clock: FixedClock) -> None:
    today = svc.today()  # 2026-03-15
    lion = add(svc, "Sam", "Lion", tags=("Recruiters", "Friends"), connected_on=today - timedelta(days=100))
    own = add(
        svc, "Ada", "Lovelace", tags=("Recruiters",), cadence_days=200, connected_on=today - timedelta(190)
    )
    add(svc, "No", "Cadence", connected_on=date(2000, 1, 1))
    assert svc.lapsed_contacts() == []
    assert svc.set_tag_cadence("recruiters", 90).cadence_days == 90
    svc.set_tag_cadence("Friends", 30)
    lapsed = svc.lapsed_contacts()  # Ada's own 200 days win over her tag's 90
    assert [(item.contact_id, item.cadence_days) for item in lapsed] == [(lion, 30)]
    assert lapsed[0].next_due == today - timedelta(days=70) and lapsed[0].days_overdue == 70
    svc.log_interaction(lion, "call", on=today - timedelta(days=5))
    assert svc.lapsed_contacts() == []
    clock.advance(days=26)  # 31 days after the call, 216 after Ada's connection
    assert [item.contact_id for item in svc.lapsed_contacts()] == [own, lion]
    svc.set_tag_cadence("Friends", None)
    assert [item.contact_id for item in svc.lapsed_contacts()] == [own]
    with pytest.raises(NotFoundError):
        svc.set_tag_cadence("nobody", 30)
    with pytest.raises(ValidationError):
        svc.set_tag_cadence("Friends", 0)


def test_cadence_without_dates_counts_from_creation(svc: Services, clock: FixedClock) -> None:
    cid = add(svc, "Ada", "Lovelace", cadence_days=1)
    clock.advance(days=1)
    assert svc.lapsed_contacts() == []
    clock.advance(days=1)
    assert [item.contact_id for item in svc.lapsed_contacts()] == [cid]


# The same instant is 1 March in Auckland and still 29 February in Los Angeles.
INSTANT = datetime(2028, 2, 29, 12, 0, tzinfo=UTC)


def services_at(db_path: Path, zone: str) -> tuple[Services, Store]:
    store = Store.open(str(db_path))
    return Services(store, FixedClock(INSTANT.astimezone(ZoneInfo(zone)))), store


@pytest.mark.parametrize(
    ("zone", "today", "lapsed", "overdue"),
    [("Pacific/Auckland", date(2028, 3, 1), True, 1), ("America/Los_Angeles", date(2028, 2, 29), False, 0)],
)
def test_leap_day_and_time_zones(db_path: Path, zone: str, today: date, lapsed: bool, overdue: int) -> None:
    svc, store = services_at(db_path, zone)
    try:
        assert svc.today() == today
        cid = add(svc, "Ada", "Lovelace", cadence_days=90)
        svc.log_interaction(cid, "call", on=date(2027, 12, 1))  # + 90 days = 2028-02-29
        assert bool(svc.lapsed_contacts()) is lapsed
        monthly = svc.add_follow_ups([cid], date(2028, 1, 31), every="1m").value[0]
        yearly = svc.add_follow_ups([cid], date(2028, 2, 29), every="1y").value[0]
        summary = svc.due_summary()
        assert (summary.overdue, summary.due_today) == (1 + overdue, 1 - overdue)
        nxt = svc.complete_follow_up(monthly.id).value
        assert nxt is not None and nxt.due == date(2028, 3, 31)  # Feb 29 already passed or is today
        nxt = svc.complete_follow_up(yearly.id).value
        assert nxt is not None and nxt.due == date(2029, 2, 28)  # no Feb 29 in 2029
        snoozed = svc.snooze_follow_up(nxt.id, date(2029, 3, 31)).value
        assert (snoozed.due, snoozed.status) == (date(2029, 3, 31), "snoozed")
        moved = svc.reschedule_follow_up(nxt.id, date(2029, 2, 28)).value
        assert (moved.due, moved.status) == (date(2029, 2, 28), "open")
    finally:
        store.close()


def test_month_end_recurrence_keeps_the_31st(svc: Services, clock: FixedClock) -> None:
    cid = add(svc, "Ada", "Lovelace")
    clock.now = datetime(2027, 1, 31, 8, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    item = svc.add_follow_ups([cid], date(2027, 1, 31), every="1m").value[0]
    dues = []
    for _ in range(4):
        nxt = svc.complete_follow_up(item.id).value
        assert nxt is not None
        dues.append(nxt.due)
        clock.now = datetime.combine(nxt.due, time(8), ZoneInfo("Europe/Berlin"))
        item = nxt
    assert dues == [date(2027, 2, 28), date(2027, 3, 28), date(2027, 4, 28), date(2027, 5, 28)]


# -- due summaries ------------------------------------------------------------------------------------


def test_due_summary_counts_what_became_due_since(svc: Services, clock: FixedClock) -> None:
    berlin = ZoneInfo("Europe/Berlin")
    clock.now = datetime(2026, 3, 15, 23, 50, tzinfo=berlin)
    cid = add(svc, "Ada", "Lovelace")
    svc.add_follow_ups([cid], date(2026, 3, 10))  # overdue
    svc.add_follow_ups([cid], date(2026, 3, 16), note="tomorrow, all day")
    svc.add_follow_ups([cid], date(2026, 3, 16), note="tomorrow at nine", due_time=time(9, 0))
    late = svc.add_follow_ups([cid], date(2026, 3, 15), note="tonight", due_time=time(23, 55)).value[0]
    first = svc.due_summary()
    assert (first.overdue, first.due_today, first.newly_due) == (1, 1, 0)
    since = clock()
    clock.advance(minutes=6)  # 23:56: the 23:55 one became due
    summary = svc.due_summary(since)
    assert summary.newly_due == 1 and summary.first_new is not None and summary.first_new.id == late.id
    since = clock()
    clock.advance(minutes=5)  # past midnight: the all-day one became due, the 09:00 one not yet
    summary = svc.due_summary(since)
    assert summary.newly_due == 1 and summary.first_new is not None
    assert summary.first_new.note == "tomorrow, all day"
    assert (summary.overdue, summary.due_today) == (2, 2)
    since = clock()
    clock.now = datetime(2026, 3, 16, 9, 0, tzinfo=berlin)
    assert svc.due_summary(since).newly_due == 1
    # `since` in another zone means the same instant.
    assert svc.due_summary(since.astimezone(UTC)).newly_due == 1
    assert svc.due_summary(clock()).newly_due == 0


# -- iCalendar ---------------------------------------------------------------------------------------


def test_ics_export_parses_back_with_stable_uids(svc: Services, tmp_path: Path) -> None:
    cid = add(svc, "Zoë", "Ørsted")
    svc.add_follow_ups([cid], date(2026, 3, 31), note="Coffee; ask about {things}, <b>", every="1m")
    svc.add_follow_ups([cid], date(2026, 4, 2), due_time=time(10, 30), every="2w")
    done = svc.add_follow_ups([cid], date(2026, 3, 1)).value[0]
    svc.complete_follow_up(done.id)
    out = tmp_path / "out" / "follow-ups.ics"
    out.parent.mkdir()
    assert svc.export_follow_ups_ics(out) == 2
    cal = Calendar.from_ical(out.read_bytes())
    events = cal.walk("VEVENT")
    assert len(events) == 2
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == 2 and all(
        u.startswith("followup-") and u.endswith("@netcrm.local") for u in uids
    )
    monthly, biweekly = events
    assert str(monthly["SUMMARY"]) == "Follow up: Zoë Ørsted"
    assert str(monthly["DESCRIPTION"]) == "Coffee; ask about {things}, <b>"
    assert monthly.decoded("DTSTART") == date(2026, 3, 31)
    assert monthly.decoded("DTEND") == date(2026, 4, 1)
    assert monthly["RRULE"]["FREQ"] == ["MONTHLY"] and monthly["RRULE"]["BYMONTHDAY"] == [31, -1]
    assert biweekly.decoded("DTSTART") == datetime(2026, 4, 2, 10, 30)
    assert biweekly["RRULE"]["FREQ"] == ["WEEKLY"] and biweekly["RRULE"]["INTERVAL"] == [2]
    assert all(e.decoded("DTSTAMP").tzinfo is not None for e in events)
    assert all(len(e.walk("VALARM")) == 1 for e in events)
    # Exported again: same UIDs; with --all the done one too.
    svc.export_follow_ups_ics(out, include_done=True)
    again = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert [str(e["UID"]) for e in again][:2] == uids or set(uids) <= {str(e["UID"]) for e in again}
    assert len(again) == 3
    assert [p.name for p in out.parent.iterdir()] == ["follow-ups.ics"]  # no temporary file left


def test_ics_rrule_matches_netcrm_month_end_rule() -> None:
    from dateutil.rrule import rrulestr

    from netcrm.core import rules
    from netcrm.core.io.export_ics import rrule_for

    for start, every in ((date(2027, 1, 31), "1m"), (date(2028, 2, 29), "1y"), (date(2027, 1, 30), "1m")):
        parts = rrule_for(every, start)
        text = ";".join(
            f"{k}={','.join(map(str, v)) if isinstance(v, list) else v}" for k, v in parts.items()
        )
        got = list(rrulestr(text, dtstart=datetime.combine(start, time())).xafter(datetime(1, 1, 1), count=5))
        r = rules.parse_recurrence(every)
        expected = [start]
        for _ in range(4):
            expected.append(rules.next_occurrence(start, r, expected[-1]))
        assert [d.date() for d in got] == expected


# -- introductions and companies ---------------------------------------------------------------------


def test_introduction_requests_move_on_with_follow_ups(svc: Services) -> None:
    target = add(svc, "Grace", "Hopper", company="US Navy")
    via = add(svc, "Ada", "Lovelace")
    intro = svc.request_introduction(target, via, note="about the compiler team", follow_up_in_days=7)
    assert (intro.status, intro.target_name, intro.via_name) == ("asked", "Grace Hopper", "Ada Lovelace")
    [chase] = svc.list_follow_ups()
    assert chase.contact_id == via and chase.due == svc.today() + timedelta(days=7)
    made = svc.advance_introduction(intro.id, "made", follow_up_in_days=2)
    assert made.status == "made"
    grace = svc.get_contact(target)
    assert grace.introduced_by_id == via and grace.last_contacted == svc.today()
    assert [i.kind for i in svc.list_interactions(target)] == ["introduction"]
    assert {f.contact_id for f in svc.list_follow_ups()} == {via, target}
    met = svc.advance_introduction(intro.id, "met", note="lunch")
    assert met.notes == "about the compiler team\nlunch"
    assert [i.id for i in svc.list_introductions()] == [intro.id]
    with pytest.raises(ValidationError):
        svc.advance_introduction(intro.id, "married")
    with pytest.raises(NotFoundError):
        svc.advance_introduction(999, "met")
    with pytest.raises(ValidationError):
        svc.request_introduction(target, target)
    with pytest.raises(NotFoundError):
        svc.request_introduction(target, 999)


def test_who_at_company_folds_case_and_accents(svc: Services) -> None:
    ada = add(svc, "Ada", "Lovelace", company="Société Générale", connected_on=date(2024, 5, 1))
    zoe = add(svc, "Zoë", "Martin", company="SOCIETE GENERALE SA", introduced_by_id=ada)
    add(svc, "Bob", "Other", company="Générale Optique")
    add(svc, "Eve", "Notes", company="Acme", notes="used to work at Société Générale")
    svc.log_interaction(zoe, "meeting", on=date(2026, 3, 1))
    people = svc.who_at_company("societe generale")
    assert [p.contact_id for p in people] == [ada, zoe]
    assert people[0].connected_on == date(2024, 5, 1)
    assert (people[1].introduced_by_name, people[1].last_contacted) == ("Ada Lovelace", date(2026, 3, 1))
    assert svc.who_at_company("nowhere") == []
    with pytest.raises(BadInputError):
        svc.who_at_company("  ")


# -- pitch and templates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "template",
    [
        "Hi {name}",
        "Hi {first_name.upper}",
        "Hi {0}",
        "Hi {}",
        "Hi {first_name!r}",
        "Hi {first_name:>10}",
        "Hi {first_name[0]}",
        "Hi {first_name",
        "Hi first_name}",
    ],
)
def test_bad_templates_are_reported_not_sent(svc: Services, template: str) -> None:
    cid = add(svc, "Ada", "Lovelace")
    with pytest.raises(ValidationError) as info:
        svc.render_message(template, [cid])
    assert info.value.field == "template"
    with pytest.raises(ValidationError):
        svc.set_template("bad", template)
    assert svc.list_interactions(cid) == []


def test_render_and_send_messages(svc: Services) -> None:
    ada = add(svc, "Ada", "Lovelace", company="Analytical Engines", position="Analyst")
    bob = add(svc, "Bob", "", company="")
    with pytest.raises(ValidationError, match="pitch"):
        svc.render_message("{pitch}", [ada])
    svc.set_pitch("I turn {messy} data into decisions.")
    svc.set_template("intro", "Hi {first_name}, {{still}} at {company}? {pitch}")
    assert svc.list_templates() == {"intro": "Hi {first_name}, {{still}} at {company}? {pitch}"}
    rendered = svc.render_message("intro", [ada, bob])
    assert rendered == [
        (ada, "Hi Ada, {still} at Analytical Engines? I turn {messy} data into decisions."),
        (bob, "Hi Bob, {still} at ? I turn {messy} data into decisions."),
    ]
    assert svc.render_message("Dear {display_name} ({position})", [ada]) == [
        (ada, "Dear Ada Lovelace (Analyst)")
    ]
    sent = svc.send_message("intro", [ada], follow_up_in_days=7)
    assert sent == rendered[:1]
    [logged] = svc.list_interactions(ada)
    assert (logged.kind, logged.summary) == ("message", rendered[0][1])
    [follow] = svc.list_follow_ups()
    assert follow.due == svc.today() + timedelta(days=7)
    with pytest.raises(NotFoundError):
        svc.send_message("intro", [ada, 999])
    assert len(svc.list_interactions(ada)) == 1  # all or nothing
    svc.set_template("intro", None)
    with pytest.raises(NotFoundError):
        svc.set_template("intro", None)


FLAGGED = [
    {"last_name": "Delacroix [LION]"},
    {"last_name": "Whitfield (LION) 28K+"},
    {"last_name": "Mensah ✔ LION®"},
    {"last_name": "Martin, LION", "position": "Headhunter | LION | 30,000+ connections"},
    {"last_name": "Okonkwo - Open Networker"},
    {"last_name": "Kowalczyk (MyLink500)"},
    {"position": "Recruiter | TopLinked.com | 25K+"},
    {"position": "Account Manager (open networker, no IDK)"},
    {"position": "Recruiter | I accept all invites"},
    {"last_name": "Grant theo.grant.connect@example.net"},
    {"tags": ("LION", "coach")},
    {"tags": ("lion;health",)},
]
NOT_FLAGGED = [
    {"last_name": "LION"},
    {"last_name": "Lion"},
    {"first_name": "Lionel"},
    {"first_name": "Leona"},
    {"last_name": "Lionetti"},
    {"last_name": "Scullion"},
    {"last_name": "Lyon"},
    {"company": "Sea Lion Aquatics"},
    {"company": "Riverside Lions Club"},
    {"company": "Lionheart Ventures"},
    {"company": "WhiteLion Media"},
    {"company": "Pavilion Partners"},
    {"company": "Stallion Logistics"},
    {"company": "Million Dollar Realty"},
    {"position": "Battalion Chief"},
    {"company": "Open Networking Labs"},
    {"position": "Java Developer (Oracle TopLink, JPA)"},
    {"position": "Engineer @Globex"},
    {"position": "Sales Lead @ Initech"},
    {"company": "@Home Studio"},
    {"last_name": "Horvat 🦁"},
    {"last_name": "Hargreave, CSM®"},
    {"tags": ("Lions Club",)},
]


def test_every_formats_example_through_the_database(svc: Services) -> None:
    flagged = set()
    for n, fields in enumerate([*FLAGGED, *NOT_FLAGGED]):
        values: dict[str, object] = {"first_name": "Person", "last_name": f"N{n}", **fields}
        cid = svc.add_contact(ContactDraft(**values)).id  # type: ignore[arg-type]
        if n < len(FLAGGED):
            flagged.add(cid)
    found = svc.detect_open_networkers(apply=True)
    assert {s.contact_id for s in found} == flagged
    assert all(s.reason and s.text for s in found)
    assert {s.contact_id for s in svc.open_networker_review()} == flagged


@pytest.mark.parametrize(
    ("template", "says"),
    [
        ("{0}", "positional"),
        ("{a.b}", "attribute"),
        ("{first_name[0]}", "attribute and index"),
        ("{first_name!r}", "conversions"),
        ("{company:>10}", "format specifications"),
        ("{nickname}", "not a known placeholder"),
        ("{}", "empty placeholder"),
        ("{first_name", "literal braces"),
    ],
)
def test_template_problems_say_what_is_wrong(template: str, says: str) -> None:
    from netcrm.core import templates

    found = templates.problems(template)
    assert found and says in found[0]
    assert templates.problems("{{first_name}} {first_name}") == []
    assert templates.render("{{x}} {first_name}}}", {"first_name": "{Ada}"}) == "{x} {Ada}}"
