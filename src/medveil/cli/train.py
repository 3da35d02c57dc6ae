"""`medveil train`: train the second-pass model on annotated notes, with a learning curve."""

from __future__ import annotations

import json
import random
import time
import warnings
from pathlib import Path
from typing import Annotated

import typer

from medveil.cli.common import detect_config, err_console, fail, warn

CORPUS_HELP = (
    "The annotated training corpus, in any format `medveil evaluate` reads: medveil JSONL (id, text, spans), a BRAT "
    "directory, i2b2 2006 / 2014 XML, or a PhysioNet id.text file (with its phrase file)."
)


def _split(docs: list, dev_fraction: float, seed: int) -> tuple[list, list]:
    """Hold out ``dev_fraction`` of the documents, by patient when patient ids exist (deterministic)."""
    groups: dict[str, list] = {}
    for d in docs:
        groups.setdefault(d.patient_id or d.id, []).append(d)
    keys = sorted(groups)
    random.Random(seed).shuffle(keys)
    n_dev = max(1, round(len(keys) * dev_fraction)) if len(keys) > 1 else 0
    dev_keys = set(keys[:n_dev])
    train = [d for k in keys if k not in dev_keys for d in groups[k]]
    dev = [d for k in keys if k in dev_keys for d in groups[k]]
    return train, dev


