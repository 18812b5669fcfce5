"""Checks ``content/actors.yml``, ``places.yml`` and ``events.yml`` into :class:`Entity` objects.

Every reference between them (affiliation -> actor, place -> containing place,
event -> places, actors, parent event, article) is checked, and an unknown id
is reported with the nearest known one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, TypedDict

from generator.model import (
    Affiliation,
    Alias,
    Collection,
    Coordinates,
    Entity,
    EntityKind,
    EventActor,
    FuzzyDate,
    Report,
    Voice,
    default_case_sensitive,
)
from generator.problems import did_you_mean
from generator.read.load import LineDict, YamlDoc, line_at
from generator.read.pattern import Anchor
from generator.read.schema import Checker, Field, Values, _kind, _one_of, _pattern, _slug, parse_date

STR = (str,)
ACTOR_TYPES = ("armed group", "state", "government body", "military", "NGO", "monitor", "media",
               "person", "population group", "political party", "international organization",
               "coalition")
EVENT_TYPES = ("battle", "offensive", "siege", "capture", "agreement", "evacuation",
               "airstrike campaign", "displacement", "attack", "execution", "decree", "statement",
               "investigation", "declaration", "other")
RELATIONS = ("member of", "spokesperson for", "part of", "leader of", "allied with", "funded by",
             "commander in", "founder of", "relays", "works for")
REPORT_VOICES = tuple(v.value for v in Voice if v is not Voice.REMOVED)
# How exact a place's point is: a scale of the data model, the same for every collection
# (roles and place types are the collection's: content/collection.yml).
PRECISIONS = ("exact", "site", "town", "city", "region", "country")


def _wikidata(value: Any) -> str:
    return "" if isinstance(value, str) and value[:1] == "Q" and value[1:].isdigit() else \
        "a Wikidata id like Q2429253"


COMMON = {
    "id": Field(STR, True, _slug, "short id, used in references"),
    "aliases": Field((list,), doc="other names and spellings the texts use"),
    "description": Field(STR, doc="one or two neutral sentences"),
    "wikidata": Field(STR, check=_wikidata, doc="Wikidata id"),
}
ACTOR_FIELDS = {
    **COMMON,
    "name": Field(STR, True, doc="canonical name"),
    "type": Field(STR, True, _one_of(ACTOR_TYPES), "kind of actor"),
    "affiliations": Field((list,), doc="relations to other actors"),
}
PLACE_FIELDS = {
    **COMMON,
    "name": Field(STR, True, doc="canonical name"),
    "type": Field(STR, True, _one_of(Collection().place_types), "kind of place"),
    "coordinates": Field((dict,), doc="lat, lon (WGS84) and precision"),
    "within": Field(STR, doc="id of the containing place"),
}
EVENT_FIELDS = {
    **COMMON,
    "title": Field(STR, True, doc="the event's title"),
    "type": Field(STR, True, _one_of(EVENT_TYPES), "kind of event"),
    "date": Field(STR, True, doc="EDTF date (start of a range)"),
    "end": Field(STR, doc="EDTF end of a date range"),
    "date_basis": Field(STR, True, doc="where the date comes from"),
    "places": Field((list,), doc="ids of places"),
    "actors": Field((list,), doc="actors with roles"),
    "parent": Field(STR, doc="id of the containing event"),
    "reports": Field((list,), True, doc="the article paragraphs that report or recall it"),
}
ALIAS_FIELDS = {
    "text": Field(STR, True, doc="the name as written"),
    "case": Field(STR, check=_one_of(("sensitive", "insensitive")), doc="case rule"),
    "compounds": Field((bool,), doc="also link inside hyphenated compounds"),
    "before": Field(STR, check=_pattern(Anchor.END), doc="only where the words before it end like this"),
    "after": Field(STR, check=_pattern(Anchor.START), doc="only where the words after it start like this"),
}
AFFILIATION_FIELDS = {
    "relation": Field(STR, True, _one_of(RELATIONS), "relation"),
    "actor": Field(STR, True, doc="id of an actor"),
}
COORD_FIELDS = {
    "lat": Field((float, int), True, doc="latitude, -90 to 90"),
    "lon": Field((float, int), True, doc="longitude, -180 to 180"),
    "precision": Field(STR, True, _one_of(PRECISIONS), "how exact the point is"),
}
ROLE_FIELDS = {
    "actor": Field(STR, True, doc="id of an actor"),
    "role": Field(STR, True, _one_of(Collection().roles), "role in the event"),
}
REPORT_FIELDS = {
    "seed": Field(STR, True, doc="the article's seed file name"),
    "quote": Field(STR, True, doc="a short exact passage of one paragraph"),
    "recalls": Field((bool,), doc="true when the article recalls a past event"),
    "in": Field(STR, False, _one_of(REPORT_VOICES),
                "whose words the passage is in, where it stands in more than one place "
                "(the headline, and a comment quoting it)"),
}


class _Common(TypedDict):
    """The fields every kind of entity reads alike, passed on to :class:`Entity`."""

    kind: EntityKind
    id: str
    type: str
    aliases: tuple[Alias, ...]
    description: str
    wikidata: str | None
    source_file: str
    line: int


@dataclass(frozen=True)
class Source:
    """Where an entity stands in its file: its mapping, and the mapping of each entry of
    its nested lists that was read (``affiliations``, ``actors``, ``reports``, ``aliases``),
    in the order of the entity's own tuples, so that a problem in one is said at its line."""

    item: LineDict
    entries: dict[str, tuple[tuple[int, LineDict | None], ...]] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        return self.item.line_of(key)

    def entry(self, key: str, position: int) -> tuple[int, int]:
        """The index in the YAML list and the line of the ``position``-th entry read."""
        index, entry = self.entries.get(key, ())[position]
        return index, (entry.line if entry is not None else
                       line_at(self.item.get(key), index, self.item.line_of(key)) or 0)

    def key_line(self, key: str, position: int, inner: str) -> tuple[int, int]:
        """As :meth:`entry`, with the line of the entry's own key ``inner``."""
        index, entry = self.entries.get(key, ())[position]
        line = entry.line_of(inner) if entry is not None else self.entry(key, position)[1]
        return index, line


