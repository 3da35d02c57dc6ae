"""Contact details and addresses: PHONE, FAX, EMAIL, URL, IP_ADDRESS, STREET and ZIP.

Decision rules:

* PHONE (``pattern:phone``): NANP numbers "(617) 555-0142", "617-555-0142", "617.555.0142",
  "+1 617 555 0142", with extensions ("x1234", "ext. 12") → 0.9 (0.97 after a phone cue);
  space-only separators ("617 555 0142") → 0.6 without a cue (they can be I/O columns);
  7-digit "555-0142" → 0.9 after a cue ("call", "tel", "phone", "pager", "beeper", "cell", "#",
  "x", "contact", "home", "work" …), 0.55 without one (exchange must not start with 0/1);
  international "+44 20 7946 0958" (8–15 digits after "+") → 0.9;
  pagers "pager 12345", "beeper #4321", "pgr 4-5678" → 0.9.
  Never matched: "12-lead", dates, ranges ("100-1500"), times.
* FAX: a phone number whose nearest cue on the line before it is "fax", "f:", "fx", "facsimile".
* EMAIL → 0.97. URL: "http(s)://…", "www.…" → 0.95; a bare domain with a TLD from a short list
  (com, org, net, edu, gov, mil, info, biz, io, health, co.uk …), optionally with a path → 0.85.
* IP_ADDRESS: IPv4 with every octet 0–255 → 0.9 (0.6 when every octet is a single digit, e.g. an
  outline number "1.2.3.4"); IPv6 validated by :mod:`ipaddress`, needing "::" or 8 groups → 0.9.
* STREET (``pattern:street``): house number + optional direction + 1–4 name words + a street
  suffix ("St", "Street", "Ave", "Rd", "Blvd", "Dr", "Ln", "Way", "Ct", "Pl", "Circle" …) with an
  optional unit ("Apt 3", "Unit 4B", "Suite 200", "#12"). Score: title-case or capitals → 0.85;
  lowercase with a full suffix word ("street", "avenue", "road") → 0.7; lowercase with a short,
  ambiguous suffix ("st" = ST segment, "dr", "ct" = CT, "ln" = lymph node, "pl") → 0.4.
  Name words that are units, numbers or clinical/function words ("2 mm st elevation",
  "at 3 with Dr Smith") veto. "PO Box 123" → 0.95.
* ZIP (``pattern:zip``): 5 or 5+4 digits after a US state abbreviation (capitals, or any case after
  a comma) or a state name → 0.95; after "zip"/"zip code" → 0.97. Canadian ("K1A 0B1") and UK
  ("SW1A 1AA") postcodes only after a "postal code"/"postcode" cue or a Canadian province
  abbreviation, and with the space: clinical codes shaped like postal codes (G2P1A1, G3P2, C6C7T1,
  S1S2S4, T4N0M0, L4L5) are never matched.
"""

from __future__ import annotations

import ipaddress
import re

from medveil.detect.dates import UNIT_AFTER
from medveil.document import Document, Span
from medveil.labels import Label

__all__ = ["ContactDetector", "AddressDetector"]

# --- phones ---------------------------------------------------------------------------------------

_EXT = r"(?:\s*(?:x|ext\.?|extension|ex\.?)\s*\d{1,6})?"
_PHONE_RX = re.compile(
    r"(?<![\w+/.-])(?:\+?1[\s.-]?)?(?:\(\s*(?P<a1>\d)\d\d\s*\)\s*|(?P<a2>\d)\d\d(?P<s1>[\s.-]))(?P<x1>\d)\d\d(?P<s2>[\s.-])\d{4}"
    + _EXT
    + r"(?![\w/-]|\.\d)",
    re.I,
)
_PHONE10_RX = re.compile(r"(?<![\w+/.-])(?:\+?1)?\d{10}" + _EXT + r"(?![\w/-]|\.\d)", re.I)
_PHONE7_RX = re.compile(r"(?<![\w+/.$-])(?P<x>[2-9]?)\d{2}-\d{4}" + _EXT + r"(?![\w/-]|[.,]\d)", re.I)
_INTL_RX = re.compile(r"(?<![\w+])\+(?:\d{1,3})(?:[\s.-]?\(?\d{1,5}\)?){2,6}" + _EXT + r"(?![\w-]|\.\d)", re.I)
_PAGER_RX = re.compile(
    r"\b(?:pager|pgr|beeper|bpr|beep(?:ed)?|paged?|cell|mobile|tel|phone|ext|extension|x)\s*(?:#|no\.?|number)?\s*[:#]?\s*"
    r"(?P<n>\d[\d-]{2,8}\d)(?![\w/-]|[.,]\d)",
    re.I,
)
_PHONE_CUE = re.compile(
    r"\b(?:call(?:ed)?|tel|telephone|phone|ph|p|cell|cellphone|mobile|mob|home|work|office|contact|pager|pgr|"
    r"beeper|reach(?:ed)?|number|no|t|c|h|w|m|o|ext|x|hotline|line|voicemail|vm|text|dial)\b|#|☎"
)
_FAX_CUE = re.compile(r"\b(?:fax|fx|facsimile|telefax|f)\b", re.I)


