"""Numbers, dates and deadlines in the reader's language and time zone."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import formats, timezone, translation

from sustainai.core.charts import bar_chart
from sustainai.core.middleware import TIMEZONE_COOKIE
from sustainai.core.templatetags import platform
from sustainai.core.templatetags.platform import time_left_words
from sustainai.linkage.models import PairDecision
from tests.factories.calls import CallFactory
from tests.factories.linkage import CandidatePairFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 4, 16, 45, tzinfo=datetime.UTC)


def render(source: str, **context) -> str:
    return Template("{% load i18n humanize platform %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "5,298.3 · 12,500 · 4 December 2026, 16:45"),
        ("fr", "5\xa0298,3 · 12\xa0500 · 4 décembre 2026, 16:45"),
    ],
)
def test_template_numbers_and_dates_follow_the_language(language, expected):
    with translation.override(language), timezone.override(datetime.UTC):
        text = render(
            '{{ x|floatformat:"1g" }} · {{ n|intcomma }} · {{ when|date:"DATETIME_FORMAT" }}',
            x=5298.3,
            n=12500,
            when=NOW,
        )
    assert text == expected


def test_chart_labels_follow_the_language():
    with translation.override("fr"):
        svg = str(bar_chart([("Énergie", 5298)], title="Initiatives"))
    assert "<title>Énergie\xa0: 5\xa0298</title>" in svg
    assert 'fill="currentColor">5\xa0298</text>' in svg


def test_label_and_value_take_the_language_s_colon():
    with translation.override("fr"):
        assert render("{% labelled 'Pays' value %}", value="<France>") == "Pays\xa0: &lt;France&gt;"
    with translation.override("en"):
        assert render("{% labelled 'Country' 'France' %}") == "Country: France"


def test_a_call_page_in_french_shows_the_deadline_in_paris_time_with_days_left(client):
    now = timezone.now()
    closes_at = (now + datetime.timedelta(days=12)).replace(hour=11, minute=30, second=0)
    call = CallFactory(closes_at=closes_at)
    client.cookies[TIMEZONE_COOKIE] = "Europe/Paris"
    text = client.get(f"/calls/{call.slug}/", HTTP_ACCEPT_LANGUAGE="fr").text
    paris = ZoneInfo("Europe/Paris")
    days = (closes_at.astimezone(paris).date() - now.astimezone(paris).date()).days
    with translation.override("fr"):
        shown = formats.date_format(closes_at.astimezone(paris), "j F Y")
    assert (
        f'{shown}, 12:30</time> <span class="timezone">(Europe/Paris)</span> '
        f'<span class="time-left">— {days} jours restants</span>'
    ) in text


PARIS_EVENING = datetime.datetime(2026, 12, 4, 22, 0, tzinfo=datetime.UTC)  # 23:00 in Paris


@pytest.mark.parametrize(
    ("zone", "deadline", "expected"),
    [
        (
            "Europe/Paris",
            datetime.datetime(2026, 12, 4, 23, 30, tzinfo=datetime.UTC),
            "1 jour restant",
        ),
        (
            "Europe/London",
            datetime.datetime(2026, 12, 4, 23, 30, tzinfo=datetime.UTC),
            "clôture aujourd'hui",
        ),
        (
            "Europe/Paris",
            datetime.datetime(2026, 12, 16, 9, 0, tzinfo=datetime.UTC),
            "12 jours restants",
        ),
        ("Europe/Paris", datetime.datetime(2026, 12, 4, 21, 59, tzinfo=datetime.UTC), "clos"),
    ],
)
def test_time_left_is_counted_in_days_of_the_visitor_s_zone(zone, deadline, expected):
    with translation.override("fr"), timezone.override(ZoneInfo(zone)):
        assert time_left_words(deadline, PARIS_EVENING) == expected


def test_time_left_in_english():
    with translation.override("en"), timezone.override(ZoneInfo("Europe/Paris")):
        assert (
            time_left_words(PARIS_EVENING + datetime.timedelta(hours=1, minutes=30), PARIS_EVENING)
            == "1 day left"
        )
        assert (
            time_left_words(PARIS_EVENING + datetime.timedelta(minutes=30), PARIS_EVENING)
            == "closes today"
        )


def test_the_duplicates_queue_shows_dates_as_every_other_page(coordinator_client):
    pair = CandidatePairFactory()
    coordinator_client.post(
        reverse("linkage:decide", kwargs={"pk": pair.pk}), {"action": "distinct"}
    )
    PairDecision.objects.update(decided_at=NOW)
    coordinator_client.cookies[TIMEZONE_COOKIE] = "Europe/Paris"
    english = coordinator_client.get(reverse("linkage:queue")).text
    french = coordinator_client.get(reverse("linkage:queue"), HTTP_ACCEPT_LANGUAGE="fr").text
    assert (
        '<time datetime="2026-12-04T16:45:00+00:00">4 December 2026, 17:45</time> '
        '<span class="timezone">(Europe/Paris)</span>'
    ) in english
    assert ">4 décembre 2026, 17:45</time>" in french


def test_the_home_page_in_french_counts_in_french_plurals(client):
    from tests.factories.calls import CallFactory as Call

    Call.create_batch(2)
    french = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").text
    assert "<li><strong>2</strong> appels ouverts</li>" in french


def test_the_calculator_s_sources_read_in_french(client):
    query = (
        "accelerator=A100-80GB&accelerator_hours=1082990&power_w=400&pue=1&"
        "carbon_intensity_g_per_kwh=57"
    )
    text = client.get(f"/footprint/?{query}", HTTP_ACCEPT_LANGUAGE="fr").text
    assert "<strong>A100-80GB : TDP, pic de FLOP/s, mémoire</strong>&nbsp;:" in text
    assert (
        "<strong>Années sur lesquelles les émissions intrinsèques sont amorties (fourchette de "
        "notre fait)</strong>"
    ) in text
    english = client.get(f"/footprint/?{query}").text
    assert (
        "<strong>Years over which embodied emissions are amortised (range ours)</strong>" in english
    )


def test_the_calculator_s_world_grid_source_reads_in_french(client):
    text = client.get("/footprint/?accelerator=H100&hours=10", HTTP_ACCEPT_LANGUAGE="fr").text
    assert "<strong>Intensité carbone moyenne mondiale du réseau " in text
    assert "du 5e au 95e centile des intensités nationales de CodeCarbon</strong>" in text


@pytest.mark.parametrize(
    ("value", "english", "french"),
    [
        ("0.5833", "0.5833", "0,5833"),
        ("1,234.5", "1,234.5", "1\xa0234,5"),
        (2.0, "2", "2"),
        ("n/a", "n/a", "n/a"),
    ],
)
def test_localnumber_writes_numbers_as_the_language_does(value, english, french):
    with translation.override("en"):
        assert platform.localnumber(value) == english
    with translation.override("fr"):
        assert platform.localnumber(value) == french


def test_isodate_reads_iso_text_back_as_a_date():
    assert platform.isodate("2025-06-30") == datetime.date(2025, 6, 30)
    assert platform.isodate("June") == "June"