def train(
    corpus: Annotated[str, typer.Argument(help=CORPUS_HELP, metavar="CORPUS")],
    output: Annotated[str, typer.Option("--output", "-o", help="Directory to write the model to (created).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="auto|jsonl|brat|i2b2-2006|i2b2-2014|physionet.")] = "auto",
    phrases: Annotated[str | None, typer.Option(help="PhysioNet phrase file (default: <stem>-phi.phrase next to CORPUS).")] = None,
    label_map: Annotated[
        str | None, typer.Option("--label-map", help="YAML {corpus_label: MEDVEIL_LABEL or IGNORE}, over the built-in maps.")
    ] = None,
    base: Annotated[
        str | None,
        typer.Option(help="Continue from this model ('default' for the shipped one): the new model learns corrections on top of it."),
    ] = None,
    dev: Annotated[
        str | None, typer.Option(help="A held-out annotated corpus for the thresholds and the learning curve (same formats).")
    ] = None,
    dev_fraction: Annotated[
        float, typer.Option("--dev-fraction", help="Without --dev: hold out this share of CORPUS (by patient).", min=0.05, max=0.8)
    ] = 0.2,
    curve: Annotated[
        str, typer.Option(help="Training-set sizes of the learning curve, comma-separated ('' for none); 'all' is added.")
    ] = "25,50,100,200,400,800",
    oof_folds: Annotated[
        int,
        typer.Option("--oof-folds", help="Also tune the thresholds on out-of-fold predictions over CORPUS (k models; 0: held-out part only).",
                     min=0),
    ] = 5,
    target_recall: Annotated[float, typer.Option(help="Strict span recall the thresholds must keep on the held-out part.")] = 0.98,
    target_name_recall: Annotated[float, typer.Option(help="Name recall the thresholds must keep on the held-out part.")] = 0.99,
    exchange_rate: Annotated[
        float,
        typer.Option(help="After the recall targets, still raise a label's threshold when it removes at least this many "
                     "false positives per identifier lost (a name counts 5 times), recall kept at 0.98 and names at "
                     "0.99 (0: off).", min=0.0),
    ] = 10.0,
    max_iter: Annotated[int, typer.Option(help="Boosting iterations (trees).", min=1)] = 120,
    excerpts: Annotated[
        float,
        typer.Option(help="Share of the training notes that also train as a short excerpt (a few lines or sentences), "
                     "so single sentences and table cells are familiar text (0: none).", min=0.0, max=1.0),
    ] = 0.0,
    seed: Annotated[int, typer.Option(help="Seed of the held-out split and of the trees.")] = 0,
    config: Annotated[str | None, typer.Option(help="A YAML file with detection settings for the rule pass.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the summary lines.")] = False,
) -> None:
    """Train the second-pass model on annotated notes; print a learning curve; write MODEL_DIR.

    The rule detectors run on every document; a boosted-tree model learns which of their candidates
    are PHI and which other tokens are, and per-label thresholds are tuned on the held-out part to keep
    the recall targets at the best precision. Use the result with `medveil detect --model MODEL_DIR`.

    Examples: medveil train gold.jsonl -o my-model ;
    medveil train brat_dir/ --base default --dev held_out.jsonl -o site-model
    """
    try:
        import sklearn  # noqa: F401
    except ImportError:
        fail("training needs scikit-learn: pip install 'medveil[model]'")
    from medveil.evaluate import GoldWarning, load_gold
    from medveil.io.readers import InputError
    from medveil.model import load_model
    from medveil.model.train import TrainConfig, prepare, save_model, train_tuned, with_excerpts

    def log(msg: str) -> None:
        if not quiet:
            err_console.print(msg, markup=False)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", GoldWarning)
        try:
            docs = load_gold(corpus, fmt, phrases=phrases, label_map=label_map)
            dev_docs = load_gold(dev, "auto", label_map=label_map) if dev else None
        except InputError as e:
            fail(str(e))
    for w in caught:
        if issubclass(w.category, GoldWarning):
            warn(str(w.message))
    if not docs:
        fail(f"{corpus}: no documents in the corpus")
    if dev_docs is None:
        train_docs, dev_docs = _split(docs, dev_fraction, seed)
    else:
        train_docs = list(docs)
        random.Random(seed).shuffle(train_docs)
    if not train_docs or not dev_docs:
        fail("need at least two documents (one to train on, one held out)")
    detect_cfg = detect_config(config)
    base_model = None
    if base:
        try:
            base_model = load_model(base)
        except (OSError, ValueError) as e:
            fail(f"--base {base}: {e}")
    cfg = TrainConfig(max_iter=max_iter, seed=seed, target_recall=target_recall, target_name_recall=target_name_recall,
                      exchange_rate=exchange_rate, excerpts=excerpts, detect=detect_cfg.model_dump())
    n_notes = len(train_docs)
    train_docs, groups = with_excerpts(train_docs, excerpts, seed)
    t0 = time.process_time()
    log(f"rule pass on {n_notes} training documents (+ {len(train_docs) - n_notes} excerpts) and {len(dev_docs)} held-out "
        "documents ...")
    train_p = prepare(train_docs, detect_cfg, log=log, groups=groups)
    dev_p = prepare(dev_docs, detect_cfg, log=log)
    if sum(int(p.y.sum()) for p in train_p) == 0:
        fail("the training documents contain no gold span the model could learn from")
    sizes = sorted({int(s) for s in curve.split(",") if s.strip()} if curve.strip() else set())
    sizes = [s for s in sizes if s < len(train_p)]
    if sizes:
        log("learning curve (held-out part; thresholds tuned for the recall targets at each size):")
    model, thresholds, final, rows = train_tuned(train_p, dev_p, cfg, sizes=sizes, oof_folds=oof_folds,
                                                 base=base_model, base_ref=base, log=log)
    base_ref = base
    if base and base != "default":
        base_ref = str(Path(base).resolve())
    try:
        out = save_model(model, output, extra={
            "base": base_ref,
            "training": {
                "corpus": str(corpus), "format": fmt, "dev": dev, "dev_fraction": None if dev else dev_fraction,
                "train_documents": len(train_p), "heldout_documents": len(dev_p), "seed": seed,
                "thresholds_tuned_on": "held-out part" + (f" + {oof_folds}-fold out-of-fold predictions"
                                                      if oof_folds > 1 and len(train_p) >= 2 * oof_folds else ""),
                "cpu_seconds": round(time.process_time() - t0, 1),
            },
            "learning_curve": rows,
            "heldout": {k: (float(v) if isinstance(v, float) else int(v)) for k, v in final.items()},
        })
    except OSError as e:
        fail(f"cannot write the model ({e.strerror}: {e.filename})")
    print(f"learning curve (held-out documents: {len(dev_p)})")
    print(f"{'train docs':>10}  {'recall':>7}  {'names':>7}  {'precision':>9}")
    for r in rows:
        print(f"{r['documents']:>10}  {r['recall']:>7.4f}  {r['name_recall']:>7.4f}  {r['precision']:>9.4f}")
    print(f"model written to {out} (held-out recall {final['recall']:.4f}, names {final['name_recall']:.4f}, "
          f"precision {final['precision']:.4f}; thresholds in model.json)")
    if not quiet:
        log(json.dumps({"thresholds": thresholds}, sort_keys=True))