class EntityReader:
    """Reads one entity file; collects problems through the shared checker."""

    def __init__(self, check: Checker, kind: EntityKind, fields: dict[str, Field],
                 collection: Collection | None = Collection()):
        self.check, self.kind = check, kind
        # the nested entries read of the entity being read (see Source)
        self.entries: dict[str, tuple[tuple[int, LineDict | None], ...]] = {}
        # the collection's vocabularies in place of the defaults the tables were made with;
        # none checked where collection.yml did not read (None)
        place_types = _one_of(collection.place_types) if collection else None
        roles = _one_of(collection.roles) if collection else None
        self.fields = {**fields, "type": replace(fields["type"], check=place_types)} \
            if kind is EntityKind.PLACE else fields
        self.role_fields = {**ROLE_FIELDS, "role": replace(ROLE_FIELDS["role"], check=roles)}

    def read(self, doc: YamlDoc | None) -> list[tuple[Entity, Source]]:
        if doc is None:
            return []
        if not isinstance(doc.data, list):
            self.check.error(doc.path, None, "", f"expected a list of {self.kind.plural}")
            return []
        result: list[tuple[Entity, Source]] = []
        seen: dict[str, int] = {}  # id -> the line of its first entry
        for index, item, values in self.check.entries(doc.path, doc.data, self.fields):
            where = f"[{index}]"
            if values["id"] in seen:
                self.check.error(doc.path, item.line_of("id"), f"{where}.id",
                                 f"duplicate {self.kind} id '{values['id']}' "
                                 f"(first at line {seen[values['id']]})")
                continue
            seen[values["id"]] = item.line_of("id")
            self.entries = {}
            entity = self.entity(doc, item, values, where)
            if entity is not None:
                result.append((entity, Source(item, self.entries)))
        return result

    def sub(self, doc: YamlDoc, items: list[Any], fields: dict[str, Field], where: str,
            key: str) -> list[Values]:
        """The complete entries of the nested list ``key``, noting where each stands."""
        found = self.check.entries(doc.path, items, fields, where)
        self.entries[key] = tuple((index, entry) for index, entry, _ in found)
        return [values for _, _, values in found]

    def aliases(self, doc: YamlDoc, items: list[Any], where: str) -> tuple[Alias, ...]:
        result: list[Alias] = []
        kept: list[tuple[int, LineDict | None]] = []
        for index, item in enumerate(items):
            if isinstance(item, str):
                result.append(Alias(item, default_case_sensitive(item)))
                kept.append((index, None))
                continue
            values = self.check.complete(doc.path, item, ALIAS_FIELDS, f"{where}[{index}]",
                                         line_at(items, index, None))
            # An alias one of whose keys is refused is left out whole: without its context
            # rule it would claim the name everywhere, and clash with its owner.
            if values and all(key in values or item[key] is None
                              for key in item if key in ALIAS_FIELDS):
                kept.append((index, item))
                case = values.get("case")
                sensitive = default_case_sensitive(values["text"]) if case is None \
                    else case == "sensitive"
                result.append(Alias(values["text"], sensitive, values.get("compounds", False),
                                    values.get("before", ""), values.get("after", "")))
        self.entries["aliases"] = tuple(kept)
        return tuple(result)

    def entity(self, doc: YamlDoc, item: LineDict, values: Values, where: str) -> Entity | None:
        common = _Common(
            kind=self.kind, id=values["id"], type=values["type"],
            aliases=self.aliases(doc, values.get("aliases", []), f"{where}.aliases"),
            description=values.get("description", "").strip(), wikidata=values.get("wikidata"),
            source_file=doc.path, line=item.line,
        )
        if self.kind is EntityKind.ACTOR:
            affiliations = self.sub(doc, values.get("affiliations", []), AFFILIATION_FIELDS,
                                    f"{where}.affiliations", "affiliations")
            return Entity(name=values["name"], **common, affiliations=tuple(
                Affiliation(a["relation"], a["actor"]) for a in affiliations))
        if self.kind is EntityKind.PLACE:
            return Entity(name=values["name"], **common, within=values.get("within"),
                          coordinates=self.coordinates(doc, item, values, where))
        return self.event(doc, item, values, where, common)

    def coordinates(self, doc: YamlDoc, item: LineDict, values: Values,
                    where: str) -> Coordinates | None:
        if "coordinates" not in values:
            return None
        line = item.line_of("coordinates")
        c = self.check.complete(doc.path, values["coordinates"], COORD_FIELDS,
                                f"{where}.coordinates", line)
        if c is None:
            return None
        if not (-90 <= c["lat"] <= 90 and -180 <= c["lon"] <= 180):
            self.check.error(doc.path, line, f"{where}.coordinates",
                             f"expected latitude -90..90 and longitude -180..180, "
                             f"found lat {c['lat']}, lon {c['lon']}")
            return None
        return Coordinates(float(c["lat"]), float(c["lon"]), c["precision"])

    def event(self, doc: YamlDoc, item: LineDict, values: Values, where: str,
              common: _Common) -> Entity | None:
        dates: dict[str, FuzzyDate] = {}
        for key in ("date", "end"):
            if key in values:
                date, expected = parse_date(values[key])
                if date is None:  # and ``expected`` says what was expected
                    self.check.error(doc.path, item.line_of(key), f"{where}.{key}",
                                     f"expected {expected}, found {values[key]!r}")
                    return None
                dates[key] = date
        if "end" in dates and dates["end"].sort_key < dates["date"].sort_key:
            self.check.error(doc.path, item.line_of("end"), f"{where}.end",
                             f"the end {dates['end'].edtf} is before the start {dates['date'].edtf}")
        places = values.get("places", [])
        if (odd := next((i for i, p in enumerate(places) if not isinstance(p, str)), None)) is not None:
            self.check.error(doc.path, line_at(places, odd, item.line_of("places")),
                             f"{where}.places[{odd}]",
                             f"expected a place id, found {_kind(places[odd])}")
            places = []
        self.entries["places"] = tuple((i, None) for i in range(len(places)))
        actors = self.sub(doc, values.get("actors", []), self.role_fields, f"{where}.actors",
                          "actors")
        reports = self.sub(doc, values["reports"], REPORT_FIELDS, f"{where}.reports", "reports")
        if not values["reports"]:
            self.check.error(doc.path, item.line_of("reports"), f"{where}.reports",
                             "expected at least one report (seed and quote)")
        return Entity(
            name=values["title"], **common, date=dates["date"], end=dates.get("end"),
            date_basis=values["date_basis"].strip(), places=tuple(places),
            actors=tuple(EventActor(a["actor"], a["role"]) for a in actors),
            parent=values.get("parent"),
            reports=tuple(Report(r["seed"], " ".join(r["quote"].split()), r.get("recalls", False),
                                 Voice(r["in"]) if r.get("in") in REPORT_VOICES else None)
                          for r in reports),
        )


