"""Contact details and addresses: PHONE, FAX, EMAIL, URL, IP_ADDRESS, STREET and ZIP (and a CITY before a ZIP).

Decision rules:

* PHONE (``pattern:phone``): NANP numbers "(617) 555-0142", "617-555-0142", "617.555.0142",
  "+1 617 555 0142", "1-800-555-0199", with extensions ("x1234", "ext. 12") → 0.9 (0.97 after a
  phone cue on the line: "call", "tel", "phone", "cell", "home", "work", "pager", "#", "p:" …); after a
  comma only a written extension joins the number ("617-555-0142, ext. 2204", ", x2204"; not ", x2 attempts");
  area code or exchange starting with 0/1 → 0.7; space-only separators ("617 555 0142") → 0.6
  without a cue and never with a 0/1 area code ("I/O 120 100 1500" is not a phone);
  10 digits glued ("6175550142") only after a cue → 0.95;
  7-digit "555-0142" → 0.9 after a cue, 0.55 without one (never for round ranges "900-1100");
  international "+44 20 7946 0958" (8–15 digits after "+") → 0.9.
* After a phone cue word ("pager", "beeper", "phone", "cell", "tel", "call", "fax", "ext" …,
  ``pattern:pager``): any grouping of 7–15 digits ("0688 872 49 99", "(64) 3591-3246") → 0.9;
  short numbers (4+ digits: "pager 12345", "beeper #4321", "pager x3856", "ext 4-5678") only after
  pager/beeper/bleep/pg/ext cues — after "call"/"phone" 4 digits are a time ("call at 1400"); after "pg" the
  number must end the line or clause ("Dr Lee pg 3301"; "PG 2960 BPX stent" is a product model).
  "x4275" alone → 0.85 in parentheses, after a cue or after a staff credential ("Jo Reyes, LICSW  x6624"),
  else 0.6 (``pattern:extension``; every such number in the dev and training data is an extension); three digits
  ("x114", "ext 204", "extension 204") and round numbers ("(x400)", "x1000": magnifications) only after a cue word.
  Never matched: "12-lead", dates, lab ranges, times.
* FAX: a phone number whose nearest cue on the line before it (and after any other number) is
  "fax", "fx", "facsimile", "f:"; "#", "no", "number" side with the cue before them ("fax #").
* EMAIL → 0.97 (Unicode local parts). URL: "http(s)://…", "ftp://", "www.…" → 0.95; a bare domain
  with a TLD from a short list (com, org, net, edu, gov, mil, info, biz, io, health, care, clinic,
  hospital, co.uk, nhs.uk …), optionally with a path → 0.85 ("e.g.", "report.pdf" never match).
* IP_ADDRESS: IPv4 with every octet 0–255 → 0.9 (0.97 after "ip"/"address"/"host", 0.6 when every
  octet is a single digit, e.g. an outline number "1.2.3.4"); IPv6 validated by :mod:`ipaddress`,
  needing "::" or 8 groups and 3+ groups → 0.9 (times "12:30:45" never match).
* STREET (``pattern:street``): house number + optional direction + 1–4 name words + a street
  suffix ("St", "Street", "Ave", "Rd", "Blvd", "Dr", "Ln", "Way", "Ct", "Pl", "Circle", "Concourse", "Mews",
  "Run", "Point", "Fork" …); up to two more suffixes may follow, since "Hill", "Park", "Ridge" are
  suffixes themselves ("6 Orchard Hill Rd", "9 Cedar Park Ave"; not "Dr"/"St" before a word: a title, a
  saint), then a direction in capitals ("Ave NW"; "N", "West" only before a comma or the line end) and
  up to two units ("Apt 3", "Unit 4B", ", Suite 200", "#12", ", 2nd fl", "Lot 5"). Also a street that is
  only "Broadway" ("1205 Broadway"), numbered roads ("12 Route 9", "55 US Hwy 1", "4411 County Road ZZ";
  "road"/"rd" only after county/state/us/old/farm, letters only after "county"), and streets whose kind
  comes first ("2218 E Calle Lucero", "Avenida", "Camino", "Paseo", "Rue", "Rua"; "Via" only in title
  case before a city and state or after a cue: "2 Via Nebulizer" is a route). Score: title-case or
  capitals → 0.85; lowercase with a full suffix word ("street", "avenue", "road") → 0.7, a short
  unambiguous one ("ave", "rd", "blvd") → 0.6, an ambiguous one ("st" = ST segment, "dr", "ct" = CT,
  "ln" = lymph node, "pl", and the common words "run", "point", "path", "loop" …) → 0.4; after an
  address cue ("lives at", "address:", "home") → 0.85, but "at" alone does not lift a common-word
  suffix ("at 5 mile run"). Name words that are units, numbers or clinical/function words ("2 mm st
  elevation", "at 3 with Dr Smith", "20 meq kcl Dr Everett", "128 Hz tuning fork") veto, except
  "Old", "New", "St" written as a name ("1200 Old Post Rd"; in capitals only before an unambiguous
  suffix: "2 NEW CT findings" stays); "Dr" followed by a word is a title; a common-word suffix
  followed by a word is prose ("3 Trigger Point Injections").
  Spanish streets with the number after the name ("Calle Paloma 11", "Ave. Comerío 2250, Suite 3", "Carr. 172 Km
  3.4, Bo. Bairoa": an abbreviated district joins) → 0.85 (``pattern:street_es``); a district written out ("Barrio
  Capitanejo", "Colonia Las Palmas", "Residencial Lagos de Blasina") → LOCATION 0.75 (``pattern:district_es``).
  "PO Box 123", "P.O. Box", rural route and military boxes ("RR 2 Box 14", "Rt. 2 Box 118", "PSC 1120, Box 45 APO AE
  09012") → 0.95 (``pattern:po_box``).
* ZIP (``pattern:zip``): 5 or 5+4 digits after a US state abbreviation (capitals, or any case after
  a comma) or a state name → 0.95; after "zip"/"zip code"/"<zip>" → 0.97. Canadian ("K1A 0B1") and
  UK ("SW1A 1AA") postcodes only after a "postal code"/"postcode"/"zip" cue (0.97) or a Canadian
  province (0.9), and with the space: clinical codes shaped like postal codes (G2P1A1, G3P2,
  C6C7T1, S1S2S4, T4N0M0, L4L5) are never matched.
  After a confident street, a city and a ZIP with no state (after the street's comma, or on the next
  line: "48 Hammond St, Apt 3" then "Boston 02120") → CITY 0.85 and ZIP 0.9 (``pattern:city_zip``).
"""

from __future__ import annotations

import ipaddress
import re

from medveil import lexicons as lex
from medveil.detect.dates import UNIT_AFTER, CueIndex, Hit, digit_skeleton, lower_text, on_skeleton
from medveil.document import Document, Span
from medveil.labels import Label

