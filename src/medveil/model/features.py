"""Token features for the second pass: what the rules said, what the lexicons know, and the context.

The unit the model judges is a *token*: a run of letters and digits with inner apostrophes or
hyphens ("O'Brien", "Garcia-Lopez", "Z5957827", "2014-01-02"). Tokens inside a *guarded* rule span
(strong evidence, never removed) are not scored; every other token covered by a rule candidate is,
and so are uncovered tokens that could be an identifier: anything with a digit, a capitalized word
in a mixed-case line, a lexicon name or place, a word no lexicon knows, and any word right after a
cue word. Common lowercase words with no cue in front are not scored (they are never flagged).

Everything here is pure Python + numpy; per-word lexicon facts are cached.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat

import numpy as np

from medveil import lexicons as lex
from medveil.document import Span
from medveil.labels import LABEL_INFO, Label

TOKEN_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_TOKEN_SPLIT = re.compile(r"([^\W_]++(?:['’\-][^\W_]++)*+)")  # TOKEN_RE, possessive (the same tokens)
_ASCII_TOKEN_SPLIT = re.compile(r"([A-Za-z0-9]++(?:['\-][A-Za-z0-9]++)*+)")  # the same on ASCII text, faster
_POSSESSIVE = ("'s", "’s")

# rule-source families whose candidate scores become features
FAMILIES = ("names:lexicon", "names:weak", "names:other", "pattern", "locations", "fields", "known", "other")
GROUP_CODES = {"NAME": 1, "DATE": 2, "AGE": 2, "CONTACT": 3, "ID": 3, "LOCATION": 4}


# date patterns the model must not learn away: one corpus's guidelines mark "Sunday", "Thanksgiving", "in 2005"
# and "in January" as dates (i2b2), another's leave them out (HIPAA-style MTSamples gold), and a note does not
# say which guideline its reader follows; medveil's own (tests/regression/date.yaml: years alone too, unless
# keep_years) marks them. A model trained on the mix learns to drop them where the prose looks like MTSamples
GUARDED_PATTERNS = frozenset({"pattern:date_weekday", "pattern:date_holiday", "pattern:date_year", "pattern:date_month"})


def token_span(starts: list[int], ends: list[int], start: int, end: int) -> tuple[int, int]:
    """The tokens ``i0 <= i < i1`` (``starts``/``ends``: sorted token offsets) that share a character with the text
    range ``[start, end)``; ``i0 == i1`` when none does."""
    i0 = bisect_right(ends, start)
    return i0, max(i0, bisect_left(starts, end))


def token_ranges(st: np.ndarray, en: np.ndarray, spans: list[Span]) -> tuple[np.ndarray, np.ndarray]:
    """``token_span`` of every span of ``spans`` at once (``st``/``en``: the token offsets as arrays): the arrays of
    their first tokens ``i0`` and of their ends ``i1``."""
    k = len(spans)
    i0 = np.searchsorted(en, np.fromiter([sp.start for sp in spans], dtype=np.intp, count=k), side="right")
    i1 = np.searchsorted(st, np.fromiter([sp.end for sp in spans], dtype=np.intp, count=k), side="left")
    return i0, np.maximum(i0, i1)


def covered_tokens(n: int, i0: np.ndarray, i1: np.ndarray) -> np.ndarray:
    """Per token (``n`` of them, and one more entry: False), whether a range ``i0[k] <= i < i1[k]`` holds it."""
    return np.cumsum(np.bincount(i0, minlength=n + 1) - np.bincount(i1, minlength=n + 1)) > 0  # ranges open minus closed


def is_guarded(span: Span) -> bool:
    """Strong evidence the model never removes: validated patterns, weekday, holiday, bare year and month
    dates (``GUARDED_PATTERNS``), ages over 89 (a pattern's AGE is one), known values, cue-based names,
    fields of a parsed HL7 message. A cue-based name read in a scanned note's OCR-corrected copy is as strong
    ("Dr. Hi1da Cervantes": without the guard the model kept the plain pass's "Hi" and lost "1da")."""
    src = span.source
    if src.startswith(("known:", "hl7:")) or src in ("names:cue", "names:cue:ocr"):
        return True
    if not src.startswith("pattern:"):
        return False
    return span.score >= 0.9 or src in GUARDED_PATTERNS or (span.label == "AGE" and span.score >= 0.8)


@lru_cache(maxsize=1024)
def family_of(source: str) -> int:
    if source.startswith("names:"):
        kind = source[6:].removesuffix(":ocr")  # a name read in the OCR-corrected copy is judged like any other
        return 0 if kind == "lexicon" else 1 if kind == "weak" else 2
    head = source.split(":", 1)[0]
    return {"pattern": 3, "locations": 4, "fields": 5, "known": 6}.get(head, 7)


@lru_cache(maxsize=256)
def _group_code(label: str) -> float:
    return float(GROUP_CODES.get(LABEL_INFO[Label(label)].group, 0))


# --- cue words (from the name detector when available) --------------------------------------------

def _cue_sets() -> dict[str, frozenset[str]]:
    try:
        from medveil.detect import names as nm

        return {
            "title": nm.PROVIDER_TITLES | nm.PATIENT_TITLES,
            "relation": nm.RELATIONS,
            "staff": nm.STAFF_WORDS | nm.CREDENTIALS,
            "contact": nm.CONTACT_VERBS,
            "header": frozenset(nm.HEADER_CUES),
        }
    except Exception:  # noqa: BLE001 - the rule module may change; the features degrade gracefully
        return {k: frozenset() for k in ("title", "relation", "staff", "contact", "header")}


_CUES = _cue_sets()
# closed-class words: never PHI alone, only as the glue of a longer name
FUNCTION_WORDS = frozenset(
    "a an the of and or in on at to for from with by as is was are were be been it its this that these those "
    "he she his her him they them their we our you your i my me not no but if so than then there here".split()
)
_PLACE_CUES = frozenset("in at from to near of lives live living resides moved visiting visited transferred born".split())


@lru_cache(maxsize=1)
def _place_sets() -> tuple[frozenset[str], ...]:
    def safe(f):
        try:
            return frozenset(f())
        except Exception:  # noqa: BLE001
            return frozenset()

    return (
        safe(lex.cities), safe(lex.us_state_forms), safe(lex.countries), safe(lex.nationalities),
        safe(lex.hospital_name_words), safe(lex.facility_keywords), safe(lex.street_suffixes),
        safe(lex.months) | safe(lex.weekdays), safe(lex.hospital_abbreviations), safe(lex.clinical_abbreviations),
    )


WORD_FEATURES = 24


def _word_key(lower: str) -> tuple[str, str]:
    """The lexicon key of a lowercase token (a possessive "'s" left out) and its letters (apostrophes and
    hyphens left out too): a word when the letters are all letters."""
    key = lower[:-2] if lower.endswith(_POSSESSIVE) and len(lower) > 3 else lower
    return key, key.replace("'", "").replace("’", "").replace("-", "")


@lru_cache(maxsize=50_000)
def word_vector(lower: str) -> tuple[float, ...]:
    """Lexicon facts of a lowercase token (cached): name prior, name lists, word frequencies, places."""
    from medveil.detect.names import word_info

    key, letters = _word_key(lower)
    alpha = letters.isalpha()
    if alpha:
        w = word_info(key)
        info = (w.prior, float(w.first), float(w.last), float(w.known_word), float(w.blocked), float(w.eponym), float(w.stop))
        f = lex.fold(key)
        zipf = lex.word_frequency(f)
        clin = lex.clinical_word_counts().get(f)
        clin_v = tuple(math.log1p(c) for c in clin[:4]) if clin else (0.0, 0.0, 0.0, 0.0)
        if len(clin_v) < 4:
            clin_v = clin_v + (0.0,) * (4 - len(clin_v))
        city, state, country, nation, hosp, facility, street, calendar, hosp_abbr, clin_abbr = _place_sets()
        places = (float(f in city), float(f in state), float(f in country), float(f in nation), float(f in hosp),
                  float(f in facility), float(f in street), float(f in calendar), float(f in hosp_abbr), float(f in clin_abbr))
    else:
        info = (0.0,) * 7
        zipf = 0.0
        clin_v = (0.0, 0.0, 0.0, 0.0)
        places = (0.0,) * 10
    return info + (zipf,) + clin_v + places + (_cue_codes().get(key, 0.0), float(alpha))


@lru_cache(maxsize=1)
def _cue_codes() -> dict[str, float]:
    """The cue classes of a word as bits (1 title, 2 relation, 4 staff, 8 contact, 16 header, 32 place), for every
    word of a class: one lookup in ``word_vector`` instead of six."""
    bits = ((_CUES["title"], 1), (_CUES["relation"], 2), (_CUES["staff"], 4), (_CUES["contact"], 8), (_CUES["header"], 16),
            (_PLACE_CUES, 32))
    words = set().union(*(s for s, _ in bits))
    return {w: float(sum(bit for s, bit in bits if w in s)) for w in words}


_ASCII_DIGITS = str.maketrans("", "", "0123456789")
_ASCII_UPPER = str.maketrans("", "", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_ASCII_LETTERS = str.maketrans("", "", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _shape(tok: str) -> tuple[float, ...]:
    n = len(tok)
    if tok.isascii():  # the same counts without a Python call per character: ASCII digits, capitals and letters
        digits = n - len(tok.translate(_ASCII_DIGITS))
        alpha = n - len(tok.translate(_ASCII_LETTERS))
        upper = n - len(tok.translate(_ASCII_UPPER))
    else:
        digits = sum(c.isdigit() for c in tok)
        alpha = sum(c.isalpha() for c in tok)
        upper = sum(c.isupper() for c in tok)
    title = float(tok[0].isupper() and (n == 1 or not tok[1:].isupper()))
    return (
        float(n), float(digits), float(alpha), title, float(alpha > 0 and upper == alpha), float(upper == 0 and alpha > 0),
        float(digits == n), float(0 < digits < n), float("-" in tok or "'" in tok or "’" in tok),
    )


_PUNCT_CODES = {c: i + 1 for i, c in enumerate(":,.(/)-#@;'\"[]&+=*<>|")}


def line_casings(text: str) -> tuple[list[int], list[int]]:
    """Line starts and casing per line (0 mixed, 1 upper, 2 lower), as the rule detectors judge it."""
    try:
        from medveil.detect import text as tx

        last = tx._last  # the rule pass has usually tokenized this very text: reuse its line casings
        if last is not None and last[0] is text and last[1]:
            ctx = last[1][0]._ctx
            starts, cas = ctx.starts, ctx.casings
        else:
            starts, cas = tx._line_casings(text)
        code = {"mixed": 0, "upper": 1, "lower": 2}
        return starts, [code.get(c, 0) for c in cas]
    except Exception:  # noqa: BLE001
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        return starts, [0] * len(starts)


@dataclass(slots=True)
class DocTokens:
    """The tokens of one document and, for each, the features the model reads."""

    starts: list[int]
    ends: list[int]
    lowers: list[str]
    guarded: list[bool]  # inside a guarded span
    cand: list[int]  # index of the best covering non-guarded candidate, -1 when none
    scored: list[int]  # indexes of tokens the model scores
    X: np.ndarray  # features of the scored tokens (len(scored) x n_features)
    vetoed: list[bool]  # inside a detector's veto (``Span.is_veto``): tagged only beside a flagged word


CONTEXT_SLOTS = ("p1", "p2", "n1", "n2", "key")


def n_features() -> int:
    return len(feature_names())


@lru_cache(maxsize=1)
def feature_names() -> tuple[str, ...]:
    word = ("prior", "first", "last", "known", "blocked", "eponym", "stop", "zipf", "clin0", "clin1", "clin2", "clin3",
            "city", "state", "country", "nationality", "hosp_word", "facility_kw", "street_sfx", "calendar", "hosp_abbr",
            "clin_abbr", "cue", "alpha")
    assert len(word) == WORD_FEATURES
    names = [f"w_{x}" for x in word]
    names += [f"s_{x}" for x in ("len", "digits", "alpha", "title", "upper", "lower", "alldigit", "mixed_alnum", "inner_punct")]
    names += [f"fam_{f}" for f in FAMILIES]
    names += ["cand_score", "cand_group", "cand_ntok", "cand_pos", "covered"]
    names += ["line_casing", "sent_start", "line_start", "tok_in_line", "rel_pos", "prev_char", "next_char", "prev_char2"]
    for side in ("p1", "n1", "p2", "n2"):
        names += [f"{side}_prior", f"{side}_known", f"{side}_title", f"{side}_cue", f"{side}_guard", f"{side}_cand", f"{side}_digit",
                  f"{side}_first", f"{side}_last"]
    names += [f"te_{s}" for s in CONTEXT_SLOTS]
    names += ["doc_strong_same", "doc_cand_same", "doc_casing", "line_key_colon", "s_inner_capital", "w_name_shape"]
    names += ["w_spanish_zipf", "ctx_spanish"]
    return tuple(names)


_NO_KEY = object()  # not in the cache of ``ContextTables.key_encoding``


class ContextTables:
    """Target encodings of context words: how often the token next to word ``w`` is PHI (smoothed)."""

    WORD_SLOTS = ("p1", "p2", "n1", "n2")

    def __init__(self, tables: dict[str, dict[str, float]] | None = None, prior: float = 0.1):
        self.tables = tables or {s: {} for s in CONTEXT_SLOTS}
        self.prior = prior
        self._enc = np.zeros((0, len(self.WORD_SLOTS)))  # rows aligned with the ids of _VOCAB
        self._enc_n = 0
        self._enc_generation = -1
        self._keys: dict[str, float | None] = {}  # ``key_encoding`` of each raw key met

    def get(self, slot: str, word: str) -> float:
        return self.tables[slot].get(word, -1.0)

    def key_encoding(self, raw: str) -> float | None:
        """The encoding of the field key ``raw`` (the text before a line's first colon), -1 when unseen; None when it
        is no key (blank, or more than three words). Cached per raw key: the same field names come back note after
        note."""
        enc = self._keys.get(raw, _NO_KEY)
        if enc is _NO_KEY:
            key = raw.strip().lower()
            enc = self.tables.get("key", {}).get(key, -1.0) if key and len(key.split()) <= 3 else None
            if len(self._keys) >= 50_000:
                self._keys.clear()
            self._keys[raw] = enc
        return enc

    def word_encodings(self, vocab: _Vocab) -> np.ndarray:
        """The p1/p2/n1/n2 encodings of every vocabulary word, one row per vocabulary id (-1 when unseen)."""
        if self._enc_generation != vocab.generation:
            self._enc_n = 0
            self._enc_generation = vocab.generation
        m = len(vocab.words)
        if self._enc_n < m:
            if m > len(self._enc):
                grown = np.full((max(4096, 2 * m), len(self.WORD_SLOTS)), -1.0)
                grown[: self._enc_n] = self._enc[: self._enc_n]
                self._enc = grown
            p1, p2, n1, n2 = (self.tables.get(s, {}) for s in self.WORD_SLOTS)
            self._enc[self._enc_n:m] = [(p1.get(low, -1.0), p2.get(low, -1.0), n1.get(low, -1.0), n2.get(low, -1.0))
                                        for low in map(str.lower, vocab.words[self._enc_n:m])]
            self._enc_n = m
        return self._enc

    @classmethod
    def fit(cls, counts: dict[str, dict[str, list[int]]], prior: float, min_count: int = 3, smooth: float = 5.0) -> ContextTables:
        tables: dict[str, dict[str, float]] = {}
        for slot, c in counts.items():
            tables[slot] = {w: round((pos + smooth * prior) / (n + smooth), 4) for w, (pos, n) in c.items() if n >= min_count}
        return cls(tables, prior)


def _key_of_line(text: str, line_start: int, tok_start: int) -> str:
    """The field key of "Key: value" when the token is in the value part of such a line."""
    seg = text[line_start:tok_start]
    i = seg.find(":")
    if i <= 0 or i > 30:
        return ""
    key = seg[:i].strip().lower()
    return key if key and len(key.split()) <= 3 else ""


class _Vocab:
    """Per token string, the static feature row (word + shape, neighbour part, interest flag), as one matrix."""

    NB = slice(33, 40)
    FLAG = 40
    LOWER_ID = 41  # the same number for every casing of a word ("Smith", "SMITH", "smith")
    FUNCTION = 42  # a closed-class word ("of", "the")
    CAMEL = 43  # a capital after a small letter inside the word ("PermCath", "BiPAP", "McKay")
    NAME_SHAPE = 44  # how much the letters look like a name's (``lexicons.name_shape``; 0 for non-words)
    SPANISH_ZIPF = 45  # the word's Spanish frequency (``lexicons.spanish_frequency``)
    SPANISH = 46  # a common Spanish word that English seldom uses (``WordInfo.spanish``): marks a Spanish passage
    WIDTH = 47

    def __init__(self, cap: int = 100_000):  # at most ~33 MB of rows; reset when full
        self.cap = cap
        self.generation = -1
        self.reset()

    def reset(self) -> None:
        self.index: dict[str, int] = {}
        self.words: list[str] = []  # id -> token string
        self.lower_index: dict[str, int] = {}
        self.rows = np.zeros((4096, self.WIDTH))
        self.generation += 1  # tells per-model caches keyed by id (context encodings) to start afresh

    def ids(self, toks: list[str]) -> np.ndarray:
        out = np.fromiter(map(self.index.get, toks, repeat(-1)), dtype=np.intp, count=len(toks))
        if len(out) and out.min() < 0:
            if len(self.index) > self.cap:  # start afresh (row ids of earlier calls are not reused)
                self.reset()
                out[:] = -1
            missing = np.flatnonzero(out < 0).tolist()
            # the new words in order of first sight, as one word at a time would number them (ids, LOWER_ID)
            self._add_words(list(dict.fromkeys([toks[k] for k in missing])))
            out[missing] = [self.index[toks[k]] for k in missing]
        return out

    def _add_words(self, words: list[str]) -> None:
        """Give each of ``words`` (new, distinct) the next id and its row: the rows are computed in Python and
        written to the matrix at once (a numpy write per value cost more than the features themselves)."""
        j = len(self.words)
        end = j + len(words)
        if end > len(self.rows):  # grow by doubling, as one word at a time would (the same ids, fewer copies)
            size = len(self.rows)
            while size < end:
                size *= 2
            grown = np.zeros((size, self.WIDTH))
            grown[:j] = self.rows[:j]
            self.rows = grown
        _LOWER_FACTS.add([t.lower() for t in words])
        self.rows[j:end] = [self._row(t) for t in words]
        for k, t in enumerate(words, j):
            self.index[t] = k
        self.words += words

    def _row(self, tok: str) -> tuple[float, ...]:
        """The static row of a new token; numbers the token's lowercase form (``LOWER_ID``) when it is new."""
        lower = tok.lower()
        wv, function, name_shape, spanish_zipf, spanish = _LOWER_FACTS[lower]
        shape = _shape(tok)
        has_digit = shape[1] > 0
        nb = (wv[0], wv[3], float(tok[0].isupper()), wv[22], float(has_digit), wv[1], wv[2])
        name = wv[1] or wv[2]
        rest = (not wv[4]) if name else ((not wv[3] and len(tok) >= 2) or any(wv[12:19]) or bool(wv[20]))
        lower_id = self.lower_index.setdefault(lower, len(self.lower_index))
        camel = _INNER_CAPITAL.search(tok) is not None
        return (*wv, *shape, *nb, float(has_digit or rest), lower_id, function, camel, name_shape, spanish_zipf, spanish)


class _LowerFactsCache(dict):
    """Per lowercase token, the parts of its row that every casing shares: ``word_vector``, a function word, the
    name shape (``lexicons.name_shape`` of its letters, 0 for no word), its Spanish frequency, and 1.0 when it is
    a common Spanish word that English seldom uses (``WordInfo.spanish``). ``add`` computes the missing ones of
    a batch of words at once (their name shapes in one ``name_shapes`` call); cleared when it holds 200 000."""

    def add(self, lowers: list[str]) -> None:
        from medveil.detect.names import word_info

        new = [w for w in dict.fromkeys(lowers) if w not in self]
        if not new:
            return
        if len(self) + len(new) > 200_000:
            self.clear()
        keys = [_word_key(w) for w in new]
        words = [letters for _, letters in keys if letters.isalpha()]
        shapes = iter(name_shapes(words))
        for lower, (key, letters) in zip(new, keys, strict=True):
            if letters.isalpha():
                shape, spanish = next(shapes), (lex.spanish_frequency(key), float(word_info(key).spanish))
            else:
                shape, spanish = 0.0, (0.0, 0.0)
            self[lower] = (word_vector(lower), lower in FUNCTION_WORDS, shape, *spanish)


@lru_cache(maxsize=1)
def _gram_table() -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """``lexicons.name_ngrams`` as arrays: a code per character (``codes[code point]``; 0 for a character in no
    gram, and for every code point past the table), and the grams as sorted keys (``_gram_keys``) with their
    log-odds; a last key that no gram has (0.0) stands for "not found". None when the grams do not fit the keys
    (more than 255 characters, or a gram longer than 4)."""
    grams = lex.name_ngrams()
    alphabet = sorted(set("".join(grams)))
    if not grams or len(alphabet) > 255 or not all(2 <= len(g) <= 4 for g in grams):
        return None
    codes = np.zeros(ord(alphabet[-1]) + 2, dtype=np.uint64)
    codes[[ord(ch) for ch in alphabet]] = np.arange(1, len(alphabet) + 1)
    # each gram's codes shifted to their place (the last one lowest) and or-ed together, with the length on top
    sizes = np.fromiter(map(len, grams), dtype=np.int64, count=len(grams))
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    c = codes.take(np.frombuffer("".join(grams).encode("utf-32-le"), dtype=np.uint32))
    place = (np.repeat(starts + sizes, sizes) - np.arange(len(c)) - 1).astype(np.uint64)  # characters after this one
    keys = np.bitwise_or.reduceat(c << (place * np.uint64(8)), starts) | (sizes.astype(np.uint64) << np.uint64(32))
    odds = np.fromiter(grams.values(), dtype=np.float64, count=len(grams))
    order = np.argsort(keys, kind="stable")
    return codes, np.append(keys[order], np.uint64(2**64 - 1)), np.append(odds[order], 0.0)


def _gram_keys(c: np.ndarray) -> tuple[np.ndarray, int, int]:
    """The key of the 2-, 3- and 4-gram at each position of the character codes ``c`` (uint64), one after the
    other: the codes packed 8 bits each, and the gram's length above them (``n << 32``), so that a gram that holds
    a character of no gram (code 0) never takes the key of a shorter one. Also where the 3- and 4-grams start."""
    k2 = (c[:-1] << 8) | c[1:]
    k3 = (k2[:-1] << 8) | c[2:]
    k4 = (k3[:-1] << 8) | c[3:]
    return np.concatenate([k2 | (2 << 32), k3 | (3 << 32), k4 | (4 << 32)]), len(k2), len(k2) + len(k3)


def name_shapes(words: list[str]) -> list[float]:
    """``lexicons.name_shape`` of each of ``words``, the same floats, for a batch of new words: every gram of
    ``^word$`` of all the words is looked up at once in a sorted array (``_gram_table``; a dict lookup per gram
    cost more than the rest of a new word's row), then each word's values are summed by ``sum`` in
    ``lexicons.char_ngrams`` order (2-, 3-, then 4-grams, left to right), as name_shape sums them."""
    table = _gram_table()
    if table is None or not words:
        return [lex.name_shape(w) for w in words]
    codes, keys, odds = table
    marked = [f"^{w.lower()}$" for w in words]
    c = codes.take(np.frombuffer("".join(marked).encode("utf-32-le"), dtype=np.uint32), mode="clip")
    grams, at3, at4 = _gram_keys(c)  # grams across two words are looked up too, and never read
    found = keys.searchsorted(grams)
    v = np.where(keys.take(found) == grams, odds.take(found), 0.0).tolist()
    out = []
    start = 0
    for w in marked:
        size, at = len(w), start
        start += size
        # name_shape's grams: size - 1 bigrams, size - 2 trigrams, size - 3 four-grams (none for an empty word: 0.0)
        grams_of = v[at:at + size - 1] + v[at3 + at:at3 + at + size - 2] + v[at4 + at:at4 + at + size - 3]
        out.append(sum(grams_of) / (3 * size - 6) if size > 2 else 0.0)
    return out


_LOWER_FACTS = _LowerFactsCache()
_INNER_CAPITAL = re.compile(r"[a-zß-öø-ÿ][A-ZÀ-ÖØ-Þ]")  # a capital right after a small letter
_VOCAB = _Vocab()
_CHAR_LUT = np.full(129, 26.0)
_CHAR_LUT[ord(" ")] = _CHAR_LUT[ord("\t")] = 0.0
_CHAR_LUT[ord("\n")] = 25.0
for _c, _v in _PUNCT_CODES.items():
    _CHAR_LUT[ord(_c)] = float(_v)
_CHAR_LUT[128] = 26.0  # any other character (``np.minimum(code point, 128)``)


# Per code point (the last entry stands for every higher one): the character's code (``_CHAR_LUT``) in the low
# five bits, and flags for the characters that the sentence-start feature skips (spaces, quotes, brackets), that end
# a sentence, and that are spaces (line start). One lookup per character serves the three features
_CODE, _SKIP, _SENT, _SPACE = 31, 32, 64, 128
_CHAR_INFO = np.full(ord("\u3000") + 2, 26, dtype=np.int16)
_CHAR_INFO[:129] = _CHAR_LUT
for _chars, _flag in ((" \t\"'([", _SKIP), ("\n\r.!?:;", _SENT), (" \t\r\x0b\x0c\xa0\u2000\u2002\u2003\u2009\u3000", _SPACE)):
    for _c in _chars:
        _CHAR_INFO[ord(_c)] |= _flag
_OFF_TEXT = 30 | _SENT  # before and after the text: code 30, and "nothing before" is a sentence start
_OFF_ROW = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -1.0)  # a neighbour off the text or on another line
_NEIGHBOURS = np.array([-1, 1, -2, 2])  # the p1, n1, p2, n2 blocks of the feature row
_CONTEXT = np.array([-1, -2, 1, 2])  # the te_p1, te_p2, te_n1, te_n2 columns (``ContextTables.WORD_SLOTS``)
_CONTEXT_COLS = np.arange(4)
_KEY_COLON = re.compile(r"^([^:\n]{1,30}):", re.M)  # a line's first colon within 30 characters of its start


@dataclass(slots=True)
class DocView:
    """One document ready for scoring: its tokens, what the rules said about each, and the per-note arrays
    the feature rows are read from. ``rows(idx)`` builds the features of any subset of its tokens."""

    text: str
    tables: ContextTables
    starts: list[int]
    ends: list[int]
    toks: list[str]
    guarded: np.ndarray  # per token (bool)
    cand: np.ndarray  # index of the best covering candidate, -1 when none
    cand_n: np.ndarray  # tokens in that candidate
    cand_pos: np.ndarray  # position of the token in it
    cands: list[Span]  # the rule candidates the model judges
    cand_i0: np.ndarray  # the tokens of each candidate: ``cand_i0[k] <= i < cand_i1[k]`` (``token_span``)
    cand_i1: np.ndarray
    guards: list[Span]  # the rule spans it never removes (``is_guarded``)
    vetoed: np.ndarray  # inside a detector's veto (``Span.is_veto``): tagged only beside a flagged word
    ids: np.ndarray
    st: np.ndarray  # ``starts`` and ``ends`` as arrays
    en: np.ndarray
    V: np.ndarray  # static vocabulary rows of every token
    scored: np.ndarray  # token indexes the model may score (interesting and not guarded)
    line_starts: list[int]
    li: np.ndarray  # line of each token
    tcase: np.ndarray  # casing of each token's line (0 mixed, 1 upper, 2 lower)
    doc_case: float  # the casing of every line when they agree, else 0

    @property
    def lowers(self) -> list[str]:
        return [t.lower() for t in self.toks]

    def rows(self, sc: np.ndarray) -> np.ndarray:
        """The feature rows of tokens ``sc`` (token indexes).

        Each block of columns is computed for all of ``sc`` at once: a few numpy operations per note, and
        only for the tokens asked for (about a third of a note's tokens are scored).
        """
        m = len(sc)
        if m == 0:
            return np.zeros((0, n_features()))
        text, V, n, cands = self.text, self.V, len(self.starts), self.cands
        li_all = self.li
        st, en, li = self.st[sc], self.en[sc], li_all[sc]
        X = np.empty((m, n_features()))
        Vs = V[sc]
        X[:, :33] = Vs[:, :33]
        # the best candidate covering each token: family score, score, group (a last zero row for "none": cand -1)
        nc = len(cands)
        cm = np.zeros((nc + 1, len(FAMILIES) + 2))
        if nc:
            scores = [sp.score for sp in cands]
            cm[np.arange(nc), [family_of(sp.source) for sp in cands]] = scores
            cm[:nc, -2] = scores
            cm[:nc, -1] = [_group_code(sp.label) for sp in cands]
        ca_all = self.cand
        ca = ca_all[sc]
        c = 33
        X[:, c:c + len(FAMILIES) + 2] = cm[ca]
        c += len(FAMILIES) + 2
        X[:, c] = self.cand_n[sc]
        X[:, c + 1] = self.cand_pos[sc]
        X[:, c + 2] = ca >= 0
        c += 3
        ls_tok = np.asarray(self.line_starts)[li]  # start of each token's line
        X[:, c] = self.tcase[sc]
        X[:, c + 3] = np.minimum(sc - np.searchsorted(self.st, ls_tok), 10)
        X[:, c + 4] = st / max(len(text), 1)
        # characters around the token (``_CHAR_INFO``); two "off the text" entries before the text and one after
        # it, so that info[k + 2] is that of text[k]
        cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        info = np.empty(len(cp) + 3, dtype=np.int16)
        info[:2] = info[-1] = _OFF_TEXT
        _CHAR_INFO.take(np.minimum(cp, len(_CHAR_INFO) - 1), out=info[2:-1])
        X[:, c + 5] = info[st + 1] & _CODE
        X[:, c + 6] = info[en + 2] & _CODE
        X[:, c + 7] = info[st] & _CODE
        # sentence start: the last character before the token, skipping spaces, quotes and brackets
        last = np.maximum.accumulate(np.where(info & _SKIP, 0, np.arange(len(info))))
        X[:, c + 1] = (info[last[st + 1]] & _SENT) != 0
        # line start: nothing but spaces between the start of the line and the token
        nspace = np.cumsum((info & _SPACE) == 0)
        X[:, c + 2] = nspace[st + 1] == nspace[ls_tok + 1]
        c += 8
        # the words one and two places before and after, on the same line (else the "off" row)
        nb = np.empty((n + 4, 9))
        nb[:2] = nb[-2:] = _OFF_ROW
        nb[2:-2, 0:4] = V[:, 33:37]
        nb[2:-2, 4] = self.guarded
        nb[2:-2, 5] = cm[ca_all, -2]
        nb[2:-2, 6:9] = V[:, 37:40]
        at = (sc + 2)[:, None] + _NEIGHBOURS  # rows of nb: p1, n1, p2, n2
        line_p = np.concatenate([[-1, -1], li_all, [-1, -1]])
        blocks = nb[at]
        blocks[line_p[at] != li[:, None]] = _OFF_ROW
        X[:, c:c + 36] = blocks.reshape(m, 36)
        c += 36
        # context words: the encodings of the words one and two places before and after (-1 off the text)
        ctx = sc[:, None] + _CONTEXT  # the words around each token
        enc = self.tables.word_encodings(_VOCAB)[self.ids.take(ctx, mode="clip"), _CONTEXT_COLS]
        enc[(ctx < 0) | (ctx >= n)] = -1.0
        X[:, c:c + 4] = enc
        # "Key: value" lines: the encoding of the key when the token is in the value part
        colon = np.full(len(self.line_starts), -1, dtype=np.int64)
        key_enc = np.full(len(self.line_starts), -1.0)
        key_encoding = self.tables.key_encoding
        lines, colons, encs = [], [], []
        for mk in _KEY_COLON.finditer(text):  # (at most one match per line: each starts a line)
            enc = key_encoding(mk[1])
            if enc is not None:
                lines.append(bisect_right(self.line_starts, mk.start()) - 1)
                colons.append(mk.end() - 1)
                encs.append(enc)
        colon[lines] = colons
        key_enc[lines] = encs
        in_value = (colon[li] >= 0) & (colon[li] < st)
        X[:, c + 4] = np.where(in_value, key_enc[li], -1.0)
        # the same word (any casing) elsewhere in the note as strong evidence or as a confident candidate
        lower_id = V[:, _Vocab.LOWER_ID].astype(np.intp)
        lower_sc = lower_id[sc]
        for col, where in ((c + 5, self.guarded), (c + 6, (ca_all >= 0) & (cm[ca_all, -2] >= 0.5))):
            seen = np.zeros(len(_VOCAB.lower_index), dtype=bool)
            seen[lower_id[where]] = True
            X[:, col] = seen[lower_sc]
        X[:, c + 7] = self.doc_case
        X[:, c + 8] = in_value
        X[:, c + 9] = Vs[:, _Vocab.CAMEL]
        X[:, c + 10] = Vs[:, _Vocab.NAME_SHAPE]
        X[:, c + 11] = Vs[:, _Vocab.SPANISH_ZIPF]
        # the share of Spanish words among the three words on each side: a Spanish passage ("tengo dolores de cabeza")
        spanish = np.concatenate([[0.0], np.cumsum(V[:, _Vocab.SPANISH])])
        X[:, c + 12] = (spanish[np.minimum(sc + 4, n)] - spanish[np.maximum(sc - 3, 0)] - Vs[:, _Vocab.SPANISH]) / 6.0
        return X


def view(text: str, candidates: list[Span], tables: ContextTables) -> DocView:
    """Tokenize ``text``, place the rule spans on its tokens and choose the tokens the model scores."""
    guards: list[Span] = []
    cands: list[Span] = []
    vetoes: list[Span] = []
    for c in candidates:
        (vetoes if c.is_veto else guards if is_guarded(c) else cands).append(c)
    # [gap, token, gap, token, …, gap]: the summed lengths of the pieces give each token's offsets
    pieces = (_ASCII_TOKEN_SPLIT if text.isascii() else _TOKEN_SPLIT).split(text)
    offs = np.zeros(len(pieces) + 1, dtype=np.intp)
    np.cumsum(np.fromiter(map(len, pieces), dtype=np.intp, count=len(pieces)), out=offs[1:])
    st, en = offs[1:-1:2], offs[2::2]
    toks, starts, ends = pieces[1::2], st.tolist(), en.tolist()
    n = len(toks)
    # per-token marks as arrays (the feature rows read them whole)
    cand = np.full(n, -1, dtype=np.intp)
    cand_n = np.zeros(n, dtype=np.intp)
    cand_pos = np.zeros(n, dtype=np.intp)
    cand_i0, cand_i1 = token_ranges(st, en, cands)
    if n == 0:
        none = np.zeros(0, dtype=np.intp)
        no = np.zeros(0, dtype=bool)
        return DocView(text, tables, starts, ends, toks, no, cand, cand_n, cand_pos, cands, cand_i0, cand_i1, guards, no,
                       none, none, none, np.zeros((0, _Vocab.WIDTH)), none, [0], none, np.zeros(0), 0.0)
    guarded = covered_tokens(n, *token_ranges(st, en, guards))[:n]
    vetoed = covered_tokens(n, *token_ranges(st, en, vetoes))[:n]
    # the best-scoring candidate wins a token: candidates in order of score (stable), each writes over the ones before
    first, end = cand_i0.tolist(), cand_i1.tolist()
    for k in np.argsort([sp.score for sp in cands], kind="stable").tolist():
        cand[first[k]:end[k]] = k
    has = cand >= 0
    won = cand[has]
    cand_n[has] = (cand_i1 - cand_i0)[won]
    cand_pos[has] = np.flatnonzero(has) - cand_i0[won]
    ids = _VOCAB.ids(toks)
    V = _VOCAB.rows[ids]
    line_starts, casings = line_casings(text)
    doc_case = float(casings[0]) if casings and len(set(casings)) == 1 else 0.0
    li = np.searchsorted(np.asarray(line_starts), st, side="right") - 1
    tcase = np.asarray(casings, dtype=np.float64)[li]
    prev_cue = np.zeros(n, dtype=bool)
    prev_cue[1:] = V[:-1, 22] != 0
    interesting = (cand >= 0) | (V[:, 40] != 0) | prev_cue | ((tcase == 0) & (V[:, 35] != 0))
    sc = np.nonzero(interesting & ~guarded)[0]
    return DocView(text, tables, starts, ends, toks, guarded, cand, cand_n, cand_pos, cands, cand_i0, cand_i1, guards, vetoed,
                   ids, st, en, V, sc, line_starts, li, tcase, doc_case)


def extract(text: str, candidates: list[Span], tables: ContextTables) -> tuple[DocTokens, list[Span]]:
    """Tokens and features of one document (every token the model scores); also returns the non-guarded candidates."""
    v = view(text, candidates, tables)
    X = v.rows(v.scored)
    return DocTokens(v.starts, v.ends, v.lowers, v.guarded.tolist(), v.cand.tolist(), v.scored.tolist(), X,
                     v.vetoed.tolist()), v.cands


def context_words(lowers: list[str], i: int, text: str, starts: list[int]) -> dict[str, str]:
    """The context words of token ``i`` for the target encodings (training side)."""
    n = len(lowers)
    out = {}
    if i > 0:
        out["p1"] = lowers[i - 1]
    if i > 1:
        out["p2"] = lowers[i - 2]
    if i + 1 < n:
        out["n1"] = lowers[i + 1]
    if i + 2 < n:
        out["n2"] = lowers[i + 2]
    ls = text.rfind("\n", 0, starts[i]) + 1
    key = _key_of_line(text, ls, starts[i])
    if key:
        out["key"] = key
    return out
