"""ICU nursing progress notes in the terse shorthand of MIMIC-II style nursing notes (original text)."""

from __future__ import annotations

import random

try:
    from .synth_core import (
        NEG_SENTENCES_NURSING,
        Builder,
        N,
        P,
        Record,
        choose,
        fmt_time,
        negative,
        writer_habits,
    )
except ImportError:  # pragma: no cover
    from synth_core import (  # type: ignore[no-redef]
        NEG_SENTENCES_NURSING,
        Builder,
        N,
        P,
        Record,
        choose,
        fmt_time,
        negative,
        writer_habits,
    )

HEADERS = ("NPN 7a-7p", "NPN 7p-7a", "Nursing Progress Note 7a-7p", "MICU NPN 0700-1900", "CCU Nursing Progress Note",
           "NSG NOTE", "SICU NPN", "Nursing note 1900-0700", "Neuro ICU nursing note", "T/SICU nursing progress note 7a-3p",
           "MICU Nursing Progress Note 3p-11p", "CVICU NPN", "Nursing Progress Note:", "NPN:", "Nursing Addendum",
           "RN note 1900-0730", "ICU RN progress note", "")

SUMMARY = (
    "{age} {sx} admitted {date} from {hosp_prior} with {dx}.",
    "{pt} is a {age} {sx} admitted {date} w/ {dx}.",
    "{pt}, {age} {sx}, transferred from {hosp_prior} {date} w/ {dx}.",
    "pt is a {age} {sx} transferred from {hosp_prior} on {date} s/p {proc}.",
    "{age} {sx} w/ hx of {pmh} admitted w/ {dx}, see FHP for details.",
    "Pt is {age} {sx} who presented to {hosp_this} ED on {date} c/o {cc}.",
    "{age} {sx} s/p fall at home {date}, found down by {fam}, brought in by EMS.",
    "{age} {sx} found down at {place} {date}, brought in by EMS.",
    "{age} {sx} collapsed at {place} on {date}, bystander CPR by {person}, ROSC in field.",
    "{age} {sx} with {pmh}, here with {dx}. Transferred from {hosp_prior} for further mgmt.",
    "Pt {age} {sx} POD #{n1} s/p {proc}.",
    "{age} {sx} admitted from {rehab} with {dx}, hx {pmh}.",
    "Briefly, {age} {sx} hx {pmh} who was sent in from {hosp_prior} on {date} after {cc} at home.",
    "{age}{sx} pmh {pmh} p/w {cc} x{n1} days, dx'd w/ {dx}.",
    "{age} {sx}, FULL CODE, admitted {date} for {dx}. PMH: {pmh}.",
    "{age} {sx} w/ {dx}, initially seen at {hosp_prior} {date}, med flighted here.",
    "{age} {sx} w/ {pmh}, brought in by {fam} after {cc}, admitted {date}.",
    "{age} {sx} from {rehab}, sent in {date} for {dx}.",
    "Pt is {age} {sx} hx {pmh}, xfer from {hosp_prior} {date} w/ {dx}, s/p {proc} there.",
    "{age} {sx} admitted to {hosp_this} MICU on {date} w/ {dx}.",
    "{age} {sx} transferred from {ward} on {date} w/ worsening {dx}.",
    "{age} {sx} known to this unit, readmitted {date} from {rehab} with {dx}.",
    "{age} {sx} s/p {proc} on {date} at {hosp_prior}, transferred for higher level of care.",
    "{age} {sx}, {fam} found pt confused at home {date}, hx {pmh}.",
    "{age} {sx} w/ {dx} now s/p {proc} {date}, pmh {pmh}.",
    "{age} {sx} seen in {hosp_this} ED {date} for {cc}, admitted to unit for {dx}.",
)

