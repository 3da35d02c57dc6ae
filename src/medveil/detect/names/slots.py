"""The name slot a cue opens: the words right after a title, a relation, a field label or a staff word ("Dr. Smith",
"wife Mary", "Patient: BLACK, DANNY", "seen by DYLAN"), the words right before a credential ("Smith, MD",
"r. dizon, rn"), and the loop over a note's cue words that applies them.
"""

from __future__ import annotations

import re

from medveil import lexicons as lex
from medveil.detect.names.cues import (
    _ALL_CUES,
    _CARE_UNITS,
    _CLAUSE_END,
    _COMMA_GAP,
    _DETERMINERS,
    _DOTTED_CREDENTIAL,
    _DOTTED_HINT,
    _DOTTED_ROLE_TITLES,
    _HANDOFF_TO,
    _HEADER_GAP,
    _LOWER_CREDENTIALS,
    _NEWBORN,
    _NURSE_KINDS,
    _ROLE_TITLES,
    _SIZE_BEFORE,
    _SPACE,
    _SPELLED_TITLES,
    CONTACT_VERBS,
    CREDENTIALS,
    CREDENTIALS_AFTER_NAME,
    FIELD_WORDS,
    HEADER_CUES,
    NOT_AFTER_TITLE,
    PARTICLES,
    PATIENT_TITLES,
    PERSON_ROLES,
    PROVIDER_TITLES,
    RELATIONS,
    SEEN_VERBS,
    SPANISH_TITLES,
    STAFF_WORDS,
    _hyphen_cue,
)
from medveil.detect.names.eponyms import _is_head
from medveil.detect.names.prior import (
    _WORD_INFOS,
    _casing_score,
    _is_rare,
    _is_unknown,
    _name_like,
    _odds,
    _rare_name_word,
)
from medveil.detect.text import MIXED, Token
from medveil.labels import Label

_INITIAL_GAP = re.compile(r"\.?[ \t]+")  # after an initial: "J. Smith", "J Smith"
_DOT_GAP = re.compile(r"\.[ \t]+")
_INITIAL_COMMA_GAP = re.compile(r"\.[ \t]*,[ \t]*")  # an initial's full stop, then a comma before a credential: "K. , M.D."
_DOT_SPACE = re.compile(r"\.[ \t]*")
_WRAPPED_GAP = re.compile(r"\.?[ \t]*\n[ \t]*")  # "Dr.\nSmith"
_TITLE_GAP = re.compile(r"\.?[ \t]*[:\-]?[ \t]*")  # "Dr. Smith", "Dr: Smith"
_NUMBER_BEFORE = re.compile(r"\d[ \t]*$")
_CUE_GAP = re.compile(r"[ \t]*[:,\-(]?[ \t]*")  # "wife - Mary", "NP, Bond", "Mom (Carolina)"
_GIVEN_NAME_END = re.compile(r"[ \t]+[A-Z]\.?(?:[ \t]{2}|[ \t]*(?:\n|$))|[ \t]*(?:\n|$|[ \t]{2}|\t)")
_FIELD_NEXT_GAP = re.compile(r" ?,[ \t]*|\^")  # "SMITH, JOHN", HL7 "CASE^PAM", tokenized "SMITH , JOHN"
# what a relative named right before it did: called, visited, was at the bedside ("daughter may called at 2000")
_VISITOR_DOES = re.compile(
    r"[ \t]+(?:called|phoned|visited|visiting|came[ \t]+in|in[ \t]+to[ \t]+visit|at[ \t]+(?:the[ \t]+)?bedside|updated|aware)\b", re.I)
# the ending of an English verb, adjective or adverb, or a hyphenated word: a rare word so formed ("interprets",
# "uninfected", "forcible", "re-taught") is no name, though English lists hold it seldom
_ENGLISH_INFLECTION = re.compile(r"-|(?:ed|ing|ly|es|s|able|ible|ous|ive|ful|less|ness|ment|ish|al)\Z")


def _staff_name_slot(t: Token) -> bool:
    """A word that can be the name in a staff slot ("seen by ___"): a lexicon name or an unknown or rare
    word, capitalized where the writer's casing informs, and not a plain, clinical or field word."""
    w = _WORD_INFOS[t.lower]
    if w.blocked or (w.stop and not (w.first or w.last)) or t.lower in NOT_AFTER_TITLE or t.lower in FIELD_WORDS:
        return False
    if w.stop and t.lower in lex.nationalities():
        return False  # "Language: Spanish (pt)": a language, though also a surname
    if t.lower in lex.clinical_abbreviations():
        return False  # "placed by IR", "seen by GI"
    if t.casing == MIXED and not (t.is_title or t.is_upper):
        return False
    if t.lower in lex.clinical_word_counts() and (not (w.first or w.last) or w.prior < 0.02):
        return False  # "pain (pt)", "seen by neurology"
    return w.first or w.last or _is_unknown(t) or _is_rare(t)


_SIGNATURE_DASH = re.compile(r"[ \t]*(?:--?|—|–)[ \t]*")
_MORE_CREDENTIALS = re.compile(r"(?:[ \t]*,[ \t]*[a-z]{2,6})*[ \t.]*(?:\n|$)", re.IGNORECASE)  # "rn, cnn"