def read_entities(docs: dict[EntityKind, YamlDoc | None], check: Checker,
                  collection: Collection | None = Collection()
                  ) -> dict[str, tuple[Entity, Source]]:
    """All entities by key ("actor:isis"), with the YAML mapping each came from; roles and
    place types are the collection's (not checked with None: collection.yml did not read)."""
    readers = {EntityKind.ACTOR: ACTOR_FIELDS, EntityKind.PLACE: PLACE_FIELDS,
               EntityKind.EVENT: EVENT_FIELDS}
    found: dict[str, tuple[Entity, Source]] = {}
    for kind, fields in readers.items():
        for entity, item in EntityReader(check, kind, fields, collection).read(docs.get(kind)):
            found[entity.key] = (entity, item)
    return found


def check_references(found: dict[str, tuple[Entity, Source]], seeds: set[str],
                     check: Checker, known: frozenset[EntityKind] = frozenset(EntityKind)) -> None:
    """Every id an entity names must exist; alias texts must be unambiguous. Ids of a kind
    not ``known`` (its file did not read) are not checked: its own error says why."""
    ids = {kind: {e.id for e, _ in found.values() if e.kind is kind} for kind in EntityKind}
    references = _References(check, ids, known, seeds)
    for entity, source in found.values():
        references.check_entity(entity, source)
    _check_cycles(found, check)
    _check_alias_clashes(found, check)