NEURO = (
    "A&O x3, MAE, follows commands.",
    "alert, oriented x{ox}, pleasant and cooperative. PERRL {n3}mm brisk.",
    "lethargic but arousable to voice, oriented to self only, {ng_neuro}.",
    "sedated on propofol @ {n20}mcg/kg/min, RASS -{n3}, opens eyes to stim.",
    "pt c/o HA, medicated w/ tylenol 650mg PO w/ good effect.",
    "MAE {str}, grips equal, {ng_neuro}.",
    "intermittently confused overnight, pulling at lines, reoriented frequently, 1:1 sitter at bedside.",
    "CIWA scores {n3}-{n10}, ativan {n3}mg IV x{n3} w/ effect.",
    "neuro checks q{n3}h unchanged, pupils equal and reactive.",
    "pt restless and agitated at {time}, haldol {n3}mg IV given, now calm.",
    "no seizure activity noted, on keppra, {ng_neuro}.",
    "follows simple commands inconsistently, nods appropriately, {str} bilat.",
    "pain {pain}, dilaudid {n3}mg IV q{n3}h prn w/ relief.",
    "A+O x{ox}, anxious at times, ativan prn.",
    "{fam} at bedside, pt calmer w/ family present.",
    "dr {dr_last} notified of new L sided weakness at {time}, CT head ordered.",
    "ativan given for agitation per {dr}, {ng_neuro}.",
)

CV = (
    "HR {hr}, BP {bp}.",
    "HR {hr}, heart sounds {ng_heart}, BP {bp}.",
    "{ng_heart}, no rub, HR {hr}.",
    "HR {hr} w/ occ PVCs, SBP {sbp}, MAPs >{n60}.",
    "NSR 80s-90s, no ectopy noted. BP {bp}. K {lyte} repleted w/ {n20} meq KCl.",
    "afib w/ rate 100s-120s, dilt gtt @ {n10}mg/hr, now rate controlled.",
    "hypotensive to {sbp} at {time}, {n1}L NS bolus given w/ good response, SBP>{n90}.",
    "levophed weaned off at {time}, MAP >{n60} since. {ng_cv}.",
    "pulses palpable x4, {edema} edema BLE.",
    "skin warm and dry, cap refill <3 sec. {ng_cv}.",
    "HR {hr} NSR, BP {bp}, {ng_ratio}.",
    "CVP {n10}-{n20}, PA line d/c'd, {ng_cv}.",
    "tele: SR w/ 1st degree AVB, HR {hr}. BP stable {bp}.",
    "Lopressor {n20}mg PO given, HR down to 70s. {ng_ratio}.",
    "troponin {lab} trending down, no c/o CP.",
    "heparin gtt @ {n1000}u/hr, PTT {n60} at {time}, next due at {time}.",
    "SBP {sbp} overnight, MAPs 55-60, {dr} aware.",
    "BP {bp}, HR {hr}, {ng_cv}.",
    "{ng_cv}, CVP {n10}, lytes repleted per {dr}.",
)

RESP = (
    "LS clear bilat, sats {sat} on {o2}.",
    "LS coarse, diminished at bases, sats {sat} on {o2}. Sx'd for mod amts thick tan sputum.",
    "remains on CPAP/PS {n10}/{n3}, FiO2 {fio2}, RR 16-20s, sats {sat}.",
    "vent settings AC {n500}x{n20} PEEP {peep} FiO2 {fio2}. ABG {abg}.",
    "weaned to {o2}, sats {sat}, RR teens-20s. IS encouraged.",
    "extubated at {time} to {o2}, tolerating well. ABG {abg}.",
    "sx'd q2-3h for sm amts {ng_sputum}.",
    "ETT {n20}cm at lip, sx'd for copious secretions, {ng_sputum}.",
    "RR 20s, slightly labored w/ exertion, nebs given by RT. sats {sat}.",
    "pt on BiPAP overnight, off this am to {o2}. sats {sat}.",
    "CXR this am shows ? RLL infiltrate, {dr} aware.",
    "trach in place, trach mask {fio2}, sats {sat}. trach care done.",
    "LS w/ crackles at bases, lasix {n20}mg IV given, sats {sat} on {o2}.",
    "ABG {abg} at {time}, vent changes made per {dr}.",
    "{dr} aware of increased O2 requirement, CXR ordered.",
    "RT {staff} in, nebs given, sats {sat}.",
)