def _lowercase_signature(text: str, name_end: int, cred: Token) -> bool:
    """Whether the credential ``cred`` closes a signature line whose name (ending at ``name_end``) is in lowercase:
    after a comma ("r. dizon, rn") or on a line opened by a dash ("-- r. duval rn", "-- kayla s. RN"), the
    credential last on the line but for more credentials ("rn, cnn")."""
    if not _MORE_CREDENTIALS.match(text, cred.end):
        return False
    ls = text.rfind("\n", 0, name_end) + 1
    dash = _SIGNATURE_DASH.match(text, ls)
    if dash is not None and dash.end() > ls:
        ls = dash.end()
    elif not _COMMA_GAP.fullmatch(text, name_end, cred.start):
        return False
    name = text[ls:name_end]
    return len(name) <= 40 and name.islower()


def _mark_staff(ks: list[int], tokens: list[Token], scores: list[float], roles: list[str | None]) -> None:
    """Mark the words of a staff slot (indexes nearest first) while they can be a name."""
    for taken, k in enumerate(ks):
        if not _staff_name_slot(tokens[k]):
            break
        scores[k] = max(scores[k], 0.85 if taken == 0 else 0.75)
        roles[k] = roles[k] or Label.PROVIDER


def _prev_words(tokens: list[Token], i: int, text: str, n: int = 2) -> list[str]:
    """Up to ``n`` lowercase words before token ``i`` on the same line (nearest first)."""
    out = []
    j = i - 1
    while j >= 0 and len(out) < n:
        if "\n" in text[tokens[j].end : tokens[j + 1].start] and not out:
            break
        out.append(tokens[j].lower)
        j -= 1
    return out


# the end of a field value; a remark in brackets may follow the name ("Caller: Will Ashby (father)")
# the end of a field value, also after an initial's full stop ("Name: Foley, Patrick J.      MRN: …")
_FIELD_END = re.compile(r"\.?(?:[ \t]*(?:$|[\r\n|<])|\t|[ \t]{2})|[ \t]+\([^()\n]{1,40}\)", re.MULTILINE)
_CREDENTIAL_AFTER = re.compile(r"[ \t]?,?[ \t]*" + _DOTTED_CREDENTIAL.pattern, re.IGNORECASE)  # "M.D.", "R.N" (no final stop)
_VALUE_GAP = re.compile(r"[ \t]?| ?,[ \t]?|\.[ \t]?|\^|[ \t]?[\"“”][ \t]?")  # inside a field value: "SMITH, JOHN", "J. Smith",
# HL7 "CASE^PAM", a nickname in quotes ('Suresh "Suri" Khurana'), and the tokenized "OKONJO , ADAEZE N" of exports that
# put a space before every punctuation mark


def _header_name_value(tokens: list[Token], text: str, i: int) -> list[int]:
    """The tokens of the field value after the label at ``i`` when the whole value looks like a person's name.

    The value runs to the end of the field (a line break, a tab, two spaces, ``|``); it is a name when it
    has 1-4 words, each capitalized (in a mixed-case line) and none a field word or a plain function
    word, and at least one is a clear name (a lexicon name with some prior, a word no lexicon knows, or one
    rare in English and in notes).
    Words that are usually not names are then taken too: "BLACK, DANNY", "COLON, GAVIN", "Till Scheel".
    """
    out: list[int] = []
    j = i + 1
    value_end = -1  # where the field's value ends, when credentials close the name
    while j < len(tokens) and len(out) < 7:
        gap = text[tokens[j - 1].end : tokens[j].start]
        if j > i + 1 and not _VALUE_GAP.fullmatch(gap):
            break
        dotted = _CREDENTIAL_AFTER.match(text, tokens[j - 1].end) if out else None
        if out and (tokens[j].lower in CREDENTIALS or dotted):
            # "Kendra Fisher, DO", "Ana McLeod, M.D.": the credential closes the name, and the field ends after the
            # credentials ("Attending: Delacroix, M. MD     Resident: …")
            value_end = dotted.end() if dotted else tokens[j].end
            q = j + 1
            while q < len(tokens) and tokens[q].lower in CREDENTIALS and _VALUE_GAP.fullmatch(text, tokens[q - 1].end, tokens[q].start):
                value_end = tokens[q].end
                q += 1
            break
        out.append(j)
        j += 1
    # at most four words besides particles ("Lopez Garza, Maria de los Angeles")
    if not out or len(out) > 6 or sum(tokens[k].lower not in PARTICLES for k in out) > 4:
        return []
    if not (_FIELD_END.match(text, tokens[out[-1]].end) or (value_end >= 0 and _FIELD_END.match(text, value_end))):
        return []  # the value goes on with something that is not a name: "Patient: Smith (see below)"
    clear = 0
    for k in out:
        t = tokens[k]
        w = _WORD_INFOS[t.lower]
        # a word that follows a title as a verb is a first name before another word of the name ("Caller: Will Ashby")
        given = w.first and t.is_title and k != out[-1]
        if t.lower in FIELD_WORDS or t.lower in RELATIONS or t.lower in PERSON_ROLES or (t.lower in NOT_AFTER_TITLE and not given):
            return []
        if t.lower in PARTICLES and k not in (out[0], out[-1]):
            continue  # "Maria de los Angeles", "Layla bint Abdul-Rahman"
        if t.casing == MIXED and not (t.is_title or t.is_upper):
            return []
        if len(t.text) == 1 or t.lower in PARTICLES:
            continue
        if w.stop and not (w.first or w.last):
            return []
        if ((w.first or w.last) and w.prior >= 0.3) or _is_unknown(t) or (
                # capitalized in a mixed-case line, a word rare in English and in notes, and no drug: "Suresh",
                # "Khurana" (names the census lists miss); in capitals "RE: SWALLOW EVAL" would be one too
                t.casing == MIXED and t.is_title and len(t.lower) >= 3 and _is_rare(t) and t.lower not in lex.drug_names()):
            clear += 1
    return out if clear else []


