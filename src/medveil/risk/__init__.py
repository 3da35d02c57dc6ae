"""Re-identification risk of tables: equivalence classes, prosecutor/journalist/marketer risk,
l-diversity and t-closeness, and the report writers (terminal, JSON, HTML)."""

from medveil.risk.table import TableRisk, assess_table_risk, equivalence_classes

__all__ = ["TableRisk", "assess_table_risk", "equivalence_classes"]
