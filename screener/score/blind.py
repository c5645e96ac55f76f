"""Blind mode: hide who a candidate is from what a recruiter reads while screening.

Scores never use a candidate's name, contact details, address, age, gender, marital status or
nationality: the rubric scores skills and years only. Blind mode makes the outputs match, so
that the person screening does not see those details either and cannot be swayed by them.
Each candidate is shown under a :func:`candidate_id` instead of a name, and every text that is
exported (quotes, evidence, contexts) goes through :func:`redact`, which replaces

- the candidate's name (every word of it, in any case, with or without accents) by ``[name]``;
- e-mail addresses by ``[email]``, phone numbers by ``[phone]`` and web links by ``[link]``;
- street addresses, flat and suite numbers and postcodes by ``[address]``;
- dates of birth and ages by ``[age]``;
- gendered pronouns and pronoun lines by ``[pronoun]``, courtesy titles (Mr, Mrs, Ms, Miss,
  Mx) by ``[title]``;
- marital and family status by ``[marital status]``;
- nationality, citizenship and place of birth by ``[nationality]``.

Photos are not text, so there is nothing to redact: the readers never keep images.

Everything else is kept as written: skills, role dates ("2017-2020", "Jan 2019 - Present"),
figures ("99.9% availability", "30+ production models", "p99 < 120 ms"), and words that only
look like the above ("single sign-on", "MS Office", "other", "Singapore").

Limits: redaction finds what has a recognisable shape. Free text can still reveal who someone
is, or their age, gender or origin: the schools and years of study, clubs and societies,
languages spoken, the city they live in (kept, since it can matter for the job), employers,
awards, a name written in a form the header does not give (a nickname), or a name that is
also a common word or a skill (all its occurrences are hidden, including the skill). Names
come only from the ``Contact`` found in the resume's header; without one, only the other
categories are redacted. Treat blind mode as a strong nudge, not a guarantee.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from screener.ingest.contact import Contact

__all__ = ["TAGS", "candidate_id", "redact"]

TAGS = (
    "name",
    "email",
    "phone",
    "link",
    "address",
    "age",
    "pronoun",
    "title",
    "marital status",
    "nationality",
)
"""Every tag :func:`redact` writes, as ``[tag]``."""

_ID_SALT = b"screener-blind:"


def candidate_id(sha256: str) -> str:
    """A short id for the candidate whose file has content hash ``sha256`` (hex).

    The id is ``C-`` and the first eight hex digits, upper case, of
    ``sha256(b"screener-blind:" + sha256)``: the same file gets the same id in every run and
    on every machine, so decisions recorded against an id can be matched up later. It cannot
    be turned back into the hash, the file or the name; linking an id to a person needs the
    key file a blind run writes beside its outputs (id, name, file), which stays with whoever
    is allowed to unblind. Anyone holding the resume itself can recompute its id, which is
    what makes the id stable.

    Eight hex digits are 32 bits: two ids in a batch of 1,000 collide with a probability of
    about one in ten thousand.
    """
    key = sha256.strip().lower()
    if not key:
        raise ValueError("candidate_id needs a file's SHA-256, not an empty string")
    return "C-" + hashlib.sha256(_ID_SALT + key.encode("utf-8")).hexdigest()[:8].upper()


class _Span(NamedTuple):
    start: int
    end: int
    tag: str


# ---- e-mails and links ------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# "jane [at] example [dot] com", written to dodge scrapers
_EMAIL_SPELT = re.compile(
    r"(?<![\w.+-])[\w.+-]+\s*[\[(]\s*at\s*[\])]\s*[\w-]+(?:\s*[\[(]\s*dot\s*[\])]\s*[\w-]+)+",
    re.IGNORECASE,
)
_URL_CHARS = r"[^\s<>()\[\]{}\"'|,;\u00b7\u2022]"
_URL = re.compile(
    rf"(?:\bhttps?://|(?<![\w.])www\.){_URL_CHARS}+"
    r"|(?<![\w.-])(?:[\w-]+\.)*(?:linkedin|github|gitlab|bitbucket)\.(?:com|io|org)"
    rf"(?:/{_URL_CHARS}*)?",
    re.IGNORECASE,
)
# A bare domain with a path ("example.com/jane"). Case-sensitive lower-case endings, so that
# "ASP.NET/C#" and "Node.js/React" stay.
_TLDS = (
    "com|org|net|io|dev|me|co|ai|app|page|site|info|biz|eu|uk|us|ca|de|fr|nl|es|it|in|au|nz"
    "|tech|xyz|cloud|blog|online|website|name|pro|ly"
)
_BARE_URL = re.compile(
    rf"(?<![\w.@/-])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:{_TLDS})/{_URL_CHARS}*"
)
# "GitHub: @jane" or "Portfolio: jane.dev": the value after a link label
_LINK_LABEL = re.compile(
    r"\b(?:github|gitlab|linkedin|bitbucket|kaggle|twitter|mastodon|portfolio|website|homepage"
    r"|blog)\s*:\s*(@[\w.-]+|[\w-]+(?:\.[\w-]+)+(?:/[\w./%-]*)?|[\w-]+/[\w./%-]+)",
    re.IGNORECASE,
)
_URL_TRAILERS = ".,;:!?)]}'\""

# ---- phones -------------------------------------------------------------------------------

_PHONE = re.compile(r"(?<![\w/.,+\-$\u20ac\u00a3])\+?\(?\d[\d \t\u00a0().-]{5,}\d(?![\w/%])")
_YEAR = re.compile(r"(?:19|20)\d\d")
_DECIMAL = re.compile(r"\d+\.\d+")
_FRACTION = re.compile(r"(?<!\d)0\.\d")  # "0.95": scores, not phone numbers
_IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
_THOUSANDS = re.compile(r"\d{1,3}(?:[ \u00a0.]\d{3})+")

# ---- addresses ----------------------------------------------------------------------------

_STREET_WORDS = (
    "Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Square"
    "|Sq|Terrace|Close|Crescent|Way|Parkway|Pkwy|Highway|Hwy|Row|Walk|Grove|Gardens|Mews"
    "|Alley|Circle|Cir"
)
_CAP_WORD = r"[A-Z][\w'\u2019.-]*"
_ADDRESS = re.compile(
    # "12 Main Street", "221B Baker St.", "1600 Pennsylvania Avenue NW"
    rf"\b\d{{1,5}}[A-Za-z]?,?[ \t]+(?:{_CAP_WORD}[ \t]+){{0,3}}{_CAP_WORD}[ \t]+"
    rf"(?:{_STREET_WORDS})\b\.?(?:[ \t]+(?:N|S|E|W|NE|NW|SE|SW)\b)?"
    # "Hauptstraße 5", "Lindenweg 12a"
    r"|\b[A-Z\u00c4\u00d6\u00dc][\w\u00e4\u00f6\u00fc\u00df]*"
    r"(?:stra\u00dfe|strasse|str\.|gasse|weg|allee|platz)[ \t]+\d{1,4}[a-z]?\b"
    # "12 rue de la Paix"
    r"|\b\d{1,4}(?:[ \t]?(?:bis|ter))?,?[ \t]+(?:rue|avenue|boulevard|bd|chemin|all\u00e9e"
    r"|impasse|quai|place)[ \t]+(?:(?:de|du|des|la|le)[ \t]+|[dl]['\u2019])*"
    r"[A-Z\u00c0-\u00dd][\w'\u2019-]*"
    # "Apt 4B", "Suite 200", "Flat 3"
    r"|\b(?:Apt|Apartment|Suite|Ste|Unit|Flat)\.?[ \t]*#?[ \t]*\d+[A-Za-z]?\b"
    r"|\b(?i:P\.?[ \t]?O\.?[ \t]+Box)[ \t]+\d+\b"
    # UK postcodes ("SW1A 1AA"), not memory sizes ("P4 2GB")
    r"|\b[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?[ \t](?!\d[GTP]B\b)\d[ABD-HJLNP-UW-Z]{2}\b"
    # a US ZIP code after a state code ("WA 98101"), a Canadian one after a province
    r"|\b(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT"
    r"|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|PR|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY)"
    r"[ \t]+\d{5}(?:-\d{4})?\b"
    r"|\b(?:AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT)[ \t]+[A-Z]\d[A-Z][ \t]?\d[A-Z]\d\b"
)

# ---- dates of birth and ages ----------------------------------------------------------------

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = (
    r"(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})\b|\d{4}[./-]\d{1,2}[./-]\d{1,2}\b"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?{_MONTH},?[ \t]+\d{{4}}\b"
    rf"|{_MONTH}[ \t]+\d{{1,2}}(?:st|nd|rd|th)?,?[ \t]+\d{{4}}\b"
    rf"|{_MONTH}[ \t]+\d{{4}}\b|(?:19|20)\d\d\b)"
)
_SEP = r"(?:[ \t]*[:\-\u2013][ \t]*|[ \t]+)"
_AGE = re.compile(
    # "DOB: 01/02/1990", "Date of birth: 1 March 1990", "Date of birth" alone
    rf"\b(?:D\.?O\.?B\b\.?|date[ \t]+of[ \t]+birth|birth[ \t]*date|birthday)(?:{_SEP}{_DATE})?"
    # "born 1990", "born on 2 May 1990", "born in 1990"
    rf"|\bborn(?:[ \t]*[:\-\u2013][ \t]*|[ \t]+(?:on|in)[ \t]+|[ \t]+){_DATE}"
    # "age 34", "Age: 34", "aged 34", not "data age 30 days"
    r"|\b(?:age|aged)[ \t]*[:\-\u2013]?[ \t]*\d{1,2}\b(?:[ \t]*(?:years?|yrs?)(?:[ \t]+old)?)?"
    r"(?![ \t]*(?:days?|hours?|hrs?|minutes?|mins?|weeks?|wks?|months?|seconds?|secs?|ms|s|h|d"
    r"|%)(?!\w))"
    # "34 years old", "34 y/o"
    r"|\b\d{1,2}(?:[ \t]*(?:years?|yrs?)[ \t-]+old|[ \t]*y/o|[ \t]*y\.o\.)(?!\w)",
    re.IGNORECASE,
)

# ---- pronouns and titles --------------------------------------------------------------------

_GENDERED = r"(?:he|him|his|himself|she|her|hers|herself)"
_ANY_PRONOUN = rf"(?:{_GENDERED}|they|them|their|theirs|themself|xe|xem|xyr|ze|zir|hir)"
_PRONOUNS = re.compile(
    # "Pronouns: she/her", "(they/them)", "he/him"
    rf"(?<!\[)\b(?:preferred[ \t]+)?pronouns?\b(?:[ \t]*[:\-\u2013]?[ \t]*{_ANY_PRONOUN}\b"
    rf"(?:[ \t]*[/,][ \t]*(?:{_ANY_PRONOUN}|any|all)\b)*)?"
    rf"|\b{_ANY_PRONOUN}(?:[ \t]*/[ \t]*{_ANY_PRONOUN})+\b",
    re.IGNORECASE,
)
_PRONOUN = re.compile(rf"\b{_GENDERED}\b", re.IGNORECASE)
_PRODUCTS = (
    "Office|SQL|Excel|Word|Project|Access|Teams|Azure|Dynamics|Visio|PowerPoint|Outlook"
    "|Exchange|SharePoint|Windows|Server|Power|Fabric|Dos|DOS|Paint|Edge|Intune|Graph"
)
# Mixed-case titles before a capitalised word; "MS" in capitals is Microsoft or a degree.
_TITLE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Mister|MR|MRS|MX)\b\.?(?=[ \t]+[A-Z])"
    rf"(?![ \t]+(?:{_PRODUCTS})\b)"
)

# ---- marital status ---------------------------------------------------------------------------

_CHILDREN = (
    r"(?:with[ \t]+)?(?:no|\d{1,2}|one|two|three|four|five)[ \t]+"
    r"(?:children|child|kids?|dependants?|dependents?)\b"
)
_MARITAL = re.compile(
    r"(?<!\[)\b(?:marital|civil|family)[ \t]+status\b[ \t]*[:\-\u2013]?"
    r"[^\n|\u00b7\u2022;,.\[\]]{0,40}"
    rf"|\b(?:married|unmarried|divorced|widowed|widow|widower)\b(?:[ \t]*[,;/]?[ \t]*{_CHILDREN})?"
    rf"|\b(?:single|separated)[ \t]*[,;/]?[ \t]*{_CHILDREN}",
    re.IGNORECASE,
)

# ---- nationality --------------------------------------------------------------------------------

_CAPS = r"[A-Z][\w'\u2019.-]*"
_COUNTRY = rf"{_CAPS}(?:(?:[ \t]*(?:/|&|and)[ \t]*|[ \t]+){_CAPS}){{0,3}}"
_PLACE = rf"{_CAPS}(?:(?:[ \t]*(?:/|&|and|,)[ \t]*|[ \t]+){_CAPS}){{0,3}}"
_NATIONALITY = re.compile(
    # "Nationality: German", "Citizenship - US and EU", "Passport: Irish"
    r"(?<![\[\w])(?i:nationality|nationalities|citizenship|passport)[ \t]*[:\-\u2013][ \t]*"
    rf"(?:{_COUNTRY}|[a-z]+\b)?"
    # "Place of birth: Lagos, Nigeria", "born in Lagos, Nigeria", "citizen of Canada"
    r"|(?<![\[\w])(?i:place[ \t]+of[ \t]+birth|birthplace|country[ \t]+of[ \t]+(?:birth|origin))"
    rf"[ \t]*[:\-\u2013][ \t]*(?:{_PLACE}|[a-z]+\b)?"
    rf"|\b(?i:citizen[ \t]+of|national[ \t]+of|born[ \t]+in|native[ \t]+of)[ \t]+{_PLACE}"
    # "US citizen", "British/Irish dual citizenship", "Indian national", "German passport"
    r"|(?<![\w.])(?!(?:Corporate|Global|Senior|Digital|Good|Valid|Current)\b)"
    r"(?:[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?|[A-Z]{2,3}|U\.S\.(?:A\.)?|U\.K\.)"
    r"(?:[ \t]*(?:/|&|and)[ \t]*(?:[A-Z][a-z]+|[A-Z]{2,3}|U\.S\.|U\.K\.))?[ \t]+"
    r"(?:(?i:dual)[ \t]+)?(?:(?i:citizen(?:ship)?|passport(?:[ \t]+holder)?)\b"
    r"|national\b(?![ \t]+[a-z]))"
)

_FOLD = str.maketrans(
    {
        "\u0142": "l",
        "\u0141": "L",
        "\u00f8": "o",
        "\u00d8": "O",
        "\u0111": "d",
        "\u0110": "D",
        "\u00df": "ss",
        "\u00e6": "ae",
        "\u00c6": "AE",
        "\u0153": "oe",
        "\u0152": "OE",
        "\u0131": "i",
        "\u00fe": "th",
        "\u00f0": "d",
    }
)
_NAME_TOKEN = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_APOSTROPHES = re.compile(r"['\u2019]")


def redact(text: str, contact: Contact | None = None) -> str:
    """``text`` with the candidate's identity and protected traits replaced by tags.

    ``contact`` supplies the name, e-mails and phones found in the resume's header; every
    e-mail, phone, link, address, age, gendered pronoun, title, marital status and
    nationality is found by its shape as well. Runs of the same tag separated by spaces
    become one (``[name]`` for "Priya Raman"). Redacting redacted text changes nothing.
    """
    spans = list(_find(text, contact))
    if not spans:
        return text
    out: list[str] = []
    last = 0
    for span in _merge(text, spans):
        out.append(text[last : span.start])
        out.append(f"[{span.tag}]")
        last = span.end
    out.append(text[last:])
    return "".join(out)


def _find(text: str, contact: Contact | None) -> Iterator[_Span]:
    """Every stretch of ``text`` to hide, overlapping or not."""
    if contact is not None:
        for email in contact.emails:
            yield from _literal(text, email, "email")
        for phone in contact.phones:
            yield from _literal(text, phone, "phone")
        for link in contact.links:
            yield from _literal(text, link, "link")
    yield from _matches(_EMAIL, text, "email")
    yield from _matches(_EMAIL_SPELT, text, "email")
    for pattern in (_URL, _BARE_URL):
        for m in pattern.finditer(text):
            end = m.end()
            while end > m.start() and text[end - 1] in _URL_TRAILERS:
                end -= 1
            yield _Span(m.start(), end, "link")
    for m in _LINK_LABEL.finditer(text):
        yield _Span(m.start(1), m.end(1), "link")
    for m in _PHONE.finditer(text):
        if _is_phone(m.group(0), text[m.end() : m.end() + 2]):
            # an opening bracket the number does not close belongs to the text around it
            start = m.start() + (m.group(0).lstrip("+").startswith("(") and ")" not in m.group(0))
            yield _Span(start, m.end(), "phone")
    yield from _matches(_ADDRESS, text, "address")
    yield from _matches(_AGE, text, "age")
    yield from _matches(_PRONOUNS, text, "pronoun")
    for m in _PRONOUN.finditer(text):
        if not m.group(0).isupper():  # "HIS" (a hospital system), "HE" (higher education)
            yield _Span(m.start(), m.end(), "pronoun")
    yield from _matches(_TITLE, text, "title")
    yield from _matches(_MARITAL, text, "marital status")
    yield from _matches(_NATIONALITY, text, "nationality")
    if contact is not None and contact.name:
        names = _name_pattern(contact.name)
        if names is not None:
            yield from _matches(names, text, "name")


def _matches(pattern: re.Pattern[str], text: str, tag: str) -> Iterator[_Span]:
    for m in pattern.finditer(text):
        if m.end() > m.start():
            yield _Span(m.start(), m.end(), tag)


def _literal(text: str, value: str, tag: str) -> Iterator[_Span]:
    value = value.strip()
    if value:
        yield from _matches(re.compile(re.escape(value), re.IGNORECASE), text, tag)


def _is_phone(candidate: str, after: str) -> bool:
    """Whether a run of digits and separators is a phone number rather than dates or figures:
    seven to fifteen digits; not a decimal or an IP address; not only years and one- or
    two-digit parts ("2017-2020", "2019.03 - 2021.05"); not a count ("10 000 000 requests":
    digits in threes, followed by a lower-case word)."""
    groups = re.findall(r"\d+", candidate)
    if not 7 <= sum(map(len, groups)) <= 15:
        return False
    if _DECIMAL.fullmatch(candidate) or _IPV4.fullmatch(candidate) or _FRACTION.search(candidate):
        return False
    if _THOUSANDS.fullmatch(candidate) and re.match(r"[ \t]+[a-z]", after):
        return False
    years = [g for g in groups if _YEAR.fullmatch(g)]
    return not (years and all(_YEAR.fullmatch(g) or len(g) <= 2 for g in groups))


def _fold(word: str) -> str:
    """``word`` without accents: "Hernández" -> "Hernandez", "Łukasz" -> "Lukasz"."""
    decomposed = unicodedata.normalize("NFKD", word.translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _name_pattern(name: str) -> re.Pattern[str] | None:
    """Every word of ``name`` of two or more letters (and hyphenated or apostrophised wholes
    like "Seo-yeon", "O'Connor"), with and without accents, as whole words, any case."""
    variants: set[str] = set()
    for token in _NAME_TOKEN.findall(name):
        for part in {token, *re.split(r"['\u2019-]", token)}:
            if sum(ch.isalpha() for ch in part) >= 2:
                variants.update({part, _fold(part)})
    if not variants:
        return None
    alternatives = "|".join(
        _APOSTROPHES.sub("['\u2019]", re.escape(v)) for v in sorted(variants, key=len, reverse=True)
    )
    return re.compile(rf"(?<![\w\[])(?:{alternatives})(?!\w)", re.IGNORECASE)


def _merge(text: str, spans: Iterable[_Span]) -> list[_Span]:
    """Spans trimmed of surrounding spaces, overlaps joined (under the longer span's tag), and
    same-tag neighbours separated only by spaces joined into one."""
    trimmed = []
    for start, end, tag in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            trimmed.append(_Span(start, end, tag))
    trimmed.sort(key=lambda s: (s.start, s.start - s.end))
    out: list[_Span] = []
    for span in trimmed:
        if out and span.start < out[-1].end:
            last = out[-1]
            if span.end > last.end:
                longer = last if last.end - last.start >= span.end - span.start else span
                out[-1] = _Span(last.start, span.end, longer.tag)
            continue
        if out and out[-1].tag == span.tag and not text[out[-1].end : span.start].strip(" \t"):
            out[-1] = _Span(out[-1].start, span.end, span.tag)
            continue
        out.append(span)
    return out
