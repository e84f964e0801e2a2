"""Find date expressions in news text and resolve them against the publication date.

Why this module exists: news copy dates events relative to the day the story ran ("on
Friday", "last month", "two days ago"), and a general-purpose parser reads those phrases
with the wrong conventions. dateparser, for instance, resolves a bare "Friday" in a story
published on a Friday to the Friday one week earlier, and it happily turns durations such as
"two years" into a date. So the common newsroom forms are matched and resolved here by
explicit, documented rules; dateparser is only a fallback for odd explicit strings a caller
hands to :func:`resolve_date`, and it is only ever given the expression, never the article.

What counts as a date expression (:func:`find_date_expressions`)
    * weekdays, optionally with last / next / this, and the possessive "Friday's call";
    * yesterday, today, tomorrow, tonight, last night, this morning / afternoon / evening,
      the day before yesterday;
    * last / this / next week | month | year, earlier / later this week | month | year,
      optionally led by early / late ("late last year");
    * month names with a day, in both orders and with an optional year ("December 2, 2022",
      "2 December 2022", "Dec. 2", "2nd of December"), optionally led by a weekday
      ("Friday, December 2, 2022"); month and year ("December 2022", "June of 2021");
      a bare month only after in / during / from / before / after / through / "end of" and
      the like, with last / next / this / early / mid- / late, or as a possessive ("in June",
      "last June", "mid-December", "December's summit"), so the verb "may" and a name such as
      "June" alone are not taken for months;
    * ISO dates (2022-12-02); years 1900-2099 after the same prepositions ("in 2019") or led
      by early / mid- / late ("mid-2023"), never a sentence-initial "2019 was..." (edited copy
      writes counts of 1,000 and more with a comma, so "in 2019" is a year);
    * a count of days / weeks / months / years followed by "ago" ("two days ago").

    Spans cover the expression itself: a leading preposition ("on", "in") and a possessive
    "'s" are left out, while words that change the meaning (last, next, this, early, mid-,
    late, ago) are kept. Month and weekday names must be capitalised, as in edited copy.

    Not dates (the duration rule): a quantity of time is a date only when it is anchored by
    "ago". "in almost two years", "for three weeks", "two years", "over the past decade",
    "the last week" and "the next month" are lengths of time and are never returned; neither
    is "last week" after "the". Expressions governed by since / until / till / by are bounds
    of a period, not the time an event happened, and are skipped too ("the first talks since
    2019"), except a possessive ("since Friday's call" still dates the call). Recurring and
    ordinal weekdays ("every Friday", "the last Friday of November") are skipped. Not found:
    seasons, weekends, decades, clock times, numeric dates with slashes (handed to
    :func:`resolve_date`, "12/02/2022" goes to dateparser and is read month first).

How expressions resolve (:func:`resolve_date`)
    * "Friday" / "on Friday": the most recent Friday on or before publication (a story
      published on a Friday means that same day).
    * "last Friday": the most recent Friday strictly before the publication day (published on
      a Friday, it is the Friday seven days earlier; published on a Saturday, the day before).
    * "next Friday": the first Friday strictly after publication; "this Friday": the Friday of
      the publication's ISO week (Monday to Sunday), which may be after publication.
    * yesterday = publication - 1; today, tonight, this morning / afternoon / evening =
      publication; tomorrow = publication + 1; "last night" = publication - 1 (stories are
      filed or updated the morning after); "the day before yesterday" = publication - 2.
    * Weeks: there is no week granularity, and naming one day of a week would be false
      precision, so a week becomes the month holding its middle day (Thursday for a whole
      week, as in ISO 8601 week numbering), i.e. the month holding most of it. "last week" is
      the previous Monday-to-Sunday week, "this week" the publication's, "next week" the
      following one; "earlier this week" runs from Monday to the day before publication and
      "later this week" from the day after publication to Sunday.
    * "last / this / next month" and "earlier / later this month": the previous, the
      publication, the next month (month granularity); likewise years (year granularity).
    * Month names without a year: "June" / "in June" is the most recent June not after the
      publication month (published in June: that June); "last June" is the most recent one
      strictly before the publication month, "next June" the first one after it, "this June"
      the June of the publication year. "June 5" without a year is the most recent June 5 on
      or before publication (so "February 29" finds the last leap day). All are relative.
    * "December 2022" is an explicit month, "December 2, 2022" an explicit day, "2019" and
      "mid-2023" explicit years: early / mid / late only narrow a period inside the value's
      granularity, so they do not change the value.
    * "N days ago" and "N weeks ago" are literal day arithmetic; "N months ago" gives a month
      and "N years ago" a year.
    * With no publication date, anything relative is unresolved (value and granularity None);
      expressions that carry their own year still resolve. Impossible dates are unresolved.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from onrecord.model import DateBasis, EventDate, Granularity, Span

__all__ = ["find_date_expressions", "publication_fallback", "resolve_date"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_ABBREVIATIONS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH_NUMBER = {name: i for i, name in enumerate(MONTHS, start=1)} | _MONTH_ABBREVIATIONS
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
}

# --------------------------------------------------------------------------------------------
# Finding expressions. Month and weekday names are matched capitalised (edited news copy);
# the other keywords case-insensitively.

_WEEKDAY = "(?<![\\w])(?:" + "|".join(w.capitalize() for w in WEEKDAYS) + ")(?![A-Za-z])"
_MONTH_FULL = "(?<![\\w])(?:" + "|".join(m.capitalize() for m in MONTHS) + ")(?![A-Za-z])"
_MONTH_ABBR = "(?<![\\w])(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\\.|(?![A-Za-z]))"
_MONTH_ANY = f"(?:{_MONTH_FULL}|{_MONTH_ABBR})"
_DAY = r"(?<!\d)(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\w])"
_YEAR = r"(?<![\w])(?:19|20)\d\d(?![\w]|[-–]\d)"
_QUALIFIER = r"(?<![\w])(?i:early|mid|late)(?:-|\s+)"
_NUMBER = "(?:" + "|".join(_NUMBER_WORDS) + r"|\d{1,3})"
_WEEKDAY_LEAD = rf"(?:{_WEEKDAY},?\s+)?"

_ISO = re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w]|-\d)")
_MONTH_DAY = re.compile(rf"{_WEEKDAY_LEAD}{_MONTH_ANY}\s*{_DAY}(?:,?\s+{_YEAR})?")
_DAY_MONTH = re.compile(rf"{_WEEKDAY_LEAD}{_DAY}\s+(?:of\s+)?{_MONTH_ANY}(?:,?\s+{_YEAR})?")
_MONTH_YEAR = re.compile(rf"(?:{_QUALIFIER})?{_MONTH_ANY}\s+(?:of\s+)?{_YEAR}")
_MONTH_ALONE = re.compile(rf"(?:(?<![\w])(?i:last|next|this)\s+|{_QUALIFIER})?{_MONTH_FULL}")
_YEAR_QUALIFIED = re.compile(rf"{_QUALIFIER}{_YEAR}")
_YEAR_ALONE = re.compile(_YEAR)
_WEEKDAY_ALONE = re.compile(rf"(?:(?<![\w])(?i:last|next|this)\s+)?{_WEEKDAY}")
_DAY_WORD = re.compile(
    r"(?<![\w])(?i:(?:the\s+)?day\s+before\s+yesterday|yesterday|today|tomorrow|tonight"
    r"|last\s+night|this\s+(?:morning|afternoon|evening))(?![\w])"
)
_PERIOD = re.compile(
    r"(?<![\w])(?i:(?:(?:early|late)\s+)?(?:last|this|next)|(?:earlier|later)\s+this)"
    r"\s+(?i:week|month|year)(?![\w])"
)
_AGO = re.compile(rf"(?<![\w])(?i:{_NUMBER}\s+(?:day|week|month|year)s?\s+ago)(?![\w])")

# Context rules, applied to the text just before / after a candidate.
_BOUND_BEFORE = re.compile(r"(?i:\b(?:since|until|till|by)\s+)$")
_THE_BEFORE = re.compile(r"(?i:\bthe\s+)$")
_POSSESSIVE_AFTER = re.compile(r"^['’]s?(?![\w])")
_WEEKDAY_NOT_AFTER = re.compile(
    r"(?i:\b(?:every|each|the|a|first|second|third|fourth|fifth|final|last|next|this)\s+)$"
)
_WEEKDAY_NOT_BEFORE = re.compile(r"^\s+of\b")
_MONTH_CONTEXT_BEFORE = re.compile(
    r"(?i:\b(?:in|during|from|before|after|through"
    r"|(?:end|start|beginning|middle|rest|spring|summer|autumn|fall|winter)\s+of)\s+)$"
)
_MONTH_NOT_AFTER = re.compile(r"(?i:\b(?:every|each)\s+)$")
_YEAR_CONTEXT_BEFORE = _MONTH_CONTEXT_BEFORE


def _possessive(text: str, end: int) -> bool:
    return bool(_POSSESSIVE_AFTER.match(text[end : end + 3]))


def _accept(kind: str, text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 40) : start]
    possessive = _possessive(text, end)
    if _BOUND_BEFORE.search(before) and not possessive:
        return False
    if kind == "period":
        return not _THE_BEFORE.search(before)
    if kind == "weekday":
        if _WEEKDAY_NOT_BEFORE.match(text[end : end + 4]):
            return False
        return not _WEEKDAY_NOT_AFTER.search(before)
    if kind == "month":
        if _MONTH_NOT_AFTER.search(before):
            return False
        qualified = not re.match(_MONTH_FULL, text[start:end])
        return qualified or possessive or bool(_MONTH_CONTEXT_BEFORE.search(before))
    if kind == "year":
        return possessive or bool(_YEAR_CONTEXT_BEFORE.search(before))
    if kind == "iso":
        return _iso_date(text[start:end]) is not None
    return True


_FINDERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", _ISO),
    ("explicit", _MONTH_DAY),
    ("explicit", _DAY_MONTH),
    ("explicit", _MONTH_YEAR),
    ("month", _MONTH_ALONE),
    ("explicit", _YEAR_QUALIFIED),
    ("year", _YEAR_ALONE),
    ("weekday", _WEEKDAY_ALONE),
    ("keyword", _DAY_WORD),
    ("period", _PERIOD),
    ("ago", _AGO),
)


def find_date_expressions(text: str) -> list[Span]:
    """Date expressions in ``text``, in order, as non-overlapping spans.

    Where candidates overlap the longest wins ("Friday, December 2, 2022" over "Friday").
    The rules (what is a date, what is a duration) are in the module docstring.
    """
    candidates: list[tuple[int, int]] = []
    for kind, pattern in _FINDERS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if _accept(kind, text, start, end):
                candidates.append((start, end))
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(set(candidates), key=lambda c: (c[0] - c[1], c[0])):
        if all(end <= s or start >= e for s, e in chosen):
            chosen.append((start, end))
    return [Span.of(text, start, end) for start, end in sorted(chosen)]


# --------------------------------------------------------------------------------------------
# Resolving expressions. Everything below works on a normalised, lower-case expression.

_R_WEEKDAY = "(?P<weekday>" + "|".join(WEEKDAYS) + ")"
_R_MONTH = "(?P<month>" + "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True)) + r")\.?"
_R_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_R_YEAR = r"(?P<year>\d{4})"
_R_QUAL = r"(?:(?:early|mid|late)(?:-|\s+))?"
_R_WEEKDAY_LEAD = rf"(?:{_R_WEEKDAY},?\s+)?"

_R_ISO = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")
_R_MONTH_DAY = re.compile(rf"{_R_WEEKDAY_LEAD}{_R_MONTH}\s*{_R_DAY}(?:,?\s+{_R_YEAR})?")
_R_DAY_MONTH = re.compile(rf"{_R_WEEKDAY_LEAD}{_R_DAY}\s+(?:of\s+)?{_R_MONTH}(?:,?\s+{_R_YEAR})?")
_R_MONTH_YEAR = re.compile(rf"{_R_QUAL}{_R_MONTH}\s+(?:of\s+)?{_R_YEAR}")
_R_MONTH_ALONE = re.compile(rf"(?:(?P<rel>last|next|this)\s+)?{_R_QUAL}{_R_MONTH}")
_R_YEAR_ALONE = re.compile(rf"{_R_QUAL}{_R_YEAR}")
_R_WEEKDAY_ALONE = re.compile(rf"(?:(?P<rel>last|next|this)\s+)?{_R_WEEKDAY}")
_R_PERIOD = re.compile(
    r"(?:(?:early|late)\s+)?(?P<rel>last|this|next|earlier\s+this|later\s+this)"
    r"\s+(?P<unit>week|month|year)"
)
_R_AGO = re.compile(
    "(?P<n>" + "|".join(_NUMBER_WORDS) + r"|\d{1,3})\s+(?P<unit>day|week|month|year)s?\s+ago"
)
_R_TIME_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
_DAY_OFFSETS = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": -1,
    "last night": -1,
    "day before yesterday": -2,
    "tomorrow": 1,
    "day after tomorrow": 2,
}
_LEADING_WORDS = re.compile(r"^(?:(?:on|in|at|during|the|of|since|until|till|by|from)\s+)+")
_RELATIVE_WORDS = re.compile(
    r"\b(?:ago|yesterday|today|tonight|tomorrow|last|next|this|earlier|later|now|"
    r"before|after|week|weekend|" + "|".join(WEEKDAYS) + r")\b"
)
_NOT_FOR_DATEPARSER = re.compile(
    r"\b(?:for|over|within|past|in|during|throughout|around|about|almost|nearly)\b"
    r"|\b(?:second|minute|hour|decade|centur(?:y|ies))s?\b"
    r"|^\s*(?:a|an|\d+|" + "|".join(_NUMBER_WORDS) + r")\s+(?:day|week|month|year)s?\s*$"
)

_Resolved = tuple[str | None, Granularity | None, DateBasis]
_UNRESOLVED: _Resolved = (None, None, "unresolved")


def _normalise(expression: str) -> str:
    text = expression.replace("’", "'").replace("‘", "'").replace("–", "-").strip().lower()
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"'s?$", "", text).strip(" ,.;:")
    return _LEADING_WORDS.sub("", text)


def _iso_date(expression: str) -> dt.date | None:
    match = _R_ISO.fullmatch(expression.strip())
    if not match:
        return None
    return _make_date(int(match["year"]), int(match["month"]), int(match["day"]))


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _day(value: dt.date, basis: DateBasis) -> _Resolved:
    return value.isoformat(), "day", basis


def _interval(start: dt.date, end: dt.date) -> _Resolved:
    """A stretch of days as the month holding its middle day (a month when it fits in one)."""
    middle = start + (end - start) // 2
    return _month_value(middle.year, middle.month), "month", "relative"


def _resolve_weekday(rel: str | None, weekday: int, published: dt.date) -> _Resolved:
    today = published.weekday()
    if rel == "last":
        value = published - dt.timedelta(days=(today - weekday) % 7 or 7)
    elif rel == "next":
        value = published + dt.timedelta(days=(weekday - today) % 7 or 7)
    elif rel == "this":
        value = published + dt.timedelta(days=weekday - today)
    else:
        value = published - dt.timedelta(days=(today - weekday) % 7)
    return _day(value, "relative")


def _resolve_day_month(
    day: int, month: int, year: int | None, published: dt.date | None
) -> _Resolved:
    if year is not None:
        value = _make_date(year, month, day)
        return _day(value, "explicit") if value else _UNRESOLVED
    if published is None or _make_date(2000, month, day) is None:
        return _UNRESOLVED
    for candidate_year in range(published.year, published.year - 9, -1):
        value = _make_date(candidate_year, month, day)
        if value is not None and value <= published:
            return _day(value, "relative")
    return _UNRESOLVED


def _resolve_month(rel: str | None, month: int, published: dt.date) -> _Resolved:
    year = published.year
    if rel == "last":
        year -= 1 if month >= published.month else 0
    elif rel == "next":
        year += 1 if month <= published.month else 0
    elif rel != "this":
        year -= 1 if month > published.month else 0
    return _month_value(year, month), "month", "relative"


def _resolve_period(rel: str, unit: str, published: dt.date) -> _Resolved:
    rel = rel.replace(" ", "_")
    if unit == "year":
        offset = {"last": -1, "next": 1}.get(rel, 0)
        return f"{published.year + offset:04d}", "year", "relative"
    if unit == "month":
        offset = {"last": -1, "next": 1}.get(rel, 0)
        year, month = _shift_month(published.year, published.month, offset)
        return _month_value(year, month), "month", "relative"
    monday = published - dt.timedelta(days=published.weekday())
    sunday = monday + dt.timedelta(days=6)
    one_day = dt.timedelta(days=1)
    if rel == "earlier_this":
        return _interval(monday, max(monday, published - one_day))
    if rel == "later_this":
        return _interval(min(published + one_day, sunday), sunday)
    weeks = {"last": -1, "next": 1}.get(rel, 0)
    start = monday + dt.timedelta(weeks=weeks)
    return _interval(start, start + dt.timedelta(days=6))


def _resolve_ago(count: int, unit: str, published: dt.date) -> _Resolved:
    if unit == "day":
        return _day(published - dt.timedelta(days=count), "relative")
    if unit == "week":
        return _day(published - dt.timedelta(weeks=count), "relative")
    if unit == "month":
        year, month = _shift_month(published.year, published.month, -count)
        return _month_value(year, month), "month", "relative"
    return f"{published.year - count:04d}", "year", "relative"


def _explicit_rules(text: str, published: dt.date | None) -> _Resolved | None:
    """Forms that may carry their own year; ``None`` when no rule applies."""
    if _R_ISO.fullmatch(text):
        value = _iso_date(text)
        return _day(value, "explicit") if value else _UNRESOLVED
    for pattern in (_R_MONTH_DAY, _R_DAY_MONTH):
        if match := pattern.fullmatch(text):
            year = int(match["year"]) if match["year"] else None
            month = _MONTH_NUMBER[match["month"]]
            return _resolve_day_month(int(match["day"]), month, year, published)
    if match := _R_MONTH_YEAR.fullmatch(text):
        return _month_value(int(match["year"]), _MONTH_NUMBER[match["month"]]), "month", "explicit"
    if match := _R_YEAR_ALONE.fullmatch(text):
        return match["year"], "year", "explicit"
    return None


def _relative_rules(text: str, published: dt.date) -> _Resolved | None:
    """Forms that need the publication date; ``None`` when no rule applies."""
    key = re.sub(rf"^(yesterday|today|tomorrow){_R_TIME_OF_DAY}$", r"\1", text)
    if key in _DAY_OFFSETS:
        return _day(published + dt.timedelta(days=_DAY_OFFSETS[key]), "relative")
    if match := re.fullmatch(rf"{_R_WEEKDAY_ALONE.pattern}{_R_TIME_OF_DAY}", text):
        return _resolve_weekday(match["rel"], WEEKDAYS.index(match["weekday"]), published)
    if match := _R_MONTH_ALONE.fullmatch(text):
        if match["month"] in _MONTH_ABBREVIATIONS:
            return None
        return _resolve_month(match["rel"], _MONTH_NUMBER[match["month"]], published)
    if match := _R_PERIOD.fullmatch(text):
        return _resolve_period(match["rel"], match["unit"], published)
    if match := _R_AGO.fullmatch(text):
        number = match["n"]
        count = int(number) if number.isdigit() else _NUMBER_WORDS[number]
        return _resolve_ago(count, match["unit"], published)
    return None


def _dateparser_settings(published: dt.date | None) -> dict[str, Any]:
    base = published or dt.date(2000, 1, 1)
    settings: dict[str, Any] = {
        "PREFER_DATES_FROM": "past",
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    if published is None:
        settings["REQUIRE_PARTS"] = ["year"]
    return settings


def _with_dateparser(text: str, published: dt.date | None) -> _Resolved:
    """Last resort for forms the rules above do not know, guarded against durations."""
    if not text or _NOT_FOR_DATEPARSER.search(text):
        return _UNRESOLVED
    explicit = bool(re.search(r"(?<!\d)\d{4}(?!\d)", text)) and not _RELATIVE_WORDS.search(text)
    if published is None and not explicit:
        return _UNRESOLVED
    from dateparser.date import DateDataParser  # slow to import; only needed here

    parser = DateDataParser(languages=["en"], settings=_dateparser_settings(published))
    data = parser.get_date_data(text)
    if data.date_obj is None:
        return _UNRESOLVED
    value = data.date_obj.date()
    basis: DateBasis = "explicit" if explicit else "relative"
    if data.period == "day":
        return _day(value, basis)
    if data.period == "month":
        return _month_value(value.year, value.month), "month", basis
    if data.period == "year":
        return f"{value.year:04d}", "year", basis
    return _UNRESOLVED


@lru_cache(maxsize=4096)
def _resolve(text: str, published: dt.date | None) -> _Resolved:
    try:
        resolved = _resolve_rules(text, published)
    except OverflowError:  # "last week" from 0001-01-01, "next week" from 9999-12-31
        return _UNRESOLVED
    if resolved[0] and re.search(r"\d{5}", resolved[0]):  # "next year" from 9999: year 10000
        return _UNRESOLVED
    return resolved


def _resolve_rules(text: str, published: dt.date | None) -> _Resolved:
    resolved = _explicit_rules(text, published)
    if resolved is not None:
        return resolved
    if published is not None:
        resolved = _relative_rules(text, published)
        if resolved is not None:
            return resolved
    elif _relative_rules(text, dt.date(2000, 1, 1)) is not None:
        return _UNRESOLVED
    return _with_dateparser(text, published)


def resolve_date(
    expression: str, published: dt.date | None, *, span: Span | None = None
) -> EventDate:
    """Resolve one date expression against the publication date (rules: module docstring).

    ``expression`` may carry a leading preposition ("on Friday", "in 2019") or a possessive
    ("Friday's"); ``span``, when given, is attached to the result as is.
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    value, granularity, basis = _resolve(_normalise(expression), published)
    return EventDate(value, granularity, span, basis)


def publication_fallback(published: dt.date | None) -> EventDate:
    """The publication day itself, for events the text does not date (unresolved without it)."""
    if published is None:
        return EventDate(None, None, None, "unresolved")
    if isinstance(published, dt.datetime):
        published = published.date()
    return EventDate(published.isoformat(), "day", None, "publication")
