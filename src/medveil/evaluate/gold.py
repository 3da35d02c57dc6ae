"""Gold-standard readers: medveil JSONL, BRAT standoff, i2b2 2006 and 2014 XML, PhysioNet deid.

Every reader returns :class:`GoldDocument` objects whose span offsets index ``text`` as a Python
string (Unicode code points; a CRLF counts two characters, nothing is normalised). Problems that
make the gold unusable raise :class:`~medveil.io.readers.InputError` with a one-line message;
problems that only affect some spans are reported as :class:`GoldWarning` warnings and the span is
dropped. Warnings never quote document text.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medveil.evaluate.labelmap import GoldWarning, LabelMap
from medveil.io.readers import InputError, _decode, read_records

GOLD_FORMATS = ("auto", "jsonl", "brat", "i2b2-2006", "i2b2-2014", "physionet")


@dataclass(frozen=True, slots=True)
class GoldSpan:
    """An annotated identifier: ``label`` is the medveil label, ``raw_label`` the corpus's own.

    ``fragments`` holds the ``(start, end)`` pieces of a discontinuous annotation (BRAT ``0 4;5 9``);
    for an ordinary span it is ``((start, end),)``. ``start``/``end`` are the outer bounds.
    """

    start: int
    end: int
    label: str
    raw_label: str = ""
    fragments: tuple[tuple[int, int], ...] = ()

    def __post_init__(self) -> None:
        if not self.fragments:
            object.__setattr__(self, "fragments", ((self.start, self.end),))

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"start": self.start, "end": self.end, "label": self.label}
        if self.raw_label and self.raw_label != self.label:
            d["raw_label"] = self.raw_label
        if len(self.fragments) > 1:
            d["fragments"] = [list(f) for f in self.fragments]
        return d


@dataclass(slots=True)
class GoldDocument:
    """A gold document: its id, text, gold spans, patient id and other record fields (context)."""

    id: str
    text: str
    spans: list[GoldSpan] = field(default_factory=list)
    patient_id: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The medveil JSONL form of this document (``id``, ``text``, ``spans``, context fields)."""
        d: dict[str, Any] = {"id": self.id, "text": self.text, "spans": [s.to_dict() for s in self.spans]}
        if self.patient_id is not None:
            d.setdefault("patient_id", self.patient_id)
        for k, v in self.fields.items():
            d.setdefault(k, v)
        return d


def _warn(msg: str) -> None:
    warnings.warn(msg, GoldWarning, stacklevel=3)


class _Stats(Counter[str]):
    """Counts of dropped, duplicate and mismatching annotations over a whole gold corpus."""

    first_mismatch = "?"

    def mismatch_at(self, where: str) -> None:
        if not self["mismatch"]:
            self.first_mismatch = where
        self["mismatch"] += 1


class _SpanBuilder:
    """Collects the spans of one document: maps labels, checks offsets, drops duplicates."""

    def __init__(self, doc_id: str, text: str, labels: LabelMap, stats: _Stats):
        self.doc_id, self.text, self.labels, self.stats = doc_id, text, labels, stats
        self.spans: list[GoldSpan] = []
        self._seen: set[tuple[str, tuple[tuple[int, int], ...]]] = set()

    def add(self, fragments: list[tuple[int, int]], keys: tuple[str, ...]) -> None:
        n = len(self.text)
        if not fragments or any(s < 0 or e < s or e > n for s, e in fragments):
            self.stats["out_of_range"] += 1
            if self.stats["out_of_range"] <= 5:
                _warn(f"{self.doc_id}: gold span {fragments} outside the text (length {n}); dropped")
            return
        label = self.labels.map(*keys)
        if label is None:
            self.stats["ignored"] += 1
            return
        frags = tuple(sorted(fragments))
        key = (label, frags)
        if key in self._seen:
            self.stats["duplicates"] += 1
            return
        self._seen.add(key)
        self.spans.append(GoldSpan(frags[0][0], max(e for _, e in frags), label, keys[0], frags))

    def done(self) -> list[GoldSpan]:
        return sorted(self.spans, key=lambda s: (s.start, s.end, s.label))


