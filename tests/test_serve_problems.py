"""``mkdocs serve`` shows the input's problems in the browser, and recovers once fixed."""

from __future__ import annotations

import html
import re

from test_serve import PAGE, server, wait_for  # noqa: F401  (the fixture)

ARTICLE = "content/articles/004_943bb74b3960d4d7.yml"


def problem_rows(page: str) -> list[list[str]]:
    table = re.search(r'<table class="archive-problems">.*?</table>', page, re.S)
    assert table, page[:2000]
    return [[html.unescape(c) for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", table.group(), re.S) if "<td>" in row]


def test_a_broken_input_shows_its_problems_on_the_page_and_the_fix_restores_it(server):  # noqa: F811
    from test_serve import fetch

    project, base = server
    url = base + PAGE
    assert wait_for(url, "navigation text"), "mkdocs serve did not serve the article page"

    meta = project / ARTICLE
    good = meta.read_text(encoding="utf-8")
    meta.write_text(re.sub(r"^outlet: .*$", "outlet: <script>alert(1)</script>", good,
                           count=1, flags=re.M), encoding="utf-8")
    places = project / "content/places.yml"
    good_places = places.read_text(encoding="utf-8")
    places.write_text(good_places.replace("\n  type:", "\n\ttype:", 1), encoding="utf-8")
    assert wait_for(url, "The archive cannot be built"), "the page did not show the problems"
    page = fetch(url)
    assert "<script>alert(1)</script>" not in page
    rows = problem_rows(page)
    outlet_line = next(i for i, line in enumerate(good.splitlines(), 1)
                       if line.startswith("outlet:"))
    tab_line = good_places[:good_places.index("\n  type:")].count("\n") + 2
    assert rows == [
        [ARTICLE, str(outlet_line), "outlet", "error",
         "unknown outlet id '<script>alert(1)</script>'"],
        ["content/places.yml", str(tab_line), "", "error",
         "YAML syntax error, column 1: found a tab character that violates indentation "
         "(indent with spaces: YAML refuses tabs; checks of the place ids it defines were "
         "skipped until it reads)"],
    ]
    # The home page, written by hand, says the same while the input has errors.
    assert "The archive cannot be built" in fetch(base + "index.html")

    meta.write_text(good, encoding="utf-8")
    places.write_text(good_places, encoding="utf-8")
    assert wait_for(url, "navigation text"), "the page did not come back after the fix"
    assert "The archive cannot be built" not in fetch(url)
