"""Built-in and ARX-format hierarchies."""

from __future__ import annotations

import numpy as np
import pytest

from medveil.tables.hierarchy import (
    RESTRICTED_ZIP3,
    Hierarchy,
    HierarchyError,
    age_hierarchy,
    date_hierarchy,
    encode_levels,
    zip3_state,
    zip_hierarchy,
)


def test_age_bands_and_top_code():
    h = age_hierarchy(["3", "27", "44", "89", "90", "97"])
    assert h.rows["27"] == ["27", "25-29", "20-29", "20-39", "*"]
    assert h.rows["89"] == ["89", "85-89", "80-89", "80-89", "*"]
    assert h.rows["97"] == ["90+", "90+", "90+", "90+", "*"]  # Safe Harbor: 90+ already at level 0
    assert h.height == 4


def test_zip_levels_and_safe_harbor_restricted():
    h = zip_hierarchy(["02139", "03601", "90210", "82301"])
    assert h.rows["02139"] == ["02139", "021**", "MA", "*"]
    assert h.rows["03601"][1] == "000**"  # 036 is one of Safe Harbor's small areas
    assert h.rows["82301"][1] == "000**"
    assert h.rows["90210"][2] == "CA"
    assert {
        "036",
        "059",
        "063",
        "102",
        "203",
        "556",
        "692",
        "790",
        "821",
        "823",
        "830",
        "831",
        "878",
        "879",
        "884",
        "890",
        "893",
    } == set(RESTRICTED_ZIP3)
    assert zip3_state("100") == "NY" and zip3_state("606") == "IL" and zip3_state("abc") == "*"


def test_dates():
    h = date_hierarchy(["2024-03-05", "2024-03-05T10:00:00", "not a date"])
    assert h.rows["2024-03-05"] == ["2024-03-05", "2024-03", "2024", "*"]
    assert h.rows["not a date"][1:] == ["*", "*", "*"]


def test_arx_csv_and_leaf_counts(tmp_path):
    p = tmp_path / "h.csv"
    p.write_text("a;AB;*\nb;AB;*\nc;C;*\n")
    h = Hierarchy.from_csv(p)
    assert h.leaves == 3 and h.height == 2
    assert h.leaves_under("AB", 1) == 2 and h.leaves_under("*", 2) == 3
    codes, lmap, labels, leaves = encode_levels(h, np.array(["a", "c", "a"]))
    assert labels[1][lmap[1][codes]].tolist() == ["AB", "C", "AB"]
    with pytest.raises(HierarchyError, match="does not cover"):
        encode_levels(h, np.array(["a", "zz"]))


def test_bad_hierarchy_files(tmp_path):
    with pytest.raises(HierarchyError, match="not found"):
        Hierarchy.from_csv(tmp_path / "none.csv")
    p = tmp_path / "uneven.csv"
    p.write_text("a;A;*\nb;*\n")
    with pytest.raises(HierarchyError, match="different numbers of levels"):
        Hierarchy.from_csv(p)
    p.write_text("a;A\na;B\n")
    with pytest.raises(HierarchyError, match="twice"):
        Hierarchy.from_csv(p)
