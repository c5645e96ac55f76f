"""Bias-audit tables: rates, impact ratios, exclusions, Fisher's exact test and the edge cases."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from screener.score.audit import (
    COLUMNS,
    UNKNOWN,
    ZERO_TOP_RATE,
    AuditCandidate,
    AuditReport,
    CategoryRow,
    audit,
    category_of,
    fisher_exact,
    report_rows,
    report_text,
)

Demographics = dict[str, dict[str, str | None]]


def group(
    prefix: str, count: int, selected: int, **values: str | None
) -> tuple[list[AuditCandidate], Demographics]:
    """``count`` candidates ``prefix0``, ``prefix1``...; the first ``selected`` of them selected."""
    people = [AuditCandidate(f"{prefix}{i}.pdf", 50.0, i < selected) for i in range(count)]
    return people, {person.id: dict(values) for person in people}


def sample(
    *groups: tuple[list[AuditCandidate], Demographics],
) -> tuple[list[AuditCandidate], Demographics]:
    candidates: list[AuditCandidate] = []
    demographics: Demographics = {}
    for people, values in groups:
        candidates += people
        demographics |= values
    return candidates, demographics


def row(report: AuditReport, dimension: str, category: str) -> CategoryRow:
    (found,) = [r for r in report.rows if r.dimension == dimension and r.category == category]
    return found


# --- the acceptance test --------------------------------------------------------------------


def test_worked_example_impact_ratio_0_82_and_a_small_category_excluded() -> None:
    """The worked example: selection rates 54.3% and 44.7% give an impact ratio of 0.82.

    Category A: 543 of 1000 selected; B: 447 of 1000; 0.447 / 0.543 = 0.823, above 0.8, so B
    is not flagged. Category C (15 of 20 selected, 0.99% of the sample) is listed but left out
    of the ratios: had it counted, its 75% would be the top rate and flag both A and B.
    """
    candidates, demographics = sample(
        group("a", 1000, 543, group="A"),
        group("b", 1000, 447, group="B"),
        group("c", 20, 15, group="C"),
    )
    report = audit(candidates, demographics, dimensions=["group"], mode="selection")

    assert report.sample_size == 2020
    assert report.median is None
    assert [(r.category, r.count, r.positives) for r in report.rows] == [
        ("A", 1000, 543),
        ("B", 1000, 447),
        ("C", 20, 15),
    ]
    a, b, c = report.rows
    assert a.rate == pytest.approx(0.543)
    assert b.rate == pytest.approx(0.447)
    assert a.impact_ratio == pytest.approx(1.0)
    assert b.impact_ratio is not None
    assert b.impact_ratio == pytest.approx(0.447 / 0.543)
    assert round(b.impact_ratio, 2) == 0.82
    assert not a.four_fifths
    assert not b.four_fifths
    assert a.excluded_reason is None
    assert b.excluded_reason is None

    assert c.share == pytest.approx(20 / 2020)
    assert c.rate == pytest.approx(0.75)
    assert c.impact_ratio is None
    assert not c.four_fifths
    assert c.excluded_reason is not None
    assert "under 2% of the sample" in c.excluded_reason
    assert "excluded from impact ratios" in c.excluded_reason
    assert "small sample: 20 candidates (under 30)" in c.warnings

    # With the 2% rule off, C's 75% becomes the top rate and both large categories are flagged.
    everyone = audit(candidates, demographics, dimensions=["group"], mode="selection", min_share=0)
    assert row(everyone, "group", "A").impact_ratio == pytest.approx(0.543 / 0.75)
    assert row(everyone, "group", "B").four_fifths
    assert row(everyone, "group", "C").impact_ratio == pytest.approx(1.0)


def test_worked_example_p_values_are_the_category_against_everyone_else() -> None:
    candidates, demographics = sample(
        group("a", 1000, 543, group="A"),
        group("b", 1000, 447, group="B"),
        group("c", 20, 15, group="C"),
    )
    report = audit(candidates, demographics, dimensions=["group"], mode="selection")
    # A against B + C: [[543, 457], [462, 558]]; C against A + B: [[15, 5], [990, 1010]].
    assert row(report, "group", "A").p_value == pytest.approx(
        fisher_exact([[543, 457], [462, 558]]), rel=1e-12
    )
    assert row(report, "group", "C").p_value == pytest.approx(
        fisher_exact([[15, 5], [990, 1010]]), rel=1e-12
    )
    b_p = row(report, "group", "B").p_value
    assert b_p is not None
    assert b_p < 1e-4  # 44.7% vs 54.6% of 1020 is no accident


# --- Fisher's exact test --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        # Fisher's lady tasting tea (The Design of Experiments, 1935): 3 of 4 cups right.
        # Two-sided p = 34/70 = 17/35 = 0.4857142857.
        ([[3, 1], [1, 3]], 0.4857142857),
        # A common textbook table: two-sided p = 5/143 = 0.03496503.
        ([[8, 2], [1, 5]], 0.03496503),
        # Wikipedia, "Fisher's exact test": dieting by sex, two-sided p = 0.002759.
        ([[1, 9], [11, 3]], 0.0027594562),
    ],
)
def test_fisher_exact_matches_published_values(table: list[list[int]], expected: float) -> None:
    assert fisher_exact(table) == pytest.approx(expected, abs=1e-6)


def test_fisher_exact_gives_the_exact_fractions() -> None:
    assert fisher_exact([[3, 1], [1, 3]]) == pytest.approx(17 / 35, rel=1e-12)
    assert fisher_exact([[8, 2], [1, 5]]) == pytest.approx(5 / 143, rel=1e-12)


def test_fisher_exact_degenerate_and_invalid_tables() -> None:
    assert fisher_exact([[0, 0], [3, 4]]) == 1.0  # an empty row
    assert fisher_exact([[0, 5], [0, 7]]) == 1.0  # an empty column
    assert fisher_exact([[5, 5], [5, 5]]) == pytest.approx(1.0)  # the most probable table
    with pytest.raises(ValueError, match="negative"):
        fisher_exact([[-1, 2], [3, 4]])
    with pytest.raises(ValueError, match="2x2"):
        fisher_exact([[1, 2, 3], [4, 5, 6]])


def exact_fisher(table: list[list[int]]) -> Fraction:
    """An independent oracle: the same definition, in exact rational arithmetic."""
    (a, b), (c, d) = table
    row1, row2, col1 = a + b, c + d, a + c
    total = math.comb(row1 + row2, col1)
    support = range(max(0, col1 - row2), min(row1, col1) + 1)
    probability = {
        x: Fraction(math.comb(row1, x) * math.comb(row2, col1 - x), total) for x in support
    }
    observed = probability[a] * (1 + Fraction(1, 10**7))
    return sum((p for p in probability.values() if p <= observed), Fraction(0))


@given(st.lists(st.integers(0, 40), min_size=4, max_size=4))
def test_fisher_exact_agrees_with_exact_arithmetic(cells: list[int]) -> None:
    table = [cells[:2], cells[2:]]
    p = fisher_exact(table)
    assert p == pytest.approx(float(min(Fraction(1), exact_fisher(table))), rel=1e-9, abs=1e-15)
    # The test is symmetric: transposing or swapping the rows changes nothing.
    assert fisher_exact([[cells[0], cells[2]], [cells[1], cells[3]]]) == pytest.approx(p)
    assert fisher_exact([cells[2:], cells[:2]]) == pytest.approx(p)


def test_fisher_exact_handles_large_samples() -> None:
    p = fisher_exact([[5000, 5000], [4800, 5200]])
    assert 0 < p < 0.01
    assert fisher_exact([[5000, 5000], [5000, 5000]]) == pytest.approx(1.0)


# --- scoring mode ---------------------------------------------------------------------------


def test_scoring_mode_counts_only_scores_strictly_above_the_median() -> None:
    """Scores 2, 2, 2 (group X) and 1, 3, 3 (group Y): the median is 2, and a 2 is not above it.

    X's scoring rate is 0 of 3, Y's 2 of 3; ``selected`` is ignored in scoring mode (every X
    is marked selected here, no Y is).
    """
    people = [
        AuditCandidate("x1.pdf", 2.0, True),
        AuditCandidate("x2.pdf", 2.0, True),
        AuditCandidate("x3.pdf", 2.0, True),
        AuditCandidate("y1.pdf", 1.0, False),
        AuditCandidate("y2.pdf", 3.0, False),
        AuditCandidate("y3.pdf", 3.0, False),
    ]
    demographics: Demographics = {p.id: {"group": p.id[0].upper()} for p in people}
    report = audit(people, demographics, dimensions=["group"], mode="scoring")

    assert report.mode == "scoring"
    assert report.median == 2.0
    x, y = row(report, "group", "X"), row(report, "group", "Y")
    assert (x.positives, x.rate) == (0, 0.0)
    assert (y.positives, y.rate) == pytest.approx((2, 2 / 3))
    assert x.impact_ratio == 0.0
    assert x.four_fifths
    assert y.impact_ratio == pytest.approx(1.0)
    assert "scoring rate" in report_text(report)
    assert "median score 2" in report_text(report)

    # The same people in selection mode: X 3 of 3, Y 0 of 3.
    selection = audit(people, demographics, dimensions=["group"], mode="selection")
    assert row(selection, "group", "X").rate == 1.0
    assert row(selection, "group", "Y").impact_ratio == 0.0


def test_scoring_mode_median_of_an_even_sample_is_the_midpoint() -> None:
    people = [AuditCandidate(f"{i}.pdf", float(score), False) for i, score in enumerate([10, 20])]
    report = audit(people, {}, dimensions=["sex"], mode="scoring")
    assert report.median == 15.0
    assert row(report, "sex", UNKNOWN).positives == 1


def test_scoring_mode_rejects_scores_that_are_not_numbers() -> None:
    people = [AuditCandidate("a.pdf", math.nan, False), AuditCandidate("b.pdf", 1.0, False)]
    with pytest.raises(ValueError, match="finite"):
        audit(people, {}, dimensions=["sex"], mode="scoring")
    # Selection mode does not read scores.
    assert audit(people, {}, dimensions=["sex"], mode="selection").sample_size == 2


# --- Unknown --------------------------------------------------------------------------------


def test_unknown_is_counted_and_listed_but_excluded_from_ratios() -> None:
    """Missing records, missing keys, None, blanks and "unknown" all count as Unknown.

    The Unknown candidates are all selected, so counting them in the ratios would make
    Unknown the top rate and flag both known categories.
    """
    candidates, demographics = sample(
        group("f", 100, 50, sex="Female"),
        group("m", 100, 45, sex=" Male "),
        group("u", 10, 10, sex=None),
        group("v", 10, 10, sex="   "),
        group("w", 10, 10, sex="unknown"),
        group("x", 10, 10),  # a record without the key
    )
    missing = [AuditCandidate(f"z{i}.pdf", 50.0, True) for i in range(10)]  # no record at all
    report = audit(candidates + missing, demographics, dimensions=["sex"], mode="selection")

    assert [r.category for r in report.rows] == ["Female", "Male", UNKNOWN]
    unknown = row(report, "sex", UNKNOWN)
    assert unknown.count == 50
    assert unknown.share == pytest.approx(50 / 250)
    assert unknown.rate == 1.0
    assert unknown.impact_ratio is None
    assert not unknown.four_fifths
    assert unknown.excluded_reason is not None
    assert "Unknown" in unknown.excluded_reason
    assert unknown.p_value is not None  # still compared with everyone else
    assert row(report, "sex", "Female").share == pytest.approx(100 / 250)
    assert row(report, "sex", "Female").impact_ratio == pytest.approx(1.0)
    assert row(report, "sex", "Male").impact_ratio == pytest.approx(0.9)


def test_category_of_normalises_only_blanks_and_whitespace() -> None:
    assert category_of(None) == UNKNOWN
    assert category_of("") == UNKNOWN
    assert category_of(" UNKNOWN ") == UNKNOWN
    assert category_of("  Black or  African American ") == "Black or African American"
    assert category_of("female") == "female"  # reported values are not re-cased or guessed


def test_demographic_records_without_a_candidate_are_reported() -> None:
    candidates, demographics = sample(group("a", 40, 20, sex="Female"))
    demographics["ghost.pdf"] = {"sex": "Male"}
    report = audit(candidates, demographics, dimensions=["sex"], mode="selection")
    assert [r.category for r in report.rows] == ["Female"]
    assert any("match no audited candidate" in warning for warning in report.warnings)


# --- intersections --------------------------------------------------------------------------


def test_intersection_of_dimensions() -> None:
    candidates, demographics = sample(
        group("fa", 40, 20, sex="Female", race="Asian"),
        group("fw", 60, 24, sex="Female", race="White"),
        group("ma", 50, 30, sex="Male", race="Asian"),
        group("mw", 50, 25, sex="Male", race="White"),
        group("mu", 10, 10, sex="Male"),  # race not reported
    )
    report = audit(candidates, demographics, dimensions=["sex", "race"], mode="selection")

    assert report.dimensions == ("sex", "race", "sex x race")
    assert [(r.dimension, r.category) for r in report.rows] == [
        ("sex", "Female"),
        ("sex", "Male"),
        ("race", "Asian"),
        ("race", "White"),
        ("race", UNKNOWN),
        ("sex x race", "Female / Asian"),
        ("sex x race", "Female / White"),
        ("sex x race", "Male / Asian"),
        ("sex x race", "Male / White"),
        ("sex x race", UNKNOWN),
    ]
    # Each dimension on its own: Female 44/100, Male 65/110.
    assert row(report, "sex", "Female").impact_ratio == pytest.approx(0.44 / (65 / 110))
    assert row(report, "sex", "Female").four_fifths
    # race: Asian 50/90, White 49/110.
    assert row(report, "race", "White").impact_ratio == pytest.approx((49 / 110) / (50 / 90))
    # The intersection: rates 0.5, 0.4, 0.6, 0.5 -> ratios against Male / Asian's 0.6.
    ratios = {r.category: r.impact_ratio for r in report.rows if r.dimension == "sex x race"}
    assert ratios == pytest.approx(
        {
            "Female / Asian": 0.5 / 0.6,
            "Female / White": 0.4 / 0.6,
            "Male / Asian": 1.0,
            "Male / White": 0.5 / 0.6,
            UNKNOWN: None,
        }
    )
    assert row(report, "sex x race", "Female / White").four_fifths
    assert not row(report, "sex x race", "Female / Asian").four_fifths
    assert row(report, "sex x race", UNKNOWN).count == 10
    assert sum(r.count for r in report.rows if r.dimension == "sex x race") == 210


def test_a_single_dimension_has_no_intersection() -> None:
    candidates, demographics = sample(group("a", 40, 20, sex="Female"))
    report = audit(candidates, demographics, dimensions=["sex"], mode="selection")
    assert report.dimensions == ("sex",)


# --- edge cases -----------------------------------------------------------------------------


def test_zero_top_rate_leaves_every_ratio_undefined() -> None:
    candidates, demographics = sample(
        group("f", 40, 0, sex="Female"),
        group("m", 40, 0, sex="Male"),
    )
    report = audit(candidates, demographics, dimensions=["sex"], mode="selection")
    assert f"sex: {ZERO_TOP_RATE}" in report.warnings
    assert ZERO_TOP_RATE == "no category has a positive rate: impact ratios are undefined"
    for r in report.rows:
        assert r.rate == 0.0
        assert r.impact_ratio is None
        assert not r.four_fifths
        assert r.p_value == 1.0


def test_zero_top_rate_among_included_categories_even_if_unknown_is_positive() -> None:
    candidates, demographics = sample(
        group("f", 40, 0, sex="Female"),
        group("m", 40, 0, sex="Male"),
        group("u", 40, 5),
    )
    report = audit(candidates, demographics, dimensions=["sex"], mode="selection")
    assert f"sex: {ZERO_TOP_RATE}" in report.warnings
    assert all(r.impact_ratio is None for r in report.rows)


def test_a_dimension_with_only_one_category() -> None:
    candidates, demographics = sample(group("a", 40, 10, sex="Female"))
    report = audit(candidates, demographics, dimensions=["sex"], mode="selection")
    (only,) = report.rows
    assert (only.count, only.share, only.rate) == (40, 1.0, 0.25)
    assert only.impact_ratio is None
    assert not only.four_fifths
    assert only.p_value is None  # there is no one else to compare with
    assert any("only one category (Female)" in warning for warning in report.warnings)


def test_one_known_category_beside_unknown_is_still_one_category() -> None:
    candidates, demographics = sample(group("a", 40, 10, sex="Female"), group("u", 40, 30))
    report = audit(candidates, demographics, dimensions=["sex"], mode="selection")
    assert all(r.impact_ratio is None for r in report.rows)
    assert any("only one category (Female)" in warning for warning in report.warnings)
    assert row(report, "sex", "Female").p_value == pytest.approx(fisher_exact([[10, 30], [30, 10]]))


def test_four_fifths_boundary_is_exact() -> None:
    """4 of 10 against 5 of 10 is exactly 0.8: not below it. 39 of 100 against 50 is 0.78."""
    candidates, demographics = sample(
        group("a", 100, 50, group="A"),
        group("b", 100, 40, group="B"),
        group("c", 100, 39, group="C"),
    )
    report = audit(candidates, demographics, dimensions=["group"], mode="selection")
    assert row(report, "group", "B").impact_ratio == pytest.approx(0.8)
    assert not row(report, "group", "B").four_fifths
    assert row(report, "group", "C").four_fifths


def test_two_percent_boundary() -> None:
    """Exactly 2% of the sample is included; just under it is excluded."""
    candidates, demographics = sample(
        group("a", 980, 490, group="A"),
        group("b", 20, 10, group="B"),
    )
    report = audit(candidates, demographics, dimensions=["group"], mode="selection")
    assert row(report, "group", "B").share == pytest.approx(0.02)
    assert row(report, "group", "B").excluded_reason is None
    assert row(report, "group", "B").impact_ratio == pytest.approx(1.0)

    candidates, demographics = sample(
        group("a", 981, 490, group="A"),
        group("b", 20, 10, group="B"),
    )
    report = audit(candidates, demographics, dimensions=["group"], mode="selection")
    assert row(report, "group", "B").excluded_reason is not None
    assert row(report, "group", "B").impact_ratio is None


def test_small_sample_warnings() -> None:
    candidates, demographics = sample(
        group("a", 500, 250, group="A"),
        group("b", 500, 250, group="B"),
        group("c", 25, 12, group="C"),
    )
    report = audit(candidates, demographics, dimensions=["group"], mode="selection")
    assert row(report, "group", "A").warnings == ()
    assert row(report, "group", "C").warnings[0] == "small sample: 25 candidates (under 30)"
    assert not any(w.startswith("small sample") for w in report.warnings)  # 1025 in all

    # Large categories, rare selections: the expected count of selections is 2 per category.
    candidates, demographics = sample(
        group("a", 500, 1, group="A"),
        group("b", 500, 3, group="B"),
    )
    report = audit(candidates, demographics, dimensions=["group"], mode="selection")
    warnings = row(report, "group", "A").warnings
    assert warnings == ("small expected count: 2.0 (under 5) in the category-vs-rest table",)

    candidates, demographics = sample(group("a", 10, 5, group="A"), group("b", 10, 2, group="B"))
    report = audit(candidates, demographics, dimensions=["group"], mode="selection")
    assert "small sample: 20 candidates in all (under 30)" in report.warnings


def test_invalid_input_is_refused() -> None:
    people = [AuditCandidate("a.pdf", 1.0, True), AuditCandidate("a.pdf", 2.0, False)]
    with pytest.raises(ValueError, match=r"unique; repeated: a\.pdf"):
        audit(people, {}, dimensions=["sex"], mode="selection")
    with pytest.raises(ValueError, match="no candidates"):
        audit([], {}, dimensions=["sex"], mode="selection")
    one = people[:1]
    with pytest.raises(ValueError, match="at least one dimension"):
        audit(one, {}, dimensions=[], mode="selection")
    with pytest.raises(ValueError, match="named twice"):
        audit(one, {}, dimensions=["sex", "sex"], mode="selection")
    with pytest.raises(ValueError, match="mode must be"):
        audit(one, {}, dimensions=["sex"], mode="ranking")  # type: ignore[arg-type]


# --- export ---------------------------------------------------------------------------------


def worked_example() -> AuditReport:
    candidates, demographics = sample(
        group("a", 1000, 543, group="A"),
        group("b", 1000, 447, group="B"),
        group("c", 20, 15, group="C"),
    )
    return audit(candidates, demographics, dimensions=["group"], mode="selection")


def test_report_rows_follow_columns() -> None:
    report = worked_example()
    rows = report_rows(report)
    assert len(rows) == 3
    assert all(len(r) == len(COLUMNS) for r in rows)
    records = [dict(zip(COLUMNS, r, strict=True)) for r in rows]
    assert records[1]["category"] == "B"
    assert records[1]["count"] == 1000
    assert records[1]["positives"] == 447
    assert records[1]["impact_ratio"] == pytest.approx(0.447 / 0.543)
    assert records[1]["four_fifths"] is False
    assert records[1]["warnings"] == ""
    assert records[2]["impact_ratio"] is None
    assert "under 2%" in str(records[2]["excluded_reason"])
    assert records[2]["warnings"] == "small sample: 20 candidates (under 30)"


def test_report_text_shows_every_row_and_the_notes() -> None:
    text = report_text(worked_example())
    lines = text.splitlines()
    assert lines[0] == "Bias audit (selection rate), 2020 candidates"
    table = {line.split()[1]: line.split() for line in lines if line.startswith("group ")}
    assert table["A"][2:6] == ["1000", "49.5%", "54.3%", "1.000"]
    assert table["B"][2:6] == ["1000", "49.5%", "44.7%", "0.823"]
    assert table["C"][2:6] == ["20", "1.0%", "75.0%", "-"]
    assert "group / C: under 2% of the sample (0.99%): excluded from impact ratios" in text
    assert "group / C: small sample: 20 candidates (under 30)" in text


def test_report_text_marks_flagged_rows_and_report_warnings() -> None:
    candidates, demographics = sample(
        group("f", 40, 0, sex="Female"),
        group("m", 40, 0, sex="Male"),
    )
    text = report_text(audit(candidates, demographics, dimensions=["sex"], mode="selection"))
    assert f"Warnings:\n  sex: {ZERO_TOP_RATE}" in text

    candidates, demographics = sample(
        group("a", 100, 50, group="A"),
        group("c", 100, 39, group="C"),
    )
    text = report_text(audit(candidates, demographics, dimensions=["group"], mode="selection"))
    flagged = [line for line in text.splitlines() if line.startswith("group ")]
    assert "yes" not in flagged[0].split()
    assert "yes" in flagged[1].split()
