"""Curator mistakes in actors, places and events, each with the message it gets."""

from __future__ import annotations

from generator.pipeline import Project, check


def edit(project, name, old, new):
    path = project / "content" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def messages(project) -> list[str]:
    _, problems = check(Project(project))
    return [str(p) for p in problems]


def line_of(project, name, text) -> int:
    lines = (project / "content" / name).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line == text)


def test_unknown_ids_name_the_nearest_known_id(project_copy):
    edit(project_copy, "actors.yml", "actor: sdf", "actor: sdff")
    edit(project_copy, "places.yml", "within: syria", "within: siria")
    edit(project_copy, "events.yml", "parent: raqqa-campaign", "parent: raqa-campaign")
    found = messages(project_copy)
    assert any("content/actors.yml" in m and "unknown actor id 'sdff' (did you mean 'sdf'?)" in m
               for m in found)
    assert any("content/places.yml" in m and "unknown place id 'siria' (did you mean 'syria'?)" in m
               for m in found)
    assert any("content/events.yml" in m and "unknown event id 'raqa-campaign' "
               "(did you mean 'raqqa-campaign'?)" in m for m in found)


def test_duplicate_ids_are_errors_with_both_lines(project_copy):
    path = project_copy / "content" / "places.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n- id: raqqa\n  name: Raqqa again\n  type: city\n", encoding="utf-8")
    first = line_of(project_copy, "places.yml", "- id: raqqa")
    found = messages(project_copy)
    assert any(f"duplicate place id 'raqqa' (first at line {first})" in m for m in found)


def test_bad_coordinates_are_rejected(project_copy):
    edit(project_copy, "places.yml", "lat: 35.9", "lat: 135.9")
    found = messages(project_copy)
    assert any("content/places.yml" in m and "[[" in m and ".coordinates]" in m
               and "expected latitude -90..90 and longitude -180..180, found lat 135.9" in m
               for m in found)


def test_bad_event_dates_are_rejected(project_copy):
    edit(project_copy, "events.yml", 'date: "2017-10-14"', 'date: "2017-10-44"')
    found = messages(project_copy)
    assert any("content/events.yml" in m and ".date]: expected a real calendar date" in m
               and "'2017-10-44'" in m for m in found)


def test_an_alias_belongs_to_one_entity(project_copy):
    edit(project_copy, "places.yml", "name: Mosul\n  type: city\n  aliases: []",
         "name: Mosul\n  type: city\n  aliases: [Daesh]")
    found = messages(project_copy)
    assert any("the name 'Daesh' also belongs to actor:isis" in m for m in found)


def test_a_key_given_twice_is_an_error(project_copy):
    edit(project_copy, "places.yml", "name: Mosul", "name: Mosul\n  name: Mossul")
    found = messages(project_copy)
    assert any(m.startswith("content/places.yml:") and "found the key 'name' twice" in m
               for m in found)


def test_a_report_quote_must_stand_in_one_paragraph(project_copy):
    edit(project_copy, "events.yml", "quote: ", "quote: Not in the article at all ")
    found = messages(project_copy)
    assert any("is in no paragraph of" in m and "copy a passage of one paragraph" in m
               for m in found)


def test_all_entity_problems_are_reported_in_one_run(project_copy):
    edit(project_copy, "actors.yml", "actor: sdf", "actor: sdff")
    edit(project_copy, "places.yml", "lat: 35.9", "lat: 135.9")
    edit(project_copy, "events.yml", 'date: "2017-10-14"', 'date: "2017-10-44"')
    edit(project_copy, "articles/000_c4a9bb88ecf85684.yml", "outlet: sputnik", "outlet: sputnk")
    found = messages(project_copy)
    assert len([m for m in found if "actors.yml" in m or "places.yml" in m or "events.yml" in m
                or "000_c4a9bb88ecf85684.yml" in m]) >= 4


def test_a_name_shared_by_two_entities_needs_a_context_rule(project_copy):
    # a plain "Raqqa" on the province clashes with the city ...
    edit(project_copy, "places.yml", "    - province of Raqa\n", "    - province of Raqa\n    - Raqqa\n")
    found = messages(project_copy)
    assert any("raqqa-province.aliases" in m and "the name 'Raqqa' also belongs to place:raqqa" in m
               for m in found)


def test_a_context_rule_must_be_a_regular_expression(project_copy):
    edit(project_copy, "places.yml", r"before: '\bnorthern\s+(?:parts\s+of\s+)?$'",
         r"before: '\bnorthern\s+(?:parts'")
    found = messages(project_copy)
    assert any("content/places.yml" in m and "before" in m and "a regular expression" in m
               for m in found)


def test_a_report_of_words_that_stand_twice_says_which_voice_it_means(project_copy):
    """Ya Libnan's headline "ISIS capital Raqqa falls …" stands again in the header of its
    comment thread ("6 responses to “ISIS capital Raqqa falls …”") and in a reader's
    comment ("2. ISIS capital Raqqa falls, but …")."""
    edit(project_copy, "events.yml", "      in: headline\n", "")
    found = messages(project_copy)
    assert any("'ISIS capital Raqqa falls' is in 3 paragraphs of 001_66dd8c24867dc48b.txt" in m
               and "with 'in' (headline, body, caption or comment)" in m for m in found)
    edit(project_copy, "events.yml", "quote: \"ISIS capital Raqqa falls\"",
         "quote: \"ISIS capital Raqqa falls\"\n      in: headlines")
    found = messages(project_copy)
    line = line_of(project_copy, "events.yml", "      in: headlines")
    assert any(f"content/events.yml:{line}" in m and "reports[0].in" in m
               and "one of: headline, body, caption, comment" in m for m in found), found
    edit(project_copy, "events.yml", "in: headlines", "in: headline")
    evidence, _ = check(Project(project_copy))
    assert evidence is not None
    archive = evidence.archive
    report = next(m for m in archive.mentions if m.entity == "event:capture-of-raqqa-2017"
                  and m.via == "report" and m.surface == "ISIS capital Raqqa falls")
    assert report.in_headline