GIGU = (
    "abd soft, NT/ND, +BS. tol {diet}. {ng_stool}.",
    "TF at goal {n60}cc/hr via OGT, residuals <{n60}cc. {ng_stool}.",
    "NPO after MN for procedure in am. BS hypoactive.",
    "{foley} draining clear yellow urine, UO {uo}.",
    "UO {uo}, lasix {n20}mg IV given w/ good response. {ng_urine}.",
    "IVF 1/2 NS @ {n60}cc/hr. Cr {lab} down from yesterday.",
    "voiding qs via urinal, no BM this shift.",
    "pt c/o nausea, zofran {n3}mg IV given w/ relief. tolerating clears.",
    "{foley} d/c'd at {time}, pt due to void by {time}.",
    "guaiac positive {ng_stool}, {dr} aware, HCT {lab}.",
    "FS {n100}-{n200}s covered per SSI. {ng_urine}.",
    "abd distended, firm, hypoactive BS. KUB done, ? ileus.",
    "rectal tube in place draining liquid {ng_stool}.",
    "given 2/3 of dose of kayexalate, pt refused rest. {ng_urine}.",
    "{dr} aware of low UO, {n1}L NS bolus given. {ng_urine}.",
    "tolerating {diet}, appetite poor, {fam} bringing food from home.",
    "abd softly distended, +flatus, {ng_stool} x{n3} this shift.",
    "K {lyte}, Mg 1.{n3} repleted per {dr}.",
)

ID = (
    "tmax {temp}, WBC {lab}. on vanco/zosyn.",
    "afebrile, tmax {temp}. abx: levofloxacin {abx_day}.",
    "spiked to {temp} at {time}, pan cultured, tylenol given.",
    "cx's pending. cont on cefepime, vanco level due {time}.",
    "MRSA swab +, on contact precautions.",
    "temp {temp}, blood cx from {date} NGTD.",
    "r/o C diff, stool sent, on enteric precautions.",
    "cx from {date} grew GNRs, abx changed per {dr}.",
    "afebrile since {date}, WBC trending down.",
    "tmax {temp}, f/u cx from {date}.",
)

SKIN = (
    "skin intact, turned q2h.",
    "stage II decub on coccyx, duoderm intact. Braden score {n10}.",
    "R IJ TLC site c/d/i, dsg changed. PIV x2 patent.",
    "incision c/d/i, staples intact, no drainage.",
    "sacrum reddened but blanchable, pt on air bed. {ng_skin}.",
    "{ng_skin}, wound care consult placed.",
    "multiple ecchymoses BUE, skin otherwise intact.",
)

ENDO = (
    "FS {n100}-{n200}, covered w/ RISS.",
    "insulin gtt @ {n3}u/hr per DKA protocol, AG closed.",
    "BS well controlled on lantus {n20}u qhs.",
)

ACTIVITY = (
    "OOB to chair w/ assist x2 for {n1} hrs, tolerated well.",
    "seen by {staff} today, ambulated {n20} ft w/ walker.",
    "bedrest, repositioned q2h, {ng_act}.",
    "up in chair most of afternoon, PT eval done by {staff}.",
    "high fall risk, bed alarm on, {ng_act}.",
)

SOCIAL = (
    "{fam} in to visit this afternoon, updated on plan of care.",
    "{fam} called x{n3} overnight, updated by RN.",
    "{fam} called, plans to visit tomorrow.",
    "HCP is {fam}, cell {phone}.",
    "{fam} is HCP, #{phone}.",
    "lives in {city} w/ {fam}.",
    "pt lives alone in {city}, {fam} checks in daily.",
    "family meeting w/ {dr} and {fam} at {time}, pt made DNR/DNI.",
    "{fam} very anxious, requesting call from MD; {dr} aware and will call.",
    "emotional support given to {fam} at bedside.",
    "pt originally from {country}, speaks little English, {fam} translating.",
    "retired, used to work at {employer}. {fam} visiting daily.",
    "plan to go to {rehab} rehab when medically stable.",
    "no family in overnight. {fam} called at {time}, updated.",
    "{fam} would like to be called w/ any changes at {phone}.",
    "{fam} and {fam} at bedside most of day, very supportive.",
    "pt's {rel_fam} called from {city}, wants update from {dr}.",
    "{fam} (HCP) aware of plan, consents for procedure signed.",
    "{fam} wants pt transferred to {hosp_prior} closer to home, {dr} aware.",
    "SW {staff} following for dispo, {fam} touring {rehab}.",
    "{fam} visited {date} and again today, asking appropriate questions.",
    "wife's cell {phone}, home {phone}.",
    "{fam} called from {city}, will be in {date}.",
    "pt emigrated from {country} yrs ago, {fam} speaks English.",
    "pt works at {employer}, {fam} called pt's boss.",
    "{fam} asking about transfer to {hosp_prior}.",
    "{rel_fam} in from {city}, updated at bedside.",
    "SW {staff} met w/ {fam} re: housing.",
    "visitor {person} came by, states she is a neighbor; pt did not want visitors, security aware.",
    "pt's roommate {person} called asking for update, no info given per HIPAA.",
    "{person} from pt's church visiting, {fam} aware.",
    "Portuguese speaking, from {country}; interpreter {staff} used for update.",
    "{fam} requests all info go through HCP {fam}.",
    "{fam} works nights at {employer}, will call after 2200.",
)

