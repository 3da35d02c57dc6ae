"""Identifier numbers: SSN, MRN, ACCOUNT, HEALTH_PLAN, LICENSE, DEVICE_ID, VEHICLE_ID and other IDs.

Decision rules:

* **Cue + value** (``pattern:<label>_cue``, 0.97; 0.9 for weak cues): a cue word, any case —
  SSN ("SSN", "ss#", "social security no"), MRN ("MRN", "MR#", "med rec no", "medical record
  number", "unit no", "hosp #", "hospital number", "record #", "chart #", "EMPI", "<mrn>"),
  ACCOUNT ("acct", "account", "billing no", "invoice", "FIN", "card #", "cc#"), HEALTH_PLAN
  ("member id", "policy #", "insurance id", "medicare #", "medicaid", "beneficiary", "group #",
  "subscriber", "HICN", "MBI", "HBN", "plan #", "group:"), LICENSE ("license #", "lic", "DEA", "NPI", "UPIN", "CDL",
  "certificate", "registration #", "driver's license", "DL #"), DEVICE_ID ("serial", "S/N",
  "SN:", "device id", "UDI", "IMEI", "lot #", "implant #"; a bare "SN" only in capitals and before a
  value with a letter and 4+ digits or with 6+ digits: "generator SN RNB403822S", not "SN 1350 ms"), VEHICLE_ID ("VIN", "license plate",
  "plate #", "tag #"; an aircraft's N-number after "tail": "tail N418GA"), ID ("accession", "specimen", "case #", "order #", "job #", "study #",
  "claim #", "ref #", "confirmation #", "requisition", "ticket", "CSN", "encounter #", "visit #",
  "patient id", "pt #", "report #", "sample #", "file #", "dictation #", "auth #", "authorization",
  "interpreter #", "badge #", "employee #", "protocol", "A-Number" (and "A#" in capitals), "alien registration no", "statement/access/confirmation/verification … code" — never a bare
  "code", which is a CPT code or a code status —, "ID", "I.D.") —
  followed on the same line, within up to three filler tokens ("#", ":", "no.", "number", "is",
  "of", "(01)", "(" when the value closes the bracket: "specimen (S23-0412)"), by a value: an alphanumeric token with at least 2 digits (3 digits and 4
  characters for the weak cues "id", "unit", "case", "order", "group", "lot", "job", "study",
  "ref", "plan", "pt", "record", "chart", "plate", "tag", "cc", "card" …), optionally with
  ``-``/``.`` groups ("A12-3456789", "12345-JS", "UCSF-987654") or short spaced digit groups
  ("123 45 67"), or 2–4 capitals, a space and 4+ digits ("Chart # NSG 77182"). A "#" may be glued to a
  value starting with a letter ("Ref #UM2023-0911"). After a weak cue a value that is a date, a time or a small number is not taken,
  nor one followed by a unit. The label comes from the cue. (Model numbers are not identifiers.)
* **Validated shapes without a cue** (seen from a run of 4+ digits):
    - SSN ``ddd-dd-dddd`` / ``ddd dd dddd`` with a valid area (not 000, 666, 9xx), group (not 00)
      and serial (not 0000) → 0.95 (spaced 0.75); an invalid one → ``ID`` 0.6;
    - card numbers (13–19 digits, bare or in groups of 4, first digit 3–6) passing Luhn → ACCOUNT 0.9;
    - DEA numbers (2 letters + 7 digits) passing the DEA check digit → LICENSE 0.9;
    - VINs (17 characters, no I/O/Q) passing the check digit → VEHICLE_ID 0.9;
    - a 4–8 digit number right after a signature credential ("M.D. 740480", "RN 1234"), or capitals and digits after
      one that ends its line ("M.D. PJ84") → ID 0.8;
    - the last four digits of a masked SSN ("xxx-xx-4471", "***-**-4471") or after "last 4" ("SSN (last 4): 4471")
      → SSN 0.9;
    - Medicare Beneficiary Identifiers ("1EG4-TE5-MK73" → HEALTH_PLAN 0.9; bare "1EG4TE5MK73", with only the
      letters CMS uses, 0.8).
* **Bare long numbers** (``pattern:id_digits``): ≥ 7 digits (or digit groups joined by ``-`` with ≥ 7
  digits) with no cue → ``ID`` 0.6 — in notes they are usually identifiers — unless a unit follows
  ("1000000 units"), it is a decimal or has thousands separators ("1,250,000"), ``$``/``#``/``+``
  precedes, it is a shift ("1900-0730"), a range of values ("900-1100", "1000-1500") or
  phone-shaped (left to the phone rules, which outscore it).
* **Bare alphanumeric codes** (``pattern:id_code``): a token mixing letters and ≥ 5 digits with a
  run of 4, 6–25 characters ("MP98765", "A12-3456789", "HMO-234567") → ``ID`` 0.55. Clinical codes
  ("G2P1A1", "G3P2002", "C6C7T1", "T4N0M0", "HbA1c", "100S-110S", "550x22") and numbers with a unit
  ("100000units") never match.
"""

from __future__ import annotations

import re