def _report_stats(stats: _Stats, name: str) -> None:
    if stats["out_of_range"] > 5:
        _warn(f"{name}: {stats['out_of_range']} gold spans outside their text were dropped in all")
    if stats["duplicates"]:
        _warn(f"{name}: {stats['duplicates']} duplicate gold spans (same offsets and label) counted once")
    if stats["mismatch"]:
        _warn(
            f"{name}: {stats['mismatch']} of {stats['checked']} annotations do not match the text at their offsets "
            f"(first in {stats.first_mismatch}); the offsets were used as given"
        )


# ---------------------------------------------------------------------------------------------- JSONL


def _read_jsonl(path: str, labels: LabelMap, stats: _Stats) -> Iterator[GoldDocument]:
    for rec in read_records(path, "jsonl"):
        if rec.error:
            raise InputError(f"{rec.error} (gold record)")
        fields = dict(rec.fields)
        raw_spans = fields.pop("spans", [])
        if not isinstance(raw_spans, list):
            raise InputError(f"{path}: record {rec.id}: \"spans\" must be a list of {{start, end, label}}")
        sb = _SpanBuilder(rec.id, rec.text, labels, stats)
        for i, s in enumerate(raw_spans):
            try:
                start, end = int(s["start"]), int(s["end"])
                lab = s.get("label", s.get("type"))
                if lab is None:
                    raise KeyError("label")
            except (KeyError, TypeError, ValueError):
                raise InputError(f"{path}: record {rec.id}: span {i} needs integer \"start\", \"end\" and a \"label\"") from None
            sb.add([(start, end)], (str(lab),))
        pid = fields.get("patient_id")
        yield GoldDocument(rec.id, rec.text, sb.done(), str(pid) if pid is not None else None, fields)


# ----------------------------------------------------------------------------------------------- BRAT


def _read_text_file(p: Path) -> tuple[str, int]:
    """Decode a text file; also return 1 when a UTF-8 BOM was removed (BRAT offsets count it)."""
    data = p.read_bytes()
    return _decode(data, str(p)), 1 if data.startswith(b"\xef\xbb\xbf") else 0


def _brat_doc(txt: Path, ann: Path | None, doc_id: str, labels: LabelMap, stats: _Stats) -> GoldDocument:
    text, bom = _read_text_file(txt)
    sb = _SpanBuilder(doc_id, text, labels, stats)
    if ann is not None:
        ann_text, _ = _read_text_file(ann)
        for lineno, line in enumerate(ann_text.splitlines(), start=1):
            line = line.rstrip("\r")
            if not line.startswith("T"):
                continue  # relations, events, attributes, notes: not spans
            parts = line.split("\t")
            if len(parts) < 2:
                raise InputError(f"{ann}:{lineno}: malformed text-bound annotation (expected 'T1<TAB>TYPE START END<TAB>text')")
            type_offsets = parts[1].split(" ", 1)
            if len(type_offsets) != 2:
                raise InputError(f"{ann}:{lineno}: annotation without offsets")
            etype, offsets = type_offsets
            try:
                frags = [tuple(int(x) - bom for x in piece.split()) for piece in offsets.split(";")]
                frags_ok = [(a, b) for a, b in frags]  # type: ignore[misc]
            except ValueError:
                raise InputError(f"{ann}:{lineno}: offsets {offsets!r} are not 'START END[;START END...]'") from None
            if len(parts) >= 3 and all(0 <= a <= b <= len(text) for a, b in frags_ok):
                stats["checked"] += 1
                if " ".join(text[a:b] for a, b in frags_ok) != parts[2]:
                    stats.mismatch_at(f"{ann}:{lineno}")
            sb.add(frags_ok, (etype,))
    return GoldDocument(doc_id, text, sb.done(), None, {"path": str(txt)})