def _surname_after_first(t, prev, w) -> bool:
    """After a title and a first name, a rare word written like it is the surname ("dr Ewa Strug", "DR EWA
    STRUG"), even when a lexicon reads it as a typo of a known word."""
    return (
        _WORD_INFOS[prev.lower].first and not w.stop and lex.word_frequency(t.lower) < 3.0
        and ((t.is_title and prev.is_title) or (t.is_upper and prev.is_upper and len(t.text) > 1))
    )


def _first_name_before_surname(tokens, text: str, j: int, w) -> bool:
    """Right after a title, a capitalised first name that is also a usual follower ("will", "may") when a likely
    surname follows it, capitalised, after one space: "Dr. Will Hartigan" (not "Dr. will see")."""
    t = tokens[j]
    if not (w.first and t.is_title and t.casing == MIXED and j + 1 < len(tokens)):
        return False
    nxt = tokens[j + 1]
    nw = _WORD_INFOS[nxt.lower]
    # a surname that is also a word will do when it is capitalized too ("Mr. Will Hope", "Mr. Will Grant"), but not a word
    # almost never a name ("Dr. Will Call")
    return (nxt.is_title and not nw.stop and nw.last and nw.prior >= 0.003
            and _SPACE.fullmatch(text, t.end, nxt.start) is not None)


def _first_before_clear_surname(tokens, text: str, j: int, w) -> bool:
    """A first name that is also a word, written as a name (capitalised, or in a capitals line), before a surname a
    word could hardly be (a likely surname or a word no lexicon knows, written the same way) after one space."""
    t = tokens[j]
    if not (w.first and not w.stop and not w.blocked and (t.is_title or t.is_upper) and j + 1 < len(tokens)):
        return False
    nxt = tokens[j + 1]
    nw = _WORD_INFOS[nxt.lower]
    if nw.stop or nw.blocked or not (nxt.is_title or nxt.is_upper) or _SPACE.fullmatch(text, t.end, nxt.start) is None:
        return False
    return (nw.last and nw.prior >= 0.3) or _is_unknown(nxt)


def _lowercase_first_before_clear_surname(tokens, text: str, j: int, w) -> bool:
    """In a note without casing, a first name that is also a word ("will", "hope") before a surname no word could be
    (a last name rare in English and never clinical) after one space, both lowercase: "nurse will okafor", "son may nguyen"
    (not "staff will price", "nurse will call")."""
    t = tokens[j]
    if not (w.first and not w.blocked and t.casing != MIXED and t.text.islower() and j + 1 < len(tokens)):
        return False
    nxt = tokens[j + 1]
    nw = _WORD_INFOS[nxt.lower]
    return (nxt.text.islower() and nw.last and not nw.stop and lex.word_frequency(nxt.lower) < 4.0
            and nxt.lower not in lex.clinical_word_counts() and _SPACE.fullmatch(text, t.end, nxt.start) is not None)


def _surname_word_after_first(tokens, text: str, j: int, w) -> bool:
    """After a title and a likely first name, a capitalised surname that is also a plain word or an eponym
    ("Dr. Sara White", "Dr. Eamon Foley"), unless an eponym's head follows ("Foley catheter", "Parkinson disease")."""
    t, prev = tokens[j], tokens[j - 1]
    if not (w.last and t.is_title and t.casing == MIXED and prev.is_title and _WORD_INFOS[prev.lower].likely_first):
        return False
    if j + 1 < len(tokens) and _SPACE.fullmatch(text, t.end, tokens[j + 1].start):
        return not _is_head(tokens[j + 1].lower, lex.eponym_heads())
    return True


def _title_name_alone(tokens, text: str, k: int) -> bool:
    """After a title, the last word taken as a possible part of a longer name stands alone: a particle
    ("Dr. Le for …", "Dr. Du were …") or a capital initial written with a full stop ("Dr. A. at …")."""
    t = tokens[k]
    if t.lower in PARTICLES:
        return True
    return len(t.text) == 1 and t.text.isupper() and text[t.end : t.end + 1] == "."


# what follows a person's name and never a modal's or a verb's own use: a bracket or a stop, a preposition of place,
# "and", a verb of speech or presence in the past or present, a verb in -ing ("son will driving up")
_AFTER_A_NAME = re.compile(
    r"[ \t]*(?:[,.;:(+&]|\r?\n|$|(?:at|is|was|and|asks?|asked|states?|stated|says|said|called|calls|visited|visits|"
    r"present|here|there|aware|updated|notified|arrived|arrives|reports?|reported|\w{3,}ing)\b)", re.MULTILINE)