@dataclass(frozen=True)
class _References:
    """What an entity's references are checked against: the ids of every kind, the kinds
    whose file read, and the seeds' names."""

    check: Checker
    ids: dict[EntityKind, set[str]]
    known: frozenset[EntityKind]
    seeds: set[str]

    def check_entity(self, entity: Entity, source: Source) -> None:
        """Every id ``entity`` names, in the order of its keys, then its reports' seeds."""
        for i, a in enumerate(entity.affiliations):
            self.ref(entity, _nested(source, "affiliations", i, "actor"), EntityKind.ACTOR, a.actor)
        if entity.within:
            self.ref(entity, (source.line_of("within"), "within"), EntityKind.PLACE, entity.within)
        for i, place in enumerate(entity.places):
            self.ref(entity, _nested(source, "places", i), EntityKind.PLACE, place)
        for i, role in enumerate(entity.actors):
            self.ref(entity, _nested(source, "actors", i, "actor"), EntityKind.ACTOR, role.actor)
        if entity.parent:
            self.ref(entity, (source.line_of("parent"), "parent"), EntityKind.EVENT, entity.parent)
        self.check_reports(entity, source)

    def ref(self, entity: Entity, at: tuple[int, str], kind: EntityKind, value: str) -> None:
        """An error at ``at`` (line, key path) where ``value`` is no ``kind`` id."""
        line, key = at
        if kind in self.known and value not in self.ids[kind]:
            self.check.error(entity.source_file, line, f"{entity.id}.{key}",
                             f"unknown {kind} id '{value}'", did_you_mean(value, self.ids[kind]))

    def check_reports(self, entity: Entity, source: Source) -> None:
        """An error for every report of ``entity`` from a seed that is not in seeds/."""
        for i, r in enumerate(entity.reports):
            if r.seed not in self.seeds:
                line, key = _nested(source, "reports", i, "seed")
                self.check.error(entity.source_file, line, f"{entity.id}.{key}",
                                 f"no seed named '{r.seed}'", did_you_mean(r.seed, self.seeds))


def _nested(source: Source, key: str, position: int, inner: str = "") -> tuple[int, str]:
    """The line and key path of a nested entry (``actors[2].actor``), or of its item."""
    index, line = source.key_line(key, position, inner) if inner else source.entry(key, position)
    return line, f"{key}[{index}]" + (f".{inner}" if inner else "")


def _check_cycles(found: dict[str, tuple[Entity, Source]], check: Checker) -> None:
    for link in ("within", "parent"):
        step = {e.key: e.kind.key(getattr(e, link)) for e, _ in found.values() if getattr(e, link)}
        for start in sorted(step):
            seen, node = {start}, step[start]
            while node in step:
                if node in seen:
                    entity, item = found[start]
                    check.error(entity.source_file, item.line_of(link), f"{entity.id}.{link}",
                                f"'{link}' goes round in a circle back to '{entity.id}'")
                    break
                seen.add(node)
                node = step[node]


def _check_alias_clashes(found: dict[str, tuple[Entity, Source]], check: Checker) -> None:
    owners: dict[str, str] = {}
    for key in sorted(found):
        entity, source = found[key]
        where = {entity.name: (source.line_of("name"), "name")}
        for i, alias in enumerate(entity.aliases):
            if not alias.in_context:
                index, line = source.entry("aliases", i)
                where.setdefault(alias.text, (line, f"aliases[{index}]"))
        for text in sorted(where):
            folded = text.casefold()
            if folded in owners and owners[folded] != key:
                line, at = where[text]
                check.error(entity.source_file, line, f"{entity.id}.{at}",
                            f"the name '{text}' also belongs to {owners[folded]}; "
                            "a name must lead to one page")
            owners.setdefault(folded, key)
