"""Checks ``content/actors.yml``, ``places.yml`` and ``events.yml`` into :class:`Entity` objects.

Every reference between them (affiliation -> actor, place -> containing place,
event -> places, actors, parent event, article) is checked, and an unknown id
is reported with the nearest known one.
"""

from __future__ import annotations

from dataclasses import replace
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
from generator.read.load import LineDict, YamlDoc
from generator.read.pattern import Anchor
from generator.read.schema import Checker, Field, Values, _one_of, _pattern, _slug, parse_date

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


class EntityReader:
    """Reads one entity file; collects problems through the shared checker."""

    def __init__(self, check: Checker, kind: EntityKind, fields: dict[str, Field],
                 collection: Collection = Collection()):
        self.check, self.kind = check, kind
        # the collection's vocabularies in place of the defaults the tables were made with
        self.fields = {**fields, "type": replace(fields["type"], check=_one_of(collection.place_types))} \
            if kind is EntityKind.PLACE else fields
        self.role_fields = {**ROLE_FIELDS,
                            "role": replace(ROLE_FIELDS["role"], check=_one_of(collection.roles))}

    def read(self, doc: YamlDoc | None) -> list[tuple[Entity, LineDict]]:
        if doc is None:
            return []
        if not isinstance(doc.data, list):
            self.check.error(doc.path, None, "", f"expected a list of {self.kind.plural}")
            return []
        result: list[tuple[Entity, LineDict]] = []
        seen: dict[str, int] = {}  # id -> the line of its first entry
        for index, item, values in self.check.entries(doc.path, doc.data, self.fields):
            where = f"[{index}]"
            if values["id"] in seen:
                self.check.error(doc.path, item.line_of("id"), f"{where}.id",
                                 f"duplicate {self.kind} id '{values['id']}' "
                                 f"(first at line {seen[values['id']]})")
                continue
            seen[values["id"]] = item.line_of("id")
            entity = self.entity(doc, item, values, where)
            if entity is not None:
                result.append((entity, item))
        return result

    def sub(self, doc: YamlDoc, items: list[Any], fields: dict[str, Field], where: str) -> list[Values]:
        return [values for _, _, values in self.check.entries(doc.path, items, fields, where)]

    def aliases(self, doc: YamlDoc, items: list[Any], where: str) -> tuple[Alias, ...]:
        result: list[Alias] = []
        for index, item in enumerate(items):
            if isinstance(item, str):
                result.append(Alias(item, default_case_sensitive(item)))
                continue
            (values,) = self.sub(doc, [item], ALIAS_FIELDS, f"{where}[{index}]") or (None,)
            if values:
                case = values.get("case")
                sensitive = default_case_sensitive(values["text"]) if case is None \
                    else case == "sensitive"
                result.append(Alias(values["text"], sensitive, values.get("compounds", False),
                                    values.get("before", ""), values.get("after", "")))
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
                                    f"{where}.affiliations")
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
        (c,) = self.sub(doc, [values["coordinates"]], COORD_FIELDS, f"{where}.coordinates") or (None,)
        if c is None:
            return None
        line = item.line_of("coordinates")
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
        if not all(isinstance(p, str) for p in places):
            self.check.error(doc.path, item.line_of("places"), f"{where}.places",
                             "expected a list of place ids")
            places = []
        actors = self.sub(doc, values.get("actors", []), self.role_fields, f"{where}.actors")
        reports = self.sub(doc, values["reports"], REPORT_FIELDS, f"{where}.reports")
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
                  collection: Collection = Collection()) -> dict[str, tuple[Entity, LineDict]]:
    """All entities by key ("actor:isis"), with the YAML mapping each came from; roles and
    place types are the collection's."""
    readers = {EntityKind.ACTOR: ACTOR_FIELDS, EntityKind.PLACE: PLACE_FIELDS,
               EntityKind.EVENT: EVENT_FIELDS}
    found: dict[str, tuple[Entity, LineDict]] = {}
    for kind, fields in readers.items():
        for entity, item in EntityReader(check, kind, fields, collection).read(docs.get(kind)):
            found[entity.key] = (entity, item)
    return found


def check_references(found: dict[str, tuple[Entity, LineDict]], seeds: set[str],
                     check: Checker) -> None:
    """Every id an entity names must exist; alias texts must be unambiguous."""
    ids = {kind: {e.id for e, _ in found.values() if e.kind is kind} for kind in EntityKind}

    def ref(entity: Entity, item: LineDict, key: str, kind: EntityKind, value: str) -> None:
        if value not in ids[kind]:
            check.error(entity.source_file, item.line_of(key.split(".")[0].split("[")[0]),
                        f"{entity.id}.{key}", f"unknown {kind} id '{value}'",
                        did_you_mean(value, ids[kind]))

    for entity, item in found.values():
        for i, a in enumerate(entity.affiliations):
            ref(entity, item, f"affiliations[{i}].actor", EntityKind.ACTOR, a.actor)
        if entity.within:
            ref(entity, item, "within", EntityKind.PLACE, entity.within)
        for place in entity.places:
            ref(entity, item, "places", EntityKind.PLACE, place)
        for i, role in enumerate(entity.actors):
            ref(entity, item, f"actors[{i}].actor", EntityKind.ACTOR, role.actor)
        if entity.parent:
            ref(entity, item, "parent", EntityKind.EVENT, entity.parent)
        for i, r in enumerate(entity.reports):
            if r.seed not in seeds:
                check.error(entity.source_file, item.line_of("reports"),
                            f"{entity.id}.reports[{i}].seed", f"no seed named '{r.seed}'",
                            did_you_mean(r.seed, seeds))
    _check_cycles(found, check)
    _check_alias_clashes(found, check)


def _check_cycles(found: dict[str, tuple[Entity, LineDict]], check: Checker) -> None:
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


def _check_alias_clashes(found: dict[str, tuple[Entity, LineDict]], check: Checker) -> None:
    owners: dict[str, str] = {}
    for key in sorted(found):
        entity, item = found[key]
        texts = {entity.name} | {a.text for a in entity.aliases if not a.in_context}
        for text in sorted(texts):
            folded = text.casefold()
            if folded in owners and owners[folded] != key:
                check.error(entity.source_file, item.line_of("aliases"), f"{entity.id}.aliases",
                            f"the name '{text}' also belongs to {owners[folded]}; "
                            "a name must lead to one page")
            owners.setdefault(folded, key)