__all__ = ["ContactDetector", "AddressDetector"]

# --- phones ---------------------------------------------------------------------------------------

# "x1234", "ext. 12" after the number; after a comma only a written extension (", ext. 2204", ", x2204")
_EXT = re.compile(r"\s*(?:x|ext\.?|extension|ex\.?)\s*\d{1,6}|,[ \t]*(?:ext\.?|extension)[ \t]*\d{1,6}|,[ \t]*x\d{3,6}")
_PHONE_PRE = on_skeleton(r"\d{3}(?:[\s.-]\d{4}|\d{7})(?!\d)")
# the area code left of a 7-digit number: "(617) ", "617-", "617.", "617 ", and "617/" (before "555-0116" only)
_AREA_LEFT = re.compile(r"(?:\+?1[\s.-]?)?(?:\(\s*\d{3}\s*\)\s*|\d{3}[\s./-])$")
_INTL = re.compile(r"\+\d{1,3}(?:[\s.-]?\(?\d{1,5}\)?){2,6}")
# digits read out as words, as dictation writes a phone number: 7 to 15 of them
_DIGIT_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
_DIGIT_WORD_GATE = (" zero", " oh ", " five", " six ", " seven", " eight", " nine")  # two of them in a note read out a number
_DIGIT_WORDS = re.compile(r"\b(?:plus[ \t]+)?(?:" + _DIGIT_WORD + r"[ \t,-]+){6,14}" + _DIGIT_WORD + r"\b")
_PAGER = re.compile(
    r"(?:(?:ext|tel|pgr|pg|bpr)\.|(?:pager|pgr|pg|beeper|bpr|bleep|beep(?:ed)?|paged?|cell|mobile|telephone|tel|phone|extension|ext|fax"
    r"|facsimile|fx|call)(?![a-z]))"
    r"(?:[ \t]*(?:#|no\.?|number|me|on|at|is|:))*[ \t]*:?\s*"
)
# after a phone cue: any grouping of 7-15 digits ("0688 872 49 99", "(64) 3591-3246", "451 5986") …
_CUED_SPACED = re.compile(r"\(?\+?\d[\d ().-]{5,22}\d(?![\w/-]|[.,]\d)")
# … or a short pager / extension number ("pager 12345", "beeper #4321", "pager x3856", "ext 4-5678")
_CUED_SHORT = re.compile(r"(?:x|ext\.?)?\s*\d[\d-]{1,8}\d(?![\w/-]|[.,]\d)")
_SHORT_NUMBER_CUES = frozenset({"pager", "pgr", "pg", "beeper", "bpr", "beep", "bleep", "page", "ext", "extension"})
_EXTENSION_CUES = frozenset({"ext", "extension"})  # an extension may have three digits ("extension 204")
# "extension" of a joint, not of a phone: an angle after it, or a joint or movement word before it
_ANGLE_AFTER = re.compile(r"[ \t]*(?:°|º|deg\b|degrees?\b)", re.I)
_JOINT_BEFORE = re.compile(
    r"\b(?:knee|hip|elbow|wrist|ankle|shoulder|neck|spine|lumbar|cervical|trunk|leg|arm|finger|toe|flexion|rom|"
    r"active|passive|full|terminal|lag|strength|extensor|dorsi)\b[^.\n]{0,20}$")
_PG_END = re.compile(r"[ \t]*(?:[\n),;]|\.(?!\d)|$)")
_PAGER_KEYS = "pager pgr pg bleep beeper bpr beep page cell mobile tel phone ext extension fax facsimile fx call".split()
_PHONE_CUE = re.compile(
    r"\b(?:call(?:ed)?|tel|telephone|phone|ph|p|cell|cellphone|mobile|mob|home|work|office|contact|pager|pgr|"
    r"beeper|reach(?:ed)?|number|no|t|c|h|w|m|o|ext|x|hotline|line|voicemail|vm|text|dial)\b|#|☎"
)
_FAX_CUE = re.compile(r"\b(?:fax|fx|facsimile|telefax|f)\b")
_X_EXT = re.compile(r"x\d{3,5}(?![\w.]|[/-]\d)")
# a staff credential just before "x6624" ("Jo Reyes, LICSW  x6624"): a signature with the writer's extension
_CREDENTIAL_LEFT = re.compile(
    r"(?<![a-z])(?:m\.?d|d\.?o|r\.?n|lpn|l\.?p\.?n|n\.?p|pa-?c?|aprn|fnp|dnp|cnm|crna|licsw|lcsw|lmsw|msw|ccm|bsn|msn|"
    r"rd|rdn|rrt|pharmd|slp|ph\.?d|facc|facp|facs|cns)\.?[ \t]*[,|/-]?[ \t]*$"
)
_AFTER_OK = re.compile(r"(?![\w/-]|\.\d)")


def _cue_kind(low: str, s: int) -> str | None:
    """'fax', 'phone' or None: the nearest contact cue on the line within 30 characters before ``s``."""
    chunk = low[max(0, s - 30) : s]
    nl = chunk.rfind("\n")
    if nl >= 0:
        chunk = chunk[nl + 1 :]
    for i in range(len(chunk) - 1, -1, -1):
        if chunk[i].isdigit():
            chunk = chunk[i + 1 :]  # a cue belongs to the nearest number after it
            break
    # single letters ("f", "t", "c") are cues only with a colon or a period after them
    fax = [m.end() for m in _FAX_CUE.finditer(chunk) if len(m.group()) > 1 or chunk[m.end() : m.end() + 1] in ":."]
    phone, neutral = [], []
    for m in _PHONE_CUE.finditer(chunk):
        g = m.group()
        if g in ("#", "no", "number"):
            neutral.append(m.end())  # "fax #", "fax number": neutral words take the side of the cue before them
        elif len(g) > 1 or chunk[m.end() : m.end() + 1] in ":.":
            phone.append(m.end())
    if fax and (not phone or max(fax) >= max(phone)):
        return "fax"
    return "phone" if phone or neutral else None


def _phone_span(low: str, s: int, e: int, base: float, cued: float, rule: str) -> Span | None:
    kind = _cue_kind(low, s)
    if kind is None:
        return Span(s, e, Label.PHONE, base, f"pattern:{rule}") if base > 0 else None
    if kind == "fax":
        return Span(s, e, Label.FAX, cued, "pattern:fax")
    return Span(s, e, Label.PHONE, cued, f"pattern:{rule}")


def _with_ext(text: str, e: int) -> int | None:
    """The end of the number with its extension, or None when the number runs on ("555-01423")."""
    x = _EXT.match(text, e)
    if x is not None:
        e = x.end()
    return e if _AFTER_OK.match(text, e) else None


# --- email, url, ip -----------------------------------------------------------------------------------

