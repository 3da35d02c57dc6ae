"""Accuracy of the current pipeline on every part of the development benchmark.

    python -m benchmarks.accuracy                     # dev and test, each source, rules only
    python -m benchmarks.accuracy --split dev         # one split
    python -m benchmarks.accuracy --model default     # the hybrid
    python -m benchmarks.accuracy --context           # pass patient_name / mrn / dob to the detectors

Figures are medveil.evaluate's (docs/evaluate.md): strict label-blind span recall, micro
precision, F2, all-or-nothing document recall, and the recall of names. Prints measured numbers;
asserts nothing. Build the data first with `python -m benchmarks.corpus.build`.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

from medveil.config import DetectConfig
from medveil.evaluate import load_gold, predict, score
from medveil.pipeline import Pipeline

DATA = Path(__file__).resolve().parent / "data"
SOURCES = ["asq", "mtsamples", "synthea", "presidio", "synth"]
CONTEXT_FIELDS = ("patient_name", "mrn", "dob")


def _row(name: str, report, seconds: float, mb: float) -> str:
    o = report.overall
    names = report.data["groups"].get("NAME", {})
    fmt = lambda v: "   –  " if v is None else f"{v:6.3f}"  # noqa: E731
    return (
        f"{name:22s} {o['gold']:6d} {fmt(o['recall'])} {fmt(o['precision'])} {fmt(o['f2'])} "
        f"{fmt(o['aon_recall'])} {fmt(names.get('recall'))} {mb / seconds if seconds else 0:6.2f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["dev", "test", "both"], default="both")
    ap.add_argument("--model", default=None, help="'default' (the shipped model), a model directory, or 'none' (rules only: the default)")
    ap.add_argument("--context", action="store_true", help="give the detectors patient_name, mrn and dob")
    args = ap.parse_args()
    if not (DATA / "dev.jsonl").exists():
        sys.exit("benchmarks/data is empty: run `python -m benchmarks.corpus.build` first")
    warnings.simplefilter("ignore")
    pipe = Pipeline(DetectConfig(model=args.model))
    args.model = pipe.config.model
    splits = ["dev", "test"] if args.split == "both" else [args.split]
    print(f"pipeline: {'rules + model ' + args.model if args.model else 'rules only'}; context fields: {args.context}")
    print(f"{'part':22s} {'gold':>6s} {'recall':>6s} {'prec.':>6s} {'F2':>6s} {'AON':>6s} {'names':>6s} {'MB/s':>6s}")
    for split in splits:
        for source in [*SOURCES, None]:
            path = DATA / (f"{source}-{split}.jsonl" if source else f"{split}.jsonl")
            if not path.exists():
                continue
            gold = load_gold(str(path))
            if not args.context:
                for d in gold:
                    d.fields = {k: v for k, v in d.fields.items() if k not in CONTEXT_FIELDS}
            t = time.process_time()
            preds, _failed = predict(gold, pipe, use_context=True)
            seconds = time.process_time() - t
            mb = sum(len(d.text) for d in gold) / 1e6
            print(_row(f"{split}/{source or 'ALL'}", score(gold, preds, bootstrap=0, examples=False), seconds, mb))


if __name__ == "__main__":
    main()
