"""schema.org JSON-LD for articles, actors, places and events (embedded in their pages)."""

from __future__ import annotations

from collections.abc import Callable

from generator.model import Article, Entity, EntityKind, Relay

CONTEXT = "https://schema.org"
JsonLd = dict[str, object]  # a JSON-LD node, as json.dumps writes it

ORGANIZATION_TYPES = {"armed group", "government body", "military", "NGO", "monitor", "media",
                      "political party", "international organization", "coalition"}


# The schema.org type of a place and an event; an actor's follows from its own type.
SCHEMA_TYPES = {EntityKind.PLACE: "Place", EntityKind.EVENT: "Event"}


def actor_type(entity: Entity) -> str:
    if entity.type == "person":
        return "Person"
    if entity.type == "state":
        return "Country"
    if entity.type in ORGANIZATION_TYPES:
        return "NewsMediaOrganization" if entity.type == "media" else "Organization"
    return "Organization"


def entity_stub(entity: Entity) -> JsonLd:
    """A short reference to an entity (for ``mentions``, ``location``, ``actor``)."""
    kind = actor_type(entity) if entity.kind is EntityKind.ACTOR else SCHEMA_TYPES[entity.kind]
    node: JsonLd = {"@type": kind, "name": entity.name, "identifier": entity.key}
    if entity.wikidata:
        node["sameAs"] = f"https://www.wikidata.org/wiki/{entity.wikidata}"
    return node


def article_jsonld(article: Article, mentioned: list[Entity]) -> JsonLd:
    data: JsonLd = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "headline": article.meta.title,
        "inLanguage": article.meta.language,
        "wordCount": article.text.word_count,
        "identifier": f"sha256:{article.seed.sha256}",
        "isBasedOn": [article.seed.name, *(relay_jsonld(r) for r in article.meta.relays)],
        "mentions": [entity_stub(e) for e in mentioned],
    }
    publisher = {"@type": "NewsMediaOrganization", "name": article.outlet.name}
    if article.meta.outlet_inferred:  # schema.org cannot say "inferred": not stated as fact
        data["creditText"] = f"{article.outlet.name} (outlet inferred: {article.meta.outlet_basis})"
    else:
        data["publisher"] = publisher
    if article.meta.date:
        key = "dateModified" if article.meta.date_type == "updated" else "datePublished"
        data[key] = article.meta.date.iso
    if article.meta.url:
        data["url"] = article.meta.url
    if article.meta.author:
        data["author"] = {"@type": "Person", "name": article.meta.author}
    return data


def relay_jsonld(relay: Relay) -> JsonLd:
    """The source an article re-posts or relays, as the work it is based on."""
    return {"@type": "CreativeWork", "creator": {"@type": "Organization", "name": relay.source},
            "description": relay.label + (f" ({relay.basis})" if relay.basis else "")}


def place_geo(entity: Entity) -> JsonLd | None:
    if entity.coordinates is None:
        return None
    return {"@type": "GeoCoordinates", "latitude": entity.coordinates.lat,
            "longitude": entity.coordinates.lon}


def entity_jsonld(entity: Entity, related: dict[str, Entity]) -> JsonLd:
    """``related`` maps entity keys to entities (for places and actors of events)."""
    data: JsonLd = {"@context": CONTEXT, **entity_stub(entity)}
    if entity.description:
        data["description"] = entity.description
    names = [a.text for a in entity.aliases]
    if names:
        data["alternateName"] = names
    data.update(_KIND_JSONLD[entity.kind](entity, related))
    return data


def _place_jsonld(place: Entity, related: dict[str, Entity]) -> JsonLd:
    """What only a place says: where it is, and the place it is in."""
    data: JsonLd = {}
    if geo := place_geo(place):
        data["geo"] = geo
    if place.container and (parent := related.get(place.container)):
        data["containedInPlace"] = entity_stub(parent)
    return data


def _actor_jsonld(actor: Entity, related: dict[str, Entity]) -> JsonLd:
    """What only an actor says: the organisations it belongs to (a person's affiliations)."""
    orgs = [o for a in actor.affiliations if (o := related.get(EntityKind.ACTOR.key(a.actor)))]
    if not orgs:
        return {}
    return {"memberOf" if actor.type != "person" else "affiliation": [entity_stub(o) for o in orgs]}


def _event_jsonld(event: Entity, related: dict[str, Entity]) -> JsonLd:
    """What only an event says: its dates, places, actors, and the event it is part of."""
    data: JsonLd = {"startDate": event.event_date.iso}
    if event.end:
        data["endDate"] = event.end.iso
    data["location"] = [entity_stub(e) for p in event.places
                        if (e := related.get(EntityKind.PLACE.key(p)))]
    data["actor"] = [entity_stub(e) for a in event.actors
                     if (e := related.get(EntityKind.ACTOR.key(a.actor)))]
    if event.container and (parent := related.get(event.container)):
        data["superEvent"] = entity_stub(parent)
    return data


# The keys each kind adds to the ones every entity has, in the order they are written.
_KIND_JSONLD: dict[EntityKind, Callable[[Entity, dict[str, Entity]], JsonLd]] = {
    EntityKind.ACTOR: _actor_jsonld, EntityKind.PLACE: _place_jsonld,
    EntityKind.EVENT: _event_jsonld}
