"""The typed model of the archive.

Everything the render stage needs is in these dataclasses; the YAML in
``content/`` is validated into them once (``validate.py``) and the captures in
``seeds/`` are read into :class:`Seed` and cleaned into :class:`ArticleText`.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from functools import cached_property

from generator.cache import fingerprint


# --------------------------------------------------------------------- dates
class DateQualifier(str, Enum):
    """How sure a date is: EDTF's ``?`` (inferred/uncertain) and ``~`` (approximate)."""

    EXACT = "exact"
    INFERRED = "inferred"
    APPROXIMATE = "approximate"


class DatePrecision(str, Enum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)


@dataclass(frozen=True)
class FuzzyDate:
    """A calendar date with a precision and a qualifier, written as EDTF (level 1 subset)."""

    year: int
    month: int | None = None
    day: int | None = None
    qualifier: DateQualifier = DateQualifier.EXACT

    @property
    def precision(self) -> DatePrecision:
        if self.day is not None:
            return DatePrecision.DAY
        if self.month is not None:
            return DatePrecision.MONTH
        return DatePrecision.YEAR

    @property
    def edtf(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        suffix = {DateQualifier.INFERRED: "?", DateQualifier.APPROXIMATE: "~"}
        return text + suffix.get(self.qualifier, "")

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    @property
    def first_day(self) -> _dt.date:
        """The earliest day the date allows (``2017-03`` gives 1 March 2017)."""
        return _dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> _dt.date:
        """The latest day the date allows (``2017-03`` gives 31 March 2017)."""
        if self.day is not None and self.month is not None:
            return _dt.date(self.year, self.month, self.day)
        month = self.month or 12
        return _dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def iso(self) -> str:
        """The most precise ISO 8601 form (for machine-readable output)."""
        return self.edtf.rstrip("?~")

    def human(self) -> str:
        if self.day is not None and self.month is not None:  # a day has a month (EDTF)
            text = f"{self.day} {MONTH_NAMES[self.month - 1]} {self.year}"
        elif self.month is not None:
            text = f"{MONTH_NAMES[self.month - 1]} {self.year}"
        else:
            text = str(self.year)
        if self.qualifier is DateQualifier.INFERRED:
            text += " (inferred)"
        elif self.qualifier is DateQualifier.APPROXIMATE:
            text = "about " + text
        return text


# ------------------------------------------------------------------ curation
@dataclass(frozen=True)
class Outlet:
    id: str
    name: str
    country: str
    ownership: str
    ownership_basis: str
    kind: str
    language: str
    site: str | None = None
    description: str = ""
    # Names under which the outlet's own site brands its pages ("Sputnik
    # International"): lines that are only this name, or end in " - name",
    # are site chrome or image alt text, not article text.
    site_names: tuple[str, ...] = ()
    # Whole-line patterns of boilerplate typical of the outlet (a donation footer),
    # used to suggest the outlet of a capture nobody has curated.
    signatures: tuple[str, ...] = ()


class LineKind(StrEnum):
    """What a line of a capture is, as the cleaner decides it or a curator's override says."""

    BODY = "body"
    HEADING = "heading"  # a subheading of the article's text
    CAPTION = "caption"
    COMMENT = "comment"
    REMOVED = "removed"
    HEADLINE = "headline"


class BlockKind(StrEnum):
    """What a block of the cleaned text is (its section says where it stands)."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    CAPTION = "caption"
    COMMENT = "comment"
    REMOVED = "removed"
    HEADLINE = "headline"


@dataclass(frozen=True)
class LineOverride:
    """A curator's decision about one line of a capture, where rules cannot decide.

    ``line`` is the 1-based line number in the seed. ``split_after`` splits the
    line after that prefix (a caption glued to a paragraph by the capture);
    ``kind`` is what the (first part of the) line is.
    """

    line: int
    kind: LineKind
    reason: str = ""
    split_after: str | None = None
    rest_kind: LineKind = LineKind.BODY


@dataclass
class Suggestions:
    title: str
    dates: list[str] = field(default_factory=list)  # ISO dates found, most frequent first
    outlet: str | None = None  # outlet id whose signature the capture carries
    outlet_reason: str = ""
    dateline: str | None = None
    credit: str | None = None


class RelayKind(str, Enum):
    """What kind of source an article passes on."""

    WIRE = "wire"
    OUTLET = "outlet"
    BROADCASTER = "broadcaster"


@dataclass(frozen=True)
class Relay:
    """An article that re-posts or relays another source's reporting, in whole or in part:
    its words are that source's as much as the outlet's."""

    source: str  # as the capture credits it: "Reuters, AP, dpa", "PressTV"
    kind: RelayKind
    whole: bool  # a re-post of the source's copy, not the outlet's own text citing it
    basis: str = ""

    @property
    def label(self) -> str:
        what = {RelayKind.WIRE: "wire copy", RelayKind.OUTLET: "an outlet's report",
                RelayKind.BROADCASTER: "a broadcaster's report"}[self.kind]
        return (f"re-post of {what}: {self.source}" if self.whole
                else f"relays {what}: {self.source}")


@dataclass(frozen=True)
class ArticleMeta:
    """Curated metadata of one seed, from ``content/articles/<seed stem>.yml``."""

    seed: str
    title: str
    outlet: str
    date: FuzzyDate | None
    date_type: str = "published"
    date_basis: str = ""
    # When the capture was made (the date its original address was accessed), where known.
    captured: FuzzyDate | None = None
    captured_basis: str = ""
    outlet_inferred: bool = False
    outlet_basis: str = ""
    url: str | None = None
    url_note: str = ""
    language: str = "en"
    dateline: str | None = None
    author: str | None = None
    credit: str | None = None
    notes: str = ""
    slug: str | None = None
    # the line of the key the page address is made from (slug:, or else title:)
    address_line: int | None = None
    date_line: int | None = None  # the lines of date: and captured:, for warnings
    captured_line: int | None = None
    overrides: tuple[LineOverride, ...] = ()
    relays: tuple[Relay, ...] = ()
    source_file: str = ""
    suggestions: Suggestions | None = None  # for an uncurated seed: what the generator guessed


# --------------------------------------------------------------------- seeds
@dataclass(frozen=True)
class Seed:
    """One capture, exactly as received."""

    name: str
    sha256: str
    text: str
    encoding: str
    size: int
    notes: tuple[str, ...] = ()  # what decoding guessed or repaired

    @property
    def stem(self) -> str:
        return self.name.rsplit(".", 1)[0]


# ----------------------------------------------------------------- cleaning
class Section(str, Enum):
    """Where a line of a capture ends up on the article page."""

    BODY = "body"
    CAPTION = "caption"
    COMMENT = "comment"
    REMOVED = "removed"


class Voice(str, Enum):
    """Whose words a span of a capture is: the outlet's headline or article text, a photo
    caption, a reader's comment, or page furniture."""

    HEADLINE = "headline"
    BODY = "body"
    CAPTION = "caption"
    COMMENT = "comment"
    REMOVED = "removed"

    @property
    def own(self) -> bool:
        """The outlet's own words (headline and article text): what every count counts."""
        return self in OWN_WORDS

    @property
    def apart(self) -> str:
        """How a page names the words of this voice when it counts them apart."""
        return APART.get(self, "")


# Where a mention stands -> whose words it is: of the lines set aside from the article,
# only the headline is searched, so a mention there is the headline's.
_VOICE_OF_SECTION = {Section.BODY: Voice.BODY, Section.CAPTION: Voice.CAPTION,
                     Section.COMMENT: Voice.COMMENT, Section.REMOVED: Voice.HEADLINE}


class Quoted(str, Enum):
    """How a span of an outlet's own text gives a source's words: between quotation marks,
    or reported ("SOHR said the militias had taken the city")."""

    DIRECT = "direct"
    REPORTED = "reported"


OWN_WORDS = frozenset({Voice.HEADLINE, Voice.BODY})
# Voices counted apart from the outlet's words, never summed with them: a caption is often
# the photo agency's line (and an image's alt text), a comment is a reader's.
APART = {Voice.CAPTION: "photo captions", Voice.COMMENT: "reader comments"}


@dataclass(frozen=True, slots=True)
class Block:
    """A piece of a capture line placed in one section of the page.

    ``line`` is the 1-based line number in the seed; ``text`` is that line's text
    (or a part of it, where a curator split it), whitespace-trimmed.
    """

    line: int
    text: str
    section: Section
    kind: BlockKind = BlockKind.PARAGRAPH
    reason: str = ""
    depth: int = 0  # nesting depth of a reader comment
    anchor: str = ""
    part: int = 0  # 1, 2 for the parts of a line a curator split; 0 for a whole line

    @property
    def voice(self) -> Voice:
        """The headline is set aside from the body (it is the page's title) but is the
        outlet's own words, the strongest framing of all."""
        return Voice.HEADLINE if self.kind is BlockKind.HEADLINE else Voice(self.section.value)


@dataclass(frozen=True)
class ArticleText:
    """A capture split into the outlet's article and everything else."""

    blocks: tuple[Block, ...]

    @cached_property
    def digest(self) -> bytes:
        """A fingerprint of every block, computed once per text (rebuilds reuse the text)."""
        return fingerprint(self.blocks)

    @cached_property
    def by_anchor(self) -> dict[str, Block]:
        return {b.anchor: b for b in self.blocks if b.anchor}

    def in_section(self, section: Section) -> list[Block]:
        return [b for b in self.blocks if b.section is section]

    @property
    def body(self) -> list[Block]:
        return self.in_section(Section.BODY)

    @property
    def captions(self) -> list[Block]:
        return self.in_section(Section.CAPTION)

    @property
    def comments(self) -> list[Block]:
        return self.in_section(Section.COMMENT)

    @property
    def removed(self) -> list[Block]:
        return self.in_section(Section.REMOVED)

    @cached_property
    def headline(self) -> Block | None:
        """The capture's headline line: set aside as the page's title, the outlet's words."""
        return next((b for b in self.blocks if b.voice is Voice.HEADLINE), None)

    @cached_property
    def word_count(self) -> int:
        """Words in the article text (the body), as its page states them."""
        return sum(len(b.text.split()) for b in self.body)

    @cached_property
    def own_word_count(self) -> int:
        """Words in the outlet's own words: the body and the headline, which framing counts
        search, so a rate's denominator holds what its numerator was counted in."""
        headline = self.headline
        return self.word_count + (len(headline.text.split()) if headline else 0)


# ------------------------------------------------------------------ articles
ARTICLES_INDEX = "articles/index.md"
# Names no article page may take: the Articles index's own, and the names Windows refuses
# as a file's (the site is handed on as a folder or a zip, and opened from disk).
RESERVED_ARTICLE_SLUGS = frozenset(
    {"index", "con", "prn", "aux", "nul"} | {f"{port}{n}" for port in ("com", "lpt") for n in range(10)})


@dataclass(frozen=True)
class Article:
    seed: Seed
    meta: ArticleMeta
    text: ArticleText
    slug: str
    outlet: Outlet

    @property
    def page_path(self) -> str:
        return f"articles/{self.slug}.md"


# --------------------------------------------------------------- comparison
@dataclass(frozen=True)
class FramingTerm:
    id: str
    label: str
    forms: tuple[str, ...]


@dataclass(frozen=True)
class NotCounted:
    """A curator's decision that a framing word in one passage is not in the group's sense
    ("militant" describing the YPG in a group about what IS's men are called)."""

    seed: str
    quote: str  # the passage, as it stands in one paragraph of the seed
    reason: str


@dataclass(frozen=True)
class FramingGroup:
    id: str
    title: str
    note: str
    terms: tuple[FramingTerm, ...]
    not_counted: tuple[NotCounted, ...] = ()


@dataclass(frozen=True)
class ClaimFigure:
    seed: str
    quote: str
    as_of: str = ""


@dataclass(frozen=True)
class Claim:
    id: str
    title: str
    quantity: str
    note: str
    figures: tuple[ClaimFigure, ...]


@dataclass(frozen=True)
class AttributionFix:
    seed: str
    quote: str
    source: str | None
    source_text: str
    drop: bool
    reason: str


# ------------------------------------------------------------ the collection
# What one collection (one war, one decade) is, as opposed to what every archive is: read
# from content/collection.yml, each value defaulting to this collection's own.
@dataclass(frozen=True)
class Region:
    """The regional map: a box in degrees (WGS84), and the heading it is shown under."""

    west: float = 34.0
    south: float = 31.0
    east: float = 46.0
    north: float = 38.5
    name: str = "Syria, Iraq and their neighbours"

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.west, self.south, self.east, self.north)


