"""A curator's mistakes, each reported once, at its own line, with what to do.

Each test makes one mistake in a copy of the project and reads what `archive check`
prints, as a curator would."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from generator.cli import main as cli_main
from generator.model import ArticleMeta, Collection, FuzzyDate
from generator.pipeline import Project, generate
from generator.read.decode import line_count
from generator.read.schema import future_dates

ARTICLE = "content/articles/001_66dd8c24867dc48b.yml"


def check_lines(project: Path, capsys, *extra: str) -> tuple[int, list[str]]:
    """`archive check`'s exit code and its lines."""
    capsys.readouterr()
    code = cli_main(["--root", str(project), "check", *extra])
    return code, capsys.readouterr().out.splitlines()


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(project: Path, rel: str, start: str, nth: int = 1) -> int:
    """The line (1-based) of the ``nth`` line of ``rel`` that starts with ``start``."""
    lines = (project / rel).read_text(encoding="utf-8").splitlines()
    return [i for i, line in enumerate(lines, 1) if line.startswith(start)][nth - 1]


# -- the stub `archive new` writes ------------------------------------------------

def test_a_stub_with_its_todos_fails_the_check_naming_each(project_copy, capsys):
    seed = project_copy / "seeds" / "005_new.txt"
    seed.write_text("Kurd-led forces press on near Raqqa\n\n"
                    "December 19 2016 Several villages were captured on Monday.\n",
                    encoding="utf-8")
    assert cli_main(["--root", str(project_copy), "new", str(seed)]) == 0
    stub = "content/articles/005_new.yml"
    code, lines = check_lines(project_copy, capsys)
    assert code == 1
    outlet, basis = line_of(project_copy, stub, "outlet:"), line_of(project_copy, stub, "date_basis:")
    assert lines[:2] == [
        f"error: {stub}:{outlet} [outlet]: still holds the placeholder 'TODO' that `archive new` "
        "wrote (replace it with id of an outlet in content/outlets.yml: global-gathering, "
        "southfront, sputnik, voa, ya-libnan, or a new outlet added to content/outlets.yml first)",
        f"error: {stub}:{basis} [date_basis]: still holds the placeholder 'TODO: where the date "
        "comes from' that `archive new` wrote (replace it with where the date comes from)",
    ]
    assert lines[2:] == ["2 error(s), 0 warning(s): fix the errors above"]
    # Filled in, the stub is metadata.
    edit(project_copy, stub, "outlet: TODO", "outlet: voa")
    edit(project_copy, stub, '"TODO: where the date comes from"', "the first line of the text")
    code, lines = check_lines(project_copy, capsys, "--strict")
    assert (code, lines) == (0, ["6 article(s), 5 outlet(s) checked: 0 error(s), 0 warning(s)"])


def test_a_stub_left_as_written_fails_the_strict_build(project_copy, tmp_path):
    from conftest import mkdocs_build

    seed = project_copy / "seeds" / "005_new.txt"
    seed.write_text("A headline\n\nMay 3 2017 Text of the article.\n", encoding="utf-8")
    assert cli_main(["--root", str(project_copy), "new", str(seed)]) == 0
    result = mkdocs_build(project_copy, tmp_path / "site", "--strict")
    assert result.returncode == 1
    assert "content/articles/005_new.yml:6 [outlet]: still holds the placeholder 'TODO'" \
        in result.stderr
    assert "Traceback" not in result.stderr


# -- implausible values ------------------------------------------------------------

def test_a_metadata_file_not_named_after_its_seed_warns(project_copy, capsys):
    old = project_copy / ARTICLE
    old.rename(project_copy / "content/articles/voa-raqqa.yml")
    code, lines = check_lines(project_copy, capsys)
    assert code == 0
    assert lines[0] == ("warning: content/articles/voa-raqqa.yml:1 [seed]: the file describes "
                        "seeds/001_66dd8c24867dc48b.txt but is not named after it (rename the "
                        "file to content/articles/001_66dd8c24867dc48b.yml)")
    assert check_lines(project_copy, capsys, "--strict")[0] == 1


def test_dates_outside_the_collections_years_warn_at_their_line(project_copy, capsys):
    text = (project_copy / ARTICLE).read_text(encoding="utf-8")
    (date,) = re.findall(r"^date: (\S+)$", text, re.M)
    edit(project_copy, ARTICLE, f"date: {date}", "date: 2011-08-01")
    code, lines = check_lines(project_copy, capsys, "--strict")
    line = line_of(project_copy, ARTICLE, "date:")
    assert code == 1
    assert lines[0] == (
        f"warning: {ARTICLE}:{line} [date]: the date 2011-08-01 is outside this collection's "
        "years (2014-2018, content/collection.yml) (check the date; if the collection now "
        "reaches further, widen its timeline's first_year or last_year)")
    assert len(lines) == 2


