"""The trained second pass: a gradient-boosted token classifier evaluated with numpy alone.

A model directory holds two files:

- ``model.json``: format version, the training configuration, feature names, per-label decision
  thresholds (for rule candidates and for new tokens), the context-word encodings, the label-head
  classes, measured figures, and ``base`` (the model it was stacked on, or null);
- ``arrays.npz``: the boosted trees flattened into node arrays, and the label head (a multinomial
  logistic regression that labels tokens the rules did not flag).

Inference needs only numpy: scikit-learn is used for training (``medveil train``) and never at run time.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from medveil.detect.fields import plain_cells
from medveil.detect.names import CREDENTIALS_AFTER_NAME, PERSON_ROLES, RELATIONS
from medveil.detect.names.cues import SPANISH_TITLES
from medveil.detect.text import labels_a_field
from medveil.document import Document, Span
from medveil.labels import NAME_LABELS, Label
from medveil.model import features
from medveil.model.features import (
    FUNCTION_WORDS,
    ContextTables,
    DocView,
    _Vocab,
    covered_tokens,
    feature_names,
    token_ranges,
    view,
)

FORMAT_VERSION = 1
DEFAULT_THRESHOLD = 0.5
RULE_MIN_SCORE = 0.5  # the resolver's default: a candidate scoring less is one the rules alone would drop


def default_model_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "model"


class TreeEnsemble:
    """Boosted regression trees as flat node arrays; ``margin(X)`` sums the leaves of all trees."""

    def __init__(self, feat: np.ndarray, thr: np.ndarray, left: np.ndarray, right: np.ndarray, value: np.ndarray,
                 roots: np.ndarray, baseline: float, depth: int):
        self.feat = feat.astype(np.intp)
        self.thr = thr.astype(np.float64)
        self.left = left.astype(np.intp)
        self.right = right.astype(np.intp)
        self.value = value.astype(np.float64)
        self.roots = roots.astype(np.intp)
        self.baseline = float(baseline)
        self.depth = int(depth)
        self._layout: tuple[list[np.ndarray], list[np.ndarray], np.ndarray] | None = None

    @classmethod
    def from_sklearn(cls, clf: Any) -> TreeEnsemble:
        """Flatten a fitted binary ``HistGradientBoostingClassifier`` (numeric features, no NaN)."""
        feats, thrs, lefts, rights, values, roots = [], [], [], [], [], []
        offset = 0
        depth = 0
        for it in clf._predictors:
            nodes = it[0].nodes
            m = len(nodes)
            leaf = nodes["is_leaf"].astype(bool)
            idx = np.arange(m) + offset
            feats.append(np.where(leaf, 0, nodes["feature_idx"]))
            thrs.append(np.where(leaf, np.inf, nodes["num_threshold"]))
            lefts.append(np.where(leaf, idx, nodes["left"].astype(np.int64) + offset))
            rights.append(np.where(leaf, idx, nodes["right"].astype(np.int64) + offset))
            values.append(np.where(leaf, nodes["value"], 0.0))
            roots.append(offset)
            depth = max(depth, int(nodes["depth"].max()))
            offset += m
        return cls(np.concatenate(feats), np.concatenate(thrs), np.concatenate(lefts), np.concatenate(rights),
                   np.concatenate(values), np.asarray(roots), float(np.ravel(clf._baseline_prediction)[0]), depth)

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        return {
            f"{prefix}feat": self.feat.astype(np.int16), f"{prefix}thr": self.thr.astype(np.float64),
            f"{prefix}left": self.left.astype(np.int32), f"{prefix}right": self.right.astype(np.int32),
            f"{prefix}value": self.value.astype(np.float64), f"{prefix}roots": self.roots.astype(np.int32),
            f"{prefix}meta": np.asarray([self.baseline, self.depth], dtype=np.float64),
        }

    @classmethod
    def from_arrays(cls, a: Any, prefix: str) -> TreeEnsemble:
        meta = a[f"{prefix}meta"]
        return cls(a[f"{prefix}feat"], a[f"{prefix}thr"], a[f"{prefix}left"], a[f"{prefix}right"], a[f"{prefix}value"],
                   a[f"{prefix}roots"], float(meta[0]), int(meta[1]))

    BLOCK = 32_768  # (row, tree) pairs walked at once: the walk's arrays stay within the CPU cache (~256 KB)

    def _levels(self) -> tuple[list[np.ndarray], list[np.ndarray], np.ndarray]:
        """The trees laid out level by level, as complete binary trees: at level ``L`` tree ``t`` has nodes
        ``t * 2**L … (t + 1) * 2**L - 1``, and the children of node ``j`` are ``2 * j`` (left) and ``2 * j + 1`` (right) at
        level ``L + 1``. A leaf above the last level repeats itself below (its threshold is +inf: always left), so every
        walk takes ``depth`` steps and ends on a leaf's value. Returns the features and thresholds per level, and the
        values at the last level."""
        if self._layout is None:
            feats, thrs = [], []
            nodes = self.roots
            for _ in range(max(self.depth, 1)):  # (a model of single leaves still takes one step)
                feats.append(self.feat[nodes])
                thrs.append(self.thr[nodes])
                nodes = np.stack([self.left[nodes], self.right[nodes]], axis=1).ravel()  # a leaf is its own child
            self._layout = (feats, thrs, self.value[nodes])
        return self._layout

    def margin(self, X: np.ndarray) -> np.ndarray:
        n, nf = X.shape
        if n == 0:
            return np.zeros(0)
        rows = max(1, self.BLOCK // len(self.roots))
        if n > rows:  # a long note: block by block (each row's sum is the same; about a fifth faster on 40 KB notes)
            return np.concatenate([self.margin(X[i:i + rows]) for i in range(0, n, rows)])
        feats, thrs, leaves = self._levels()
        X = np.ascontiguousarray(X, dtype=np.float64)
        Xf = X.ravel()
        base = (np.arange(n, dtype=np.intp) * nf)[:, None]
        # every row starts at the roots (level 0: node t is tree t), a gather of columns; then one level per step,
        # where the next node is computed, not looked up. Node indexes are always in range, so take() skips its
        # bounds check (mode="clip", same result)
        cur = 2 * np.arange(len(self.roots)) + (X[:, feats[0]] > thrs[0])
        for feat, thr in zip(feats[1:], thrs[1:], strict=True):
            x = Xf.take(base + feat.take(cur, mode="clip"), mode="clip")
            cur = 2 * cur + (x > thr.take(cur, mode="clip"))
        return self.baseline + leaves.take(cur, mode="clip").sum(axis=1)


class LabelHead:
    """Multinomial logistic regression over standardized features: the label of a new token."""

    def __init__(self, classes: list[str], mean: np.ndarray, scale: np.ndarray, coef: np.ndarray, intercept: np.ndarray):
        self.classes = classes
        self.mean, self.scale, self.coef, self.intercept = mean, scale, coef, intercept

    def predict(self, X: np.ndarray) -> list[str]:
        if X.shape[0] == 0:
            return []
        if len(self.classes) == 1:
            return [self.classes[0]] * X.shape[0]
        z = ((X - self.mean) / self.scale) @ self.coef.T + self.intercept
        if z.shape[1] == 1:  # binary logistic regression
            return [self.classes[int(v > 0)] for v in z[:, 0]]
        return [self.classes[k] for k in z.argmax(axis=1)]


_STOP, _PRIOR, _FIRST, _LAST, _ZIPF, _KNOWN, _CUE = (
    feature_names().index(f) for f in ("w_stop", "w_prior", "w_first", "w_last", "w_zipf", "w_known", "w_cue"))
_NATIONALITY = feature_names().index("w_nationality")
_STATE, _COUNTRY, _LEN, _TITLE, _UPPER = (
    feature_names().index(f) for f in ("w_state", "w_country", "s_len", "s_title", "s_upper"))
NAME_SET = frozenset(str(x) for x in NAME_LABELS)
# labels of spans made of words (an initial joins these, never a date or a number)
WORD_LABELS = NAME_SET | {"STREET", "CITY", "STATE", "COUNTRY", "HOSPITAL", "ORGANIZATION", "LOCATION"}
_PERSON_CUES = 1 | 2 | 4 | 8 | 16  # title, relation, staff, contact and header cue classes of word_vector
COMMON_ZIPF = 4.5  # an English word at least this frequent ("progress", "sleep", "support") is not PHI alone


def _seldom_a_name(W: np.ndarray) -> np.ndarray:
    """Per word row (or rows): in no name list, or a name less than 5 % of the time ("will", "progress")."""
    return ((W[..., _FIRST] == 0) & (W[..., _LAST] == 0)) | (W[..., _PRIOR] < 0.05)


def _place_name(W: np.ndarray) -> np.ndarray:
    """A capitalized country or state name of three letters or more ("Brazil", "TEXAS", "Ohio"): a place by
    itself, however common the word ("turkey" and "mass" in lowercase stay common words)."""
    return (((W[..., _STATE] != 0) | (W[..., _COUNTRY] != 0)) & ((W[..., _TITLE] != 0) | (W[..., _UPPER] != 0))
            & (W[..., _LEN] >= 3))


def _common_seldom_a_name(W: np.ndarray) -> np.ndarray:
    """A stop word, or a common English word (Zipf >= ``COMMON_ZIPF``) that is no place name (``_place_name``),
    that is seldom a name."""
    return ((W[..., _STOP] != 0) | ((W[..., _ZIPF] >= COMMON_ZIPF) & ~_place_name(W))) & _seldom_a_name(W)


# words before a person's name that the model's cue feature does not count (``features._cue_sets``): roles and
# Spanish titles ("pastor rev haynes", "fr joaquin", "Sra. Ybarra")
_MORE_PERSON_CUES = PERSON_ROLES | SPANISH_TITLES


def _cue_word(lower: str) -> bool:
    """A role, a Spanish title or a relation by marriage ("pastor", "fr", "sra", "daughter-in-law"): a word that points
    at a person's name, beside the cue classes of the model's feature (``_PERSON_CUES``)."""
    return lower in _MORE_PERSON_CUES or (lower.endswith("-in-law") and lower.split("-", 1)[0] in RELATIONS)


def _person_cue(V: np.ndarray) -> np.ndarray:
    """``glue_cue`` by the rows alone, for every row of a vocabulary-row matrix, vectorized (the words by their letters:
    ``_cue_word``)."""
    return (V[:, _CUE].astype(np.int64) & _PERSON_CUES) != 0


def glue_only(lower: str, row: np.ndarray) -> bool:
    """A word never tagged alone: a function word, a stop word or common English word (Zipf >= ``COMMON_ZIPF``)
    that is seldom a name ("pt", "will", "progress", "sleep"), or a word that points at a person and is seldom a
    name itself ("pastor", "fr", "Sra", "daughter-in-law": ``glue_cue``); the model tags it only
    beside or inside a longer name, and a cue never beside a person's name (``glue_plain``): "Advocate Lutheran",
    "Family House", never "fr Joaquin"."""
    return lower in FUNCTION_WORDS or bool(_common_seldom_a_name(row)) or (glue_cue(row, lower) and bool(_seldom_a_name(row)))


def glue_mask(V: np.ndarray, words: Sequence[str] | None = None) -> np.ndarray:
    """``glue_only`` for every row of a vocabulary-row matrix (one row per token), vectorized; the words by their
    letters (``_cue_word``) only when ``words`` (the rows' words) are given."""
    cue = _person_cue(V)
    if words is not None:
        cue |= np.fromiter((_cue_word(w.lower()) for w in words), dtype=bool, count=len(words))
    return (V[:, _Vocab.FUNCTION] != 0) | _common_seldom_a_name(V) | (cue & _seldom_a_name(V))


class _GlueWords:
    """``glue_mask`` of every word of the token vocabulary (``features._VOCAB``), computed once per word (it reads
    the word's static row only) instead of for every scored token of every note. Extended as the vocabulary grows,
    started afresh when it is reset (``_Vocab.generation``)."""

    def __init__(self) -> None:
        self.flags = np.zeros(0, dtype=bool)
        self.generation = -1

    def of(self, ids: np.ndarray) -> np.ndarray:
        vocab = features._VOCAB
        if self.generation != vocab.generation:
            self.flags, self.generation = np.zeros(0, dtype=bool), vocab.generation
        done, m = len(self.flags), len(vocab.words)
        if done < m:
            self.flags = np.concatenate([self.flags, glue_mask(vocab.rows[done:m], vocab.words[done:m])])
        return self.flags[ids]


_GLUE_WORDS = _GlueWords()


def field_key(text: str, start: int, end: int, row: np.ndarray) -> bool:
    """The name of a field, never PHI by itself: a word followed by a colon, at the start of a line or
    after a column gap of two spaces or a tab ("Facility: …", "PATIENT: PINEDA, JANE   DATE: …"), that
    is a known word seldom a name or a stop word ("Date" is also a surname). A speaker's name ("Ubul:
    What a …") is not a known word and stays taggable."""
    return labels_a_field(text, start, end) and bool((row[_KNOWN] and _seldom_a_name(row)) or row[_STOP])


def number_piece(text: str, start: int, end: int) -> bool:
    """Digits that are one piece of a decimal, a thousands-separated number or a ratio ("2.[4]", "[7].46",
    "81,[000]", "132/[72]"): a measurement, never PHI alone. Dates, phones and addresses with such
    separators are the rules' patterns, which a model on top of the rules does not rebuild from pieces."""
    if not text[start:end].isdigit():
        return False
    return (start >= 2 and text[start - 1] in ".,/" and text[start - 2].isdigit()) or (
        end + 1 < len(text) and text[end] in ".,/" and text[end + 1].isdigit())


def lone_number(token: str, label: str) -> bool:
    """Digits the label head calls a piece of a name or place (a STREET "110", a HOSPITAL "3"), or a ZIP of
    fewer than 4 digits (a piece of "840 24", "53-320"): a number alone is neither, so it is decided like a
    glue word, kept only beside a flagged word ("846 31 Rue Al Imam", "ÖVERTURINGEN 840 24"; never
    "glucose 110", "room 12")."""
    return token.isdigit() and (label in WORD_LABELS or (label == "ZIP" and len(token) < 4))


def glue_kept(lower: str, before: str | None, after: str | None, first_name: bool = False) -> bool:
    """Whether a ``glue_only`` word is kept, given the labels of the flagged words before and after it
    (None or "" when not flagged, or not joinable: ``glue_side``): a function word inside a name that
    is not a person's ("University of Utah", never "Dr. Mališ of Importio" or "Rudi and Campos"), or
    one that is a capitalized first name (``first_name_word``) opening a person's name ("An Nguyen", "My
    Linh Tran"); a single letter beside a flagged word of a name or place (the initial of "John A. Leiva",
    "A. Lemaître"; never the "W" of "Oct. 27 W/"); another glue word beside any flagged word ("NEW
    RASMUSSEN SENIOR CENTER"). A leading article stays outside ("the Miller Library"), as in the i2b2
    guidelines."""
    if len(lower) == 1:
        return before in WORD_LABELS or after in WORD_LABELS
    if lower in FUNCTION_WORDS:
        if first_name and not before and after in NAME_SET:
            return True
        return bool(before) and bool(after) and before not in NAME_SET and after not in NAME_SET
    return bool(after or before)


def first_name_word(row: np.ndarray) -> bool:
    """A capitalized word of the first-name list ("An", "MY", "So"): with a function word, a name it may open."""
    return bool(row[_FIRST]) and bool(row[_TITLE] or row[_UPPER])


def glue_cue(row: np.ndarray, lower: str = "") -> bool:
    """A title, credential, relation, staff or field word ("Dr", "MD", "hus", "NP", "Doctor"), or a role, a Spanish
    title or an in-law (``_cue_word``: "pastor", "Sra", "daughter-in-law")."""
    return bool(int(row[_CUE]) & _PERSON_CUES) or _cue_word(lower)


_GAP_STOP = frozenset(",:;()[]{}/|\"\n\t")


def glue_gap_ok(gap: str) -> bool:
    """Whether ``gap``, the text between two words, is a plain gap inside a name: single spaces, a period,
    hyphen, ampersand or apostrophe ("A. Leiva", "Smith & Sons"), or the comma of "Scheel, Till"; not a
    colon, bracket, slash, line break or a column gap of two spaces ("JANE   DATE:", "w/ Summer")."""
    return gap == ", " or (len(gap) <= 3 and "  " not in gap and not any(c in _GAP_STOP for c in gap))


def glue_side(label: str | None, plain: bool) -> str | None:
    """The label a glue word sees on one side: a person's name counts only across a plain gap and when the
    glue word is no title, credential, relation or field word (``plain``) — those point at a name and are
    never part of it (i2b2: "Cowan, MD", "Mr. Lane", "hus Józef"); places and organizations take any glue
    ("Stockton Family Practice", "San Francisco, CA")."""
    return None if label in NAME_SET and not plain else label


def glue_plain(text: str, starts: list[int], ends: list[int], i: int, row: np.ndarray) -> tuple[bool, bool]:
    """For the glue word ``i``: whether a person's name before / after it may count (``glue_side``) — the
    word is no title, credential, relation or field word (``glue_cue``) and the gap on that side is plain
    (``glue_gap_ok``)."""
    if glue_cue(row, text[starts[i]:ends[i]].lower()):
        return False, False
    return (i > 0 and glue_gap_ok(text[ends[i - 1]:starts[i]]),
            i + 1 < len(starts) and glue_gap_ok(text[ends[i]:starts[i + 1]]))


_PHONE_RUN = frozenset("0123456789 -.()+")
PHONE_LABELS = frozenset({"PHONE", "FAX"})


def no_phone_piece(text: str, start: int, end: int) -> bool:
    """A token that cannot be a piece of a phone or fax number: it holds a letter ("HR72", "3pm", "G2P1A1";
    extensions such as "x1751" are the rules' patterns), or the run of digits it belongs to — joined by
    spaces, hyphens, dots, parentheses or a plus, a word's digits before or after it left out — holds
    fewer than 7 digits ("at 0415", the "30" of "14:30"). "699 956 915" and "(555) 123-4567" are runs of 9
    and 10 digits."""
    if not text[start:end].isdigit():
        return True
    s, e = start, end
    while s > 0 and text[s - 1] in _PHONE_RUN:
        s -= 1
    while e < len(text) and text[e] in _PHONE_RUN:
        e += 1
    if s > 0 and text[s - 1].isalpha():  # "B1 210": the 1 belongs to a word
        while s < start and text[s].isdigit():
            s += 1
    if e < len(text) and text[e].isalpha():
        while e > end and text[e - 1].isdigit():
            e -= 1
    return sum(c.isdigit() for c in text[s:e]) < 7


def wrong_shape(text: str, start: int, end: int, label: str) -> bool:
    """A token whose shape cannot carry ``label``: a phone or fax label on no piece of a phone number
    (``no_phone_piece``), a ZIP label on a token with a letter ("G3P2", "K1A0B1": gravida/para and other
    clinical codes; letter postcodes such as "K1A 0B1" are the rules', after a cue), a name's or place's label on a
    token of digits and signs without a letter ("50-55")."""
    if label in PHONE_LABELS:
        return no_phone_piece(text, start, end)
    token = text[start:end]
    if label in WORD_LABELS:
        # a name or place has letters: digits and signs alone ("50-55 h/week", "ages 2-19") are none (bare digits are
        # decided as glue, ``lone_number``)
        return not token.isdigit() and not any(c.isalpha() for c in token)
    return label == "ZIP" and not token.isdigit()


_ZIP_AFTER = re.compile(r"[ \t]+\d{5}\b")


def name_ends(spans: Sequence[Span]) -> frozenset[int]:
    """Where the person names among ``spans`` end (for ``credential_after_name``)."""
    return frozenset(s.end for s in spans if s.label in NAME_LABELS)


def credential_after_name(text: str, start: int, end: int, ends: frozenset[int]) -> bool:
    """A credential in capitals after a comma that follows a person's name (one of ``ends``), maybe after
    other credentials: "Jessica Ortiz, MA", "Kelly Fong, RD, LD" — a degree, never a state or a street; but
    "Ortiz, MA 01605" before a ZIP is an address."""
    word = text[start:end]
    if not ends or not word.isupper() or word.lower() not in CREDENTIALS_AFTER_NAME or _ZIP_AFTER.match(text, end):
        return False
    pos = start
    for _ in range(4):
        j = pos
        while j > 0 and text[j - 1] in " \t":
            j -= 1
        if j == 0 or text[j - 1] != ",":
            return False
        j -= 1
        while j > 0 and text[j - 1] in " \t":
            j -= 1
        if j in ends:
            return True
        k = j
        while k > 0 and (text[k - 1].isalpha() or text[k - 1] in "-/."):
            k -= 1
        if k == j or text[k:j].lower().rstrip(".") not in CREDENTIALS_AFTER_NAME:
            return False
        pos = k
    return False


def xml_tag_name(text: str, start: int, end: int) -> bool:
    """The name of an XML element in its tag ("<city>", "</street>", '<record system=...') or of an attribute inside
    a tag ('<insurance payer="Medicaid">'): markup, never PHI."""
    opened = (start >= 1 and text[start - 1] == "<") or (start >= 2 and text[start - 2 : start] == "</")
    if opened:
        return end < len(text) and text[end] in "> /\t\n"
    return text[end : end + 2] in ('="', "='") and text.rfind("<", 0, start) > text.rfind(">", 0, start)


def segment_id(text: str, start: int, end: int) -> bool:
    """The three-character name that opens an HL7 segment line ("MSH|", "OBR|", "PV1|")."""
    return (end - start == 3 and end < len(text) and text[end] == "|" and (start == 0 or text[start - 1] == "\n")
            and text[start:end].isupper())


def new_token_skipped(text: str, start: int, end: int, row: np.ndarray, uses_rules: bool, label: str = "",
                      ends: frozenset[int] = frozenset(), cells: frozenset[int] = frozenset()) -> bool:
    """A token no rule flagged that the model never tags, whatever its probability: a field name
    (``field_key``), an HL7 segment's name (``segment_id``), a one-word cell of a table's plain column
    (``cells``, from ``fields.plain_cells``: "BED", "RESP"), an XML element's name (``xml_tag_name``); and for a
    model on top of the rules, a piece of a number (``number_piece``), a token the head gives a label its shape
    cannot carry (``wrong_shape``) or a credential after a name the
    rules found (``credential_after_name``, ``ends`` from ``name_ends``). Without the rule pass, pieces
    are all the model has of a date or phone, and its label head often calls a date's piece a PHONE
    (label-blind recall of the "model only" model on dev: 0.950 without ``wrong_shape``, 0.923 with it)."""
    return field_key(text, start, end, row) or start in cells or segment_id(text, start, end) or (
        xml_tag_name(text, start, end)) or (label in _NOT_A_LANGUAGE and bool(_language_not_name(row))) or (uses_rules and (
        number_piece(text, start, end) or wrong_shape(text, start, end, label) or credential_after_name(text, start, end, ends)))


_NOT_A_LANGUAGE = NAME_SET | {"CITY", "STATE", "COUNTRY", "LOCATION"}  # labels a language's name alone never has


def _language_not_name(W: np.ndarray) -> np.ndarray:
    """A nationality, language or script that no name list holds ("Wolof", "Mixteco", "Gurmukhi"): never a person
    or a place alone, however a name's context reads around it ("via Mixteco interpreter", "in French/Wolof")."""
    return (W[..., _NATIONALITY] != 0) & (W[..., _FIRST] == 0) & (W[..., _LAST] == 0)


def _flag_label(spans: list[Span], pos: int) -> str | None:
    """The label of a span of ``spans`` that covers ``pos``, or None."""
    for s in spans:
        if s.start <= pos < s.end:
            return str(s.label)
    return None


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


class Model:
    """A loaded second-pass model: ``rescore(doc, spans)`` returns the spans to resolve."""

    def __init__(self, meta: dict[str, Any], trees: TreeEnsemble, head: LabelHead, base: Model | None = None,
                 path: str = "", gate: tuple | None = None):
        self.meta = meta
        self.gate = gate  # (mean, scale, coef, intercept, cut): a linear pre-filter in front of the trees
        self.trees = trees
        self.head = head
        self.base = base
        self.path = path
        self.tables = ContextTables(meta["tables"], meta.get("te_prior", 0.1)) if base is None else base.tables
        self.cand_thresholds: dict[str, float] = dict(meta.get("thresholds", {}).get("candidate", {}))
        self.new_thresholds: dict[str, float] = dict(meta.get("thresholds", {}).get("new", {}))
        # candidates the rules alone would drop (score < RULE_MIN_SCORE) have their own thresholds;
        # a model saved before they existed judges them by the candidate thresholds
        weak = meta.get("thresholds", {}).get("weak")
        self.weak_thresholds: dict[str, float] | None = dict(weak) if weak is not None else None
        self.default_threshold = float(meta.get("thresholds", {}).get("default", DEFAULT_THRESHOLD))
        # a model trained without the rule pass ("model only" in the ablation) ignores the rule spans
        self.uses_rules = bool(meta.get("uses_rules", True))

    # --- scoring --------------------------------------------------------------------------------

    def margin(self, X: np.ndarray) -> np.ndarray:
        """The raw score (log-odds) of each token row; a stacked model adds its base's margin as a feature."""
        if self.base is not None:
            X = np.hstack([X, self.base.margin(X)[:, None]])
        return self.trees.margin(X)

    def proba(self, X: np.ndarray) -> np.ndarray:
        """PHI probability per token row. Rows the linear gate rules out (clearly not PHI) get 0
        without walking the trees."""
        gate = self.gate  # a stacked model has none: its base's gate must not hide the site's own names
        if gate is None or X.shape[0] == 0:
            return _sigmoid(self.margin(X))
        mean, scale, coef, intercept, cut = gate
        z = ((X - mean) / scale) @ coef + intercept
        keep = z >= cut
        p = np.zeros(X.shape[0])
        if keep.any():
            p[keep] = _sigmoid(self.margin(X[keep]))
        return p

    def rescore(self, doc: Document | str, spans: list[Span]) -> list[Span]:
        """Judge the rule candidates of ``doc`` and add the tokens the rules missed.

        Guarded spans (``features.is_guarded``) are returned unchanged; vetoes (``Span.is_veto``) never;
        other candidates are kept (with a score of at least 0.5) or dropped; new spans carry the source
        ``model:token``. Offsets always index ``doc.text``.

        Words that are never tagged alone (``glue_only``, vetoed words, and numbers the label head calls
        part of a name or place: ``lone_number``) are decided after everything else, kept only beside a
        flagged word (``_add_glue``); the first two are scored only when a neighbour may be flagged, so
        most of a note's words never reach the trees.
        """
        d = Document.of(doc)
        if not d.text:
            return []
        rule_spans = spans if self.uses_rules else []
        v = view(d.text, rule_spans, self.tables)
        out = list(v.guards)
        sc = v.scored
        if not len(sc):
            return out
        n = len(v.starts)
        is_new = v.cand[sc] < 0
        glue_row = is_new & (_GLUE_WORDS.of(v.ids[sc]) | v.vetoed[sc])
        # a glue word can be kept only beside a token that may be flagged, or in a chain of glue words next to one
        may = np.zeros(n + 2, dtype=bool)
        may[sc[~glue_row] + 1] = True
        may[1:-1] |= v.guarded
        g = sc[glue_row]
        near = glue_reach(g, may[g] | may[g + 2])
        keep_row = ~glue_row
        keep_row[glue_row] = near
        sc = sc[keep_row]
        glue_row = glue_row[keep_row]
        X = v.rows(sc)
        p = self.proba(X)
        tok_p = np.full(n, -1.0)
        tok_p[sc] = p
        self._keep_candidates(v, tok_p, out)
        lowest = min([self.default_threshold, *self.new_thresholds.values()])
        new_k = np.nonzero(is_new[keep_row] & (p >= lowest))[0]  # a token below every threshold is never kept
        if not len(new_k):
            return out
        labels = self.head.predict(X[new_k])
        plain: list[tuple[int, int, str]] = []  # (row, token, label) of new tokens decided alone
        glue: list[tuple[int, int, str]] = []  # and of glue words: only beside or inside a flagged name
        for k, lab, gl in zip(new_k.tolist(), labels, glue_row[new_k].tolist(), strict=True):
            i = int(sc[k])
            (glue if gl or lone_number(v.toks[i], lab) else plain).append((k, i, lab))
        ends, cells = name_ends(v.cands), plain_cells(v.text)
        self._add_new(v, self._passes(v, plain, X, p, ends, cells), p, out)
        self._add_glue(v, self._passes(v, glue, X, p, ends, cells), X, p, out)
        _continue_names(v, tok_p, out)
        return out

    def _keep_candidates(self, v: DocView, tok_p: np.ndarray, out: list[Span]) -> None:
        """Candidates are kept when their best token reaches the label's threshold."""
        cand_thr = self.cand_thresholds
        weak_thr = cand_thr if self.weak_thresholds is None else self.weak_thresholds
        # the best token of every candidate at once: the probabilities of their tokens one candidate after the other,
        # and a max per candidate (-1 for a candidate on no token, or only on tokens inside a guarded span)
        i0, size = v.cand_i0, v.cand_i1 - v.cand_i0
        best = np.full(len(v.cands), -1.0)
        has = size > 0
        if has.any():
            lens = size[has]
            first = np.cumsum(lens) - lens  # where each candidate's tokens begin in the sequence
            best[has] = np.maximum.reduceat(tok_p[np.repeat(i0[has] - first, lens) + np.arange(lens.sum())], first)
        for sp, b in zip(v.cands, best.tolist(), strict=True):
            if b < 0:  # no token, or every token inside a guarded span: the guard covers it
                continue
            thresholds = weak_thr if sp.score < RULE_MIN_SCORE else cand_thr
            if b >= thresholds.get(sp.label, self.default_threshold):
                out.append(Span(sp.start, sp.end, sp.label, max(sp.score, 0.5), sp.source))

    def _passes(self, v: DocView, items: list[tuple[int, int, str]], X: np.ndarray, p: np.ndarray,
                ends: frozenset[int], cells: frozenset[int]) -> list[tuple[int, int, str]]:
        """The new tokens of ``items`` that reach their label's threshold and are not skipped (``new_token_skipped``;
        ``ends``: ``name_ends`` of the note's candidates, ``cells``: its ``plain_cells``)."""
        new_thr = self.new_thresholds
        return [(k, i, lab) for k, i, lab in items if p[k] >= new_thr.get(lab, self.default_threshold)
                and not new_token_skipped(v.text, v.starts[i], v.ends[i], X[k], self.uses_rules, lab, ends, cells)]

    def _add_new(self, v: DocView, items: list[tuple[int, int, str]], p: np.ndarray, out: list[Span]) -> None:
        """Tag the new tokens (row, token, label) of ``items``, which passed (``_passes``)."""
        for k, i, lab in items:
            out.append(Span(v.starts[i], v.ends[i], lab, round(0.5 + 0.49 * float(p[k]), 3), "model:token"))

    def _add_glue(self, v: DocView, items: list[tuple[int, int, str]], X: np.ndarray, p: np.ndarray, out: list[Span]) -> None:
        """Tag the glue words of ``items`` (in token order; they passed, ``_passes``) only beside or inside a
        flagged name (``glue_plain``, ``glue_side``, ``glue_kept``): first in token order, so that a chain leans
        on the word before ("NEW RASMUSSEN SENIOR CENTER"), then the ones left in reverse order, so that it
        also leans on the word after ("[846] 31 Rue Al Imam")."""
        text, starts, ends = v.text, v.starts, v.ends
        n = len(starts)
        left_over = []
        for k, i, lab in items:
            left, right = glue_plain(text, starts, ends, i, X[k])
            before = glue_side(_flag_label(out, starts[i - 1]), left) if i > 0 else None
            after = glue_side(_flag_label(out, starts[i + 1]), right) if i < n - 1 else None
            span = Span(starts[i], ends[i], lab, round(0.5 + 0.49 * float(p[k]), 3), "model:token")
            first = first_name_word(X[k])
            if glue_kept(v.toks[i].lower(), before, after, first):
                out.append(span)
            else:
                left_over.append((i, span, before, right, first))
        for i, span, before, right, first in reversed(left_over):
            after = glue_side(_flag_label(out, starts[i + 1]), right) if i < n - 1 else None
            if after and glue_kept(v.toks[i].lower(), before, after, first):
                out.append(span)


ORG_LABELS = frozenset({"HOSPITAL", "ORGANIZATION"})
CONTINUE_FLOOR = 0.05  # the least probability of a word that continues a name (``_continue_names``)
_BRIDGES = frozenset({"of", "and", "for", "on"})  # words inside a name between two of its words (in capitals: "OF")
# words that name a department of any hospital: after a hospital's name they are no part of it ("Children's Hospital
# Emergency Room", "Hays Infirmary Department of Pathology"). Narrower than the place detector's list of department
# words, which also holds kinds of care ("Sonoran Pathways Counseling" is a name)
_HOSPITAL_DEPARTMENTS = frozenset(
    """emergency room department dept unit ward floor service services clinic clinics medicine rehabilitation rehab
    surgery oncology cardiology radiology pathology pediatrics psychiatry neurology nursing progress note""".split())


def _continue_names(v: DocView, tok_p: np.ndarray, out: list[Span]) -> None:
    """Capitalized words right after the name of a hospital or organization that the model finds at least
    somewhat likely PHI (``CONTINUE_FLOOR``) continue that name, also across "of", "and", "&", "for", "on"
    or "of the" before such a word: "Sonoran Pathways [Counseling]", "GlobalSpeak Language [Services]",
    "Deccan Institute [of Technology]". Tokens are scored one at a time, and the last words of a name (a kind
    of service or business) are seldom PHI alone; the name before them says they are. A continuing word is no
    function word, no acronym in a mixed-case line ("Coastline Ambulance BLS") and, after a hospital, no
    department ("Emergency Room")."""
    text, starts, ends, toks = v.text, v.starts, v.ends, v.toks
    n = len(starts)
    orgs = [s for s in out if s.label in ORG_LABELS]
    if not orgs:
        return
    covered = covered_tokens(n, *token_ranges(v.st, v.en, out))

    def word(i: int, hospital: bool) -> bool:
        t, case = toks[i], v.tcase[i]
        if covered[i] or tok_p[i] < CONTINUE_FLOOR or v.V[i, _Vocab.FUNCTION] or v.V[i, _STOP] or int(v.V[i, _CUE]) & _PERSON_CUES:
            return False
        if hospital and t.lower() in _HOSPITAL_DEPARTMENTS:
            return False
        return t.isupper() if case == 1 else case == 0 and t[:1].isupper() and not t.isupper()

    def bridge(i: int) -> int:
        """How many words from ``i`` on bridge to the next word of the name (0: none)."""
        low, upper = toks[i].lower(), v.tcase[i] == 1
        if covered[i] or low not in (("of",) if upper else _BRIDGES) or toks[i].isupper() != upper:
            return 0
        if low == "of" and i + 1 < n and toks[i + 1].lower() == "the" and text[ends[i]:starts[i + 1]] == " ":
            return 2
        return 1

    for sp in orgs:
        hospital = sp.label == "HOSPITAL"
        i = bisect_right(starts, sp.end - 1)  # the first token after the span
        last = sp.end
        while i < n and (gap := text[last:starts[i]]) in (" ", " & "):
            k = bridge(i) if gap == " " else 0
            j = i + k
            if k and not (j < n and text[ends[j - 1]:starts[j]] == " " and word(j, hospital)):
                break
            if not k and not word(i, hospital):
                break
            for m in range(i, j + 1):
                covered[m] = True
                out.append(Span(starts[m], ends[m], sp.label, round(0.5 + 0.49 * float(max(tok_p[m], 0.0)), 3), "model:continue"))
            last = ends[j]
            i = j + 1


def glue_reach(tokens: Sequence[int] | np.ndarray, near: Sequence[bool] | np.ndarray) -> np.ndarray:
    """``near`` widened along runs of adjacent ``tokens`` (glue words), both ways: a glue word next to one
    that is near a flagged word may be kept too. So a whole run (entries ``k`` with ``tokens[k] ==
    tokens[k - 1] + 1``) is near when any of its words is: one ``logical_or`` per run, with no Python loop."""
    t = np.asarray(tokens)
    near = np.asarray(near, dtype=bool)
    if len(t) < 2:
        return near
    new_run = np.empty(len(t), dtype=bool)
    new_run[0] = True
    np.not_equal(t[1:], t[:-1] + 1, out=new_run[1:])
    run_near = np.logical_or.reduceat(near, np.flatnonzero(new_run))
    return run_near[np.cumsum(new_run) - 1]


def _load_dir(path: Path, depth: int = 0) -> Model:
    meta_path = path / "model.json"
    if not meta_path.is_file():
        raise FileNotFoundError(f"{path}: not a medveil model directory (no model.json)")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if int(meta.get("format_version", 0)) != FORMAT_VERSION:
        raise ValueError(f"{path}: model format {meta.get('format_version')} is not supported (expected {FORMAT_VERSION})")
    saved = [f for f in meta.get("feature_names", []) if f != "base_margin"]
    if saved and saved != list(feature_names()):
        raise ValueError(f"{path}: the model was trained on other features ({len(saved)}) than this medveil version computes "
                         f"({len(feature_names())}); retrain it with `medveil train`")
    with np.load(path / "arrays.npz", allow_pickle=False) as a:
        trees = TreeEnsemble.from_arrays(a, "t_")
        head = LabelHead(list(meta["head_classes"]), a["h_mean"], a["h_scale"], a["h_coef"], a["h_intercept"])
        gate = None
        if "g_coef" in a:
            gate = (a["g_mean"], a["g_scale"], a["g_coef"], float(a["g_meta"][0]), float(a["g_meta"][1]))
    base = None
    if meta.get("base"):
        if depth > 3:
            raise ValueError(f"{path}: too many stacked base models")
        b = meta["base"]
        base_path = default_model_dir() if b == "default" else (path / b if not Path(b).is_absolute() else Path(b))
        base = _load_dir(base_path, depth + 1)
    return Model(meta, trees, head, base, str(path), gate)


@lru_cache(maxsize=4)
def _cached(path: str) -> Model:
    return _load_dir(Path(path))


def load_model(path: str | Path = "default") -> Model:
    """Load a model directory, or ``'default'`` for the model shipped with medveil (cached per path)."""
    p = default_model_dir() if str(path) == "default" else Path(path)
    return _cached(str(p.resolve()))


__all__ = ["Label", "LabelHead", "Model", "TreeEnsemble", "default_model_dir", "load_model"]
