"""The shared SVG charts: geometry, accessible names, links and escaping."""

import datetime
import re

from django.template import Context, Template

from sustainai.core.charts import Bar, bar_chart, line_chart

D = datetime.date


def test_bar_chart_renders_labels_counts_and_titles():
    chart = bar_chart([("A & B", 2), ("C", 1)], title="Kinds", description="Per kind")
    assert str(chart) == (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 92" role="img" '
        'aria-labelledby="chart-kinds-t chart-kinds-d"><title id="chart-kinds-t">Kinds</title>'
        '<desc id="chart-kinds-d">Per kind</desc>'
        '<g><title>A &amp; B: 2</title><text x="0" y="14" font-size="14" fill="currentColor">'
        'A &amp; B</text><rect x="0" y="18" width="600.0" height="18" fill="#1b6e3a"></rect>'
        '<text x="606.0" y="32" font-size="14" fill="currentColor">2</text></g>'
        '<g><title>C: 1</title><text x="0" y="60" font-size="14" fill="currentColor">C</text>'
        '<rect x="0" y="64" width="300.0" height="18" fill="#1b6e3a"></rect>'
        '<text x="306.0" y="78" font-size="14" fill="currentColor">1</text></g></svg>'
    )


def test_bar_chart_scales_bars_to_the_largest_count_in_the_given_order():
    chart = bar_chart([("2021", 1), ("2023", 2), ("2024", 0)], title="Years")
    assert chart.bars == (
        Bar(label="2021", count=1, href="", y=0, width=300.0),
        Bar(label="2023", count=2, href="", y=46, width=600.0),
        Bar(label="2024", count=0, href="", y=92, width=0.0),
    )
    assert (chart.width, chart.height) == (640, 138)


def test_bar_chart_with_only_zero_counts_draws_empty_bars():
    chart = bar_chart([("A", 0)], title="Nothing")
    assert chart.bars == (Bar(label="A", count=0, href="", y=0, width=0.0),)


def test_bar_chart_with_links_is_a_group_of_links():
    chart = bar_chart([("Tool", 4, "/atlas/?type=tool&country=FR")], title="By type")
    html = str(chart)
    assert html.startswith(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 46" role="group" '
        'aria-labelledby="chart-by-type-t"><title id="chart-by-type-t">By type</title>'
        '<a href="/atlas/?type=tool&amp;country=FR"><title>Tool: 4</title>'
    )
    assert html.count("<a ") == 1
    assert chart.linked is True
    assert bar_chart([("Tool", 4)], title="By type").linked is False


def test_bar_chart_shortens_long_labels_but_keeps_them_whole_in_the_title():
    label = "x" * 100
    html = str(bar_chart([(label, 3)], title="Long"))
    assert f"<title>{label}: 3</title>" in html
    assert f'fill="currentColor">{"x" * 79}…</text>' in html


def test_empty_bar_chart_keeps_its_title():
    assert str(bar_chart([], title="Empty")) == (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 46" role="img" '
        'aria-labelledby="chart-empty-t"><title id="chart-empty-t">Empty</title></svg>'
    )


def test_chart_ids_come_from_the_title_or_the_given_id():
    assert bar_chart([], title="Organisations in the directory over time").id == (
        "chart-organisations-in-the-directory-over-time"
    )
    assert bar_chart([], title="Same first words " * 5, chart_id="question-7").id == (
        "chart-question-7"
    )


def test_chart_renders_unescaped_in_a_template():
    chart = bar_chart([("<b>", 1)], title="T <i>")
    html = Template("{{ chart }}").render(Context({"chart": chart}))
    assert html == str(chart)
    assert '<title id="chart-t--i--t">T &lt;i&gt;</title>' in html
    assert "<b>" not in html


def test_line_chart_draws_a_step_line_with_a_dot_per_point():
    chart = line_chart(
        [(D(2025, 1, 1), 1), (D(2025, 1, 11), 3)], title="Over time", description="d"
    )
    assert str(chart) == (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 240" role="img" '
        'aria-labelledby="chart-over-time-t chart-over-time-d">'
        '<title id="chart-over-time-t">Over time</title><desc id="chart-over-time-d">d</desc>'
        '<line x1="40" y1="16" x2="40" y2="204" stroke="#888"></line>'
        '<line x1="40" y1="204" x2="600" y2="204" stroke="#888"></line>'
        '<text x="34" y="26" text-anchor="end" font-size="12" fill="currentColor">3</text>'
        '<text x="34" y="204" text-anchor="end" font-size="12" fill="currentColor">0</text>'
        '<text x="40.0" y="224" text-anchor="middle" font-size="12" fill="currentColor">'
        "2025-01-01</text>"
        '<text x="600.0" y="224" text-anchor="middle" font-size="12" fill="currentColor">'
        "2025-01-11</text>"
        '<polyline points="40.0,141.3 600.0,141.3 600.0,16.0" fill="none" stroke="#1b6e3a" '
        'stroke-width="2"></polyline>'
        '<circle cx="40.0" cy="141.3" r="3" fill="#1b6e3a"><title>2025-01-01: 1</title></circle>'
        '<circle cx="600.0" cy="16.0" r="3" fill="#1b6e3a"><title>2025-01-11: 3</title></circle>'
        "</svg>"
    )


def test_line_chart_places_points_by_date_and_labels_dates_that_fit():
    points = [(D(2025, 1, 1), 1), (D(2025, 1, 2), 2), (D(2025, 2, 20), 4), (D(2025, 4, 11), 5)]
    html = str(line_chart(points, title="Sparse", date_format="%m-%d"))
    # 100 days over 560 pixels; 2 January is too close to 1 January for its own label.
    assert re.findall(r'<circle cx="([\d.]+)"', html) == ["40.0", "45.6", "320.0", "600.0"]
    assert re.findall(r'font-size="12" fill="currentColor">(\d\d-\d\d)</text>', html) == [
        "01-01",
        "02-20",
        "04-11",
    ]
    assert "<title>01-02: 2</title>" in html


def test_line_chart_with_one_point_labels_it_once():
    html = str(line_chart([(D(2025, 3, 1), 2)], title="One", date_format="%Y-%m"))
    assert html.count(">2025-03</text>") == 1
    assert '<polyline points="40.0,16.0"' in html


def test_empty_line_chart_keeps_its_title():
    assert str(line_chart([], title="None")) == (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 240" role="img" '
        'aria-labelledby="chart-none-t"><title id="chart-none-t">None</title></svg>'
    )