def _read_brat(path: str, labels: LabelMap, stats: _Stats) -> Iterator[GoldDocument]:
    p = Path(path)
    if p.is_file():
        txt, ann = p.with_suffix(".txt"), p.with_suffix(".ann")
        if not txt.is_file():
            raise InputError(f"{path}: no text file {txt.name} next to it")
        yield _brat_doc(txt, ann if ann.is_file() else None, txt.stem, labels, stats)
        return
    txts = sorted(q for q in p.rglob("*.txt") if q.is_file())
    anns = {q.with_suffix("") for q in p.rglob("*.ann") if q.is_file()}
    if not txts:
        raise InputError(f"{path}: no .txt files in this directory")
    orphans = anns - {q.with_suffix("") for q in txts}
    if orphans:
        _warn(f"{path}: {len(orphans)} .ann file(s) without a .txt were skipped (e.g. {sorted(orphans)[0]}.ann)")
    no_ann = 0
    for txt in txts:
        ann = txt.with_suffix(".ann")
        if not ann.is_file():
            no_ann += 1
        yield _brat_doc(txt, ann if ann.is_file() else None, str(txt.relative_to(p).with_suffix("")), labels, stats)
    if no_ann:
        _warn(f"{path}: {no_ann} .txt file(s) have no .ann file and count as documents without PHI")


# ------------------------------------------------------------------------------------------------ XML