def _cue_right(tokens, text, i, scores, roles, role, *, strength, max_tokens, strong=False, header=False) -> None:
    """Mark up to ``max_tokens`` name-like words right after the cue at ``i`` on the same line."""
    cue = tokens[i]
    xml = header and text[cue.start - 1 : cue.start] == "<" and text[cue.end : cue.end + 1] == ">"
    # a title that may be a plain word, after which only a name-like word is taken: "MR." or "MS." in capitals
    # amid mixed-case text (mitral regurgitation, multiple sclerosis: "underlying MR. Speech", "remitting MS. I
    # feel"), a spelled-out title after a determiner ("if a doctor uses phrases"; still "the doctor Oyelaran")
    loose_title = (cue.lower in PATIENT_TITLES and cue.text.isupper() and cue.casing == MIXED) or (
        cue.lower in _SPELLED_TITLES and i > 0 and tokens[i - 1].lower in _DETERMINERS)
    j = i + 1
    n = len(tokens)
    taken = 0
    pending_initials: list[int] = []
    while j < n and taken < max_tokens:
        t = tokens[j]
        gap = text[tokens[j - 1].end : t.start]
        wrapped = not header and j == i + 1 and "\n" in gap and _WRAPPED_GAP.fullmatch(gap) is not None
        if ("\n" in gap or len(gap) > 3) and not wrapped:
            break
        if wrapped:
            pass  # "Dr.\nSmith": a name wrapped onto the next line
        elif j == i + 1:
            # "Dr. Smith", "dr smith", "Attending: Smith", "wife - Mary", "NP, Bond"
            if header:
                if not _HEADER_GAP.fullmatch(gap):
                    break
            elif not (_TITLE_GAP if strong else _CUE_GAP).fullmatch(gap) or not gap or ("(" in gap and role != Label.RELATIVE):
                break  # a bracket opens a name only after a relation ("Mom (Carolina)", not "MD (PGY-2)")
        elif not (
            _SPACE.fullmatch(gap)
            or (pending_initials and pending_initials[-1] == j - 1 and _DOT_SPACE.fullmatch(gap))  # after an initial
            or (header and taken == 1 and _FIELD_NEXT_GAP.fullmatch(gap))  # "SMITH, JOHN", HL7 "CASE^PAM"
            or (xml and "<" not in gap and "\n" not in gap)
        ):
            break
        if cue.lower in CREDENTIALS and (t.lower in CREDENTIALS or (j == i + 1 and "," in gap and t.is_upper and t.casing == MIXED)):
            break  # "Samuel Oyelaran, MD, FACS", "MD, FHRS": a credential after a credential is none of a name
        if taken and t.lower in CREDENTIALS and (len(t.lower) >= 3 or (t.is_upper and t.casing == MIXED)):
            break  # "cc: S. Kuzmina, ARNP": the credential after the name is none of it
        if (taken and t.casing == MIXED and t.text.islower() and tokens[j - 1].is_title and not header
                and t.lower not in PARTICLES and _WORD_INFOS[t.lower].known_word):
            break  # "Mi esposo Ramón Cruz está en Texas": a lowercase word after a capitalized name, amid mixed case
        w = _WORD_INFOS[t.lower]
        if len(t.text) == 1 and j + 1 < n and (t.text.isupper() or (strong and text[t.end : t.end + 1] == ".")):
            pending_initials.append(j)  # an initial counts only if a name follows
            j += 1
            continue
        if t.lower in PARTICLES and j + 1 < n and (taken or strong or tokens[j + 1].is_title):
            pending_initials.append(j)  # "le Hamel", "C. de Kamp", "van der Berg"
            j += 1
            continue
        if taken == 0 and not strong and not pending_initials and t.lower in ("is", "was", "are"):
            j += 1  # "hcp is Theo"
            continue
        # "PATIENT: BROWN, WILL T", "Patient: King, Hope D.": the given name after a field's surname and its comma,
        # a first name that is also a word, before an initial or the slot's end
        given = (header and taken == 1 and "," in gap and w.first and (t.is_title or t.is_upper)
                 and _GIVEN_NAME_END.match(text, t.end) is not None)
        if w.blocked and not given:
            break
        if (not strong or loose_title) and w.prior < 0.3 and not (t.casing != MIXED or t.is_title or t.is_upper) and not (
                # "husband babatunde and daughter ife at bedside": right after a relation, a word no lexicon knows or
                # a word rare in English (``_rare_name_word``), in lowercase amid mixed-case text
                taken == 0 and role == Label.RELATIVE and cue.lower in RELATIONS and t.text.islower()
                and (_is_unknown(t) or (w.first and lex.word_frequency(t.lower) < 3.0)
                     or (_rare_name_word(t.lower, w) and not _ENGLISH_INFLECTION.search(t.lower))
                     # "Wife faith at bedside", "Husband grant asking": a first name that is also a word, before what
                     # follows a name and never its verb (modals such as "will" and "may" are blocked words already)
                     or (w.first and _AFTER_A_NAME.match(text, t.end) is not None))
                and t.lower not in lex.clinical_word_counts()):
            break  # "wife very supportive", "MR enterography"; but "wife mary called" even in a mixed-case note
        if xml:
            # an XML field (<name>CASE^PAM</name>): its whole value is the name
            ok = not w.blocked
        elif strong and not header and taken == 0 and not loose_title:
            # "Dr. Day", "DR SEVEN", "Mrs. Hope": after a title any word is a name but the usual followers
            ok = (t.lower not in NOT_AFTER_TITLE and t.lower not in FIELD_WORDS and not (w.stop and not (w.first or w.last))
                  # "Dr. Will Hartigan", "Dr. May Lee": a usual follower that is a first name, before a likely surname
                  or _first_name_before_surname(tokens, text, j, w))
        elif strong:
            # a field label, or a second word after a title: a word a name could be, not a plain English word;
            # after a particle any capitalized word ("Dr. Cecilia Le Roux", "Dr. Anna van Dam")
            ok = (
                (w.prior >= 0.01 or not w.known_word
                 # after a particle, a capitalized word, or any word of a line in capitals ("MR. PHAM VAN LOC")
                 or (taken and (t.is_title or t.casing != MIXED) and tokens[j - 1].lower in PARTICLES)
                 or (taken == 1 and _surname_after_first(t, tokens[j - 1], w))
                 # "Dr. Bartholomew Ng", "Dr. Anna Do": a short surname that is also shorthand, written as a name
                 or (taken == 1 and w.last and len(t.text) <= 3 and t.is_title and t.casing == MIXED
                     and tokens[j - 1].is_title and _WORD_INFOS[tokens[j - 1].lower].first)
                 # "Dr. Sandeep Mehra": a capitalised word rare in English after the first, in mixed-case text
                 or (taken and t.is_title and t.casing == MIXED and tokens[j - 1].is_title and _rare_name_word(t.lower, w))
                 # "Dr. Sara White", "Dr. Eamon Foley": a surname that is also a word or an eponym, after a likely
                 # first name, no eponym's head after it
                 or (taken == 1 and _surname_word_after_first(tokens, text, j, w))
                 # "ATTENDING: T. MBEKI": after an initial, a word rare in English (in capitals or in a name's casing)
                 or (taken == 0 and pending_initials and (t.is_title or t.is_upper) and _rare_name_word(t.lower, w))
                 ) and t.lower not in FIELD_WORDS and t.lower not in NOT_AFTER_TITLE
            ) or given
            if not ok and header and taken == 0 and (t.is_title or t.is_upper) and not w.stop and j + 1 < n:
                # "Patient: Till Scheel", "Re: Ha Mai": a capitalized word before a surname
                nxt = tokens[j + 1]
                ok = _SPACE.fullmatch(text, t.end, nxt.start) is not None and _name_like(nxt) and _WORD_INFOS[nxt.lower].prior >= 0.3
            if taken == 0 and t.lower in PERSON_ROLES:
                ok = False  # "To: Officer Dunn": a title; the role word then cues the name itself
        else:
            ok = (
                ((w.first or w.last) and (w.prior >= 0.005 or (t.casing == MIXED and t.is_title)))
                or _is_unknown(t)
                # "HIS BRO APOLLO": after a relation, a word that is rare in English and not clinical
                or ((w.first or w.last) and not w.stop and lex.word_frequency(t.lower) < 4.0
                    and t.lower not in lex.clinical_word_counts())
                # "grandma fanta", "dad (Vinod)": a word rare in English, not clinical, no lexicon's name (in a
                # lowercase note only right after the cue: "sister ivy visitting"; never after a credential,
                # which ends a name: "jennifer rn toady")
                # ("RN Faith Mbeki": after a credential before the name, a capitalised second word)
                # "daughter may called", "son will at bedside": a first name that is a common word, right after a
                # relation and before what a visitor or caller does
                or (taken == 0 and w.first and cue.lower in RELATIONS and _VISITOR_DOES.match(text, t.end) is not None)
                # "DAUGHTER JUNE PRICE-ADEBAYO", "son Will Okonkwo": a first name that is a common word, right after a
                # relation and before a clear surname
                or (taken == 0 and cue.lower in RELATIONS and _first_before_clear_surname(tokens, text, j, w))
                or (taken == 0 and (cue.lower in RELATIONS or cue.lower in STAFF_WORDS)
                    and _lowercase_first_before_clear_surname(tokens, text, j, w))
                or (_rare_name_word(t.lower, w)
                    and (cue.lower not in CREDENTIALS or (taken and t.is_title and t.casing == MIXED))
                    and ((t.is_title or t.is_upper or (taken == 0 and cue.lower in RELATIONS and not _ENGLISH_INFLECTION.search(t.lower)))
                         if t.casing == MIXED
                         else taken == 0))
            ) and t.lower not in RELATIONS and t.lower not in PERSON_ROLES  # "Niece is HCP", "Guardian: Atty. Pell"
        if not ok:
            break
        for k in pending_initials:
            scores[k] = max(scores[k], strength)
            roles[k] = roles[k] or role
        pending_initials.clear()
        scores[j] = max(scores[j], strength if taken == 0 else strength - 0.1)
        roles[j] = role
        taken += 1
        j += 1
    if strong and not header and taken == 0 and pending_initials and _title_name_alone(tokens, text, pending_initials[-1]):
        # "Dr. Du were", "dr n. le aware", "Dr. A. at Stanford", "Mr. W., who": what followed the title was the name
        for k in pending_initials:
            scores[k] = max(scores[k], strength)
            roles[k] = roles[k] or role


