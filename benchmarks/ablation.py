"""Ablation of the second pass: rules only, model only, hybrid (rules + model) on a benchmark split.

    python -m benchmarks.ablation                       # dev split, shipped default model
    python -m benchmarks.ablation --split test          # the held-out test split (final report only)
    python -m benchmarks.ablation --model-only DIR      # add a model trained without the rule pass

Figures come from ``medveil.evaluate.score`` (label-blind strict span recall, micro precision, name
recall, all-or-nothing document recall); throughput is MB of text per CPU second
(``time.process_time()``: the machine may be shared, wall time is noisy), no context fields given.
"""

from __future__ import annotations

import argparse
import time
import warnings
from pathlib import Path

from medveil.config import DetectConfig
from medveil.document import Document
from medveil.evaluate import load_gold, score
from medveil.pipeline import Pipeline
from medveil.resolve import resolve

DATA = Path(__file__).resolve().parent / "data"


def _run(docs, fn) -> tuple[dict, float]:
    fn(Document(text=docs[0].text, id=docs[0].id))  # warm the caches
    t = time.process_time()
    pred = {d.id: fn(Document(text=d.text, id=d.id)) for d in docs}
    cpu = time.process_time() - t
    return pred, cpu


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="dev", help="train|dev|test, or a per-source file stem such as synth-dev")
    ap.add_argument("--model", default="default", help="the hybrid's model directory (default: the shipped model)")
    ap.add_argument("--model-only", default=None, help="a model trained without the rule pass (uses_rules false)")
    ap.add_argument("--source", default=None, help="only documents whose id starts with this source (e.g. synth)")
    args = ap.parse_args(argv)
    path = DATA / f"{args.split}.jsonl"
    docs = load_gold(str(path))
    if args.source:
        docs = [d for d in docs if d.id.startswith(args.source + ":")]
    mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    from medveil.model import load_model

    t = time.process_time()
    w = time.perf_counter()
    model = load_model(args.model)
    load_cpu, load_wall = time.process_time() - t, time.perf_counter() - w
    rules = Pipeline(DetectConfig(model=None))
    hybrid = Pipeline(DetectConfig(model=None))
    hybrid.model = model
    systems = [("rules only", rules.detect), ("hybrid", hybrid.detect)]
    if args.model_only:
        mo = load_model(args.model_only)
        cfg = DetectConfig(model=None)

        def model_only(doc: Document):
            return resolve(mo.rescore(doc, []), doc.text, min_score=cfg.min_score) if doc.text else []

        systems.insert(1, ("model only", model_only))
    print(f"split {args.split}{' / ' + args.source if args.source else ''}: {len(docs)} documents, {mb:.2f} MB; "
          f"model {args.model} loads in {load_cpu:.2f} s CPU ({load_wall:.2f} s wall)")
    print(f"{'system':<12} {'recall':>7} {'precision':>9} {'names':>7} {'AON':>6} {'gold':>6} {'TP':>6} {'FP':>6} {'MB/s/core':>9}")
    for name, fn in systems:
        pred, cpu = _run(docs, fn)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rep = score(docs, pred, bootstrap=0, examples=False)
        o = rep.overall
        names = rep.data["groups"].get("NAME", {})
        print(f"{name:<12} {o['recall']:>7.4f} {o['precision']:>9.4f} {names.get('recall', float('nan')):>7.4f} "
              f"{o['aon_recall']:>6.3f} {o['gold']:>6} {o['tp']:>6} {o['fp']:>6} {mb / cpu:>9.2f}")


if __name__ == "__main__":
    main()