PLAN = (
    "cont to monitor resp status, wean vent as tol.",
    "f/u am labs, replete lytes prn.",
    "dispo: screening for {rehab}.",
    "? transfer back to {hosp_prior} in am.",
    "{dr} to speak w/ family {date}.",
    "cont current plan, support pt and family.",
    "? CT head in am, {dr} aware.",
    "monitor UO, lasix prn, f/u K at {time}.",
    "plan for IR guided drainage {date}, NPO after MN.",
    "call out to floor when bed available. {dr} aware.",
    "call out to {ward} when bed available.",
    "? transfer to {ward} in am if stable overnight.",
    "covering NP {staff} aware, pager {pager}.",
    "{dr} (pager #{pager}) to be called w/ am labs.",
    "cont abx, f/u cx, {ng_plan}.",
    "PT/OT following, d/c planning w/ {staff}.",
    "await {dr}'s recs re: anticoagulation.",
    "likely transfer back to {hosp_prior} once stable.",
    "{ng_plan}, cont to follow.",
    "d/c planning w/ case mgr {staff}, {rehab} has accepted.",
    "? dispo to {rehab} vs home w/ {fam}.",
)

EVENTS = (
    "pt transferred from {hosp_prior} at {time}, settled in, {dr} at bedside.",
    "pt transferred from {ward} at {time} for increasing O2 requirement.",
    "pt came up from {ward} at {time}, report received from {staff}.",
    "R IJ placed by {dr} at {time}, CXR confirmed placement.",
    "rapid response called at {time} for desat to 80s, {dr} notified.",
    "CT abd done {date} at {time}, results pending.",
    "pt self d/c'd NGT at {time}, replaced by {staff}.",
    "code status discussed w/ {fam}, remains full code.",
    "dr {dr_last} notified re: {sbp} SBP at {time}.",
    "seen by {staff} re: swallow eval, pt failed, NPO for now.",
    "echo done {date}, EF {n20}%.",
    "pt to IR at {time} for PICC placement, returned at {time} w/o incident.",
    "{dr_last} notified of {sbp} SBP, {n1}L bolus ordered.",
    "{fam} at bedside when pt became agitated at {time}, {dr} in to eval.",
    "pt arrived from {hosp_prior} via med flight at {time}.",
    "SBP dropped to {sbp} at {time}, dr {dr_last} aware, neo started.",
    "family mtg held w/ {fam}, {dr} and SW {staff} at {time}.",
    "{staff} placed new PIV at {time} after 2 failed attempts.",
)

SECTIONS = (
    (("Neuro:", "NEURO:", "Neuro-", "neuro/", "Neuro -", "N:", "Neuro/pain:"), NEURO),
    (("CV:", "C/V:", "Cardiac:", "CV-", "CVS:", "CV -"), CV),
    (("Resp:", "RESP:", "Resp-", "Pulm:", "Resp -", "R:"), RESP),
    (("GI/GU:", "GI/GU-", "GI:", "GU:", "GI/GU -", "Renal/GU:"), GIGU),
    (("ID:", "ID-", "Id:", "ID -"), ID),
    (("Skin:", "Integ:", "Skin-", "Skin/wounds:"), SKIN),
    (("Endo:", "Endocrine:", "Endo-"), ENDO),
    (("Activity:", "Act:", "Mobility:"), ACTIVITY),
    (("Social:", "Soc:", "Family:", "Psychosocial:", "Social-", "Dispo/social:"), SOCIAL),
    (("Plan:", "A/P:", "Assessment/Plan:", "PLAN-", "Plan -", "P:"), PLAN),
)