def _mark(tokens, infos, ks, scores, roles, role, strength, strict=True) -> None:
    """Mark the name-like tokens among ``ks`` with ``role`` (``strict=False``: every word but function words)."""
    for k in ks:
        t = tokens[k]
        w = infos[k]
        particle = t.lower in PARTICLES and k - 1 in ks and k + 1 in ks  # "van" in "Edward van Mullen"
        if not particle:
            if w.blocked or (strict and (w.stop or (w.known_word and not (w.first or w.last)))):
                continue
            if t.casing == MIXED and not (t.is_title or t.is_upper):
                continue
        scores[k] = max(scores[k], strength)
        if roles[k] is None or (roles[k] == Label.PERSON and role != Label.PERSON):
            roles[k] = role  # a role says more than "someone" ("Maria K. Sandhu, 61 F" opening a note: the patient)


def _surname_before(t) -> bool:
    """A capitalized word that may be a surname before ", <initial> <credential>" (not a stop word or a blocked one)."""
    w = _WORD_INFOS[t.lower]
    return (t.is_title or t.is_upper) and len(t.text) > 1 and not w.stop and (
        w.last or w.first or (not w.blocked and lex.word_frequency(t.lower) < 3.5))


def _cue_left(tokens, text, i, scores, roles, role, lowercase: bool = False) -> None:
    """Mark the name right before a credential ("Smith, MD", "J Smith RN"); with ``lowercase``, also in
    lowercase on a mixed-case line ("r. dizon, rn")."""
    j = i - 1
    # "Liam Foley, PT, DPT", "Karen Brandvold, MS, RD, LDN": credentials that are also words or titles, listed in
    # capitals after a comma before the one that cued, are none of the name; so are credentials in any casing ("Omar
    # Aziz, PharmD, FACS")
    while (j > 0 and tokens[j].lower in CREDENTIALS_AFTER_NAME and (tokens[j].is_upper or tokens[j].lower in CREDENTIALS)
           and _COMMA_GAP.fullmatch(text, tokens[j].end, tokens[j + 1].start)
           and _COMMA_GAP.fullmatch(text, tokens[j - 1].end, tokens[j].start)):
        j -= 1
    taken = 0
    while j >= 0 and taken < 3:
        t = tokens[j]
        gap = text[t.end : tokens[j + 1].start]
        if ("\n" in gap or (len(gap) > 3 and not (taken == 0 and _INITIAL_COMMA_GAP.fullmatch(gap))) or ":" in gap or "|" in gap
                or ";" in gap or ")" in gap or t.lower in HEADER_CUES or t.lower in STAFF_WORDS or t.lower in CONTACT_VERBS):
            # "SURGEON: Harold Kingsley, MD": the field label before the name is none of it; nor is the entry before
            # it in a list ("Oladipo (pulm/IP); Hope Arceneaux, RN")
            break
        w = _WORD_INFOS[t.lower]
        if t.lower in _CARE_UNITS and t.is_upper and t.casing == MIXED:
            break  # "Report called to ED RN Jamal": a unit, not a name (in capitals on a mixed-case line)
        if t.lower in PARTICLES and taken and j > 0 and _INITIAL_GAP.fullmatch(text, tokens[j - 1].end, t.start):
            scores[j] = max(scores[j], 0.8)  # "Diane le Thierry, MD", "Baldassare H. de Traversa, MD"
            roles[j] = role
            j -= 1
            continue
        # the "r." of "r. dizon, rn", the "t." of "megan t. rn" (in lowercase)
        small_initial = (lowercase or t.casing != MIXED) and len(t.text) == 1 and t.text.islower() and gap.startswith(".")
        # a middle initial ("Anil K. Mehta, MD"): the name goes on to its left
        middle_initial = len(t.text) == 1 and t.text.isupper() and (
            (taken and _INITIAL_GAP.fullmatch(gap) is not None) or (not taken and _INITIAL_COMMA_GAP.fullmatch(gap) is not None))
        # a surname, a comma and the given name's initial right before the credential: "Hruska, L RN", "Madsen, K. RN"
        if (not taken and len(t.text) == 1 and t.text.isupper() and j > 0 and _INITIAL_GAP.fullmatch(gap)
                and _COMMA_GAP.fullmatch(text, tokens[j - 1].end, t.start) and _surname_before(tokens[j - 1])):
            for q in (j, j - 1):
                scores[q] = max(scores[q], 0.8)
                roles[q] = role
            break
        if w.blocked and not (small_initial or middle_initial):
            break
        if not (w.first or w.last or _is_unknown(t) or _is_rare(t) or (len(t.text) == 1 and t.text.isupper()) or small_initial
                # a signature's lowercase nickname ("-- kat rn", "w/ jenn rn"): a short name of a known one
                or (lowercase and t.text.islower() and lex.canonical_names(t.lower) and not w.stop)
                or (lowercase and t.text.islower() and not w.stop and lex.word_frequency(t.lower) < 4.0
                    and t.lower not in lex.clinical_word_counts())):
            break
        if t.text.islower() and len(t.text) > 1 and (t.lower in _NURSE_KINDS or (
                w.prior < 0.3 and not w.first and lex.word_frequency(t.lower) >= 5.0)):
            break  # "handed off to day rn", "wound care rn", "none major": a kind of nurse or a common word in lowercase
        if t.casing == MIXED and not (t.is_title or t.is_upper or lowercase):
            break
        scores[j] = max(scores[j], 0.8)
        roles[j] = role
        taken += 1
        j -= 1
        if middle_initial and j >= 0 and not _SPACE.fullmatch(text, tokens[j].end, t.start):
            break  # "GENERAL, S. KIM, M.D.": a name's initial after a comma starts it


