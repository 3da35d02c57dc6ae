"""The fresh set: 105 clinical notes written and annotated independently of medveil's code (see README.md)."""