DX = ("urosepsis", "CHF exacerbation", "UGIB", "hypoxic resp failure", "RLL pna", "DKA", "ETOH withdrawal", "SAH",
      "NSTEMI", "COPD flare", "SBO", "gallstone pancreatitis", "hypotension", "AMS", "PE", "cellulitis", "ARF", "CVA")
PMH = ("CAD, HTN, DM2", "COPD on home O2", "ESRD on HD MWF", "afib on coumadin", "Parkinson's disease", "CHF (EF 25%)",
       "ETOH cirrhosis", "Alzheimer's dementia", "Crohn's disease", "Hodgkin lymphoma in remission", "HTN, hyperlipidemia",
       "s/p CABG", "Guillain-Barre in 90s", "Graves' disease", "DM, PVD, CRI")
PROC = ("CABG x3", "ex-lap", "AVR", "Whipple procedure", "R hip ORIF", "cath w/ stent to LAD", "lap chole", "AAA repair",
        "Nissen fundoplication", "craniotomy", "VATS", "Bankart repair")
CC = ("SOB", "CP", "fever and chills", "BRBPR", "abd pain", "weakness", "syncope", "confusion", "N/V", "fall")
NG = {
    "neuro": ("negative Babinski", "Babinski downgoing", "Glasgow coma scale 14", "GCS 15", "Hoffmann's sign neg",
              "Romberg not tested", "Parkinsonian tremor at baseline", "Huntington's chorea at baseline", "no Brudzinski's sign"),
    "cv": ("Swan-Ganz removed", "Swan-Ganz catheter in place", "Doppler pulses DP/PT", "Homan's sign neg",
           "Trendelenburg for line placement", "Allen test positive L radial"),
    "sputum": ("green sputum", "white thick secretions", "yellow secretions", "tan secretions", "frank blood in sputum"),
    "stool": ("brown stool", "brown stools", "black tarry stool", "green liquid stool", "guaiac neg brown stool"),
    "urine": ("amber urine", "clear yellow urine", "foley in place", "Foley catheter draining well"),
    "skin": ("Braden score 12", "white blanchable area on heel", "Morse fall scale 55", "black eschar on L heel"),
    "act": ("fall risk", "at risk for fall", "may need PT eval", "will need walker", "Morse fall scale 60"),
    "plan": ("may need PICC", "will need rehab", "hope to wean tomorrow", "mark I/O", "will march on with plan",
             "may d/c foley in am"),
}
FOLEY = ("Foley", "foley", "Foley catheter", "foley cath")


def _sx(rng: random.Random, rec: Record) -> str:
    return rng.choice({"M": ("M", "M", "male", "man", "yo M"), "F": ("F", "F", "female", "woman", "yo F")}[rec.patient.sex][:4])


