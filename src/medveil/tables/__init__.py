"""Structured data: generalization hierarchies, the lattice search for the least information loss
that meets k-anonymity / risk / l-diversity criteria, and the table anonymizer."""

from medveil.tables.hierarchy import Hierarchy, HierarchyError
from medveil.tables.io import Table, TableError, read_table, write_table
from medveil.tables.search import Criteria, Lattice

__all__ = [
    "Criteria",
    "Hierarchy",
    "HierarchyError",
    "Lattice",
    "Table",
    "TableError",
    "read_table",
    "write_table",
]
