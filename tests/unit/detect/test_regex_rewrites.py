"""Regex passes rewritten for speed find what the plain regexes they replace found (the regexes are written out here)."""

import random
import re

from medveil.detect.dates import _bare_month_days, lower_text
from medveil.detect.identifiers import _USERNAME, _USERNAME_HINT
from medveil.detect.names.nicknames import _NICKNAME, _nickname_matches
from medveil.detect.names.scan import _ODD_CASE, _finditer_at_hints

_BARE_MD = re.compile(r"(?<![\d/.])(\d{1,2})/(\d{1,2})(?![\d/]|\.\d)")


def _random_texts(pieces: list[str], n: int = 20_000, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 14))) for _ in range(n)]


def test_bare_month_days_are_the_regex_matches():
    texts = ["INR 2.1 (3/4), 2.5 (3/11), 2.9 (3/18)", "1/2/3", "pain 10/10", "x12/5.3", "٣/٤ and 12/31", "/5 4/"]
    texts += _random_texts(list("0123456789/.a \n-") + ["٣", "٤"])
    for t in texts:
        expected = [(m.start(), m.end(), int(m.group(1)), int(m.group(2))) for m in _BARE_MD.finditer(t)]
        assert _bare_month_days(t) == expected, t


def test_quoted_nicknames_are_the_regex_matches():
    texts = ['Pt: Eleanor "Nell" Fitzgibbon', 'BELLAMY, MARCUS  ("Junior")', 'Harlan Gaines Jr. ("Junior")', 'x"ab" "cd"']
    texts += _random_texts(['"', "“", "”", "(", ")", " ", "\t", ",", "Jr", "Sr", "II", "IV", ".", "Nell", "a", "'", "-", "\n"])
    for t in texts:
        expected = [(m.start(), m.start(1), m.end(1), m.end()) for m in _NICKNAME.finditer(t)]
        assert [x[:4] for x in _nickname_matches(t) if not x[4]] == expected, t


def test_usernames_at_hints_are_the_regex_matches():
    texts = ["entered by dmelo", "Registered by: tmcgrath", "login: d.kowalski", "baby boy", "by user vmartinez2", "BY jlp"]
    texts += _random_texts(["by", "BY", "user", "login", "operator", " ", ":", "#", "jdoe", "a", "ſ", "1", "_", "name", "\n"])
    for t in texts:
        low = None if any(c in t for c in _ODD_CASE) else lower_text(t)
        expected = [m.span(0) + m.span(2) for m in _USERNAME.finditer(t)]
        assert [m.span(0) + m.span(2) for m in _finditer_at_hints(_USERNAME, t, low, _USERNAME_HINT)] == expected, t


def test_lookbehinds_after_the_first_letter_match_as_before():
    from medveil.detect.identifiers import _SSN_LAST4
    from medveil.detect.names.eponyms import _POSSESSIVE

    old_ssn = re.compile(
        r"(?i:(?<![\w])last[ \t]?(?:4|four)(?:[ \t]+(?:digits|only|on[ \t]+[a-z]+))?[ \t]*\)?[ \t]*[:#][ \t]*"
        r"|ssn[ \t]*\(?last[ \t]?(?:4|four)\)?[ \t]*)(\d{4})(?![\w-]|\.\d|[ \t]*(?i:ml|cc|mg|g|kcal|cal|steps|units?|%|/))")
    old_possessive = re.compile(r"\b([A-Z][a-z]{2,})['’]s\b(?:\s+([A-Za-z]+))?")
    texts = ["SSN last 4 7712", "Last4: 4471", "blast 4: 1234", "on Will's own meter", "McHope's mother", "ÉHope's"]
    texts += _random_texts(["last", "LAST", "l", "ast", "4", "four", " ", ":", "1234", "ssn", "(", ")", "x", "_", "é", "Will",
                            "'s", "’s", "A", "bc", "\n"])
    for old, new in ((old_ssn, _SSN_LAST4), (old_possessive, _POSSESSIVE)):
        for t in texts:
            assert [(m.span(), m.groups()) for m in new.finditer(t)] == [(m.span(), m.groups()) for m in old.finditer(t)], t


def test_interstates_from_the_road_are_the_regex_matches():
    from medveil.detect.locations.addresses import _INTERSTATE, _interstate_matches

    texts = ["MVC on I-83 southbound", "SCENE: I-580 EB", "the I-25 median", "I-83 near I-95", "onto  I-5 N", "anti-94 i-10"]
    texts += _random_texts(["on", "onto", "to", "near", "scene:", "SCENE:", "the", " ", "\t", "I-", "i-", "83", "5", "131", "N",
                            "EB", "exit", "x", "-", "/", ".", "\n", "at mile"])
    for t in texts:
        expected = [(m.end(), m.group("num"), m.group("cue") is not None, m.group("after")) for m in _INTERSTATE.finditer(t)]
        assert [(m.end(), m.group("num"), cued, m.group("after")) for m, cued in _interstate_matches(t)] == expected, t


def test_typists_after_a_credential_are_the_regex_matches():
    from medveil.detect.names.signatures import _TYPIST_AFTER_CREDENTIAL, _typists_after_credential

    texts = ["H. Kingsley, MD / tf", "s. o'neill rn / tk (nursing student)", "MCAULIFFE, DO  /  BM:tw", "MD / PhD", "md/ab\nrn /cd"]
    texts += _random_texts(["MD", "md", "M.D.", "rn", "DO", "PhD", "np", ".", " ", "\t", "/", "tf", "BM:", "tw", "(", "\n", "x",
                            "abc", ":"])
    for t in texts:
        for start in (0, len(t) // 2):
            expected = [(m.span(1), m.span(2)) for m in _TYPIST_AFTER_CREDENTIAL.finditer(t, start)]
            assert [(m.span(1), m.span(2)) for m in _typists_after_credential(t, start)] == expected, (t, start)