def _cue_kind(text: str, s: int) -> str | None:
    """'fax', 'phone' or None: the nearest contact cue on the line within 30 characters before ``s``."""
    chunk = text[max(0, s - 30) : s]
    nl = chunk.rfind("\n")
    if nl >= 0:
        chunk = chunk[nl + 1 :]
    for i in range(len(chunk) - 1, -1, -1):
        if chunk[i].isdigit():
            chunk = chunk[i + 1 :]  # a cue belongs to the nearest number after it
            break
    low = chunk.lower()
    # single letters ("f", "t", "c") are cues only with a colon or a period after them
    fax = [m.end() for m in _FAX_CUE.finditer(low) if len(m.group()) > 1 or low[m.end() : m.end() + 1] in ":."]
    phone = [
        m.end()
        for m in _PHONE_CUE.finditer(low)
        if len(m.group()) > 1 or m.group() == "#" or low[m.end() : m.end() + 1] in ":."
    ]
    if not fax and not phone:
        return None
    if fax and (not phone or max(fax) >= max(phone)):
        return "fax"
    return "phone"


def _phone_span(text: str, s: int, e: int, base: float, cued: float, rule: str) -> Span | None:
    kind = _cue_kind(text, s)
    if kind is None:
        return Span(s, e, Label.PHONE, base, f"pattern:{rule}") if base > 0 else None
    if kind == "fax":
        return Span(s, e, Label.FAX, cued, "pattern:fax")
    return Span(s, e, Label.PHONE, cued, f"pattern:{rule}")


# --- email, url, ip -----------------------------------------------------------------------------------

_EMAIL_RX = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
_URL_RX = re.compile(r"\b(?:(?:https?|ftp)://|www\d?\.)[^\s<>\"'\])]+", re.I)
_TLDS = r"(?:com|org|net|edu|gov|mil|info|biz|io|health|care|clinic|hospital|co\.uk|org\.uk|nhs\.uk|ac\.uk|gov\.uk)"
_DOMAIN_RX = re.compile(
    r"(?<![\w@.:/-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+" + _TLDS + r"\b(?!\.\w)(?:/[^\s<>\"'\])]*)?",
    re.I,
)
_IPV4_RX = re.compile(
    r"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w]|\.\d)"
)
_IPV6_RX = re.compile(r"(?<![\w:])(?=[0-9A-Fa-f:]*::|(?:[0-9A-Fa-f]{1,4}:){7})[0-9A-Fa-f:]{3,39}(?![\w:])")
_IP_CUE = re.compile(r"\b(?:ip|ipv4|ipv6|address|addr|host|server)\W{0,4}$", re.I)


