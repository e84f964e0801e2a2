"""Tests for onrecord.events.dates: finding date expressions and resolving them with news rules."""

from __future__ import annotations

import datetime as dt

import pytest

from onrecord.events.dates import find_date_expressions, publication_fallback, resolve_date
from onrecord.model import EventDate, Span

D = dt.date

# (expression, published, value, granularity, basis)
RESOLVE_CASES = [
    # Weekdays: bare / "on" = most recent on or before publication.
    ("on Friday", D(2025, 1, 8), "2025-01-03", "day", "relative"),  # published Wednesday
    ("Friday", D(2025, 1, 3), "2025-01-03", "day", "relative"),  # published the same weekday
    ("on Monday", D(2025, 1, 6), "2025-01-06", "day", "relative"),  # Monday on a Monday
    ("Saturday", D(2025, 1, 3), "2024-12-28", "day", "relative"),  # day after -> week before
    ("on Friday", D(2025, 1, 5), "2025-01-03", "day", "relative"),  # published on a Sunday
    ("Sunday", D(2025, 1, 5), "2025-01-05", "day", "relative"),  # Sunday on a Sunday
    ("Monday", D(2025, 1, 5), "2024-12-30", "day", "relative"),  # Sunday: Monday of that week
    ("on Monday", D(2025, 1, 2), "2024-12-30", "day", "relative"),  # across the year end
    ("Friday’s", D(2025, 1, 8), "2025-01-03", "day", "relative"),  # curly possessive
    ("Tuesday night", D(2025, 1, 8), "2025-01-07", "day", "relative"),
    # last / next / this weekday.
    ("last Friday", D(2025, 1, 3), "2024-12-27", "day", "relative"),  # strictly before
    ("last Friday", D(2025, 1, 4), "2025-01-03", "day", "relative"),
    ("last Sunday", D(2025, 1, 5), "2024-12-29", "day", "relative"),
    ("next Tuesday", D(2025, 1, 7), "2025-01-14", "day", "relative"),  # strictly after
    ("next Tuesday", D(2025, 1, 5), "2025-01-07", "day", "relative"),
    ("this Friday", D(2025, 1, 6), "2025-01-10", "day", "relative"),  # same ISO week
    ("this Monday", D(2025, 1, 5), "2024-12-30", "day", "relative"),
    # Day words.
    ("yesterday", D(2025, 1, 1), "2024-12-31", "day", "relative"),
    ("today", D(2025, 1, 2), "2025-01-02", "day", "relative"),
    ("tomorrow", D(2024, 12, 31), "2025-01-01", "day", "relative"),
    ("this morning", D(2025, 1, 2), "2025-01-02", "day", "relative"),
    ("last night", D(2025, 1, 1), "2024-12-31", "day", "relative"),
    ("the day before yesterday", D(2024, 3, 1), "2024-02-28", "day", "relative"),
    ("yesterday", D(2024, 3, 1), "2024-02-29", "day", "relative"),  # leap day
    # Weeks: the month holding the week's middle day.
    ("last week", D(2025, 1, 2), "2024-12", "month", "relative"),
    ("last week", D(2025, 1, 8), "2025-01", "month", "relative"),  # Dec 30 - Jan 5
    ("this week", D(2025, 1, 1), "2025-01", "month", "relative"),
    ("earlier this week", D(2025, 1, 2), "2024-12", "month", "relative"),
    ("later this week", D(2024, 12, 30), "2025-01", "month", "relative"),  # Dec 31 - Jan 5
    ("next week", D(2024, 12, 20), "2024-12", "month", "relative"),
    # Months and years relative to publication.
    ("last month", D(2025, 1, 2), "2024-12", "month", "relative"),
    ("earlier this month", D(2025, 1, 2), "2025-01", "month", "relative"),
    ("later this month", D(2024, 2, 10), "2024-02", "month", "relative"),
    ("next month", D(2024, 12, 15), "2025-01", "month", "relative"),
    ("this year", D(2025, 1, 2), "2025", "year", "relative"),
    ("last year", D(2025, 1, 2), "2024", "year", "relative"),
    ("late last year", D(2025, 1, 2), "2024", "year", "relative"),
    ("earlier this year", D(2024, 6, 1), "2024", "year", "relative"),
    # Month names without a year.
    ("in December", D(2025, 1, 2), "2024-12", "month", "relative"),
    ("in June", D(2024, 6, 10), "2024-06", "month", "relative"),  # published in June
    ("June", D(2024, 5, 31), "2023-06", "month", "relative"),
    ("last June", D(2024, 6, 10), "2023-06", "month", "relative"),
    ("next June", D(2024, 6, 10), "2025-06", "month", "relative"),
    ("early December", D(2024, 12, 20), "2024-12", "month", "relative"),
    ("mid-December", D(2025, 1, 2), "2024-12", "month", "relative"),
    ("June 5", D(2024, 6, 5), "2024-06-05", "day", "relative"),
    ("June 5", D(2024, 6, 4), "2023-06-05", "day", "relative"),
    ("2nd of December", D(2025, 1, 2), "2024-12-02", "day", "relative"),
    ("Sept. 5", D(2025, 1, 2), "2024-09-05", "day", "relative"),
    ("February 29", D(2025, 3, 1), "2024-02-29", "day", "relative"),  # last leap day
    ("February 29", D(2024, 2, 28), "2020-02-29", "day", "relative"),
    # Counts with "ago".
    ("two days ago", D(2025, 1, 1), "2024-12-30", "day", "relative"),
    ("a week ago", D(2025, 1, 2), "2024-12-26", "day", "relative"),
    ("3 months ago", D(2025, 1, 2), "2024-10", "month", "relative"),
    ("a year ago", D(2025, 1, 2), "2024", "year", "relative"),
    # Explicit dates resolve with or without a publication date.
    ("December 2022", D(2025, 1, 2), "2022-12", "month", "explicit"),
    ("December 2022", None, "2022-12", "month", "explicit"),
    ("December of 2021", None, "2021-12", "month", "explicit"),
    ("December 2, 2022", None, "2022-12-02", "day", "explicit"),
    ("2 December 2022", None, "2022-12-02", "day", "explicit"),
    ("Friday, Dec. 2, 2022", D(2025, 1, 2), "2022-12-02", "day", "explicit"),
    ("2022-12-02", None, "2022-12-02", "day", "explicit"),
    ("February 29, 2024", None, "2024-02-29", "day", "explicit"),
    ("in 2019", None, "2019", "year", "explicit"),
    ("mid-2023", D(2025, 1, 2), "2023", "year", "explicit"),
    ("the 2nd of December 2022", None, "2022-12-02", "day", "explicit"),
    ("12/02/2022", None, "2022-12-02", "day", "explicit"),  # dateparser, month first
    # Impossible dates and durations are unresolved.
    ("February 29, 2023", D(2025, 1, 2), None, None, "unresolved"),
    ("2022-02-30", None, None, None, "unresolved"),
    ("two years", D(2025, 1, 2), None, None, "unresolved"),
    ("for three weeks", D(2025, 1, 2), None, None, "unresolved"),
    ("in almost two years", D(2025, 1, 2), None, None, "unresolved"),
    ("over the past decade", D(2025, 1, 2), None, None, "unresolved"),
    ("an hour ago", D(2025, 1, 2), None, None, "unresolved"),
    # Without a publication date anything relative is unresolved.
    ("on Friday", None, None, None, "unresolved"),
    ("yesterday", None, None, None, "unresolved"),
    ("last month", None, None, None, "unresolved"),
    ("in June", None, None, None, "unresolved"),
    ("June 5", None, None, None, "unresolved"),
    ("two days ago", None, None, None, "unresolved"),
]


