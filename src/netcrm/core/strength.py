"""Relationship strength: a 0-100 score per contact from what happened between the user and them.

The formula (the README's "Relationship strength" says the same in words):

* Every event has a weight by kind (`WEIGHTS`): a meeting 3, a call 2, an introduction 2 (logged, or a
  contact whose "introduced by" is this person), a message or an e-mail 1, a follow-up done 1 (started by
  the user; its completion also logs a note), a note 0.5.
* Each weight decays with the event's age: ``weight * 0.5 ** (age_days / HALF_LIFE_DAYS)`` (half-life 90
  days), so last week counts nearly fully, last year an eighth. Events in the future count as today.
* ``volume`` is the sum of the decayed weights: recency and frequency in one number.
* Reciprocity: events the user started ("out") and the contact started ("in") are summed the same way;
  a one-sided relationship loses up to `ONE_SIDED_PENALTY` of its score, in proportion to how much of its
  volume is directed and how lopsided that is (a history of meetings only, with no direction, loses none).
* ``score = round(100 * (1 - exp(-volume / SATURATION)) * reciprocity)``: one message today is 15, a weekly
  exchange for three months about 80; it never reaches 100 by volume alone.

"Going cold": the score the contact had `COLD_LOOKBACK_DAYS` ago (counting only what had happened by then)
was at least `COLD_WAS_STRONG`, and nothing happened in the last `COLD_SILENT_DAYS`.

The store computes the per-contact sums (`Tally`) in one SQL pass (core/store/strength_sql.py); `tally`
below is the same sum in Python, for tests and for histories already in memory.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

HALF_LIFE_DAYS = 90.0
SATURATION = 6.0
ONE_SIDED_PENALTY = 0.4
RECENT_DAYS = 30
COLD_LOOKBACK_DAYS = 180
COLD_WAS_STRONG = 40
COLD_SILENT_DAYS = 90

#: What each kind of event is worth before decay. "follow_up" is a follow-up marked done, "introduced" a
#: contact this person introduced the user to; the others are interaction kinds (core/model.py).
WEIGHTS: dict[str, float] = {
    "meeting": 3.0,
    "call": 2.0,
    "introduction": 2.0,
    "introduced": 2.0,
    "message": 1.0,
    "email": 1.0,
    "follow_up": 1.0,
    "note": 0.5,
}
#: The kinds in the order a tally counts its recent events (and the store's SQL selects them).
KINDS = tuple(WEIGHTS)

_NOUNS = {
    "meeting": ("meeting", "meetings"),
    "call": ("call", "calls"),
    "introduction": ("introduction", "introductions"),
    "message": ("message", "messages"),
    "email": ("e-mail", "e-mails"),
    "follow_up": ("follow-up done", "follow-ups done"),
    "note": ("note", "notes"),
}


@dataclass(frozen=True, slots=True)
class Event:
    """One thing that happened with a contact: a kind of `WEIGHTS`, a day, and who started it."""

    kind: str
    on: date
    direction: str | None = None  # "out" (the user), "in" (the contact) or None


class Score(NamedTuple):
    """What the list, its filter and "Going cold" need of one contact (a tuple: 100k of them are made in
    the scoring pass, where a frozen dataclass cost a third of the time)."""

    score: int
    score_then: int
    last_on: date | None

    def going_cold(self, today: date) -> bool:
        """Strong COLD_LOOKBACK_DAYS ago, silent for COLD_SILENT_DAYS."""
        return is_going_cold(self.score_then, self.last_on, today)


def is_going_cold(score_then: int, last_on: date | None, today: date) -> bool:
    """Strong half a year ago, silent for months."""
    silent = last_on is None or (today - last_on).days >= COLD_SILENT_DAYS
    return silent and score_then >= COLD_WAS_STRONG


@dataclass(frozen=True, slots=True)
class Tally:
    """A contact's events summed for scoring: what one SQL pass (or `tally`) returns per contact."""

    contact_id: int
    volume: float = 0.0  # decayed weights, as of today
    volume_then: float = 0.0  # decayed weights of the events up to COLD_LOOKBACK_DAYS ago, as of then
    out: float = 0.0  # decayed weights of the events the user started
    in_: float = 0.0  # ... and of those the contact started
    last_on: date | None = None
    last_out: date | None = None
    last_in: date | None = None
    recent: tuple[int, ...] = (0,) * len(KINDS)  # events in the last RECENT_DAYS, by KINDS
    introduced: int = 0  # people this contact introduced the user to, ever

    @property
    def score(self) -> int:
        """The strength, 0-100."""
        return score_of(self.volume, self.out, self.in_)

    @property
    def score_then(self) -> int:
        """The strength COLD_LOOKBACK_DAYS ago (reciprocity left out: the directions then are not kept)."""
        return score_of(self.volume_then, 0.0, 0.0)

    def going_cold(self, today: date) -> bool:
        """Strong half a year ago, silent for months."""
        return is_going_cold(self.score_then, self.last_on, today)

    def light(self) -> Score:
        """The tally as the scoring pass returns it."""
        return Score(self.score, self.score_then, self.last_on)