@dataclass(frozen=True)
class Limits:
    """How much a page shows before it says how many more there are (or, for an entity's
    mentions, goes on to another page): bounds that keep pages readable as the archive grows."""

    mentions_per_page: int = 150  # an entity's mentions per page
    told_per_outlet: int = 6  # paragraphs quoted per outlet on an event page
    compared_outlets: int = 12  # outlets compared side by side, those with most articles first
    articles_listed: int = 5  # articles named per outlet on the comparison page
    coverage_rows: int = 150  # events in the coverage table, reported by most outlets first
    name_tables: int = 25  # actors and places with several names, most mentioned first
    source_rows: int = 60  # sources, most cited first
    ledger_rows: int = 300  # figures in the comparison's ledger
    outlet_figures: int = 150  # figures listed on an outlet's page
    diff_lines: int = 150  # lines of a changed capture's diff on the Changes page


# Roles an actor takes in an event, and kinds of place: the vocabularies a curator of
# another war may need to extend.
ROLES = ("attacker", "defender", "victim", "perpetrator", "mediator", "party", "supporter",
         "reporter", "target", "spokesperson", "organiser", "witness", "commenter")
PLACE_TYPES = ("city", "town", "village", "province", "region", "country", "river", "site", "camp",
               "road", "neighbourhood", "border")