from medveil import lexicons as lex
from medveil.detect.dates import CueIndex, Hit, digit_skeleton, lower_text, on_skeleton, valid_date
from medveil.detect.names.scan import _finditer_at_hints, _words_for_gates
from medveil.document import Document, Span
from medveil.labels import Label

__all__ = ["IdentifierDetector", "luhn_valid", "npi_valid", "vin_valid", "dea_valid", "ssn_valid"]


# --- validators -----------------------------------------------------------------------------------


def luhn_valid(number: str) -> bool:
    """The Luhn (mod 10) check used by credit cards and (with a prefix) NPIs. Non-digits are ignored."""
    digits = [int(c) for c in number if c.isdigit()]
    if len(digits) < 2:
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def npi_valid(npi: str) -> bool:
    """A US National Provider Identifier: 10 digits, Luhn check over the prefix 80840 + the number."""
    digits = "".join(c for c in npi if c.isdigit())
    return len(digits) == 10 and digits[0] in "12" and luhn_valid("80840" + digits)


_VIN_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7, "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}  # fmt: skip
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def vin_valid(vin: str) -> bool:
    """A 17-character vehicle identification number with a correct check digit (position 9)."""
    v = vin.upper()
    if len(v) != 17 or any(c not in _VIN_VALUES for c in v):
        return False
    total = sum(_VIN_VALUES[c] * w for c, w in zip(v, _VIN_WEIGHTS, strict=True))
    check = total % 11
    return v[8] == ("X" if check == 10 else str(check))


def dea_valid(dea: str) -> bool:
    """A DEA registration number: 2 letters then 7 digits; (d1+d3+d5) + 2*(d2+d4+d6) ends in d7."""
    d = dea.upper()
    if len(d) != 9 or not d[0].isalpha() or not (d[1].isalpha() or d[1] == "9") or not d[2:].isdigit():
        return False
    n = [int(c) for c in d[2:]]
    return (n[0] + n[2] + n[4] + 2 * (n[1] + n[3] + n[5])) % 10 == n[6]


def ssn_valid(area: str, group: str, serial: str) -> bool:
    """US SSN ranges: area not 000, 666 or 9xx; group not 00; serial not 0000."""
    return area not in ("000", "666") and area[0] != "9" and group != "00" and serial != "0000"


# --- cues -------------------------------------------------------------------------------------------

