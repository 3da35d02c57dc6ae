"""The fresh set: 165 clinical notes written and annotated independently of medveil's code (see README.md)."""
