"""How much of medveil's written specification (the regression cases) a pipeline keeps.

    python -m benchmarks.spec                    # the rules alone (pytest runs these; all must pass)
    python -m benchmarks.spec --model default    # the hybrid: rules + the shipped model

The cases in tests/regression/*.yaml are short texts, often one line or one sentence, with the PHI
they must flag and the words they must leave alone. pytest holds the rule pass to every one of them;
this script measures a trained second pass against the same cases and lists each case it breaks.
Prints measured results; asserts nothing. Exit code 0 in any case.
"""

from __future__ import annotations

import argparse
import importlib.util
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _runner():
    path = ROOT / "tests" / "regression" / "test_regression.py"
    spec = importlib.util.spec_from_file_location("medveil_regression_cases", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=None, help="'default', a model directory, or 'none' (rules only: the default)")
    args = ap.parse_args(argv)
    from medveil.config import DetectConfig
    from medveil.pipeline import Pipeline

    pipe = Pipeline(DetectConfig(model=args.model))
    cases = _runner()
    total: Counter[str] = Counter()
    broken: Counter[str] = Counter()
    for param in cases._cases():
        case = param.values[0]
        kind = param.id.rsplit("-", 1)[0]
        total[kind] += 1
        try:
            cases.test_case(case, pipe)
        except AssertionError as e:
            broken[kind] += 1
            print(f"{param.id:16s} {str(e).splitlines()[0][:160]}")
    print(f"pipeline: {'rules + model ' + pipe.config.model if pipe.config.model else 'rules only'}")
    print(f"cases kept: {sum(total.values()) - sum(broken.values())} of {sum(total.values())}"
          + ("; broken per file: " + ", ".join(f"{k} {v}/{total[k]}" for k, v in sorted(broken.items())) if broken else ""))


if __name__ == "__main__":
    main()
