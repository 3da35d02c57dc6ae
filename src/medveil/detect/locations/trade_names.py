"""Practices, agencies, payers and businesses named by their trade: "<name words> <trade phrase>" ("Park Street
Pediatrics", "Riverbend Home Health", "Golden Gate Health Plan", "Harbor Light Pharmacy") → HOSPITAL or ORGANIZATION
as the trade says (``_TRADE_PHRASES``)."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress, count

from medveil import lexicons as lex
from medveil.detect.locations._common import _SPACE, FACILITY_CUES, PLACE_CUES, _is_common
from medveil.detect.locations.facilities import _DEPARTMENT_WORDS, _NAME_ABBREVIATIONS, _NOT_A_NAME_START
from medveil.detect.names import FUNCTION_WORDS, word_info
from medveil.detect.text import LOWER as LOWER_CASE
from medveil.detect.text import MIXED, Token
from medveil.document import Span
from medveil.labels import Label

# -- names of care providers and businesses by their trade -----------------------------------------
# A practice, agency, insurer or business is named "<name words> <trade phrase>": "Park Street Pediatrics",
# "Riverbend Home Health", "Golden Gate Health Plan", "Harbor Light Pharmacy". The trade phrase (lowercase
# words; "&" stands for "&" or "and") ends in its head word, which triggers the pass; the label follows the
# trade: care providers are HOSPITAL, payers, pharmacies, suppliers, transport, schools and employers
# ORGANIZATION. A "strong" phrase names a business by itself ("Home Health", "Pharmacy"); a weak one is also
# a clinical service ("Physical Therapy", "Colorectal Surgery", "Laboratory") and needs a proper word in the
# name (one that is no common English word: a place, a surname, a coinage) or a cue before it ("at", "from").
_SPECIALTIES = (
    "allergy anesthesia anesthesiology audiology cardiology cardiovascular colorectal dermatology endocrinology "
    "endoscopy gastroenterology gastro genetics genomics geriatrics gynecology hematology hepatology imaging "
    "nephrology neurology neurosurgery obstetrics oncology ophthalmology optometry orthopedics "
    "orthopaedics otolaryngology pathology pediatrics podiatry psychiatry pulmonology radiology "
    "rheumatology surgery urology maternal-fetal perinatal fertility dentistry chiropractic dialysis "
    "dermatopathology teleradiology endodontics orthodontics periodontics retina eyecare midwifery counseling"
).split()
# two kinds of care joined, a practice's usual name ("Hempstead Valley Allergy & Asthma", "Clinch Valley Neurology &
# Sleep", "Southeast Alabama Heart & Rhythm")
_JOINED_SPECIALTIES = ("allergy & asthma", "neurology & sleep", "hematology & oncology", "heart & vascular", "heart & rhythm",
                       "bone & joint", "foot & ankle", "ear, nose & throat", "eye & ear", "sports & spine", "pain & wellness",
                       "hearing & balance", "vein & vascular")


def _phrases(label: str, strong: str, weak: str = "") -> tuple[tuple[str, str, bool], ...]:
    """``_TRADE_PHRASES`` entries of one label from "|"-separated strong and weak phrases."""
    return tuple((p, label, True) for p in strong.split("|") if p) + tuple((p, label, False) for p in weak.split("|") if p)


_TRADE_PHRASES: tuple[tuple[str, str, bool], ...] = (
    # care providers (HOSPITAL)
    *((f"{s}", Label.HOSPITAL, False) for s in _SPECIALTIES),
    *((f"{s} {g}", Label.HOSPITAL, True) for s in _SPECIALTIES
      for g in ("group", "associates", "partners", "specialists", "consultants", "physicians", "institute")),
    *((p, Label.HOSPITAL, True) for p in _JOINED_SPECIALTIES),
    ("dental arts", Label.HOSPITAL, True), ("dental group", Label.HOSPITAL, True), ("eye care", Label.HOSPITAL, True),
    ("sports medicine", Label.HOSPITAL, False), ("dental", Label.HOSPITAL, False),
    ("behavioral health", Label.HOSPITAL, True), ("behavioral", Label.HOSPITAL, False),
    ("development district", Label.ORGANIZATION, True),
    ("recovery center", Label.HOSPITAL, True), ("recovery", Label.HOSPITAL, False),
    ("pediatrics", Label.HOSPITAL, True), ("pediatric associates", Label.HOSPITAL, True),
    ("family physicians", Label.HOSPITAL, True), ("physicians", Label.HOSPITAL, False),
    ("family practice", Label.HOSPITAL, True), ("family medicine", Label.HOSPITAL, False),
    ("family health", Label.HOSPITAL, True), ("family health center", Label.HOSPITAL, True),
    ("kids health", Label.HOSPITAL, True), ("children's health", Label.HOSPITAL, True),
    ("internal medicine", Label.HOSPITAL, False), ("medicine", Label.HOSPITAL, False),
    ("medical group", Label.HOSPITAL, True), ("medical associates", Label.HOSPITAL, True),
    ("health", Label.HOSPITAL, False), ("health system", Label.HOSPITAL, True), ("healthcare", Label.HOSPITAL, False),
    ("home health", Label.HOSPITAL, True), ("home health care", Label.HOSPITAL, True),
    ("home health services", Label.HOSPITAL, True), ("home health agency", Label.HOSPITAL, True),
    ("home care", Label.HOSPITAL, True), ("home care services", Label.HOSPITAL, True),
    ("homecare", Label.HOSPITAL, True), ("home healthcare", Label.HOSPITAL, True),
    ("visiting nurse association", Label.HOSPITAL, True), ("visiting nurse services", Label.HOSPITAL, True),
    ("visiting nurses", Label.HOSPITAL, True), ("visiting nurse service", Label.HOSPITAL, True),
    ("nursing services", Label.HOSPITAL, True), ("hospice", Label.HOSPITAL, True),
    ("hospice care", Label.HOSPITAL, True), ("palliative care", Label.HOSPITAL, False),
    ("physical therapy", Label.HOSPITAL, False), ("physical therapy associates", Label.HOSPITAL, True),
    ("therapy", Label.HOSPITAL, False), ("therapy services", Label.HOSPITAL, True),
    ("rehabilitation", Label.HOSPITAL, False), ("rehab", Label.HOSPITAL, False),
    ("health & rehab", Label.HOSPITAL, True), ("nursing & rehab", Label.HOSPITAL, True),
    ("health & rehabilitation", Label.HOSPITAL, True), ("nursing & rehabilitation", Label.HOSPITAL, True),
    ("post-acute", Label.HOSPITAL, True), ("post-acute care", Label.HOSPITAL, True),
    # long-term care named by its kind ("Briarcliff Rehabilitation & Nursing", "Three Rivers Transitional Care")
    ("rehabilitation & nursing", Label.HOSPITAL, True), ("rehab & nursing", Label.HOSPITAL, True),
    ("skilled nursing", Label.HOSPITAL, True), ("transitional care", Label.HOSPITAL, True),
    ("memory care", Label.HOSPITAL, True), ("assisted living", Label.HOSPITAL, True),
    ("senior living", Label.HOSPITAL, True), ("residences", Label.HOSPITAL, False),
    ("laboratory", Label.HOSPITAL, False), ("laboratories", Label.HOSPITAL, False), ("labs", Label.HOSPITAL, False),
    ("diagnostics", Label.HOSPITAL, False), ("urgent care", Label.HOSPITAL, False),
    ("surgery center", Label.HOSPITAL, True), ("surgical associates", Label.HOSPITAL, True),
    ("pavilion", Label.HOSPITAL, False), ("children", Label.HOSPITAL, False),
    # payers, pharmacies, suppliers, transport, schools and employers (ORGANIZATION)
    ("pharmacy", Label.ORGANIZATION, True), ("drug", Label.ORGANIZATION, False), ("drugs", Label.ORGANIZATION, False),
    ("apothecary", Label.ORGANIZATION, True), ("family pharmacy", Label.ORGANIZATION, True),
    ("medical supply", Label.ORGANIZATION, True), ("medical supplies", Label.ORGANIZATION, True),
    ("medical equipment", Label.ORGANIZATION, True), ("home medical", Label.ORGANIZATION, True),
    ("medical transport", Label.ORGANIZATION, True), ("medical transportation", Label.ORGANIZATION, True),
    ("ambulance", Label.ORGANIZATION, True), ("ambulance service", Label.ORGANIZATION, True),
    ("ambulance services", Label.ORGANIZATION, True), ("ems", Label.ORGANIZATION, False),
    ("health plan", Label.ORGANIZATION, True), ("health plans", Label.ORGANIZATION, True),
    ("mutual health", Label.ORGANIZATION, True), ("mutual", Label.ORGANIZATION, False),
    ("health alliance", Label.ORGANIZATION, True), ("health insurance", Label.ORGANIZATION, True),
    ("health partners", Label.ORGANIZATION, True), ("healthcare partners", Label.ORGANIZATION, True),
    ("advantage", Label.ORGANIZATION, False), ("senior advantage", Label.ORGANIZATION, True),
    ("assurance", Label.ORGANIZATION, True), ("learning center", Label.ORGANIZATION, True),
    ("child care", Label.ORGANIZATION, True), ("childcare", Label.ORGANIZATION, True),
    ("daycare", Label.ORGANIZATION, True), ("day care", Label.ORGANIZATION, True),
    ("preschool", Label.ORGANIZATION, True), ("montessori", Label.ORGANIZATION, True),
    ("parish", Label.ORGANIZATION, True), ("rail works", Label.ORGANIZATION, True),
    ("iron works", Label.ORGANIZATION, True), ("steel works", Label.ORGANIZATION, True),
    ("machine works", Label.ORGANIZATION, True), ("tooling", Label.ORGANIZATION, True),
    ("foods", Label.ORGANIZATION, False), ("analytics", Label.ORGANIZATION, True),
    ("elementary", Label.ORGANIZATION, False), ("elementary school", Label.ORGANIZATION, False),
    ("middle school", Label.ORGANIZATION, False), ("high school", Label.ORGANIZATION, False),
    ("head start", Label.ORGANIZATION, True), ("probation department", Label.ORGANIZATION, True),
    ("legal services", Label.ORGANIZATION, True), ("legal aid", Label.ORGANIZATION, True),
    ("senior services", Label.ORGANIZATION, True), ("inspectional services", Label.ORGANIZATION, True),
    ("multi-service center", Label.ORGANIZATION, True),
    # public services, schools, funeral homes, cooperatives and trades (ORGANIZATION)
    *_phrases(Label.ORGANIZATION,
              strong="funeral home|funeral service|funeral services|mortuary|donor network|organ bank|eye bank|food bank|"
                     "food pantry|agency on aging|council on aging|correctional facility|correctional center|county jail|"
                     "sheriff's office|police department|"
                     "fire department|health department|state university|community college|institute of technology|"
                     "credit union|farm bureau|electric co-op|feed mill|paper mill|waste haulers",
              weak="jail|university|college|academy|cooperative|wrecker|towing|trucking|construction|landscaping"),
    # places of worship the landmark pass does not know, associations and the trades patients work in
    # (ORGANIZATION; courts have their own pass, ``_court_spans``): "Wounded Warrior Project", "Five Rivers Freight", "Harborline Realty"
    *_phrases(Label.ORGANIZATION,
              strong="adult probation|county probation|youth authority|islamic center|islamic society|"
                     "jewish community center|ministries|masjid|gurdwara|realty|freight|produce|hardware|auto body|"
                     "auto parts|plumbing|roofing|airlines|railroad|bus lines|bakery|restaurant|supermarket|grocery|"
                     "shipyard|packaging|logistics|staffing|manufacturing|air medical|air ambulance|home respiratory|"
                     "refining|refinery|drydock|dry dock|shipbuilding|marine works|oilfield services|petrochemical|"
                     "marine fabrication|offshore services|interpreting|interpreting services|language services|"
                     "translation services|travel insurance|insurance company|insurance agency|stamping|forge",
              weak="insurance|child development center|foundry|society|association|foundation|project|services|systems|solutions|technologies|"
                   "international|transit|motors|mechanical|electric|market|farms|dairy|ranch|diner|tavern|grill|cafe|"
                   "hotel|casino|salon|club|probation"),
    # care providers with an unusual head (HOSPITAL)
    ("eye care", Label.HOSPITAL, True), ("vision care", Label.HOSPITAL, True), ("dental care", Label.HOSPITAL, True),
    ("birth center", Label.HOSPITAL, True), ("sleep center", Label.HOSPITAL, False), ("vet center", Label.HOSPITAL, True),
    ("eye institute", Label.HOSPITAL, True), ("endodontics", Label.HOSPITAL, False), ("orthodontics", Label.HOSPITAL, False),
    ("orthotics & prosthetics", Label.HOSPITAL, True), ("treatment program", Label.HOSPITAL, False),
    ("student health services", Label.HOSPITAL, True), ("perinatal counseling", Label.HOSPITAL, True),
)


def _trade_phrase_index() -> dict[str, list[tuple[tuple[str, ...], str, bool]]]:
    """Head word → [(the phrase's words, label, strong)], longest phrase first."""
    index: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
    for phrase, label, strong in _TRADE_PHRASES:
        words = tuple(phrase.split())
        index.setdefault(words[-1], []).append((words, label, strong))
    for options in index.values():
        # longest first; of equal phrases the strong one ("pediatrics" is also among the weak specialties)
        options.sort(key=lambda o: (-len(o[0]), not o[2]))
    return index


_TRADE_INDEX = _trade_phrase_index()


# kinds of home written in lowercase after a name in mixed-case text (``_trade_name_spans``)
_LOWERCASE_TRADE_PHRASES = frozenset({("assisted", "living"), ("memory", "care"), ("senior", "living"), ("skilled", "nursing")})
_LOWERCASE_TRADE_HEADS = frozenset(words[-1] for words in _LOWERCASE_TRADE_PHRASES)
_TRADE_WORDS = frozenset(w for words in _TRADE_INDEX.values() for o in words for w in o[0]) - {"&"}
# words that describe a service rather than name a business: a name made only of them (and trade words)
# is a department or a kind of care ("Outpatient Pharmacy", "Pediatric Cardiology", "Skilled Home Health")
_GENERIC_NAME_WORDS = _DEPARTMENT_WORDS | _NOT_A_NAME_START | frozenset(
    """outpatient inpatient clinical specialty retail hospital hospitals discharge central compounding mail order
    pediatric adult adolescent child women's womens men's mens geriatric senior skilled nursing acute subacute
    sub-acute post-acute long-term term long short extended chronic mobile in-home home onsite on-site hospital-based
    occupational speech physical respiratory cardiopulmonary pulmonary cardiac vestibular pelvic hand aquatic
    sports integrative comprehensive advanced preventive interventional diagnostic therapeutic interdisciplinary
    multidisciplinary academic university medical health care services service division section department dept
    board school college doctor bachelor master fellowship residency program consult consults consultation
    recommend recommended recommends continue resume refer referral referred order ordered obtain arrange
    arranged contact call notify discuss discussed per with by via the and of inpt outpt clinic clinics team teams
    unit units network networks group associates partners usual routine standard expected expect need needs
    medicare medicaid tricare women men street illicit recreational prescription otc student students disability
    disabilities elder social protective environmental support guest patient""".split()
)
_TRADE_GAP = re.compile(r"[ \t]+|[ \t]*&[ \t]*|['’]s?[ \t]+|\.[ \t]+")  # no " - ": "Ellis Hospital - Radiology"
# the words before "of" inside a name ("Our Lady of Guadalupe Parish", "Sisters of Mercy Home Health");
# elsewhere "of" ends the name ("Dr. Ruiz of Urology", "a resident of Elm Heights Nursing & Rehab")
_TRADE_OF_INSIDE = frozenset({"lady", "sisters", "daughters", "brothers", "friends", "city", "town", "county", "village"})
_TRADE_CONNECTORS = frozenset({"of", "the", "and", "&", "de", "la", "del", "los", "las", "san", "st"})
_TRADE_OF = re.compile(r"[ \t]+(?:of|OF)[ \t]+(?:(?:the|THE)[ \t]+)?([A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2})")
_TRADE_SUFFIX = re.compile(r",?[ \t]+(?:PLLC|P\.?L\.?L\.?C\.?|P\.?C\.|PC|LLC|L\.L\.C\.|LLP|Inc\.?|INC\.?|P\.?A\.)(?![\w.])|,?[ \t]+(?:PLLC|PC|LLC|LLP)\b")
_TRADE_CUE_BEFORE = re.compile(r"(?:\(|:|\b(?:at|from|to|with|w/|by|through|via|thru))[ \t]*$", re.I)
# words that end the name on the left in a line without casing evidence (ALL CAPS or lowercase)
_TRADE_STOP_UPPER = frozenset(
    """note visit report evaluation eval re-evaluation reevaluation assessment plan client patient pt agency
    practice branch payer insurance provider facility referral referred ordering clinic department service
    to from at re attn fax phone tel cc""".split()
)


@lru_cache(maxsize=1)
def _trade_heads() -> frozenset[str]:
    return frozenset(_TRADE_INDEX)


# verbs and adverbs that start an order or a sentence before a trade phrase
_TRADE_STARTERS = frozenset(
    """continue continued cont resume resumed consult consulted recommend recommended refer referred arrange arranged
    schedule scheduled call called contact contacted notify notified order ordered start started stop stopped hold
    obtain check see seen send sent set setup start will may might needs need needed discussed spoke faxed
    discharge discharged today tomorrow yesterday also then now please follow followed notes note per via""".split()
)
_POSSESSIVE_S = re.compile(r"['’]s(?!\w)")
_TRADE_NOT_AFTER = frozenset(
    """aide aides aid note notes consult consults evaluation eval order orders recommendations recs progress team staff
    student students resident residents fellow fellows attending department dept service rounds protocol policy
    history hx exam referral visit visits admission admissions technician tech techs guidelines guideline criteria
    assessment assessments coordinator coordinators support specialist specialists counselor screening""".split()
)


def _trade_prev(text: str, tokens: list[Token], j: int) -> tuple[int, bool] | None:
    """The word before ``tokens[j]`` in a trade phrase: (its index, joined by "&" or "and"), or None."""
    if j == 0:
        return None
    p = tokens[j - 1]
    gap = text[p.end : tokens[j].start]
    if p.lower == "and" and _SPACE.fullmatch(gap) and j >= 2 and _SPACE.fullmatch(text, tokens[j - 2].end, p.start):
        return j - 2, True
    if _SPACE.fullmatch(gap):
        return j - 1, False
    if _AMP_GAP.fullmatch(gap):
        return j - 1, True
    return None


_AMP_GAP = re.compile(r"[ \t]*&[ \t]*")


def _trade_phrase_start(text: str, tokens: list[Token], i: int, words: tuple[str, ...], mixed: bool) -> int | None:
    """The index of the first token of the trade phrase ``words`` ending at ``tokens[i]``, or None."""
    j = i
    k = len(words) - 1
    while k > 0:
        k -= 1
        amp = words[k] == "&"
        if amp:
            k -= 1
        prev = _trade_prev(text, tokens, j)
        if prev is None or prev[1] != amp:
            return None
        j = prev[0]
        p = tokens[j]
        if p.lower != words[k] or (mixed and not (p.is_title or p.is_upper)):
            return None
    return j


@lru_cache(maxsize=100_000)
def _trade_proper(word: str) -> bool:
    """A word that names something by itself: no common English word ("Riverbend", "Essex", "Whatcom")."""
    return not _is_common(word) or word_info(word).prior >= 0.3 or word in lex.cities()


# words of geography that name a practice as a town's name would ("Mid-Valley Cardiology", "Green Mountain
# Dermatopathology", "Front Range Imaging", "Coastal Bend Hematology")
_GEOGRAPHY_WORDS = frozenset("""valley mountain mountains range ridge river lake lakes bay harbor harbour coast coastal shore shores
    creek hills mesa canyon desert prairie plains forest pines oaks cedar cedars sound island islands summit peak delta gulf bayou
    sierra piedmont tidewater lowcountry highlands uplands northwest northeast southwest southeast midwest mid-valley
    bend""".split())


@lru_cache(maxsize=100_000)
def _trade_place_or_surname(word: str) -> bool:
    """A place or a person's name: "Essex", "Omaha", "Cornell", "Brennan-Lowell", a word of geography ("Valley",
    "Mid-Valley", "Green Mountain")."""
    if word in lex.cities() or word in lex.us_states() or word in lex.countries():
        return True
    if word in _GEOGRAPHY_WORDS or ("-" in word and any(p in _GEOGRAPHY_WORDS for p in word.split("-"))):
        return True
    w = word_info(word)
    return w.prior >= 0.3 or w.last


def _trade_proper_or_named(word: str) -> bool:
    return _trade_proper(word) or _trade_place_or_surname(word)


@lru_cache(maxsize=100_000)
def _trade_clinical(word: str) -> bool:
    """A word of clinical prose rather than of a business name ("nuclear", "sleep", "wound")."""
    counts = lex.clinical_word_counts().get(word)
    return word in lex.medical_terms() or word in lex.clinical_abbreviations() or (counts is not None and counts[0] >= 20)


# -- practices, agencies, payers and businesses named by their trade ---------------------------
def _trade_name_spans(text: str, tokens: list[Token], lowers: list[str]) -> list[Span]:
    """"Park Street Pediatrics", "Riverbend Home Health", "Golden Gate Health Plan" (see ``_TRADE_PHRASES``)."""
    out: list[Span] = []
    n = len(tokens)
    months, weekdays, stop = lex.months(), lex.weekdays(), lex.stop_words()
    for i in compress(count(), map(_trade_heads().__contains__, lowers)):
        t = tokens[i]
        mixed = t.casing == MIXED
        # a home's kind written in lowercase after its name ("Brookfield Heights assisted living"): only the phrases
        # of _LOWERCASE_TRADE_PHRASES, and only after a place or a surname (below)
        lower_kind = mixed and t.text.islower() and t.lower in _LOWERCASE_TRADE_HEADS
        if mixed and not (t.is_title or t.is_upper or lower_kind):
            continue
        if i + 1 < n and (lowers[i + 1] in _TRADE_NOT_AFTER or lowers[i + 1] in lex.eponym_heads()) and _SPACE.fullmatch(
            text, t.end, tokens[i + 1].start
        ):
            continue  # "Home Health aide", "Pharmacy note", "McGill Pain Index"
        if t.lower == "children" and not _POSSESSIVE_S.match(text, t.end):
            continue  # only "Boston Children's", "Connecticut Children's": a children's hospital
        for option in _TRADE_INDEX[t.lower]:
            if lower_kind and option[0] not in _LOWERCASE_TRADE_PHRASES:
                continue
            first = _trade_phrase_start(text, tokens, i, option[0], mixed and not lower_kind)
            if first is not None and lower_kind and not all(tokens[k].text.islower() for k in range(first, i)):
                first = None
            if first is not None:
                _words, label, strong = option
                break
        else:
            continue
        # walk left over the words of the name
        name: list[Token] = []
        j = first
        while j > 0 and len(name) < 5:
            p = tokens[j - 1]
            gap = text[p.end : tokens[j].start]
            if len(gap) > 3 or not _TRADE_GAP.fullmatch(gap) or (gap[0] == "." and p.lower not in _NAME_ABBREVIATIONS):
                break  # "St. Luke's", not "Neurology. LSVT"
            w = p.lower
            if w == "of" and not (j >= 2 and tokens[j - 2].lower in _TRADE_OF_INSIDE):
                break
            if w in _TRADE_CONNECTORS or (w == "our" and tokens[j].lower == "lady"):
                pass
            elif w in FUNCTION_WORDS or w in months or w in weekdays or w in _TRADE_STOP_UPPER:
                break
            elif mixed:
                if not (p.is_title or (p.is_upper and len(w) <= 5 and w not in lex.clinical_abbreviations())):
                    break
                if t.is_title and p.is_upper and len(w) > 5:
                    break
            elif w in stop or w in lex.clinical_abbreviations() or w in FACILITY_CUES or w in PLACE_CUES:
                break
            name.append(p)
            j -= 1
        name.reverse()
        # drop words at the left end that describe rather than name ("Outpatient", "Recommend", "The")
        while name:
            w = name[0].lower
            if w == "our" and len(name) > 1 and name[1].lower == "lady":
                break
            if (w in _TRADE_CONNECTORS and w not in ("st", "san")) or w in _GENERIC_NAME_WORDS:
                name.pop(0)  # (but "St. Brendan's Skilled Nursing" keeps its saint)
            elif w in _TRADE_STARTERS:
                name.pop(0)  # "Continue Home Health", "Consult Physical Therapy", "Today Hospice"
            else:
                break
        head_start = tokens[first].start
        end = t.end + 2 if t.lower == "children" else t.end
        m_of = _TRADE_OF.match(text, end) if mixed or t.casing != LOWER_CASE else None
        of_end = None
        if m_of:
            kept = []
            for word in m_of.group(1).split():
                key = word.lower()
                if key in FUNCTION_WORDS or key in months or key in weekdays or key in stop or _trade_clinical(key):
                    break
                kept.append(word)
            if kept:
                of_end = m_of.start(1) + m_of.group(1).index(kept[-1]) + len(kept[-1])
        if not name:
            if of_end is None or not strong:
                continue
            start = head_start  # "Visiting Nurse Services of Kent County"
        else:
            start = name[0].start
        if of_end is not None:
            end = of_end
        m_sfx = _TRADE_SUFFIX.match(text, end)
        if m_sfx:
            end = m_sfx.end()
        # the evidence that this is a name and not a kind of care
        keys = [w.lower for w in name if w.lower not in _TRADE_CONNECTORS]
        if name and all(k in _GENERIC_NAME_WORDS or k in _TRADE_WORDS for k in keys):
            continue  # "Pediatric Cardiology", "Skilled Home Health"
        named = [w.lower for w in name if w.lower not in _TRADE_CONNECTORS and not (mixed and w.is_upper)]
        # an acronym in mixed case is no evidence ("LSVT Physical Therapy"); a weak trade needs a place or
        # a surname ("Essex Colorectal Surgery"), not a coinage ("MammoSite Radiation Therapy")
        test = _trade_proper_or_named if strong else _trade_place_or_surname
        proper = of_end is not None or any(test(k) and not _trade_clinical(k) for k in named)
        before = text[max(0, start - 12) : start]
        cue = _TRADE_CUE_BEFORE.search(before) is not None
        if t.casing == LOWER_CASE and not (
            strong and cue and all(not _trade_clinical(k) for k in keys)
            and any(k in lex.cities() or word_info(k).prior >= 0.3 for k in keys)
        ):
            continue  # a lowercase note: "at bronx kids health", never "managing post-operative pain"
        if lower_kind and not (name and any(_trade_place_or_surname(k) and not _trade_clinical(k) for k in named)):
            continue  # "Lasix assisted living" is no name; "Brookfield Heights assisted living" is
        if not proper:
            if not mixed:
                continue  # "SET UP HOME HEALTH": no casing evidence, so a proper word must carry it
            if not strong and (not cue or len(keys) < 2 or any(_trade_clinical(k) for k in keys)):
                continue  # "Nuclear Medicine", "from Plastic Surgery"; "at Desert Sky Physical Therapy" is a name
        score = 0.8 if (proper or strong) and mixed else 0.7
        out.append(Span(start, end, label, score, "locations:trade_name"))
    return out
