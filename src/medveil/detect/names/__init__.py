"""Person names: lexicons weighed by frequency, casing where it informs, and context cues.

How a word becomes a name, in three steps:

1. **Prior** — how often this word is a name when it is written at all. The census share of the
   name gives the rate at which it should occur as a name in running text; the English word
   frequency gives the rate at which it occurs at all. ``Smith`` is nearly always a name,
   ``Brown`` about a third of the time, ``Will``, ``Hope`` and ``May`` almost never. Function words,
   clinical shorthand, eponyms, months and weekdays have no prior at all.
2. **Casing** — in a mixed-case line a capitalized word mid-sentence raises the prior, a lowercase
   one lowers it; ALL CAPS or lowercase lines carry no such evidence.
3. **Context** — titles (``Dr.``, ``Mrs``), relations (``wife``, ``dtr``, ``HCP``), signatures and
   credentials (``, MD``, ``RN``), verbs of contact (``seen by``, ``d/w``) and neighbouring names
   ("Mark" next to "Brown") make a word a name whatever the lexicon says, and give it its role.

A word whose final score reaches the resolver's threshold (0.5) is a name.

Where each part lives (``NameDetector.detect_tokens`` below runs the passes in order):

- ``prior`` — steps 1 and 2: what the lexicons say about a word (``word_info``), its prior (``name_prior``), casing;
- ``cues`` — the vocabularies of step 3: titles, relations, staff words, credentials, field labels, particles;
- ``slots`` — the name a cue opens or closes ("Dr. ___", "wife ___", "Patient: ___", "___, MD"), and the loop over
  a note's cue words;
- ``signatures`` — signature lines, dictation stamps and typists' initials at the end of a note;
- ``staff`` — staff in the body of a note ("by T. Brown", "Drs. …", "Tech: JLP", "report received from …");
- ``relatives`` — relatives and people around the patient ("IVY (NEIGHBOR)", children with their ages, pedigrees,
  "sons Wahid and Samiullah");
- ``patients`` — the patient named by a line's shape (a name and an age, a record number, a rounding list);
- ``nicknames`` — names in quotes or brackets, and names spelled out letter by letter;
- ``eponyms`` — words ruled out (eponyms, instruments, drugs, scales, times of day), and first names in the possessive;
- ``mentions`` — the same name elsewhere in the note;
- ``neighbours`` — pairs of names, middle initials, weak names beside strong ones, particles inside a name;
- ``foreign`` — Spanish passages, Vietnamese names, names in their own script;
- ``scan`` — helpers that keep the passes cheap.
"""

from __future__ import annotations

from bisect import bisect_left

from medveil.detect.names.cues import (
    _SPACE,
    CONTACT_VERBS,
    CREDENTIALS,
    CREDENTIALS_AFTER_NAME,
    FIELD_WORDS,
    HEADER_CUES,
    INSTRUMENT_HEADS,
    NOT_AFTER_TITLE,
    PARTICLES,
    PATIENT_TITLES,
    PERSON_ROLES,
    PROVIDER_TITLES,
    RELATIONS,
    SEEN_VERBS,
    SPANISH_TITLES,
    STAFF_WORDS,
    STRONG_LEFT,
)
from medveil.detect.names.eponyms import TIMES_OF_DAY, _eponym_vetoes, _possessive_first_names
from medveil.detect.names.foreign import _in_spanish_passage, _native_script_names, _vietnamese_names
from medveil.detect.names.mentions import _other_mentions, _sentence_start_mentions
from medveil.detect.names.neighbours import _bridge_particles, _middle_initial_names, _neighbours, _pairs
from medveil.detect.names.nicknames import _nicknames, _quoted_names, _spelled_out_names
from medveil.detect.names.patients import (
    _age_statement,
    _initials_before_age_sex,
    _name_age,
    _pt_name_before_id,
    _record_number_names,
    _registered_names,
    _room_list,
)
from medveil.detect.names.prior import (
    _WORD_INFOS,
    FUNCTION_WORDS,
    WordInfo,
    _casing_score,
    name_prior,
    word_info,
)
from medveil.detect.names.relatives import (
    _age_list,
    _appositive_relatives,
    _coordinated_relatives,
    _married_to,
    _paren_relations,
    _pedigree,
    _representatives,
    _self_introductions,
    _visitors,
)
from medveil.detect.names.scan import _at_least, _words_for_gates
from medveil.detect.names.signatures import _dictation_stamp, _labelled_initials, _signature_lines
from medveil.detect.names.slots import _DOT_GAP, _INITIAL_GAP, _cue_words, _dotted_credentials
from medveil.detect.names.staff import (
    STAFF_FIELD_WORDS,
    _care_roles,
    _doctors_list,
    _initial_and_surname_after_by,
    _staff_fields,
)
from medveil.detect.text import MIXED, Token, labels_a_field, token_lowers, token_starts, tokenize
from medveil.document import Document, Span
from medveil.labels import Label