@dataclass(frozen=True)
class Collection:
    """The facts of this collection the pages are drawn with."""

    region: Region = Region()
    first_year: int = 2014  # the timeline's first and last years
    last_year: int = 2018
    roles: tuple[str, ...] = ROLES
    place_types: tuple[str, ...] = PLACE_TYPES
    limits: Limits = Limits()

    @property
    def years(self) -> tuple[int, int]:
        return (self.first_year, self.last_year)

    def in_years(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year


@dataclass(frozen=True)
class Archive:
    """The seeds, their metadata and cleaned text, and the entities they mention: what the
    text stage makes. Frozen: a later stage makes a new archive (``dataclasses.replace``),
    and what the evidence stage finds in it is held beside it (``ArchiveIndex``)."""

    outlets: dict[str, Outlet]
    articles: list[Article] = field(default_factory=list)
    entities: dict[str, "Entity"] = field(default_factory=dict)  # by Entity.key
    mentions: list["Mention"] = field(default_factory=list)
    framing: list["FramingGroup"] = field(default_factory=list)
    claims: list["Claim"] = field(default_factory=list)
    attribution_fixes: list["AttributionFix"] = field(default_factory=list)
    collection: Collection = Collection()


# ------------------------------------------------------------------ entities
class EntityKind(StrEnum):
    """What an entity is, and what follows from it for each kind in one place.

    A string enum: ``str()``, ``format()`` and JSON give the bare value ("actor"), the
    word the pages, data and messages have always used."""

    ACTOR = "actor"
    PLACE = "place"
    EVENT = "event"

    @property
    def plural(self) -> str:
        """"actors": the folder of its pages, the name of its YAML and data files."""
        return self.value + "s"

    @property
    def index_title(self) -> str:
        """"Actors": the title of its index page."""
        return self.plural.capitalize()

    @property
    def index_page(self) -> str:
        return f"{self.plural}/index.md"

    def page(self, id: str) -> str:
        """The page of the entity of this kind with ``id`` ("places/raqqa.md")."""
        return f"{self.plural}/{id}.md"

    def key(self, id: str) -> str:
        """The key of the entity of this kind with ``id`` ("actor:isis"), by which the
        archive holds entities and mentions name them."""
        return f"{self.value}:{id}"


def kind_of(key: str) -> EntityKind:
    """The kind of entity a key names ("actor:isis" -> ACTOR); ValueError if none."""
    return EntityKind(key.partition(":")[0])


@dataclass(frozen=True)
class Alias:
    """A name an entity goes by in the texts, with how to match it."""

    text: str
    case_sensitive: bool
    compounds: bool = False  # also inside hyphenated compounds ("US-backed", "anti-IS")
    # Context rules (regular expressions, case ignored): the alias names this entity only
    # where the words just before it end with ``before`` and those just after it start
    # with ``after`` ("Raqqa" before " and Deir Ezzor provinces" is the province). Such an
    # alias may share its text with another entity's, and wins where its context holds.
    before: str = ""
    after: str = ""

    @property
    def in_context(self) -> bool:
        return bool(self.before or self.after)


def default_case_sensitive(text: str) -> bool:
    """Acronyms (all capitals: IS, US, SDF) are case-sensitive; other names are not."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


@dataclass(frozen=True)
class Coordinates:
    lat: float
    lon: float
    precision: str


@dataclass(frozen=True)
class Affiliation:
    relation: str
    actor: str


@dataclass(frozen=True)
class EventActor:
    actor: str
    role: str


@dataclass(frozen=True)
class Report:
    """A paragraph of an article that reports (or recalls) an event."""

    seed: str
    quote: str
    recalls: bool = False
    voice: Voice | None = None  # where the quote stands in several voices: which one


@dataclass(frozen=True)
class Entity:
    """An actor, a place or an event: something with its own page that texts mention."""

    kind: EntityKind
    id: str
    name: str
    type: str
    aliases: tuple[Alias, ...] = ()
    description: str = ""
    wikidata: str | None = None
    source_file: str = ""
    line: int = 0
    # actors
    affiliations: tuple[Affiliation, ...] = ()
    # places
    coordinates: Coordinates | None = None
    within: str | None = None
    # events
    date: FuzzyDate | None = None
    end: FuzzyDate | None = None
    date_basis: str = ""
    places: tuple[str, ...] = ()
    actors: tuple[EventActor, ...] = ()
    parent: str | None = None
    reports: tuple[Report, ...] = ()

    @property
    def key(self) -> str:
        return self.kind.key(self.id)

    @property
    def container(self) -> str | None:
        """The key of the place it lies within, or of the event it is part of, if any."""
        if self.kind is EntityKind.PLACE and self.within:
            return EntityKind.PLACE.key(self.within)
        if self.kind is EntityKind.EVENT and self.parent:
            return EntityKind.EVENT.key(self.parent)
        return None

    @property
    def event_date(self) -> FuzzyDate:
        """An event's date, which validation requires (actors and places have none)."""
        if self.date is None:
            raise ValueError(f"{self.key} has no date")
        return self.date

    @property
    def page_path(self) -> str:
        return self.kind.page(self.id)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *(a.text for a in self.aliases))


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity's name in a block of an article."""

    seed: str
    anchor: str  # the block's anchor (paragraph id)
    section: Section
    entity: str  # Entity.key
    surface: str  # the text as it stands
    start: int  # character offset in the block's text
    end: int
    via: str = "name"  # "name": an alias found in the text; "report": a curated event report

    @property
    def by_readers(self) -> bool:
        return self.section is Section.COMMENT

    @property
    def voice(self) -> Voice:
        """Only the headline is searched among the lines set aside from the article."""
        return _VOICE_OF_SECTION[self.section]

    @property
    def in_headline(self) -> bool:
        return self.section is Section.REMOVED
