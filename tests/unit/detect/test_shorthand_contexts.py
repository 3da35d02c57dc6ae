"""Clinical shorthand is never PHI, even in the slots where a name or a place is expected.

Every alphabetic entry of the shipped clinical-abbreviation list is put after the cues that make
other words names or places ("seen by", "transferred from", "TRANSFERRED TO") in lowercase and ALL
CAPS; none may be flagged ("from osh" is not the city Osh, "seen by afib" is not a person).
"""

from medveil import lexicons as lex

CONTEXTS = (
    "pt transferred from {w} for further care, wife at bedside",
    "PT TRANSFERRED TO {W} FOR FURTHER CARE, WIFE AT BEDSIDE",
    "seen by {w} today",
    "SEEN BY {W} TODAY",
)


def test_no_shorthand_is_flagged_in_name_or_place_slots(pipeline):
    calendar = lex.months() | lex.weekdays()  # "sat" (saturation) is also Saturday: a date by policy
    flagged = []
    for w in sorted(lex.clinical_abbreviations()):
        if not w.isalpha() or w in calendar:
            continue
        for ctx in CONTEXTS:
            text = ctx.format(w=w, W=w.upper())
            found = [text[s.start : s.end] for s in pipeline.detect(text)]
            if found:
                flagged.append((text, found))
    assert flagged == []