_EMAIL_LOCAL = re.compile(r"[\w.%+-]{1,64}$")
_EMAIL_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
_URL = re.compile(r"(?:(?:https?|ftp)://|www\d?\.)[^\s<>\"'\])]+")
_TLD_PRE = re.compile(r"\.(?:com|org|net|edu|gov|mil|info|biz|io|health|care|clinic|hospital|uk)\b")
_DOMAIN = re.compile(
    r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+"
    r"(?:com|org|net|edu|gov|mil|info|biz|io|health|care|clinic|hospital|co\.uk|org\.uk|nhs\.uk|ac\.uk|gov\.uk)"
    r"\b(?!\.\w)(?:/[^\s<>\"'\])]*)?"
)
_DOMAIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.-")
_IPV4_PRE = on_skeleton(r"\d\.\d{1,3}\.\d{1,3}\.\d")
_IPV4 = re.compile(r"(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w]|\.\d)")
_IPV6_PRE = re.compile(r":(?::|[0-9a-f]{1,4}:)")
_HEX_COLON = frozenset("0123456789abcdef:")
_IP_CUE = re.compile(r"\b(?:ip|ipv4|ipv6|address|addr|host|server)\W{0,4}$")


class ContactDetector:
    """Phone, fax, email, URL and IP address (see the module docstring)."""

    name = "pattern_contact"

    def detect(self, doc: Document) -> list[Span]:
        return self.find(doc.text, lower_text(doc.text))

    def find(self, text: str, low: str, hits: list[Hit] | None = None) -> list[Span]:
        """Spans in ``text`` given its same-length lowercase form ``low`` (and the cue-word ``hits``)."""
        out: list[Span] = []
        hits = _hits(low, hits)
        self._phones(text, low, hits, out)
        self._web(text, low, hits, out)
        return out

    @staticmethod
    def _phones(text: str, low: str, hits: list[Hit], out: list[Span]) -> None:
        taken_until = -1
        ten: list[re.Match[str]] = []
        for h in _PHONE_PRE.finditer(digit_skeleton(text)):
            hs = h.start()
            if h.end() - hs == 10:
                ten.append(h)
                continue
            if hs < taken_until:
                continue
            area = _AREA_LEFT.search(text, max(0, hs - 12), hs)
            e = _with_ext(text, h.end())
            if e is None:
                continue
            if area is not None:
                s = area.start()
                if s > 0 and (text[s - 1].isalnum() or text[s - 1] in "+/.-_"):
                    continue
                body = text[s:hs]
                if body.endswith("/") and (len(body) != 4 or text[hs + 3] != "-" or text[hs + 6 : hs + 8] == "00"):
                    continue  # "509/555-0116" is a phone; "120/555 0116", "1200/800-1000", "200/300-4000" are none
                digits = [c for c in body if c.isdigit()]
                a1 = digits[-3] if len(digits) >= 3 else "0"
                nanp = a1 not in "01" and text[hs] not in "01"
                seps = {c for c in body + text[hs + 3] if not c.isdigit() and c not in "+"}
                if seps <= {" ", "\t", "\n"} and "(" not in body:
                    base = 0.6 if nanp else 0.0  # "I/O 120 100 1500" is not a phone
                else:
                    base = 0.9 if nanp else 0.7
                sp = _phone_span(low, s, e, base, 0.97, "phone")
            else:
                s = hs
                if s > 0 and (text[s - 1].isalnum() or text[s - 1] in "+/.$-_"):
                    continue
                if text[hs + 3] != "-" or UNIT_AFTER.match(text, h.end()) or (e < len(text) and text[e] == ","):
                    continue
                base = 0.55 if text[hs] not in "01" else 0.0
                if int(text[hs : hs + 3]) % 10 == 0 and int(text[hs + 4 : hs + 8]) % 100 == 0:
                    base = 0.0  # "SVR 900-1100", "200-1000 mg": round numbers make a range
                sp = _phone_span(low, s, e, base, 0.9, "phone7")
            if sp is not None:
                out.append(sp)
                taken_until = e
        for h in _X_EXT.finditer(low):
            s = h.start()
            if s > 0 and (low[s - 1].isalnum() or low[s - 1] in "_-/."):
                continue
            # "(x4275)", "call x4275": an internal extension; alone after "(" it still reads as one
            cue_word = _cue_kind(low, s) is not None
            cued = cue_word or (s > 0 and low[s - 1] == "(") or _CREDENTIAL_LEFT.search(low, max(0, s - 12), s) is not None
            if (h.end() - s < 5 or int(low[s + 1 : h.end()]) % 100 == 0) and not cue_word:
                continue  # three digits ("x114") or a round number ("(x400)", "x1000": a magnification) need a cue word
            out.append(Span(s, h.end(), Label.PHONE, 0.85 if cued else 0.6, "pattern:extension"))
        for h in ten:
            s = h.start()
            if s > 0 and text[s - 1] == "1" and (s == 1 or not text[s - 2].isalnum()):
                s -= 1
            if s > 0 and (text[s - 1].isalnum() or text[s - 1] in "+/.-_"):
                continue
            e = _with_ext(text, h.end())
            if e is not None and (sp := _phone_span(low, s, e, 0.0, 0.95, "phone")) is not None:
                out.append(sp)
        for h in _INTL.finditer(text) if "+" in text else ():
            s = h.start()
            if s > 0 and (text[s - 1].isalnum() or text[s - 1] in "+_"):
                continue
            e = _with_ext(text, h.end())
            nd = sum(c.isdigit() for c in h.group())
            if e is None or not 8 <= nd <= 15:
                continue
            # a number found above inside this one loses to it: "+63 [917 555 0148]" is one number with its country
            # code; one that overlaps it only in part wins ("+1 [617-555-0143 555-0199]" is no number)
            inside = [sp for sp in out if sp.start < e and s < sp.end and sp.label in (Label.PHONE, Label.FAX)]
            if any(sp.start < s or sp.end > e for sp in inside):
                continue
            if (sp := _phone_span(low, s, e, 0.9, 0.95, "phone_intl")) is not None:
                out[:] = [x for x in out if not any(x is y for y in inside)]
                out.append(sp)
        for h in _DIGIT_WORDS.finditer(low) if sum(w in low for w in _DIGIT_WORD_GATE) >= 2 else ():
            # "six one seven five five five zero one four three", "plus nine seven two …": a number read out
            label = Label.FAX if _cue_kind(low, h.start()) == "fax" else Label.PHONE
            out.append(Span(h.start(), h.end(), label, 0.9, "pattern:phone_words"))
        tried: set[int] = set()
        for s, kind, key in hits:
            if kind != "pager" or s in tried or (s > 0 and low[s - 1].isalnum()):
                continue
            tried.add(s)
            m = _PAGER.match(low, s)
            if m is None:
                continue
            v = _CUED_SPACED.match(low, m.end())
            if v is not None and not 7 <= sum(c.isdigit() for c in v.group()) <= 15:
                v = None
            if v is None:
                v = _CUED_SHORT.match(low, m.end())
                # pagers and extensions have 4+ digits; after "call"/"phone" 4 digits are a time ("call at 1400")
                short_min = 3 if key in _EXTENSION_CUES else 4 if key in _SHORT_NUMBER_CUES else 5
                if v is None or sum(c.isdigit() for c in v.group()) < short_min:
                    continue
            if "\n" in v.group() or UNIT_AFTER.match(text, v.end()):
                continue
            if low.startswith("extension", s) and (_ANGLE_AFTER.match(text, v.end()) or _JOINT_BEFORE.search(low, max(0, s - 30), s)):
                continue  # "knee extension 120 degrees", "flexion 110, extension 10"
            if low.startswith("pg", s) and not low.startswith("pgr", s) and not _PG_END.match(text, v.end()):
                continue  # "pg 5150" ends a signature; "PG 2960 BPX stent" is a product model
            label = Label.FAX if _cue_kind(low, v.start()) == "fax" else Label.PHONE
            out.append(Span(v.start(), v.end(), label, 0.9, "pattern:pager"))

    @staticmethod
    def _web(text: str, low: str, hits: list[Hit], out: list[Span]) -> None:
        at = text.find("@")
        while at >= 0:
            loc = _EMAIL_LOCAL.search(text, max(0, at - 64), at)
            dom = _EMAIL_DOMAIN.match(text, at + 1)
            if loc is not None and dom is not None:
                s = loc.start()
                while s < at and text[s] in ".+-":
                    s += 1
                if s < at:
                    out.append(Span(s, dom.end(), Label.EMAIL, 0.97, "pattern:email"))
            at = text.find("@", at + 1)
        for s, kind, _key in hits:
            if kind != "url" or (s > 0 and low[s - 1].isalnum()):
                continue
            m = _URL.match(low, s)
            if m is not None:
                out.append(Span(s, m.end(), Label.URL, 0.95, "pattern:url"))
        last = -1
        for h in _TLD_PRE.finditer(low):
            if h.start() < last:
                continue
            s = h.start()
            while s > 0 and low[s - 1] in _DOMAIN_CHARS and h.start() - s < 80:
                s -= 1
            while s < h.start() and low[s] in ".-":
                s += 1
            if s > 0 and (low[s - 1] in "@:/_" or low[s - 1].isalnum()):
                continue
            m = _DOMAIN.match(low, s)
            if m is not None and not (m.end() < len(low) and (low[m.end()] == "@" or low[m.end()].isalnum())):
                last = m.end()
                out.append(Span(s, m.end(), Label.URL, 0.85, "pattern:url_domain"))
        for h in _IPV4_PRE.finditer(digit_skeleton(text)):
            s = h.start()
            while s > 0 and text[s - 1].isdigit() and h.start() - s < 2:
                s -= 1
            if s > 0 and (text[s - 1].isalnum() or text[s - 1] in "._"):
                continue
            m = _IPV4.match(text, s)
            if m is None:
                continue
            parts = m.group().split(".")
            cue = _IP_CUE.search(low, max(0, s - 20), s)
            score = 0.97 if cue else (0.6 if all(len(p) == 1 for p in parts) else 0.9)
            out.append(Span(s, m.end(), Label.IP_ADDRESS, score, "pattern:ipv4"))
        last = -1
        for h in _IPV6_PRE.finditer(low):
            if h.start() < last:
                continue
            s = h.start()
            while s > 0 and low[s - 1] in _HEX_COLON:
                s -= 1
            e = h.end()
            while e < len(low) and low[e] in _HEX_COLON:
                e += 1
            last = e
            if (s > 0 and (low[s - 1].isalnum() or low[s - 1] == "_")) or (e < len(low) and low[e].isalnum()):
                continue
            g = low[s:e]
            if len([x for x in g.split(":") if x]) < 3 or not ("::" in g or g.count(":") == 7):
                continue
            try:
                ipaddress.IPv6Address(g)
            except ValueError:
                continue
            out.append(Span(s, e, Label.IP_ADDRESS, 0.9, "pattern:ipv6"))


