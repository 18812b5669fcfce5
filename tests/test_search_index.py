"""The search index's pieces in Python: folding and words, reading a page, the shards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from search_files import SearchFiles, read_shard

import generator.render.search as si
from generator.render.search import PageText, SearchIndex, digits, excluded, fold, tokens, undigits


@pytest.mark.parametrize("text, folded", [
    ("Raqqa", "raqqa"),
    ("Déir ÉZZOR", "deir ezzor"),
    ("Yekîneyên Parastina Gel", "yekineyen parastina gel"),
    ("Straße", "strasse"),
    ("Ruʿb al-Ṣaḥrāʾ", "rub al-sahra"),
    ("Łódź Ærø", "lodz aero"),
    ("ﬁnal", "final"),  # a ligature, taken apart
])
def test_fold_drops_case_accents_and_transliteration_marks(text, folded):
    assert fold(text) == folded


def test_words_are_letters_and_digits_and_hyphenated_words_are_one_word_too():
    assert tokens("Deir ez-Zor, 2017!") == ["deir", "ez", "zor", "2017", "ezzor"]
    assert tokens("the al\u2011Raqqa’s") == ["the", "al", "raqqa", "s", "alraqqas"]
    assert tokens("U.S.-backed_forces") == ["u", "s", "backed", "forces"]
    # The place's spellings the curated aliases give meet in one term.
    assert set(tokens("Deir ez-Zor")) >= set(tokens("Deir Ezzor"))


@given(st.lists(st.integers(min_value=0, max_value=2**40)))
def test_digits_round_trip(values):
    text = digits(values)
    assert set(text) <= set(si.ALPHABET)
    assert undigits(text) == values


def test_small_numbers_take_one_digit():
    assert [len(digits([v])) for v in (0, 31, 32, 1023, 1024)] == [1, 1, 2, 2, 3]
    assert digits([0, 31, 32]) == "0" + "V" + "X0"
    with pytest.raises(ValueError):
        digits([-1])


PAGE = """
<h1 id="title">A headline</h1>
<div class="article-meta" data-search-exclude><p>Sputnik, 2017</p></div>
<div class="article-body">
<p id="p-1">Fighters left Raqqa.<a class="para-link" href="#p-1"></a></p>
<h3 class="article-subheading" id="h-1">A subheading</h3>
<p id="p-2">Second <em>paragraph</em><br>text.</p>
</div>
<h2 id="photo-captions">Photo captions<a class="headerlink" href="#photo-captions">¶</a></h2>
<div class="article-captions">
<p class="section-note" data-search-exclude>Kept apart.</p>
<p class="caption" id="c-1">A photo of Raqqa</p>
</div>
<h2 id="reader-comments">Reader comments</h2>
<div class="reader-comments">
<p class="reader-comment" id="r-1">Daesh lies</p>
</div>
<section data-search-exclude><h2 id="links">In this article</h2><p>Raqqa (3)</p></section>
<script>var x = "hidden";</script>
"""


def read(html: str) -> PageText:
    reader = PageText()
    reader.feed(html)
    reader.close()
    return reader


def test_a_page_is_read_in_passages_with_whose_words_they_are():
    reader = read(PAGE)
    passages = [(p.anchor, reader.headings[p.heading], p.voice, si.snippet(p.text))
                for p in reader.passages]
    assert passages == [
        ("", "A headline", si.VOICE_OWN, ""),
        ("p-1", "A headline", si.VOICE_OWN, "Fighters left Raqqa."),
        ("h-1", "A subheading", si.VOICE_OWN, ""),
        ("p-2", "A subheading", si.VOICE_OWN, "Second paragraph text."),
        ("photo-captions", "Photo captions", si.VOICE_OWN, ""),
        ("c-1", "Photo captions", si.VOICE_CAPTION, "A photo of Raqqa"),
        ("reader-comments", "Reader comments", si.VOICE_OWN, ""),
        ("r-1", "Reader comments", si.VOICE_COMMENT, "Daesh lies"),
    ]
    words = " ".join(text for text, _, _ in reader.words)
    for left_out in ("Sputnik", "Kept apart", "In this article", "(3)", "hidden", "¶"):
        assert left_out not in words


def test_a_long_passage_is_cut_at_a_word():
    text = si.snippet(["word " * 100])
    assert len(text) <= si.SNIPPET_CHARS + 2 and text.endswith(" …")
    assert "wor …" not in text


def build(pages: list[tuple[str, str, str]], order: list[int] | None = None,
          names: dict[str, tuple[str, ...]] | None = None) -> SearchIndex:
    index = SearchIndex([address for address, _, _ in pages], names,
                        {pages[0][0]: "Sputnik"})
    for i in order or range(len(pages)):
        index.add_page(*pages[i])
    return index


PAGES = [
    ("articles/a.html", "A headline", PAGE),
    ("actors/isis.html", "Islamic State", "<h1 id='t'>Islamic State</h1><p>Also called: Daesh</p>"),
    ("articles/b.html", "Another", "<h1>Another</h1><p id='x'>Daesh and Daesh and Raqqa</p>"),
]


def test_postings_rank_a_name_of_the_page_above_pages_using_the_word(tmp_path):
    build(PAGES, names={"actors/isis.html": ("Islamic State", "Daesh")}).write(tmp_path / "search")
    index = SearchFiles.of(tmp_path)
    assert [r[0] for r in index.records] == sorted(p[0] for p in PAGES)  # ids: sorted addresses
    daesh = {index.address(page): weight for page, _, weight in index.postings["daesh"]}
    assert max(daesh, key=daesh.__getitem__) == "actors/isis.html"
    # The comment's word points at the comment; the body's at its paragraph.
    a = index.page_id("articles/a.html")
    record = index.records[a]
    assert record[2] == "Sputnik"
    passage = {page: p for page, p, _ in index.postings["daesh"]}[a]
    assert record[4][passage][0] == "r-1" and record[4][passage][2] == si.VOICE_COMMENT
    raqqa = {page: p for page, p, _ in index.postings["raqqa"]}[a]
    assert record[4][raqqa][0] == "p-1"  # the outlet's own words before its caption


def test_the_same_pages_give_the_same_bytes_in_any_order(tmp_path):
    names = {"actors/isis.html": ("Islamic State", "Daesh")}
    build(PAGES, [0, 1, 2], names).write(tmp_path / "one")
    build(PAGES, [2, 0, 1], names).write(tmp_path / "two")
    one = {p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*.js")}
    two = {p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two").rglob("*.js")}
    assert one == two and len(one) > 3


def test_big_shards_are_split_by_longer_prefixes(tmp_path, monkeypatch):
    monkeypatch.setattr(si, "SHARD_BYTES", 200)
    words = " ".join(f"ra{chr(97 + i)}{chr(97 + j)}" for i in range(20) for j in range(5))
    pages = [(f"p{n}.html", f"Page {n}", f"<h1>Page {n}</h1><p>{words} raqqa ra</p>") for n in range(30)]
    stats = build(pages).write(tmp_path / "search")
    index = SearchFiles.of(tmp_path)
    keys = [key for key, _ in index.manifest["terms"]]
    assert keys == sorted(keys) and len(keys) == stats.term_shards
    assert "ra" in keys and any(len(k) > 2 and k.startswith("ra") for k in keys)
    # Each term is in the shard of the longest key it begins with.
    for number, (key, _) in enumerate(index.manifest["terms"]):
        _, _, terms = read_shard(tmp_path / "search" / "terms" / f"{number}.js")
        for term in terms:
            assert max((k for k in keys if term.startswith(k)), key=len) == key
    assert index.pages_with("raqqa") == set(range(30))
    # Shards stay small, except one holding a single term (which cannot be cut).
    for number, (key, size) in enumerate(index.manifest["terms"]):
        _, _, terms = read_shard(tmp_path / "search" / "terms" / f"{number}.js")
        assert size <= 200 + 60 or len(terms) == 1 or all(len(t) == len(key) for t in terms)


def test_writing_again_replaces_the_old_files(tmp_path):
    build(PAGES * 1).write(tmp_path / "search")
    (tmp_path / "search" / "pages" / "99.js").write_text("stale")
    build(PAGES[:1]).write(tmp_path / "search")
    assert not (tmp_path / "search" / "pages" / "99.js").exists()
    assert SearchFiles.of(tmp_path).manifest["pages"] == 1


def test_pages_the_front_matter_leaves_out():
    assert excluded({"search": {"exclude": True}})
    assert not excluded({"search": {"boost": 2}}) and not excluded({})


def test_the_seed_site_index_is_small_and_read_in_small_pieces(built_site: Path):
    files = sorted((built_site / "search").rglob("*.js"))
    sizes = {f.relative_to(built_site).as_posix(): f.stat().st_size for f in files}
    assert sizes["search/manifest.js"] < 8_000
    assert max(sizes.values()) < 64_000
    assert not (built_site / "search" / "search_index.json").exists()
    assert not (built_site / "search" / "search_index.js").exists()


def cut_by_definition(encoded: dict[str, str], limit: int) -> list[tuple[str, str]]:
    """The shards as the README defines them, one prefix letter at a time (recursive:
    for small inputs only)."""
    shards = []

    def cut(key: str, terms: list[str]) -> None:
        text = si._json({t: encoded[t] for t in terms})
        if len(text) <= limit or all(len(t) <= len(key) for t in terms):
            shards.append((key, text))
            return
        if own := [t for t in terms if len(t) <= len(key)]:
            shards.append((key, si._json({t: encoded[t] for t in own})))
        for child in sorted({t[: len(key) + 1] for t in terms if len(t) > len(key)}):
            cut(child, [t for t in terms if t.startswith(child)])

    for first in sorted({t[0] for t in encoded}):
        cut(first, [t for t in encoded if t[0] == first])
    return sorted(shards)


@given(st.dictionaries(st.text("abé\u2028", min_size=1, max_size=12),
                       st.text("0123456789XY", min_size=1, max_size=60), min_size=1, max_size=200),
       st.sampled_from([40, 200, 1000]))
def test_shards_are_cut_as_defined(encoded, limit):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(si, "SHARD_BYTES", limit)
        assert si.cut_shards(encoded) == cut_by_definition(encoded, limit)


def test_long_words_sharing_a_long_prefix_are_cut_into_shards(tmp_path):
    # 200 words sharing their first 1,099 letters: a cut per letter once ran out of stack.
    words = " ".join("a" * 1099 + suffix for suffix in (f"{n:03d}x" for n in range(200)))
    html = f"<h1>Long words</h1><p id='p-1'>{words}</p>"
    stats = build([("articles/long.html", "Long words", html)]).write(tmp_path / "search")
    index = SearchFiles.of(tmp_path)
    keys = [key for key, _ in index.manifest["terms"]]
    for n in range(200):
        term = "a" * 1099 + f"{n:03d}x"
        assert index.postings[term] == [(0, 1, index.postings[term][0][2])]
        assert max((k for k in keys if term.startswith(k)), key=len) in keys
    assert max(size for _, size in index.manifest["terms"]) < si.SHARD_BYTES + 100
    assert stats.term_shards == len(keys) > 2


def test_a_word_in_any_of_5000_paragraphs_points_at_its_paragraph(tmp_path):
    # Passages were numbered in 12 bits: every word past paragraph 4,094 opened 4,094.
    body = "".join(f"<p id='p-{n}'>Paragraph word{n} of many.</p>" for n in range(1, 5001))
    build([("articles/long.html", "Many paragraphs", f"<h1>Many</h1>{body}")]).write(
        tmp_path / "search")
    index = SearchFiles.of(tmp_path)
    passages = index.records[0][4]
    for n in (1, 4093, 4094, 4095, 4096, 4500, 5000):
        [(_, passage, _)] = index.postings[f"word{n}"]
        assert passages[passage][0] == f"p-{n}"


def test_a_title_is_unescaped_once_into_the_index(tmp_path):
    # MkDocs hands the title over as the theme prints it, HTML text.
    html_title = "A &quot;b&quot; &amp;amp; &lt;c&gt;"
    build([("articles/t.html", html_title, "<h1>x</h1><p id='p'>Text</p>")]).write(
        tmp_path / "search")
    index = SearchFiles.of(tmp_path)
    assert index.records[0][1] == 'A "b" &amp; <c>'
    assert "quot" not in index.postings and "=a b amp c" in index.postings


def decoded_words_table() -> tuple[dict[int, str], list[tuple[int, int]]]:
    """The table written into the index, read back as the page's script reads it."""
    table = json.loads(si._json(si.words_table()))
    folds: dict[int, str] = {}
    for first, text in table["fold"]:
        for i, char in enumerate(text):
            folds[first + i] = char
    folds.update((point, text) for point, text in table["spell"])
    ranges, end = [], 0
    for gap, length in zip(table["word"][::2], table["word"][1::2], strict=True):
        ranges.append((end + gap, end + gap + length))
        end += gap + length
    return folds, ranges


def test_the_words_table_folds_and_splits_every_code_point_as_python():
    folds, ranges = decoded_words_table()
    words = set()
    for first, end in ranges:
        words.update(range(first, end))
    for point in range(0x110000):
        char = chr(point)
        assert folds.get(point, char) == si.fold_char(char) == fold(char), hex(point)
        assert (point in words) == bool(si._WORD.fullmatch(char)) == char.isalnum(), hex(point)


def test_folding_twice_changes_nothing():
    for folded in si.fold_table().values():
        assert fold(folded) == folded
