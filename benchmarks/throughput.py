"""Throughput of medveil: MB of text and notes per second per core, start-up time, peak memory.

    python benchmarks/throughput.py                       # a generated corpus of clinical notes
    python benchmarks/throughput.py --input notes.jsonl   # your own notes (JSONL with "text", or .txt)
    python benchmarks/throughput.py --mode deidentify     # detection + surrogate transform
    python benchmarks/throughput.py --model default       # the hybrid (rules + shipped model)

Time is CPU time of this process (``time.process_time``), so the figure is per core (a busy machine
still slows it by a few per cent: shared caches). The best of ``--repeat`` passes over notes read before is
reported, and "new notes" separately: every other note read once after the others, as a stream of new notes
is read (their new names and numbers have their per-word features computed on first sight). Prints
measured numbers only; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path


def _corpus(path: str | None, n: int) -> list[str]:
    if path:
        p = Path(path)
        if p.suffix == ".jsonl":
            return [json.loads(line)["text"] for line in p.read_text(encoding="utf-8").splitlines() if line.strip()][:n]
        return [p.read_text(encoding="utf-8")]
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks.corpus.synth import generate

    return [d["text"] for d in generate(n, seed=7, split="dev")]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", help="JSONL with a text field, or a .txt file (default: generated notes)")
    ap.add_argument("-n", type=int, default=600, help="number of notes (default 600)")
    ap.add_argument("--mode", choices=["detect", "deidentify"], default="detect")
    ap.add_argument("--model", default=None, help="'default' (the shipped model), a model directory, or 'none' (rules only: the default)")
    ap.add_argument("--repeat", type=int, default=2, help="passes over the corpus (default 2)")
    args = ap.parse_args()

    texts = _corpus(args.input, args.n)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    t0 = time.process_time()
    w0 = time.perf_counter()
    from medveil.config import DetectConfig
    from medveil.pipeline import Pipeline

    pipe = Pipeline(DetectConfig(model=args.model))
    args.model = pipe.config.model
    pipe.detect("Seen by Dr. Smith on 3/4/2019 at Mount Auburn Hospital.")  # loads every lexicon
    if args.mode == "deidentify":
        from medveil.deidentify import Deidentifier

        deid = Deidentifier(pipeline=pipe, key=b"benchmark-key")
        deid.deidentify("Seen by Dr. Smith on 3/4/2019.")
        run = deid.deidentify
    else:
        run = pipe.detect
    startup_cpu = time.process_time() - t0
    startup_wall = time.perf_counter() - w0

    def timed(batch: list[str]) -> tuple[float, int]:
        t = time.process_time()
        failed = 0
        for text in batch:
            try:
                run(text)
            except Exception:  # noqa: BLE001 - a record that fails closed is counted, as the CLI would
                failed += 1
        return time.process_time() - t, failed

    # a stream: one half (every other note, so both halves hold the same kinds of notes) fills the per-word caches,
    # the other half is new notes read with warm caches
    first, new = texts[0::2], texts[1::2]
    first_s, _ = timed(first)
    new_s, _ = timed(new)
    passes: list[float] = []
    failed = 0
    for _ in range(args.repeat):
        elapsed, failed = timed(texts)
        passes.append(elapsed)
    best = min(passes)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    label = f"{args.mode}{' + model ' + args.model if args.model else ' (rules only)'}"
    print(f"medveil throughput — {label}")
    print(f"  corpus:        {len(texts)} notes, {mb:.2f} MB ({failed} failed closed)")
    print(f"  throughput:    {mb / best:.2f} MB/s per core, {len(texts) / best:.0f} notes/s per core (notes read before)")
    # new notes bring new words (names, numbers) whose per-word features are computed on first sight
    mb_first, mb_new = (sum(len(t.encode("utf-8")) for t in part) / 1e6 for part in (first, new))
    if new and new_s > 0:
        print(f"  new notes:     {mb_new / new_s:.2f} MB/s per core (one half, caches warm from the other: a stream)")
    if first and first_s > 0:
        print(f"  first half:    {mb_first / first_s:.2f} MB/s per core (per-word caches still empty)")
    print(f"  start-up:      {startup_wall:.2f} s wall, {startup_cpu:.2f} s CPU (imports + lexicons + first note)")
    print(f"  peak memory:   {peak_mb:.0f} MB (max RSS)")


if __name__ == "__main__":
    main()