# words between the name's comma and the role that are names too ("Mirwais, staff interpreter", "Day, night resident")
_ROLE_QUALIFIERS = frozenset({"staff", "night", "day", "covering", "senior", "chief"})
# staff roles written after a name and a comma ("Okafor, trauma attending", "Mirwais, staff interpreter")
_ROLES_AFTER_NAME = frozenset({"attending", "resident", "intern", "fellow", "hospitalist", "intensivist", "surgeon", "interpreter",
                               "chaplain", "pharmacist", "dietitian", "caseworker", "navigator"})


def _credential_closes_name(tokens, text, i) -> bool:
    """Whether the credential at token ``i`` closes the name before it ("John Smith, MD", "smith rn", "Deepak Menon,
    PharmD"): in capitals (not "DO", "PA", "OT", words too, unless after a comma), in a note not in mixed case, or in
    mixed case after a comma; "pa" and "np" in a lowercase note also at a clause's end ("w/ rossi pa.")."""
    t = tokens[i]
    low = t.lower
    if i == 0:
        return False
    comma = _COMMA_GAP.fullmatch(text, tokens[i - 1].end, t.start) is not None
    if not (t.is_upper or t.casing != MIXED or (t.text[0].isupper() and len(t.text) > 2 and comma)):
        return False
    return ((t.is_upper and low not in ("do", "pa", "ot")) or (t.casing != MIXED and low in _LOWER_CREDENTIALS) or comma
            or (t.casing != MIXED and low in ("pa", "np") and _CLAUSE_END.match(text, t.end) is not None))


