"""Curator mistakes: every problem reported at once, naming file, line and key."""

from __future__ import annotations

import textwrap

import pytest
from conftest import FIXTURE_CAPTURES, fixture_project, mkdocs_build

from generator.cli import main as cli_main
from generator.pipeline import Project, check
from generator.read.schema import parse_date


def write(project, rel, text):
    path = project / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


def messages(project):
    _, problems = check(Project(project))
    return [str(p) for p in problems], problems


def test_the_fixture_collection_has_no_problems():
    evidence, problems = check(fixture_project())
    assert problems == [] and evidence is not None
    assert len(evidence.archive.articles) == FIXTURE_CAPTURES and len(evidence.archive.outlets) == 5


def test_all_problems_of_an_article_are_reported_together(project_copy):
    write(project_copy, "content/articles/000_c4a9bb88ecf85684.yml", """\
        seed: 000_c4a9bb88ecf85684.txt
        title: A title
        outlet: sputnk
        date: 2016-02-30
        date_bassis: typo
        language: 3
        """)
    found, _ = messages(project_copy)
    rel = "content/articles/000_c4a9bb88ecf85684.yml"
    assert f"{rel}:3 [outlet]: unknown outlet id 'sputnk' (did you mean 'sputnik'?)" in found
    assert any(m.startswith(f"{rel}:4 [date]: expected a real calendar date") for m in found)
    assert f"{rel}:5 [date_bassis]: unknown key, ignored (did you mean 'date_basis'?)" in found
    assert f"{rel}:6 [language]: expected text, found a whole number 3" in found


def test_problems_in_several_files_are_reported_in_one_run(project_copy):
    write(project_copy, "content/articles/001_66dd8c24867dc48b.yml", """\
        seed: 001_66dd8c24867dc48b.txt
        outlet: ya-libnan
        """)
    write(project_copy, "content/articles/002_9ad5b8a81939a933.yml", """\
        seed: no-such-seed.txt
        title: x
        outlet: global-gathering
        """)
    write(project_copy, "content/outlets.yml", (project_copy / "content/outlets.yml")
          .read_text(encoding="utf-8").replace("kind: blog", "kind: weblog"))
    found, problems = messages(project_copy)
    assert any("001_66dd8c24867dc48b.yml:1 [title]: missing required key" in m for m in found)
    assert any("002_9ad5b8a81939a933.yml:1 [seed]: no seed named 'no-such-seed.txt'" in m
               for m in found)
    assert any("content/outlets.yml" in m and "[[1].kind]: expected one of: wire" in m
               and "found 'weblog'" in m for m in found)
    assert len([p for p in problems if p.severity.value == "error"]) == 3


def test_yaml_syntax_error_names_line_and_column(project_copy):
    write(project_copy, "content/articles/003_3d9dbe11d8be9a9e.yml", """\
        seed: 003_3d9dbe11d8be9a9e.txt
        title: "unclosed
        outlet: southfront
        """)
    found, _ = messages(project_copy)
    assert any(m.startswith("content/articles/003_3d9dbe11d8be9a9e.yml:") and "column" in m
               and "YAML syntax error" in m for m in found)


def test_yaml_is_loaded_safely(project_copy):
    write(project_copy, "content/articles/004_943bb74b3960d4d7.yml", """\
        seed: 004_943bb74b3960d4d7.txt
        title: !!python/object/apply:os.system ["echo pwned"]
        outlet: voa
        """)
    found, _ = messages(project_copy)
    assert any("004_943bb74b3960d4d7.yml" in m and "YAML" in m for m in found)


def test_duplicate_metadata_for_one_seed_is_an_error(project_copy):
    write(project_copy, "content/articles/copy.yml",
          (project_copy / "content/articles/000_c4a9bb88ecf85684.yml").read_text(encoding="utf-8"))
    found, _ = messages(project_copy)
    assert any("already described by content/articles/000_c4a9bb88ecf85684.yml" in m for m in found)


def test_bad_boilerplate_pattern_is_reported(project_copy):
    path = project_copy / "content/boilerplate.yml"
    path.write_text(path.read_text(encoding="utf-8") + "  - pattern: '(unclosed'\n    reason: x\n",
                    encoding="utf-8")
    found, _ = messages(project_copy)
    assert any("content/boilerplate.yml" in m and "expected a regular expression" in m
               for m in found)


@pytest.mark.parametrize("text, edtf, human", [
    ("2016-05-30", "2016-05-30", "30 May 2016"),
    ("2017-03?", "2017-03?", "March 2017 (inferred)"),
    ("2018~", "2018~", "about 2018"),
])
def test_dates_keep_their_precision_and_qualifier(text, edtf, human):
    date, problem = parse_date(text)
    assert problem == "" and date.edtf == edtf and date.human() == human


