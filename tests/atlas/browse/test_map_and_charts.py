"""The world map and the charts: drawn on the server, accessible, linked to the directory."""

import pytest

from sustainai.atlas import worldmap
from sustainai.atlas.models import Initiative, ModerationState, Scope
from tests.factories.atlas import InitiativeFactory

pytestmark = pytest.mark.django_db


def test_world_map_decodes_every_country_with_an_iso_code():
    shapes = worldmap.world_map().shapes
    codes = {shape.code for shape in shapes if shape.code}

    assert len(shapes) == 176  # world-atlas 110m: 177 countries, Antarctica left out
    assert {"FR", "US", "BR", "CN", "IN", "ZA", "AU", "RU", "FJ"} <= codes
    assert all(shape.path.startswith("M") for shape in shapes)


def test_country_centroids_fall_inside_the_country():
    lon, lat = worldmap.centroid("FR")  # mainland France, not French Guiana
    assert 0 < lon < 5 and 45 < lat < 48
    lon, lat = worldmap.centroid("RU")  # across the antimeridian, folded back
    assert 80 < lon < 110 and 55 < lat < 68
    assert worldmap.centroid("SG") is None  # too small for the 1:110m map


def _drawn_polygons(numeric: str) -> list:
    """A country's polygons as the map draws them, in (longitude, latitude)."""
    topology = worldmap._topology()
    arcs = worldmap._decode_arcs(topology)
    geometries = topology["objects"]["countries"]["geometries"]
    geometry = next(g for g in geometries if g.get("id") == numeric)
    return [copy for poly in worldmap._polygons(geometry, arcs) for copy in worldmap._on_map(poly)]


@pytest.mark.parametrize("numeric", ["643", "242"])  # Russia, Fiji
def test_countries_across_the_antimeridian_are_cut_there_and_meet_at_both_edges(numeric):
    rings = [ring for polygon in _drawn_polygons(numeric) for ring in polygon]
    longitudes = [lon for ring in rings for lon, _lat in ring]
    assert (min(longitudes), max(longitudes)) == (-180.0, 180.0)
    # Where the shape leaves the map at its right edge, it comes back at its left one.
    east = sorted(round(lat, 6) for ring in rings for lon, lat in ring if lon == 180.0)
    west = sorted(round(lat, 6) for ring in rings for lon, lat in ring if lon == -180.0)
    assert len(east) >= 2
    assert east == west


def _subpaths(path: str) -> list[list[tuple[float, float]]]:
    return worldmap.absolute_points(path)


def test_paths_are_written_in_relative_steps_that_add_up_to_the_same_points():
    assert (
        worldmap._relative_path([(10, 20), (13, 18), (11, 25), (10, 20)]) == "M10 20l3-2-2 7-1-5z"
    )
    assert worldmap.absolute_points("M10 20l3-2-2 7-1-5zM0 0l1 1 2 0z") == [
        [(10, 20), (13, 18), (11, 25), (10, 20)],
        [(0, 0), (1, 1), (3, 1)],
    ]


def test_russia_and_fiji_are_drawn_on_both_sides_of_the_map_and_never_across_it():
    world = worldmap.world_map()
    shapes = {shape.code: shape for shape in world.shapes}
    sides = {}
    for code in ("RU", "FJ"):
        parts = _subpaths(shapes[code].path)
        west = [part for part in parts if max(x for x, _y in part) < world.width / 2]
        east = [part for part in parts if min(x for x, _y in part) > world.width / 2]
        assert len(west) + len(east) == len(parts)
        sides[code] = (len(west), len(east))
    # Russia: Chukotka east of 180° and Wrangel Island's eastern end on the left; the mainland west
    # of 180°, the rest of Wrangel Island and ten other polygons on the right. Fiji: its island
    # across 180° on both sides, Viti Levu on the right.
    assert sides == {"RU": (2, 12), "FJ": (1, 2)}
    widest = max(
        abs(x1 - x0)
        for shape in world.shapes
        for part in _subpaths(shape.path)
        for (x0, _y0), (x1, _y1) in zip(part, part[1:] + part[:1], strict=True)
    )
    assert widest < world.width / 20


def test_map_thresholds_and_legend():
    assert worldmap.thresholds(1) == [1]
    assert worldmap.thresholds(40) == [1, 2, 5, 10]
    assert worldmap.legend([1, 2, 5, 10]) == [
        ("#ececec", "0"),
        ("#c7e9c0", "1"),
        ("#a1d99b", "2–4"),
        ("#31a354", "5–9"),
        ("#006d2c", "10+"),
    ]


def test_map_links_each_country_with_initiatives_to_the_filtered_directory(client):
    InitiativeFactory(countries=["FR"])
    InitiativeFactory(countries=["FR", "DE"])
    InitiativeFactory(countries=["US"], state=ModerationState.SUBMITTED)

    response = client.get("/atlas/map/")

    text = response.text
    assert response.status_code == 200
    assert text.count('class="country-link"') == 2
    assert '<a href="/atlas/?country=FR" class="country-link" data-country="FR"' in text
    assert "<title>France: 2 initiatives</title>" in text
    assert "<title>Germany: 1 initiative</title>" in text
    # Countries without initiatives are plain shapes (the table names the others).
    assert '<path class="country" d="' in text
    assert "no initiative" not in text
    assert (
        '<th scope="row"><a href="/atlas/?country=FR" data-country="FR">France</a></th><td>2</td>'
        in text
    )


