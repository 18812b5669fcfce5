"""Make a synthetic archive project of N articles, for measuring how the build scales.

    python benchmarks/make_corpus.py --n 1000 --seed 1 --out /tmp/corpus-1000

The folder it writes is a complete project (``mkdocs.yml``, ``site_templates/``,
``content/``, ``seeds/``) that ``archive check`` accepts with no error and no
warning. The same N and seed always give the same bytes.

What is in it:

- the five real captures and all of the real ``content/`` (outlets, actors, places,
  events, claims, attributions, framing, boilerplate, pages), so N counts them;
- N - 5 synthetic captures, each a title line and about 700 words (400 to 1000) of
  paragraphs recombined from the body paragraphs of the real captures and from the
  FA-KES sample (``../shared/corpus/fakes``: one long paragraph per article, split
  into sentences here and regrouped into paragraphs of 2 to 5 sentences), with page
  furniture for the cleaner (taglines, bylines, update stamps, photo captions,
  sharing buttons, "Leave a Reply", a reader comment thread on about one in ten);
- dates spread over 2013-2019 and outlets drawn from the real five and about N/50
  synthetic ones, each with a complete ``outlets.yml`` entry;
- about N/5 curated entities added to the real ones: places ("Village 0123", with
  coordinates inside Syria), actors ("Brigade 0042", with aliases and affiliations)
  and events whose ``reports`` quote a sentence written into one paragraph of each
  reporting article. Every synthetic entity is named in some article's text.

Without ../shared/corpus/fakes only the real captures' paragraphs are recombined
(a message says so).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import re
import shutil
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FAKES = ROOT.parent / "shared" / "corpus" / "fakes"
MARKER = "CORPUS.md"
REAL_SEEDS = 5

FIRST_DAY = dt.date(2013, 1, 1)
LAST_DAY = dt.date(2019, 12, 31)

# --- folding, as the generator compares a quote with a paragraph ------------------

DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
QUOTES = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"'}


def folded(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = "".join("-" if c in DASHES else QUOTES.get(c, c) for c in text)
    return " ".join(text.split()).casefold()


# --- the text to recombine --------------------------------------------------------

ABBREVIATION = re.compile(r"(?:\b(?:[A-Z]\.){2,}|\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|St|Sgt|Capt|"
                          r"Jan|Feb|Aug|Sept|Oct|Nov|Dec|No)\.)$")
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“‘'])")
CLOSERS = "\"'”’»)]"


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping "U.S. forces" and "Gen. X" whole."""
    parts: list[str] = []
    for piece in SENTENCE_BREAK.split(" ".join(text.split())):
        if parts and ABBREVIATION.search(parts[-1]):
            parts[-1] += " " + piece
        else:
            parts.append(piece)
    return [p for p in parts if len(p.split()) >= 4]


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip(CLOSERS + " ")
    return bool(stripped) and stripped[-1] in ".!?"


def seed_paragraphs(seeds_dir: Path) -> tuple[list[str], list[str]]:
    """Body paragraphs of the real captures, and their reader comments.

    A paragraph is an unindented line of 12 words or more that ends like a
    sentence and is not a photo credit; everything from a "N responses to" line
    on is a comment thread.
    """
    paragraphs, comments = [], []
    for path in sorted(seeds_dir.glob("*.txt")):
        in_thread = False
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = " ".join(raw.split())
            if re.fullmatch(r"\d+ responses? to .+", line):
                in_thread = True
                continue
            if in_thread:
                text = re.sub(r"^\d+\.\s+", "", line)
                if len(text.split()) >= 6 and ends_sentence(text):
                    comments.append(text)
                continue
            if raw[:1].isspace() or "Photo" in line or len(line.split()) < 12:
                continue
            if ends_sentence(line) and line not in paragraphs:
                paragraphs.append(line)
    return paragraphs, comments