def test_a_date_after_the_capture_warns(project_copy, capsys):
    text = (project_copy / ARTICLE).read_text(encoding="utf-8")
    (date,) = re.findall(r"^date: (\S+)$", text, re.M)
    edit(project_copy, ARTICLE, f"date: {date}", "date: 2018-05-02\ncaptured: 2018-04")
    code, lines = check_lines(project_copy, capsys)
    assert code == 0
    assert lines[0].startswith(f"warning: {ARTICLE}:{line_of(project_copy, ARTICLE, 'date:')} "
                               "[date]: the date 2018-05-02 is after the capture was made")
    edit(project_copy, ARTICLE, "captured: 2018-04", "captured: 2018-05")  # May allows the 2nd
    assert check_lines(project_copy, capsys, "--strict")[0] == 0


def test_a_date_in_the_future_warns_in_the_log_and_changes_no_page(project_copy, capsys):
    # The years reach far, so only the clock can call 2199 implausible.
    edit(project_copy, "content/collection.yml", "last_year: 2018", "last_year: 2200")
    text = (project_copy / ARTICLE).read_text(encoding="utf-8")
    (date,) = re.findall(r"^date: (\S+)$", text, re.M)
    edit(project_copy, ARTICLE, f"date: {date}", "date: 2199-01-01")
    code, lines = check_lines(project_copy, capsys, "--strict")
    assert code == 1
    assert lines[0].startswith(f"warning: {ARTICLE}:{line_of(project_copy, ARTICLE, 'date:')} "
                               "[date]: the date 2199-01-01 is in the future (today is ")
    # The pages are made without the clock: the warning is not on the curation report.
    rendered = generate(Project(project_copy)).rendered
    assert "in the future" not in rendered.pages["curation.md"]


def test_future_dates_are_judged_against_the_given_day():
    def meta(date: str, captured: str | None = None) -> ArticleMeta:
        def fuzzy(text: str) -> FuzzyDate:
            y, m, d = (int(x) for x in text.split("-"))
            return FuzzyDate(y, m, d)
        return ArticleMeta(seed="x.txt", title="t", outlet="o", date=fuzzy(date),
                           captured=fuzzy(captured) if captured else None,
                           source_file="content/articles/x.yml", date_line=4, captured_line=5)

    today = datetime.date(2020, 6, 1)
    wide = Collection(first_year=2000, last_year=2100)
    assert future_dates([meta("2020-06-01")], wide, today) == []
    (problem,) = future_dates([meta("2020-06-02")], wide, today)
    assert str(problem) == ("content/articles/x.yml:4 [date]: the date 2020-06-02 is in the "
                            "future (today is 2020-06-01) (check the year)")
    (problem,) = future_dates([meta("2019-01-01", "2021-01-01")], wide, today)
    assert problem.key == "captured" and problem.line == 5
    # A date past the collection's last year is said once, by the check of the years.
    assert future_dates([meta("2030-01-01")], Collection(), today) == []


# -- a YAML file that does not parse -------------------------------------------------

def test_a_tab_in_places_is_reported_alone(project_copy, capsys):
    path = project_copy / "content/places.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("  type:"))
    lines[at] = "\t" + lines[at][2:]
    path.write_text("\n".join(lines), encoding="utf-8")
    code, out = check_lines(project_copy, capsys)
    assert code == 1
    assert out == [
        f"error: content/places.yml:{at + 1}: YAML syntax error, column 1: found a tab "
        "character that violates indentation (indent with spaces: YAML refuses tabs; checks "
        "of the place ids it defines were skipped until it reads)",
        "1 error(s), 0 warning(s): fix the errors above"]