_XML_TOKEN = re.compile(
    r"<!\[CDATA\[(?P<cdata>.*?)\]\]>|<!--.*?-->|<\?.*?\?>|<!DOCTYPE[^>]*>"
    r"|<(?P<close>/?)(?P<tag>[A-Za-z_][\w.:-]*)(?P<attrs>(?:[^<>\"']|\"[^\"<]*\"|'[^'<]*')*?)(?P<selfclose>/?)>",
    re.S,
)
_XML_ATTR = re.compile(r"([A-Za-z_][\w.:-]*)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_XML_ENTITY = re.compile(r"&(lt|gt|amp|quot|apos|#\d+|#x[0-9A-Fa-f]+);")
_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def _unescape(s: str) -> str:
    def rep(m: re.Match[str]) -> str:
        e = m.group(1)
        if e.startswith("#x"):
            return chr(int(e[2:], 16))
        if e.startswith("#"):
            return chr(int(e[1:]))
        return _ENTITIES[e]

    return _XML_ENTITY.sub(rep, s) if "&" in s else s


def _attrs(s: str) -> dict[str, str]:
    return {m.group(1): _unescape(m.group(2) if m.group(2) is not None else m.group(3)) for m in _XML_ATTR.finditer(s)}


@dataclass(slots=True)
class _Event:
    kind: str  # "text", "start", "end"
    value: str = ""  # text, or tag name
    attrs: dict[str, str] = field(default_factory=dict)


def _xml_events(raw: str) -> Iterator[_Event]:
    """A tolerant XML tokenizer that keeps every character of the text (CR included) as written."""
    pos = 0
    for m in _XML_TOKEN.finditer(raw):
        if m.start() > pos:
            yield _Event("text", _unescape(raw[pos : m.start()]))
        pos = m.end()
        if m.group("cdata") is not None:
            yield _Event("text", m.group("cdata"), {"cdata": "1"})
        elif m.group("tag"):
            tag = m.group("tag")
            if m.group("close"):
                yield _Event("end", tag)
            else:
                yield _Event("start", tag, _attrs(m.group("attrs") or ""))
                if m.group("selfclose"):
                    yield _Event("end", tag)
    if pos < len(raw):
        yield _Event("text", _unescape(raw[pos:]))


def _read_xml_file(p: Path) -> str:
    try:
        return _decode(p.read_bytes(), str(p))
    except OSError as e:
        raise InputError(f"{p}: cannot read ({e.strerror})") from None


def _i2b2_2006_file(p: Path, labels: LabelMap, stats: _Stats) -> Iterator[GoldDocument]:
    raw = _read_xml_file(p)
    rec_id: str | None = None
    n_records = 0
    in_text = False
    buf: list[str] = []
    length = 0
    phi_stack: list[tuple[int, str]] = []
    pending: list[tuple[int, int, str]] = []
    for ev in _xml_events(raw):
        if ev.kind == "start" and ev.value.upper() == "RECORD":
            rec_id = ev.attrs.get("ID", ev.attrs.get("id", str(n_records + 1)))
        elif ev.kind == "start" and ev.value.upper() == "TEXT":
            in_text, buf, length, pending, phi_stack = True, [], 0, [], []
        elif ev.kind == "end" and ev.value.upper() == "TEXT" and in_text:
            in_text = False
            n_records += 1
            doc_id = rec_id if rec_id is not None else (p.stem if n_records == 1 else f"{p.stem}-{n_records}")
            text = "".join(buf)
            sb = _SpanBuilder(doc_id, text, labels, stats)
            for s, e, t in pending:
                sb.add([(s, e)], (t,))
            yield GoldDocument(doc_id, text, sb.done(), None, {"record_id": doc_id})
            rec_id = None
        elif in_text and ev.kind == "text":
            buf.append(ev.value)
            length += len(ev.value)
        elif in_text and ev.kind == "start" and ev.value.upper() == "PHI":
            phi_stack.append((length, ev.attrs.get("TYPE", ev.attrs.get("type", "PHI"))))
        elif in_text and ev.kind == "end" and ev.value.upper() == "PHI":
            if not phi_stack:
                raise InputError(f"{p}: </PHI> without a matching <PHI> in record {rec_id}")
            s, t = phi_stack.pop()
            pending.append((s, length, t))
    if in_text:
        raise InputError(f"{p}: <TEXT> of record {rec_id} is never closed")
    if n_records == 0:
        raise InputError(f"{p}: no <TEXT> element found; is this i2b2 2006 XML?")


def _i2b2_2014_file(p: Path, labels: LabelMap, stats: _Stats) -> GoldDocument:
    raw = _read_xml_file(p)
    text_parts: list[str] | None = None
    cdata_parts: list[str] = []
    in_text = in_tags = False
    tags: list[tuple[str, dict[str, str]]] = []
    for ev in _xml_events(raw):
        if ev.kind == "start" and ev.value == "TEXT":
            in_text, text_parts = True, []
        elif ev.kind == "end" and ev.value == "TEXT":
            in_text = False
        elif in_text and ev.kind == "text" and text_parts is not None:
            text_parts.append(ev.value)
            cdata_parts.append(ev.value if ev.attrs else "")
        elif ev.kind == "start" and ev.value == "TAGS":
            in_tags = True
        elif ev.kind == "end" and ev.value == "TAGS":
            in_tags = False
        elif in_tags and ev.kind == "start":
            tags.append((ev.value, ev.attrs))
    if text_parts is None:
        raise InputError(f"{p}: no <TEXT> element; is this i2b2 2014 XML?")
    text = "".join(text_parts)
    if any(cdata_parts) and not "".join(t for t, c in zip(text_parts, cdata_parts, strict=True) if not c).strip():
        text = "".join(cdata_parts)  # <TEXT>\n<![CDATA[...]]>\n</TEXT>: the offsets are on the CDATA content
    parsed: list[tuple[int, int, str, str, str | None]] = []
    for cat, a in tags:
        try:
            s, e = int(a["start"]), int(a["end"])
        except (KeyError, ValueError):
            raise InputError(f"{p}: tag <{cat} id={a.get('id', '?')!r}> needs integer start and end attributes") from None
        parsed.append((s, e, cat, a.get("TYPE", a.get("type", cat)), a.get("text")))
    # XML parsers turn CRLF into LF; if the offsets were computed on such text, use it.
    if "\r" in text:
        alt = text.replace("\r\n", "\n")

        def hits(t: str) -> int:
            return sum(1 for s, e, _, _, at in parsed if at is not None and t[s:e] == at)

        if hits(alt) > hits(text):
            _warn(f"{p}: offsets match the text with CRLF line ends read as LF; using that text")
            text = alt
    sb = _SpanBuilder(p.stem, text, labels, stats)
    for s, e, cat, typ, at in parsed:
        if at is not None and 0 <= s <= e <= len(text):
            stats["checked"] += 1
            if text[s:e] != at:
                stats.mismatch_at(str(p))
        sb.add([(s, e)], (f"{cat}:{typ}", typ, cat))
    return GoldDocument(p.stem, text, sb.done(), None, {})


def _xml_files(path: str) -> list[Path]:
    p = Path(path)
    if p.is_file():
        return [p]
    files = sorted(q for q in p.rglob("*.xml") if q.is_file())
    if not files:
        raise InputError(f"{path}: no .xml files in this directory")
    return files


def _read_i2b2_2006(path: str, labels: LabelMap, stats: _Stats) -> Iterator[GoldDocument]:
    for f in _xml_files(path):
        yield from _i2b2_2006_file(f, labels, stats)


def _read_i2b2_2014(path: str, labels: LabelMap, stats: _Stats) -> Iterator[GoldDocument]:
    base = Path(path)
    for f in _xml_files(path):
        doc = _i2b2_2014_file(f, labels, stats)
        if base.is_dir():
            doc.id = str(f.relative_to(base).with_suffix(""))
        yield doc


# ------------------------------------------------------------------------------------------ PhysioNet


def default_phrase_file(path: str) -> Path:
    """``id.text`` -> ``id-phi.phrase`` in the same folder."""
    p = Path(path)
    return p.with_name(f"{p.stem}-phi.phrase")


def _norm_ws(s: str) -> str:
    return " ".join(s.split())


def _read_physionet(path: str, phrases: str | None, labels: LabelMap, stats: _Stats) -> Iterator[GoldDocument]:
    records = list(read_records(path, "physionet"))
    if not records:
        raise InputError(f"{path}: no START_OF_RECORD=<patient>||||<note>|||| records found")
    for r in records:
        if r.error:
            raise InputError(r.error)
    phrase_path = Path(phrases) if phrases else default_phrase_file(path)
    if not phrase_path.is_file():
        raise InputError(f"{phrase_path}: phrase file not found; name it with --phrases")
    by_id = {r.id: r for r in records}
    if len(by_id) != len(records):
        dup = next(k for k, v in Counter(r.id for r in records).items() if v > 1)
        raise InputError(f"{path}: record id {dup} appears more than once")
    entries: dict[str, list[tuple[int, int, str, str]]] = {}
    unknown: Counter[str] = Counter()
    bad_lines: list[int] = []
    for lineno, line in enumerate(_decode(phrase_path.read_bytes(), str(phrase_path)).splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split(None, 5)
        try:
            patient, note, start, end, typ = parts[0], parts[1], int(parts[2]), int(parts[3]), parts[4]
        except (IndexError, ValueError):
            bad_lines.append(lineno)
            continue
        doc_id = f"{patient}-{note}"
        if doc_id not in by_id:
            unknown[doc_id] += 1
            continue
        entries.setdefault(doc_id, []).append((start, end, typ, parts[5] if len(parts) > 5 else ""))
    if bad_lines:
        _warn(
            f"{phrase_path}: {len(bad_lines)} line(s) are not 'patient note start end TYPE phrase' and were skipped "
            f"(first: line {bad_lines[0]})"
        )
    if unknown:
        _warn(f"{phrase_path}: {sum(unknown.values())} phrase(s) name {len(unknown)} record(s) not in {path} (e.g. {next(iter(unknown))})")
    # Offsets are [start, end) on the record body; a phrase file with inclusive ends is recognised
    # by its phrases and read accordingly.
    excl = incl = 0
    for doc_id, es in entries.items():
        t = by_id[doc_id].text
        for s, e, _, ph in es:
            if ph:
                excl += _norm_ws(t[s:e]) == _norm_ws(ph)
                incl += _norm_ws(t[s : e + 1]) == _norm_ws(ph)
    shift = 1 if incl > excl and incl > 0 else 0
    if shift:
        _warn(f"{phrase_path}: end offsets are inclusive (phrases match text[start:end+1]); read them so")
    for r in records:
        sb = _SpanBuilder(r.id, r.text, labels, stats)
        for s, e, typ, ph in entries.get(r.id, []):
            if ph and 0 <= s <= e + shift <= len(r.text):
                stats["checked"] += 1
                if _norm_ws(r.text[s : e + shift]) != _norm_ws(ph):
                    stats.mismatch_at(r.id)
            sb.add([(s, e + shift)], (typ,))
        yield GoldDocument(r.id, r.text, sb.done(), str(r.fields.get("patient_id")), dict(r.fields))


# ------------------------------------------------------------------------------------- format + entry


def _sniff_xml(p: Path) -> str:
    head = p.read_bytes()[:200_000].decode("utf-8", "replace")
    if "<TAGS" in head or "<deIdi2b2" in head or "CDATA[" in head:
        return "i2b2-2014"
    if "<PHI" in head or "<RECORD" in head:
        return "i2b2-2006"
    raise InputError(f"{p}: XML that is neither i2b2 2006 (<PHI>) nor i2b2 2014 (<TAGS>); use --format")


def detect_gold_format(path: str) -> str:
    """Guess the gold format of ``path`` (a file or directory) from suffixes and content."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file or directory")
    if p.is_dir():
        if any(p.rglob("*.ann")):
            return "brat"
        xml = next((q for q in sorted(p.rglob("*.xml")) if q.is_file()), None)
        if xml is not None:
            return _sniff_xml(xml)
        if any(p.rglob("*.txt")):
            return "brat"
        raise InputError(f"{path}: no .ann, .txt or .xml files here; cannot tell the gold format")
    suffix = p.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix == ".ann" or (suffix == ".txt" and p.with_suffix(".ann").is_file()):
        return "brat"
    if suffix == ".xml":
        return _sniff_xml(p)
    head = p.read_bytes()[:4096].decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    if suffix == ".text" or head.startswith("START_OF_RECORD="):
        return "physionet"
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("<"):
        return _sniff_xml(p)
    raise InputError(f"{path}: cannot tell the gold format; use --format ({', '.join(GOLD_FORMATS[1:])})")


def load_gold(
    path: str | Path,
    fmt: str = "auto",
    phrases: str | Path | None = None,
    label_map: str | Path | Mapping[str, str] | LabelMap | None = None,
) -> list[GoldDocument]:
    """Read a gold corpus into :class:`GoldDocument` objects with medveil labels.

    ``fmt`` is one of ``auto, jsonl, brat, i2b2-2006, i2b2-2014, physionet``; ``phrases`` names the
    PhysioNet phrase file (default ``<stem>-phi.phrase`` next to the text file); ``label_map`` is a
    YAML file or dict ``{corpus_label: MEDVEIL_LABEL | IGNORE}`` layered over the built-in maps.
    """
    path = str(path)
    if fmt not in GOLD_FORMATS:
        raise InputError(f"unknown gold format {fmt!r}; choose one of {', '.join(GOLD_FORMATS)}")
    if not Path(path).exists():
        raise InputError(f"{path}: no such file or directory")
    if fmt == "auto":
        fmt = detect_gold_format(path)
    if phrases is not None and fmt != "physionet":
        _warn(f"--phrases is only used with the PhysioNet format; {path} is {fmt}")
    labels = LabelMap.load(label_map, fmt)
    stats = _Stats()
    if fmt == "jsonl":
        docs = list(_read_jsonl(path, labels, stats))
    elif fmt == "brat":
        docs = list(_read_brat(path, labels, stats))
    elif fmt == "i2b2-2006":
        docs = list(_read_i2b2_2006(path, labels, stats))
    elif fmt == "i2b2-2014":
        docs = list(_read_i2b2_2014(path, labels, stats))
    else:
        docs = list(_read_physionet(path, str(phrases) if phrases else None, labels, stats))
    ids = Counter(d.id for d in docs)
    dup = [k for k, v in ids.items() if v > 1]
    if dup:
        hint = " (evaluate one file at a time)" if Path(path).is_dir() and fmt == "i2b2-2006" else ""
        raise InputError(f"{path}: document id {dup[0]!r} appears {ids[dup[0]]} times; ids must be unique{hint}")
    _report_stats(stats, path)
    return docs


def write_gold_jsonl(docs: list[GoldDocument], path: str) -> None:
    """Write gold documents as medveil JSONL (the input of ``medveil detect`` and of this evaluator)."""
    from medveil.io.writers import JsonlWriter, open_output

    with open_output(path) as fh:
        w = JsonlWriter(fh)
        for d in docs:
            w.write(d.to_dict())
