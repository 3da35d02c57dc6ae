"""The resolver: one explicit policy that turns the spans of all detectors into the final spans.

Policy, in order:
1. drop vetoes (``Span.is_veto``), spans scoring below ``min_score`` and spans that cover no letter or digit;
2. trim whitespace and enclosing punctuation at both ends (a bracket that the span itself closes or opens stays:
   "(617) 555-0148");
3. among overlapping spans, build connected groups; the group's extent is the union of its spans
   (recall first: a partial overlap never leaves a piece of PHI uncovered);
4. the group takes the label of its best span: among confident spans (score >= 0.6) the longest
   ("Veronica's Home" is a HOSPITAL although "Veronica" is a name), else the highest score, then
   the label ranking below (specific beats generic);
5. spans of the same label separated only by a space join into one (first and last name of one
   person; "Jan 3" and ", 2019" of one date), and a person's names separated by a bare comma ("MCCRAY,TAMIKA L",
   as VA notes write them) or a surname and the initial after its comma ("Hruska, L"); so do a hospital's and an organization's, under the longer one's label (pieces of one
   name the model labelled differently);
6. a possessive "'s" belongs to the name of a place or organization: after one ("St. Gabriel's parish")
   and between a word and one ("Sullivan's Tap", "BRENDAN'S HOSPITAL", where the rules found a person's
   name and the model the rest), it joins the span (a person's own possessive stays out, as in i2b2);
7. in mixed-case prose a person's name runs on over capitalized words that clinical prose writes in lowercase
   ("Harold Not Afraid", "Marla Bird In Ground") and over such a word to the rest of the name ("Marcia Two Moons");
   a name's generational suffix belongs to it ("Ted Jr.", "Prescott Worthington III");
8. in mixed-case prose a town's, a state's, a country's, an organization's or a hospital's name runs on over the
   capitalized words after it ("Richmond Ambulance Authority", "Mississippi Center for Legal Services").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from operator import attrgetter

from medveil import lexicons as lex
from medveil.document import Span
from medveil.labels import NAME_LABELS, Label

# Lower index wins a tie of scores: specific labels before generic ones.
LABEL_PRIORITY: list[str] = [
    Label.SSN, Label.EMAIL, Label.URL, Label.IP_ADDRESS, Label.FAX, Label.PHONE, Label.MRN, Label.ACCOUNT,
    Label.HEALTH_PLAN, Label.LICENSE, Label.DEVICE_ID, Label.VEHICLE_ID, Label.ID, Label.AGE, Label.DATE,
    Label.STREET, Label.ZIP, Label.HOSPITAL, Label.ORGANIZATION, Label.PATIENT, Label.RELATIVE, Label.PROVIDER,
    Label.PERSON, Label.CITY, Label.STATE, Label.COUNTRY, Label.LOCATION,
]
_RANK = {str(lab): i for i, lab in enumerate(LABEL_PRIORITY)}
_TRIM = " \t\r\n.,;:!?\"'()[]{}<>|*-_/\\"
_JOINABLE = frozenset(" \t")
# a name ending in a dotted abbreviation keeps its last period: "Coastal Surgery, P.C.", "Acme Supply Inc.", "Gaines Jr.",
# "Elmwood Pl."
_ABBREVIATION_END = re.compile(r"(?:[ \t,]|^)(?:[A-Za-z]\.){2,}\Z|[ \t,](?:Inc|INC|Jr|JR|Sr|SR|Ltd|LTD|Co|CO|Corp|CORP|St|ST|Ave|AVE|Rd|RD|Pl|PL|Ct|CT|Ln|LN|Blvd|BLVD)\.\Z")
_START, _END = attrgetter("start"), attrgetter("end")
_PLACE_LABELS = frozenset({Label.HOSPITAL, Label.ORGANIZATION, Label.LOCATION})
# a care provider's name and another body's join like one label's (step 5): the model may tag "SAGEBRUSH" HOSPITAL and
# "MUTUAL" ORGANIZATION in one insurer's name
_BODY_LABELS = frozenset({Label.HOSPITAL, Label.ORGANIZATION})
_POSSESSIVE = re.compile(r"['’][sS](?![^\W_])")


def _trim(span: Span, text: str) -> Span | None:
    s, e = span.start, span.end
    if s < e and text[s].isalnum() and text[e - 1] not in _TRIM:
        return span  # the usual case: nothing to trim, and it holds a letter or digit
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        # keep a closing period of an abbreviation such as "St." or "Jr." when it is part of a word
        if text[e - 1] == "." and e - 2 >= s and text[e - 2].isalpha() and (e - s <= 4 or _ABBREVIATION_END.search(text, s, e)):
            break
        e -= 1
    if s >= e or not any(c.isalnum() for c in text[s:e]):
        return None
    # a bracket the span closes or opens stays with it: "(617) 555-0148", "Mercy Hospital (North)"
    opened, closed = text.count("(", s, e), text.count(")", s, e)
    if closed > opened and s > span.start and text[s - 1] == "(":
        s -= 1
    elif opened > closed and e < span.end and text[e] == ")":
        e += 1
    if (s, e) == (span.start, span.end):
        return span
    return Span(s, e, span.label, span.score, span.source)


def _better(a: Span, b: Span) -> bool:
    """True when ``a`` should give its label to a group rather than ``b``.

    A confident span (score >= 0.6) that is longer wins: "Veronica's Home" (HOSPITAL) over "Veronica"
    (PERSON), "Hamilton Foods" over "Hamilton"; of two confident ones on the same words a role (PROVIDER in a
    table's "attending" column) wins over PERSON. Otherwise the higher score, then the label ranking.
    """
    if a.score >= 0.6 and b.score >= 0.6:
        if (a.end - a.start) != (b.end - b.start):
            return (a.end - a.start) > (b.end - b.start)
        if (a.label == Label.PERSON) != (b.label == Label.PERSON) and a.label in NAME_LABELS and b.label in NAME_LABELS:
            return b.label == Label.PERSON  # the same words as a name and as someone's name in a role: the role says more
    ka = (round(a.score, 3), -_RANK.get(a.label, 99), a.end - a.start)
    kb = (round(b.score, 3), -_RANK.get(b.label, 99), b.end - b.start)
    return ka > kb


def _group_span(best: Span, start: int, end: int) -> Span:
    """The span of a group: its extent with the label, score and source of its best span."""
    if (best.start, best.end) == (start, end):
        return best  # spans are immutable: no copy needed
    return Span(start, end, best.label, best.score, best.source)


def resolve(spans: Iterable[Span], text: str, *, min_score: float = 0.5) -> list[Span]:
    """Apply the policy above and return sorted, non-overlapping spans."""
    kept = []
    for sp in spans:
        if sp.score < min_score or sp.source.endswith(":veto"):  # ``Span.is_veto``, inlined: the hot loop
            continue
        s, e = sp.start, sp.end
        if s < e and text[s].isalnum() and text[e - 1] not in _TRIM:
            kept.append(sp)  # the usual case: nothing to trim (``_trim``'s first test)
        elif (t := _trim(sp, text)) is not None:
            kept.append(t)
    # by start, longest first: two stable sorts, as ``key=(start, -end)`` but with C-level keys
    kept.sort(key=_END, reverse=True)
    kept.sort(key=_START)
    merged: list[Span] = []
    best: Span | None = None
    cur_s = cur_e = -1
    for sp in kept:
        if best is not None and sp.start < cur_e:
            cur_e = max(cur_e, sp.end)
            if _better(sp, best):
                best = sp
            continue
        if best is not None:
            merged.append(best if best.start == cur_s and best.end == cur_e else _group_span(best, cur_s, cur_e))
        best, cur_s, cur_e = sp, sp.start, sp.end
    if best is not None:
        merged.append(_group_span(best, cur_s, cur_e))
    out: list[Span] = []
    for sp in merged:
        if out:
            prev = out[-1]
            gap = text[prev.end : sp.start]
            if gap and len(gap) <= 2 and (set(gap) <= _JOINABLE or (sp.label in NAME_LABELS and (
                    (gap == "," and not _in_delimited_row(text, sp.start))
                    or (gap == ", " and sp.end - sp.start == 1 and text[sp.start].isupper())))) and (
                    prev.label == sp.label or (prev.label in _BODY_LABELS and sp.label in _BODY_LABELS)):
                head = prev if prev.end - prev.start >= sp.end - sp.start else sp
                out[-1] = Span(prev.start, sp.end, head.label, max(prev.score, sp.score), head.source)
                continue
        out.append(sp)
    out = _possessives(out, text) if "'" in text or "’" in text else out
    return _place_run_ons(_name_run_ons(out, text), text)


def _in_delimited_row(text: str, pos: int) -> bool:
    """``pos`` is in a row of comma-delimited cells (three bare commas or more on its line): there a bare comma
    separates columns ("IPD-00488,Hill,Verna,2001-11-02"), not a surname from a given name ("MCCRAY,TAMIKA L")."""
    end = text.find("\n", pos)
    line = text[text.rfind("\n", 0, pos) + 1 : len(text) if end < 0 else end]
    return line.count(",") - line.count(", ") >= 3


# a capitalized word after a person's name in mixed-case prose: "Harold Not Afraid", "Marla Bird In Ground"
_RUN_ON_WORD = re.compile(r" ([A-Z][a-z]+(?:[-'’][A-Za-z]+)?)(?=[ ,.;()\n]|$)")
_RUN_ON_END = re.compile(r"(?:$|\n|[,.;()]|[ \t]+(?:[a-z]|\d|\(|[-–—][ \t]))")


def _run_on_label(last: str, label: str) -> str:
    """A name that ran on into a place's or a facility's head word is that place's ("Archer Heights", "Steese
    Highway", "Joslin-Mercer Diabetes Ctr"), not a person's."""
    if last in _GEO_HEADS or last in lex.street_suffixes():
        return Label.LOCATION
    return Label.HOSPITAL if last in lex.facility_keywords() else label


def _prose_line(text: str, sp: Span) -> bool:
    """Whether ``sp``'s line is mixed-case prose (two or more words in lowercase): in a line in capitals or in Title
    Case ("Date of Birth: …") a capital says nothing about a name."""
    line_start = text.rfind("\n", 0, sp.start) + 1
    line_end = text.find("\n", sp.end)
    return sum(w[:1].islower() for w in text[line_start : len(text) if line_end < 0 else line_end].split()) >= 2


def _usually_lowercase(word: str) -> bool:
    """A word that clinical prose writes in lowercase (or never writes): capitalized after a name, it is the name's
    ("Not", "Plenty", "Hoops"); not a month, a weekday, a language or people, a credential, a title, the head of
    an eponym's name ("Scale", "Disease"), or a word written capitalized as often as not (a department, a brand:
    "Neurology", "Emergency")."""
    low = word.lower()
    if _never_runs_on(low) or low in lex.nationalities() or low in lex.eponym_heads():
        return False  # (and "Cincinnati Prehospital Stroke Scale", "Beck Depression Inventory": a test's name)
    counts = lex.clinical_word_counts().get(low)
    return counts is None or counts[1] < counts[0]


_NOT_RUN_ON = frozenset("""the a an and or but dr mr mrs ms miss md rn np do pa phd jr sr ii iii iv lac lcsw lpn cna
    emt pt ot slp rd""".split())


def _never_runs_on(low: str) -> bool:
    """A month, a weekday, a title, a credential or a determiner: no name, a person's or a place's, runs on over it."""
    return low in lex.months() or low in lex.weekdays() or low in _NOT_RUN_ON


def _name_run_ons(spans: list[Span], text: str) -> list[Span]:
    """Step 7: in mixed-case prose, a person's name runs on over up to three capitalized words that clinical prose
    writes in lowercase (``_usually_lowercase``), when a lowercase word, a number, a bracket, a comma or a stop comes
    after them: names of many words ("his uncle Harold Not Afraid who", "Marla Bird In Ground, LAC")."""
    out: list[Span] = []
    k, n = 0, len(spans)
    while k < n:
        sp = spans[k]
        k += 1
        if sp.label not in NAME_LABELS or text[sp.end : sp.end + 1] != " " or not text[sp.end + 1 : sp.end + 2].isupper():
            out.append(sp)
            continue
        if _prose_line(text, sp):
            sp, k = _run_on(spans, k, sp, text)
        if (suffix := _suffix_end(text, sp)) and (k >= n or spans[k].start >= suffix):
            sp = Span(sp.start, suffix, sp.label, sp.score, sp.source)  # "son Ted Jr.", "Prescott Worthington III"
        out.append(sp)
    return out


def _run_on(spans: list[Span], k: int, sp: Span, text: str) -> tuple[Span, int]:
    """``sp`` (a person's name; ``spans[k]`` the span after it) run on over the words of step 7, and the index of the
    first span after it; unchanged when no word runs on."""
    n = len(spans)
    end, taken, absorbed, head = sp.end, 0, k, sp
    while taken < 3 and (m := _RUN_ON_WORD.match(text, end)):
        nxt, named = absorbed, False
        while nxt < n and spans[nxt].start < m.end():
            # a piece the model tagged on its own, or the rest of the name found by a cue ("Marcia Two Moons, RN")
            other = spans[nxt]
            if other.start < m.start(1) or other.end > m.end() or not (
                    other.source.startswith("model:") or other.label in NAME_LABELS):
                break
            named = named or other.label in NAME_LABELS
            head = other if other.label in NAME_LABELS and other.score > head.score else head
            nxt += 1
        else:
            if named or _usually_lowercase(m.group(1)):
                end, taken, absorbed = m.end(), taken + 1, nxt
                continue
        break
    if not taken or not _RUN_ON_END.match(text, end):
        return sp, k
    label = _run_on_label(text[sp.start : end].rsplit(None, 1)[-1].lower(), head.label)
    return Span(sp.start, end, label, max(sp.score, head.score), sp.source), absorbed


# a generational suffix; a numeral only after two names ("Prescott Worthington III"; "Fitzpatrick IV", "Tanner III" are
# a skin type's and a stage's class: ``_suffix_end``)
_NAME_SUFFIX = re.compile(r" (?:Jr\.?|JR\.?|Sr\.?|SR\.?|II|III|IV)(?![\w'’-])")


def _suffix_end(text: str, sp: Span) -> int | None:
    """Where a name's generational suffix after ``sp`` ends ("Ted Jr.", "Prescott Worthington III"), or None."""
    m = _NAME_SUFFIX.match(text, sp.end)
    if m is None or (m.group()[1] in "IV" and " " not in text[sp.start : sp.end].strip()):
        return None
    return m.end()


def _possessives(spans: list[Span], text: str) -> list[Span]:
    """Step 6: a possessive "'s" after a place's or organization's name joins it, and so does a span before
    "'s " and such a name."""
    out: list[Span] = []
    for sp in spans:
        if out:
            prev = out[-1]
            if (sp.label in _PLACE_LABELS and sp.start - prev.end == 3 and text[sp.start - 1] in " \t"
                    and _POSSESSIVE.match(text, prev.end)):
                out[-1] = Span(prev.start, sp.end, sp.label, max(prev.score, sp.score), sp.source)
                continue
        out.append(sp)
    for k, sp in enumerate(out):
        nxt = out[k + 1].start if k + 1 < len(out) else len(text)
        if sp.label in _PLACE_LABELS and sp.end + 2 <= nxt and _POSSESSIVE.match(text, sp.end):
            out[k] = Span(sp.start, sp.end + 2, sp.label, sp.score, sp.source)
    return out


# what a place's name runs on into in mixed-case prose: capitalized words, with "of", "for", "and", "&", "at", "de",
# "the" between them ("Richmond Ambulance Authority", "Mississippi Center for Legal Services", "Embassy of Ghana")
_PLACE_RUN_ON = re.compile(
    r"(?:[ \t]+(?:(?:of|for|and|&|at|de|del|the|on)[ \t]+)?[A-Z][A-Za-z'’.-]*[A-Za-z])+"
)
_PLACE_RUN_ON_LABELS = frozenset({Label.CITY, Label.STATE, Label.COUNTRY, Label.ORGANIZATION, Label.HOSPITAL})
# the last word of a test's, a score's or a study's name: "Iowa Gambling Task", "Boston Naming Test", "Framingham Heart Study"
_INSTRUMENT_HEADS = frozenset("""test task scale score study model criteria classification index questionnaire inventory
    battery staging grade rule rules tool""".split())
_GEO_HEADS = frozenset("""river lake creek park heights hills valley mountain mountains county parish island islands bay beach
    falls springs canyon forest national township district""".split())


def _place_run_ons(spans: list[Span], text: str) -> list[Span]:
    """Step 8: in mixed-case prose a town's, a state's or a country's name followed by capitalized words (up to five,
    joined by "of", "for", "and" …) is the start of a larger name: an organization's ("Richmond Ambulance Authority",
    "Navajo Transit System", "Springfield Strikers"), a place's when it ends in a geographic word ("Caney Fork"
    stays a town's name; "Mississippi River" a location). Not over a month, a weekday, a credential or a
    word written in capitals (an acronym: "Boston ED"), and only before a lowercase word, a number or punctuation."""
    out: list[Span] = []
    k, n = 0, len(spans)
    while k < n:
        sp = spans[k]
        k += 1
        if sp.label not in _PLACE_RUN_ON_LABELS or text[sp.end : sp.end + 1] not in (" ", "\t"):
            out.append(sp)
            continue
        m = _PLACE_RUN_ON.match(text, sp.end)
        if m is None or (k < n and spans[k].start < m.end()):
            out.append(sp)
            continue
        words = m.group().split()
        proper = [w for w in words if w[0].isupper()]
        if (len(proper) > 5 or any(w.isupper() and len(w) > 1 for w in proper)
                or any(_never_runs_on(w.lower()) for w in proper)
                or proper[-1].lower() in _INSTRUMENT_HEADS  # "Iowa Gambling Task"
                or not _RUN_ON_END.match(text, m.end())):
            out.append(sp)
            continue
        if not _prose_line(text, sp):
            out.append(sp)
            continue
        label = sp.label if sp.label in _BODY_LABELS else (
            Label.LOCATION if proper[-1].lower() in _GEO_HEADS else Label.ORGANIZATION)
        out.append(Span(sp.start, m.end(), label, sp.score, sp.source))
    return out
