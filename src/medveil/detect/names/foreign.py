"""Names and passages of other languages: Spanish passages whose words only look like names ("tengo dolores"),
Vietnamese names in their order ("Nguyen Thi Thu Ha"), and a name in its own script after its Latin spelling
("Huang Xiu Ying (黄秀英)").
"""

from __future__ import annotations

import re

from medveil.detect.names.cues import _SPACE, CREDENTIALS, PARTICLES
from medveil.detect.names.prior import WordInfo
from medveil.detect.text import MIXED, Token, token_lowers
from medveil.document import Span

# a name in its own script in brackets: letters of no Latin alphabet (Han, Hangul, kana, Cyrillic, Arabic, Devanagari …),
# up to four words
_OTHER_SCRIPT_WORD = r"[^\W\d_A-Za-z\u00C0-\u024F\u1E00-\u1EFF]+"
_NATIVE_NAME = re.compile(rf"[(（][ \t]*({_OTHER_SCRIPT_WORD}(?:[ \t·・]{_OTHER_SCRIPT_WORD}){{0,3}})[ \t]*[)）]")


def _native_script_names(text: str, spans: list[Span], threshold: float) -> list[Span]:
    """The same name in its own script, in brackets right after a name found in Latin letters ("Huang Xiu Ying
    (黄秀英)", "Lee Hyun-woo (이현우)", "Olga Petrova (Ольга Петрова)") → the name's label, 0.85."""
    ends = {sp.end: sp for sp in spans if sp.score >= threshold}
    out = []
    for m in _NATIVE_NAME.finditer(text):
        k = m.start()
        while k > 0 and m.start() - k < 4 and text[k - 1] in " \t,":
            k -= 1  # the blanks (and a comma) between the name and the bracket
        name = ends.get(k)
        if name is not None:
            out.append(Span(m.start(1), m.end(1), name.label, 0.85, "names:native_script"))
    return out


def _in_spanish_passage(tokens: list[Token], infos: list[WordInfo], scores: list[float], scorable: list[int], text: str) -> list[int]:
    """Words of a Spanish passage that scored as names by their lexicon prior alone ("tengo dolores musculares", "manchas
    rosas y dolorosas"): two of the three words on each side, on the same line, are common Spanish words that English
    seldom uses (not the particles of a name: "md de la garza"), or one when the word is such a word itself ("jugo de
    naranja"). Only a lowercase word, a word of a line in one casing ("TENGO MUCHA SED"), or a capitalized Spanish word
    opening a sentence that is no likely first name ("Ojalá"), loses its score; a capital in mid-sentence ("mi hija Dolores") or a cue
    word still makes a name."""
    out = []
    n = len(tokens)
    for i in scorable:
        t = tokens[i]
        if scores[i] <= 0.0 or not (t.text.islower() or t.casing != MIXED
                                    or (t.sentence_start and infos[i].spanish and not infos[i].likely_first)):
            continue
        line_start = text.rfind("\n", 0, t.start)
        line_end = text.find("\n", t.end)
        line_end = len(text) if line_end < 0 else line_end
        near = sum(1 for j in range(max(0, i - 3), min(n, i + 4))
                   if j != i and infos[j].spanish and tokens[j].lower not in PARTICLES and line_start < tokens[j].start
                   and tokens[j].end <= line_end)
        if near >= (1 if infos[i].spanish else 2):
            scores[i] = 0.0
            out.append(i)
    return out


# Vietnamese family names, and the middle names that mark the name's order: "Nguyen Thi Thu Ha", "TRAN VAN DUC"
_VIETNAMESE_SURNAMES = frozenset("""nguyen nguyễn tran trần le lê pham phạm hoang hoàng huynh huỳnh phan vu vũ vo võ dang đặng bui
    bùi do đỗ ho hồ ngo ngô duong dương ly lý truong trương dinh đinh lam lâm mai cao luu lưu trinh trịnh quach quách thai
    thái doan đoàn vuong vương chau châu tang tăng ta tạ""".split())
_VIETNAMESE_MIDDLES = frozenset({"thi", "thị", "van", "văn"})


def _same_casing(a: Token, b: Token) -> bool:
    return (a.is_title and b.is_title) or (a.is_upper and b.is_upper) or (a.text.islower() and b.text.islower())


def _vietnamese_names(tokens, infos, text: str, scores: list[float], roles: list, vetoed: set[int]) -> None:
    """A Vietnamese family name, "Thi" or "Van", then one or two given names, written alike and spaced by blanks: the
    whole chain is a name ("Dr. Nguyen Thi Thu Ha", "sister Pham Thi Thu Ha", "TRAN VAN DUC", "nguyen thi lan"),
    even where a word of it is also a weekday ("Thu") or shorthand. A cue's role on any word of it holds for all."""
    lowers = token_lowers(tokens)
    if _VIETNAMESE_MIDDLES.isdisjoint(lowers):
        return
    n = len(tokens)
    for j in range(1, n - 1):
        mid = tokens[j]
        if lowers[j] not in _VIETNAMESE_MIDDLES or lowers[j - 1] not in _VIETNAMESE_SURNAMES:
            continue
        chain = [j - 1, j]
        for k in (j + 1, j + 2):
            if k >= n or not _SPACE.fullmatch(text, tokens[k - 1].end, tokens[k].start):
                break
            t, w = tokens[k], infos[k]
            if not _same_casing(t, mid) or w.cue or t.lower in CREDENTIALS or not t.text.isalpha() or len(t.text) > 6:
                break  # (a Vietnamese name's word is one syllable: six letters at most)
            if k == j + 2 and not (w.first or w.last or not w.known_word):
                break  # a second given name is a name's word: "Thu Ha", not "Lan had", "NGOC CALLED"
            chain.append(k)
        if len(chain) < 3 or not (_same_casing(tokens[j - 1], mid) and _SPACE.fullmatch(text, tokens[j - 1].end, mid.start)):
            continue
        role = next((roles[k] for k in chain if roles[k] is not None), None)
        for k in chain:
            scores[k] = max(scores[k], 0.9)
            roles[k] = roles[k] or role
            vetoed.discard(k)
