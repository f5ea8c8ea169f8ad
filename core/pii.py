"""Find personal data in free text before it is saved, so the writer can remove it.

``find_personal_data(text, names=...)`` returns ``Finding`` objects (kind, span, the text
found and a translated explanation) for:

- e-mail addresses (also ``name [at] example.org``);
- Belgian phone numbers as people write them: ``+32``, ``0032`` or ``0``, mobile
  ``04xx`` (9 digits after the 0) and landlines (8 digits after the 0), with spaces,
  dots, slashes, dashes or the zone in brackets. Free and premium service numbers (0800,
  070, 077, 078, 090x) belong to organisations and are left alone. A number that runs on
  into more digits (an IBAN, an account or order number) is not a phone number;
- Belgian national register numbers (``YY.MM.DD-XXX.CC`` or 11 digits) whose check
  digits are right: ``97 - (first 9 digits mod 97)``, or for people born from 2000 the
  same over ``"2"`` followed by the 9 digits; BIS numbers (month + 20 or + 40) too. Eleven
  digits with wrong check digits are not reported;
- dates of birth (see ``_birth_dates`` for what counts);
- given names, e.g. those in a family's record: whole words, ignoring case and accents.

Each detector is a bounded regular expression anchored at word starts, so a pasted
megabyte is scanned in linear time.

``PersonalDataFormMixin`` puts this in front of a form: the fields it names are scanned
on ``clean()``; what is found is listed on the field in the user's language, and the form
shows a box "I removed it, or this is not personal data". Ticking it accepts exactly the
findings that were shown; anything new is asked about again. ``check_personal_data`` is
the same rule for code without a form, ``PersonalDataValidator`` refuses outright.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    NATIONAL_NUMBER = "national_number", _("National register number")
    EMAIL = "email", _("E-mail address")
    PHONE = "phone", _("Phone number")
    BIRTH_DATE = "birth_date", _("Date of birth")
    NAME = "name", _("Name")


EXPLANATIONS = {
    Kind.NATIONAL_NUMBER: _("A national register or BIS number identifies exactly one person."),
    Kind.EMAIL: _("An e-mail address leads straight to a person."),
    Kind.PHONE: _("A phone number leads straight to a person."),
    Kind.BIRTH_DATE: _("A date of birth, with a few other details, is enough to recognise someone."),
    Kind.NAME: _("This is the name of someone whose details the group keeps."),
}

# When two findings overlap, the first kind in this order wins (an e-mail address holding a
# name is reported as the address; the date inside a national number as the number).
PRIORITY = [Kind.NATIONAL_NUMBER, Kind.EMAIL, Kind.PHONE, Kind.BIRTH_DATE, Kind.NAME]


@dataclass(frozen=True)
class Finding:
    kind: Kind
    start: int
    end: int
    text: str

    @property
    def label(self) -> str:
        return str(self.kind.label)

    @property
    def explanation(self) -> str:
        return str(EXPLANATIONS[self.kind])

    @property
    def digest(self) -> str:
        """A short fingerprint of what was found, to remember that the user was shown it."""
        value = f"{self.kind}:{_fold(self.text)}".encode()
        return hashlib.sha256(value).hexdigest()[:16]


# E-mail addresses. The look-behind keeps each match starting at a word's start.

EMAIL = re.compile(
    r"(?<![\w.+\-])[\w.+\-]{1,64}(?:@|[ \u00a0]?[\[(]at[\])][ \u00a0]?)"
    r"[\w\-]{1,63}(?:\.[\w\-]{1,63}){0,8}\.[a-z]{2,24}(?![\w\-])",
    re.IGNORECASE,
)

# Phone numbers. Between two digits at most one separator: a space, or . / - ) with an
# optional space around it.

_SEP = r"(?:[ \u00a0]?[./\-)][ \u00a0]?|[ \u00a0])?"
PHONE = re.compile(
    r"(?<![\w+])(?<!\d[ ./\-])"
    r"(?P<prefix>(?:\+|00)[ \u00a0]?32[ \u00a0]?(?:\(0\)[ \u00a0]?|0)?|\(?0)"
    rf"(?P<number>[1-9](?:{_SEP}\d){{7,8}})"
    r"(?![ \u00a0]?[./\-]?\d)(?!\w)"
)
_SERVICE_PREFIXES = ("800", "70", "77", "78", "90")
_DATE_FIRST = re.compile(r"\d{1,2}[./\-]\d{1,2}[./\-]\d{4}(?!\d)")


def _phones(text: str) -> Iterable[Finding]:
    for match in PHONE.finditer(text):
        digits = re.sub(r"\D", "", match["number"])
        mobile = len(digits) == 9 and digits[0] == "4" and digits[1] in "56789"
        landline = len(digits) == 8 and not (digits[0] == "4" and digits[1] in "56789")
        if (mobile or landline) and not digits.startswith(_SERVICE_PREFIXES):
            start, number = match.start(), match.group()
            if number.startswith("(") and ")" not in number:
                start, number = start + 1, number[1:]  # "(0470 12 34 56)": the bracket is the writer's
            if _DATE_FIRST.match(number):
                continue  # "04.07.1985 1 ..." is a date followed by a number
            yield Finding(Kind.PHONE, start, match.end(), number)


# National register numbers: YYMMDD (birth date, month + 20/40 for BIS), XXX (a serial
# number, odd for men, even for women), CC (check digits).

NATIONAL_NUMBER = re.compile(
    r"(?<![\w.,/\-])(?<!\d[ ])"
    r"(?P<yy>\d{2})[. ]?(?P<mm>\d{2})[. ]?(?P<dd>\d{2})(?:[ ]?[.\-][ ]?|[ ])?"
    r"(?P<serial>\d{3})[. \-]?(?P<check>\d{2})"
    r"(?![\w]|[.,/\-]?\d)"
)


def national_number_is_valid(digits: str) -> bool:
    """Whether 11 digits are a national register or BIS number: a possible month (0-12,
    +20 or +40 for BIS) and day (0-31, 0 when unknown), and right check digits for a
    birth before or from 2000."""
    if len(digits) != 11 or not (digits.isascii() and digits.isdigit()):
        return False
    month, day = int(digits[2:4]), int(digits[4:6])
    if month % 20 > 12 or month > 52 or day > 31:
        return False
    base, check = digits[:9], int(digits[9:])
    return check in {97 - int(base) % 97, 97 - int("2" + base) % 97}


def _national_numbers(text: str) -> Iterable[Finding]:
    for match in NATIONAL_NUMBER.finditer(text):
        if national_number_is_valid("".join(match.group("yy", "mm", "dd", "serial", "check"))):
            yield Finding(Kind.NATIONAL_NUMBER, match.start(), match.end(), match.group())


# Dates.

_MONTH_NAMES = {
    1: ["januari", "janvier", "january", "janv", "jan"],
    2: ["februari", "février", "fevrier", "february", "févr", "fevr", "feb", "fév", "fev"],
    3: ["maart", "mars", "march", "mrt", "maa", "mar"],
    4: ["april", "avril", "apr", "avr"],
    5: ["mei", "mai", "may"],
    6: ["juni", "juin", "june", "jun"],
    7: ["juli", "juillet", "july", "juil", "jul"],
    8: ["augustus", "août", "aout", "august", "aug"],
    9: ["september", "septembre", "sept", "sep"],
    10: ["oktober", "octobre", "october", "okt", "oct"],
    11: ["november", "novembre", "nov"],
    12: ["december", "décembre", "decembre", "déc", "dec"],
}
_MONTHS = {name: number for number, names in _MONTH_NAMES.items() for name in names}
# A month is matched as any word of letters, then looked up in _MONTHS: one long
# alternation of month names tried at every word would make a long text slow to scan.
_WORD = r"[^\W\d_]{3,9}"

_NUMERIC_DATE = re.compile(r"(?P<d>\d{1,2})(?P<sep>[./\-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})")
DATES = [
    # 12/03/1985, 12-3-85, 12.03.1985
    re.compile(r"(?<![\w./\-])" + _NUMERIC_DATE.pattern + r"(?![\w]|[./\-]\d)"),
    # 1985-03-12
    re.compile(r"(?<![\w./\-])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\w]|[./\-]\d)"),
    # 12 maart 1985, 1er mars 1985, 3rd of March 1985, 12 mrt. 1985
    re.compile(
        r"(?<![\w])(?P<d>\d{1,2})(?:ste|de|er|e|st|nd|rd|th)?(?:[ \u00a0]of)?[ \u00a0]+"
        rf"(?P<mon>{_WORD})\.?,?[ \u00a0]+(?P<y>\d{{4}})(?!\w)",
        re.IGNORECASE,
    ),
    # March 12, 1985
    re.compile(
        rf"(?<![\w])(?P<mon>{_WORD})\.?[ \u00a0]+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?[ \u00a0]+(?P<y>\d{{4}})(?!\w)",
        re.IGNORECASE,
    ),
]

# Words that say a date is a birth date, and how far before the date they may stand (in
# characters, on the same line): geboren (op), geb., geboortedatum, ° (Belgian "born");
# né(e) (le), date de naissance; born (on), date of birth, DOB.
BIRTH_WORDS = [
    (re.compile(r"(?<!\w)(?:geboren|geb\.|geboortedatum|geboortedag)(?!\w)", re.IGNORECASE), 40),
    (re.compile(r"(?<!\w)(?:né|née|né\(e\)|naissance)(?!\w)", re.IGNORECASE), 40),
    (re.compile(r"(?<!\w)(?:born|birth ?date|date of birth|birthday|d\.?o\.?b\.?)(?!\w)", re.IGNORECASE), 40),
    (re.compile(r"°"), 3),
]

# A date with no birth word before it counts as a possible birth date when it has a
# four-digit year and lies between 1 January 1900 and two years before today. Signals and
# notes speak mostly of recent events; dates further back are mostly someone's birth.
# Younger children's dates are caught when a birth word stands before them.
UNANCHORED_MIN_AGE = timedelta(days=2 * 365)


def _date_of(match: re.Match[str], today: date) -> tuple[date, bool] | None:
    """The calendar date of a match and whether its year had four digits; None if impossible."""
    groups = match.groupdict()
    if groups.get("mon"):
        month = _MONTHS.get(groups["mon"].lower())
        if month is None:
            return None
    else:
        month = int(groups["m"])
    year_text = groups["y"]
    year = int(year_text)
    if len(year_text) == 2:
        year += 2000 if year <= today.year % 100 else 1900
    try:
        return date(year, month, int(groups["d"])), len(year_text) == 4
    except ValueError:
        return None


def _birth_dates(text: str, today: date) -> Iterable[Finding]:
    """Dates of birth: any possible date not in the future (two-digit years included) that
    follows a birth word closely on the same line, and any date with a four-digit year in
    the range of ``UNANCHORED_MIN_AGE``."""
    for pattern in DATES:
        for match in pattern.finditer(text):
            found = _date_of(match, today)
            if found is None:
                continue
            when, four_digits = found
            if when > today or when.year < 1900:
                continue
            line_start = text.rfind("\n", 0, match.start()) + 1
            anchored = any(
                word.search(text, max(line_start, match.start() - reach), match.start()) for word, reach in BIRTH_WORDS
            )
            if anchored or (four_digits and when <= today - UNANCHORED_MIN_AGE):
                yield Finding(Kind.BIRTH_DATE, match.start(), match.end(), match.group())


# Names: compared on a folded copy of the text (accents removed, case folded, curly
# apostrophes made straight), mapped back to the original positions.


def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char.replace("\u2019", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _fold(text: str) -> str:
    return "".join(_fold_char(c) for c in text)


def _folded_with_positions(text: str) -> tuple[str, list[int] | None]:
    """The folded text and, when folding changed its length (ß, ligatures, loose accents),
    the original position of each folded character (None: positions are unchanged)."""
    if text.isascii():
        return text.lower(), None
    table = {ord(c): _fold_char(c) for c in set(text) if not c.isascii()}
    if all(len(piece) == 1 for piece in table.values()):
        return text.translate(table).lower(), None
    pieces = [table[ord(c)] if ord(c) in table else c.lower() for c in text]
    origin = [index for index, piece in enumerate(pieces) for _ in piece]
    origin.append(len(text))
    return "".join(pieces), origin


def _names(text: str, names: Iterable[str]) -> Iterable[Finding]:
    wanted = {" ".join(_fold(name).split()) for name in names if name}
    wanted = {name for name in wanted if len(name) >= 2}
    if not wanted:
        return
    alternatives = sorted((r"\s+".join(map(re.escape, name.split())) for name in wanted), key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")
    folded, origin = _folded_with_positions(text)
    for match in pattern.finditer(folded):
        start, end = match.start(), match.end()
        if origin is not None:
            start, end = origin[start], origin[end - 1] + 1
            while end < len(text) and unicodedata.combining(text[end]):
                end += 1  # a loose accent after the last letter belongs to the name
        yield Finding(Kind.NAME, start, end, text[start:end])


def find_personal_data(text: str, *, names: Iterable[str] = (), today: date | None = None) -> list[Finding]:
    """Every piece of personal data found in ``text``, in the order it appears.

    ``names``: given names (or full names) to look for, e.g. the members of the group's
    families. ``today`` fixes the date for the birth-date rule (tests)."""
    if not text:
        return []
    today = today or timezone.localdate()
    candidates = [
        *_national_numbers(text),
        *(Finding(Kind.EMAIL, m.start(), m.end(), m.group()) for m in EMAIL.finditer(text)),
        *_phones(text),
        *_birth_dates(text, today),
        *_names(text, names),
    ]
    candidates.sort(key=lambda f: (PRIORITY.index(f.kind), f.start))
    # Keep a finding unless it overlaps one of a higher priority. The kept spans never
    # overlap, so sorted by start they are sorted by end too: check the two neighbours.
    starts: list[int] = []
    kept: list[Finding] = []
    for finding in candidates:
        at = bisect.bisect_left(starts, finding.start)
        if at > 0 and kept[at - 1].end > finding.start:
            continue
        if at < len(kept) and kept[at].start < finding.end:
            continue
        starts.insert(at, finding.start)
        kept.insert(at, finding)
    return kept


# Telling the user.

CONFIRM_LABEL = _("I removed the personal data, or what was found is not personal data")


def personal_data_error(findings: Sequence[Finding]) -> ValidationError:
    """One ``ValidationError`` that lists what was found, in the active language."""
    messages = [
        ValidationError(
            _(
                "This text seems to contain personal data. Remove it; if it is not personal data, "
                "tick “%(confirm)s” and save again."
            ),
            code="personal_data",
            params={"confirm": CONFIRM_LABEL},
        )
    ]
    for finding in findings:
        messages.append(
            ValidationError(
                _("%(kind)s: “%(text)s”. %(explanation)s"),
                code="personal_data",
                params={"kind": finding.label, "text": finding.text, "explanation": finding.explanation},
            )
        )
    return ValidationError(messages)


def check_personal_data(text: str, *, names: Iterable[str] = (), confirmed: Iterable[str] = ()) -> list[Finding]:
    """For code without a form (an API): raise ``personal_data_error`` when ``text`` holds
    personal data whose ``digest`` is not in ``confirmed`` (what the user was shown and
    accepted); otherwise return the findings, all accepted."""
    findings = find_personal_data(text, names=names)
    accepted = set(confirmed)
    if any(finding.digest not in accepted for finding in findings):
        raise personal_data_error(findings)
    return findings


class PersonalDataValidator:
    """A field validator that refuses any personal data (no way to confirm): for places where
    personal data never belongs. Forms that let the writer confirm use the mixin below."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self.names = tuple(names)

    def __call__(self, value: Any) -> None:
        findings = find_personal_data(str(value or ""), names=self.names)
        if findings:
            raise personal_data_error(findings)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PersonalDataValidator) and other.names == self.names

    def __hash__(self) -> int:
        return hash(self.names)