class ContactDetector:
    """Phone, fax, email, URL and IP address (see the module docstring)."""

    name = "pattern_contact"

    def detect(self, doc: Document) -> list[Span]:
        text = doc.text
        out: list[Span] = []
        taken: list[tuple[int, int]] = []
        for m in _PHONE_RX.finditer(text):
            spaces_only = (m.group("s2") or "").isspace() and (m.group("s1") is None or m.group("s1").isspace())
            nanp = (m.group("a1") or m.group("a2")) not in "01" and m.group("x1") not in "01"
            if spaces_only and "(" not in m.group():
                base = 0.6 if nanp else 0.0  # "I/O 120 100 1500" is not a phone
            else:
                base = 0.9 if nanp else 0.7
            sp = _phone_span(text, m.start(), m.end(), base, 0.97, "phone")
            if sp:
                out.append(sp)
                taken.append((m.start(), m.end()))
        for m in _PHONE10_RX.finditer(text):
            sp = _phone_span(text, m.start(), m.end(), 0.0, 0.95, "phone")
            if sp:
                out.append(sp)
        for m in _PHONE7_RX.finditer(text):
            if any(a <= m.start() < b for a, b in taken) or UNIT_AFTER.match(text, m.end()):
                continue
            base = 0.55 if m.group("x") else 0.0
            sp = _phone_span(text, m.start(), m.end(), base, 0.9, "phone7")
            if sp:
                out.append(sp)
        for m in _INTL_RX.finditer(text):
            nd = sum(c.isdigit() for c in m.group())
            if 8 <= nd <= 15 and not any(a <= m.start() < b for a, b in taken):
                sp = _phone_span(text, m.start(), m.end(), 0.9, 0.95, "phone_intl")
                if sp:
                    out.append(sp)
        for m in _PAGER_RX.finditer(text):
            n = m.group("n")
            if sum(c.isdigit() for c in n) < 4 or UNIT_AFTER.match(text, m.end()):
                continue
            kind = _cue_kind(text, m.start("n"))
            label = Label.FAX if kind == "fax" else Label.PHONE
            out.append(Span(m.start("n"), m.end("n"), label, 0.9, "pattern:pager"))
        for m in _EMAIL_RX.finditer(text):
            out.append(Span(m.start(), m.end(), Label.EMAIL, 0.97, "pattern:email"))
        for m in _URL_RX.finditer(text):
            out.append(Span(m.start(), m.end(), Label.URL, 0.95, "pattern:url"))
        for m in _DOMAIN_RX.finditer(text):
            out.append(Span(m.start(), m.end(), Label.URL, 0.85, "pattern:url_domain"))
        for m in _IPV4_RX.finditer(text):
            parts = m.group().split(".")
            cue = _IP_CUE.search(text[max(0, m.start() - 20) : m.start()])
            score = 0.97 if cue else (0.6 if all(len(p) == 1 for p in parts) else 0.9)
            out.append(Span(m.start(), m.end(), Label.IP_ADDRESS, score, "pattern:ipv4"))
        for m in _IPV6_RX.finditer(text):
            g = m.group()
            groups = [x for x in g.split(":") if x]
            if len(groups) < 3:
                continue
            try:
                ipaddress.IPv6Address(g)
            except ValueError:
                continue
            out.append(Span(m.start(), m.end(), Label.IP_ADDRESS, 0.9, "pattern:ipv6"))
        return out


# --- street and zip ---------------------------------------------------------------------------------

