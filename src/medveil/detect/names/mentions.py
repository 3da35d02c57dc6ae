"""The same name elsewhere in a note: other mentions of a word a cue made a name, and a name opening a sentence
where its capital says nothing.
"""

from __future__ import annotations

from medveil import lexicons as lex
from medveil.detect.names.eponyms import _eponym_follows
from medveil.detect.names.scan import _at_least
from medveil.detect.text import MIXED, labels_a_field, token_lowers


def _other_mentions(tokens, infos, text, scores, roles, vetoed) -> None:
    """Mark the other occurrences of words that a cue made a name (score >= 0.8 with a role), unless an eponym's
    head word follows."""
    heads = lex.eponym_heads()
    found: dict[str, str] = {}
    for i in _at_least(0.8, scores):
        w = infos[i]
        if roles[i] is not None and len(tokens[i].text) >= 2 and not (w.stop or w.blocked or w.eponym):
            found.setdefault(tokens[i].lower, roles[i])
    if not found:
        return
    for i in [i for i, w in enumerate(token_lowers(tokens)) if w in found]:
        t = tokens[i]
        role = found[t.lower]
        if scores[i] >= 0.8 or i in vetoed:
            continue
        if t.casing == MIXED:
            if not (t.is_title or t.is_upper):
                continue  # "we hope to" beside the patient Hope
        elif infos[i].prior < 0.5 and lex.word_frequency(t.lower) >= 4.0 and (
                infos[i].prior < 0.25 or t.lower in lex.clinical_word_counts()):
            continue  # a common word in a note without casing: "will", "grant", "walker" (not "tommy", "joe")
        if _eponym_follows(tokens, i, text, heads):
            continue  # "brown stools" beside the patient Brown
        scores[i] = 0.8
        roles[i] = role


def _sentence_start_mentions(tokens, infos, text, scores, roles, vetoed, stamp_initials, threshold) -> None:
    """A word taken as a name where its capital says so (mid-sentence, in a note of mixed case) is the same name
    where it opens a sentence and its capital says nothing ("… with Sam and Jordan. Sam said …"), unless an
    eponym's head word follows or it labels a field. Words of clinical prose ("General", "School") and cue
    words are never carried over."""
    found: dict[str, tuple[float, str | None]] = {}
    for i in _at_least(threshold, scores):
        t, w = tokens[i], infos[i]
        if (t.casing == MIXED and t.is_title and not t.sentence_start and len(t.text) >= 2 and i not in stamp_initials
                and not (w.stop or w.blocked or w.eponym or w.cue) and t.lower not in lex.clinical_word_counts()):
            score, role = found.get(t.lower, (0.0, None))
            found[t.lower] = (max(score, scores[i]), role or roles[i])
    if not found:
        return
    heads = lex.eponym_heads()
    for i in [i for i, w in enumerate(token_lowers(tokens)) if w in found]:
        t = tokens[i]
        if t.sentence_start and scores[i] < threshold and i not in vetoed and t.is_title and (
                t.casing == MIXED and not _eponym_follows(tokens, i, text, heads) and not labels_a_field(text, t.start, t.end)):
            score, role = found[t.lower]
            scores[i] = min(score, 0.75)
            roles[i] = roles[i] or role
