"""Reading records from files and writing results back, streaming and in input order."""

from medveil.io.readers import InputError, Record, detect_format, read_records
from medveil.io.writers import JsonlWriter, open_output

__all__ = ["InputError", "Record", "detect_format", "read_records", "JsonlWriter", "open_output"]
