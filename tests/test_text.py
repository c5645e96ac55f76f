"""Dates, roles and merged experience from the experience section."""

from __future__ import annotations

from datetime import date

import pytest

from screener.text.sections import find_sections
from screener.text.timeline import explicit_years, find_roles, merged_months, title_and_employer
from tests.conftest import AS_OF


def roles_of(body: str) -> list[tuple[date, date, bool, int]]:
    text = f"EXPERIENCE\n{body}\n"
    return [
        (r.start, r.end, r.current, r.months) for r in find_roles(text, find_sections(text), AS_OF)
    ]


@pytest.mark.parametrize(
    ("line", "start", "end", "current", "months"),
    [
        ("Engineer, Acme, Jan 2019 – Present", date(2019, 1, 1), date(2026, 12, 1), True, 95),
        ("Engineer 2017-2020", date(2017, 1, 1), date(2020, 1, 1), False, 36),
        ("Engineer 03/2018 - 06/2021", date(2018, 3, 1), date(2021, 7, 1), False, 40),
        ("Engineer, Mar. 2016 to Current", date(2016, 3, 1), date(2026, 12, 1), True, 129),
        ("Engineer (September 2017 — March 2019)", date(2017, 9, 1), date(2019, 4, 1), False, 19),
    ],
)
def test_text_date_ranges(line: str, start: date, end: date, current: bool, months: int) -> None:
    assert roles_of(line) == [(start, end, current, months)]


@pytest.mark.parametrize(
    "line",
    ["Founded in 1998 - a great company", "Phone 2019-2018", "Planned 2030 - 2032"],
)
def test_text_rejects_non_ranges(line: str) -> None:
    assert roles_of(line) == []


def test_text_overlapping_roles_are_counted_once() -> None:
    text = "EXPERIENCE\nA, Jan 2018 - Dec 2019\nB, Jan 2019 - Dec 2020\nC, 2022 - 2023\n"
    roles = find_roles(text, find_sections(text), AS_OF)
    assert [r.months for r in roles] == [24, 24, 12]
    assert merged_months(roles) == 36 + 12


def test_text_role_title_from_the_line_above_a_bare_date() -> None:
    text = "EXPERIENCE\nSenior Engineer, Acme\nJune 2023 - Present\n- Built things\n"
    (role,) = find_roles(text, find_sections(text), AS_OF)
    assert role.header == "Senior Engineer, Acme June 2023 - Present"
    assert (role.title, role.employer) == ("Senior Engineer", "Acme")
    assert text[role.span_start :].startswith("Senior Engineer")


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Engineer with 7+ years of experience in Python.", 7.0),
        ("Over 10 years of professional experience; 3 years experience with AWS.", 10.0),
        ("Experienced engineer.", None),
    ],
)
def test_text_explicit_years(text: str, years: float | None) -> None:
    assert explicit_years(text) == years


@pytest.mark.parametrize(
    ("line", "start", "end", "months"),
    [
        ("Producer 2005  Present: Freelance", date(2005, 1, 1), date(2026, 12, 1), 263),
        ("Agent, September 2013  August 2016", date(2013, 9, 1), date(2016, 9, 1), 36),
        ("Executive, May 2010 - till date", date(2010, 5, 1), date(2026, 12, 1), 199),
        ("Engineer in Oracle (September 2017 onwards)", date(2017, 9, 1), date(2026, 12, 1), 111),
        ("Cook, Peppes pizza, 2013-", date(2013, 1, 1), date(2026, 12, 1), 167),
        ("Analyst, 2007 - Present", date(2007, 1, 1), date(2026, 12, 1), 239),
    ],
)
def test_text_date_ranges_as_real_resumes_write_them(
    line: str, start: date, end: date, months: int
) -> None:
    assert [(s, e, m) for s, e, _, m in roles_of(line)] == [(start, end, months)]


@pytest.mark.parametrize(
    ("header", "title", "employer"),
    [
        ("MLOps Engineer, Northwind Analytics", "MLOps Engineer", "Northwind Analytics"),
        ("Data Engineer at Contoso Ltd", "Data Engineer", "Contoso Ltd"),
        ("Contoso | Senior SRE | Austin, TX", "Senior SRE", "Contoso"),
        (
            "Northwind Analytics \u2014 Machine Learning Engineer",
            "Machine Learning Engineer",
            "Northwind Analytics",
        ),
        ("Freelance", None, None),
    ],
)
def test_text_role_header_gives_title_and_employer(
    header: str, title: str | None, employer: str | None
) -> None:
    assert title_and_employer(header) == (title, employer)


def test_text_memberships_grants_and_date_rows_are_not_roles() -> None:
    text = (
        "EXPERIENCE\n"
        "Software Engineer, Contoso, 2015 - 2018\n"
        "- Built services.\n"
        "American Society of Mechanical Engineers (ASME), 2009-Present\n"
        "Foundation grant, Improved Forecasting, 2001 - 2003 ($140,000)\n"
        "2013-2016 2009-2012\n"
        "Engineer, American Heart Association, 2019 - 2021\n"
    )
    roles = find_roles(text, find_sections(text), AS_OF)
    assert [(r.start.year, r.employer) for r in roles] == [
        (2015, "Contoso"),
        (2019, "American Heart Association"),
    ]


def test_text_memberships_heading_ends_the_experience_section() -> None:
    text = (
        "EXPERIENCE\nData Engineer, Contoso, 2016 - 2020\n\n"
        "PROFESSIONAL MEMBERSHIPS\nIEEE Computer Society, 2010 - Present\n"
    )
    sections = find_sections(text)
    assert [s.name for s in sections] == ["experience", "affiliations"]
    assert [r.start.year for r in find_roles(text, sections, AS_OF)] == [2016]