def test_map_keeps_the_other_filters_in_country_links(client):
    InitiativeFactory(countries=["FR"], type="tool")

    response = client.get("/atlas/map/", {"type": "tool", "country": "DE"})

    assert 'href="/atlas/?type=tool&amp;country=FR"' in response.text


def test_map_lists_international_and_regional_initiatives_apart(client):
    InitiativeFactory(name="Worldwide", scope="international")
    InitiativeFactory(name="European", regions=["EU"])
    InitiativeFactory(name="French", countries=["FR"])

    response = client.get("/atlas/map/")

    assert [i.name for i in response.context["beyond"]] == ["European", "Worldwide"]
    assert "2 initiatives reach beyond single countries." in response.text


def test_charts_count_initiatives_by_type_topic_and_year(client):
    InitiativeFactory(type="tool", topics=["energy"], start_year=2021)
    InitiativeFactory(type="tool", topics=["energy", "water"], start_year=2023)
    InitiativeFactory(type="dataset", topics=["water"], start_year=2023)

    response = client.get("/atlas/charts/")

    by_type, by_topic, by_year = response.context["charts"]
    assert [(b.label, b.count, b.href) for b in by_type.bars] == [
        ("Tool", 2, "/atlas/?type=tool"),
        ("Dataset", 1, "/atlas/?type=dataset"),
    ]
    assert [(b.label, b.count) for b in by_topic.bars if b.count] == [
        ("Energy", 2),
        ("Water", 2),
    ]
    assert [(b.label, b.count, b.href) for b in by_year.bars] == [
        ("2021", 1, "/atlas/?year=2021"),
        ("2023", 2, "/atlas/?year=2023"),
    ]
    assert '<a href="/atlas/?type=tool"><title>Tool: 2</title>' in response.text


def test_charts_follow_the_directory_filters(client):
    InitiativeFactory(type="tool", countries=["FR"])
    InitiativeFactory(type="dataset", countries=["DE"])

    response = client.get("/atlas/charts/", {"country": "FR"})

    by_type = response.context["charts"][0]
    assert [(b.label, b.count, b.href) for b in by_type.bars] == [
        ("Tool", 1, "/atlas/?country=FR&type=tool")
    ]


@pytest.mark.django_db
def test_map_counts_every_international_initiative_but_lists_twenty(client):
    for n in range(22):
        InitiativeFactory(name=f"Worldwide {n:02d}", scope=Scope.INTERNATIONAL)
    response = client.get("/atlas/map/")
    assert response.status_code == 200
    assert "22 initiatives reach beyond single countries." in response.text
    assert response.text.count("<small>International") == 20
    assert "See all 22 in the directory" in response.text


def test_map_shows_the_active_filters_the_ranked_countries_and_the_international_figure(client):
    InitiativeFactory(countries=["FR"], type="tool")
    InitiativeFactory(countries=["FR", "DE"], type="tool")
    InitiativeFactory(countries=["DE"], type="tool")
    InitiativeFactory(countries=["DE"], type="tool")
    InitiativeFactory(countries=["US"], type="project")
    InitiativeFactory(countries=[], scope="international", type="tool")

    response = client.get("/atlas/map/", {"type": "tool"})

    text = response.text
    assert '<ul class="chips" aria-label="Active filters">' in text
    assert '<a class="chip" href="?">Type: Tool' in text
    assert '<a href="/atlas/?type=tool">Back to the directory with these filters</a>' in text
    assert "International / no single country: 1" in text
    rows = [
        '<a href="/atlas/?type=tool&amp;country=DE" data-country="DE">Germany</a></th><td>3</td>',
        '<a href="/atlas/?type=tool&amp;country=FR" data-country="FR">France</a></th><td>2</td>',
    ]
    assert text.index(rows[0]) < text.index(rows[1])
    assert "United States" not in text.split('id="all-countries"')[1].split("</table>")[0]


def test_charts_show_the_active_filters_with_a_link_back(client):
    InitiativeFactory(countries=["FR"], type="tool")

    text = client.get("/atlas/charts/", {"country": "FR"}).text

    assert '<a class="chip" href="?">Country: France' in text
    assert '<a href="/atlas/?country=FR">Back to the directory with these filters</a>' in text


@pytest.mark.django_db
def test_large_counts_are_grouped_as_the_language_writes_them(client):
    Initiative.objects.bulk_create(
        InitiativeFactory.build(name=f"Worldwide {n:04d}", scope=Scope.INTERNATIONAL)
        for n in range(1234)
    )
    assert "1,234 initiatives reach beyond single countries." in client.get("/atlas/map/").text
    # The directory stops counting at 1,000 (atlas.search): that figure is grouped too.
    assert "More than 1,000 initiatives" in client.get("/atlas/").text
    french = client.get("/atlas/map/", HTTP_ACCEPT_LANGUAGE="fr").text
    assert "1\xa0234 initiatives dépassent le cadre d'un seul pays." in french
    assert "Voir les 1\xa0234 dans le répertoire" in french
    assert "1\xa0234</strong>" in french