_NO = r"(?:\s*(?:#|(?:no\.?|num(?:ber)?\.?|nbr|id)(?![a-z])))"
# a code a patient or a clerk types or quotes ("statement code 7KQ2-M9XD", "access code 4471-AB"): never a bare
# "code" ("code 99213" is a CPT code, "code status")
_CODE_CUE = (
    r"(?:statement|access|verification|confirmation|auth(?:ori[sz]ation)?|reference|ref|booking|activation|"
    r"portal|enrol(?:l)?ment|invitation|pin)\s+code"
)
# (regex, label, weak) — a weak cue needs a stronger-looking value
_CUES: list[tuple[str, Label, bool]] = [
    (r"ssn|ss\s?#|ss\s?no\.?|soc(?:ial)?\.?\s*sec(?:urity)?\.?(?:" + _NO + r")?|social\s+security(?:" + _NO + r")?", Label.SSN, False),
    (r"mrn|mr\s?#|mr\s?no\.?|mr\s?num(?:ber)?|med(?:ical)?\.?\s*rec(?:ord)?s?\.?(?:" + _NO + r")?|medical\s+record(?:" + _NO + r")?|"
     r"record" + _NO + r"|chart" + _NO + r"|hosp(?:ital)?\.?" + _NO + r"|hospital\s+number|empi|mpi" + _NO + r"?|"
     r"unit" + _NO + r"|u\s?#", Label.MRN, False),
    (r"acct\.?(?:" + _NO + r")?|account(?:" + _NO + r")?|billing(?:" + _NO + r")?|invoice(?:" + _NO + r")?|fin" + _NO + r"?|"
     r"har|(?:credit\s+)?card" + _NO + r"|cc" + _NO, Label.ACCOUNT, False),
    (r"member(?:ship)?(?:" + _NO + r")?|mbr(?:" + _NO + r")?|policy(?:" + _NO + r")?|pol" + _NO + r"|"
     r"insurance(?:" + _NO + r")?|ins\.?" + _NO + r"|medicare(?:" + _NO + r")?|medicaid(?:" + _NO + r")?|masshealth(?:" + _NO + r")?|"
     r"hicn|hbn|mbi|cin(?:" + _NO + r")?|medi[- ]cal(?:" + _NO + r")?|beneficiary(?:" + _NO + r")?|subscriber(?:" + _NO + r")?|health\s+plan(?:" + _NO + r")?|plan" + _NO + r"|"
     r"group(?:" + _NO + r"|(?=[ \t]*:))|grp" + _NO + r"?|payer" + _NO, Label.HEALTH_PLAN, False),
    (r"licen[cs]e(?:" + _NO + r")?|lic\.?(?:" + _NO + r")?|dea(?:" + _NO + r")?|npi(?:" + _NO + r")?|upin|"
     r"certificate(?:" + _NO + r")?|cert\.?" + _NO + r"|registration" + _NO + r"|dl" + _NO + r"|"
     r"driver'?s\s+licen[cs]e(?:" + _NO + r")?|cdl(?:" + _NO + r")?|permit" + _NO, Label.LICENSE, False),
    (r"serial(?:" + _NO + r")?|s/n|sn\s*[:#]|sn(?=[ \t])|device" + _NO + r"|device\s+serial|udi|imei|"
     r"lot" + _NO + r"|implant" + _NO, Label.DEVICE_ID, False),
    (r"vin(?:" + _NO + r")?|licen[cs]e\s+plate(?:" + _NO + r")?|plate" + _NO + r"?|tag\s*#", Label.VEHICLE_ID, False),
    (r"accession(?:" + _NO + r")?|acc\.?\s*#|specimen(?:" + _NO + r")?|spec\.?\s*#|case" + _NO + r"|order" + _NO + r"|"
     r"job" + _NO + r"?|batch" + _NO + r"?|study" + _NO + r"|claim(?:" + _NO + r")?|ref(?:erence)?" + _NO + r"|confirmation" + _NO + r"?|"
     r"requisition(?:" + _NO + r")?|req\.?\s*#|ticket" + _NO + r"?|csn|encounter" + _NO + r"|visit" + _NO + r"|"
     r"patient" + _NO + r"|pt\.?" + _NO + r"|identifier|report" + _NO + r"|sample" + _NO + r"|tracking" + _NO + r"?|"
     r"file" + _NO + r"|control" + _NO + r"|dictation" + _NO + r"?|transcription" + _NO + r"?|doc(?:ument)?" + _NO + r"|"
     r"auth(?:ori[sz]ation)?" + _NO + r"|authori[sz]ation|interp(?:reter)?" + _NO + r"|badge" + _NO + r"?|"
     r"employee" + _NO + r"|protocol(?:" + _NO + r")?|" + _CODE_CUE + r"|id|i\.d\.|"
     r"a-number|alien(?:\s+registration)?" + _NO, Label.ID, False),  # an immigrant's A-Number
]
_WEAK_VALUE_CUES = re.compile(
    r"^(?:id|i\.d\.|unit|u\s?#|case|order|group|grp|model|lot|job|batch|study|ref|plan|pt|patient|visit|report|"
    r"sample|file|control|record|chart|plate|tag|device|permit|dl|cert|fin|cc|card|har|mpi|auth|authori[sz]ation|"
    r"interp|interpreter|badge|employee|protocol|sn$|[a-z]+\s+code)\b"
)
_CUE_RX = re.compile(
    r"(?:" + "|".join(f"(?P<c{i}>{rx})" for i, (rx, _, _) in enumerate(_CUES)) + r")(?:(?<![a-z])|(?![a-z]))"
    r"(?P<fill>(?:\s*(?:(?:[#:=.>\-]|\(\d\d\)|no\.?|num(?:ber)?\.?|is|was|of|id)(?![a-z])|\()){0,3}\s*)"
    # the value: digits spaced one by one ("0 0 7 7 1 4 3 0" of a typed form), or an optional prefix of capitals
    # before 4 digits or a group of 3 and more ("NSG 77182", "NU 304 5519"; not "TMAX 102.1"), then letters and
    # digits joined by - . / * ("MCH*00517*229") and up to three more groups
    r"(?P<val>#?(?:\d(?:[ ]\d){5,11}(?=[ \t]*(?:\n|$)|[ \t]{2})|(?P<pre>[a-z]{2,4}[ ](?=\d{4}|\d{3}[ ]\d))?"
    r"(?=[a-z0-9./*-]{0,20}\d)[a-z0-9](?:[a-z0-9]|[-./*](?=[a-z0-9]))*"
    r"(?:[ ]\d{2,4}(?=[ \n,;)]|\.(?!\d)|$)){0,3}))"
)
# first letters of every cue (an Aho-Corasick pass finds them; the regex above is then anchored there)
# (frequent short words get their longer forms as keys: every raw hit costs time)
_CUE_KEYS = (
    "ssn|ss#|ss #|ss no|soc sec|soc. sec|social|mrn|mr#|mr #|mr no|mr num|med rec|med. rec|medical|medicare|"
    "medicaid|record|hbn|chart|hosp #|hosp#|hosp no|hosp.|hospital|empi|mpi|unit|u#|acct|account|acc#|acc #|"
    "acc.|accession|billing|invoice|fin|card|credit|cc#|cc #|cc no|member|mbr|pol #|pol#|pol no|policy|"
    "insurance|ins #|ins#|ins no|ins.|ins id|masshealth|hicn|mbi|cin|medi-cal|medical|beneficiary|subscriber|health plan|plan #|"
    "plan#|plan no|plan id|group|grp|payer|lic|dea|npi|upin|cert|registration|dl#|dl #|dl no|driver|cdl|permit|"
    "serial|s/n|sn:|sn #|sn#|device|udi|imei|lot|implant|vin|plate|tag|spec|case|order|job|batch|study|claim|ref|"
    "confirmation|req#|req #|req.|requisition|ticket|csn|encounter|visit|patient id|patient #|patient no|"
    "patient number|pt id|pt #|pt#|pt no|pt. #|identifier|report|sample|tracking|file|control|dictation|"
    "transcription|doc #|doc#|doc no|document #|document#|document no|id|i.d.|sn |auth|interp|badge|employee|statement|access code|verification|booking|activation|"
    "portal|enrolment|enrollment|invitation|pin code|a-number|alien|protocol"
).split("|")
_DATE_OR_TIME_VALUE = re.compile(
    r"^(?:\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|[0-2]?\d:[0-5]\d|\d{1,3}(?:\.\d+)?)$"
)
_OBSTETRIC = re.compile(r"[Gg]\d{1,2}[Pp](?:\d{1,5}|\d{1,2}(?:-\d{1,2}){3})(?:[Aa][Bb]?\d{1,2})?")
_DAY_MONTH = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-]")


