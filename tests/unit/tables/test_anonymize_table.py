"""`medveil anonymize table`: the shipped Adult policies, output format, re-identification, bad input."""

from __future__ import annotations

import csv
import json
import os
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from medveil.cli import app

REPO = Path(__file__).resolve().parents[3]
# development data beside the repository (../shared/data), or $MEDVEIL_SHARED_DATA
ADULT = Path(os.environ.get("MEDVEIL_SHARED_DATA") or Path(__file__).resolve().parents[3].parent / "shared" / "data") / "adult-arx" / "adult.csv"
ADULT_QI = ["sex", "age", "race", "marital-status", "education", "native-country", "workclass", "occupation"]
runner = CliRunner()


def flat(text: str) -> str:
    return " ".join(text.split())


def _read(path: Path, sep: str) -> tuple[list[str], list[list[str]]]:
    with open(path, newline="") as f:
        rows = list(csv.reader(f, delimiter=sep))
    return rows[0], rows[1:]


@pytest.fixture()
def in_repo_root():
    old = os.getcwd()
    os.chdir(REPO)
    yield
    os.chdir(old)


@pytest.fixture(scope="module")
def adult_k5(tmp_path_factory):
    """Run the shipped k=5 policy exactly as the issue's command line does (from the repo root)."""
    if not ADULT.exists():
        pytest.skip("Adult data not available")
    out = tmp_path_factory.mktemp("k5") / "OUT.csv"
    old = os.getcwd()
    os.chdir(REPO)
    try:
        res = runner.invoke(
            app,
            [
                "anonymize",
                "table",
                "../shared/data/adult-arx/adult.csv",
                "--policy",
                "examples/tables/adult-k5.yaml",
                "-o",
                str(out),
                "--summary",
                str(out) + ".json",
            ],
        )
    finally:
        os.chdir(old)
    assert res.exit_code == 0, res.output
    return out, res.output, json.loads(Path(str(out) + ".json").read_text())


def test_k5_policy_reproduces_arx(adult_k5):
    out, printed, summary = adult_k5
    assert (
        "sex 0, age 3, race 0, marital-status 0, education 1, native-country 1, workclass 1, occupation 2"
        in printed
    )
    assert summary["suppressed"] == 1458
    assert round(summary["measures"]["loss"], 5) <= 0.25185
    header, rows = _read(out, ";")
    orig_header, orig_rows = _read(ADULT, ";")
    assert header == orig_header  # same columns, same separator
    assert len(rows) == len(orig_rows) - 1458
    classes = Counter(tuple(r[:8]) for r in rows)
    assert min(classes.values()) >= 5


def test_exact_match_reidentification_fails_for_small_classes(adult_k5):
    """An attacker who knows a person's original QI values finds no released record that matches them
    exactly when that person is in a class below k in the original (the generalization or suppression
    changed every such record)."""
    out, _, _ = adult_k5
    _, rows = _read(out, ";")
    _, orig = _read(ADULT, ";")
    released = Counter(tuple(r[:8]) for r in rows)
    orig_classes = Counter(tuple(r[:8]) for r in orig)
    risky = [key for key, n in orig_classes.items() if n < 5]
    assert len(risky) > 10000
    assert sum(1 for key in risky if key in released) == 0
    # and every released combination hides at least 5 records: risk <= 1/5 for all
    assert all(n >= 5 for n in released.values())


@pytest.mark.slow
def test_k10_policy_and_star_mode(tmp_path, in_repo_root):
    if not ADULT.exists():
        pytest.skip("Adult data not available")
    out = tmp_path / "OUT10.csv"
    res = runner.invoke(
        app,
        [
            "anonymize",
            "table",
            "../shared/data/adult-arx/adult.csv",
            "--policy",
            "examples/tables/adult-k10.yaml",
            "-o",
            str(out),
            "--suppressed",
            "star",
        ],
    )
    assert res.exit_code == 0, res.output
    assert "loss 0.3054" in res.output
    _, rows = _read(out, ";")
    assert len(rows) == 30162
    starred = [r for r in rows if all(v == "*" for v in r[:8])]
    assert 0 < len(starred) <= 0.05 * 30162
    released = Counter(tuple(r[:8]) for r in rows if r not in starred)
    assert min(released.values()) >= 10