class Furniture:
    """The cleaner's whole-line rules (content/boilerplate.yml) and its photo-credit test.

    A paragraph they would set aside as site chrome, a photo credit or the start of a
    comment thread is not used as body text, so every quote lands in a paragraph.
    """

    CREDIT = re.compile(r"\((photo|image|picture)s?\b[^)]*\)\s*$|^(photo|image|picture)"
                        r"( credit)?\s*:|^©", re.IGNORECASE)

    def __init__(self, boilerplate: Path):
        rules = yaml.safe_load(boilerplate.read_text(encoding="utf-8")) or {}
        self.patterns = [re.compile(rule["pattern"], re.IGNORECASE)
                         for key in ("site_chrome", "comment_thread_start")
                         for rule in rules.get(key) or []]

    def __call__(self, text: str) -> bool:
        text = " ".join(text.split())
        return bool(self.CREDIT.search(text)) or any(p.fullmatch(text) for p in self.patterns)


@dataclass
class FakesArticle:
    title: str
    sentences: list[str]


def fakes_articles(folder: Path) -> list[FakesArticle]:
    """The FA-KES sample: title on line 1, then one long paragraph, split into sentences."""
    result = []
    for path in sorted(folder.glob("*.txt")):
        # About one in twelve lost its curly quotes to U+FFFD; an apostrophe stands in.
        text = path.read_text(encoding="utf-8", errors="replace").replace("\ufffd", "'")
        lines = text.splitlines()
        if not lines:
            continue
        body = " ".join(lines[1:])
        found = sentences(body)
        if len(found) >= 2:
            result.append(FakesArticle(" ".join(lines[0].split()), found))
    return result


# --- names ------------------------------------------------------------------------

OUTLET_FIRST = ["Euphrates", "Levant", "Orontes", "Khabur", "Jazira", "Crescent", "Desert",
                "Northern", "Eastern", "Horizon", "Frontline", "Meridian", "Riverside", "Cedar",
                "Mesopotamia"]
OUTLET_SECOND = ["Daily", "Observer", "Monitor", "Post", "Herald", "Times", "Wire", "Today",
                 "Dispatch", "Review", "Chronicle", "Gazette", "Bulletin", "Report"]
COUNTRIES = ["Syria", "Lebanon", "Turkey", "Jordan", "Iraq", "United Kingdom", "United States",
             "Germany", "Qatar", "United Arab Emirates", "Russia", "Iran", "unknown"]
OWNERSHIP = ["state-owned", "state-funded", "independent", "private", "unknown"]
KINDS = ["wire", "news agency", "broadcaster", "news site", "blog", "aggregator", "re-post"]

ACTOR_KINDS = [  # name prefix, type, Arabic-style alias prefix
    ("Brigade", "armed group", "Liwa"),
    ("Battalion", "armed group", "Katiba"),
    ("Front", "armed group", "Jabhat"),
    ("Local Council", "government body", "Majlis"),
    ("Tribal Council", "population group", "Ashira"),
]
AFFILIATION_TARGETS = [("member of", "sdf"), ("allied with", "syrian-government"),
                       ("allied with", "isis"), ("funded by", "united-states"),
                       ("allied with", "hezbollah")]
PLACE_KINDS = [("Village", "village", "town", "Qaryat"), ("Town", "town", "town", "Madinat"),
               ("Camp", "camp", "site", "Mukhayyam"), ("Farm", "site", "site", "Mazraat")]

EVENT_KINDS = [  # type, what happened (A: an actor, P: a place), role of the actor
    ("attack", "{A} attacked positions in {P}", "attacker"),
    ("airstrike campaign", "{A} reported air strikes on {P}", "reporter"),
    ("capture", "{A} took control of {P}", "attacker"),
    ("displacement", "hundreds of families fled {P} ahead of {A}", "perpetrator"),
    ("evacuation", "civilians left {P} under a deal brokered by {A}", "mediator"),
    ("agreement", "{A} agreed to a local truce in {P}", "party"),
    ("battle", "{A} fought for control of {P}", "attacker"),
    ("siege", "{A} laid siege to {P}", "attacker"),
    ("statement", "{A} issued a statement on the fighting in {P}", "spokesperson"),
]
EVENT_TITLES = {
    "attack": "Attack on {P}", "airstrike campaign": "Air strikes on {P}",
    "capture": "Capture of {P}", "displacement": "Flight from {P}",
    "evacuation": "Evacuation of {P}", "agreement": "Truce in {P}", "battle": "Battle for {P}",
    "siege": "Siege of {P}", "statement": "Statement on {P}",
}
SOURCES = ["a local monitor said", "residents said", "activists said", "a military source said",
           "according to a spokesman", "local officials said"]