def _could_be_date_or_time(val: str) -> bool:
    """False for a value of a date's shape whose first two numbers are no month and day in either order ("05-66-218" is a
    unit number)."""
    m = _DAY_MONTH.match(val)
    if m is None:
        return True
    a, b = int(m.group(1)), int(m.group(2))
    return valid_date(a, b) or valid_date(b, a)


_UNIT_AFTER = re.compile(
    r"[ \t]{0,2}(?:mg|mcg|g|kg|ml|cc|l|units?|iu|u|meq|mmol|mm|cm|m|%|x|times|cells|copies|/mm3|/ul|/l|k|lbs?|kcal|cal|"
    r"dollars|usd|steps)\b",
    re.I,
)

_UNIT_WORDS = frozenset(
    "mg mcg ug g gm kg ml cc l u iu units unit meq mmol mm cm m k x cells copies lbs lb kcal cal ng pg".split()
)
_SSN_RX = re.compile(r"(\d{3})([- ])(\d{2})\2(\d{4})(?![\w-]|\.\d)")
# an SSN masked but for its last four digits: "xxx-xx-4471", "***-**-4471", "XXX XX 4471" (the digits are the PHI)
_MASKED_SSN = re.compile(r"(?<![\w*])(?:[xX]{3}|\*{3})([- ]?)(?:[xX]{2}|\*{2})\1(\d{4})(?![\w-]|\.\d)")
# the last four digits of an SSN given alone after "last 4": "Last 4: 3319", "SSN (last 4 on form): 6619", "SSN last 4
# 7712", "Last4: 4471" (a colon or "SSN" before it; never "the last 4 weeks", "last 4 to 5 days"). The "l" is matched
# before the look-behind (no word character before it), so that the engine can skip ahead to an "l" or an "s"
_SSN_LAST4 = re.compile(
    r"(?i:l(?<!\wl)ast[ \t]?(?:4|four)(?:[ \t]+(?:digits|only|on[ \t]+[a-z]+))?[ \t]*\)?[ \t]*[:#][ \t]*"
    r"|ssn[ \t]*\(?last[ \t]?(?:4|four)\)?[ \t]*)(\d{4})(?![\w-]|\.\d|[ \t]*(?i:ml|cc|mg|g|kcal|cal|steps|units?|%|/))"
)
# a Medicare Beneficiary Identifier (CMS): 11 characters, digit 1-9, letter, letter or digit, digit, letter, letter or
# digit, digit, letter, letter, digit, digit; printed "1EG4-TE5-MK73" or bare. Bare, its letters must be those CMS uses
# (never S, L, O, I, B, Z); with the dashes the layout alone is specific enough. One scan for both forms, the first digit
# matched before the look-behind so that the regex engine can skip ahead to digits (six times faster than a leading
# look-behind)
_MBI_LETTER = "AC-HJKMNP-RT-Y"
_MBI = re.compile(
    rf"[1-9](?<![\w-][1-9])(?:[A-Z][A-Z\d]\d-[A-Z][A-Z\d]\d-[A-Z]{{2}}\d{{2}}"
    rf"|[{_MBI_LETTER}][{_MBI_LETTER}\d]\d[{_MBI_LETTER}][{_MBI_LETTER}\d]\d[{_MBI_LETTER}]{{2}}\d{{2}})(?![\w-])"
)
# an A-Number after "A#" (capital A: "a #10-blade" is a scalpel): 8 or 9 digits, maybe in groups of three
_A_NUMBER = re.compile(r"(?<![\w#])A#[ \t]*:?[ \t]*(\d{8,9}|\d{3}([- ])\d{3}\2\d{3}|\d{2}[- ]\d{3}[- ]\d{3})(?![\w-])")
# a licence plate in two groups after "plate" ("MN plate KRX 481", "plate: 7ABC 123"): the cued value above is one group;
# letters and digits both, in capitals (not "plate 3.5 mm", "plate and screws")
_PLATE = re.compile(r"(?i:(?<![\w])plates?\b(?:[ \t]*(?:#|no\.?|number))?)[ \t]*:?[ \t]*"  # (not "PLATELETS 88")
                    r"(?![CTLS]\d{1,2}[ -][CTLS]?\d{1,2}(?![\w-]))"  # "locking plate C3-C5": the vertebrae it spans
                    r"((?=[A-Z0-9 -]{0,6}[A-Z])(?=[A-Z0-9 -]{0,6}\d)[A-Z0-9]{1,4}[ -][A-Z0-9]{2,4})(?![\w-])")