def decay(age_days: float) -> float:
    """How much an event of this age still counts (1 today, 0.5 after HALF_LIFE_DAYS)."""
    return float(0.5 ** (max(age_days, 0.0) / HALF_LIFE_DAYS))


def reciprocity(volume: float, out: float, in_: float) -> float:
    """1 for a balanced (or undirected) history, down to 1 - ONE_SIDED_PENALTY for an all one-way one."""
    directed = out + in_
    if volume <= 0 or directed <= 0:
        return 1.0
    lopsided = abs(out - in_) / directed
    return 1.0 - ONE_SIDED_PENALTY * min(directed / volume, 1.0) * lopsided


def score_of(volume: float, out: float, in_: float) -> int:
    """The formula: saturating volume times reciprocity, rounded to 0-100."""
    raw = 100.0 * (1.0 - math.exp(-max(volume, 0.0) / SATURATION)) * reciprocity(volume, out, in_)
    return max(0, min(100, round(raw)))


def tally(contact_id: int, events: Iterable[Event], today: date) -> Tally:
    """The events' sums in one pass (what the store's SQL computes for every contact at once)."""
    volume = volume_then = out = in_ = 0.0
    last_on = last_out = last_in = None
    recent = [0] * len(KINDS)
    introduced = 0
    then = date.fromordinal(today.toordinal() - COLD_LOOKBACK_DAYS)
    for event in events:
        weight = WEIGHTS[event.kind]
        age = (today - event.on).days
        decayed = weight * decay(age)
        volume += decayed
        if event.on <= then:
            volume_then += weight * decay((then - event.on).days)
        if event.direction == "out":
            out += decayed
            last_out = max(last_out or event.on, event.on)
        elif event.direction == "in":
            in_ += decayed
            last_in = max(last_in or event.on, event.on)
        if event.kind == "introduced":
            introduced += 1
        else:
            last_on = max(last_on or event.on, event.on)
        if age <= RECENT_DAYS:
            recent[KINDS.index(event.kind)] += 1
    return Tally(
        contact_id, volume, volume_then, out, in_, last_on, last_out, last_in, tuple(recent), introduced
    )


def _ago(days: int) -> str:
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    if days < 730:
        return f"{days // 30} months ago"
    return f"{days // 365} years ago"


def reasons(t: Tally, today: date) -> str:
    """The score in words: "3 messages in the last month, you wrote last; introduced you to 2 people"."""
    parts: list[str] = []
    counted = [
        f"{n} {_NOUNS[kind][n != 1]}" for kind, n in zip(KINDS, t.recent, strict=True) if n and kind in _NOUNS
    ]
    if counted:
        parts.append(", ".join(counted) + " in the last month")
    elif t.last_on is not None:
        parts.append(f"last in touch {_ago((today - t.last_on).days)}")
    if t.last_out or t.last_in:
        out, in_ = t.last_out or date.min, t.last_in or date.min
        last = (
            "both of you reached out"
            if out == in_
            else ("you" if out > in_ else "they") + " reached out last"
        )
        parts[-1:] = [(parts[-1] + ", " if parts else "") + last]
    directed = t.out + t.in_
    if directed > 0 and t.volume > 0 and directed / t.volume > 0.5 and abs(t.out - t.in_) / directed > 0.8:
        parts.append("mostly one-way (" + ("you" if t.out > t.in_ else "they") + " reach out)")
    if t.introduced:
        parts.append(f"introduced you to {t.introduced} {'person' if t.introduced == 1 else 'people'}")
    if t.going_cold(today):
        parts.append("going cold")
    return "; ".join(parts) or "no interactions logged"
