"""Build the development benchmark: ``python -m benchmarks.corpus.build`` (from the repository root).

Reads ``../shared/data`` (or ``--data DIR`` / ``$MEDVEIL_SHARED_DATA``), writes
``benchmarks/data/{train,dev,test}.jsonl``, ``benchmarks/data/<source>-<split>.jsonl`` and
``benchmarks/data/manifest.json`` (counts and SHA-256 checksums), and prints a table of documents
and spans per source, split and label. Every span is validated; any error stops the build.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import sys
import time
import warnings
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from benchmarks.corpus import CorpusError, default_data_dir, validate_doc
from benchmarks.splits import split_of

SPLITS = ("train", "dev", "test")
SOURCES = ("asq", "mtsamples", "synthea", "presidio", "synth")
OUT_DIR = Path(__file__).resolve().parents[1] / "data"
SYNTH_COUNTS = {"train": 700, "dev": 100, "test": 200}
SYNTH_SEED = 20261122


def load_source(name: str, data_dir: Path, limit: int | None, stats: dict[str, Any]) -> list[dict[str, Any]]:
    if name == "synth":
        return load_synth(limit, stats)
    mod = importlib.import_module(f"benchmarks.corpus.{name}")
    return mod.load(data_dir, limit=limit, stats=stats)


def load_synth(limit: int | None, stats: dict[str, Any]) -> list[dict[str, Any]]:
    """Call ``benchmarks.corpus.synth.generate(n, seed, split)`` when it exists (another module)."""
    try:
        synth = importlib.import_module("benchmarks.corpus.synth")
    except ImportError as e:
        warnings.warn(f"synthetic note generator not available ({e}); skipping source 'synth'", stacklevel=2)
        stats["synth_skipped"] = str(e)
        return []
    docs = []
    for i, split in enumerate(SPLITS):
        n = SYNTH_COUNTS[split] if limit is None else min(limit, SYNTH_COUNTS[split])
        for d in synth.generate(n, SYNTH_SEED + i, split):
            d = dict(d)
            d.setdefault("source", "synth")
            d["split"] = split
            docs.append(d)
    return docs


def check_split(doc: dict[str, Any]) -> None:
    """The split must follow benchmarks.splits.split_of on the source key (the patient for Synthea)."""
    src = doc["source"]
    if src == "synth":
        return  # the generator makes separate documents per split
    if src == "synthea":
        key = f"synthea:{doc['patient_id']}"
    else:
        key = doc["id"]
    if split_of(key) != doc["split"]:
        raise CorpusError(f"{doc['id']}: split {doc['split']} but split_of({key!r}) = {split_of(key)}")


def finalize(doc: dict[str, Any]) -> dict[str, Any]:
    """Validate, then keep only start/end/label in spans; put the standard keys first."""
    validate_doc(doc)
    check_split(doc)
    out = {"id": doc["id"], "text": doc["text"]}
    out["spans"] = [{"start": s["start"], "end": s["end"], "label": s["label"]} for s in doc["spans"]]
    for k, v in doc.items():
        if k not in out and v is not None:
            out[k] = v
    return out


def build(
    data_dir: Path | None = None,
    out_dir: Path = OUT_DIR,
    sources: tuple[str, ...] = SOURCES,
    limit: int | None = None,
    write: bool = True,
) -> dict[str, Any]:
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    if not data_dir.is_dir():
        raise SystemExit(f"data directory {data_dir} not found (set --data or MEDVEIL_SHARED_DATA)")
    stats: dict[str, Any] = {}
    docs: list[dict[str, Any]] = []
    seen: set[str] = set()
    for name in sources:
        t0 = time.perf_counter()
        part = [finalize(d) for d in load_source(name, data_dir, limit, stats)]
        for d in part:
            if d["id"] in seen:
                raise CorpusError(f"duplicate document id {d['id']}")
            seen.add(d["id"])
        docs.extend(part)
        stats.setdefault("seconds", {})[name] = round(time.perf_counter() - t0, 2)

    by_file: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for d in docs:
        by_file[f"{d['split']}.jsonl"].append(d)
        by_file[f"{d['source']}-{d['split']}.jsonl"].append(d)

    manifest = summarize(docs)
    manifest["notes"] = {k: v for k, v in stats.items() if k != "seconds"}
    manifest["files"] = {}
    full = set(sources) == set(SOURCES) and limit is None
    if write:
        out_dir.mkdir(parents=True, exist_ok=True)
        if full:
            for old in out_dir.glob("*.jsonl"):
                old.unlink()
        for fname in sorted(by_file):
            if not full and "-" not in fname:
                continue  # a partial build writes only its per-source files
            payload = "".join(
                json.dumps(d, ensure_ascii=False, sort_keys=False) + "\n" for d in by_file[fname]
            )
            data = payload.encode("utf-8")
            (out_dir / fname).write_bytes(data)
            manifest["files"][fname] = {
                "documents": len(by_file[fname]),
                "sha256": hashlib.sha256(data).hexdigest(),
            }
        if full:
            (out_dir / "manifest.json").write_text(
                json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8"
            )
    manifest["_docs"] = docs
    manifest["_seconds"] = stats.get("seconds", {})
    return manifest


def summarize(docs: list[dict[str, Any]]) -> dict[str, Any]:
    documents: dict[str, Counter[str]] = defaultdict(Counter)
    spans: dict[str, Counter[str]] = defaultdict(Counter)
    labels: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for d in docs:
        src, sp = d["source"], d["split"]
        documents[src][sp] += 1
        documents["all"][sp] += 1
        for s in d["spans"]:
            spans[src][sp] += 1
            spans["all"][sp] += 1
            labels[s["label"]][src][sp] += 1
            labels[s["label"]]["all"][sp] += 1
    return {
        "documents": {k: dict(v) for k, v in documents.items()},
        "spans": {k: dict(v) for k, v in spans.items()},
        "labels": {lab: {k: dict(v) for k, v in per.items()} for lab, per in sorted(labels.items())},
    }


def print_table(m: dict[str, Any], file=sys.stdout) -> None:
    srcs = [s for s in SOURCES if s in m["documents"]] + ["all"]
    cols = [(s, sp) for s in srcs for sp in SPLITS]
    w = 7
    head1 = "".ljust(14) + "".join(s.center(3 * w) for s in srcs)
    head2 = "".ljust(14) + "".join(sp.rjust(w) for _, sp in cols)
    print(head1, file=file)
    print(head2, file=file)

    def row(name: str, get) -> None:
        print(name.ljust(14) + "".join(str(get(s, sp) or 0).rjust(w) for s, sp in cols), file=file)

    row("documents", lambda s, sp: m["documents"].get(s, {}).get(sp))
    row("spans", lambda s, sp: m["spans"].get(s, {}).get(sp))
    print("-" * (14 + w * len(cols)), file=file)
    for lab, per in m["labels"].items():
        row(lab, lambda s, sp, per=per: per.get(s, {}).get(sp))


def check(data_dir: Path | None, out_dir: Path) -> int:
    """Rebuild in a temporary directory; 0 when every file has the checksum of the committed manifest."""
    import tempfile

    want = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))["files"]
    with tempfile.TemporaryDirectory() as tmp:
        got = build(data_dir, Path(tmp))["files"]
    bad = sorted(
        f for f in set(want) | set(got) if want.get(f, {}).get("sha256") != got.get(f, {}).get("sha256")
    )
    for f in bad:
        print(f"differs: {f}")
    print(
        "benchmark rebuild matches the manifest"
        if not bad
        else f"{len(bad)} file(s) differ from the manifest"
    )
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--data", type=Path, default=None, help="the shared data directory (default ../shared/data)"
    )
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    ap.add_argument(
        "--sources", default=",".join(SOURCES), help="comma-separated subset of " + ",".join(SOURCES)
    )
    ap.add_argument(
        "--limit", type=int, default=None, help="at most N documents per source (for quick tests)"
    )
    ap.add_argument("-q", "--quiet", action="store_true", help="hide the per-value warnings")
    ap.add_argument(
        "--check",
        action="store_true",
        help="rebuild into a temporary directory and compare the checksums with benchmarks/data/manifest.json",
    )
    args = ap.parse_args(argv)
    if args.quiet:
        warnings.simplefilter("ignore")
    t0 = time.perf_counter()
    if args.check:
        return check(args.data, args.out)
    m = build(args.data, args.out, tuple(s for s in args.sources.split(",") if s), args.limit)
    print_table(m)
    notes = m["notes"]
    for k, v in notes.items():
        print(f"{k}: {v}")
    print(f"wrote {len(m['files'])} files to {args.out} in {time.perf_counter() - t0:.1f}s {m['_seconds']}")
    if set(args.sources.split(",")) != set(SOURCES) or args.limit is not None:
        print(
            "partial build: only the per-source files were written; train/dev/test.jsonl and the manifest are unchanged"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
