"""Typed values in news sentences — counts, money, percentages, durations, dates, weekdays, times,
ages — normalised to intervals so that two reports can be checked for compatibility.

A value written with a qualifier is a range, not a point: "more than three hours" is [3, ∞) hours,
"about two hours" is [1.5, 2.5], "nearly 20" is [16, 20], "12 to 15" is [12, 15]. Two values are
compatible when their intervals overlap, so "two hours" agrees with "about two hours" and conflicts
with "more than three hours". Bounds are closed on purpose ("more than 200" is compatible with
"200"): reporters round, and a false "the sources differ" costs the reader more than a missed one.
A bare number is as precise as it is written: "1.2 million" covers 1.15–1.25 million.

Parsing here is regex only; `newsbrief.compare` decides which numbers to read (spaCy's numeric
entities, so "Route 66" and "COVID-19" are skipped) and what each one measures.

>>> parse_value("more than three hours").describe()
'≥ 3 hours'
>>> parse_value("about two hours").compatible(parse_value("two hours"))
True
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

INF = math.inf
APPROX = 0.25  # "about 200" covers 150–250: lenient, since a false conflict is worse than a missed one
NEARLY = 0.2  # "nearly 20" covers 16–20
TIME_SLACK = 5.0  # minutes either side of a clock time as written ("5:15 p.m.")

_UNITS = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip
_SCALES = {
    "hundred": 100,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "bn": 1e9,
    "tn": 1e12,
}
_VAGUE = {  # plural round numbers: a range, not a point
    "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2e3, 9999), "millions": (2e6, 999e6),
    "billions": (2e9, 999e9), "tens of thousands": (2e4, 99999), "hundreds of thousands": (2e5, 999999), "several": (3, 9),
    "a few": (2, 6), "a couple of": (2, 3), "a couple": (2, 3), "a handful of": (2, 6),
}  # fmt: skip
_WORD = r"(?:" + "|".join(sorted((w for w in _UNITS if len(w) > 2), key=len, reverse=True)) + r"|hundred|thousand|million|billion|trillion)\b"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s*(?:hundred|thousand|million|billion|trillion)\b|(?:k|m|mn|bn|tn)\b)"
NUMBER = (
    r"(?:tens\s+of\s+thousands|hundreds\s+of\s+thousands|dozens|scores|hundreds|thousands|millions|billions"
    r"|several|a\s+few|a\s+couple(?:\s+of)?|a\s+handful\s+of"
    rf"|(?:{_DIGITS}){_SCALE}?(?:\s+and\s+a\s+half)?"
    rf"|(?:an?\s+)?{_WORD}(?:(?:\s+|-|\s+and\s+)(?:{_WORD}|a\s+half|half))*"
    r"|a\s+half|half(?:\s+an?)?|an?(?=[\s-]+(?:second|minute|hour|day|night|week|fortnight|month|year|decade|century)))"
)
_QUALIFIERS = {
    "min": r"more\s+than|over|above|upwards\s+of|in\s+excess\s+of|at\s+least|no\s+(?:fewer|less)\s+than"
    r"|just\s+(?:over|more\s+than)|exceeding|beyond|a\s+minimum\s+of",
    "max": r"(?:less|fewer)\s+than|under|below|up\s+to|as\s+many\s+as|as\s+much\s+as|at\s+most|no\s+more\s+than"
    r"|a\s+maximum\s+of|just\s+under|within",
    "nearly": r"nearly|almost|close\s+to|approaching|just\s+shy\s+of",
    "approx": r"about|around|approximately|roughly|some|an\s+estimated|estimated|circa|more\s+or\s+less|or\s+so|an\s+approximate",
    "exact": r"exactly|precisely|just|only",
}
_UNIT_RANGE = re.compile(
    r"(\w)\s*(?P<unit>second|minute|hour|day|week|month|year|percent|%)s?\s*(to|-|–|and|or)\s+(?=\S+\s*(?P=unit))", re.IGNORECASE
)
QUALIFIER = "|".join(f"(?P<{name}>{pattern})" for name, pattern in _QUALIFIERS.items())
_QUALIFIED = re.compile(rf"^\s*(?:(?:{QUALIFIER})\s+)?(?P<body>.*?)\s*$", re.IGNORECASE | re.DOTALL)
_RANGE = re.compile(
    rf"^(?:between\s+|from\s+)?(?P<a>{NUMBER})\s*(?:-|–|to|and|or)\s*(?:us\$|\$|€|£)?\s*(?P<b>{NUMBER})\b(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_HYPHEN_SCALE = re.compile(r"(\d)-(hundred|thousand|million|billion|trillion)\b", re.IGNORECASE)
_LEADING_NUMBER = re.compile(rf"^(?P<n>{NUMBER})(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)

DURATION_HOURS = {
    "second": 1 / 3600, "sec": 1 / 3600, "minute": 1 / 60, "min": 1 / 60, "hour": 1.0, "hr": 1.0, "day": 24.0, "night": 24.0,
    "week": 168.0, "fortnight": 336.0, "month": 730.0, "year": 8766.0, "decade": 87660.0, "century": 876600.0,
}  # fmt: skip
_DURATION = re.compile(r"^[\s-]*(second|sec|minute|min|hour|hr|day|night|week|fortnight|month|year|decade|century)s?\b", re.IGNORECASE)
_AGE = re.compile(r"^[\s-]*(day|week|month|year)s?[\s-]+(?:old|of\s+age)\b", re.IGNORECASE)
_AGE_YEARS = {"day": 1 / 365.25, "week": 7 / 365.25, "month": 1 / 12, "year": 1.0}
DIFFERENT_FIGURES = 0.05  # two hedged figures this far apart (of the larger) are different figures, not one rounded
EXACT_SLACK = 0.005  # a number as written still differs by conversion rounding: 19,350 ft and 19,356 ft are one height
CURRENCIES = {"$": "USD", "us$": "USD", "c$": "CAD", "a$": "AUD", "nz$": "NZD", "hk$": "HKD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP", "sterling": "GBP",
    "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupee": "INR", "rupees": "INR", "usd": "USD", "eur": "EUR", "gbp": "GBP",
}  # fmt: skip
_CURRENCY_PREFIX = re.compile(r"^\s*(us\$|c\$|a\$|nz\$|hk\$|\$|€|£|¥|₹|usd|eur|gbp)\s*", re.IGNORECASE)
_CURRENCY_SUFFIX = re.compile(
    r"^\s*(?:u\.?s\.?\s+)?(dollars?|euros?|pounds?(?:\s+sterling)?|sterling|yen|yuan|renminbi|rupees?)\b", re.IGNORECASE
)
_PERCENT = re.compile(r"^\s*(%|per\s*cent|percent|percentage\s+points?|points?)\b|^\s*%", re.IGNORECASE)

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5, "jun": 6,
    "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
    "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
WEEKDAY_NAMES = tuple(WEEKDAYS)
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?"
    r"|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_MDY = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?", re.IGNORECASE)
_DATE_DMY = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?", re.IGNORECASE)
_DATE_MY = re.compile(rf"\b{_MONTH}\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
_YEAR = re.compile(r"^(?:in\s+|the\s+year\s+)?(?P<year>(?:19|20)\d\d)$", re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
_CLOCK = re.compile(
    r"\b(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?)(?=$|[\s,;)])|\b(?P<word>noon|midday|midnight)\b", re.IGNORECASE
)
_CLOCK_QUALIFIERS = (
    (re.compile(r"\b(?:shortly|just|soon)\s+after\s*$", re.I), (0.0, 45.0)),
    (re.compile(r"\b(?:shortly|just)\s+before\s*$", re.I), (-45.0, 0.0)),
    (re.compile(r"\b(?:about|around|approximately|roughly|nearly|almost|circa)\s*$", re.I), (-30.0, 30.0)),
    (re.compile(r"\b(?:after|since)\s*$", re.I), (0.0, 360.0)),
    (re.compile(r"\b(?:before|by|until)\s*$", re.I), (-360.0, 0.0)),
)
_RELATIVE = re.compile(r"\b(?:ago|later|earlier|last|next|this|past|previous|coming|following|since|before|after|early|late|mid)\b", re.I)


@dataclass(frozen=True)
class Value:
    """A typed value as an interval: `kind` says what is measured, `unit` in which unit.

    kind: "count", "money", "percent", "duration", "age", "date", "weekday" or "time".
    unit: counts: "" (the thing counted is found by the caller); money: an ISO currency code;
        percent: "%" or "pp"; duration: "h"; age: "y"; time: "min" (minutes after midnight);
        weekday: "d" (0 = Monday); date: "ymd" with `parts` (year, month, day), 0 where unknown.
    """

    kind: str
    low: float
    high: float
    unit: str
    text: str
    parts: tuple[int, int, int] = (0, 0, 0)
    hedge: str = ""  # "min" | "max" | "nearly" | "approx" | "range" | "" (as written, exact)
    base: tuple[float, float] | None = None  # the figure itself, without its hedge: "more than 4,000" → 4,000 ± rounding

    def differs(self, other: Value) -> bool:
        """Two hedged figures for one thing that overlap but are not the same figure: "more than 4,000" /
        "more than 6,000", "about 25 percent" / "about 37 percent". Both must be hedged the same way
        (an estimate against an estimate); an exact count inside another's range is no difference."""
        if self.kind != other.kind or self.unit != other.unit or self.kind in ("date", "weekday", "time"):
            return False
        if not self.hedge or self.hedge != other.hedge or self.hedge == "range" or self.base is None or other.base is None:
            return False
        (a_low, a_high), (b_low, b_high) = self.base, other.base
        apart = max(a_low - b_high, b_low - a_high)
        return apart > DIFFERENT_FIGURES * max(abs(a_high), abs(b_high))  # "more than two decades" / "more than 21 years" is one figure

    def compatible(self, other: Value) -> bool:
        """Whether the two reports can both be true: overlapping intervals, or matching date fields."""
        if self.kind != other.kind or self.unit != other.unit:
            return True  # not comparable, so not a conflict
        if self.kind == "date":
            return all(a == 0 or b == 0 or a == b for a, b in zip(self.parts, other.parts, strict=True))
        slack = 1e-9 * max(1.0, abs(self.low), abs(other.low))
        return self.low <= other.high + slack and other.low <= self.high + slack

    def describe(self) -> str:
        """The interval in words, for explanations: "≥ 3 hours", "12–15", "$1.2 million"."""
        if self.kind == "date":
            year, month, day = self.parts
            names = ["", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            return " ".join(str(p) for p in (day or "", names[month], year or "") if p)
        if self.kind == "weekday":
            return WEEKDAY_NAMES[int(self.low)].capitalize()
        if self.kind == "time":
            return "–".join(dict.fromkeys(_clock(t) for t in (max(self.low, 0), min(self.high, 1439))))
        if self.kind == "duration":
            return _interval(self.low, self.high, _duration_words)
        prefix = {"USD": "$", "EUR": "€", "GBP": "£"}.get(self.unit, f"{self.unit} ") if self.kind == "money" else ""
        suffix = {"percent": "%" if self.unit == "%" else " points", "age": " years old"}.get(self.kind, "")
        return _interval(self.low, self.high, lambda x: f"{prefix}{_number_words(x)}{suffix}")


def _number_words(x: float) -> str:
    for scale, name in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(x) >= scale:
            return f"{x / scale:.4g} {name}"
    return f"{x:,.4g}" if abs(x) < 1e4 else f"{x:,.0f}"


def _duration_words(hours: float) -> str:
    for name, size in (("years", 8766.0), ("months", 730.0), ("weeks", 168.0), ("days", 24.0), ("hours", 1.0), ("minutes", 1 / 60)):
        if hours >= size * 0.999 or name == "minutes":
            amount = hours / size
            return f"{amount:.3g} {name[:-1] if abs(amount - 1) < 1e-9 else name}"
    raise AssertionError("unreachable")


def _interval(low: float, high: float, show: object) -> str:
    assert callable(show)
    if high == INF:
        return f"≥ {show(low)}"
    if low <= 0:
        return f"≤ {show(high)}"
    if math.isclose(low, high, rel_tol=0.06):
        return str(show((low + high) / 2))
    return f"{show(low)}–{show(high)}"


def _clock(minutes: float) -> str:
    hour, minute = divmod(int(round(minutes)) % 1440, 60)
    return f"{(hour % 12) or 12}:{minute:02d} {'a.m.' if hour < 12 else 'p.m.'}"


def number(text: str) -> tuple[float, float] | None:
    """The value of a number in digits or words, with the precision it was written to.

    Returns (value, half-width): "1.2 million" → (1.2e6, 5e4); "twelve" → (12, 0); "two and a
    half" → (2.5, 0); "dozens" → (61.5, 37.5). None when the text is not a number.
    """
    t = re.sub(r"\s+", " ", text.strip().lower()).replace("–", "-")
    if t in _VAGUE:
        low, high = _VAGUE[t]
        return (low + high) / 2, (high - low) / 2
    digits = re.fullmatch(rf"({_DIGITS})\s*(hundred|thousand|million|billion|trillion|k|m|mn|bn|tn)?( and a half)?", t)
    if digits:
        raw = digits.group(1).replace(",", "")
        scale = _SCALES[digits.group(2)] if digits.group(2) else 1.0
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        value = float(raw) * scale + (0.5 * scale if digits.group(3) else 0.0)
        precision = min(0.5 * 10**-decimals * scale, 0.1 * value) if (decimals or scale > 1) else 0.0
        return value, precision
    words = re.split(r"[\s-]+", t)
    if not words or not all(w in _UNITS or w in _SCALES or w in ("and", "half", "a", "an") for w in words):
        return None
    if words in (["a"], ["an"]):
        return 1.0, 0.0
    if words[0] in ("a", "an") and len(words) > 1 and words[1] == "half":
        return 0.5, 0.0
    if words[0] in ("a", "an") and len(words) > 1 and words[1] in _UNITS and words[1] != "dozen":
        words = words[1:]  # "a two-day visit": the article belongs to the noun
    if words == ["half"] or words == ["half", "a"] or words == ["half", "an"]:
        return 0.5, 0.0
    total, current, seen = 0.0, 0.0, False
    for word in words:
        if word in ("and",):
            continue
        if word == "half":
            current += 0.5
        elif word in ("a", "an"):
            current = current or 1.0
        elif word in _UNITS:
            current = current * _UNITS[word] if word == "dozen" and current else current + _UNITS[word]
            seen = True
        elif word == "hundred":
            current = (current or 1.0) * 100
            seen = True
        elif word in _SCALES:
            total += (current or 1.0) * _SCALES[word]
            current = 0.0
            seen = True
    return (total + current, 0.0) if seen else None


def _qualified(text: str) -> tuple[str, str]:
    """("min" | "max" | "nearly" | "approx" | "exact" | "", the rest of the text)."""
    match = _QUALIFIED.match(text)
    assert match is not None  # the pattern accepts any text
    kind = next((name for name in _QUALIFIERS if match.group(name)), "")
    body = match.group("body")
    if re.search(r"\bor\s+so\s*$", body, re.I):  # "two hours or so"
        return "approx", re.sub(r"\s*\bor\s+so\s*$", "", body, flags=re.I)
    return kind, body


def _bounds(qualifier: str, value: float, precision: float) -> tuple[float, float]:
    if qualifier == "min":
        return value, INF
    if qualifier == "max":
        return 0.0, value + precision
    if qualifier == "nearly":
        return value * (1 - NEARLY), value + precision
    if qualifier == "approx":
        return value * (1 - APPROX) - precision, value * (1 + APPROX) + precision
    precision = max(precision, abs(value) * EXACT_SLACK)
    return value - precision, value + precision


def _amount(body: str) -> tuple[float, float, float, bool, str] | None:
    """(value, low, high, is_range, rest) of a number or range at the start of `body`."""
    ranged = _RANGE.match(body)
    if ranged:
        a, b = number(ranged.group("a")), number(ranged.group("b"))
        if a and b:
            scale = re.search(r"(hundred|thousand|million|billion|trillion)\s*$", ranged.group("b"), re.I)
            first = a[0]
            if scale and not re.search(r"(hundred|thousand|million|billion|trillion)", ranged.group("a"), re.I):
                first *= _SCALES[scale.group(1).lower()]  # "two to three million": the scale is written once
            if first < b[0]:
                return (first + b[0]) / 2, first - a[1], b[0] + b[1], True, ranged.group("rest")
    lead = _LEADING_NUMBER.match(body)
    parsed = number(lead.group("n")) if lead else None
    if lead is None or parsed is None:
        return None
    return parsed[0], parsed[0] - parsed[1], parsed[0] + parsed[1], False, lead.group("rest")


def parse_value(text: str, *, kind_hint: str = "") -> Value | None:
    """Normalise one value phrase ("at least 15", "$1.2 million", "more than three hours",
    "Oct. 7, 2018", "5:15 p.m.", "45-year-old") to a typed interval; None if it is not one.

    kind_hint: spaCy's entity label (MONEY, PERCENT, DATE, TIME…) when known; it settles
    ambiguous words such as "pounds".
    """
    text = _UNIT_RANGE.sub(r"\1 \3 ", text.strip())  # "2.5 hours to four hours" → "2.5 to four hours"
    text = _HYPHEN_SCALE.sub(r"\1 \2", text)  # "$4.77-billion" is "$4.77 billion"
    hint = kind_hint.upper()
    if hint in ("DATE", "TIME", "") and (calendar := _calendar(text)) is not None:
        return calendar
    qualifier, body = _qualified(text)
    currency = _CURRENCY_PREFIX.match(body)
    if currency:
        body = body[currency.end() :]
    amount = _amount(body)
    if amount is None:
        return None
    value, low, high, is_range, rest = amount
    code = CURRENCIES.get(currency.group(1).lower(), currency.group(1).upper()) if currency else ""
    if not code and (word := _CURRENCY_SUFFIX.match(rest)):
        name = word.group(1).lower().split()[0]
        if name.startswith("pound") and hint != "MONEY" and "sterling" not in word.group(0).lower():
            return None  # "200 pounds" is a weight unless spaCy calls it money
        code = _CURRENCY_WORDS[name]
    base = _apply("", value, low, high, is_range)
    low, high = _apply(qualifier, value, low, high, is_range)
    hedge = "range" if is_range else qualifier if qualifier != "exact" else ""
    if code:
        return Value("money", low, high, code, text, hedge=hedge, base=base)
    if (percent := _PERCENT.match(rest)) is not None:
        unit = "pp" if re.search(r"point", percent.group(0), re.I) else "%"
        if unit == "pp" and "percent" not in percent.group(0).lower() and hint != "PERCENT":
            return None  # "10 points" in a game is a score, not a percentage
        return Value("percent", low, high, unit, text, hedge=hedge, base=base)
    if (age := _AGE.match(rest)) is not None:
        years = _AGE_YEARS[age.group(1).lower()]  # "a 6-week-old baby" is an age, not a duration
        return Value("age", low * years, high * years, "y", text, hedge=hedge, base=(base[0] * years, base[1] * years))
    if re.match(r"[\s-]*second\s+[a-z]", rest, re.IGNORECASE):
        return None  # "a second day" is an ordinal
    if (duration := _DURATION.match(rest)) is not None:
        if re.match(r"\s*\w+\s+(?:ago|later|earlier|before|after)\b", rest, re.I):
            return None  # "three days ago" dates an event, it does not measure one
        hours = DURATION_HOURS[duration.group(1).lower()]
        extra = 0.5 if re.match(r"[\s-]*\w+\s+and\s+a\s+half\b", rest, re.I) else 0.0  # "an hour and a half"
        scaled = ((base[0] + extra) * hours, (base[1] + extra) * hours)
        return Value("duration", (low + extra) * hours, (high + extra) * hours, "h", text, hedge=hedge, base=scaled)
    if re.match(r"\s*[a-z]", rest, re.I) is None or hint in ("CARDINAL", "QUANTITY", ""):
        if hint in ("DATE", "TIME", "ORDINAL"):
            return None
        if re.fullmatch(r"(?:19|20)\d\d", body.strip()):
            return None  # a bare year is a date
        return Value("count", low, high, "", text, hedge=hedge, base=base)
    return None


def _apply(qualifier: str, value: float, low: float, high: float, is_range: bool) -> tuple[float, float]:
    if not is_range:
        return _bounds(qualifier, value, (high - low) / 2)
    if qualifier == "min":
        return low, INF
    if qualifier == "max":
        return 0.0, high
    if qualifier in ("approx", "nearly"):
        return low * (1 - APPROX), high * (1 + APPROX)
    return low, high


def _calendar(text: str) -> Value | None:
    """Dates, weekdays and clock times; None for relative dates ("last week") and anything else."""
    clock = _CLOCK.search(text)
    if clock:
        if clock.group("word"):
            minutes = 0.0 if clock.group("word").lower() == "midnight" else 720.0
        else:
            hour, minute = int(clock.group("h")), int(clock.group("m") or 0)
            if not (1 <= hour <= 12 and minute < 60):
                return None
            pm = clock.group("ampm").lower().startswith("p")
            minutes = float((hour % 12 + (12 if pm else 0)) * 60 + minute)
        low, high = minutes - TIME_SLACK, minutes + TIME_SLACK
        for pattern, (before, after) in _CLOCK_QUALIFIERS:
            if pattern.search(text[: clock.start()]):
                low, high = minutes + min(before, -TIME_SLACK), minutes + max(after, TIME_SLACK)
                break
        return Value("time", low, high, "min", text)
    for pattern in (_DATE_MDY, _DATE_DMY, _DATE_MY):
        match = pattern.search(text)
        if match:
            month = MONTHS[match.group("month").lower().rstrip(".")]
            day = int(match.groupdict().get("day") or 0)
            year = int(match.group("year") or 0)
            if day > 31 or (match.group("month").lower() == "may" and not day and not year):
                return None
            return Value("date", 0, 0, "ymd", text, parts=(year, month, day))
    bare_year = _YEAR.match(text.strip())
    if bare_year:
        return Value("date", 0, 0, "ymd", text, parts=(int(bare_year.group("year")), 0, 0))
    weekdays = {w.lower() for w in _WEEKDAY.findall(text)}
    if len(weekdays) == 1 and not re.search(r"\b(?:last|next|previous|coming|every|each)\b|\bs$", text, re.I):
        day = WEEKDAYS[weekdays.pop()]
        return Value("weekday", day, day, "d", text)
    return None


def relative_date(text: str) -> bool:
    """Whether a date phrase is relative to when it was written ("last week", "two days ago")."""
    return bool(_RELATIVE.search(text)) and not _DATE_MDY.search(text)


_QUALIFIER_WORDS = "|".join(f"(?:{pattern})" for pattern in _QUALIFIERS.values())
_SCAN = re.compile(
    r"(?<![\w$€£¥₹])(?=[\w$€£¥₹])"  # only where a word or a currency sign starts: most positions fail at once
    rf"(?:\b(?:{_QUALIFIER_WORDS})\s+)?(?:(?:us\$|c\$|a\$|\$|€|£|¥|₹)\s*)?\b(?:{NUMBER})"
    r"(?:(?:\s*-\s*|\s+)(?:million|billion|trillion))?"
    r"(?:\s*%|[\s-]+(?:per\s*cent|percent|percentage\s+points?|euros?|dollars?|pounds?|yen|yuan|rupees?"
    r"|(?:second|minute|hour|day|night|week|fortnight|month|year|decade|century)s?(?:[\s-]+old)?)\b)?",
    re.IGNORECASE,
)
_AGE_AFTER_NAME = re.compile(r"\b[A-Z][a-z'’-]+,\s*$")
_AGE_OF = re.compile(r"\b(?:age\s+of|aged)\s+$", re.IGNORECASE)
_SCAN_CALENDAR = (_DATE_MDY, _DATE_DMY, _CLOCK, _WEEKDAY, re.compile(r"\bin\s+(?:19|20)\d\d\b", re.IGNORECASE))


# What follows a number that is part of an address, not a quantity: "the 3300 block of West Florence
# Avenue", "1600 Pennsylvania Avenue".
ADDRESS = re.compile(
    r"\s+block\b|\s+(?:(?:North|South|East|West|[NSEW]\.)\s+)?(?:[A-Z][\w'’-]*\s+){1,3}"
    r"(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.|Drive|Dr\.|Lane|Ln\.|Place|Court|Highway|Parkway)(?!\w)"
)


def scan_values(text: str) -> list[Value]:
    """Every value a sentence may state, read with regular expressions only (no parse): a cheap first
    test of whether two sentences can disagree at all, before the parse says what each value measures.
    It over-reads ("one of the" is a count of 1) rather than miss; an age after a name ("Smith, 45,")
    is read as a count.

    >>> [v.describe() for v in scan_values("Pompeo met Kim for more than three hours on Oct. 7, 2018.")]
    ['≥ 3 hours', '7 Oct 2018']
    """
    return [value for _, _, value in scan(text)]


def scan(text: str) -> list[tuple[int, int, Value]]:
    """`scan_values` with the character span of each value, in the order written; an age after a name
    ("Takei, 79, said") is read as an age."""
    found = []
    for match in _SCAN.finditer(text):
        phrase = match.group(0)
        if not re.search(r"\d|[a-z]{3}", phrase, re.IGNORECASE) or re.fullmatch(r"(?:19|20)\d\d", phrase.strip()):
            continue
        if ADDRESS.match(text, match.end()):
            continue  # a street number
        value = parse_value(phrase, kind_hint="MONEY" if re.search(r"[$€£¥₹]", phrase) else "CARDINAL")
        if value is None or (value.kind == "count" and value.high <= 1.1):
            continue  # "one" is mostly a pronoun or an idiom
        before = text[max(0, match.start() - 40) : match.start()]
        after_name = _AGE_AFTER_NAME.search(before) and re.match(r"\s*[,;)]", text[match.end() :])
        if value.kind == "count" and re.fullmatch(r"\d{1,3}", phrase) and (after_name or _AGE_OF.search(before)):
            value = Value("age", float(phrase), float(phrase), "y", phrase)  # "Baker, 67,", "at the age of 71"
        found.append((match.start(), match.end(), value))
    calendar = []
    for pattern in _SCAN_CALENDAR:
        for match in pattern.finditer(text):
            value = _calendar(match.group(0))
            if value is not None:
                calendar.append((match.start(), match.end(), value))
    found = [f for f in found if not any(start < f[1] and f[0] < end for start, end, _ in calendar)]  # the day of a date
    return sorted(found + calendar, key=lambda f: f[0])


def may_disagree(a: list[Value], b: list[Value]) -> set[str]:
    """The kinds of value about which two sentences' scanned values leave room for a discrepancy: both
    state values of the kind and one of them is a value no value of that kind in the other agrees with.
    Sentences that state the same figures — most aligned pairs — are never parsed.

    >>> sorted(may_disagree(scan_values("Four died and 30 were hurt."), scan_values("Five died and 30 were hurt.")))
    ['count']
    """

    def agrees(x: Value, y: Value) -> bool:
        return x.compatible(y) and not x.differs(y)

    kinds = set()
    for kind in {v.kind for v in a} & {v.kind for v in b}:
        xs, ys = [v for v in a if v.kind == kind], [v for v in b if v.kind == kind]
        if any(not any(agrees(x, y) for y in ys) for x in xs) or any(not any(agrees(y, x) for x in xs) for y in ys):
            kinds.add(kind)
    return kinds