# an aircraft's registration after "tail" ("King Air B200, tail N418GA", "tail # N417AM"): a US N-number
_TAIL_NUMBER = re.compile(r"(?i:(?<![\w])(?:tail(?:[ \t]*(?:#|no\.?|number))?|aircraft|helicopter|airplane))[ \t]*:?[ \t]*(N[1-9]\d{0,4}[A-HJ-NP-Z]{0,2})(?![\w-])")
_BADGE = re.compile(r"(?i:\bbadge)(?:[ \t]*(?:#|no\.?|number))?[ \t]*:?[ \t]*(\d{3,8})(?![\w]|\.\d)")
# a plate or a boat's registration after a state's code and "tag", "plate" or "reg" ("AL tag 2AB 4471", "OK TAG
# JHR-771", "NH reg 4417RT"), or after "plate", "tablilla" or a vehicle's "reg"/"registration" with the state's code
# before the value ("plate NM GOV 41882", "(registration NC 4417 BK)"): capitals, a letter and a digit both; the state's
# code is not part of it
_PLATE_VALUE = r"(?=[A-Z0-9 -]{0,9}[A-Z])(?=[A-Z0-9 -]{0,9}\d)[A-Z0-9]{1,4}(?:[ -]?[A-Z0-9]{1,4}){1,2}"
_PLATE_CUES = frozenset({"tag", "plate", "plates", "reg", "registration", "tablilla"})
_STATE_PLATE = re.compile(
    r"(?<![\w])(?P<st>[A-Z]{2})[ \t]+(?i:tag|plate|reg\.?|registration)(?:[ \t]*(?:#|no\.?))?[ \t]*:?[ \t]*"
    r"(?P<v>" + _PLATE_VALUE + r")(?![\w-])"
    r"|(?i:(?<![\w])(?:plates?|tablilla|reg\.?|registration)(?:[ \t]*(?:#|no\.?))?)[ \t]*:?[ \t]*(?P<st2>[A-Z]{2})[ \t]+"
    r"(?P<v2>" + _PLATE_VALUE + r")(?![\w-])"
)
# the number after the name of an officer or an interpreter ("OFC. D. KRAWCZYK #318", "Officer R. Cavazos #7741",
# "interpreter Graciela (#3318)", "Widlene Pierre-Louis (4406)" in an interpreter's row) and a pharmacy's store number
# ("Walgreens #04418", "H-E-B Pharmacy #0512")
_BADGED_CUES = frozenset({"officer", "ofc", "deputy", "trooper", "sgt", "sergeant", "detective", "det", "interpreter", "interp"})
_BADGED = re.compile(
    r"(?i:(?:officer|ofc|deputy|trooper|sgt|sergeant|detective|det|interpreter|interp))\b\.?"
    r"(?:[ \t,]+\(?(?:[A-Z][\w'’.-]*|via|in|by|video|phone|person|\w+:)){0,5}?"
    r"[ \t,]*\(?#[ \t]*([A-Z]{0,4}-?\d{2,6})(?![\w-])"
)
_ISBT_UNIT = re.compile(r"(?<![\w-])[A-Z]\d{4}[ \t]?\d{2}[ \t]?\d{6}(?:[ \t][A-Z0-9])?(?![\w-])")
_STORE_BEFORE = re.compile(
    r"\b(?:walgreens|cvs|rite[ -]aid|walmart|wal-mart|h-e-b|heb|kroger|publix|safeway|costco|meijer|hy-vee|"
    r"giant eagle|pharmacy|store)(?:[ \t]+pharmacy)?[ \t]*$"
)
_STORE_NUMBER = re.compile(r"#[ \t]*(\d{3,6})(?![\w-])")

_CARD_RX = re.compile(r"\d{4}([- ])\d{4}\1\d{4}\1\d{4}(?![\w-])")
_TIME_RANGE = re.compile(r"[0-2]\d[0-5]\d-[0-2]\d[0-5]\d")
_SIG_LEFT = re.compile(r"(?:m\.?d\.?|r\.?n\.?|n\.?p\.?|p\.?a\.?(?:-?c)?|d\.?o\.?|ph\.?d\.?|mbbs|dds)[ \t]*,?[ \t]*#?$")
_RUN4 = on_skeleton(r"\d{4,}")
# a provider's code after the credential that ends a signature line: "BRANIGAN , MAUREEN , M.D. PJ84" (the layout of
# dictated discharge summaries)
_SIGNATURE_CODE = re.compile(r"(?m),[ \t]*(?:M\.D\.|MD\b|D\.O\.)[ \t]+([A-Z]{2,3}\d{1,4})[ \t]*$")
# a user name in an export's audit line ("printed … by jhalvorsen", "entered by dmelo", "by user vmartinez2",
# "Registered by: tmcgrath", "login: d.kowalski"): a lowercase login after "by" or a user/login key. Judged by
# ``_is_login``: an initial or two and a surname, or after a user key letters and digits
_USERNAME = re.compile(r"(?i:\b(by|user(?:[ _]?(?:name|id))?|login|operator)\b)[ \t]*[:#]?[ \t]*(?i:user[ \t]+)?"
                       r"([a-z]{1,2}\.?[a-z]{0,18}(\d{0,4}))(?![\w@.'-])")