_SUFFIX_LONG = (
    "street|avenue|road|boulevard|drive|lane|court|place|terrace|parkway|highway|circle|square|plaza|"
    "trail|turnpike|pike|alley|crescent|expressway|freeway|broadway|heights|gardens|commons|walk|"
    "way|row|ridge|crossing|landing|green|mall|wharf|causeway|hill|park"
)
_SUFFIX_SHORT = "st|ave|av|rd|blvd|dr|ln|ct|pl|ter|terr|pkwy|pky|hwy|cir|sq|plz|trl|tpke|aly|cres|expy|fwy|hts|xing"
_AMBIGUOUS_SUFFIX = frozenset(
    "st dr ln ct pl av cir sq ter way row ridge hill park green walk mall landing crossing heights gardens commons".split()
)
_STREET_RX = re.compile(
    r"(?<![\w.,/:$#-])(?P<num>\d{1,6}[A-Za-z]?(?:-\d{1,4}[A-Za-z]?)?)\s+"
    r"(?P<name>(?:(?:[NSEW]\.?|north|south|east|west|ne|nw|se|sw)\s+)?(?:[A-Za-z][A-Za-z'.-]*\s+){0,3}?[A-Za-z][A-Za-z'-]*\s+)"
    r"(?P<suf>" + _SUFFIX_LONG + "|" + _SUFFIX_SHORT + r")\b\.?"
    r"(?P<unit>,?\s*(?:apt|apartment|unit|suite|ste|#|rm|room|fl|floor|bldg|building)\.?\s*#?\s*[A-Za-z0-9-]{1,6}\b)?",
    re.I,
)
_STREET_STOP = frozenset(
    """with by per from to and the of at in on for or a an is was are be been has had have q x po iv im sc sq
    pr sl prn mg mcg ml cc mm cm kg g l hr hrs h min mins pm am units unit times days day weeks week wks
    months years yrs lead leads lt rt left right cath mmhg bpm mps ms sec puffs tabs tab dose doses drops
    bags amps liters beats breaths episodes ep episode beat degree degrees vessel vessels pt pts patient
    st elevation elevations depression depressions inferior anterior lateral posterior wave waves segment
    changes change ekg ecg ct scan scans chest abd head mri u s us cxr showed shows show no not neg
    positive negative new old small large mod moderate mild severe trace grade fr french gauge rn md do
    dr np pa cna ot pt rt via then also see seen up down out over after before while when than that this
    these those his her their its he she they we i you it my our your pts' sats sat o2 nc fm vent""".split()
)
_ADDRESS_CUE = re.compile(
    r"\b(?:lives?|living|resides?|residing|address|addr|home|located|moved|apartment|apt|house|street|shelter|at)"
    r"\W{0,3}(?:at|on|in|to)?\W{0,2}$",
    re.I,
)
_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|"
    "ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|VI|GU"
)
_STATE_NAMES = (
    "alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia|hawaii|idaho|"
    "illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|minnesota|"
    "mississippi|missouri|montana|nebraska|nevada|new\\s+hampshire|new\\s+jersey|new\\s+mexico|new\\s+york|"
    "north\\s+carolina|north\\s+dakota|ohio|oklahoma|oregon|pennsylvania|rhode\\s+island|south\\s+carolina|"
    "south\\s+dakota|tennessee|texas|utah|vermont|virginia|washington|west\\s+virginia|wisconsin|wyoming|"
    "puerto\\s+rico|mass\\.?|calif\\.?|penn\\.?|conn\\.?|fla\\.?"
)
_ZIP_RX = re.compile(
    r"(?:\b(?:" + _STATES + r")\.?|,\s*(?i:" + _STATES + r")\.?|\b(?i:" + _STATE_NAMES + r"))[\s,]{1,3}"
    r"(?P<zip>\d{5}(?:-\d{4})?)(?![\w-]|\.\d)"
    r"|(?i:\bzip(?:\s*code)?|\bpostal\s+code|\bpost\s*code)\s*[:#]?\s*(?P<zip2>\d{5}(?:-\d{4})?|"
    r"[A-Za-z]\d[A-Za-z]\s?\d[A-Za-z]\d|[A-Za-z]{1,2}\d[A-Za-z\d]?\s?\d[A-Za-z]{2})(?!\w)"
    r"|\b(?:ON|QC|BC|AB|MB|SK|NS|NB|NL|PE|YT|NT|NU|Ontario|Quebec|Alberta|Manitoba)[\s,]{1,3}"
    r"(?P<ca>[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] \d[ABCEGHJ-NPRSTV-Z]\d)(?!\w)"
)
_POBOX_RX = re.compile(r"\b(?:p\.?\s?o\.?\s*box|post\s+office\s+box)\s*#?\s*\d{1,6}\b", re.I)


class AddressDetector:
    """Street addresses and ZIP / postal codes (see the module docstring)."""

    name = "pattern_address"

    def detect(self, doc: Document) -> list[Span]:
        text = doc.text
        out: list[Span] = []
        for m in _STREET_RX.finditer(text):
            name_words = m.group("name").split()
            low_words = [w.lower().strip(".'") for w in name_words]
            if any(w in _STREET_STOP or w.isdigit() for w in low_words if w not in ("n", "s", "e", "w")):
                continue
            if UNIT_AFTER.match(text, m.end("num")) and not name_words[0][0].isupper():
                continue
            suf = m.group("suf")
            sl = suf.lower()
            titled = all(w[0].isupper() for w in name_words)
            if titled:
                score = 0.85
            elif sl in _AMBIGUOUS_SUFFIX:
                score = 0.4
            else:
                score = 0.7 if len(sl) > 4 else 0.6
            if score < 0.85 and _ADDRESS_CUE.search(text[max(0, m.start() - 30) : m.start()]):
                score = 0.85
            end = m.end()
            out.append(Span(m.start(), end, Label.STREET, score, "pattern:street"))
        for m in _POBOX_RX.finditer(text):
            out.append(Span(m.start(), m.end(), Label.STREET, 0.95, "pattern:po_box"))
        for m in _ZIP_RX.finditer(text):
            if m.group("zip"):
                if m.group("zip")[:5] == "00000":
                    continue
                out.append(Span(m.start("zip"), m.end("zip"), Label.ZIP, 0.95, "pattern:zip"))
            elif m.group("zip2"):
                out.append(Span(m.start("zip2"), m.end("zip2"), Label.ZIP, 0.97, "pattern:zip_cue"))
            elif m.group("ca"):
                out.append(Span(m.start("ca"), m.end("ca"), Label.ZIP, 0.9, "pattern:postal_ca"))
        return out