def nursing_slots(rec: Record) -> dict:
    rng = rec.rng

    def rel_fam():
        r = rec.relative()
        return [r.role + " ", rec.rel_name(r)]

    slots = {
        "age": lambda: rec.age_items(("yo", "y/o", "yr old", "yo", "y.o.")),
        "pt": lambda: rec.pt_name("any"),
        "sx": lambda: _sx(rng, rec),
        "date": lambda: rec.date_items(rng.randint(-6, 3), rng.choice(["short", "short", "short", "any"])),
        "hosp_prior": lambda: rec.hosp("prior"),
        "hosp_this": lambda: rec.hosp("this"),
        "rehab": lambda: rec.hosp("rehab"),
        "city": lambda: [P(rec.city, "CITY")],
        "country": lambda: [P(rec.country, "COUNTRY")],
        "employer": lambda: [P(rec.employer, "ORGANIZATION")],
        "place": lambda: [P(rec.places.place(), "LOCATION")],
        "ward": lambda: [P(rec.places.ward(), "HOSPITAL")],
        "person": lambda: (lambda p: [P(rng.choice([p.full, p.first]), "PERSON")])(rec.names.person()),
        "phone": lambda: [rec.phone()],
        "pager": lambda: [P(rng.choice([str(rng.randint(10000, 99999)), f"{rng.randint(1, 9)}-{rng.randint(1000, 9999)}"]), "PHONE")],
        "fam": rec.fam,
        "rel_fam": rel_fam,
        "dr": rec.dr,
        "dr_last": lambda: [P(rng.choice(rec.providers).last, "PROVIDER")],
        "staff": rec.staff,
        "time": lambda: fmt_time(rng),
        "dx": lambda: rng.choice(DX),
        "pmh": lambda: [N(v, "eponym") if "'" in v or "Hodgkin" in v or "Guillain" in v else v for v in [rng.choice(PMH)]],
        "proc": lambda: [N(v, "eponym") if v.split()[0] in ("Whipple", "Nissen", "Bankart") else v for v in [rng.choice(PROC)]],
        "cc": lambda: rng.choice(CC),
        "n1": lambda: str(rng.randint(1, 4)),
        "peep": lambda: rng.choice(["5", "5", "8", "10", "12"]),
        "ox": lambda: rng.choice(["3", "3", "2", "1", "3"]),
        "abx_day": lambda: (lambda n: ["day ", N(f"{rng.randint(1, n)}/{n}", "ratio")])(rng.choice([5, 7, 10, 14])),
        "n3": lambda: str(rng.randint(1, 5)),
        "n10": lambda: str(rng.randint(5, 15)),
        "n20": lambda: str(rng.randint(10, 40)),
        "n60": lambda: str(rng.choice([50, 60, 65, 70, 75, 80])),
        "n90": lambda: str(rng.choice([85, 90, 95, 100])),
        "n100": lambda: str(rng.randint(90, 160)),
        "n200": lambda: str(rng.randint(170, 260)),
        "n500": lambda: str(rng.choice([400, 450, 500, 550, 600])),
        "n1000": lambda: str(rng.choice([800, 900, 1000, 1100, 1200, 1400])),
        "hr": lambda: rng.choice(["80s-90s NSR", "70s SR", "100s-110s ST", "60s-70s", "90s-100s", "80's NSR", "110s AF"]),
        "bp": lambda: [N(rng.choice([f"{rng.randint(95, 120)}-{rng.randint(125, 160)}/{rng.choice(['50s', '60s', '70s', '80s'])}",
                                  f"{rng.randint(90, 160)}/{rng.randint(45, 95)}", f"{rng.randint(95, 130)}s/{rng.randint(5, 8)}0s"]), "ratio")],
        "sbp": lambda: rng.choice(["80s", "70s", "SBP 80s", str(rng.randint(70, 89)), "high 80s"]),
        "sat": lambda: rng.choice([f"{rng.randint(90, 96)}-{rng.randint(97, 100)}%", f"{rng.randint(92, 100)}%", "mid 90s",
                                   "high 90s", f"{rng.randint(88, 95)}-{rng.randint(96, 99)}"]),
        "o2": lambda: rng.choice([f"{rng.randint(2, 6)}L NC", "RA", "room air", f"{rng.choice([40, 50, 70])}% face tent",
                                  f"{rng.choice([35, 40, 50])}% cool neb", "NRB", "4L n/c"]),
        "fio2": lambda: rng.choice(["40%", "50%", ".40", "0.5", "35%", "60%"]),
        "abg": lambda: f"7.{rng.randint(25, 48)}/{rng.randint(30, 60)}/{rng.randint(60, 140)}",
        "temp": lambda: rng.choice([f"{rng.randint(98, 102)}.{rng.randint(0, 9)}", f"{rng.randint(37, 39)}.{rng.randint(0, 9)}C"]),
        "uo": lambda: rng.choice([f"{rng.randint(2, 5)}0-{rng.randint(6, 9)}0cc/hr", f"{rng.randint(20, 60)}cc/hr",
                                  "adequate", f">{rng.randint(3, 6)}0cc/hr", "qs"]),
        "lyte": lambda: f"{rng.randint(3, 4)}.{rng.randint(0, 9)}",
        "lab": lambda: f"{rng.randint(1, 30)}.{rng.randint(0, 9)}",
        "pain": lambda: [N(rng.choice(["4/10", "6/10", "8/10", "3/10", "0/10", "5-6/10"]), "ratio")],
        "str": lambda: (lambda v: [N(v, "ratio")] if "/" in v else v)(
            rng.choice(["5/5 strength", "4/5", "weak 3/5", "strong", "3/4 strength", "equal"])),
        "edema": lambda: rng.choice(["2+", "1+", "3+", "trace", "no"]),
        "diet": lambda: rng.choice(["clears", "full liquids", "cardiac diet", "ground solids w/ thin liquids", "TF"]),
        "foley": lambda: [N(rng.choice(FOLEY), "eponym")],
        "ng_ratio": lambda: [negative(rng, "ratio")],
        "ng_heart": lambda: [N(rng.choice(("S1S2", "S1S2 no S3S4", "S1S2S4", "s1s2 +s4", "S1 S2")), "code")],
    }
    for k, v in NG.items():
        slots["ng_" + k] = (lambda v=v, k=k: [N(rng.choice(v), "eponym" if k in ("neuro", "cv") else "word")])
    return slots


