"""Places: hospitals and other care facilities, cities, states, countries and organizations.

Three sources of evidence, as for names:

- **gazetteers** matched with one Aho-Corasick pass over the lowercased text (CMS hospitals, cities,
  states, countries); a place name that is also a common word ("Mobile", "Hope", "Reading") needs
  capitalization in a mixed-case line or a cue;
- **facility shapes**: capitalized words (or, in lowercase/ALL CAPS lines, lexicon words) ending in a
  facility keyword — "Mount Auburn Hospital", "St. Elizabeth's Medical Center", "newton wellesley
  rehab" — and hospital abbreviations ("MGH", "BIDMC");
- **cues**: "lives in", "from", "transferred from", "admitted to", "seen at", "moved to", and the
  "City, ST" / "City, State" shape;
- **military service**: branches ("U.S. Army", "USMC"), units by their shape (ordinal + unit word: "1st Cavalry
  Division", "3rd Battalion, 5th Marines") and, in a note about service, bases ("Fort X", "Camp X", "X Airfield",
  "X Air Force Base") and provinces ("X Province").

The code, by what it finds (a pass's module is where a change to it goes):

- ``scan``: the one Aho-Corasick scan of a note that finds the gazetteer's names and where each regex pass may match;
- ``gazetteer``: the place names and the tests a name found in a note must pass; "City, ST" and "City, Country";
- ``facilities``: facility names by their shape, letterheads, hospital abbreviations and acronyms, wards, places
  named after a saint, Spanish facilities, and the words that name a hospital's departments;
- ``trade_names``: practices, agencies, payers and businesses named by their trade ("Park Street Pediatrics");
- ``organizations``: employers ("works at"), legal and trade suffixes, courts, agencies, union locals, military;
- ``addresses``: streets, numbered roads and interstates, counties, lakes, and the place after "lives in" or
  "admitted to";
- ``_common``: the cue words, word tests, regexes and helpers several of them share.

``LocationDetector`` (here) runs the passes in order.
"""

from __future__ import annotations

from medveil.detect.locations._common import FACILITY_CUES, PLACE_CUES
from medveil.detect.locations.addresses import (
    _county_spans,
    _interstate_spans,
    _lake_spans,
    _lives_in_spans,
    _named_street_spans,
    _road_number_spans,
    _visited_spans,
)
from medveil.detect.locations.facilities import (
    _CHAIN_HINTS,
    _chain_spans,
    _facility_spans,
    _hospital_acronym_spans,
    _letterhead_spans,
    _saint_spans,
    _spanish_facility_spans,
    _town_after_facility_spans,
    _transfer_abbreviation_spans,
    _ward_spans,
)
from medveil.detect.locations.gazetteer import _city_country_spans, _city_state_spans, _gazetteer_spans
from medveil.detect.locations.organizations import (
    _agency_spans,
    _caps_body_spans,
    _congregation_spans,
    _court_spans,
    _military_spans,
    _named_service_spans,
    _numbered_school_spans,
    _of_place_spans,
    _org_head_first_spans,
    _org_head_spans,
    _organization_spans,
    _role_at_spans,
    _service_spans,
    _union_or_post_spans,
)
from medveil.detect.locations.scan import _scan, gates
from medveil.detect.locations.trade_names import _trade_name_spans
from medveil.detect.text import Token, token_lowers, token_starts, tokenize
from medveil.document import Document, Span

__all__ = ["FACILITY_CUES", "PLACE_CUES", "LocationDetector"]


class LocationDetector:
    """Hospitals, cities, states, countries and organizations (see the module docstring)."""

    name = "locations"
    reads_words = True  # also run on the OCR-corrected copy of a scanned note (``detect.ocr``)

    def detect(self, doc: Document) -> list[Span]:
        text = doc.text
        tokens = tokenize(doc)
        return self.detect_tokens(text, tokens)

    def detect_tokens(self, text: str, tokens: list[Token]) -> list[Span]:
        spans: list[Span] = []
        if not tokens:
            return spans
        starts = token_starts(tokens)  # kept from ``tokenize``: shared lists, read only
        lowers = token_lowers(tokens)  # the passes find their trigger words in it with C-level maps
        lower = text.lower()
        places, cues = _scan(text, lower)
        gated = gates(text, lower)  # the rarer passes that may find something (``scan._GATE_KEYS``)
        spans.extend(_gazetteer_spans(text, places, tokens, starts))
        spans.extend(_facility_spans(text, tokens, lowers))
        spans.extend(_trade_name_spans(text, tokens, lowers))
        spans.extend(_named_street_spans(text, tokens, lowers))
        spans.extend(_city_state_spans(text, tokens, lowers))
        spans.extend(_city_country_spans(text, tokens, starts, spans))
        spans.extend(_organization_spans(text, lower, tokens, cues))
        spans.extend(_role_at_spans(text, tokens, cues))
        if "court" in lower:
            spans.extend(_court_spans(text))
        if "department" in lower or "dept" in lower or "division" in lower or "bureau" in lower or "office" in lower:
            spans.extend(_agency_spans(text))
        if "I-" in text or "i-" in text:
            spans.extend(_interstate_spans(text))
        spans.extend(_road_number_spans(text, tokens, lowers))
        spans.extend(_visited_spans(text, lower, cues))
        spans.extend(_lives_in_spans(text, tokens, starts, lowers))
        spans.extend(_ward_spans(text, cues))
        spans.extend(_transfer_abbreviation_spans(text, lower, cues))
        if "military" in gated:
            spans.extend(_military_spans(text, lower))
        spans.extend(_hospital_acronym_spans(text, spans, cues))
        spans.extend(_letterhead_spans(text))
        if "Lake " in text:
            spans.extend(_lake_spans(text))
        if "St" in text or "ST." in text or "SAINT" in text:
            spans.extend(_saint_spans(text))
        if any(h in lower for h in _CHAIN_HINTS):
            spans.extend(_chain_spans(text))
        if "County" in text or "Parish" in text or "Borough" in text or "COUNTY" in text or "PARISH" in text:
            counties = _county_spans(text)
            # "Lafourche Parish" is Louisiana's county, not a church's parish (``_TRADE_PHRASES``)
            spans = [sp for sp in spans if not (sp.source == "locations:trade_name" and text[sp.end - 6 : sp.end].lower() == "parish"
                                                and any(c.start < sp.end and sp.start < c.end for c in counties))]
            spans.extend(counties)
        if "spanish" in gated:
            spans.extend(_spanish_facility_spans(text))
        if "local " in lower or "post " in lower:
            spans.extend(_union_or_post_spans(text, lower))
        if " Ward" in text or " Stake" in text:
            spans.extend(_congregation_spans(text))
        if "S " in text or "S." in text:
            spans.extend(_numbered_school_spans(text))
        if "service" in gated:
            spans.extend(_service_spans(text))
        if "named_service" in gated:
            spans.extend(_named_service_spans(text))
        if "org_heads" in gated:
            spans.extend(_org_head_spans(text))
            spans.extend(_org_head_first_spans(text))
        if "caps_body" in gated:
            spans.extend(_caps_body_spans(text))
        if " of " in lower:
            spans.extend(_of_place_spans(text, spans))
        spans.extend(_town_after_facility_spans(text, spans))
        return spans