@pytest.mark.parametrize("text", ["2017-13", "2017-02-29", "May 2017", "17-03-2017", ""])
def test_bad_dates_are_rejected(text):
    date, problem = parse_date(text)
    assert date is None and problem


def test_mkdocs_build_stops_with_the_problems_and_no_traceback(project_copy, tmp_path):
    write(project_copy, "content/articles/000_c4a9bb88ecf85684.yml", """\
        seed: 000_c4a9bb88ecf85684.txt
        title: A title
        outlet: sputnk
        """)
    result = mkdocs_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert "unknown outlet id 'sputnk' (did you mean 'sputnik'?)" in result.stderr
    assert "Traceback" not in result.stderr


def test_seed_without_metadata_is_published_as_uncurated_and_fails_strict(project_copy, tmp_path):
    (project_copy / "content/articles/002_9ad5b8a81939a933.yml").unlink()
    result = mkdocs_build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "seeds/002_9ad5b8a81939a933.txt: seed has no metadata" in result.stderr
    page = tmp_path / "site/articles/isis-facing-imminent-collapse-in-syrias-raqqa.html"
    assert "Uncurated capture" in page.read_text(encoding="utf-8")
    strict = mkdocs_build(project_copy, tmp_path / "strict", "--strict")
    assert strict.returncode != 0


def test_cli_check_exit_codes(project_copy, capsys):
    assert cli_main(["--root", str(project_copy), "check"]) == 0
    assert "0 error(s), 0 warning(s)" in capsys.readouterr().out
    write(project_copy, "content/articles/000_c4a9bb88ecf85684.yml", "seed: [unclosed\n")
    assert cli_main(["--root", str(project_copy), "check"]) == 1
    assert "YAML syntax error" in capsys.readouterr().out


@pytest.mark.parametrize("command", [[], ["check"], ["build"], ["new"]])
def test_every_cli_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli_main([*command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "usage: archive" in out and len(out.splitlines()) >= 4


@pytest.mark.parametrize("slug", ["../../outside", "/etc/passwd", "index", "UPPER", "a/b", "raw"])
def test_slugs_that_would_escape_or_clash_are_rejected(project_copy, slug):
    path = project_copy / "content/articles/000_c4a9bb88ecf85684.yml"
    path.write_text(path.read_text(encoding="utf-8") + f'slug: "{slug}"\n', encoding="utf-8")
    found, _ = messages(project_copy)
    assert any("000_c4a9bb88ecf85684.yml" in m and "[slug]: expected" in m for m in found), found


@pytest.mark.parametrize("ident", ["../evil", "/abs", "index"])
def test_entity_ids_that_would_escape_or_clash_are_rejected(project_copy, ident):
    path = project_copy / "content/places.yml"
    path.write_text(path.read_text(encoding="utf-8") + f'\n- id: "{ident}"\n  name: X\n  type: city\n',
                    encoding="utf-8")
    found, _ = messages(project_copy)
    assert any("content/places.yml" in m and ".id]: expected" in m for m in found), found


def test_seed_names_cannot_point_outside_seeds(project_copy):
    write(project_copy, "content/articles/000_c4a9bb88ecf85684.yml", """\
        seed: ../mkdocs.yml
        title: x
        outlet: sputnik
        """)
    found, _ = messages(project_copy)
    assert any("[seed]: no seed named '../mkdocs.yml'" in m for m in found)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<b>x</b>",
                                 "file:///etc/passwd", "https://example.org/a b", "example.org"])
def test_an_original_address_must_be_plain_http(project_copy, url):
    """It is a link on the page and a value in JSON-LD and articles.json: never a script."""
    write(project_copy, "content/articles/004_943bb74b3960d4d7.yml", f"""\
        seed: 004_943bb74b3960d4d7.txt
        title: A title
        outlet: voa
        url: "{url}"
        """)
    found, _ = messages(project_copy)
    rel = "content/articles/004_943bb74b3960d4d7.yml"
    assert f"{rel}:4 [url]: expected a plain http:// or https:// address, found {url!r}" in found


def test_a_relay_needs_a_source_and_a_known_kind(project_copy):
    write(project_copy, "content/articles/004_943bb74b3960d4d7.yml", """\
        seed: 004_943bb74b3960d4d7.txt
        title: A title
        outlet: voa
        relays:
          - {source: AFP, kind: agency}
          - {kind: wire}
        """)
    found, _ = messages(project_copy)
    joined = "\n".join(found)
    assert "relays[0].kind" in joined and "agency" in joined
    assert "relays[1]" in joined and "source" in joined
