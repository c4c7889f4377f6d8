"""The registry that apps plug into: each of our apps declares what it contributes on its AppConfig.

An app's ``apps.py`` subclasses :class:`SustainAIApp` and fills in the attributes it needs (URLs, API
router, navigation entry, coordination links, home-page figures, demo loader, personal-data sources,
report section, panels, and for a workstream toolkit its workstream's slug and space panel).
``core`` reads them here, in ``INSTALLED_APPS`` order, instead of keeping lists of apps, so that
``core`` imports no app above it and adding an app is one entry in ``INSTALLED_APPS``.

Everything a registry attribute names is a dotted path (``"sustainai.atlas.api:router"``), imported
only when it is needed: an ``apps.py`` must stay importable before the models are ready.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Iterator, Mapping, Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Any

import rules
from django.apps import AppConfig, apps
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclasses.dataclass(frozen=True)
class Link:
    """A link to a named URL, shown to those who hold ``permission`` (everyone when ``None``).

    ``count`` is the dotted path of ``(user) -> int | None``, what waits behind the link (one
    query), shown with ``count_label``, a plural form taking ``%(count)d``; computed only when
    the link is shown, by :func:`link_count`.
    """

    label: StrOrPromise
    url_name: str
    permission: str | None = None
    # Keyword-only, so that a ``NavEntry``'s ``order`` stays its fourth positional argument.
    count: str | None = dataclasses.field(default=None, kw_only=True)
    count_label: StrOrPromise | None = dataclasses.field(default=None, kw_only=True)


#: The group of the workstream toolkits' entries in the main navigation (``NavEntry.group``).
TOOLKITS = _("Toolkits")


@dataclasses.dataclass(frozen=True)
class NavEntry(Link):
    """An entry of the main navigation; entries are sorted by ``order``, then by app.

    Entries naming the same ``group`` are shown together under it, in one disclosure placed
    where the first of them would be (the toolkits: a row of a dozen links would not fit a
    desktop's header).
    """

    order: int = 100
    group: StrOrPromise | None = dataclasses.field(default=None, kw_only=True)


@dataclasses.dataclass(frozen=True)
class NavGroup:
    """Entries of the main navigation shown together under ``label``."""

    label: StrOrPromise
    entries: list[NavEntry]


@dataclasses.dataclass(frozen=True)
class CoordinationSection:
    """A box of the coordination page: a title and the links coordinators use.

    Apps that name the same ``key`` add their links to one box (titled by the first of them).
    """

    key: str
    title: StrOrPromise
    links: Sequence[Link]
    order: int = 100


@dataclasses.dataclass(frozen=True)
class Figure:
    """One figure of the home page ("12 published initiatives")."""

    value: int
    label: StrOrPromise
    order: int = 100
    #: In an event report: where the figure comes from and the date it counts to (both default to
    #: its section's), and a key stable across reports, for their diff (default: its position).
    source: StrOrPromise = dataclasses.field(default="", kw_only=True)
    as_of: datetime.date | None = dataclasses.field(default=None, kw_only=True)
    key: str = dataclasses.field(default="", kw_only=True)


@dataclasses.dataclass(frozen=True)
class HomeCard:
    """A box of the home page that introduces a part of the platform and links to it."""

    title: StrOrPromise
    text: StrOrPromise
    url_name: str
    order: int = 100
    #: Further links ("Submit an initiative"), shown to those who hold their permission.
    actions: Sequence[Link] = ()


Cell = str | int | float | None


@dataclasses.dataclass(frozen=True)
class ReportTable:
    """A table of an event report, also offered as CSV and XLSX in the report's data appendix.

    ``key`` is stable and unique within its section (the appendix's file names use it)."""

    key: str
    title: StrOrPromise
    columns: Sequence[StrOrPromise]
    rows: Sequence[Sequence[Cell]]


@dataclasses.dataclass(frozen=True)
class ReportChart:
    """A chart of an event report: self-contained SVG markup drawn on the server (``core.charts``,
    the Atlas's map) and its text alternative, in words, for the web page and the tagged PDF."""

    key: str
    title: StrOrPromise
    svg: str
    alt: StrOrPromise


@dataclasses.dataclass(frozen=True)
class ReportSection:
    """What an app contributes to the coalition's event reports: a title, figures and items, and
    optionally tables, charts, a stable key, the source and date of its figures and the workstream
    whose leads review it. Every field after ``order`` has a default, which
    :func:`report_sections` fills in from the app: ``key`` the app's label, ``source`` the app's
    name, ``as_of`` the period's end, ``workstream_slug`` the app's (none: a platform section,
    reviewed by the coordinators)."""

    title: StrOrPromise
    figures: Sequence[Figure] = ()
    items: Sequence[str] = ()
    order: int = 100
    key: str = dataclasses.field(default="", kw_only=True)
    tables: Sequence[ReportTable] = dataclasses.field(default=(), kw_only=True)
    charts: Sequence[ReportChart] = dataclasses.field(default=(), kw_only=True)
    source: StrOrPromise = dataclasses.field(default="", kw_only=True)
    as_of: datetime.date | None = dataclasses.field(default=None, kw_only=True)
    workstream_slug: str | None = dataclasses.field(default=None, kw_only=True)


def _dotted(path: str) -> Any:
    """``"package.module:attribute"`` (or Django's ``"package.module.attribute"``) imported."""
    return import_string(path.replace(":", "."))


@dataclasses.dataclass(frozen=True)
class MailTopic:
    """What a mail of the outbox is, in words: its kind ("Decision on a workstream"), what it is
    about ("Measurement — call 2025") and the page of that, if any."""

    kind: str
    about: str = ""
    url: str = ""


class SustainAIApp(AppConfig):
    """Base of our apps' configurations: what the app contributes to the platform.

    Leave an attribute at its default when the app contributes nothing of that kind. A subclass
    sets ``default = True``: Django then picks it among the configurations its ``apps.py``
    imports (this base class is one of them, and is never picked).
    """

    default = False

    #: URL prefix under which ``urls`` is included ("atlas/"); ``urls`` defaults to ``<app>.urls``.
    url_prefix: str | None = None
    urls: str | None = None
    #: Prefix and dotted path of the app's django-ninja router ("/v1/initiatives").
    api_prefix: str | None = None
    api_router: str | None = None
    #: Entries of the main navigation.
    navigation: Sequence[NavEntry] = ()
    #: Boxes of the coordination page.
    coordination: Sequence[CoordinationSection] = ()
    #: Dotted path of ``() -> list[Figure]``, the app's figures on the home page, and its boxes.
    home_figures: str | None = None
    home_cards: Sequence[HomeCard] = ()
    #: Dotted path of a module with ``load(out)``; loaders run by ascending ``demo_order``.
    demo_loader: str | None = None
    demo_order: int = 100
    #: Dotted paths of personal-data sources (``core.personal_data`` says what one is).
    personal_data: Sequence[str] = ()
    #: Dotted path of ``(start: date, end: date) -> ReportSection | None`` for event reports.
    report_section: str | None = None
    #: Panels the app shows on other apps' pages: slot name → dotted path of
    #: ``(request, obj) -> str | None`` returning HTML (``None``: nothing to show).
    panels: Mapping[str, str] = {}
    #: For a workstream toolkit: its workstream's slug, and the panel (same signature as
    #: ``panels``, given the workstream) shown in that workstream's space.
    workstream_slug: str | None = None
    workstream_panel: str | None = None
    #: Dotted path of ``() -> Iterable[tuple[str, str]]``: pairs of identifiers known to name the
    #: same thing (a specification and the ISO/IEC number it was published under), offered to the
    #: duplicate detection as known equivalences.
    identifier_equivalences: str | None = None
    #: Dotted path of ``(mails) -> dict[int, MailTopic]``: what the app's mails of the outbox
    #: (those whose category starts with "<label>.") are, by primary key, in few queries.
    mail_topics: str | None = None


def platform_apps() -> list[SustainAIApp]:
    """Our apps, in ``INSTALLED_APPS`` order."""
    return [config for config in apps.get_app_configs() if isinstance(config, SustainAIApp)]


def url_includes() -> Iterator[tuple[str, str]]:
    """``(prefix, urls module)`` of each app that serves pages, in ``INSTALLED_APPS`` order."""
    for app in platform_apps():
        if app.url_prefix is not None:
            yield app.url_prefix, app.urls or f"{app.name}.urls"


def api_routers() -> Iterator[tuple[str, Any]]:
    for app in platform_apps():
        if app.api_router:
            if not app.api_prefix:
                raise ValueError(f"{app.label}: api_router needs an api_prefix")
            yield app.api_prefix, _dotted(app.api_router)


def _allowed(user, link: Link) -> bool:
    # The rules alone (every permission of ours is one): Django's model backend, asked when a rule
    # says no, would read the user's permission tables on every page for nothing.
    return link.permission is None or rules.has_perm(link.permission, user)


def navigation(user) -> list[NavEntry]:
    entries = [
        (entry.order, position, entry)
        for position, app in enumerate(platform_apps())
        for entry in app.navigation
        if _allowed(user, entry)
    ]
    return [entry for _order, _position, entry in sorted(entries, key=lambda row: row[:2])]


def navigation_menu(user) -> list[NavEntry | NavGroup]:
    """The main navigation as the header shows it: grouped entries in one ``NavGroup`` each, at
    the place of the group's first entry."""
    menu: list[NavEntry | NavGroup] = []
    groups: dict[str, NavGroup] = {}
    for entry in navigation(user):
        if entry.group is None:
            menu.append(entry)
        elif str(entry.group) in groups:
            groups[str(entry.group)].entries.append(entry)
        else:
            groups[str(entry.group)] = NavGroup(entry.group, [entry])
            menu.append(groups[str(entry.group)])
    return menu


def coordination_sections(user) -> list[CoordinationSection]:
    """The coordination page's boxes, each with only the links ``user`` may follow. The page is
    the coordinators' alone: for anyone else, no box, and no permission of a link is asked (a
    toolkit's link may also be open to its workstream's leads, at the cost of a query)."""
    if not rules.has_perm("core.view_coordination", user):
        return []
    merged: dict[str, tuple[int, int, CoordinationSection]] = {}
    for position, app in enumerate(platform_apps()):
        for section in app.coordination:
            links = [link for link in section.links if _allowed(user, link)]
            if not links:
                continue
            if section.key in merged:
                order, first, earlier = merged[section.key]
                section = dataclasses.replace(earlier, links=[*earlier.links, *links])
                merged[section.key] = (order, first, section)
            else:
                merged[section.key] = (
                    section.order,
                    position,
                    dataclasses.replace(section, links=links),
                )
    return [section for *_key, section in sorted(merged.values(), key=lambda row: row[:2])]


@dataclasses.dataclass(frozen=True)
class CountedLink:
    """A link as the coordination page shows it, with what waits behind it (``None``: nothing
    counted)."""

    label: StrOrPromise
    url_name: str
    count: int | None = None
    count_text: str = ""


def link_count(link: Link, user) -> CountedLink:
    """``link`` with its count for ``user`` computed (one query when it declares one)."""
    if link.count is None:
        return CountedLink(link.label, link.url_name)
    count = _dotted(link.count)(user)
    text = "" if count is None or link.count_label is None else link.count_label % {"count": count}
    return CountedLink(link.label, link.url_name, count, str(text))


def coordination_board(user) -> list[tuple[CoordinationSection, list[CountedLink]]]:
    """The coordination page: each box with its links and their counts for ``user``."""
    return [
        (section, [link_count(link, user) for link in section.links])
        for section in coordination_sections(user)
    ]


def home_figures() -> list[Figure]:
    figures = [
        (figure.order, position, figure)
        for position, app in enumerate(platform_apps())
        if app.home_figures
        for figure in _dotted(app.home_figures)()
    ]
    return [figure for *_key, figure in sorted(figures, key=lambda row: row[:2])]


def home_cards(user=None) -> list[HomeCard]:
    """The home page's boxes, with the actions ``user`` may follow (none without a user)."""
    cards = [
        (card.order, position, card)
        for position, app in enumerate(platform_apps())
        for card in app.home_cards
    ]
    return [
        dataclasses.replace(
            card,
            actions=[link for link in card.actions if user is not None and _allowed(user, link)],
        )
        for *_key, card in sorted(cards, key=lambda row: row[:2])
    ]


def demo_loaders() -> list[tuple[str, Callable]]:
    """``(app label, load)`` of every app with demo data, by ``demo_order`` then app order."""
    found = [
        (app.demo_order, position, app.label, app.demo_loader)
        for position, app in enumerate(platform_apps())
        if app.demo_loader
    ]
    return [(label, import_module(path).load) for _o, _p, label, path in sorted(found)]


def identifier_equivalences() -> list[tuple[str, str]]:
    """Every app's known identifier equivalences, in ``INSTALLED_APPS`` order."""
    pairs: list[tuple[str, str]] = []
    for app in platform_apps():
        if app.identifier_equivalences:
            pairs.extend((str(a), str(b)) for a, b in _dotted(app.identifier_equivalences)())
    return pairs


def mail_topics(mails) -> dict[int, MailTopic]:
    """What each mail is, in words, by primary key, from the app its category names; a mail whose
    app says nothing is missing from the result."""
    by_app: dict[str, list] = {}
    for mail in mails:
        by_app.setdefault(mail.category.partition(".")[0], []).append(mail)
    topics: dict[int, MailTopic] = {}
    for app in platform_apps():
        if app.mail_topics and app.label in by_app:
            topics.update(_dotted(app.mail_topics)(by_app[app.label]))
    return topics


def personal_data_sources() -> list[str]:
    """Dotted paths of every personal-data source, in app order."""
    return [path for app in platform_apps() for path in app.personal_data]


def report_section_apps() -> list[SustainAIApp]:
    """The apps that contribute a section to event reports, in ``INSTALLED_APPS`` order."""
    return [app for app in platform_apps() if app.report_section]


def report_sections(start, end) -> list[ReportSection]:
    """Every app's section for the period from ``start`` to ``end`` (both included), by order,
    with the defaults of ``key``, ``source``, ``as_of`` and ``workstream_slug`` filled in."""
    sections = []
    for position, app in enumerate(report_section_apps()):
        section = _dotted(str(app.report_section))(start, end)
        if section is not None:
            section = dataclasses.replace(
                section,
                key=section.key or app.label,
                source=section.source or app.verbose_name,
                as_of=section.as_of or end,
                workstream_slug=section.workstream_slug or app.workstream_slug,
            )
            sections.append((section.order, position, section))
    return [section for *_key, section in sorted(sections, key=lambda row: row[:2])]


def _rendered(results: Iterator[str | None]) -> SafeString:
    # Panel functions return HTML rendered from templates (auto-escaped); joined as such.
    return mark_safe("".join(html for html in results if html))  # noqa: S308


def render_panels(slot: str, request, obj) -> SafeString:
    """The HTML of every panel other apps show in ``slot`` (e.g. ``"atlas.initiative"``)."""
    return _rendered(
        _dotted(app.panels[slot])(request, obj) for app in platform_apps() if slot in app.panels
    )


def toolkits_of(workstream_slug: str) -> list[SustainAIApp]:
    return [app for app in platform_apps() if app.workstream_slug == workstream_slug]


def render_workstream_panels(request, workstream) -> SafeString:
    """The panels of the toolkits that belong to ``workstream``, for its space page."""
    return _rendered(
        _dotted(app.workstream_panel)(request, workstream)
        for app in toolkits_of(workstream.slug)
        if app.workstream_panel
    )
