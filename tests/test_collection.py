"""content/collection.yml: this collection's facts, read with defaults, checked, and shown."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from conftest import ROOT, mkdocs_build

from generator.model import Collection, Limits, Region
from generator.pipeline import Project, check
from generator.problems import Severity
from generator.read.collection import read_collection
from generator.read.load import read_yaml
from generator.read.schema import Checker

FILE = "content/collection.yml"


def read(tmp_path: Path, text: str) -> tuple[Collection, list[str], list[str]]:
    """The collection a file of ``text`` makes, and its errors and warnings as shown."""
    path = tmp_path / "collection.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    problems: list = []
    doc = read_yaml(path, FILE, problems)
    collection = read_collection(doc, Checker(problems))
    return (collection, [str(p) for p in problems if p.severity is Severity.ERROR],
            [str(p) for p in problems if p.severity is Severity.WARNING])


def test_no_file_and_an_empty_file_mean_every_default(tmp_path):
    assert read_collection(None, Checker([])) == Collection()
    assert read(tmp_path, "") == (Collection(), [], [])
    assert read(tmp_path, "# nothing set\n") == (Collection(), [], [])


def test_the_projects_file_holds_the_defaults():
    # The file written out for this collection is what the generator would assume
    # without it, so the site is the same with it and without it.
    problems: list = []
    doc = read_yaml(ROOT / FILE, FILE, problems)
    assert read_collection(doc, Checker(problems)) == Collection()
    assert problems == []


def test_a_project_without_the_file_checks_with_the_defaults(project_copy):
    (project_copy / FILE).unlink()
    found, problems = check(Project(project_copy))
    assert found is not None, [str(p) for p in problems]
    assert found.archive.collection == Collection()


def test_keys_left_out_keep_their_defaults(tmp_path):
    collection, errors, warnings = read(tmp_path, """\
        region:
          name: The Balkans
          west: 13
          east: 23.5
        timeline:
          first_year: 1991
          last_year: 2001
        roles: [attacker, defender, besieger]
        limits:
          mentions_per_page: 40
        """)
    assert errors == warnings == []
    assert collection.region == Region(west=13.0, south=31.0, east=23.5, north=38.5,
                                       name="The Balkans")
    assert collection.years == (1991, 2001)
    assert collection.roles == ("attacker", "defender", "besieger")
    assert collection.place_types == Collection().place_types
    assert collection.limits == Limits(mentions_per_page=40)


def test_every_mistake_is_reported_at_once_with_file_line_and_key(tmp_path):
    _, errors, warnings = read(tmp_path, """\
        region:
          west: 200
          south: 40
          north: 30
        timeline:
          first_year: "2014"
          last_year: 12345
        roles: [attacker, Attacker, attacker]
        place_types: []
        limits:
          mentions_per_page: 0
          told_per_outlet: true
          source_rows: 2.5
        """)
    assert errors == [
        f"{FILE}:2 [region.west]: expected a number from -180 to 180, found 200",
        f"{FILE}:4 [region.north]: expected south < north (latitude), found south 40 and north 30"
        " (the box is west to east and south to north; a region across the antimeridian cannot "
        "be drawn)",
        f"{FILE}:6 [timeline.first_year]: expected a whole number, found text '2014'",
        f"{FILE}:7 [timeline.last_year]: expected a year from 1 to 9998, found 12345",
        f"{FILE}:8 [roles[1]]: expected lowercase letters, digits and inner hyphens (a-z, 0-9, -), "
        "found 'Attacker'",
        f"{FILE}:8 [roles[2]]: 'attacker' is listed twice",
        f"{FILE}:9 [place_types]: expected a list of at least one word, found an empty list",
        f"{FILE}:11 [limits.mentions_per_page]: expected a whole number from 1 to 100,000, found 0",
        f"{FILE}:12 [limits.told_per_outlet]: expected a whole number, found true or false True",
        f"{FILE}:13 [limits.source_rows]: expected a whole number, found a number 2.5",
    ]
    assert warnings == []


def test_an_edge_or_year_out_of_order_is_an_error(tmp_path):
    _, errors, _ = read(tmp_path, """\
        region:
          west: 40
          east: 35
        timeline:
          last_year: 2010
        """)
    assert errors == [
        f"{FILE}:3 [region.east]: expected west < east (longitude), found west 40 and east 35"
        " (the box is west to east and south to north; a region across the antimeridian cannot "
        "be drawn)",
        f"{FILE}:5 [timeline.last_year]: expected first_year <= last_year, found 2014 and 2010",
    ]


def test_unknown_keys_are_warnings_with_the_nearest_key(tmp_path):
    collection, errors, warnings = read(tmp_path, """\
        timeline:
          first_yaer: 2010
        limits:
          mentions_per_pages: 10
        place_type: [city]
        """)
    assert errors == []
    assert sorted(warnings) == [
        f"{FILE}:2 [timeline.first_yaer]: unknown key, ignored (did you mean 'first_year'?)",
        f"{FILE}:4 [limits.mentions_per_pages]: unknown key, ignored "
        "(did you mean 'mentions_per_page'?)",
        f"{FILE}:5 [place_type]: unknown key, ignored (did you mean 'place_types'?)",
    ]
    assert collection == Collection()


def test_a_wrong_kind_of_value_is_an_error(tmp_path):
    _, errors, _ = read(tmp_path, "region: [34, 31, 46, 38.5]\nlimits: 5\n")
    assert errors == [f"{FILE}:1 [region]: expected a mapping, found a list",
                      f"{FILE}:2 [limits]: expected a mapping, found a whole number 5"]
    _, errors, _ = read(tmp_path, "- region\n")
    assert errors == [f"{FILE}: expected a mapping, found a list"]


def test_events_and_places_are_checked_against_the_collections_vocabularies(project_copy):
    path = project_copy / FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - attacker\n", "  - besieger\n")
                    .replace("  - city\n", "  - quarter\n"), encoding="utf-8")
    events = project_copy / "content" / "events.yml"
    events.write_text(events.read_text(encoding="utf-8")
                      .replace("role: attacker}", "role: besieger}", 1), encoding="utf-8")
    _, problems = check(Project(project_copy))
    found = [str(p) for p in problems if p.severity is Severity.ERROR]
    assert found and all("content/events.yml" in m or "content/places.yml" in m for m in found)
    assert any(".role]: expected one of: " in m and "besieger" in m and "'attacker'" in m
               for m in found)
    assert any("content/places.yml" in m and ".type]: expected one of: " in m and "quarter" in m
               and "'city'" in m for m in found)


def test_changed_values_show_on_the_built_site(project_copy, tmp_path):
    path = project_copy / FILE
    text = path.read_text(encoding="utf-8")
    for old, new in (("first_year: 2014", "first_year: 2016"), ("last_year: 2018", "last_year: 2017"),
                     ("name: Syria, Iraq and their neighbours", "name: The Euphrates valley"),
                     ("mentions_per_page: 150", "mentions_per_page: 30")):
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project_copy, site)
    assert result.returncode == 0, result.stderr
    # The one capture dated after the narrowed years is said to be (strict builds fail on it).
    assert [line for line in result.stderr.splitlines() if line.startswith("WARNING")] == [
        "WARNING -  content/articles/003_3d9dbe11d8be9a9e.yml:6 [date]: the date 2018-10? is "
        "outside this collection's years (2016-2017, content/collection.yml) (check the date; "
        "if the collection now reaches further, widen its timeline's first_year or last_year)"]

    timeline = (site / "timeline.html").read_text(encoding="utf-8")
    (drawing,) = re.findall(r'<svg[^>]*class="archive-timeline".*?</svg>', timeline, re.S)
    years = set(re.findall(r">((?:19|20)\d\d)<", drawing))
    assert years >= {"2016", "2017"} and not years & {"2014", "2015", "2018"}
    assert "2016–2017" in timeline

    drawn = (site / "map.html").read_text(encoding="utf-8")
    assert re.search(r'<h2 id="the-euphrates-valley">The Euphrates valley<', drawn)
    assert "Syria, Iraq and their neighbours" not in drawn

    # 77 mentions of the Islamic State: three pages of 30
    assert (site / "actors" / "isis" / "mentions-3.html").is_file()
    assert not (site / "actors" / "isis" / "mentions-4.html").exists()


# -- every value accepted can be drawn ---------------------------------------

def test_a_region_too_narrow_to_draw_is_an_error_naming_the_key(tmp_path):
    # Once an OverflowError in the map (1e-320 degrees wide), and a map of
    # 88,090,487,998,255,136 px (1e-13 degrees wide).
    for width, shown in (("1.0e-320", "1e-320"), ("1.0e-13", "1e-13"), ("0.05", "0.05")):
        collection, errors, _ = read(tmp_path, f"""\
            region:
              west: 0.0
              east: {width}
              south: 30
              north: 31
            """)
        assert errors == [
            f"{FILE}:3 [region.east]: expected west and east at least 0.1 degrees apart "
            f"(longitude), found west 0 and east {shown} (a map narrower than "
            "that shows no more than a dot)"]
        assert collection.region == Region()
    _, errors, _ = read(tmp_path, "region:\n  south: 31\n  north: 31.01\n  west: 34\n  east: 34.05\n")
    assert [e.split(": expected")[0] for e in errors] == [f"{FILE}:5 [region.east]",
                                                           f"{FILE}:3 [region.north]"]


def test_a_region_too_tall_or_too_flat_to_draw_is_an_error(tmp_path):
    collection, errors, _ = read(tmp_path, """\
        region:
          west: 34
          east: 35
          south: -60
          north: 60
        """)
    assert errors == [
        f"{FILE}:1 [region]: expected a box at most 6 times as tall as wide, or as wide as tall, "
        "as the map draws it; found one 120 times as tall as wide (west 34, south -60, east 35, "
        "north 60) (widen the narrow side)"]
    assert collection.region == Region()
    _, errors, _ = read(tmp_path, "region:\n  west: -180\n  east: 180\n  south: 0\n  north: 1\n")
    assert len(errors) == 1 and "found one 0.00278 times as tall as wide" in errors[0]
    # The whole world, and a region as tall as Chile, are drawn.
    for box in ("-180, east: 180, south: -90, north: 90", "-76, east: -66, south: -56, north: -17"):
        collection, errors, _ = read(tmp_path, f"region: {{west: {box}}}\n")
        assert errors == [] and collection.region != Region()


def test_years_a_date_or_the_timeline_cannot_hold_are_errors(tmp_path):
    # Once a ValueError from datetime.date for each.
    for key, year in (("first_year", 0), ("last_year", 9999), ("first_year", -44)):
        collection, errors, _ = read(tmp_path, f"timeline:\n  {key}: {year}\n")
        assert errors == [f"{FILE}:2 [timeline.{key}]: expected a year from 1 to 9998, "
                          f"found {year}"]
        assert collection.years == Collection().years
    collection, errors, _ = read(tmp_path, "timeline:\n  first_year: 1\n  last_year: 9998\n")
    assert errors == [f"{FILE}:3 [timeline.last_year]: expected at most 200 years from "
                      "first_year to last_year, found 1 to 9998 (the timeline draws one line "
                      "a year)"]
    assert collection.years == Collection().years
    collection, errors, _ = read(tmp_path, "timeline:\n  first_year: 9799\n  last_year: 9998\n")
    assert errors == [] and collection.years == (9799, 9998)


def test_a_page_limit_beyond_any_readable_page_is_an_error(tmp_path):
    collection, errors, _ = read(tmp_path, "limits:\n  diff_lines: 100001\n  ledger_rows: 100000\n")
    assert errors == [f"{FILE}:2 [limits.diff_lines]: expected a whole number from 1 to 100,000, "
                      "found 100001"]
    assert collection.limits == Limits(ledger_rows=100_000)


def test_a_region_that_cannot_be_drawn_fails_the_check_with_its_line(project_copy):
    path = project_copy / FILE
    text = path.read_text(encoding="utf-8")
    line = text.splitlines().index("  east: 46.0") + 1
    path.write_text(text.replace("  east: 46.0\n", "  east: 34.0000000000001\n"),
                    encoding="utf-8")
    found, problems = check(Project(project_copy))
    assert found is None
    assert [str(p) for p in problems if p.severity is Severity.ERROR] == [
        f"{FILE}:{line} [region.east]: expected west and east at least 0.1 degrees apart (longitude), "
        "found west 34 and east 34.0000000000001 (a map narrower than that shows no more than a dot)"]