# where a _USERNAME match may start (its own \b rejects a word inside another, "baby"): tried only there, since a regex
# that starts with \b is tried at every offset (``_finditer_at_hints``)
_USERNAME_HINT = re.compile(r"by|user|login|operator")


def _is_login(key: str, login: str, digits: str) -> bool:
    """A login, not a word: after a user key, letters and digits ("user: ty02"); else an initial or two before a
    surname ("jhalvorsen", "d.kowalski", "vmartinez2") that is no English or clinical word and no name by itself
    ("by mouth", "by sparks", "by cautery", "by gomez")."""
    letters = login[: len(login) - len(digits)].replace(".", "")
    if digits and key.lower() != "by":
        return len(letters) >= 2
    if (lex.word_frequency(letters) >= 1.5 or letters in lex.clinical_words() or letters in lex.clinical_abbreviations()
            or letters in lex.drug_names() or letters in lex.first_names() or letters in lex.last_names()):
        return False
    return any(letters[k:] in lex.last_names() and len(letters) - k >= 3 for k in (1, 2))


_TOKEN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
_DIGITS_BAD_BEFORE = frozenset(".,/$#+-_")
_CODE_BAD_BEFORE = frozenset("./-_")
_ISO_DATETIME = re.compile(r"(?:19|20)\d\d-[01]\d-[0-3]\dT[0-2]\d(?:[0-5]\d){0,2}", re.I)
_DIGIT_GROUPS = re.compile(r"\d+(?:-\d+)*")
KEYS: dict[str, str] = {k: "cue" for k in _CUE_KEYS}
# the cue words of the plate and badge passes, found by the same pass (those that are also "cue" keys keep that kind)
KEYS.update({k: "word" for k in _PLATE_CUES | _BADGED_CUES if k not in KEYS})
_hits = CueIndex(KEYS).hits


def _label_for(m: re.Match[str]) -> tuple[Label, str]:
    """The label and the group name of the cue that matched."""
    for i, (_, label, _) in enumerate(_CUES):
        if m.group(f"c{i}") is not None:
            return label, f"c{i}"
    raise AssertionError("no cue group matched")