KEYS: dict[str, str] = {k: "pager" for k in _PAGER_KEYS}
KEYS.update({"http": "url", "ftp": "url", "www": "url"})
_hits = CueIndex(KEYS).hits


# --- street and zip ---------------------------------------------------------------------------------

# USPS suffixes that are also common words ("5 mile run", "2 view cxr"): in lowercase a cue other than "at" must
# back them
_WORDY_SUFFIX = frozenset(
    "loop path cove glen grove run point bend trace vista meadows estates fork junction junctions knoll hollow crest "
    "spur pass bluff creek".split()
)
_SUFFIX_LONG = (
    "street|avenue|road|boulevard|drive|lane|court|place|terrace|parkway|highway|circle|square|plaza|"
    "trail|turnpike|pike|alley|crescent|expressway|freeway|broadway|heights|gardens|commons|walk|"
    "way|row|ridge|crossing|landing|green|mall|wharf|causeway|hill|park|concourse|mews|"
    + "|".join(sorted(_WORDY_SUFFIX, key=lambda w: (-len(w), w)))  # "junctions" before "junction"
)
_SUFFIX_SHORT = "st|ave|av|rd|blvd|dr|ln|ct|pl|ter|terr|pkwy|pky|hwy|cir|sq|plz|trl|tpke|aly|cres|expy|fwy|hts|xing"
_SUFFIXES = _SUFFIX_LONG + "|" + _SUFFIX_SHORT
_AMBIGUOUS_SUFFIX = frozenset(
    "st dr ln ct pl av cir sq ter way row ridge hill park green walk mall landing crossing heights gardens commons".split()
) | _WORDY_SUFFIX
# A house number (up to 7 digits, not after a word character or ".,/:$#-") before a word, on the
# digit skeleton; group 1 ends after its last digit. The literal first "0" keeps the scan fast.
# (Queens and desert-town house numbers are hyphenated: "97-40 63rd Drive", "62-410 Pierce St")
_STREET_PRE = on_skeleton(r"\d(?<![\w.,/:$#\-]\d)(\d{0,6})(?:-\d{1,4})?[a-z]?[ \t]+(?:[a-z]|\d{1,3}(?:st|nd|rd|th)[ \t])")
# a word of a street's name: letters, or an ordinal ("1420 N. 5th Street", "22 West 14th St", "100 5th Ave")
_ORDINAL = r"\d{1,3}(?:st|nd|rd|th)"
_NUM = r"(?P<num>\d{1,6}[a-z]?(?:-\d{1,4}[a-z]?)?)[ \t]+"
_DIRECTION = r"(?:[nsew]\.?|north|south|east|west|ne|nw|se|sw)[ \t]+"
# a title before the person a street is named after: "1200 Dr. Martin Luther King Jr. Blvd", "850 Gov. Carlos G. Camacho Rd."
_STREET_TITLE = r"(?:dr|gov|gen|rev|pres|sen|msgr|adm|col|capt|sgt|governor|general|president|reverend|senator|mayor)\.?[ \t]+"
_STREET = re.compile(
    _NUM + r"(?P<name>(?:" + _DIRECTION + r")?(?P<title>" + _STREET_TITLE + r")?(?:(?:[a-z][a-z'.-]*|" + _ORDINAL + r")[ \t]+){0,3}?"
    r"(?:[a-z][a-z'-]*(?:(?<=jr)\.|(?<=sr)\.)?|" + _ORDINAL + r")[ \t]+)"  # "... King Jr. Blvd"
    r"(?P<suf>" + _SUFFIXES + r")\b\.?"
)
# Streets whose name is no "<words> <suffix>": "1205 Broadway", numbered roads ("12 Route 9", "4411 County
# Road ZZ", "55 US Hwy 1"; the route number is read by ``_ROUTE_NUMBER``), and Spanish, French and Italian
# streets whose kind comes first ("2218 E Calle Lucero", "40 Camino del Rio", "9 Via Roma").
_STREET_OTHER = re.compile(
    _NUM + r"(?:" + _DIRECTION + r")?(?:(?P<alone>broadway)\b"
    r"|(?P<road>(?:(?P<qual>county|state|us|u\.s\.|old|farm)[ \t]+)?(?:route|rte|highway|hwy|interstate|road|rd)\b\.?)"
    r"|(?P<prefix>calle|avenida|camino|via|paseo|rue|rua|callej[oó]n|carretera)[ \t]+"
    r"(?P<pname>[a-z][a-z'-]*(?:[ \t]+[a-z][a-z'-]*){0,3}))"
)
# Spanish addresses, the kind and name first and the number after: "Calle Paloma 11", "Ave. Comerío 2250, Suite 3",
# "Carr. 172 Km 3.4, Bo. Bairoa", "Calle Luna 45, Urb. Villa Carolina" (an abbreviated district joins the street; a
# district written out is a place of its own: "Colonia Las Palmas", "Barrio Capitanejo" → LOCATION)
_ES_PARTICLE = r"(?:(?:de|del|la|las|los|el)[ \t]+)*"
_ES_WORDS = rf"{_ES_PARTICLE}[A-ZÁÉÍÓÚÑ][\w'’-]*(?:[ \t]+{_ES_PARTICLE}[A-ZÁÉÍÓÚÑ][\w'’-]*){{0,3}}"
_ES_STREET = re.compile(
    r"\b(?:Calle|CALLE|Avenida|AVENIDA|Avda\.?|Ave\.|AVE\.|Paseo|PASEO|Camino|CAMINO|Callej[oó]n|Carretera|CARRETERA|Carr\.|CARR\.)"
    rf"[ \t]+(?:\d{{1,4}}[A-Z]?(?:[ \t]+(?:Km|KM|km)\.?[ \t]*\d{{1,3}}(?:[.,]\d{{1,2}})?)|{_ES_WORDS}[ \t]+#?\d{{1,5}}[A-Za-z]?)\b"
    r"(?:,?[ \t]*(?:Apt|Apto|Suite|Ste|Unit|Int|Local)\.?[ \t]*#?[\w-]{1,5}\b)?"
    rf"(?:,[ \t]*(?:Urb|Bo|Col|Res|Cond|URB|BO|COL|RES|COND)\.[ \t]*{_ES_WORDS})?"
)
_ES_DISTRICT = re.compile(rf"\b(?:Barrio|BARRIO|Colonia|COLONIA|Residencial|RESIDENCIAL|Urbanizaci[oó]n|Urb\.|Bo\.)[ \t]+{_ES_WORDS}")
# (one of them must be in the text for the passes to run; "Av" alone is in "Avg", "AV node")
_ES_ADDRESS_HINT = re.compile(r"Calle|CALLE|Avenida|AVENIDA|Avda|Ave\.|AVE\.|Paseo|PASEO|Camino|CAMINO|Callej|Carr|CARR|Barrio|BARRIO"
                              r"|Colonia|COLONIA|Residencial|RESIDENCIAL|Urb|Bo\.")


