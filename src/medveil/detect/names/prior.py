"""Step 1 and 2 of the method in ``medveil.detect.names``: what the lexicons say about a word (``word_info``), its
frequency-based name prior (``name_prior``), the casing that raises or lowers it, and the word tests the context
passes share ("a name-like word", "a word no lexicon knows", "a rare word").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from medveil import lexicons as lex
from medveil.detect.names.cues import (
    _ALL_CUES,
    CREDENTIALS,
    FIELD_WORDS,
    PATIENT_TITLES,
    PROVIDER_TITLES,
    RELATIONS,
    _hyphen_cue,
)
from medveil.detect.text import MIXED, Token

# calibration: running-text occurrences per million words of a name held by 1 in 100k people
_NAME_RATE_PER_100K = 0.07


# Words that are never a name, whatever the cue.
FUNCTION_WORDS = frozenset(
    """a an the and or but nor of in on at to for from by with without within into onto upon over under
    above below after before during since until till than then there here this that these those is are was
    were be been being am do does did done has have had having it its it's he she him her his hers they them
    their theirs we us our ours you your yours i me my mine who whom whose which what when where why how
    not no yes all any some each every both either neither other another such same so very too also just
    only still even again further once per via vs versus etc s t re pt pts patient patients""".split()
)


@lru_cache(maxsize=1)
def _clinical_tokens_per_million() -> float:
    """Size of the clinical corpus the word counts come from, in millions of tokens."""
    return lex.clinical_corpus_stats()["tokens"] / 1e6


@lru_cache(maxsize=1)
def _known_by_shape() -> dict[tuple[str, int], list[str]]:
    """Common English and clinical words (length >= 4) bucketed by first letter and length."""
    buckets: dict[tuple[str, int], list[str]] = {}
    firsts, lasts = lex.first_names(), lex.last_names()
    words = [w for w, z in lex.common_words().items() if z >= 3.5 and len(w) >= 4 and w.isalpha()]
    words += [w for w, c in lex.clinical_word_counts().items() if sum(c[:3]) >= 5 and len(w) >= 4 and w.isalpha()]
    for w in set(words):
        if w in firsts or w in lasts:
            continue  # a typo of a name is still a name
        buckets.setdefault((w[0], len(w)), []).append(w)
    return buckets


@lru_cache(maxsize=1)
def _known_one_blank() -> tuple[frozenset[str], frozenset[str]]:
    """The words of ``_known_by_shape``, and each of them with one letter after the first blanked ("pat\0ent"):
    a word one substitution or insertion away from a known word shares one of these with it (``_typo_of_known``)."""
    words = [w for bucket in _known_by_shape().values() for w in bucket]
    return frozenset(words), frozenset(w[:i] + "\0" + w[i + 1:] for w in words for i in range(1, len(w)))


def _typo_of_known(word: str) -> bool:
    """True when ``word`` is one edit away from a common word ("awaare", "pateint"): a typo, not a name.

    The common words are those of ``_known_by_shape`` that start with the word's first letter and are at most one
    letter longer or shorter; one edit (Damerau-Levenshtein distance 1) is a letter replaced, inserted or deleted, or
    two adjacent letters swapped. With the first letter kept, each is a set lookup (``_known_one_blank``) instead
    of a distance to every word of the three buckets: the word itself; the word with one letter after the first
    blanked (a replaced letter) or a blank put after its first letter (an inserted one); the word with one letter
    after the first deleted; two adjacent letters after the first swapped. (An edit of the first letter keeps it
    only when it equals the second, and then the same edit one letter on gives the same word.)"""
    if len(word) < 5 or not word.isalpha():
        return False
    known, blanked = _known_one_blank()
    if word in known:
        return True
    n = len(word)
    return (
        any(word[:i] + "\0" + word[i + 1:] in blanked for i in range(1, n))  # a letter replaced
        or any(word[:i] + "\0" + word[i:] in blanked for i in range(1, n + 1))  # a letter inserted
        or any(word[:i] + word[i + 1:] in known for i in range(1, n))  # a letter deleted
        or any(word[:i] + word[i + 1] + word[i] + word[i + 2:] in known for i in range(1, n - 1))  # two letters swapped
    )


@dataclass(frozen=True, slots=True)
class WordInfo:
    """What the lexicons say about one lowercase word."""

    prior: float  # probability that the word is a name, before casing and context
    first: bool
    last: bool
    known_word: bool  # an English or clinical word
    blocked: bool  # a function word: never a name, whatever the cue
    eponym: bool  # an eponym or calendar word: a name only with a cue
    stop: bool  # a stop word, clinical shorthand, nationality or title: a name only with a cue
    scorable: bool = False  # has a prior worth scoring, or is a word no lexicon knows
    cue: bool = False  # a cue word (or a hyphenated word ending in one: "social-hus")
    likely_first: bool = False  # a first name with a prior of 0.4 or more
    pair_first: bool = False  # can be the first name of a pair ("JIM RUSH"): likely first, not a stop word
    pair_last: bool = False  # can be the surname of a pair: a surname with some prior, or a word no lexicon knows
    spanish: bool = False  # a common Spanish word that is rare in English ("pecho", "tengo", "el"): marks a Spanish passage


def word_info(lower: str) -> WordInfo:
    """Lexicon facts and the name prior of a lowercase word (cached)."""
    return _WORD_INFOS[lower]


class _WordInfoCache(dict):
    """``word_info`` per lowercase word; looking up a missing word computes it.

    A plain dict lookup for words seen before (cheaper than a call through ``lru_cache``).
    """

    def __missing__(self, lower: str) -> WordInfo:
        if len(self) >= 200_000:
            self.clear()  # a bound on memory for long runs over many distinct words
        info = self[lower] = _word_info(lower)
        return info


_WORD_INFOS = _WordInfoCache()


# the first part of a hyphenated family name that is no name on its own: Arabic article and kinship words
_HYPHEN_PREFIXES = frozenset({"al", "el", "abu", "abou", "ibn", "bin", "bint", "abd", "abdel", "abdul", "ben"})


# endings of specialties and procedures that no first or last name of the lexicons has ("neonatology",
# "hepatologist", "physiatry", "pyeloplasty"): a word with one is a medical word even when no word list holds it
_MEDICAL_SUFFIXES = ("ology", "ologist", "ologists", "iatrics", "iatric", "iatry", "iatrist", "ectomy", "ectomies", "otomy",
                     "ostomy", "oscopy", "opathy", "plasty", "ography")


def _word_info(lower: str) -> WordInfo:
    """What ``word_info`` returns, computed from the lexicons."""
    key = lex.fold(lower)
    first = lex.first_names().get(key)
    last = lex.last_names().get(key)
    if "'" in key or "’" in key:
        # "o'brien" is listed (mostly) as "obrien": take the more frequent reading
        bare = key.replace("'", "").replace("’", "")
        first_b, last_b = lex.first_names().get(bare), lex.last_names().get(bare)
        if (last_b or 0.0) + (first_b[1] if first_b else 0.0) > (last or 0.0) + (first[1] if first else 0.0):
            key, first, last = bare, first_b, last_b
    zipf = lex.word_frequency(key)
    spanish_zipf = lex.spanish_frequency(key)
    clin = lex.clinical_word_counts().get(key)
    stop = (
        key in lex.stop_words() or key in lex.clinical_abbreviations() or key in lex.nationalities()
        or key in PROVIDER_TITLES or key in PATIENT_TITLES or key in CREDENTIALS or key in FIELD_WORDS
        or key in RELATIONS
    )
    calendar = key in lex.months() or key in lex.weekdays()
    # "cheyne-stokes", "osgood-schlatter": eponyms joined, one of them no common name, are an eponym
    compound_eponym = "-" in key and key not in lex.eponyms() and all(p in lex.eponyms() for p in key.split("-")) and any(
        _long_pure_eponym(p) for p in key.split("-"))
    blocked = key in FUNCTION_WORDS or len(key) == 1 or ("'" in key and len(key) <= 4)
    known_word = zipf > 0 or clin is not None or (
        first is None and last is None and (key in lex.drug_names() or key in lex.medical_terms() or key in lex.clinical_abbreviations()
                                            or spanish_zipf >= 4.0 or key.endswith(_MEDICAL_SUFFIXES) or _typo_of_known(key))
    )
    if "-" in key and first is None and last is None:
        parts = [p for p in key.split("-") if p]
        if parts and all(p in lex.last_names() or p in lex.first_names() for p in parts) and not any(
            p in lex.stop_words() or p in lex.clinical_word_counts() or p in RELATIONS for p in parts
        ) or (len(parts) == 2 and all(  # "asante-brown": a part may be a clinical word if it is mostly a name
            (i := _WORD_INFOS[p]).prior >= 0.3 and not i.eponym and not i.stop for p in parts
        )):
            # "payne-ferguson", "berg-start": a double-barrelled name
            last = min(lex.last_names().get(p, 0.0) for p in parts) or 0.1
        elif (len(parts) == 2 and parts[0] in _HYPHEN_PREFIXES and len(parts[1]) >= 3 and lex.word_frequency(parts[1]) < 3.0
              and parts[1] not in lex.clinical_word_counts()):
            # "al-sayed", "el-masri", "abu-bakr": an Arabic family name with its article or kinship word
            last = lex.last_names().get(parts[1]) or 0.1
        elif not known_word:
            # "social-hus", "non-tender": a compound of known words is a known word; a short part that is at most a
            # rare English word is none ("Soo-yeon", "Hye-jin": Korean given names)
            known_word = all(
                lex.word_frequency(p) >= (3.5 if len(p) <= 4 else 0.01) or p in lex.clinical_word_counts() or p in lex.eponyms() or p in lex.stop_words() or p in RELATIONS
                or p in lex.clinical_abbreviations()
                for p in parts
            )
    if first is None and last is None:
        prior = 0.0
    else:
        share = (first[1] if first else 0.0) + (last or 0.0)
        name_rate = _NAME_RATE_PER_100K * share
        english_rate = 10 ** (zipf - 3) if zipf > 0 else 0.0
        clinical_rate = sum(clin[:3]) / _clinical_tokens_per_million() if clin else 0.0
        word_rate = max(english_rate, clinical_rate)
        # the word's rate already includes its use as a name: a pure name has name_rate ≈ word_rate
        prior = min(0.95, name_rate / word_rate) if word_rate > 0 else 0.95
        if clinical_rate == 0 and first is not None and first[1] >= 100:
            prior = min(0.95, prior * 1.5)  # a common first name never seen in clinical prose
        if word_rate == 0 and share < 1.0:
            # rare in English and rare as a name: a foreign or unusual name more often than anything else
            prior = max(prior, 0.6)
        elif clinical_rate == 0 and len(key) > 3 and ((first is not None and zipf < 3.8) or zipf < 2.5):
            # a name of another language ("Philippe", "Magnus", "Mackay"): rare as an English word, never clinical
            prior = max(prior, 0.6)
        if _pure_eponym(key) or compound_eponym:
            prior = 0.0  # apgar, babinski, huntington, breslow: an eponym first
    if calendar or stop or blocked:
        prior = 0.0
    is_first, is_last = first is not None, last is not None
    scorable = prior >= 0.01 or (not known_word and not blocked and not is_first and not is_last)
    cue = lower in _ALL_CUES or ("-" in lower and _hyphen_cue(lower) in _ALL_CUES)
    likely_first = is_first and prior >= 0.4
    plain = not stop and not blocked
    return WordInfo(
        prior, is_first, is_last, known_word, blocked, calendar or key in lex.eponyms() or compound_eponym, stop,
        scorable, cue, likely_first, likely_first and plain, plain and ((is_last and prior >= 0.01) or not known_word),
        spanish_zipf >= 3.5 and spanish_zipf - zipf >= 1.5,
    )


def _pure_eponym(lower: str) -> bool:
    """An eponym that is no common name (Apgar, Bence, Ortolani; not Wilson or Bell)."""
    return lower in lex.eponyms() and lower not in lex.name_like_eponyms()


def _long_pure_eponym(lower: str) -> bool:
    """A pure eponym long enough to mark the word beside it as the rest of an eponym (not "de", "von", "Ely")."""
    return len(lower) > 3 and _pure_eponym(lower)


def _rare_name_word(lower: str, w) -> bool:
    """A word of three letters or more, rare in English (Zipf < 3), no stop word, eponym or clinical word, nor a common
    Spanish word that no name list holds ("tiene", "fiebre"): a name where the context asks for one."""
    return (len(lower) >= 3 and not w.stop and not w.eponym and lex.word_frequency(lower) < 3.0
            and lower not in lex.clinical_word_counts() and not (w.spanish and not (w.first or w.last)))


def _name_like(t: Token) -> bool:
    """An initial, a lexicon name that is not a stop word, or a word no lexicon knows."""
    if len(t.text) == 1:
        return t.text.isupper()
    w = _WORD_INFOS[t.lower]
    if w.blocked or w.stop:
        return False
    return (w.first or w.last) and (w.prior >= 0.05 or not w.known_word) or not w.known_word


def _is_rare(t: Token) -> bool:
    """A word that is neither frequent English nor clinical vocabulary (typo-like names such as "Strug")."""
    w = _WORD_INFOS[t.lower]
    if w.blocked or w.stop:
        return False
    return lex.word_frequency(t.lower) < 3.5 and t.lower not in lex.clinical_word_counts()


def _is_unknown(t: Token) -> bool:
    """No lexicon knows this word: a candidate for a rare or foreign name."""
    w = _WORD_INFOS[t.lower]
    return not w.known_word and not w.first and not w.last and not w.blocked and not w.stop and len(t.lower) >= 2


def _odds(p: float, factor: float) -> float:
    """Multiply the odds of probability ``p`` by ``factor``."""
    if p <= 0.0:
        return 0.0
    if p >= 1.0:
        return 1.0
    o = p / (1 - p) * factor
    return o / (1 + o)


def _casing_score(t: Token, prior: float) -> float:
    """Adjust the prior by the token's casing where the line's casing informs."""
    if t.casing != MIXED:
        return prior
    if t.is_title and not t.is_upper:
        return prior if t.sentence_start else _odds(prior, 20.0)
    if t.is_lower:
        return _odds(prior, 0.05)
    if t.is_upper:
        # an acronym more often than a name in mixed-case prose ("AVA 0.8 cm2", "per ILDA", "GINA protections"); a
        # name in capitals there comes with a cue ("Brother NENG", "Patient: ROY") or is longer ("PRICE confirmed")
        if len(t.text) > 4:
            return prior
        # (in a cell of a row a short name in capitals is written so: "CLINIC,PHAM T,RT", "10472^OSEI^KWAME")
        prose = t.char_before != "" and t.char_before in " \t(\"“"
        return _odds(prior, 0.03 if prose else 0.2)
    return prior


def name_prior(word: str) -> float:
    """The frequency-based name prior of ``word`` (see the module docstring); for inspection."""
    return word_info(word.lower()).prior
