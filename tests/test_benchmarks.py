"""The pure parts of benchmarks/run.py: the search table, its targets, the section of
RESULTS.md it replaces, and how a file:// request is sized. No build, no browser."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import ROOT, benchmark_module


@pytest.fixture(scope="module")
def bench():
    yield from benchmark_module("run")


def entry(size, usable, firsts, reads, failure=""):
    queries = [{"term": term, "first": first, "settled": first + 0.01, "meta": "3 matching",
                "bytes": read, "files": [["search/x.js", read]] if read else [], "failure": ""}
               for (term, first), read in zip(firsts, reads, strict=True)]
    return {"size": size, "site": f"/tmp/site-{size}", "corpus": None, "built": None,
            "stats": {"index_bytes": 12_345_678, "index_files": 2,
                      "index_largest": [6_000_000, "search/search_index.js"]},
            "browser": {"loaded": 0.4, "index_global": "", "index": None, "focused": 0.5,
                        "ready": 0.4 + usable, "ready_after_load": usable,
                        "answer_term": "Fatisah", "answer_after_load": usable + 0.1,
                        "load_bytes": 7_000_000, "load_search_bytes": 6_000_000,
                        "load_files": [], "queries": queries, "failure": failure,
                        "blocked": 0}}


def a_run(label, usable, firsts, reads):
    return {"label": label, "code": f"{label} code", "commit": "0" * 40,
            "machine": ["- date: today", "- code measured: x", "- CPU: two"],
            "command": f"--search-only --label {label}",
            "sizes": [entry(1000, usable / 10, firsts, reads), entry(10000, usable, firsts, reads)]}


OLD = a_run("old", 28.0, [("Raqqa", 0.08), ("Fatisah", 0.03)], [0, 0])
NEW = a_run("new", 0.2, [("Raqqa", 0.15), ("Fatisah", 0.05)], [800_000, 20_000])


def test_the_search_table_has_a_column_per_size_and_run_in_that_order(bench):
    lines = bench.search_table([OLD, NEW]).splitlines()
    assert lines[0] == ("| measure | old, N=1,000 | new, N=1,000 | old, N=10,000 | "
                        "new, N=10,000 |")
    row = next(line for line in lines if line.startswith("| **load event → search usable"))
    assert row.split(" | ")[1:] == ["2.80", "0.02", "28.0", "0.20 |"]
    read = next(line for line in lines if line.startswith("| “Raqqa”: read"))
    assert "0 B (0 files)" in read and "800 KB (1 files)" in read
    assert "12.3 MB in 2 files; largest search/search_index.js 6.00 MB" in lines[2]


def test_targets_are_checked_at_ten_thousand_articles(bench):
    table = bench.targets_table([OLD, NEW]).splitlines()
    assert table[0].startswith("| target, at N=10,000 | old: measured | new: measured")
    usable, first, read = table[2:]
    assert usable.endswith("| no | yes |")
    assert first.endswith("| yes | yes |") and "Raqqa 0.15 s" in first
    assert read.endswith("| yes | yes |")
    slow = a_run("slow", 0.2, [("Raqqa", 0.25)], [2_000_000])
    assert [met for _, _, met in bench.target_checks(slow["sizes"][1])] == [True, False, False]
    assert [met for _, _, met in bench.target_checks(None)] == [None, None, None]


def test_a_failed_query_meets_no_query_target(bench):
    broken = entry(10000, 0.1, [("Raqqa", 0.05)], [0])
    broken["browser"]["queries"][0]["failure"] = "> 120 s or failed: timeout"
    checks = bench.target_checks(broken)
    assert [met for _, _, met in checks] == [True, False, False]
    assert "timeout" in checks[1][1]


def test_the_section_replaces_its_earlier_self_and_nothing_else(bench):
    section = bench.search_section([OLD], ["benchmarks/search-old.json"])
    assert section.startswith(bench.SECTION_START) and section.endswith(bench.SECTION_END)
    text = "# Benchmark results\n\n| a | b |\n\n## Targets\n\nkept\n"
    once = bench.replace_section(text, section)
    assert once.startswith(text.rstrip("\n")) and once.count(bench.SECTION_START) == 1
    newer = bench.search_section([OLD, NEW], ["old.json", "new.json"])
    twice = bench.replace_section(once, newer)
    assert twice.count(bench.SECTION_START) == 1 and "new, N=10,000" in twice
    assert twice.startswith(text.rstrip("\n")) and "kept" in twice
    assert bench.kept_section(twice) == newer
    assert bench.kept_section(text) == ""


def test_a_file_request_is_sized_from_the_disk(bench, tmp_path):
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    (site / "search" / "part 1.js").write_bytes(b"x" * 123)
    url = (site / "search" / "part 1.js").as_uri() + "?v=2"
    assert bench.file_request(url, site) == ("search/part 1.js", 123)
    assert bench.file_request("data:text/plain,hi", site) == (None, 0)
    assert bench.file_request("https://example.org/x.js", site) == (None, 0)
    assert bench.file_request((tmp_path / "gone.js").as_uri(), site) == \
        ((tmp_path / "gone.js").as_posix(), 0)
    files = [("search/part 1.js", 123), ("assets/x.js", 7), ("searching.html", 5)]
    assert bench.search_bytes(files, "search") == 123


def test_site_stats_sum_the_whole_search_folder(bench, tmp_path):
    site = tmp_path / "site"
    (site / "search" / "shards").mkdir(parents=True)
    (site / "index.html").write_text("<p>hi</p>")
    (site / "search" / "manifest.js").write_bytes(b"m" * 10)
    (site / "search" / "shards" / "a.js").write_bytes(b"a" * 30)
    stats = bench.site_stats(site, 2)
    assert (stats["index_bytes"], stats["index_files"]) == (40, 2)
    assert stats["index_largest"] == (30, "search/shards/a.js")
    assert stats["index_per_article"] == 20
    assert bench.site_stats(Path(site), 2, "elsewhere")["index_files"] == 0


def test_repeated_runs_report_each_figure_s_median(bench):
    runs = [entry(10000, usable, [("Raqqa", first)], [read])["browser"]
            for usable, first, read in [(3.0, 0.1, 0), (1.0, 0.3, 10), (2.0, 0.2, 5)]]
    broken = entry(10000, 0.1, [("Raqqa", 0.01)], [0])["browser"]
    broken["failure"] = "> 120 s or failed"
    median = bench.median_run([*runs, broken])
    assert median["ready_after_load"] == 2.0 and median["runs"] == 4
    assert median["queries"][0]["first"] == 0.2 and median["queries"][0]["bytes"] == 5
    assert median["failure"] == ""
    assert bench.median_run([broken])["failure"] == "> 120 s or failed"
    assert runs[0]["ready_after_load"] == 3.0  # the runs themselves are left as they were
    table = bench.search_table([{"label": "x", "sizes": [
        dict(entry(10000, 0, [], []), browser=median)]}])
    assert "x, N=10,000 (median of 4)" in table.splitlines()[0]


def test_the_hostile_inputs_script_builds_one_case_and_prints_its_row():
    """benchmarks/hostile.py runs a case end to end and prints its row of the table."""
    import subprocess
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "hostile.py"), "--only",
                             "UTF-32 BOM"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    header, _, row = result.stdout.splitlines()
    assert header == "| case | input | wall s | CPU s | outcome |"
    assert row.startswith("| UTF-32 BOM | a capture in UTF-32 with a byte order mark | ")
    assert row.endswith(" | built: 150 pages, 2 warning(s) |")