@pytest.mark.parametrize(
    ("expression", "published", "value", "granularity", "basis"), RESOLVE_CASES
)
def test_resolve_date(expression, published, value, granularity, basis):
    assert resolve_date(expression, published) == EventDate(value, granularity, None, basis)


def test_enough_resolve_rows():
    assert len(RESOLVE_CASES) >= 45


def test_resolve_date_attaches_span_and_accepts_datetime():
    span = Span(3, 9, "Friday")
    result = resolve_date("Friday", dt.datetime(2025, 1, 8, 23, 30), span=span)
    assert result == EventDate("2025-01-03", "day", span, "relative")


def test_publication_fallback():
    assert publication_fallback(D(2024, 2, 29)) == EventDate(
        "2024-02-29", "day", None, "publication"
    )
    assert publication_fallback(None) == EventDate(None, None, None, "unresolved")


# (sentence, expected spans as (start, end, text))
FIND_CASES = [
    ("The two leaders held their first direct contact in almost two years.", []),
    ("The summit was first proposed in December 2022.", [(33, 46, "December 2022")]),
    ("During Friday’s call, Xi pressed Biden on Taiwan.", [(7, 13, "Friday")]),
    (
        "Officials met on Friday, December 2, 2022, and again on 9 December 2022.",
        [(17, 41, "Friday, December 2, 2022"), (56, 71, "9 December 2022")],
    ),
    (
        "Talks resumed yesterday after a dinner last night; the envoy left this morning.",
        [(14, 23, "yesterday"), (39, 49, "last night"), (66, 78, "this morning")],
    ),
    (
        "Last week the minister, who took office in 2019, said mid-2023 was the target.",
        [(0, 9, "Last week"), (43, 47, "2019"), (54, 62, "mid-2023")],
    ),
    (
        "He arrived two days ago and will stay for three weeks, the longest visit in two years.",
        [(11, 23, "two days ago")],
    ),
    ("Growth over the past decade slowed, and over the last week it stalled.", []),
    ("It is the first visit since 2019, and the deal must be signed by Friday.", []),
    ("Markets open every Friday; the vote is on the last Friday of November.", []),
    ("The report, published 2022-12-02, covers the 2019-20 season.", [(22, 32, "2022-12-02")]),
    (
        "Voters may go to the polls in May, he said earlier this month.",
        [(30, 33, "May"), (43, 61, "earlier this month")],
    ),
    (
        "Since Friday's call, the talks planned for next Tuesday have been delayed.",
        [(6, 12, "Friday"), (43, 55, "next Tuesday")],
    ),
    ("Nearly 1990 delegates came; 2019 was a record year.", []),
    (
        "They last met in June, on Dec. 5, at the end of 2021.",
        [
            (17, 21, "June"),
            (26, 32, "Dec. 5"),
            (48, 52, "2021"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), FIND_CASES)
def test_find_date_expressions(text, expected):
    spans = find_date_expressions(text)
    assert [(s.start, s.end, s.text) for s in spans] == expected
    assert all(text[s.start : s.end] == s.text for s in spans)


def test_found_spans_resolve_against_publication():
    text = (
        "On Friday, the envoy said talks last month and in early December had stalled; "
        "two days ago, and again yesterday, aides met."
    )
    published = D(2025, 1, 2)
    resolved = [
        (s.text, resolve_date(s.text, published, span=s)) for s in find_date_expressions(text)
    ]
    assert [(t, r.value, r.granularity, r.basis) for t, r in resolved] == [
        ("Friday", "2024-12-27", "day", "relative"),
        ("last month", "2024-12", "month", "relative"),
        ("early December", "2024-12", "month", "relative"),
        ("two days ago", "2024-12-31", "day", "relative"),
        ("yesterday", "2025-01-01", "day", "relative"),
    ]
    assert all(r.span is not None and r.span.text == t for t, r in resolved)