_ROUTE_NUMBER = re.compile(r"[ \t]*(?:#[ \t]*)?(?:\d{1,4}[A-Za-z]?|(?P<letters>[A-Z]{1,2}))(?![\w-]|[.,]\d)")
_NAME_PARTICLES = frozenset("de del la las los el du des di della da do dos".split())
# after the suffix: another suffix ("Orchard Hill Rd", "Park Ave"), a direction ("Whipple Ave NW"; in the
# original text: capitals, and a letter or a word only before a comma or the line end), units
_MORE_SUFFIX = re.compile(r"[ \t]+(" + _SUFFIXES + r")\b\.?")
_DIRECTION_AFTER = re.compile(
    r"[ \t]+(?:(?:[NS][EW]|[NS]\.[EW]\.)(?![\w'])|(?:[NSEW]\.?|North|South|East|West|NORTH|SOUTH|EAST|WEST)(?=[ \t]*(?:[,;)\n]|$)))"
)
_UNIT = re.compile(
    r",?\s*(?:(?:apt|apartment|unit|suite|ste|#|rm|room|fl|flr|floor|bldg|building)\.?\s*#?\s*[a-z0-9-]{1,6}\b"
    r"|(?:lot|trlr|trailer|spc|space)\.?\s*#?\s*\d[a-z0-9-]{0,5}\b"
    r"|(?:\d{1,2}(?:st|nd|rd|th)|ground|first|second|third|top)[ \t]+(?:fl|flr|floor)\b\.?)"
)
_TITLE_OK = frozenset({"old", "new", "st"})  # stop words that start street names when capitalized ("Old Post Rd")
_STREET_STOP = frozenset(
    """with by per from to and the of at in on for or a an is was are be been has had have q x po iv im sc sq
    pr sl prn mg mcg ml cc mm cm kg g l hr hrs h min mins pm am units unit times days day weeks week wks
    months years yrs lead leads lt rt left right cath mmhg bpm mps ms sec puffs tabs tab dose doses drops
    bags amps liters beats breaths episodes ep episode beat degree degrees vessel vessels pt pts patient
    st elevation elevations depression depressions inferior anterior lateral posterior wave waves segment
    changes change ekg ecg ct scan scans chest abd head mri u s us cxr showed shows show no not neg
    positive negative new old small large mod moderate mild severe trace grade fr french gauge rn md do
    dr np pa cna ot pt rt via then also see seen up down out over after before while when than that this
    these those his her their its he she they we i you it my our your pts' sats sat o2 nc fm vent meq kcl
    mmol mag mg2 ca phos k na iu gtt gtts amp amps bolus repleted replete given nebs neb hz""".split()
)
_ADDRESS_CUE = re.compile(
    r"\b(?P<cue>lives?|living|resides?|residing|address|addr|home|located|moved|apartment|apt|house|street|shelter|at)"
    r"\W{0,3}(?:at|on|in|to)?\W{0,2}$"
)
_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC "
    "ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU".split()
)
_STATE_NAME_LAST = frozenset(
    """alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho
    illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota
    mississippi missouri montana nebraska nevada hampshire jersey mexico york carolina dakota ohio oklahoma
    oregon pennsylvania island tennessee texas utah vermont virginia washington wisconsin wyoming rico mass
    calif penn conn fla guam samoa islands cnmi columbia""".split()  # "Tamuning, Guam 96913", "Majuro, Marshall Islands 96960"
)
_ZIP_PRE = on_skeleton(r"\d(?:\d{4}(?:-\d{4})?(?![\w-]|\.\d)|[a-z] \d[a-z]\d(?![\w]))")
_ZIP_CUE_WORDS = frozenset({"zip", "zipcode", "postcode", "postalcode", "zip_code", "postal_code", "zip5"})
# the glue between a row's or a message's fields, read backwards from a ZIP: '^', '|', '","', ' / ', '": "', '="'
_FIELD_GLUE = re.compile(r"""[ \t]*["']?[ \t]*[\^|,;/=:][ \t]*["']?[ \t]*\S""")
_FIELD_SPLIT = re.compile(r"""[\s^|,;"'=/:]+""")
_POSTAL = re.compile(
    r"(?:zip(?:\s*code)?|postal\s*code|post\s*code)\s*[:#>]?\s*"
    r"(?P<z>[a-z]\d[a-z]\s?\d[a-z]\d|[a-z]{1,2}\d[a-z\d]?\s?\d[a-z]{2})(?![\w])"
)
# a city and a ZIP code after a street, after its comma or on the next line
_CITY_ZIP_AFTER = re.compile(
    r"(?:[ \t]*,[ \t]*|[ \t]*\n[ \t]*)(?P<city>[A-Z][A-Za-z'.-]+(?:[ \t]+[A-Z][A-Za-z'.-]+){0,2})[ \t]*,?[ \t]+"
    r"(?P<zip>\d{5}(?:-\d{4})?)(?![\w-]|\.\d)"
)
# a British postcode after a town ("Leeds LS9 7TF", "London WC1N 3BG", "Swansea SA2 0AR") in a note that reads British:
# the outward code's area is one of the postcode areas, the inward code a digit and two letters that postcodes use
_UK_HINTS = ("UK", "United Kingdom", "England", "Scotland", "Wales", "London", "NHS", "GP", "+44", "Surgery")
_UK_POSTCODE = re.compile(r"(?:(?<=[A-Za-z][, \t])|(?<=[A-Za-z],[ \t]))([A-Z]{1,2})\d[A-Z\d]?[ \t]\d[ABD-HJLNP-UW-Z]{2}(?![\w-])")
_UK_AREAS = frozenset(
    """AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN
    EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN
    NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W
    WA WC WD WF WN WR WS WV YO ZE""".split()
)
# a town right after a street's comma, before the end of its clause: up to three words
_CITY_AFTER_STREET = re.compile(
    r"[ \t]*,[ \t]*(?P<city>[^\W\d_][\w'.-]*(?:[ \t]+[^\W\d_][\w'.-]*){0,2}?)(?=[ \t]*(?:[,.;:)(]|\r?\n|$|[ \t]-[ \t]))"
)
_NON_SPACE = re.compile(r"\S+")
_TOWN_MIN_POPULATION = 20_000  # below it a town that is also an English word ("Home", WA) needs more evidence