def _cue_words(tokens, infos, text, flagged, token_at, scores, roles) -> None:
    """The context cues: each cue word of the note (``flagged``) marks the name in the slot it opens (``_cue_right``)
    or closes (``_cue_left``)."""
    n = len(tokens)
    for i in [i for i in flagged if infos[i].cue]:
        t = tokens[i]
        low = t.lower
        if low not in _ALL_CUES:
            low = _hyphen_cue(low)  # "social-hus tyler", "daughter-in-law Manpreet"
        gap_after = text[t.end : tokens[i + 1].start] if i + 1 < n else ""
        if low == "cc" and _HEADER_GAP.fullmatch(gap_after) and "\n" not in gap_after:
            # "cc: Evelyn Shea, MD; Victor van der Lucas, MD; Gilles Pruvost"
            line_end = text.find("\n", t.end)
            line_end = len(text) if line_end < 0 else line_end
            k = i
            while k + 1 < n and tokens[k + 1].start < line_end:
                _cue_right(tokens, text, k, scores, roles, Label.PROVIDER, strength=0.9, max_tokens=4, strong=True, header=True)
                nxt = text.find(";", tokens[k + 1].start, line_end)
                if nxt < 0:
                    break
                k = token_at(nxt) - 1
                if k < 0 or k + 1 >= n:
                    break
            continue
        if (
            low in HEADER_CUES and _HEADER_GAP.fullmatch(gap_after) and "\n" not in gap_after
            # "; " separates entries of a list after a credential ("MD; Giulia de Magrassi"), not after a
            # plain word ("TYLENOL GIVEN; FRANK BLOOD NOTED")
            and (";" not in gap_after or low in CREDENTIALS)
        ):
            if low in CREDENTIALS and ";" in gap_after and _credential_closes_name(tokens, text, i):
                # "Grant Foley, RN; Hee-Young Baek, RN": the credential before "; " also closes the name before it
                _cue_left(tokens, text, i, scores, roles, Label.PROVIDER)
            # a field label: everything name-like up to the end of the field is the name
            whole = _header_name_value(tokens, text, i)
            if whole:  # "PATIENT:  BLACK, DANNY", "Patient: Till Scheel": the whole value has a name's shape
                for k in whole:
                    scores[k] = max(scores[k], 0.9)
                    roles[k] = roles[k] or HEADER_CUES[low]
                continue
            _cue_right(tokens, text, i, scores, roles, HEADER_CUES[low], strength=0.9, max_tokens=4, strong=True, header=True)
            continue
        if (low in PROVIDER_TITLES or low in PATIENT_TITLES) and not (
                low in ("ms", "mr") and _NUMBER_BEFORE.search(text, max(0, t.start - 3), t.start)):
            # (but "433 ms. Axis", "5 mr": a unit after a number is no title)
            role = Label.PROVIDER if low in PROVIDER_TITLES else Label.PATIENT
            # "Dr. Smith", "Dr Jane Smith", "Dr. J. Smith"; but "MS: Alert" is a field label (mental status)
            as_label = ":" in gap_after
            _cue_right(tokens, text, i, scores, roles, role, strength=0.95, max_tokens=4, strong=True, header=as_label)
        elif low in SPANISH_TITLES:
            if t.is_title and i + 1 < n and (tokens[i + 1].is_title or tokens[i + 1].lower in PARTICLES) and not (
                    i > 0 and tokens[i - 1].text[0].isupper() and _SPACE.fullmatch(text, tokens[i - 1].end, t.start)):
                _cue_right(tokens, text, i, scores, roles, Label.PATIENT, strength=0.95, max_tokens=4, strong=True)
        elif low in _NEWBORN:
            if (i > 0 and tokens[i - 1].lower == "baby" and _SPACE.fullmatch(text, tokens[i - 1].end, t.start)
                    and i + 1 < n and _SPACE.fullmatch(text, t.end, tokens[i + 1].start)):  # not "BABY BOY,LINDQVIST"
                _cue_right(tokens, text, i, scores, roles, Label.PATIENT, strength=0.85, max_tokens=3)
        elif low in RELATIONS:
            _cue_right(tokens, text, i, scores, roles, Label.RELATIVE, strength=0.85, max_tokens=3)
        elif low in PERSON_ROLES:
            if low in _DOTTED_ROLE_TITLES and not (t.text[0].isupper() and text[t.end : t.end + 1] == "."
                                                   and not _SIZE_BEFORE.search(text, max(0, t.start - 4), t.start)):
                continue
            # a role written as a title ("Atty. Pell", "Sgt Dunn") is followed by a name as a title is
            _cue_right(tokens, text, i, scores, roles, Label.PERSON, strength=0.8, max_tokens=2,
                       strong=low in _ROLE_TITLES)
        elif low in STAFF_WORDS and "\n" not in gap_after and not (
                # "Desiree Love, CST  Circulator:", "Takeda, CRNA - MAC": a signature's credential after its comma
                low in CREDENTIALS and i > 0 and t.is_upper and tokens[i - 1].text[:1].isupper()
                and _COMMA_GAP.fullmatch(text, tokens[i - 1].end, t.start)):
            _cue_right(tokens, text, i, scores, roles, Label.PROVIDER, strength=0.75, max_tokens=2)
        if low in _LOWER_CREDENTIALS and i > 0 and t.casing == MIXED and (
                _lowercase_signature(text, tokens[i - 1].end, t)
                # "report to nadia rn", "dual verification w/ sue rn": a lowercase nurse named after a handoff's
                # preposition, in a note whose other words make it mixed
                or (i > 1 and t.text.islower() and tokens[i - 1].text.islower() and tokens[i - 2].lower in _HANDOFF_TO
                    and _SPACE.fullmatch(text, tokens[i - 1].end, t.start) is not None)):
            # "-- r. duval rn", "r. dizon, rn", "-- kayla s. RN": a lowercase name signing a note typed in
            # lowercase whose copied-in names and abbreviations make it mixed
            _cue_left(tokens, text, i, scores, roles, Label.PROVIDER, lowercase=True)
        elif low in CREDENTIALS and _credential_closes_name(tokens, text, i):
            # "John Smith, MD" / "smith rn"
            _cue_left(tokens, text, i, scores, roles, Label.PROVIDER)
        if low in _ROLES_AFTER_NAME and i > 1:
            # "Okafor, trauma attending", "Smith, attending", "Nguyen, GI fellow": a staff member's role after their name
            # and a comma, a kind of service between them in lowercase or capitals
            k = i
            prev = tokens[i - 1]
            if (_SPACE.fullmatch(text, prev.end, t.start) and (prev.text.islower() or prev.is_upper)
                    and ((infos[i - 1].known_word and not (infos[i - 1].first or infos[i - 1].last))
                         or prev.lower in _ROLE_QUALIFIERS)):
                k = i - 1
            name = tokens[k - 1]
            if (_COMMA_GAP.fullmatch(text, name.end, tokens[k].start) and not (i + 1 < n and tokens[i + 1].lower == "of")
                    # (not "stool brown, attending notified" in lowercase; not "Mrs. Hale, resident of Sunrise Manor")
                    and (name.casing == MIXED or infos[k - 1].prior >= 0.6 or not infos[k - 1].known_word)
                    # (nor a language: "Prefers Spanish, interpreter Yesenia", "Spanish-speaking, uses interpreter")
                    and name.lower.rsplit("-", 1)[-1] not in lex.nationalities() and not name.lower.endswith("-speaking")):
                _cue_left(tokens, text, k, scores, roles, Label.PROVIDER)
        if low == "by" and i > 0 and tokens[i - 1].lower in SEEN_VERBS and i + 1 < n and _SPACE.fullmatch(gap_after):
            # "seen by DYLAN", "evaluated by Ísis": a staff slot takes a name whatever its prior
            two = i + 2 < n and _SPACE.fullmatch(text, tokens[i + 1].end, tokens[i + 2].start)
            _mark_staff([i + 1, i + 2] if two else [i + 1], tokens, scores, roles)
        if low in CONTACT_VERBS and i + 1 < n:
            k = i + 2 if tokens[i + 1].lower in ("with", "to", "w") and i + 2 < n else i + 1
            nxt = tokens[k]
            w = infos[k]
            gap_to = text[t.end : nxt.start]
            if "\n" in gap_to or w.blocked or '"' in gap_to or "“" in gap_to or "¿" in gap_to or "." in gap_to or w.cue:
                # (and 'asked: "¿Puede entrar mi esposo?"': what was said, not whom; "updated. mother-in-law at bedside":
                # a sentence ended; "called daughter-in-law": a relation, whose name may follow)
                continue
            if w.first or w.last:
                scores[k] = max(scores[k], min(0.8, _odds(_casing_score(nxt, w.prior), 4.0)))
            elif (not w.known_word or _is_rare(nxt)) and not w.stop and (nxt.casing != MIXED or nxt.is_title) and len(nxt.lower) >= 4:
                scores[k] = max(scores[k], 0.6)  # "replaced by Ring-Muller", "SEEN BY ROSROSANIAN"
            elif (
                low == "by" and k == i + 1 and 2 <= len(nxt.text) <= 4 and nxt.text.isalpha() and not w.known_word
                and not w.stop and (nxt.text.islower() or nxt.text.isupper()) and _CLAUSE_END.match(text, nxt.end)
            ):
                scores[k] = max(scores[k], 0.8)  # "drawn at 07:02 by jlp.": a staff member's initials
                roles[k] = roles[k] or Label.PROVIDER


def _dotted_credentials(tokens, text, token_at, scores, roles) -> None:
    """The name before a credential written with full stops ("Oyelaran, M.D.") → PROVIDER."""
    # a credential written with full stops ("Tamsin Quarrie, R.N.", "Oyelaran, M.D."): its letters are tokens
    # of their own, so the cue-word loop above cannot see it
    n = len(tokens)
    for m in _DOTTED_CREDENTIAL.finditer(text) if _DOTTED_HINT.search(text) else ():
        k = token_at(m.start())
        if 0 < k < n and tokens[k].start == m.start() and "\n" not in text[tokens[k - 1].end : m.start()]:
            _cue_left(tokens, text, k, scores, roles, Label.PROVIDER)
