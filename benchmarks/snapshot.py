"""Prove that a refactoring changed no detection: save every span on the development notes, compare later.

    python -m benchmarks.snapshot save /tmp/before.jsonl      # before the change
    python -m benchmarks.snapshot compare /tmp/before.jsonl   # after: lists every document that differs

Runs the rule pipeline on the train and dev splits of the benchmark (never test), on 600 generated
notes, and once more on train/dev with the record's context fields (known values); ``--model`` adds the
trained second pass. Exit code 1 when anything differs.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONTEXT_KEYS = ("patient_name", "mrn", "dob", "provider_names", "patient_id")


def _records() -> list[tuple[str, str, dict]]:
    sys.path.insert(0, str(ROOT))
    from benchmarks.corpus.synth import generate

    out = []
    for split in ("train", "dev"):
        path = ROOT / "benchmarks" / "data" / f"{split}.jsonl"
        if not path.exists():
            sys.exit(f"{path} is missing: run python -m benchmarks.corpus.build first")
        for line in path.read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            out.append((d["id"], d["text"], {}))
            ctx = {k: d[k] for k in CONTEXT_KEYS if d.get(k)}
            if ctx:
                out.append((d["id"] + "+context", d["text"], ctx))
    for i, d in enumerate(generate(600, seed=7, split="dev")):
        out.append((f"generated-{i}", d["text"], {}))
    return out


def _run(model: str | None) -> dict[str, list]:
    from medveil.config import DetectConfig
    from medveil.document import Document
    from medveil.pipeline import Pipeline

    pipe = Pipeline(DetectConfig(model=model))
    result = {}
    for rid, text, ctx in _records():
        doc = Document(text, id=rid, patient_id=ctx.get("patient_id"), context={k: v for k, v in ctx.items() if k != "patient_id"})
        result[rid] = [[s.start, s.end, s.label, s.score, s.source] for s in pipe.detect(doc)]
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=["save", "compare"])
    ap.add_argument("path")
    ap.add_argument("--model", default=None, help="also run the trained second pass ('default' or a directory)")
    args = ap.parse_args()
    now = _run(args.model)
    if args.action == "save":
        Path(args.path).write_text("\n".join(json.dumps({"id": k, "spans": v}) for k, v in now.items()) + "\n", encoding="utf-8")
        print(f"saved {len(now)} documents, {sum(map(len, now.values()))} spans to {args.path}")
        return
    before = {}
    for line in Path(args.path).read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        before[d["id"]] = d["spans"]
    differ = [k for k in before if before[k] != now.get(k)]
    for k in differ[:20]:
        b, a = {tuple(x) for x in before[k]}, {tuple(x) for x in now.get(k, [])}
        print(f"{k}: only before {sorted(b - a)[:5]} only after {sorted(a - b)[:5]}")
    if len(differ) > 20:
        print(f"... and {len(differ) - 20} more documents; every difference, counted:")
    # every difference, by (label, rule): a span whose extent and label are gone or new, or whose score or rule changed
    lost: Counter[tuple[str, str]] = Counter()
    gained: Counter[tuple[str, str]] = Counter()
    changed: Counter[tuple[str, str]] = Counter()
    for k in differ:
        b = {(x[0], x[1], str(x[2])): x for x in before[k]}
        a = {(x[0], x[1], str(x[2])): x for x in now.get(k, [])}
        lost.update((key[2], b[key][-1]) for key in b.keys() - a.keys())
        gained.update((key[2], a[key][-1]) for key in a.keys() - b.keys())
        changed.update((key[2], a[key][-1]) for key in a.keys() & b.keys() if list(a[key]) != list(b[key]))
    for name, counts in (("lost", lost), ("gained", gained), ("rescored", changed)):
        if counts:
            print(f"{name}: " + ", ".join(f"{label} {rule} {n}" for (label, rule), n in counts.most_common()))
    print(f"{len(before)} documents compared, {len(differ)} differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
