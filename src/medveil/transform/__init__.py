"""Transform: the operators that replace detected PHI (redact, tag, surrogate, token, generalize, keep)."""