def _known_town(m: re.Match[str]) -> int | None:
    """The end of the town the gazetteer knows in ``m``'s words (the longest), or None."""
    words = list(_NON_SPACE.finditer(m.group("city")))
    for k in range(len(words), 0, -1):
        name = m.group("city")[: words[k - 1].end()].rstrip(".").lower()
        entries = lex.cities().get(lex.fold(name))
        if entries is None:
            continue
        if lex.word_frequency(name) > 0 and max(pop for _c, _s, pop in entries) < _TOWN_MIN_POPULATION:
            return None
        return m.start("city") + len(name)
    return None


_CA_CODE = re.compile(r"[abceghj-nprstvxy]\d[abceghj-nprstv-z] \d[abceghj-nprstv-z]\d")
_PROVINCES = frozenset("ON QC BC AB MB SK NS NB NL PE YT NT NU".split())
_PROVINCE_NAMES = frozenset("ontario quebec alberta manitoba saskatchewan canada".split())
# "PO Box 12", "Post Office Box 3", a rural route's box ("RR 2 Box 14", "HC 61 Box 9") and a military one ("PSC 0413,
# Box 8144 APO AA 42323")
_POBOX_LEFT = re.compile(
    r"(?:\bp\.?\s?o\.?\s*|\bpost\s+office\s+|\b(?:rr|r\.r\.|rural\s+route|rt\.?|rte\.?|route|hc|hcr|psc|cmr|unit)\s*#?\s*\d{1,5}\s*,?\s*)$"
)
_POBOX_NUM = re.compile(r"\s*#?\s*\d{1,6}\b(?:[,\s]*(?:apo|fpo|dpo)\s+(?:aa|ae|ap)\b(?:\s+\d{5}(?:-\d{4})?\b)?)?")


_TITLE_AFTER = re.compile(r"\.?[ \t]+[a-z]")
_UNIT_WORDS = frozenset("apt apartment unit suite ste rm room fl flr floor bldg building lot".split())
_LETTERS_WORD = re.compile(r"[a-z][a-z'-]*")
# ", San Clemente, CA" or a new line "Tucson AZ": a city and a state after a street
_CITY_STATE_NEXT = re.compile(r"[ \t]*(?:,[ \t]*|\n[ \t]*)[A-Z][\w'.-]*(?:[ \t]+[A-Z][\w'.-]*){0,2}[ \t]*,?[ \t]*[A-Z]{2}\b")


def _street_tail(text: str, low: str, e: int) -> int:
    """The end of a street after its suffix at ``e``: with a direction ("Ave NW") and up to two units."""
    d = _DIRECTION_AFTER.match(text, e)
    if d is not None:
        e = d.end()
    for _ in range(2):
        u = _UNIT.match(low, e)
        if u is None:
            break
        e = u.end()
    return e


def _title_ok(word: str, suffix: str) -> bool:
    """A stop word that starts a street's name when written like a name: "Old Post Rd", "St. Paul St" (not
    "2 New CT findings"), or in capitals before an unambiguous suffix ("1200 OLD POST RD"; not "2 NEW CT")."""
    if word.lower().strip(".'") not in _TITLE_OK or not word[0].isupper():
        return False
    if word[1:].lower() == word[1:]:
        return not (len(suffix) > 1 and suffix.isupper())
    return suffix.lower() not in _AMBIGUOUS_SUFFIX