def _policy(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "policy.yaml"
    p.write_text(text)
    return p


def _patients(tmp_path: Path) -> Path:
    p = tmp_path / "patients.csv"
    rows = ["mrn,name,patient_id,age,zip,admit_date,sex,diagnosis"]
    for i in range(60):
        rows.append(
            f"MRN{i:04d},Person {i},P{i % 20},{20 + i % 50},{['02139', '02140', '03601', '10027'][i % 4]},"
            f"2024-0{1 + i % 3}-1{i % 9},{'FM'[i % 2]},{['flu', 'copd', 'mi'][i % 3]}"
        )
    p.write_text("\n".join(rows) + "\n")
    return p


def test_builtin_hierarchies_tokens_and_shift(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDVEIL_KEY", "unit-test-key")
    data = _patients(tmp_path)
    pol = _policy(
        tmp_path,
        """
quasi_identifiers:
  age: age
  zip: zip
  admit_date: {type: date, shift: {patient: patient_id, min_days: -30, max_days: -1}}
  sex: flat
direct_identifiers: {name: drop, mrn: {action: token, label: MRN}}
k: 3
suppression_limit: 0.1
""",
    )
    out = tmp_path / "out.csv"
    res = runner.invoke(app, ["anonymize", "table", str(data), "--policy", str(pol), "-o", str(out)])
    assert res.exit_code == 0, res.output
    header, rows = _read(out, ",")
    assert "name" not in header and header[0] == "mrn"
    text = out.read_text()
    assert "Person 1" not in text and "MRN0001" not in text
    from medveil.tables.anonymize import token_for

    assert token_for("unit-test-key", "MRN", "MRN0000") in text or len(rows) < 60
    zips = {r[header.index("zip")] for r in rows}
    assert "03601" not in zips and "036**" not in zips  # restricted ZIP3 never released
    cls = Counter(tuple(r[header.index(c)] for c in ("age", "zip", "admit_date", "sex")) for r in rows)
    assert min(cls.values()) >= 3


def test_policy_paths_relative_to_policy_dir(tmp_path):
    d = tmp_path / "pol"
    d.mkdir()
    (d / "h.csv").write_text("F;*\nM;*\n")
    (tmp_path / "t.csv").write_text("sex;x\n" + "F;1\nM;2\n" * 3)
    pol = _policy(d, "quasi_identifiers: {sex: h.csv}\nk: 3\n")
    res = runner.invoke(
        app,
        ["anonymize", "table", str(tmp_path / "t.csv"), "--policy", str(pol), "-o", str(tmp_path / "o.csv")],
    )
    assert res.exit_code == 0, res.output
    assert (tmp_path / "o.csv").read_text().startswith("sex;x\n")


@pytest.mark.parametrize(
    "policy,needle",
    [
        ("quasi_identifiers: {zip: zip, shoe: flat}\nk: 2\n", "unknown quasi-identifier 'shoe'"),
        ("quasi_identifiers: {zip: nowhere.csv}\n", "hierarchy file nowhere.csv not found"),
        ("quasi_identifiers: {zip: zip}\nk: 0\n", "k:"),
        ("quasi_identifiers: [zip\n", "not valid YAML"),
        ("quasi_identifiers: {zip: zip}\nk: 1000\n", "no generalization meets k=1000"),
        ("quasi_identifiers: {zip: zip}\nmeasure: utility\n", "measure"),
        ("quasi_identifiers: {zip: zip}\ndirect_identifiers: {mrn: token}\n", "secret key"),
    ],
)
def test_bad_policies(tmp_path, monkeypatch, policy, needle):
    monkeypatch.delenv("MEDVEIL_KEY", raising=False)
    data = _patients(tmp_path)
    res = runner.invoke(
        app,
        [
            "anonymize",
            "table",
            str(data),
            "--policy",
            str(_policy(tmp_path, policy)),
            "-o",
            str(tmp_path / "o.csv"),
        ],
    )
    assert res.exit_code == 2, res.output
    assert "medveil: error:" in res.output and needle in flat(res.output)


def test_bad_inputs(tmp_path):
    pol = _policy(tmp_path, "quasi_identifiers: {zip: zip}\n")
    bad = tmp_path / "bad.csv"
    bad.write_text("zip,age\n02139,3\n02139\n")
    res = runner.invoke(
        app, ["anonymize", "table", str(bad), "--policy", str(pol), "-o", str(tmp_path / "o.csv")]
    )
    assert res.exit_code == 2 and "fields where the header has 2" in flat(res.output)
    res = runner.invoke(
        app,
        [
            "anonymize",
            "table",
            str(tmp_path / "none.csv"),
            "--policy",
            str(pol),
            "-o",
            str(tmp_path / "o.csv"),
        ],
    )
    assert res.exit_code == 2 and "no such file" in flat(res.output)
    res = runner.invoke(
        app,
        [
            "anonymize",
            "table",
            str(bad),
            "--policy",
            str(tmp_path / "nope.yaml"),
            "-o",
            str(tmp_path / "o.csv"),
        ],
    )
    assert res.exit_code == 2 and "policy file not found" in flat(res.output)
    h = tmp_path / "h.csv"
    h.write_text("02139;021**;*\n")
    ok = tmp_path / "ok.csv"
    ok.write_text("zip\n02139\n02140\n")
    pol2 = _policy(tmp_path, f"quasi_identifiers: {{zip: {h}}}\n")
    res = runner.invoke(
        app, ["anonymize", "table", str(ok), "--policy", str(pol2), "-o", str(tmp_path / "o.csv")]
    )
    assert res.exit_code == 2 and "does not cover" in flat(res.output) and "02140" in res.output


def test_level_bounds_validated(tmp_path):
    data = _patients(tmp_path)
    pol = _policy(tmp_path, "quasi_identifiers: {zip: {type: zip, min_level: 2, max_level: 1}}\n")
    res = runner.invoke(
        app, ["anonymize", "table", str(data), "--policy", str(pol), "-o", str(tmp_path / "o.csv")]
    )
    assert res.exit_code == 2 and "min_level <= max_level" in flat(res.output)
    pol = _policy(tmp_path, "quasi_identifiers: {zip: {type: zip, min_level: 0}}\nk: 1\n")
    res = runner.invoke(
        app, ["anonymize", "table", str(data), "--policy", str(pol), "-o", str(tmp_path / "o.csv")]
    )
    assert res.exit_code == 0 and "zip 0" in res.output  # full ZIPs only when the policy says so


def test_l_diversity_and_average_risk_policy(tmp_path):
    data = _patients(tmp_path)
    pol = _policy(
        tmp_path,
        """
quasi_identifiers: {age: age, zip: zip, sex: flat}
sensitive: [diagnosis]
k: 2
avg_risk: 0.2
l_diversity: {attribute: diagnosis, l: 2}
suppression_limit: 0.1
suppressed_rows: star
""",
    )
    out = tmp_path / "out.jsonl"
    summary = tmp_path / "s.json"
    res = runner.invoke(
        app,
        ["anonymize", "table", str(data), "--policy", str(pol), "-o", str(out), "--summary", str(summary)],
    )
    assert res.exit_code == 0, res.output
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(rows) == 60  # star mode keeps every row
    released = [r for r in rows if r["age"] != "*"]
    groups: dict[tuple, set] = {}
    for r in released:
        groups.setdefault((r["age"], r["zip"], r["sex"]), set()).add(r["diagnosis"])
    assert all(len(v) >= 2 for v in groups.values())
    assert len(groups) / len(released) <= 0.2
    s = json.loads(summary.read_text())
    assert s["risk_after"]["sensitive"]["diagnosis"]["l_distinct"] >= 2


def test_too_large_lattice_is_refused(tmp_path, monkeypatch):
    import medveil.tables.anonymize as an

    monkeypatch.setattr(an, "MAX_LATTICE_NODES", 10)
    data = _patients(tmp_path)
    pol = _policy(tmp_path, "quasi_identifiers: {age: age, zip: zip, sex: flat}\n")
    res = runner.invoke(
        app, ["anonymize", "table", str(data), "--policy", str(pol), "-o", str(tmp_path / "o.csv")]
    )
    assert res.exit_code == 2 and "nodes (more than 10)" in flat(res.output)


def test_surrogates_match_the_text_pipeline(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDVEIL_KEY", "sur-key")
    (tmp_path / "t.csv").write_text(
        "patient_id,name,age,sex\nP1,Margaret Okafor,34,F\nP1,Margaret Okafor,36,F\nP2,Dmitri Vasquez,51,M\nP3,Henrik Lindqvist,52,M\n"
    )
    pol = _policy(
        tmp_path,
        """
quasi_identifiers: {age: age, sex: flat}
direct_identifiers: {name: {action: surrogate, label: PATIENT, patient: patient_id}}
k: 2
""",
    )
    out = tmp_path / "o.csv"
    res = runner.invoke(
        app, ["anonymize", "table", str(tmp_path / "t.csv"), "--policy", str(pol), "-o", str(out)]
    )
    assert res.exit_code == 0, res.output
    header, rows = _read(out, ",")
    names = [r[1] for r in rows]
    assert not {"Margaret Okafor", "Dmitri Vasquez", "Henrik Lindqvist"} & set(names)
    assert names[0] == names[1] and len(set(names)) == 3  # one surrogate per patient
    from medveil.deidentify import deidentify
    from medveil.document import Document

    note = deidentify(
        Document(
            text="Margaret Okafor was seen today.",
            patient_id="P1",
            context={"patient_name": "Margaret Okafor"},
        ),
        key="sur-key",
    )
    assert note.text.startswith(names[0])  # the note of the same patient names the same surrogate


def test_date_shift_matches_the_text_pipeline(tmp_path, monkeypatch):
    """Dates shifted in a table move by the same days as the same patient's dates in notes."""
    import datetime as dt

    from medveil.deidentify import Deidentifier
    from medveil.document import Document

    monkeypatch.setenv("MEDVEIL_KEY", "shift-key")
    (tmp_path / "t.csv").write_text("patient_id,admit\nP1,2024-01-15\nP1,2024-02-20\nP2,2024-01-15\n")
    pol = _policy(
        tmp_path,
        """
quasi_identifiers:
  admit: {type: date, shift: {patient: patient_id, min_days: -365, max_days: 365}, max_level: 0}
k: 1
""",
    )
    out = tmp_path / "o.csv"
    res = runner.invoke(
        app, ["anonymize", "table", str(tmp_path / "t.csv"), "--policy", str(pol), "-o", str(out)]
    )
    assert res.exit_code == 0, res.output
    _, rows = _read(out, ",")
    shifted = {(r[0], i): r[1] for i, r in enumerate(rows)}
    d1 = dt.date.fromisoformat(shifted[("P1", 0)]) - dt.date(2024, 1, 15)
    d2 = dt.date.fromisoformat(shifted[("P1", 1)]) - dt.date(2024, 2, 20)
    assert d1 == d2 != dt.timedelta(0)  # one shift per patient, never zero
    deid = Deidentifier(None, "shift-key")
    assert deid.shift_days(Document(text="x", patient_id="P1")) == d1.days


def test_tokens_match_the_text_pipeline():
    """A table token equals the token the text de-identifier writes for the same label and value."""
    from medveil.deidentify import Deidentifier
    from medveil.document import Document
    from medveil.tables.anonymize import token_for

    pol = {"name": "t", "default": {"operator": "surrogate"}, "labels": {"MRN": {"operator": "token"}}}
    note = Deidentifier(pol, "tok-key").deidentify(
        Document(text="MRN: 4455667 seen", patient_id="P1", context={"mrn": "4455667"})
    )
    assert token_for("tok-key", "MRN", "4455667") in note.text
