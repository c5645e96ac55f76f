"""Dated roles from the experience section, and the months they add up to."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from screener.text.lines import line_bounds
from screener.text.sections import Section

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = rf"(?:{_MONTH}\s*,?\s*(?:19|20)\d\d|(?:0?[1-9]|1[0-2])\s*/\s*(?:19|20)\d\d|(?:19|20)\d\d)"
_NOW = (
    r"(?:present|current(?:ly)?|now|today|ongoing|(?:till|to|until)\s+(?:date|now)"
    r"|to\s+the\s+present|date)"
)
# "Jan 2019 - Present", "2017 to 2020"; a separator lost in conversion leaves only spaces
# ("2005  Present"); "September 2017 onwards" and a trailing "2013-" are open-ended.
_RANGE = re.compile(
    rf"(?P<start>{_DATE})(?:"
    rf"(?:\s*(?:-|\u2013|\u2014|to|until|till|through|thru)\s*|\s{{1,3}})"
    rf"(?P<end>{_DATE}|{_NOW})\b"
    r"|\s*(?P<open>onwards?|on\s+wards)\b"
    r"|\s*[-\u2013\u2014]\s*(?P<dangling>(?=\n|$|[,;)])))",
    re.IGNORECASE,
)
# A dated line that names a membership, a committee or a grant is no role, unless it also
# names a job ("Engineer, American Heart Association" is one).
_NOT_A_ROLE = re.compile(
    r"\b(?:member(?:ship)?s?|society|committee|council|board|task force|workgroup"
    r"|advisory|grants?|fellowship|scholarship|award(?:ed)?|\$\s?\d)",
    re.IGNORECASE,
)
_JOB_WORD = re.compile(
    r"\b(?:engineer|developer|manager|analyst|scientist|consultant|architect|administrator"
    r"|specialist|director|officer|intern|lead|head|professor|lecturer|instructor|teacher"
    r"|researcher|assistant|associate|technician|coordinator|designer|programmer|founder"
    r"|president|executive|supervisor|therapist|worker|nurse|accountant|clerk|representative"
    r"|trainee|apprentice|fellow|owner|partner|advisor|leader|laborer|cashier|operator|agent"
    r"|sre|devops|mlops)\b",
    re.IGNORECASE,
)
_LETTERS = re.compile(r"[A-Za-z]{3,}")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DATE_WORDS = re.compile(rf"^(?:{_MONTH}|{_NOW})$", re.IGNORECASE)
_EXPLICIT_YEARS = re.compile(
    r"(?P<n>\d{1,2}(?:\.\d)?)\s*\+?\s*(?:years?|yrs?)\b(?:\s+of)?(?:\s+\w+){0,3}?\s+experience",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Role:
    """One dated role: its month range, header line (with the job title and employer where
    they can be told apart) and the span of text it covers."""

    start: date
    end: date
    current: bool
    header: str
    span_start: int
    span_end: int
    title: str | None = None
    employer: str | None = None

    @property
    def months(self) -> int:
        """Length of the role in whole months."""
        return _month_index(self.end) - _month_index(self.start)

    def __reduce__(self) -> tuple[type[Role], tuple[object, ...]]:
        # rebuilt through __init__: the profile cache unpickles thousands, and dataclasses'
        # own way for slotted classes looks up the fields again for every instance
        return (Role, tuple(getattr(self, name) for name in Role.__slots__))


def _month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


def parse_date(text: str) -> tuple[date, bool] | None:
    """Parse one end of a range; return (first day of month, whether it was month-precise)."""
    t = text.strip().lower().rstrip(".")
    if m := re.fullmatch(r"(\d{1,2})\s*/\s*(\d{4})", t):
        return date(int(m[2]), int(m[1]), 1), True
    if m := re.fullmatch(r"(\d{4})", t):
        # A bare year counts from January; as an end it means January too, so that
        # "2017 - 2020" is three years, the way a person reads it.
        return date(int(m[1]), 1, 1), False
    if m := re.fullmatch(r"([a-z]+)\.?\s*,?\s*(\d{4})", t):
        month = _MONTHS.get(m[1][:3])
        if month is not None:
            return date(int(m[2]), month, 1), True
    return None


def find_roles(text: str, sections: tuple[Section, ...], as_of: date) -> tuple[Role, ...]:
    """Find dated roles in the experience section (or the whole text when it has none)."""
    areas = [(s.start, s.end) for s in sections if s.name == "experience"] or [(0, len(text))]
    found: list[tuple[int, date, date, bool, str, str]] = []
    for lo, hi in areas:
        for m in _RANGE.finditer(text, lo, hi):
            parsed = _parse_range(m, as_of)
            if parsed is not None:
                line_start, header = _title_line(text, m, lo)
                undated = header.replace(" ".join(m.group(0).split()), " ")
                if is_role_header(undated):
                    found.append((line_start, *parsed, header, undated))
    roles = []
    for i, (start_at, start, end, current, header, undated) in enumerate(found):
        area_end = next(hi for lo, hi in areas if lo <= start_at < hi)
        span_end = found[i + 1][0] if i + 1 < len(found) else area_end
        title, employer = title_and_employer(undated)
        roles.append(
            Role(start, end, current, header, start_at, min(span_end, area_end), title, employer)
        )
    return tuple(roles)


_HEADER_PARTS = re.compile(
    r"\s+(?:at|@)\s+|\s*[,|\u2022\u00b7;]\s*|\s+[-\u2013\u2014]{1,2}\s+|\s*[()]\s*|\t|\s{2,}",
    re.IGNORECASE,
)
_EMPLOYER_WORD = re.compile(
    r"\b(?:inc|ltd|llc|llp|plc|corp(?:oration)?|co|gmbh|ag|sa|bv|group|company|technologies"
    r"|technology|solutions|systems|labs?|software|services|consulting|bank|university"
    r"|college|institute|hospital|school|agency|partners|holdings|studios?|analytics)\b\.?",
    re.IGNORECASE,
)
# A header that opens with a short name and a dash: "Oracle - Bengaluru", "ACME Corp -".
_EMPLOYER_FIRST = re.compile(
    r"^\s*[A-Za-z&][\w&.'\u2019]*(?: [\w&.'\u2019]+){0,3}\s+[-\u2013\u2014]\s"
)
# "Austin, TX", "Remote", "London": a place, not an employer
_PLACE = re.compile(r"^(?:[A-Z]{2}|remote|hybrid|on-?site|usa|uk|india|[A-Z][a-z]+,? [A-Z]{2})$")


def title_and_employer(header: str) -> tuple[str | None, str | None]:
    """The job title and the employer in a role's header line (dates taken out), where they
    can be told apart: "MLOps Engineer, Northwind Analytics", "Data Engineer at Contoso",
    "Contoso | Senior SRE | Austin, TX". Either is None when the line does not say."""
    at = re.search(r"\s+(?:at|@)\s+", header)
    parts = [
        p.strip(" .:-\u2013\u2014")
        for p in _HEADER_PARTS.split(header)
        if p and p.strip(" .:-\u2013\u2014")
    ]
    parts = [p for p in parts if _LETTERS.search(p) and not _PLACE.match(p)]
    if not parts:
        return None, None
    title = next((p for p in parts if _JOB_WORD.search(p)), None)
    if at is not None and title is not None:
        after = header[at.end() :]
        employer = next((p for p in parts if p != title and after.find(p) >= 0), None)
        return title, employer
    others = [p for p in parts if p != title]
    employer = next((p for p in others if _EMPLOYER_WORD.search(p)), None)
    if employer is None and title is not None and others:
        employer = others[0]  # the part beside the title
    elif employer is None and title is None and _EMPLOYER_FIRST.match(header):
        # "Oracle - Bengaluru, Karnataka": a job board's line under the title (the title
        # stands on the line above, undated): the employer, then where
        employer = parts[0]
    return title, employer


def is_role_header(header: str) -> bool:
    """Whether a dated line (its date range taken out) heads a job: it names no membership,
    committee or grant unless it names a job too, and is no row of several dates."""
    words = [w for w in _LETTERS.findall(header) if not _DATE_WORDS.match(w)]
    if not words:
        # A date alone heads the role below it ("2013-"); a row of dates is a table's column.
        return _YEAR.search(header) is None
    return not _NOT_A_ROLE.search(header) or bool(_JOB_WORD.search(header))


def _title_line(text: str, m: re.Match[str], floor: int) -> tuple[int, str]:
    """The role's header: the date's line, or the line above when the date stands alone."""
    line_start, line_end = line_bounds(text, m.start(), m.end())
    line = text[line_start:line_end]
    rest = line.replace(m.group(0), "")
    if sum(ch.isalpha() for ch in rest) < 3:
        above = text[floor : max(floor, line_start - 1)].rstrip()
        prev_start = max(above.rfind("\n") + 1, 0) + floor
        prev = text[prev_start:line_start].strip()
        # not a bullet, nor the line of the role before ("A, 2018 - 2019" above "2019 - 2020")
        if prev and not prev.startswith(("-", "*", "\u2022")) and not _RANGE.search(prev):
            line_start, line = prev_start, f"{prev} {line}"
    return line_start, " ".join(line.lstrip("#* ").split())[:200]


def _parse_range(m: re.Match[str], as_of: date) -> tuple[date, date, bool] | None:
    start = parse_date(m["start"])
    if start is None:
        return None
    if m["end"] is None or re.fullmatch(_NOW, m["end"], re.IGNORECASE):
        # Open to the as-of month, which counts: "2007 - Present" includes this month.
        return start[0], _add_month(date(as_of.year, as_of.month, 1)), True
    parsed_end = parse_date(m["end"])
    if parsed_end is None:
        return None
    (end, precise), current = parsed_end, False
    if precise and start[1]:
        # Month-precise ranges are inclusive: "Jan 2019 - Dec 2019" is twelve months.
        end = _add_month(end)
    if end <= start[0] or end > _add_month(date(as_of.year, as_of.month, 1)):
        return None
    return start[0], end, current


def _add_month(d: date) -> date:
    return date(d.year + d.month // 12, d.month % 12 + 1, 1)


def merged_months(roles: list[Role] | tuple[Role, ...]) -> int:
    """Total months covered by ``roles``, counting overlapping periods once."""
    spans = sorted((_month_index(r.start), _month_index(r.end)) for r in roles)
    total, cur_start, cur_end = 0, None, None
    for lo, hi in spans:
        if cur_end is None or lo > cur_end:
            if cur_end is not None and cur_start is not None:
                total += cur_end - cur_start
            cur_start, cur_end = lo, hi
        else:
            cur_end = max(cur_end, hi)
    if cur_end is not None and cur_start is not None:
        total += cur_end - cur_start
    return total


def explicit_years(text: str) -> float | None:
    """The largest "N+ years of experience" a resume states, if any."""
    values = [float(m["n"]) for m in _EXPLICIT_YEARS.finditer(text)]
    plausible = [v for v in values if 0 < v <= 50]
    return max(plausible) if plausible else None