LOCAL_SENTENCES = [
    "Fighters of {A} were reported near {P} on {D}, according to local activists.",
    "Residents of {P} said {A} had set up checkpoints on the roads leading out of the area.",
    "{A} said it had taken several positions around {P} after days of fighting.",
    "Aid workers said hundreds of families had fled {P} in recent weeks.",
    "A commander of {A} told reporters that the road to {P} remained closed.",
    "Shelling was reported in {P} and {Q}, a local monitor said.",
    "Humanitarian groups said water and bread were running short in {P}.",
    "Witnesses in {Q} said convoys of {A} had passed through towards {P}.",
]
TITLE_TEMPLATES = [
    "{A} advances near {P}", "Civilians flee {P} as fighting nears",
    "Monitor reports clashes around {P}", "{P}: residents describe life under {A}",
    "Air strikes hit {P}, {n} killed", "Aid convoy reaches {P}",
    "{A} claims gains north of {P}", "Fear and shortages in {P}",
]
HEADINGS = ["Fighting around {P}", "Civilians caught in the crossfire", "A deal in the making",
            "What the monitors say", "The road to {P}", "Aid blocked"]
CAPTIONS = [
    "Smoke rises over {P} after air strikes, {D}. (Photo: AFP)",
    "Displaced families near {P}, {D}. (Photo by Reuters)",
    "A fighter of {A} stands guard at a checkpoint outside {P}. (Photo: AP)",
    "Damaged buildings in {P}. (Image: social media)",
]
COMMENTS = [
    "Who benefits from this war? Certainly not the people of Syria.",
    "Where are the sources for these numbers? Nobody can check them.",
    "This is propaganda, plain and simple, and everyone knows it.",
    "Pray for the civilians who are trapped there with nowhere to go.",
    "The truth is somewhere in the middle, as always in this war.",
    "Another article that leaves out who armed these groups in the first place.",
    "{A} has been accused of far worse than this by people on the ground.",
    "My family is from {P} and nobody there trusts any of the sides.",
]
COMMENTERS = ["Hind Abyad", "Sam Haddad", "Leila K", "John Smith", "Abu Omar", "Maria Petrova",
              "truthseeker", "Karim", "Nadia R", "observer77"]
AUTHORS = ["Staff writer", "Sami Nasser", "Lina Haddad", "Omar Khalil", "Anna Volkova",
           "David Miller", "Rania Aziz", "Yusuf Demir"]
DATELINES = ["BEIRUT", "DAMASCUS", "AMMAN", "ISTANBUL", "MOSCOW", "RAQQA", "ERBIL", "WASHINGTON"]


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-") or "article"