def _named_street(text: str, low: str, s: int) -> tuple[int, float, bool] | None:
    """"<number> <name words> <suffix>" at ``s``: (end, score, whether its suffix is a common word), or None."""
    m = _STREET.match(low, s)
    if m is None:
        return None
    name_words = text[m.start("name") : m.end("name")].split()
    if UNIT_AFTER.match(text, m.end("num")) and not name_words[0][0].isupper():
        return None
    if m.group("title"):  # the title of a person's name, capitalized like the name after it ("Dr. Martin Luther King Jr. Blvd")
        title = text[m.start("title") : m.end("title")].strip()
        at = name_words.index(title)
        if not (title[0].isupper() and at + 1 < len(name_words) and name_words[at + 1][0].isupper()):
            return None
        del name_words[at]
    sl, suf_end, e = m.group("suf"), m.end("suf"), m.end()
    for _ in range(2):  # "Orchard Hill Rd", "Green Park Ave"; not "Main St Dr Jones" (a title)
        x = _MORE_SUFFIX.match(low, e)
        if x is None or (x.group(1) in ("dr", "st") and _TITLE_AFTER.match(low, x.end(1))):
            break
        if text[x.start(1)].islower() and text[m.start("suf")].isupper():
            break  # "lives on Whitchurch Road street": prose after a capitalized street
        sl, suf_end, e = x.group(1), x.end(1), x.end()
    suffix_text = text[suf_end - len(sl) : suf_end]
    if any(len(w) > 3 and w.endswith(".") for w in name_words):
        return None  # a sentence ends inside: "Route 9 near exit. near Road" (but "N. 5th St", "St. Paul St")
    for w in name_words:
        lw = w.lower().strip(".'")
        if len(name_words) == 1 and len(w) == 1 and w.isupper() and suffix_text[0].isupper() and len(sl) >= 2:
            continue  # a lettered street: "3150 G Street", "1420 K St NW" (not "2 g st")
        if m.group("title") and len(w) == 2 and w[0].isupper() and w[1] == ".":
            continue  # the initial of the person a street is named after: "850 Gov. Carlos G. Camacho Rd."
        if lw.isdigit() or (lw in _STREET_STOP and lw not in ("n", "s", "e", "w") and not _title_ok(w, suffix_text)):
            return None
    end = _street_tail(text, low, e)
    if end == e and (sl == "dr" or sl in _WORDY_SUFFIX) and _TITLE_AFTER.match(low, suf_end):
        return None  # "2 amps given Dr Everett notified": a title; "3 Trigger Point Injections": a common word
    if all(w[0].isupper() or w[0].isdigit() for w in name_words) or re.fullmatch(_ORDINAL, name_words[-1].lower()):
        score = 0.85  # (in any casing after an ordinal: "2630 e 15th st apt 6j")
    elif sl in _AMBIGUOUS_SUFFIX:
        score = 0.4
    else:
        score = 0.7 if len(sl) > 4 else 0.6
    return end, score, sl in _WORDY_SUFFIX


# an address of a grid of numbered streets, as in Utah and Idaho: a number, a direction, the cross street's number and its
# direction ("1790 W. 2320 S.", "1055 N 500 W", "350 South 400 East"); and a numbered street of the grid named without a
# house number after "on" ("lives alone on North 900 East")
_GRID_DIRECTION = r"(?:north|south|east|west|[nsew]\b\.?)"
_GRID_STREET = re.compile(rf"\d{{2,6}}[ \t]+{_GRID_DIRECTION}[ \t]+\d{{2,5}}[ \t]+{_GRID_DIRECTION}(?![\w-])")
_GRID_STREET_ALONE = re.compile(r"\bon[ \t]+((?:North|South|East|West)[ \t]+\d{2,5}[ \t]+(?:North|South|East|West))\b")


def _grid_street(text: str, low: str, s: int) -> tuple[int, float, bool] | None:
    """A grid address at ``s`` ("1790 W. 2320 S., Apt 6C"; ``_GRID_STREET``) with its units, or None."""
    m = _GRID_STREET.match(low, s)
    if m is None:
        return None
    tail = _UNIT.match(low, m.end())
    return (tail.end() if tail is not None else m.end()), 0.85, False


def _other_street(text: str, low: str, s: int) -> tuple[int, float, bool] | None:
    """Broadway, a numbered road or a street whose kind comes first (``_STREET_OTHER``) at ``s``, or None."""
    m = _STREET_OTHER.match(low, s)
    if m is None:
        return None
    weak = False
    if m.group("alone"):
        e = m.end()
        score = 0.85 if text[m.start("alone")].isupper() else 0.7
    elif m.group("road"):
        r = _ROUTE_NUMBER.match(text, m.end("road"))
        qual = m.group("qual")
        kind = low[m.start("road") : m.end("road")].split()[-1].rstrip(".")
        if r is None or (r.group("letters") and qual != "county") or (kind in ("road", "rd") and qual is None):
            return None  # "County Road ZZ", "State Rd 7", "Route 9"; not "road 2" alone
        if UNIT_AFTER.match(text, r.end()):
            return None
        e = r.end()
        score = 0.85 if text[m.start("road")].isupper() else 0.6
    else:
        prefix = m.group("prefix")
        capital = text[m.start("prefix")].isupper()
        e = -1
        for w in _LETTERS_WORD.finditer(low, m.start("pname"), m.end("pname")):
            lw = w.group()
            if lw in _NAME_PARTICLES:
                continue
            if lw in _STREET_STOP or lw in _UNIT_WORDS or (capital and not text[w.start()].isupper()):
                break
            if prefix == "via" and not (text[w.start()].isupper() and text[w.start() + 1 : w.end()].islower()):
                break
            e = w.end()
        if e < 0:
            return None
        score = 0.85 if capital else 0.6
        if prefix == "via":
            # "Via" is also a route ("2 Via Nebulizer"): "Via Roma" only before a city and state, or after a cue
            if text[m.start("prefix") : m.end("prefix")] != "Via":
                return None
            if not _CITY_STATE_NEXT.match(text, _street_tail(text, low, e)):
                score, weak = 0.4, True
    return _street_tail(text, low, e), score, weak


def _spanish_addresses(text: str, out: list[Span]) -> None:
    """Spanish streets, kind and name before the number (``_ES_STREET``) → STREET 0.85; districts written out
    ("Barrio Capitanejo", "Residencial Lagos de Blasina", "Colonia Las Palmas") → LOCATION 0.75."""
    streets = []
    for m in _ES_STREET.finditer(text):
        if any(sp.start <= m.start() < sp.end for sp in out if sp.label == Label.STREET):
            continue  # "38 Calle Ébano": the house number first, found above
        streets.append(Span(m.start(), m.end(), Label.STREET, 0.85, "pattern:street_es"))
    for m in _ES_DISTRICT.finditer(text):
        if not any(sp.start <= m.start() < sp.end for sp in streets):
            out.append(Span(m.start(), m.end(), Label.LOCATION, 0.75, "pattern:district_es"))
    out.extend(streets)


