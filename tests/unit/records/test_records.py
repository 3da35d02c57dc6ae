"""`medveil anonymize records`: per-field rules, consistency, no identifier survives, bad input."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from medveil.cli import app
from medveil.records import RecordsAnonymizer, RecordsError, RecordsPolicy
from medveil.records.anonymize import laplace, truncate_time

REPO = Path(__file__).resolve().parents[3]
EVENTS = REPO / "examples" / "tables" / "events.jsonl"
POLICY = REPO / "examples" / "tables" / "events-policy.yaml"
AGG_POLICY = REPO / "examples" / "tables" / "events-aggregate-policy.yaml"
runner = CliRunner()


def flat(text: str) -> str:
    return " ".join(text.split())


def _originals() -> list[dict]:
    return [json.loads(line) for line in EVENTS.read_text().splitlines() if line.strip()]


def _identifying_strings(events: list[dict]) -> set[str]:
    """Every identifier, name, address, contact detail and id of the example events."""
    out = set()
    for e in events:
        out.add(e["tenant"])
        out.add(e["order_id"])
        out.update(e["recipient"].values())
        out.update(e["shipping_address"].values())
        for p in e["products"]:
            out.add(p["sku"])
        for part in e["recipient"]["name"].split():
            out.add(part)
        out.add(e["recipient"]["phone"][-8:])  # the local number without the area code
    return out


@pytest.fixture()
def anonymized(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDVEIL_KEY", "records-test-key")
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["anonymize", "records", str(EVENTS), "--policy", str(POLICY), "-o", str(out)])
    assert res.exit_code == 0, res.output
    return out


def test_no_original_identifier_survives(anonymized):
    text = anonymized.read_text()
    leaks = [s for s in _identifying_strings(_originals()) if re.search(re.escape(s), text, re.IGNORECASE)]
    assert leaks == []


def test_field_rules(anonymized):
    orig = _originals()
    out = [json.loads(line) for line in anonymized.read_text().splitlines()]
    assert len(out) == len(orig)
    for o in out:
        assert set(o) == {f"f{i}" for i in range(1, 10)}  # neutral names, nothing unnamed
    # sequential order ids: consistent (same order -> same id), 1..N
    pairs = {}
    for a, b in zip(orig, out, strict=True):
        pairs.setdefault(a["order_id"], set()).add(b["f2"])
    assert all(len(v) == 1 for v in pairs.values())
    assert sorted(v.pop() for v in pairs.values()) == list(range(1, len(pairs) + 1))
    # timestamps truncated to the hour, statuses kept, totals rounded to tens
    for a, b in zip(orig, out, strict=True):
        assert b["f3"].endswith(":00:00+00:00") and b["f3"][:13] == a["timestamp"][:13]
        assert b["f4"] == a["status"]
        assert b["f8"] % 10 == 0 and abs(b["f8"] - a["total"]) <= 5
        assert len(b["f6"]) == len(a["products"])
        assert all(abs(x - p["price"]) < 30 for x, p in zip(b["f6"], a["products"], strict=True))


def test_field_description_written(anonymized):
    md = Path(str(anonymized) + ".fields.md").read_text()
    js = json.loads(Path(str(anonymized) + ".fields.json").read_text())
    assert "| `f2` | sequential |" in md and "Laplace" in md
    assert {d["field"] for d in js} >= {f"f{i}" for i in range(1, 10)}
    assert "order_id" not in md  # source names hidden unless document_sources: true


def test_same_key_same_output_and_noise_depends_on_key(tmp_path, monkeypatch):
    outs = []
    for key in ("k1", "k1", "k2"):
        monkeypatch.setenv("MEDVEIL_KEY", key)
        out = tmp_path / f"{len(outs)}.jsonl"
        assert (
            runner.invoke(
                app, ["anonymize", "records", str(EVENTS), "--policy", str(POLICY), "-o", str(out)]
            ).exit_code
            == 0
        )
        outs.append([json.loads(x)["f6"] for x in out.read_text().splitlines()])
    assert outs[0] == outs[1] and outs[0] != outs[2]


def test_aggregate(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDVEIL_KEY", "agg")
    out = tmp_path / "agg.jsonl"
    res = runner.invoke(
        app, ["anonymize", "records", str(EVENTS), "--policy", str(AGG_POLICY), "-o", str(out)]
    )
    assert res.exit_code == 0, res.output
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    by_status = {r["status"]: r for r in rows}
    assert by_status["created"]["count"] == 5 and by_status["shipped"]["count"] == 4
    assert "cancelled" not in by_status  # a window with 1 event is below min_count 2
    exact = sum(e["total"] for e in _originals() if e["status"] == "created")
    assert abs(by_status["created"]["sum_total"] - exact) < 100


def test_api_rename_default_keep_and_rounding():
    pol = RecordsPolicy.model_validate(
        {
            "default": "keep",
            "fields": {
                "user": {"action": "sequential"},
                "a.b": {"action": "round", "digits": 1, "rename": "c"},
                "ts": {"action": "truncate", "unit": "day"},
                "secret": "drop",
            },
        }
    )
    recs = [
        {"user": "u9", "a": {"b": 1.26, "z": 1}, "ts": "2024-05-01T13:14:15", "secret": "x", "other": 5},
        {"user": "u7", "a": {"b": 2}, "ts": 1714569255, "other": 6},
        {"user": "u9", "ts": "garbage"},
    ]
    res = RecordsAnonymizer(pol).anonymize(recs)
    r0, r1, r2 = res.records
    assert r0 == {"a": {"z": 1, "c": 1.3}, "other": 5, "user": 1, "ts": "2024-05-01"}
    assert r1["user"] == 2 and r2["user"] == 1  # first appearance order without a key
    assert r1["ts"] == "2024-05-01" and r2["ts"] is None
    assert "secret" not in r0


def test_helpers():
    assert truncate_time("2024-05-01T13:14:15+02:00", "hour") == "2024-05-01T13:00:00+02:00"
    assert truncate_time("2024-05-01T13:14:15Z", "month") == "2024-05"
    assert truncate_time("2024-05-01", "week") == "2024-04-29"
    assert laplace(0.5, 2.0) == 0.0
    assert laplace(0.75, 1.0) == pytest.approx(math.log(2))  # inverse CDF: -b·sign(u-½)·ln(1-2|u-½|)
    assert laplace(0.25, 3.0) == pytest.approx(-3 * math.log(2))
    draws = [laplace((i + 0.5) / 20000, 2.0) for i in range(20000)]
    assert sum(abs(d) for d in draws) / len(draws) == pytest.approx(2.0, rel=0.01)  # E|X| = b


def test_noise_needs_key():
    pol = RecordsPolicy.model_validate({"fields": {"x": {"action": "noise", "scale": 1}}})
    with pytest.raises(RecordsError, match="secret key"):
        RecordsAnonymizer(pol, None)


@pytest.mark.parametrize(
    "policy,needle",
    [
        ("fields: {x: {action: explode}}\n", "fields.x.action"),
        ("fields: {x: {action: noise}}\n", "noise needs a scale"),
        ("fields: {x: {action: truncate, unit: fortnight}}\n", "unit must be one of"),
        ("fields: [x\n", "not valid YAML"),
        ("fields: {a: keep, b: {action: keep, rename: a}}\n", "would both be written as 'a'"),
        ("fields: {ts: keep}\naggregate: {time_field: ts, window: 1 hour}\n", "window must look like"),
    ],
)
def test_bad_policies(tmp_path, policy, needle):
    p = tmp_path / "p.yaml"
    p.write_text(policy)
    (tmp_path / "in.jsonl").write_text('{"x": 1, "a": 2, "b": 3, "ts": "2024-01-01"}\n')
    res = runner.invoke(
        app,
        [
            "anonymize",
            "records",
            str(tmp_path / "in.jsonl"),
            "--policy",
            str(p),
            "-o",
            str(tmp_path / "o.jsonl"),
        ],
    )
    assert res.exit_code == 2, res.output
    assert "medveil: error:" in res.output and needle in flat(res.output)


def test_bad_input_files(tmp_path):
    p = tmp_path / "p.yaml"
    p.write_text("fields: {x: keep}\n")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"x": 1}\n{"x": \n')
    res = runner.invoke(
        app, ["anonymize", "records", str(bad), "--policy", str(p), "-o", str(tmp_path / "o.jsonl")]
    )
    assert res.exit_code == 2 and "bad.jsonl:2: not valid JSON" in flat(res.output)
    bad.write_text("[1, 2]\n")
    res = runner.invoke(
        app, ["anonymize", "records", str(bad), "--policy", str(p), "-o", str(tmp_path / "o.jsonl")]
    )
    assert res.exit_code == 2 and "expected a JSON object" in flat(res.output)
    res = runner.invoke(
        app,
        [
            "anonymize",
            "records",
            str(tmp_path / "none.jsonl"),
            "--policy",
            str(p),
            "-o",
            str(tmp_path / "o.jsonl"),
        ],
    )
    assert res.exit_code == 2 and "no such file" in flat(res.output)


def test_surrogate_rule_consistent_per_patient():
    pol = RecordsPolicy.model_validate(
        {
            "fields": {
                "pid": "keep",
                "who.name": {"action": "surrogate", "label": "PATIENT", "patient": "pid"},
            },
        }
    )
    recs = [
        {"pid": "P1", "who": {"name": "Margaret Okafor"}},
        {"pid": "P1", "who": {"name": "Margaret Okafor"}},
        {"pid": "P2", "who": {"name": "Dmitri Vasquez"}},
    ]
    out = RecordsAnonymizer(pol, "rec-key").anonymize(recs).records
    names = [r["who"]["name"] for r in out]
    assert names[0] == names[1] != names[2]
    assert "Okafor" not in names[0] and "Vasquez" not in names[2]
    with pytest.raises(RecordsError, match="secret key"):
        RecordsAnonymizer(pol, None)


def test_shift_rule_matches_the_text_pipeline():
    import datetime as dt

    from medveil.deidentify import Deidentifier
    from medveil.document import Document

    pol = RecordsPolicy.model_validate(
        {
            "fields": {
                "pid": "keep",
                "at": {"action": "shift", "patient": "pid"},
                "day": {"action": "shift", "patient": "pid"},
            },
        }
    )
    recs = [
        {"pid": "P1", "at": "2024-03-05T09:14:27Z", "day": "2024-03-05"},
        {"pid": "P1", "at": "2024-03-09T10:00:00Z", "day": "2024-03-20"},
        {"pid": "P2", "at": 1709630067, "day": "2024-03-05"},
    ]
    out = RecordsAnonymizer(pol, "shift-key").anonymize(recs).records
    days = Deidentifier(None, "shift-key").shift_days(Document(text="x", patient_id="P1"))
    assert out[0]["day"] == (dt.date(2024, 3, 5) + dt.timedelta(days=days)).isoformat()
    assert out[0]["at"].endswith("T09:14:27Z") and out[0]["at"][:10] == out[0]["day"]
    a0 = dt.datetime.fromisoformat(out[0]["at"])
    a1 = dt.datetime.fromisoformat(out[1]["at"])
    assert a1 - a0 == dt.datetime(2024, 3, 9, 10) - dt.datetime(2024, 3, 5, 9, 14, 27)  # intervals kept
    assert (
        isinstance(out[2]["at"], int)
        and (out[2]["at"] - 1709630067) % 86400 == 0
        and out[2]["at"] != 1709630067
    )