class PersonalDataFormMixin:
    """Scan ``personal_data_fields`` on ``clean()`` (mix into a ``forms.Form``/``ModelForm``,
    before it)::

        class SignalForm(PersonalDataFormMixin, forms.ModelForm):
            personal_data_fields = ("description", "example")

        form = SignalForm(request.POST, personal_data_names=group_family_names)

    When something is found, each field gets the list as its error and the form shows the
    box ``personal_data_confirmed``. The fingerprints of what was shown travel in the hidden
    field ``personal_data_seen``; the form is valid when the box is ticked and nothing was
    found that had not been shown. ``form.personal_data_accepted`` then holds the accepted
    findings (for an audit entry: their kinds, never their text)."""

    personal_data_fields: Sequence[str] = ()
    CONFIRM = "personal_data_confirmed"
    SEEN = "personal_data_seen"

    fields: dict[str, forms.Field]
    data: Any

    def __init__(self, *args: Any, personal_data_names: Iterable[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        self.personal_data_names = tuple(personal_data_names)
        self.personal_data_findings: dict[str, list[Finding]] = {}
        self.personal_data_accepted: list[Finding] = []
        # The box is shown only once something was found (see clean).
        self.fields[self.CONFIRM] = forms.BooleanField(label=CONFIRM_LABEL, required=False, widget=forms.HiddenInput)
        self.fields[self.SEEN] = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()  # type: ignore[misc]
        findings = {
            name: find_personal_data(str(cleaned[name]), names=self.personal_data_names)
            for name in self.personal_data_fields
            if cleaned.get(name)
        }
        findings = {name: found for name, found in findings.items() if found}
        self.personal_data_findings = findings
        if not findings:
            return cleaned
        every = [finding for found in findings.values() for finding in found]
        seen = set((cleaned.get(self.SEEN) or "").split())
        if cleaned.get(self.CONFIRM) and {f.digest for f in every} <= seen:
            self.personal_data_accepted = every
            return cleaned
        for name, found in findings.items():
            self.add_error(name, personal_data_error(found))  # type: ignore[attr-defined]
        # Show the box, unticked, and remember what was shown.
        self.fields[self.CONFIRM].widget = forms.CheckboxInput()
        data = self.data.copy()
        data[self.add_prefix(self.SEEN)] = " ".join(sorted(seen | {f.digest for f in every}))  # type: ignore[attr-defined]
        data.pop(self.add_prefix(self.CONFIRM), None)  # type: ignore[attr-defined]
        self.data = data
        return cleaned