class AddressDetector:
    """Street addresses and ZIP / postal codes (see the module docstring)."""

    name = "pattern_address"

    def detect(self, doc: Document) -> list[Span]:
        return self.find(doc.text, lower_text(doc.text))

    def find(self, text: str, low: str, hits: list[Hit] | None = None) -> list[Span]:
        """Spans in ``text`` given its same-length lowercase form ``low`` (``hits`` is not needed here)."""
        out: list[Span] = []
        self._streets(text, low, out)
        self._zips(text, low, out)
        self._city_zip(text, out)
        return out

    @staticmethod
    def _streets(text: str, low: str, out: list[Span]) -> None:
        last = -1
        for h in _STREET_PRE.finditer(digit_skeleton(low)):
            if h.end(1) - 1 < last:  # its last digit
                continue
            s = h.start()
            found = [r for r in (_named_street(text, low, s), _other_street(text, low, s), _grid_street(text, low, s))
                     if r is not None]
            if not found:
                continue
            end, score, wordy = max(found)  # the longer reading
            if score < 0.85 and (cue := _ADDRESS_CUE.search(low, max(0, s - 30), s)) is not None:
                if not (wordy and cue.group("cue") == "at"):
                    score = 0.85
            last = end
            out.append(Span(s, end, Label.STREET, score, "pattern:street"))
        if (" East" in text or " West" in text) and (" on " in low or "\non " in low):
            out.extend(Span(m.start(1), m.end(1), Label.STREET, 0.85, "pattern:street")
                       for m in _GRID_STREET_ALONE.finditer(text))  # "lives alone on North 900 East"
        i = low.find("box")
        while i >= 0:
            if (i == 0 or not low[i - 1].isalpha()) and _POBOX_LEFT.search(low, max(0, i - 20), i):
                n = _POBOX_NUM.match(low, i + 3)
                if n is not None:
                    start = _POBOX_LEFT.search(low, max(0, i - 20), i).start()
                    out.append(Span(start, n.end(), Label.STREET, 0.95, "pattern:po_box"))
            i = low.find("box", i + 3)
        if _ES_ADDRESS_HINT.search(text):
            _spanish_addresses(text, out)

    @staticmethod
    def _city_zip(text: str, out: list[Span]) -> None:
        """A city and a ZIP code with no state after a street ("48 Hammond St, Apt 3" / "Boston 02120")."""
        for sp in [sp for sp in out if sp.label == Label.STREET and sp.score >= 0.85]:
            m = _CITY_ZIP_AFTER.match(text, sp.end)
            if m is None:
                if (c := _CITY_AFTER_STREET.match(text, sp.end)) is not None and (e := _known_town(c)) is not None:
                    # "22 bleecker st apt 1, utica.", "2201 n. stone ave apt 14, tucson - buzzer broken": a town the
                    # gazetteer knows right after a street, in any case (a lowercase note's town has no capital)
                    out.append(Span(c.start("city"), e, Label.CITY, 0.85, "pattern:city_after_street"))
                continue
            if (last := m.group("city").split()[-1]) in _STATES or last.lower() in _STATE_NAME_LAST:
                continue  # "Boston MA 02120", "Dover Delaware 19901": the state rules find those
            out.append(Span(m.start("city"), m.end("city"), Label.CITY, 0.85, "pattern:city_zip"))
            out.append(Span(m.start("zip"), m.end("zip"), Label.ZIP, 0.9, "pattern:city_zip"))

    @staticmethod
    def _zips(text: str, low: str, out: list[Span]) -> None:
        canadian: list[re.Match[str]] = []
        for h in _ZIP_PRE.finditer(digit_skeleton(low)):
            s = h.start()
            if low[s + 1].isalpha():
                canadian.append(h)
                continue
            if s > 0 and (text[s - 1].isalnum() or text[s - 1] in "-_.,/$#"):
                continue
            if low[s : s + 5] == "00000":
                continue
            chunk = text[max(0, s - 30) : s]
            toks = chunk.split()
            if not toks:
                continue
            w = toks[-1].strip(",.:#>")
            wl = w.lower()
            w2 = toks[-2].lower().strip(",.:#<>") if len(toks) > 1 else ""
            if "<" in toks[-1] and ">" in toks[-1]:
                wl = toks[-1].lower().rsplit("<", 1)[-1].strip("<>/: ")  # "<zip>02115"
                w = wl
            state_abbr = w in _STATES or (wl.upper() in _STATES and chunk.rstrip()[:-len(toks[-1])].rstrip().endswith(","))
            if not state_abbr and wl not in _ZIP_CUE_WORDS and _FIELD_GLUE.match(chunk[::-1]):
                # a state's field before the ZIP's in a row or a message ("^GA^30348", '"AZ","85012"', "TX / 77584",
                # 'zip="01247"', '"postalCode": "87107"')
                cells = [c for c in _FIELD_SPLIT.split(chunk) if c]
                w = cells[-1] if cells else ""
                wl = w.lower()
                state_abbr = w in _STATES
            if wl in _ZIP_CUE_WORDS or (wl == "code" and w2 in ("zip", "postal", "post")):
                out.append(Span(s, h.end(), Label.ZIP, 0.97, "pattern:zip_cue"))
            elif state_abbr or wl in _STATE_NAME_LAST:
                out.append(Span(s, h.end(), Label.ZIP, 0.95, "pattern:zip"))
        if any(k in text for k in _UK_HINTS):
            for m in _UK_POSTCODE.finditer(text):
                if m.group(1) in _UK_AREAS:
                    out.append(Span(m.start(), m.end(), Label.ZIP, 0.85, "pattern:postcode_uk"))
        postal = _POSTAL.finditer(low) if ("zip" in low or "post" in low) else ()
        for m in postal:
            s = m.start()
            if s > 0 and low[s - 1].isalnum():
                continue
            out.append(Span(m.start("z"), m.end("z"), Label.ZIP, 0.97, "pattern:zip_cue"))
        for h in canadian:
            s = h.start() - 1
            if s < 0 or not _CA_CODE.fullmatch(low, s, h.end()) or (s > 0 and low[s - 1].isalnum()):
                continue
            toks = text[max(0, s - 24) : s].split()
            if toks and (toks[-1].strip(",.") in _PROVINCES or toks[-1].strip(",.").lower() in _PROVINCE_NAMES):
                out.append(Span(s, h.end(), Label.ZIP, 0.9, "pattern:postal_ca"))
