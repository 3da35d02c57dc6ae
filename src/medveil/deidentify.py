"""De-identification: detect PHI, replace it according to a policy, check that nothing survives.

    import medveil
    out = medveil.deidentify("Pt David Greybeard seen 3/4/2019, call 617-555-0199", key="my secret")
    out.text            # "Pt Philip Boyle seen 4/13/2019, call 838-201-4471" (for example)
    out.replacements    # where each replacement went, with offsets into input and output

    deid = medveil.Deidentifier(policy="safe-harbor", key=open("k").read())   # build once, reuse
    deid.deidentify(medveil.Document(text, id="n1", patient_id="p7", context={"dob": "1950-03-04"}))

Every replacement is a pure function of (key, patient, label, normalized original); see
:mod:`medveil.transform.keyed`. Guarantees checked on every document (a document that cannot meet
them raises :class:`~medveil.transform.base.TransformError`, so that callers fail closed):

* no detected PHI string (three or more letters or digits, whole-word, case-insensitive) is left in
  the output, unless the policy keeps it (``keep``, or a generalization that equals it, such as a
  year under Safe Harbor); with ``propagate`` every other occurrence of a detected string is
  replaced too, and a surrogate that would bring an original back is re-drawn;
* a surrogate never equals its original or another original value of the same document.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from medveil.document import Document, Span
from medveil.labels import NAME_LABELS, Label
from medveil.transform.base import Context, TransformError
from medveil.transform.dates import document_reference_year
from medveil.transform.keyed import as_key, date_shift_days, derive_key
from medveil.transform.names import NameLinker, PersonRegistry, nicknames_of, parse_name
from medveil.transform.policy import Policy

_MIN_LEAK_CHARS = 3
_MAX_ROUNDS = 6
_NO_PROPAGATE = frozenset({Label.AGE})
_NUMBERISH = re.compile(r"\w*\d\w*")
_YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True, slots=True)
class Replacement:
    """One replaced span: offsets into the input (``start``/``end``) and the output (``out_*``)."""

    start: int
    end: int
    out_start: int
    out_end: int
    label: str
    operator: str
    original: str = field(repr=False)
    replacement: str = ""
    source: str = ""

    def to_dict(self, include_original: bool = False) -> dict[str, Any]:
        """The JSON form used by ``--spans-out``; the original text only when asked for."""
        d: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "out_start": self.out_start,
            "out_end": self.out_end,
            "label": self.label,
            "operator": self.operator,
        }
        if include_original:
            d["original"] = self.original
            d["replacement"] = self.replacement
        return d


@dataclass(slots=True)
class DeidentifiedDocument:
    """The result: the new ``text``, the ``replacements`` made, and the transformed ``fields``."""

    text: str
    replacements: list[Replacement]
    id: str = ""
    patient_id: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    field_replacements: list[tuple[str, str, str, str]] = field(default_factory=list, repr=False)  # field, label, original, new

    def __str__(self) -> str:
        return self.text


def _word_rx(s: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(s) + r"(?!\w)", re.I)


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def find_words(haystack: str, needle: str, lowered: str | None = None) -> list[tuple[int, int]]:
    """Whole-word, case-insensitive occurrences of ``needle`` in ``haystack`` as (start, end).

    ``lowered`` is ``haystack.lower()`` when the caller has it already (searching many needles).
    """
    if not needle:
        return []
    low = lowered if lowered is not None else haystack.lower()
    n = needle.lower()
    if len(low) != len(haystack) or len(n) != len(needle):  # lower() changed lengths: use a regex
        return [(m.start(), m.end()) for m in _word_rx(needle).finditer(haystack)]
    out = []
    i = low.find(n)
    while i >= 0:
        j = i + len(n)
        if (i == 0 or not (_is_word_char(haystack[i - 1]) and _is_word_char(needle[0]))) and (
            j == len(haystack) or not (_is_word_char(haystack[j]) and _is_word_char(needle[-1]))
        ):
            out.append((i, j))
        i = low.find(n, i + 1)
    return out


def _alnum(s: str) -> int:
    return sum(c.isalnum() for c in s)


def _merge_overlaps(spans: list[Span], n: int) -> list[Span]:
    out: list[Span] = []
    for sp in sorted(spans, key=lambda s: (s.start, -s.end)):
        sp = Span(max(0, sp.start), min(n, sp.end), sp.label, sp.score, sp.source)
        if sp.end <= sp.start:
            continue
        if out and sp.start < out[-1].end:
            prev = out[-1]
            keep = prev if (prev.end - prev.start) >= (sp.end - sp.start) else sp
            out[-1] = Span(prev.start, max(prev.end, sp.end), keep.label, max(prev.score, sp.score), keep.source)
        else:
            out.append(sp)
    return out


def _field_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [str(value)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _field_strings(v)]
    return []


class Deidentifier:
    """A reusable de-identifier: the policy, the key and the detector are set up once.

    ``key`` is the secret (bytes or str). Without one a random key is generated and a warning is
    issued: the output is then consistent within this object only and cannot be reproduced.
    Within one ``Deidentifier`` the persons met for a patient are remembered, so that ``tag``
    indexes stay the same across that patient's documents (surrogates need no such memory); the
    ``max_patients`` most recently seen patients are kept. Use one ``Deidentifier`` per thread.
    """

    max_patients = 100_000

    def __init__(self, policy: Policy | str | dict[str, Any] | None = None, key: bytes | str | None = None, *, pipeline: Any = None):
        self.policy = Policy.load(policy)
        if key is None:
            warnings.warn("medveil: no key given; using a random key, so this output cannot be reproduced", stacklevel=2)
            key = secrets.token_urlsafe(32)
        self._secret = as_key(key)
        self._surrogate_key = derive_key(self._secret, "surrogate")
        self._shift_key = derive_key(self._secret, "date-shift")
        self._pipeline = pipeline
        self._registries: dict[str, tuple[PersonRegistry, dict[tuple[str, str], int]]] = {}

    # --- public ---------------------------------------------------------------------------------

    @property
    def pipeline(self) -> Any:
        """The detection pipeline (the default one, built on first use, unless one was given)."""
        if self._pipeline is None:
            from medveil.pipeline import Pipeline

            self._pipeline = Pipeline()
        return self._pipeline

    def patient_scope(self, doc: Document) -> str:
        """The id the mapping of ``doc`` is keyed on: its patient, else the document itself."""
        if doc.patient_id not in (None, ""):
            return f"patient:{doc.patient_id}"
        if doc.id:
            return f"record:{doc.id}"
        return "text:" + hashlib.sha256(doc.text.encode("utf-8")).hexdigest()

    def shift_days(self, doc: Document) -> int:
        """The date shift of the patient of ``doc`` (kept secret: it is not part of any output)."""
        ds = self.policy.date_shift
        return date_shift_days(self._shift_key, self.patient_scope(doc), ds.min_days, ds.max_days)

    def deidentify(self, value: Document | str, spans: list[Span] | None = None) -> DeidentifiedDocument:
        """Detect (unless ``spans`` are given) and transform ``value``."""
        doc = Document.of(value)
        if spans is None:
            spans = self.pipeline.detect(doc) if doc.text else []
        return self.transform(doc, spans)

    __call__ = deidentify

    def transform(self, doc: Document, spans: list[Span]) -> DeidentifiedDocument:
        """Replace ``spans`` of ``doc`` (the transform step alone, without detection)."""
        text = doc.text
        scope = self.patient_scope(doc)
        spans = _tidy_name_spans(text, _merge_overlaps(list(spans), len(text)))
        known = self._known_values(doc)
        if doc.patient_id not in (None, ""):
            entry = self._registries.pop(scope, None) or (PersonRegistry(), {})
            self._registries[scope] = entry  # most recently used last
            if len(self._registries) > self.max_patients:
                del self._registries[next(iter(self._registries))]
            registry, tag_index = entry
        else:
            registry, tag_index = PersonRegistry(), {}
        if self.policy.propagate:
            spans = self._propagate(text, spans, known, registry)
        known_names = [v for lab, v in known if lab in NAME_LABELS]
        linker = NameLinker(text, [s for s in spans if s.label in NAME_LABELS], registry, known_names)
        kept_labels = {lab.value for lab in Label if self.policy.rule_for(lab).operator == "keep"}
        originals = {text[s.start : s.end].strip().casefold() for s in spans if s.label not in kept_labels}
        originals |= {v.strip().casefold() for lab, v in known if lab not in kept_labels}
        originals |= {t for t in linker.originals if len(t) >= 2}
        ref_year = document_reference_year([text[s.start : s.end] for s in spans if s.label == Label.DATE], self.policy.reference_year)
        base = Context(
            key=self._surrogate_key,
            scope=scope,
            shift_days=self.shift_days(doc),
            reference_year=ref_year,
            originals=frozenset(o for o in originals if o),
            names=linker,
            tag_index=tag_index,
        )
        corpus = Context(key=self._surrogate_key, scope="corpus", shift_days=base.shift_days, reference_year=ref_year,
                         originals=base.originals, names=linker, tag_index=tag_index)
        self._prepare_state(text, spans, base)
        corpus.extra = base.extra

        attempts = [0] * len(spans)
        for _ in range(_MAX_ROUNDS):
            news = [self._apply(text[s.start : s.end], s.label, base, corpus, s, attempts[i]) for i, s in enumerate(spans)]
            out, reps = self._assemble(text, spans, news)
            bad = self._leaks(out, reps, spans, text, news, known)
            if not bad:
                break
            for i in bad:
                attempts[i] += 1
        else:
            raise TransformError("a detected PHI string would survive in the output; the record was not written")
        fields, freps = self._transform_fields(doc, base, corpus)
        return DeidentifiedDocument(out, reps, doc.id, doc.patient_id, fields, freps)

    # --- steps ----------------------------------------------------------------------------------

    def _known_values(self, doc: Document) -> list[tuple[str, str]]:
        out = []
        for fname, lab in self.policy.fields.items():
            for v in _field_strings(doc.context.get(fname)):
                out.append((lab, v))
        return out

    def _propagate(self, text: str, spans: list[Span], known: list[tuple[str, str]], registry: PersonRegistry | None = None) -> list[Span]:
        """Add a span for every other whole-word occurrence of a detected or known PHI string.

        Known strings are the values of the policy's structured fields and the names of the persons
        already met for this patient; the parts of their names (three letters or more, capitalized in
        the text) are searched too. Parts of names that were only detected are skipped when they are
        common English words ("May", "Will"). Overlaps merge into one span.
        """
        targets: dict[str, str] = {}
        sure_targets: set[str] = set()
        name_parts: dict[str, tuple[str, bool]] = {}  # part -> (label, certain)
        for s in spans:
            if s.label in _NO_PROPAGATE:
                continue
            v = text[s.start : s.end].strip()
            if _alnum(v) >= _MIN_LEAK_CHARS:
                targets.setdefault(v.casefold(), s.label)
            if s.label in NAME_LABELS:
                for text_, _role, _bare in _name_parts(v):
                    name_parts.setdefault(text_, (s.label, False))
        certain: list[tuple[str, str]] = list(known)
        if registry is not None:
            for p in registry.persons:
                certain += [(p.label, x) for x in (p.last, p.first, *p.firsts) if x]
        for lab, v in certain:
            if lab in _NO_PROPAGATE:
                continue
            if _alnum(v) >= _MIN_LEAK_CHARS:
                targets.setdefault(v.strip().casefold(), lab)
                sure_targets.add(v.strip().casefold())
            if lab in NAME_LABELS:
                for text_, role, bare in _name_parts(v):
                    name_parts[text_] = (lab, True)
                    if role in ("first", "single"):
                        for nick in _nicknames_to_spread(bare):
                            name_parts.setdefault(nick, (lab, True))
        if not targets and not name_parts:
            return spans
        added: list[Span] = []
        low = text.lower()
        for v, lab in targets.items():
            if v not in sure_targets and _is_common_word(v):
                continue  # a detected common word ("The") is most likely a false positive: not spread
            for a, b in find_words(text, v, low):
                added.append(Span(a, b, lab, 1.0, "propagate"))
        for part, (lab, sure) in name_parts.items():
            hits = [(a, b) for a, b in find_words(text, part, low) if text[a].isupper()]
            if hits and (sure or not _is_common_word(part)):
                added.extend(Span(a, b, lab, 1.0, "propagate") for a, b in hits)
        if not added:
            return spans
        return _merge_overlaps(spans + added, len(text))

    def _prepare_state(self, text: str, spans: list[Span], ctx: Context) -> None:
        """Document-level facts some operators share: the surrogate state and city (from the first
        STATE and CITY of the document) that ZIP codes and cities follow."""
        from medveil.transform.locations import city_record

        first = {lab: next((s for s in spans if s.label == lab), None) for lab in (Label.STATE, Label.CITY)}
        st = first[Label.STATE]
        if st is not None and self.policy.rule_for(Label.STATE).operator == "surrogate":
            try:
                ctx.extra["surrogate_state"] = self.policy.operator_for(Label.STATE).apply(text[st.start : st.end], st.label, ctx, st)
            except Exception:  # noqa: BLE001 - only a hint for cities and ZIP codes
                pass
        ci = first[Label.CITY]
        if ci is not None and self.policy.rule_for(Label.CITY).operator == "surrogate":
            try:
                rec = city_record(text[ci.start : ci.end], ctx)
            except Exception:  # noqa: BLE001
                rec = None
            if rec is not None:
                ctx.extra["surrogate_city"] = rec

    def _apply(self, value: str, label: str, base: Context, corpus: Context, span: Span | None, attempt: int) -> str:
        rule = self.policy.rule_for(label)
        ctx = corpus if rule.effective_scope() == "corpus" else base
        ctx.attempt = attempt
        try:
            return self.policy.operator_for(label).apply(value, label, ctx, span)
        except TransformError:
            raise
        except Exception as e:  # noqa: BLE001 - turned into a record failure without the value
            raise TransformError(f"operator {rule.operator} failed on a {label} span ({type(e).__name__})") from None
        finally:
            ctx.attempt = 0

    def _assemble(self, text: str, spans: list[Span], news: list[str]) -> tuple[str, list[Replacement]]:
        parts: list[str] = []
        reps: list[Replacement] = []
        pos = 0
        out_len = 0
        for s, new in zip(spans, news, strict=True):
            gap = text[pos : s.start]
            parts.append(gap)
            out_len += len(gap)
            parts.append(new)
            op = self.policy.rule_for(s.label).operator
            reps.append(Replacement(s.start, s.end, out_len, out_len + len(new), str(s.label), op, text[s.start : s.end], new, s.source))
            out_len += len(new)
            pos = s.end
        parts.append(text[pos:])
        return "".join(parts), reps

    def _leaks(self, out: str, reps: list[Replacement], spans: list[Span], text: str, news: list[str], known) -> list[int]:
        """Indexes of replacements to re-draw; raises when an original survives outside them."""
        bad: set[int] = set()
        checked: set[str] = set()
        low = out.lower()
        candidates = []
        for r in reps:
            same = r.replacement.strip().casefold() == r.original.strip().casefold()
            if r.operator == "keep" or (same and (r.operator == "generalize" or r.label == Label.AGE)):
                continue  # kept by the policy: years under Safe Harbor, ages up to 89
            candidates.append(r.original.strip())
        candidates += [v.strip() for lab, v in known if self.policy.rule_for(lab).operator != "keep"]
        known_keys = {v.strip().casefold() for _lab, v in known}
        # numbers inside a replaced span (a ZIP inside a mislabelled address) must not survive in it
        for i, r in enumerate(reps):
            if r.operator in ("surrogate", "token") and r.label not in (Label.DATE, Label.AGE):
                for tok in _NUMBERISH.findall(r.original):
                    if _YEAR.fullmatch(tok):
                        continue  # a year kept by a date-shaped value ("2015-08-22T17" labelled ID)
                    if _alnum(tok) >= _MIN_LEAK_CHARS and find_words(r.replacement, tok):
                        bad.add(i)
        for orig in candidates:
            key = orig.casefold()
            if key in checked or _alnum(orig) < _MIN_LEAK_CHARS:
                continue
            checked.add(key)
            for a, b in find_words(out, orig, low):
                overlap = [i for i, r in enumerate(reps) if r.out_start < b and a < r.out_end]
                # A shifted date may land on another original date of the patient (two dates that
                # are exactly `shift` days apart). Exact intervals win: it is not re-drawn.
                hit = [i for i in overlap if not (reps[i].label == Label.DATE and reps[i].operator == "surrogate"
                                              and reps[i].original.strip().casefold() != key)]
                # tags and masks are fixed text of the policy ("<MRN:1>" holds the word "MRN"), and a
                # value the policy keeps (a country under Safe Harbor) is kept even if another span of
                # another label had the same text: neither can be re-drawn
                hit = [i for i in hit if reps[i].operator not in ("tag", "redact", "keep")]
                if hit:
                    bad.update(hit)
                elif (not overlap and self.policy.propagate and not (orig.isdigit() and len(orig) < 5)
                      and (key in known_keys or not _is_common_word(orig))):
                    raise TransformError("a detected PHI string would survive in the output; the record was not written")
        return sorted(bad)

    def _transform_fields(self, doc: Document, base: Context, corpus: Context) -> tuple[dict[str, Any], list]:
        fields = dict(doc.context)
        freps: list[tuple[str, str, str, str]] = []
        for fname, lab in self.policy.fields.items():
            if fname not in fields or fields[fname] is None:
                continue
            fields[fname] = self._transform_value(fname, fields[fname], lab, base, corpus, freps)
        return fields, freps

    def _transform_value(self, fname: str, value: Any, label: str, base: Context, corpus: Context, freps: list) -> Any:
        if isinstance(value, (list, tuple)):
            return [self._transform_value(fname, v, label, base, corpus, freps) for v in value]
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return value
        s = str(value)
        if not s.strip():
            return value
        span = base.names.known_span(s) if (label in NAME_LABELS and base.names is not None) else None
        new = self._apply(s, label, base, corpus, span, 0)
        if new.strip().casefold() == s.strip().casefold() and self.policy.rule_for(label).operator not in ("keep", "generalize"):
            raise TransformError(f"field {fname!r} could not be transformed")
        freps.append((fname, label, s, new))
        if isinstance(value, int) and new.isdigit():
            return int(new)
        return new


_SENTENCE_BREAK = re.compile(r"(?<=\w\w)\.\s+(?=\S)|\s*[\n;]\s*")
_NOT_A_BREAK = frozenset({"dr", "mr", "mrs", "ms", "jr", "sr", "st", "prof", "rev", "mt", "ft"})
_INITIALS_BEFORE = re.compile(r"(?:(?<![\w.])[A-Z]\.\s?){1,2}$")


def _tidy_name_spans(text: str, spans: list[Span]) -> list[Span]:
    """Name spans as the name operators need them: a span that runs over a sentence end or a line
    break ("Dr. Jane Goodall. David") is split into its names; initials written just before a name
    ("D. Greybeard" found as "Greybeard") join it."""
    out: list[Span] = []
    for sp in spans:
        if sp.label not in NAME_LABELS:
            out.append(sp)
            continue
        start = sp.start
        prev_end = out[-1].end if out else 0
        m = _INITIALS_BEFORE.search(text, max(prev_end, sp.start - 6), sp.start)
        if m and m.end() == sp.start and m.start() >= prev_end:
            start = m.start()
        pieces: list[tuple[int, int]] = []
        a = start
        for br in _SENTENCE_BREAK.finditer(text, sp.start, sp.end):
            word = re.search(r"(\w+)$", text[a : br.start()])
            if br.group().strip(" \t") == "." and word and word.group(1).lower() in _NOT_A_BREAK:
                continue
            if br.start() > a:
                pieces.append((a, br.start()))
            a = br.end()
        if sp.end > a:
            pieces.append((a, sp.end))
        for x, y in pieces:
            piece = text[x:y]
            if not any(c.isalnum() for c in piece):
                continue
            if len(pieces) > 1 and _spill_over(piece):
                continue  # "Smith. The" found as one name: "The" is not part of it
            out.append(Span(x, y, sp.label, sp.score, sp.source))
    return out


@lru_cache(maxsize=65536)
def _nicknames_to_spread(first: str) -> tuple[str, ...]:
    """Capitalized nicknames (three letters or more) of a known first name, in a stable order."""
    return tuple(sorted(n.capitalize() for n in nicknames_of(first) if len(n) >= 3))


def _spill_over(piece: str) -> bool:
    """True when a piece of a split name span holds only common words and no known name."""
    from medveil.transform.names import is_first_name

    words = re.findall(r"[^\W\d_]+", piece)
    if not words:
        return False
    return all(_is_common_word(w) and not is_first_name(w) and not _is_last_name(w) for w in words)


@lru_cache(maxsize=65536)
def _is_last_name(word: str) -> bool:
    try:
        from medveil import lexicons

        return lexicons.last_names().get(word.lower(), 0.0) >= 1.0
    except Exception:  # noqa: BLE001 - the lexicon is optional
        return False


@lru_cache(maxsize=65536)
def _name_parts(name: str) -> tuple[tuple[str, str, str], ...]:
    """(text, role, lower-case) of the name tokens of ``name`` with three letters or more."""
    return tuple(
        (t.text.rstrip("."), t.role, t.bare) for t in parse_name(name).tokens if t.role not in ("title", "suffix") and len(t.bare) >= 3
    )


@lru_cache(maxsize=65536)
def _is_common_word(word: str) -> bool:
    try:
        from medveil import lexicons

        return lexicons.word_frequency(word.lower()) >= 4.5
    except Exception:  # noqa: BLE001 - the lexicon is optional
        return False


_CACHE: dict[tuple[str, bytes | None], Deidentifier] = {}


def deidentify(
    text_or_document: Document | str,
    policy: Policy | str | dict[str, Any] | None = None,
    key: bytes | str | None = None,
    *,
    spans: list[Span] | None = None,
) -> DeidentifiedDocument:
    """De-identify one text or :class:`Document` (see the module docstring).

    ``policy``: a preset name (``surrogate``, ``tags``, ``redact``, ``safe-harbor``), a YAML path,
    a mapping or a :class:`Policy`. ``key``: the secret; without it a random one is used (warned).
    ``spans``: skip detection and replace these.
    """
    if key is None or isinstance(policy, (Policy, dict)):
        return Deidentifier(policy, key).deidentify(text_or_document, spans)
    ck = (str(policy), as_key(key))
    deid = _CACHE.get(ck)
    if deid is None:
        if len(_CACHE) > 8:
            _CACHE.clear()
        deid = _CACHE[ck] = Deidentifier(policy, key)
    return deid.deidentify(text_or_document, spans)