def nursing_note(rec: Record, b: Builder) -> None:
    """Write one nursing note into ``b``."""
    rng, split = rec.rng, rec.split
    slots = nursing_slots(rec)
    b.rewrite = writer_habits(rng)
    layout = rng.choice(["lines", "lines", "paragraph", "blank_lines"])
    sec_sep = {"lines": "\n", "paragraph": " ", "blank_lines": "\n\n"}[layout]
    sent_sep = rng.choice([". ", ", ", "; ", " ", ". "])
    head = rng.choice(HEADERS)
    if head:
        b.text(head + rng.choice(["\n", "\n", " " if head.endswith(":") else ": ", "\n\n"]))
    if rng.random() < 0.7:
        b.render(choose(rng, SUMMARY, split), slots)
        b.text(sec_sep)
    if rng.random() < 0.3:
        b.text(rng.choice(["Events: ", "Events overnight: ", "O: ", "EVENTS- "]))
        b.render(choose(rng, EVENTS, split), slots)
        b.text(sec_sep)
    sections = list(SECTIONS)
    keep = [s for s in sections if s[1] in (NEURO, CV, RESP, GIGU, SOCIAL, PLAN) or rng.random() < 0.55]
    if rng.random() < 0.2:  # some nurses chart in their own order
        body = keep[:-1]
        rng.shuffle(body)
        keep = body + keep[-1:]
    for headers, pool in keep:
        b.text(rng.choice(headers) + rng.choice([" ", "  ", " ", ""]))
        k = rng.choice([1, 1, 2, 2, 3]) if pool is not SOCIAL else rng.choice([1, 2, 2, 3])
        used: set[str] = set()
        for j in range(k):
            t = choose(rng, pool, split)
            if t in used:
                continue
            used.add(t)
            if j:
                b.text(sent_sep)
            b.render(t.rstrip("."), slots)
            if rng.random() < 0.12:
                b.text(sent_sep)
                b.render(choose(rng, NEG_SENTENCES_NURSING, split).rstrip("."), slots)
            if pool is EVENTS or (rng.random() < 0.15 and pool in (CV, RESP, PLAN)):
                b.text(sent_sep)
                b.render(choose(rng, EVENTS, split).rstrip("."), slots)
        b.text(("." if sent_sep == ". " or rng.random() < 0.3 else "") + sec_sep)
    if rng.random() < 0.5:
        b.text(rng.choice(["- ", "", "--", "\n"]))
        n = rng.choice(rec.nurses)
        ini = f"{n.first[0]}{n.last[0]}"
        b.items(rng.choice([
            [P(ini, "PROVIDER"), " RN"] if rec.own(ini) else [P(n.first, "PROVIDER"), " RN"],
            [P(f"{n.first[0]}. {n.last}", "PROVIDER"), ", RN"],
            [P(n.full, "PROVIDER"), " RN"],
            [P(n.first, "PROVIDER")],
        ]))
        b.text("\n")