def day_words(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


# --- the model of what is written -----------------------------------------------


@dataclass
class Outlet:
    id: str
    name: str
    site: str
    entry: dict | None = None  # None for the real five (already in outlets.yml)


@dataclass
class Named:
    id: str
    name: str
    alias: str | None
    entry: dict


@dataclass
class Article:
    index: int
    outlet: Outlet
    date: dt.date
    title: str
    paragraphs: list[str]  # body paragraphs and headings, in order ("## " marks a heading)
    places: list[Named]
    actors: list[Named]
    rng: random.Random
    reports: list[str] = field(default_factory=list)  # quotes written into paragraphs
    seed_name: str = ""


class Corpus:
    """Decides every article, entity and event of one corpus from (n, seed)."""

    def __init__(self, n: int, seed: int, project: Path, fakes: Path | None):
        self.n, self.seed, self.project = n, seed, project
        self.rng = random.Random(f"corpus:{seed}")
        self.furniture = Furniture(project / "content" / "boilerplate.yml")
        found, self.seed_comments = seed_paragraphs(project / "seeds")
        self.seed_paragraphs = [p for p in found if not self.furniture(p)]
        self.fakes = fakes_articles(fakes) if fakes is not None else []
        self.titles = [a.title for a in self.fakes] + self.real_titles()
        self.outlets = self.make_outlets()
        extra = round(n / 5)
        n_places = max(2, round(extra * 0.4))
        n_actors = max(2, round(extra * 0.3))
        n_events = max(1, extra - n_places - n_actors)
        self.places = [self.make_place(k) for k in range(1, n_places + 1)]
        self.actors = [self.make_actor(k) for k in range(1, n_actors + 1)]
        self.articles = [self.make_article(i) for i in range(n - REAL_SEEDS)]
        self.event_titles: set[str] = set()
        self.events = [self.make_event(k) for k in range(1, n_events + 1)]

    def real_titles(self) -> list[str]:
        titles = []
        for path in sorted((self.project / "content" / "articles").glob("*.yml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            titles.append(" ".join(str(data["title"]).split()))
        return titles

    # outlets, places, actors

    def make_outlets(self) -> list[Outlet]:
        real = yaml.safe_load((self.project / "content" / "outlets.yml").read_text(encoding="utf-8"))
        outlets = [Outlet(o["id"], o["name"], o.get("site", "")) for o in real]
        wanted = max(REAL_SEEDS + 1, round(self.n / 50))
        names = [f"{a} {b}" for b in OUTLET_SECOND for a in OUTLET_FIRST]
        self.rng.shuffle(names)
        for k in range(1, wanted - len(outlets) + 1):
            name = names[k - 1] if k <= len(names) else f"{names[(k - 1) % len(names)]} {k}"
            rng = random.Random(f"outlet:{self.seed}:{k}")
            oid, site = f"outlet-{k:03d}", f"{slugify(name)}.example.org"
            outlets.append(Outlet(oid, name, site, {
                "id": oid, "name": name, "country": rng.choice(COUNTRIES),
                "ownership": rng.choice(OWNERSHIP),
                "ownership_basis": "synthetic outlet of the benchmark corpus; nobody says so",
                "kind": rng.choice(KINDS), "language": "en", "site": site,
                "description": f"A synthetic outlet ({name}) made for the benchmark corpus.",
                "site_names": [name],
            }))
        return outlets

    def make_place(self, k: int) -> Named:
        rng = random.Random(f"place:{self.seed}:{k}")
        prefix, ptype, precision, arabic = PLACE_KINDS[k % len(PLACE_KINDS)]
        name = f"{prefix} {k:04d}"
        # A box that lies inside Syria: east of Hatay and Lebanon, south of the
        # Turkish border, north and west of the Iraqi border.
        lat, lon = round(rng.uniform(34.6, 36.5), 4), round(rng.uniform(36.8, 40.7), 4)
        within = ("raqqa-province" if lon >= 38.0 and lat >= 35.5 else
                  "deir-ez-zor-province" if lon >= 39.5 else "syria")
        alias = f"{arabic} {k:04d}" if rng.random() < 0.4 else None
        entry = {"id": f"{prefix.lower()}-{k:04d}", "name": name, "type": ptype,
                 "aliases": [alias] if alias else [],
                 "coordinates": {"lat": lat, "lon": lon, "precision": precision},
                 "within": within,
                 "description": f"A synthetic {ptype} of the benchmark corpus."}
        return Named(entry["id"], name, alias, entry)

    def make_actor(self, k: int) -> Named:
        rng = random.Random(f"actor:{self.seed}:{k}")
        prefix, atype, arabic = ACTOR_KINDS[k % len(ACTOR_KINDS)]
        name, alias = f"{prefix} {k:04d}", f"{arabic} {k:04d}"
        entry = {"id": f"{slugify(prefix)}-{k:04d}", "name": name, "type": atype,
                 "aliases": [alias],
                 "description": f"A synthetic {atype} of the benchmark corpus."}
        if atype == "armed group" and rng.random() < 0.6:
            relation, target = rng.choice(AFFILIATION_TARGETS)
            entry["affiliations"] = [{"relation": relation, "actor": target}]
        return Named(entry["id"], name, alias, entry)

    # articles

    def mention(self, named: Named, rng: random.Random) -> str:
        return named.alias if named.alias and rng.random() < 0.3 else named.name

    def fill(self, template: str, article_rng: random.Random, places: list[Named],
             actors: list[Named], day: dt.date) -> str:
        place = places[0]
        other = self.mention(places[1], article_rng) if len(places) > 1 else "the nearby villages"
        actor = actors[0] if actors else None
        return template.format(
            P=self.mention(place, article_rng), Q=other,
            A=self.mention(actor, article_rng) if actor else "Fighters",
            D=day_words(day), n=article_rng.randint(3, 60))

    def paragraph(self, rng: random.Random) -> str:
        if not self.fakes or rng.random() < 0.25:
            return rng.choice(self.seed_paragraphs)
        source = rng.choice(self.fakes)
        size = rng.randint(2, 5)
        start = rng.randrange(max(1, len(source.sentences) - size + 1))
        return " ".join(source.sentences[start:start + size])

    def make_article(self, i: int) -> Article:
        rng = random.Random(f"article:{self.seed}:{i}")
        outlet = rng.choice(self.outlets)
        date = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
        # Every synthetic place and actor is named by at least one article.
        places = [self.places[i % len(self.places)], *rng.sample(self.places, rng.randint(0, 2))]
        actors = [self.actors[i % len(self.actors)], *rng.sample(self.actors, rng.randint(0, 1))]
        places = list(dict.fromkeys(p.id for p in places))
        actors = list(dict.fromkeys(a.id for a in actors))
        places = [next(p for p in self.places if p.id == pid) for pid in places]
        actors = [next(a for a in self.actors if a.id == aid) for aid in actors]
        roll = rng.random()
        if roll < 0.35 and self.fakes:
            title = rng.choice(self.fakes).title
        elif roll < 0.45:
            title = rng.choice(self.titles)
        else:
            title = self.fill(rng.choice(TITLE_TEMPLATES), rng, places, actors, date)
        target = int(rng.triangular(400, 1000, 700))
        paragraphs, words, seen = [], 0, {folded(title)}
        while words < target or len(paragraphs) < 3:
            text = self.paragraph(rng)
            if folded(text) in seen or self.furniture(text):
                continue
            seen.add(folded(text))
            paragraphs.append(text)
            words += len(text.split())
        for _ in range(rng.randint(1, 3)):  # names of the synthetic entities in the text
            where = rng.randrange(len(paragraphs))
            sentence = self.fill(rng.choice(LOCAL_SENTENCES), rng, places, actors, date)
            paragraphs[where] += " " + sentence
        if rng.random() < 0.3:
            where = rng.randrange(1, len(paragraphs))
            heading = self.fill(rng.choice(HEADINGS), rng, places, actors, date)
            if folded(heading) not in seen:
                paragraphs.insert(where, "## " + heading)
        return Article(i, outlet, date, title, paragraphs, places, actors, rng)

    # events, written into paragraphs of the articles that report them

    def make_event(self, k: int) -> dict:
        rng = random.Random(f"event:{self.seed}:{k}")
        reporting = rng.sample(self.articles, min(len(self.articles), rng.randint(1, 3)))
        first = min(a.date for a in reporting)
        date = max(FIRST_DAY, first - dt.timedelta(days=rng.randint(0, 20)))
        etype, what, role = rng.choice(EVENT_KINDS)
        lead = reporting[0]
        place, actor = rng.choice(lead.places), rng.choice(lead.actors)
        core = what.format(A=actor.name, P=place.name)
        reports = []
        for article in reporting:
            recalls = (article.date - date).days > 90
            quote = f"On {day_words(date)}, {core}"
            if recalls:
                sentence = f"Earlier, on {day_words(date)}, {core}, according to reports at the time."
                quote = f"on {day_words(date)}, {core}"
            else:
                sentence = f"{quote}, {rng.choice(SOURCES)}."
            body = [n for n, p in enumerate(article.paragraphs) if not p.startswith("## ")]
            where = rng.choice(body)
            article.paragraphs[where] += " " + sentence
            article.reports.append(quote)
            report = {"seed": article, "quote": quote}
            if recalls:
                report["recalls"] = True
            reports.append(report)
        parent = None
        if k > 1 and rng.random() < 0.1:
            parent = f"event-{rng.randint(1, k - 1):04d}"
        title = f"{EVENT_TITLES[etype].format(P=place.name)}, {day_words(date)}"
        if title.casefold() in self.event_titles:  # a name must lead to one page
            title += f" (event {k:04d})"
        self.event_titles.add(title.casefold())
        entry = {"id": f"event-{k:04d}",
                 "title": title,
                 "type": etype, "date": date.isoformat(),
                 "date_basis": "synthetic: a few days before the first article that reports it",
                 "places": [place.id], "actors": [{"actor": actor.id, "role": role}],
                 "reports": reports,
                 "description": f"A synthetic event of the benchmark corpus ({etype})."}
        if parent:
            entry["parent"] = parent
        return entry


# --- writing ----------------------------------------------------------------------

TAGLINE = ("Get the latest news from around the world, live coverage, off-beat stories, "
           "features and analysis.")


def capture(article: Article, corpus: Corpus) -> str:
    """The capture as a page would have been saved: furniture, title, body, thread. Each
    part draws from one generator, in this order, so that a seed makes the same capture."""
    rng = random.Random(f"capture:{corpus.seed}:{article.index}")
    lines = masthead(article, rng)
    lines += lead_image(article, corpus, rng)
    lines += body_lines(article, rng)
    lines += page_end(article, corpus, rng)
    return "\n".join(lines).rstrip("\n") + "\n"


def masthead(article: Article, rng: random.Random) -> list[str]:
    """The outlet's banner (sometimes), the title, and a byline (sometimes)."""
    outlet, lines = article.outlet, []
    if rng.random() < 0.4:
        lines += [f"- {outlet.name}", TAGLINE if rng.random() < 0.5 else "Breaking News", ""]
    lines += [article.title, ""]
    if rng.random() < 0.5:
        lines += [f"By {rng.choice(AUTHORS)} | {outlet.name} Updated at "
                  f"{article.date.isoformat()} {rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}"
                  f":00 +0000", ""]
    return lines


def lead_image(article: Article, corpus: Corpus, rng: random.Random) -> list[str]:
    """What stands above the body: a caption, an image's text then its caption, a
    dateline, or nothing."""
    roll = rng.random()
    caption = corpus.fill(rng.choice(CAPTIONS), rng, article.places, article.actors, article.date)
    if roll < 0.3:
        return [caption, ""]
    if roll < 0.5:  # image text, then the same line again as the caption
        plain = re.sub(r"\s*\((Photo|Image)[^)]*\)$", "", caption)
        return [plain, plain, ""]
    if roll < 0.6:
        return [f"{article.places[0].name} - {article.outlet.name}", ""]
    return []


def body_lines(article: Article, rng: random.Random) -> list[str]:
    """The paragraphs and subheadings, with an advertisement after the third (sometimes)."""
    lines: list[str] = []
    for n, paragraph in enumerate(article.paragraphs):
        if paragraph.startswith("## "):
            lines += [paragraph[3:], ""]
            continue
        lines += [paragraph, ""]
        if n == 2 and rng.random() < 0.15:
            lines += ["Advertisement", ""]
    return lines


def page_end(article: Article, corpus: Corpus, rng: random.Random) -> list[str]:
    """What follows the body, each sometimes: a link line, a comment thread, a reply form."""
    lines: list[str] = []
    if rng.random() < 0.3:
        lines += [rng.choice(["Share this article", "Read more", "Related stories"]), ""]
    if rng.random() < 0.1:
        lines += comment_thread(article, corpus, rng)
    if rng.random() < 0.4:
        lines += ["Leave a Reply"]
    return lines


def comment_thread(article: Article, corpus: Corpus, rng: random.Random) -> list[str]:
    count = rng.randint(2, 6)
    lines = [f"{count} responses to “{article.title}”", ""]
    used: set[str] = set()
    for n in range(1, count + 1):
        pool = COMMENTS + corpus.seed_comments
        text = corpus.fill(rng.choice(pool), rng, article.places, article.actors, article.date)
        if folded(text) in used:
            continue
        used.add(folded(text))
        if rng.random() < 0.4:
            name = rng.choice(COMMENTERS)
            lines += [f"  {n}. {name} Avatar", f"    {name}", "", f"    {text}", "", "    Reply", ""]
        else:
            lines += [f"  {n}. {text}", ""]
    return lines


def article_yaml(article: Article) -> dict:
    rng = random.Random(f"meta:{article.seed_name}")
    data = {"seed": article.seed_name, "title": article.title, "outlet": article.outlet.id}
    if rng.random() < 0.85:
        data["date"] = article.date.isoformat()
        data["date_basis"] = "from the original address"
        data["url"] = (f"https://{article.outlet.site or 'example.org'}/"
                       f"{article.date.strftime('%Y/%m/%d')}/{slugify(article.title)}/")
    else:
        data["date"] = article.date.strftime("%Y-%m") + "?"
        data["date_basis"] = "inferred from the text; no publication date is stated"
        data["url_note"] = "the original address is unknown"
    data["language"] = "en"
    if rng.random() < 0.3:
        data["dateline"] = rng.choice(DATELINES)
    if rng.random() < 0.3:
        data["author"] = rng.choice(AUTHORS)
    if rng.random() < 0.1:
        data["credit"] = "Reuters, AP"
    data["notes"] = ("A synthetic article of the benchmark corpus: paragraphs recombined from "
                     "the archive's captures and the FA-KES sample.")
    return data


def dump(data) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100_000)


def check_reports(article: Article, text: str, furniture: Furniture) -> None:
    """Each quote stands in exactly one line of the capture, a paragraph of the body."""
    lines = [line for line in text.splitlines() if line.strip()]
    for quote in article.reports:
        found = [line for line in lines if folded(quote) in folded(line)]
        if len(found) != 1 or furniture(found[0]):
            raise SystemExit(f"internal error: {quote!r} is in {len(found)} lines of "
                             f"{article.seed_name}, or in one the cleaner sets aside")


def prepare(out: Path) -> None:
    """Replace a folder this script made before; refuse to touch any other."""
    if out.exists():
        if any(out.iterdir()) and not (out / MARKER).is_file():
            raise SystemExit(f"{out} exists and was not made by make_corpus.py ({MARKER} is "
                             "missing); choose another --out")
        shutil.rmtree(out)
    out.mkdir(parents=True)


def copy_project(project: Path, out: Path) -> None:
    shutil.copyfile(project / "mkdocs.yml", out / "mkdocs.yml")
    shutil.copytree(project / "site_templates", out / "site_templates",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(project / "content", out / "content",
                    ignore=shutil.ignore_patterns("README.md"))
    (out / "seeds").mkdir()
    for path in sorted((project / "seeds").glob("*.txt")):
        shutil.copyfile(path, out / "seeds" / path.name)


def append_entries(path: Path, entries: list[dict], what: str) -> None:
    if not entries:
        return
    text = path.read_text(encoding="utf-8").rstrip("\n")
    header = f"\n\n# --- Synthetic {what} of the benchmark corpus " + "-" * 30 + "\n\n"
    path.write_text(text + header + dump(entries), encoding="utf-8")


def write(corpus: Corpus, out: Path, fakes_used: bool) -> dict:
    prepare(out)
    copy_project(corpus.project, out)
    articles_dir = out / "content" / "articles"
    words = 0
    texts = {}
    for article in corpus.articles:
        text = capture(article, corpus)
        article.seed_name = (f"syn{article.index:05d}_"
                             f"{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}.txt")
        texts[article.seed_name] = text
        check_reports(article, text, corpus.furniture)
        words += sum(len(p.split()) for p in article.paragraphs)
        (out / "seeds" / article.seed_name).write_text(text, encoding="utf-8")
        (articles_dir / f"{Path(article.seed_name).stem}.yml").write_text(
            dump(article_yaml(article)), encoding="utf-8")
    for event in corpus.events:
        for report in event["reports"]:
            report["seed"] = report["seed"].seed_name
    content = out / "content"
    append_entries(content / "outlets.yml", [o.entry for o in corpus.outlets if o.entry],
                   "outlets")
    append_entries(content / "places.yml", [p.entry for p in corpus.places], "places")
    append_entries(content / "actors.yml", [a.entry for a in corpus.actors], "actors")
    append_entries(content / "events.yml", corpus.events, "events")
    counts = {
        "articles": corpus.n, "synthetic articles": len(corpus.articles),
        "words in synthetic bodies": words,
        "outlets": len(corpus.outlets),
        "synthetic outlets": sum(1 for o in corpus.outlets if o.entry),
        "synthetic places": len(corpus.places), "synthetic actors": len(corpus.actors),
        "synthetic events": len(corpus.events),
        "event reports": sum(len(e["reports"]) for e in corpus.events),
        "reader comment threads": sum(1 for t in texts.values() if " responses to “" in t),
    }
    (out / MARKER).write_text(describe(corpus, counts, fakes_used), encoding="utf-8")
    return counts


def describe(corpus: Corpus, counts: dict, fakes_used: bool) -> str:
    source = ("the body paragraphs of the five real captures and the FA-KES sample "
              "(F. K. Abu Salem, R. Al Feel, S. Elbassuoni, M. Jaber, M. Farah, \"FA-KES: A "
              "Fake News Dataset around the Syrian War\", ICWSM 2019, Zenodo DOI "
              "10.5281/zenodo.2607278, CC BY 4.0)" if fakes_used else
              "the body paragraphs of the five real captures only (the FA-KES sample was "
              "not available)")
    lines = [
        "# Synthetic benchmark corpus",
        "",
        f"Made by `benchmarks/make_corpus.py --n {corpus.n} --seed {corpus.seed}`; the same "
        "two numbers give the same bytes. Not evidence: the captures other than the five "
        f"real ones are recombined from {source}.",
        "",
        *[f"- {key}: {value}" for key, value in counts.items()],
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, required=True,
                        help=f"number of articles, the {REAL_SEEDS} real ones included "
                             f"(at least {REAL_SEEDS + 1})")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, required=True,
                        help="folder to write (replaced if an earlier corpus is there)")
    parser.add_argument("--project", type=Path, default=ROOT,
                        help="the project whose seeds and content are the base (default: this one)")
    parser.add_argument("--fakes", type=Path, default=FAKES,
                        help="FA-KES sample folder (default: ../shared/corpus/fakes)")
    args = parser.parse_args(argv)
    if args.n <= REAL_SEEDS:
        parser.error(f"--n must be more than {REAL_SEEDS} (the real captures are included)")
    fakes = args.fakes if args.fakes.is_dir() else None
    if fakes is None:
        print(f"note: {args.fakes} is not there; recombining the five real captures only",
              file=sys.stderr)
    corpus = Corpus(args.n, args.seed, args.project.resolve(), fakes)
    counts = write(corpus, args.out.resolve(), fakes is not None)
    print(f"wrote {args.out}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
