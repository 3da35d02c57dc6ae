"""Table reading/writing: separators, formats, the tables extra, malformed input."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from medveil.tables.io import Table, TableError, read_table, sniff_separator, write_table


def test_separator_kept_and_round_trip(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text('a;b\n1;"x;y"\n2;z\n')
    t = read_table(p)
    assert t.sep == ";" and t.columns == ["a", "b"] and t.data["b"].tolist() == ["x;y", "z"]
    out = tmp_path / "o.csv"
    write_table(t, out)
    assert out.read_text() == 'a;b\n1;"x;y"\n2;z\n'
    assert sniff_separator("a\tb\tc") == "\t" and sniff_separator("single") == ","


def test_jsonl_and_parquet(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"a": 1, "b": null}\n{"a": 2, "c": [1]}\n')
    t = read_table(tmp_path / "a.jsonl")
    assert (
        t.columns == ["a", "b", "c"]
        and t.data["b"].tolist() == ["", ""]
        and t.data["c"].tolist() == ["", "[1]"]
    )
    pytest.importorskip("polars")
    write_table(t, tmp_path / "a.parquet")
    back = read_table(tmp_path / "a.parquet")
    assert back.columns == t.columns and back.data["a"].tolist() == ["1", "2"]


def test_missing_polars_names_the_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "polars", None)  # import polars now raises ImportError
    (tmp_path / "a.parquet").write_bytes(b"PAR1")
    with pytest.raises(TableError, match=r"pip install 'medveil\[tables\]'"):
        read_table(tmp_path / "a.parquet")
    (tmp_path / "a.csv").write_text("a,b\n1,2\n")
    assert read_table(tmp_path / "a.csv").n == 1  # CSV needs no extra


@pytest.mark.parametrize(
    "content,needle",
    [
        ("", "empty table"),
        ("a,b\n", "no rows"),
        ("a,a\n1,2\n", "duplicate column"),
        ("a,b\n1,2,3\n", "3 fields where the header has 2"),
    ],
)
def test_malformed_csv(tmp_path, content, needle):
    p = tmp_path / "x.csv"
    p.write_text(content)
    with pytest.raises(TableError, match=needle):
        read_table(p)


def test_other_bad_inputs(tmp_path):
    (tmp_path / "x.xlsx").write_text("x")
    with pytest.raises(TableError, match="unknown table format"):
        read_table(tmp_path / "x.xlsx")
    (tmp_path / "b.csv").write_bytes(b"a,b\n\xff\xfe,1\n")
    with pytest.raises(TableError, match="UTF-8"):
        read_table(tmp_path / "b.csv")
    (tmp_path / "c.parquet").write_text("not parquet")
    pytest.importorskip("polars")
    with pytest.raises(TableError, match="Parquet"):
        read_table(tmp_path / "c.parquet")
    t = Table(["a"], {"a": np.array(["1"])})
    with pytest.raises(TableError, match="unknown column 'z'"):
        t.require(["z"])


def test_large_csv_fast_path_equals_exact_reader(tmp_path):
    """Above 1 MB polars reads the CSV (when installed); it must give what the csv module gives,
    and hand over to it for empty fields and ragged rows."""
    pytest.importorskip("polars")
    import medveil.tables.io as tio

    body = "".join(f'{i};"a;{i % 7}";x{i % 3}\n' for i in range(100_000))
    text = "id;v;w\n" + body
    p = tmp_path / "big.csv"
    p.write_text(text)
    fast = read_table(p)
    assert tio._read_csv_polars(text, ";") is not None
    assert fast.data["v"][:3].tolist() == [f"a;{i % 7}" for i in range(3)]
    assert fast.data["id"][-1] == "99999" and fast.n == 100_000 and fast.sep == ";"
    p.write_text(text + "100000;;x0\n")  # an empty field: exact reader keeps ""
    t = read_table(p)
    assert t.data["v"][-1] == "" and t.n == 100_001
    p.write_text(text + "100001;b\n")  # a short row: exact error
    with pytest.raises(TableError, match="2 fields where the header has 3"):
        read_table(p)
