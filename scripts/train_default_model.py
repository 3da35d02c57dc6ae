"""Build the default second-pass model shipped in src/medveil/data/model/ (deterministic).

    python -m benchmarks.corpus.build            # the development benchmark, if not built yet
    python -m benchmarks.fresh.build             # the fresh set's halves (fresh-dev.jsonl, fresh-test.jsonl)
    python scripts/train_default_model.py         # fit on train.jsonl + fresh-dev.jsonl + fresh-train.jsonl (x3); thresholds on
                                                  # dev.jsonl + out-of-fold predictions on the training part
    python scripts/train_default_model.py --no-rules -o /tmp/model-only   # the "model only" ablation

The test split and the fresh set's test half are never read. The rule pass runs with the default detection settings and no
context fields (as a user with bare notes would run it). Needs scikit-learn.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
OUT = ROOT / "src" / "medveil" / "data" / "model"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-o", "--output", default=str(OUT))
    ap.add_argument("--no-rules", action="store_true", help="train without the rule pass (ablation 'model only')")
    ap.add_argument("--max-iter", type=int, default=120)
    ap.add_argument("--learning-rate", type=float, default=0.15)
    ap.add_argument("--max-depth", type=int, default=7)
    ap.add_argument("--gate-loss", type=float, default=0.001)
    # a margin over the targets (0.98 / 0.99): thresholds tuned on dev + out-of-fold land lower on unseen notes
    # (0.985 / 0.993 gave test 0.974 / names 0.988); names first, as long as precision on the tuning documents stays
    # >= 0.92. On notes of writers the model had not seen (ninth session), 0.985 / 0.993 -> 0.9875 / 0.995 -> 0.99 /
    # 0.997 gave recall 0.932 -> 0.941 -> 0.948, names 0.966 -> 0.969 -> 0.977, precision 0.949 -> 0.906 -> 0.888
    # (F2 flat at 0.935); the last keeps 0.93 on the tuning documents. docs/model.md, "Choosing the targets"
    ap.add_argument("--target-recall", type=float, default=0.99)
    ap.add_argument("--target-name-recall", type=float, default=0.997)
    ap.add_argument("--exchange-rate", type=float, default=10.0, help="false positives removed per identifier lost (0: off)")
    ap.add_argument("--oof-folds", type=int, default=5,
                    help="tune the thresholds on dev plus out-of-fold predictions on train (0: dev only)")
    ap.add_argument("--excerpts", type=float, default=0.0,
                    help="share of the training notes that also train as a short excerpt (docs/model.md, 'Short texts')")
    # other note types than the benchmark's: the fresh set's dev half (its test half is never trained on); in
    # cross-writer tests (train on some writers' notes, test on the others') it added 0.5-0.6 points of recall
    # and 1-1.7 of precision (docs/model.md, "Training on other note types")
    ap.add_argument("--extra", default=f"{DATA / 'fresh-dev.jsonl'},{DATA / 'fresh-train.jsonl'}",
                    help="other annotated corpora trained on with the training split, comma-separated ('' for none)")
    # twice: with the fresh notes of sets A-AX and T1-T43, three copies lost 0.6 points of precision on the tuning documents
    # at the same recall and two gained 0.3 (docs/model.md, twenty-seventh session)
    ap.add_argument("--extra-copies", type=int, default=2, help="times each --extra document is trained on")
    # the extra notes follow other conventions (insurers, pharmacies and recurring weekdays are PHI there) and are
    # harder; tuned on, they pinned the name-recall target and cost 7 points of precision on unseen notes for 1
    # of recall (docs/model.md, eighth session). By default they teach the model but do not set the thresholds
    ap.add_argument("--tune-on-extra", action="store_true",
                    help="also tune the thresholds on out-of-fold predictions for the --extra documents")
    ap.add_argument("--curve", default="50,200,800,2000", help="comma-separated training sizes for a learning curve on dev")
    args = ap.parse_args(argv)

    from medveil.evaluate import load_gold
    from medveil.model.train import TrainConfig, prepare, save_model, train_tuned, with_excerpts, with_extra

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    t0 = time.process_time()
    train_docs = load_gold(str(DATA / "train.jsonl"))
    dev_docs = load_gold(str(DATA / "dev.jsonl"))
    cfg = TrainConfig(max_iter=args.max_iter, learning_rate=args.learning_rate, max_depth=args.max_depth,
                      gate_loss=args.gate_loss, target_recall=args.target_recall, target_name_recall=args.target_name_recall,
                      exchange_rate=args.exchange_rate,
                      excerpts=args.excerpts)
    train_docs, groups = with_excerpts(train_docs, cfg.excerpts, cfg.seed)
    extra_paths = [p for p in args.extra.split(",") if p.strip()] if args.extra else []
    extra_docs = [d for p in extra_paths for d in load_gold(p)]
    train_docs, groups = with_extra(train_docs, groups, extra_docs, args.extra_copies)
    log(f"rule pass + features: {len(train_docs)} train (with {sum(map(bool, groups))} excerpts and copies; "
        f"{len(extra_docs)} extra documents x {args.extra_copies}), {len(dev_docs)} dev documents")
    train_p = prepare(train_docs, log=log, use_rules=not args.no_rules, groups=groups)
    dev_p = prepare(dev_docs, log=log, use_rules=not args.no_rules)
    sizes = [int(x) for x in args.curve.split(",") if x.strip() and int(x) < len(train_p)] if args.curve else []
    tune_skip = set() if args.tune_on_extra else {d.id for d in extra_docs}
    model, _thresholds, final, rows = train_tuned(train_p, dev_p, cfg, sizes=sizes, oof_folds=args.oof_folds,
                                                  log=log, curve_log=log, tune_skip=tune_skip)
    out = save_model(model, args.output, extra={
        "training": {"corpus": "benchmarks/data/train.jsonl", "dev": "benchmarks/data/dev.jsonl",
                     "extra": [Path(p).resolve().relative_to(ROOT).as_posix() if Path(p).resolve().is_relative_to(ROOT) else p
                               for p in extra_paths],
                     "extra_documents": len(extra_docs), "extra_copies": args.extra_copies if extra_docs else 0,
                     "train_documents": len(train_p), "heldout_documents": len(dev_p),
                     "thresholds_tuned_on": "dev.jsonl" + (f" + {args.oof_folds}-fold out-of-fold predictions on train.jsonl"
                                                           + (" and the extra documents" if extra_docs and args.tune_on_extra else "")
                                                           if args.oof_folds > 1 else ""),
                     "command": "python scripts/train_default_model.py",
                     "cpu_seconds": round(time.process_time() - t0, 1)},
        "learning_curve": rows,
        "heldout": {k: (float(v) if isinstance(v, float) else int(v)) for k, v in final.items()},
    })
    size = sum(f.stat().st_size for f in Path(out).iterdir())
    log(f"wrote {out} ({size / 1e6:.2f} MB); dev (quick scorer): {final}")


if __name__ == "__main__":
    main()