def test_a_broken_file_does_not_hide_other_files_own_mistakes(project_copy, capsys):
    edit(project_copy, "content/outlets.yml", "- id: sputnik", "- id: [sputnik")
    edit(project_copy, "content/actors.yml", "    - Daesh\n", "    - Daesh\n  : broken\n")
    edit(project_copy, "content/events.yml", "role: attacker}", "role: atacker}")
    code, out = check_lines(project_copy, capsys)
    assert code == 1
    assert out == [
        "error: content/actors.yml:16: YAML syntax error, column 3: did not find expected key "
        "(fix this line, or the one before it; checks of the actor ids it defines were "
        "skipped until it reads)",
        "error: content/events.yml:20 [[0].actors[0].role]: expected one of: attacker, "
        "defender, victim, perpetrator, mediator, party, supporter, reporter, target, "
        "spokesperson, organiser, witness, commenter, found 'atacker'",
        "error: content/outlets.yml:18: YAML syntax error, column 7: did not find expected "
        "',' or ']' (fix this line, or the one before it; checks of the outlet ids it "
        "defines were skipped until it reads)",
        "3 error(s), 0 warning(s): fix the errors above"]


# -- nested entries, each at its own line ------------------------------------------------

def test_a_role_with_an_unknown_actor_is_said_at_its_own_line(project_copy, capsys):
    edit(project_copy, "content/events.yml", "{actor: us-led-coalition, role: supporter}",
         "{actor: us-led-coalitoin, role: supporter}")
    code, out = check_lines(project_copy, capsys)
    assert code == 1
    line = line_of(project_copy, "content/events.yml", "    - {actor: us-led-coalitoin")
    assert out[0] == (f"error: content/events.yml:{line} [raqqa-campaign.actors[2].actor]: "
                      "unknown actor id 'us-led-coalitoin' (did you mean 'us-led-coalition'?)")


def test_a_place_and_a_report_are_said_at_their_own_lines(project_copy, capsys):
    edit(project_copy, "content/events.yml", "  places: [raqqa, raqqa-province]",
         "  places:\n    - raqqa\n    - raqqa-provinse")
    edit(project_copy, "content/events.yml",
         '    - seed: 003_3d9dbe11d8be9a9e.txt\n      quote: "who were forced out',
         '    - seed: 003_3d9dbe11d8be9a9f.txt\n      quote: "who were forced out')
    code, out = check_lines(project_copy, capsys)
    assert code == 1
    events = "content/events.yml"
    assert out[:2] == [
        f"error: {events}:{line_of(project_copy, events, '    - raqqa-provinse')} "
        "[raqqa-campaign.places[1]]: unknown place id 'raqqa-provinse' (did you mean "
        "'raqqa-province'?)",
        f"error: {events}:{line_of(project_copy, events, '    - seed: 003_3d9dbe11d8be9a9f')} "
        "[raqqa-campaign.reports[3].seed]: no seed named '003_3d9dbe11d8be9a9f.txt' (did you "
        "mean '003_3d9dbe11d8be9a9e.txt'?)"]


def test_aliases_a_signature_and_an_override_are_said_at_their_own_lines(project_copy, capsys):
    actors, outlets = "content/actors.yml", "content/outlets.yml"
    article = "content/articles/000_c4a9bb88ecf85684.yml"
    edit(project_copy, actors, "    - Democratic Syrian Forces\n",
         "    - Democratic Syrian Forces\n    - Daesh\n    - {text: Dem, before: '(?<=x)'}\n")
    edit(project_copy, outlets, "  site_names:\n    - Sputnik International\n",
         "  site_names:\n    - Sputnik International\n    - [x]\n")
    edit(project_copy, article, "seed:",
         "overrides:\n  - {line: 1, kind: body}\n  - {line: 900, kind: body}\nseed:")
    seed_lines = line_count((project_copy / "seeds/000_c4a9bb88ecf85684.txt").read_text("utf-8"))
    code, out = check_lines(project_copy, capsys)
    assert code == 1
    assert out == [
        f"error: {actors}:{line_of(project_copy, actors, '    - Daesh', 2)} [sdf.aliases[3]]: "
        "the name 'Daesh' also belongs to actor:isis; a name must lead to one page",
        f"error: {actors}:{line_of(project_copy, actors, '    - {text: Dem')} "
        "[[2].aliases[4].before]: expected a regular expression RE2 can run (lookbehind: "
        "invalid perl operator: (?<=; match the words themselves; an alias's context is its "
        "own 'before' and 'after'), found '(?<=x)'",
        f"error: {article}:{line_of(project_copy, article, '  - {line: 900')} "
        f"[overrides[1].line]: line 900 is outside the seed (1-{seed_lines})",
        f"error: {outlets}:{line_of(project_copy, outlets, '    - [x]')} "
        "[[0].site_names[1]]: expected a list of text, found a list",
        "4 error(s), 0 warning(s): fix the errors above"]