class IdentifierDetector:
    """SSN, record, account, plan, licence, device, vehicle and other identifier numbers."""

    name = "pattern_id"

    def detect(self, doc: Document) -> list[Span]:
        return self.find(doc.text, lower_text(doc.text))

    def find(self, text: str, low: str, hits: list[Hit] | None = None) -> list[Span]:
        """Spans in ``text`` given its same-length lowercase form ``low`` (and the cue-word ``hits``)."""
        out: list[Span] = []
        hits = _hits(low, hits)
        self._cued(text, low, hits, out)
        self._tokens(text, low, out)
        if "xx" in low or "**" in text:
            out.extend(Span(m.start(2), m.end(2), Label.SSN, 0.9, "pattern:ssn_masked") for m in _MASKED_SSN.finditer(text))
        out.extend(Span(m.start(), m.end(), Label.HEALTH_PLAN, 0.9 if "-" in m.group() else 0.8, "pattern:medicare_mbi")
                   for m in _MBI.finditer(text))
        if "last" in low:
            out.extend(Span(m.start(1), m.end(1), Label.SSN, 0.9, "pattern:ssn_last4") for m in _SSN_LAST4.finditer(text))
        if "plate" in low:
            out.extend(Span(m.start(1), m.end(1), Label.VEHICLE_ID, 0.85, "pattern:vehicle_id_cue") for m in _PLATE.finditer(text))
        if "tail n" in low or "tail #" in low or "tail:" in low or "aircraft" in low or "helicopter" in low or "airplane" in low:
            # ("details", "retail": a plain "tail" is too common)
            out.extend(Span(m.start(1), m.end(1), Label.VEHICLE_ID, 0.85, "pattern:aircraft_tail") for m in _TAIL_NUMBER.finditer(text))
        for i, _kind, key in hits:
            e = i + len(key)
            if (i > 0 and low[i - 1].isalnum()) or (e < len(low) and low[e].isalnum()):
                continue  # whole words only
            if key in _PLATE_CUES:  # a plate after a state's code and its cue ("AL tag 2AB 4471")
                m = _STATE_PLATE.match(text, max(0, i - 3))
                if m is None and i >= 3:
                    m = _STATE_PLATE.match(text, i)
                if m is not None:
                    st, v = ("st", "v") if m.group("st") else ("st2", "v2")
                    if m.group(st) in lex.us_state_codes():
                        out.append(Span(m.start(v), m.end(v), Label.VEHICLE_ID, 0.85, "pattern:vehicle_plate_state"))
            elif key in _BADGED_CUES and (m := _BADGED.match(text, i)) is not None:
                # "OFC. D. KRAWCZYK #318", "interpreter (Selamawit, #2231)"
                out.append(Span(m.start(1), m.end(1), Label.ID, 0.8, "pattern:id_badged"))
        k = text.find("#")
        while k >= 0:  # a pharmacy's store number: "Walgreens #04418"
            if (m := _STORE_NUMBER.match(text, k)) is not None and _STORE_BEFORE.search(low, max(0, k - 24), k):
                out.append(Span(m.start(1), m.end(1), Label.ID, 0.8, "pattern:store_number"))
            k = text.find("#", k + 1)
        if "unit" in low and ("prbc" in low or "blood" in low or "transfus" in low or "ffp" in low or "platelet" in low):
            # a blood unit's donation number (ISBT 128): "unit # W0361 24 558812 Q"
            out.extend(Span(m.start(), m.end(), Label.ID, 0.85, "pattern:isbt_unit") for m in _ISBT_UNIT.finditer(text))
        if "badge" in low:  # "(badge 314)": a police or staff badge of three digits, too short for the general cue
            out.extend(Span(m.start(1), m.end(1), Label.ID, 0.8, "pattern:badge") for m in _BADGE.finditer(text))
        if "A#" in text:
            out.extend(Span(m.start(1), m.end(1), Label.ID, 0.9, "pattern:id_cue") for m in _A_NUMBER.finditer(text))
        if "by" in low or "user" in low or "login" in low or "operator" in low:
            hints = _words_for_gates(text, low)  # (None where re.I reads letters as others: every offset then)
            out.extend(Span(m.start(2), m.end(2), Label.PROVIDER, 0.9, "pattern:username") for m in _finditer_at_hints(_USERNAME, text, hints, _USERNAME_HINT)
                       if _is_login(m.group(1), m.group(2), m.group(3)))
        if "M.D." in text or "MD" in text:
            out.extend(Span(m.start(1), m.end(1), Label.ID, 0.8, "pattern:id_signature") for m in _SIGNATURE_CODE.finditer(text))
        return out

    @staticmethod
    def _grouped(text: str, ts: int, out: list[Span]) -> None:
        """SSNs ("123-45-6789", "123 45 6789") and card numbers in groups, seen from their last 4 digits."""
        for back in (7, 15):
            s = ts - back
            if s < 0:
                continue
            if back == 7:
                m = _SSN_RX.match(text, s)
            else:
                m = _CARD_RX.match(text, s)
            if m is None or m.end() != ts + 4 or (s > 0 and (text[s - 1].isalnum() or text[s - 1] in "-_")):
                continue
            if back == 7:
                if ssn_valid(m.group(1), m.group(3), m.group(4)):
                    score = 0.95 if m.group(2) == "-" else 0.75
                    out.append(Span(s, m.end(), Label.SSN, score, "pattern:ssn"))
                else:
                    out.append(Span(s, m.end(), Label.ID, 0.6, "pattern:id_digits"))
            else:
                digits = re.sub(r"\D", "", m.group())
                if digits[0] in "3456" and luhn_valid(digits):
                    out.append(Span(s, m.end(), Label.ACCOUNT, 0.9, "pattern:credit_card"))

    @staticmethod
    def _tokens(text: str, low: str, out: list[Span]) -> None:
        """Every token holding a run of 4+ digits: long numbers, codes, DEA, VIN, card and signature numbers."""
        n = len(text)
        last_end = -1
        for h in _RUN4.finditer(digit_skeleton(text)):
            if h.start() < last_end:
                continue
            ts, te = h.start(), h.end()
            if te - ts <= 6 and (ts == 0 or text[ts - 1] not in _TOKEN_CHARS) and (te == n or text[te] not in _TOKEN_CHARS):
                # fast path: a bare 4-6 digit number ("0400", "2000", "12345") is an ID only after a signature,
                # or the last group of a spaced SSN / card number
                last_end = te
                if te - ts == 4 and ts >= 7 and text[ts - 1] == " ":
                    IdentifierDetector._grouped(text, ts, out)
                if ts > 2 and text[ts - 1] in " \t#,." and low[ts - 2] in "dnaocs.# ,":
                    sig = _SIG_LEFT.search(low, max(0, ts - 12), ts)
                    if sig is not None and (sig.start() == 0 or not low[sig.start() - 1].isalnum()):
                        if not _UNIT_AFTER.match(text, te) and not (te + 1 < n and text[te] in ".," and text[te + 1].isdigit()):
                            out.append(Span(ts, te, Label.ID, 0.8, "pattern:id_signature"))
                continue
            while ts > 0 and text[ts - 1] in _TOKEN_CHARS and h.start() - ts < 25:
                ts -= 1
            te = h.end()
            while te < n and text[te] in _TOKEN_CHARS and te - ts < 40:
                te += 1
            last_end = te
            while ts < te and text[ts] == "-":
                ts += 1
            while te > ts and text[te - 1] == "-":
                te -= 1
            g = text[ts:te]
            before = text[ts - 1] if ts > 0 else " "
            if te - 4 >= 7 and text[te - 5] in "- " and text[te - 4 : te].isdigit():
                IdentifierDetector._grouped(text, te - 4, out)
            if before.isalnum() or before == "_" or (te < n and (text[te] == "_" or text[te].isalnum())):
                continue  # a token longer than the limits: not an identifier shape we know
            decimal_after = te + 1 < n and text[te] in ".," and text[te + 1].isdigit()
            if _DIGIT_GROUPS.fullmatch(g):
                ndig = len(g) - g.count("-")
                if 4 <= ndig <= 8 and "-" not in g and _SIG_LEFT.search(low, max(0, ts - 12), ts):
                    sig = _SIG_LEFT.search(low, max(0, ts - 12), ts)
                    if sig.start() == 0 or not low[sig.start() - 1].isalnum():
                        if not _UNIT_AFTER.match(text, te):
                            # "Kiara Bradford M.D. 740480": a provider number after a signature
                            out.append(Span(ts, te, Label.ID, 0.8, "pattern:id_signature"))
                            continue
                # a "#" right before is a number's sign ("#12345678" of a list), unless the "#" stands alone after a
                # column gap or a bracket: "Pt: Villanueva-Ortiz, Teresa   #2209-48-17"
                hash_alone = before == "#" and ts >= 3 and (text[ts - 3 : ts - 1] in ("  ", " \t") or text[ts - 2] in "\t(\n")
                if ndig < 7 or (before in _DIGITS_BAD_BEFORE and not hash_alone) or decimal_after or _UNIT_AFTER.match(text, te):
                    continue
                if "-" in g and ndig == 10 and g.count("-") == 2:
                    continue  # phone-shaped: the contact detector decides
                if _TIME_RANGE.fullmatch(g):
                    out.append(Span(ts, te, Label.ID, 0.0, "pattern:veto"))  # "1900-0730": a shift, for a second pass too
                    continue
                parts = g.split("-")
                if len(parts) == 2 and all(len(p) <= 4 for p in parts):
                    lo, hi = int(parts[0]), int(parts[1])
                    if (lo % 10 == 0 and hi % 10 == 0) or 0 < hi - lo <= 2 * lo:
                        continue  # "SVR 900-1100", "1000-1500": a range of values
                if "-" not in g and 13 <= ndig <= 19 and g[0] in "3456" and luhn_valid(g):
                    out.append(Span(ts, te, Label.ACCOUNT, 0.9, "pattern:credit_card"))
                out.append(Span(ts, te, Label.ID, 0.6, "pattern:id_digits"))
                continue
            if before in _CODE_BAD_BEFORE or decimal_after:
                continue
            if len(g) == 9 and dea_valid(g):
                out.append(Span(ts, te, Label.LICENSE, 0.9, "pattern:dea"))
            if len(g) == 17 and vin_valid(g):
                out.append(Span(ts, te, Label.VEHICLE_ID, 0.9, "pattern:vin"))
            if not 6 <= len(g) <= 25 or sum(c.isdigit() for c in g) < 5 or _UNIT_AFTER.match(text, te):
                continue
            if _ISO_DATETIME.fullmatch(g):
                continue  # "2011-09-07T08": a date and an hour, the date detector's
            if _OBSTETRIC.fullmatch(g):
                continue  # "G3P2002", "G7P6-0-0-6": gravidity and parity (term, preterm, abortions, living)
            tail = re.fullmatch(r"\d+([a-zA-Z]+)", g)
            if tail and (tail.group(1).lower() in _UNIT_WORDS or len(tail.group(1)) > 4):
                continue  # "100000units", "250000IU"
            out.append(Span(ts, te, Label.ID, 0.55, "pattern:id_code"))

    @staticmethod
    def _cued(text: str, low: str, hits: list[Hit], out: list[Span]) -> None:
        tried: set[int] = set()
        for s, kind, _key in hits:
            if kind != "cue" or s in tried or (s > 0 and (low[s - 1].isalnum() or low[s - 1] == "_")):
                continue
            tried.add(s)
            m = _CUE_RX.match(low, s)
            if m is None:
                continue
            label, group = _label_for(m)
            cue = m.group(group)
            val = m.group("val")
            vs = m.start("val")
            if val.startswith("#"):
                val, vs = val[1:], vs + 1
            digits = sum(c.isdigit() for c in val)
            weak = _WEAK_VALUE_CUES.match(cue) is not None
            if _DATE_OR_TIME_VALUE.match(val) and _could_be_date_or_time(val):
                if weak or digits < 4:
                    continue
            if digits < (3 if weak else 2) or len(val) < (4 if weak else 3):
                continue
            if weak and _UNIT_AFTER.match(text, m.end("val")):
                continue
            if "\n" in text[m.end(group) : vs]:
                continue
            if "(" in m.group("fill").replace("(01)", "") and not text.startswith(")", m.end("val")):
                continue  # "specimen (S23-0412)": a value in brackets is the whole bracket
            pre = m.group("pre")
            if pre is not None and (not text[vs : vs + len(pre)].isupper() or pre.strip() in _UNIT_WORDS):
                continue  # "Chart # NSG 77182": a prefix of capitals, not a word or a unit
            if cue == "sn" and (text[s : s + 2] != "SN" or digits < (4 if re.search("[a-z]", val) else 6)):
                continue  # a bare "SN" (no colon) only in capitals, before a serial ("SN 1200 ms" is a sinus node)
            src = f"pattern:{label.lower()}_cue"
            out.append(Span(vs, vs + len(val), label, 0.97 if not weak else 0.9, src))