class NameDetector:
    """Finds person names; see the module docstring for the method."""

    name = "names"
    reads_words = True  # also run on the OCR-corrected copy of a scanned note (``detect.ocr``)

    def __init__(self, threshold: float = 0.5, emit_min: float = 0.2):
        self.threshold = threshold
        self.emit_min = emit_min  # weaker candidates are emitted too, for a second-pass model to judge

    def detect(self, doc: Document) -> list[Span]:
        return self.detect_tokens(doc.text, tokenize(doc))

    def detect_tokens(self, text: str, tokens: list[Token]) -> list[Span]:
        n = len(tokens)
        scores = [0.0] * n
        roles: list[str | None] = [None] * n
        starts = token_starts(tokens)

        def token_at(pos: int) -> int:
            """Index of the first token starting at or after ``pos``."""
            return bisect_left(starts, pos)

        def tokens_within(start: int, end: int, limit: int) -> list[int]:
            k = token_at(start)
            return [q for q in range(k, min(n, k + limit)) if tokens[q].end <= end]

        infos = list(map(_WORD_INFOS.__getitem__, token_lowers(tokens)))
        # the few words of a note that can score or are cues, found in one pass (a likely first name can score)
        flagged = [i for i, w in enumerate(infos) if w.scorable or w.cue]
        scorable = [i for i in flagged if infos[i].scorable]
        # lexicon prior, adjusted by casing (only words that can score: most words of a note cannot)
        for i in scorable:
            w = infos[i]
            if w.prior >= 0.01:  # below this even a capitalized mid-sentence word stays under emit_min
                scores[i] = _casing_score(tokens[i], w.prior)
            elif not w.known_word and not w.blocked and not w.first and not w.last and not w.stop:
                t = tokens[i]
                if t.casing == MIXED and t.is_title and not t.sentence_start and len(t.lower) >= 2:
                    scores[i] = 0.4  # a capitalized word no dictionary knows: a name only with one more signal
        foreign = _in_spanish_passage(tokens, infos, scores, scorable, text)
        # context cues
        _cue_words(tokens, infos, text, flagged, token_at, scores, roles)
        _dotted_credentials(tokens, text, token_at, scores, roles)
        # patterns over the text (signatures, "(relation)", age statements …) mapped back onto tokens
        tail_start = max(0, len(text) - max(200, len(text) // 4))
        _signature_lines(tokens, infos, text, tail_start, token_at, scores, roles)
        stamp_initials = _dictation_stamp(tokens, text, tail_start, token_at, scores, roles)
        _staff_fields(tokens, text, scores, roles)
        _nicknames(tokens, infos, text, token_at, scores, roles, self.threshold)
        low = _words_for_gates(text)
        _paren_relations(tokens, infos, text, token_at, scores, roles)
        if "(" in text:
            _age_list(tokens, infos, text, token_at, scores, roles, self.threshold)
        _doctors_list(tokens, infos, text, tokens_within, scores, roles)
        _pedigree(tokens, infos, text, tokens_within, scores, roles)
        _appositive_relatives(tokens, infos, text, tokens_within, scores, roles)
        _married_to(tokens, text, low, token_at, scores, roles)
        _visitors(tokens, infos, text, low, tokens_within, scores, roles)
        _self_introductions(tokens, infos, text, low, tokens_within, scores, roles)
        _representatives(tokens, infos, text, low, tokens_within, scores, roles)
        _quoted_names(tokens, infos, text, low, tokens_within, scores, roles)
        _spelled_out_names(tokens, text, token_at, scores, roles)
        _initials_before_age_sex(tokens, text, tokens_within, scores, roles)
        _pt_name_before_id(tokens, infos, text, low, tokens_within, scores, roles)
        _registered_names(tokens, infos, text, low, tokens_within, scores, roles)
        _care_roles(tokens, text, low, token_at, tokens_within, scores, roles)
        _middle_initial_names(tokens, infos, text, tokens_within, scores, roles)
        _room_list(tokens, infos, text, tokens_within, scores, roles)
        _record_number_names(tokens, infos, text, low, tokens_within, scores, roles)
        _name_age(tokens, infos, text, tokens_within, scores, roles)
        _age_statement(tokens, infos, text, low, token_at, scores, roles)
        vetoed = _eponym_vetoes(tokens, infos, text, scores, roles, foreign, self.threshold)
        _vietnamese_names(tokens, infos, text, scores, roles, vetoed)
        _coordinated_relatives(tokens, infos, text, scores, roles, vetoed)
        if "by " in text or "By " in text or "Drs" in text or "per " in text:
            _initial_and_surname_after_by(tokens, infos, text, starts, scores, roles, vetoed)
        # the same name elsewhere in the note: a word a cue made a name ("PATIENT NAME: Liam Van der Berg") is that
        # person's name where it appears again ("the care of Liam"), written as a name is in the note
        _other_mentions(tokens, infos, text, scores, roles, vetoed)
        _pairs(tokens, infos, text, scorable, scores, vetoed)
        _neighbours(tokens, infos, text, scores, roles, vetoed, stamp_initials, self.threshold)
        _sentence_start_mentions(tokens, infos, text, scores, roles, vetoed, stamp_initials, self.threshold)
        _bridge_particles(tokens, text, scores, roles, self.threshold)
        spans: list[Span] = []
        emit_min = self.emit_min
        for i in _at_least(emit_min, scores):
            t = tokens[i]
            if scores[i] < 0.5 and roles[i] is None and _WORD_INFOS[t.lower].known_word and labels_a_field(text, t.start, t.end):
                continue  # "Signature: ____   Payer: Medicaid": a weak name that is a field's label
            start = t.start
            # a middle or first initial right before: "J. Smith", "John A. Smith"
            if i > 0 and len(tokens[i - 1].text) == 1:
                p = tokens[i - 1]
                gap = text[p.end : t.start]
                credential = p.start >= 2 and text[p.start - 1] == "." and (text[p.start - 2] + p.text).lower() in CREDENTIALS
                if ((p.text.isupper() and _INITIAL_GAP.fullmatch(gap)) or (p.casing != MIXED and _DOT_GAP.fullmatch(gap))) and not credential:
                    start = p.start  # (not the "D" of "M.D. ART/dmh")
            end = t.end
            # a trailing initial: "Emily R.", "SMITH J"
            if i + 1 < n and scores[i + 1] < emit_min:
                q = tokens[i + 1]
                if len(q.text) == 1 and q.text.isupper() and _SPACE.fullmatch(text, t.end, q.start):
                    after = text[q.end : q.end + 1]
                    if after in (".", ",", "") or after.isspace():
                        end = q.end + (1 if after == "." else 0)
            score, role = scores[i], roles[i]
            why = "names:cue" if role else ("names:lexicon" if score >= 0.5 else "names:weak")
            spans.append(Span(start, end, role or Label.PERSON, round(min(score, 0.99), 3), why))
        for i in sorted(vetoed):  # the words ruled out above: a second pass tags them only beside a flagged word
            if scores[i] == 0.0:
                spans.append(Span(tokens[i].start, tokens[i].end, Label.PERSON, 0.0, "names:veto"))
        if "'s" in text or "’s" in text:
            spans.extend(_possessive_first_names(text, {sp.start for sp in spans if sp.score >= emit_min}))
        if not text.isascii() and ("(" in text or "（" in text):
            spans.extend(_native_script_names(text, spans, self.threshold))
        spans.extend(_labelled_initials(text, low))
        return spans


# the detector, and the names other modules import from here (the vocabularies and word facts live in the submodules)
__all__ = [
    "NameDetector",
    "WordInfo",
    "word_info",
    "name_prior",
    "CONTACT_VERBS",
    "CREDENTIALS",
    "CREDENTIALS_AFTER_NAME",
    "FIELD_WORDS",
    "FUNCTION_WORDS",
    "HEADER_CUES",
    "INSTRUMENT_HEADS",
    "NOT_AFTER_TITLE",
    "PARTICLES",
    "PATIENT_TITLES",
    "PERSON_ROLES",
    "PROVIDER_TITLES",
    "RELATIONS",
    "SEEN_VERBS",
    "SPANISH_TITLES",
    "STAFF_FIELD_WORDS",
    "STAFF_WORDS",
    "STRONG_LEFT",
    "TIMES_OF_DAY",
]
