"""Discharge summaries, radiology and pathology reports, referral letters and XML exports (original text)."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape as _xml_escape

try:
    from .synth_core import (
        MON,
        NEG_SENTENCES_PROSE,
        Builder,
        N,
        P,
        Record,
        choose,
        digits,
        fmt_date,
        fmt_time,
        negative,
        partition,
        phone_number,
    )
    from .synth_nursing import nursing_note
except ImportError:  # pragma: no cover
    from synth_core import (  # type: ignore
        MON,
        NEG_SENTENCES_PROSE,
        Builder,
        N,
        P,
        Record,
        choose,
        digits,
        fmt_date,
        fmt_time,
        negative,
        partition,
        phone_number,
    )
    from synth_nursing import nursing_note  # type: ignore


def _he(rec: Record) -> tuple[str, str, str]:
    return ("he", "his", "him") if rec.patient.sex == "M" else ("she", "her", "her")


def _d(rec: Record, d: dt.date, kind: str = "full") -> P:
    return P(fmt_date(d, rec.rng, kind), "DATE")


def _near(rec: Record, lo: int = -2, hi: int = 10, kind: str = "any") -> list:
    return [_d(rec, rec.admit + dt.timedelta(days=rec.rng.randint(lo, hi)), kind)]


def _year(rec: Record, back: int = 30) -> P:
    y = rec.admit.year - rec.rng.randint(1, back)
    return P(f"'{y % 100:02d}" if rec.rng.random() < 0.15 else str(y), "DATE")


def common_slots(rec: Record) -> dict:
    rng = rec.rng
    he, his, him = _he(rec)

    def rel():
        r = rec.relative()
        return [rng.choice(("", his + " ")) + r.role + " ", rec.rel_name(r)]

    return {
        "he": lambda: he, "He": lambda: he.capitalize(), "his": lambda: his, "His": lambda: his.capitalize(), "him": lambda: him,
        "pt": lambda: rec.pt_name("formal"),
        "pt_any": lambda: rec.pt_name("any"),
        "pt_title": lambda: [{"M": "Mr. ", "F": rng.choice(("Mrs. ", "Ms. "))}[rec.patient.sex], P(rec.patient.last, "PATIENT")],
        "age": lambda: rec.age_items(("-year-old", " year old", "-year-old", " yo")),
        "sexw": lambda: {"M": rng.choice(("man", "male", "gentleman")), "F": rng.choice(("woman", "female", "lady"))}[rec.patient.sex],
        "date": lambda: _near(rec, -30, 0),
        "date_s": lambda: _near(rec, -14, 0, "short"),
        "date_adm": lambda: [_d(rec, rec.admit, rng.choice(("full", "any")))],
        "date_later": lambda: _near(rec, 1, 8, "any"),
        "date_fu": lambda: [_d(rec, rec.discharge + dt.timedelta(days=rng.randint(5, 40)), "any")],
        "year": lambda: [_year(rec)],
        "time": lambda: fmt_time(rng),
        "hosp_prior": lambda: rec.hosp("prior"),
        "hosp_this": lambda: rec.hosp("this"),
        "rehab": lambda: rec.hosp("rehab"),
        "clinic": lambda: rec.hosp("clinic"),
        "city": lambda: [P(rec.city, "CITY")],
        "country": lambda: [P(rec.country, "COUNTRY")],
        "employer": lambda: [P(rec.employer, "ORGANIZATION")],
        "place": lambda: [P(rec.places.place(), "LOCATION")],
        "plate": lambda: "not recorded" if rng.random() < 0.7 else [P(rng.choice([f"{rng.randint(1, 9)}{rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}{rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}{rng.randint(100, 999)}",
                                       f"{rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}{rng.randint(10, 99)}-{rng.randint(100, 999)}"]), "VEHICLE_ID")],
        "phone": lambda: [rec.phone()],
        "fax": lambda: [P(phone_number(rng), "FAX")],
        "fam": rec.fam,
        "rel": rel,
        "dr": rec.dr,
        "dr_full": lambda: rec.dr(form="full"),
        "pcp": lambda: rec.dr(rec.pcp),
        "staff": rec.staff,
        "mrn": lambda: [P(rec.mrn, "MRN")],
        "ng_e": lambda: [negative(rng, "disease")],
        "ng_dz": lambda: [negative(rng, "disease")],
        "ng_dev": lambda: [negative(rng, "device")],
        "ng_sign": lambda: [negative(rng, "sign")],
        "ng_score": lambda: [negative(rng, "score")],
        "ng_w": lambda: [negative(rng, "word")],
        "ng_c": lambda: [negative(rng, "code")],
        "ng_spine": lambda: [N(rng.choice(("L4-L5", "L4L5", "L5-S1", "L5S1", "C5-C6", "C6C7", "C6C7T1", "T12-L1")), "code")],
        "ng_ob": lambda: [N(rng.choice(("G2P1A1", "G3P2", "G1P0", "G4P3", "G2P2")), "code")] if rec.patient.sex == "F" else "none",
        "ng_tnm": lambda: [N(rng.choice(("T2N0M0", "T1N0M0", "T1cN0", "T2N1M0")), "code")],
        "ng_heart": lambda: [N(rng.choice(("S1S2", "S1S2 no S3S4", "S1S2S4", "S1, S2, no S3")), "code")],
        "ng_modal": lambda: [N(rng.choice(("may need to", "will need to", "may want to", "will")), "word")],
        "ng_r": lambda: [negative(rng, "ratio")],
        "vitals": lambda: [f"T {rng.randint(97, 101)}.{rng.randint(0, 9)} HR {rng.randint(55, 120)} ",
                           N(f"BP {rng.randint(90, 170)}/{rng.randint(45, 100)}", "ratio"),
                           f" RR {rng.randint(12, 28)} {rng.randint(88, 100)}% {rng.choice(('RA', '2L', 'on 4L NC', 'NRB'))}"],
        "n": lambda: str(rng.randint(2, 7)),
        "bp": lambda: [N(f"{rng.randint(100, 165)}/{rng.randint(55, 95)}", "ratio")],
    }


# ------------------------------------------------------------------------------------------------
# discharge summaries
# ------------------------------------------------------------------------------------------------

HPI = (
    "{pt} is a {age} {sexw} with a history of {pmh} who presents with {cc} for {n} days.",
    "{pt_title} is a {age} {sexw} with {pmh} who was in {his} usual state of health until {date} when {he} developed {cc}.",
    "{He} was seen at {hosp_prior} on {date}, where a CT showed {finding}, and was transferred to {hosp_this} for further management.",
    "Per {rel}, the patient had been increasingly confused over the past week and was not eating.",
    "{His} PCP, {pcp}, had started {him} on a course of levofloxacin on {date_s} without improvement.",
    "In the ED, initial vitals were {vitals}. {He} was given ceftriaxone and 2L NS.",
    "{He} denies chest pain or palpitations and {ng_modal} see a cardiologist.",
    "The patient reports {cc} that began after dinner on {date_s}; {he} called {his} daughter who brought {him} in.",
    "Of note, {he} was admitted to {hosp_prior} in {year} for a similar episode.",
    "{He} was recently discharged from {rehab} on {date}.",
    "History is obtained from the patient and {rel}, who accompanies {him}.",
    "ROS is otherwise negative in detail; {he} notes some brown stool but no melena.",
    "{pt_title} is a {age} {sexw} with {pmh} transferred from {hosp_prior} with {cc}.",
    "Patient is a {age} {sexw} with a past medical history significant for {pmh}, who presented to the {hosp_this} emergency department on {date} with {cc}.",
    "According to {his} PCP {pcp}, {he} had been doing well until {date_s}.",
    "{He} was admitted to {hosp_this} in {year} with {finding}.",
    "At {rehab}, {he} was noted to be more lethargic and was sent in on {date}.",
    "On arrival {his} vitals were {vitals}.",
    "{pt} states {he} {ng_modal} just rest, but {rel} insisted {he} come in.",
    "Outside records from {hosp_prior} show {finding} on {date}.",
    "{pt} is well known to {pcp}, who referred {him} after {cc} on {date_s}.",
    "{He} was at {place} on {date_s} when {he} became acutely short of breath.",
    "{He} was the restrained driver in a low-speed MVC (vehicle plate {plate}) near {place} on {date_s}.",
    "Per EMS, {he} was found slumped in {his} car (plate {plate}) outside {place}.",
)
PMH_ITEMS = ("Coronary artery disease s/p CABG in {year}", "Hypertension", "Type 2 diabetes mellitus", "{ng_e}",
             "Atrial fibrillation on warfarin", "COPD, on 2L home O2", "CKD stage III (baseline Cr 1.6)", "Hypothyroidism",
             "Depression", "GERD", "{ng_e}", "Osteoarthritis, s/p R TKA {year}", "Prostate cancer, Gleason score 3+4=7, s/p XRT",
             "Breast cancer, {ng_tnm}, s/p lumpectomy {year}", "Hyperlipidemia", "Gout", "{ng_e}", "Obesity (BMI 36)", "OB history: {ng_ob}",
    "History of {ng_dz}",
    "{ng_dz}, stable",
    "{ng_dz} (diagnosed {year})",
)
SOCIAL = (
    "Lives in {city} with {rel}.",
    "Lives alone in an apartment in {city}; {rel} lives nearby and helps with medications.",
    "Retired machinist, previously worked at {employer} for 30 years.",
    "Works as a teacher at {employer}.",
    "Emigrated from {country} in {year}; speaks Portuguese and some English.",
    "Originally from {country}. Married, two children.",
    "Tobacco: 40 pack-years, quit in {year}. EtOH: 1-2 beers per week. No illicit drugs.",
    "Denies tobacco, alcohol or drug use.",
    "Resides at {rehab} since {date}.",
    "Health care proxy is {rel}, who can be reached at {phone}.",
    "Resident of {rehab}; {rel} is the contact ({phone}).",
    "Moved into {rehab} on {date} after a fall at home.",
    "Lives with {rel} ({phone}) in {city}.",
    "Was living independently until {date}; now at {rehab}.",
    "Emigrated from {country}; worked for many years at {employer}.",
)
FAMILY = ("Mother with {ng_e}; father died of MI at age 62.", "Non-contributory.", "Brother with colon cancer at 58.",
          "Sister with {ng_e}. No family history of sudden cardiac death.", "Father with Huntington's disease.")
COURSE = (
    "# {problem}: Patient was started on IV antibiotics on {date_adm} and cultures were followed; {he} defervesced by {date_later}.",
    "# {problem}: Cardiology ({dr}) was consulted and recommended continuing metoprolol; echo on {date_later} showed EF 35%.",
    "# {problem}: Diuresed with IV lasix, net negative 3L by {date_later}. A {ng_dev} was placed on admission and removed before discharge.",
    "# {problem}: GI ({dr}) performed EGD on {date_later}, which showed a clean-based ulcer; {he} was started on a PPI.",
    "# {problem}: Insulin sliding scale while inpatient; home regimen resumed at discharge.",
    "# {problem}: {He} had an episode of delirium on the night of {date_later}, managed with reorientation and a 1:1 sitter.",
    "# {problem}: Renal was consulted; Cr peaked at 2.4 on {date_later} and improved with fluids.",
    "# {problem}: PT evaluated {him} and recommended rehab; {he} will go to {rehab}.",
    "# {problem}: Discussed goals of care with {rel} and {dr} on {date_later}; patient remains full code.",
    "# {problem}: Neurology saw the patient; exam notable for {ng_sign} and MRI was negative for acute stroke.",
    "# {problem}: Chest x-ray on {date_later} showed improving RLL opacity. {He} may need repeat imaging in 6 weeks.",
    "# {problem}: INR was supratherapeutic (4.2) on admission; warfarin held and restarted on {date_later} at 1/2 tab daily.",
    "# {problem}: On admission ({date_adm}) lactate was 4.1; {he} received fluids and pressors briefly.",
    "# {problem}: {He} had a {ng_dev} placed on {date_later} which was removed prior to discharge.",
    "# {problem}: Exam on {date_later} notable for {ng_sign}; surgery was consulted and followed.",
    "# {problem}: Screened by case management; accepted to {rehab} on {date_later}.",
    "# {problem}: {rel} was updated daily by the team and agreed with the plan.",
    "# {problem}: Started on heparin drip {date_adm}, bridged to warfarin, INR 2.3 at discharge.",
)
PROBLEMS = ("Pneumonia", "CHF exacerbation", "Upper GI bleed", "Acute kidney injury", "Diabetes", "Delirium", "Sepsis",
            "Atrial fibrillation", "Hypotension", "Goals of care", "Disposition", "Anemia", "Hyponatremia", "COPD")
MEDS = ("Aspirin 81 mg PO daily", "Metoprolol tartrate 25 mg PO BID", "Lisinopril 10 mg PO daily", "Atorvastatin 40 mg PO daily",
        "Warfarin 5 mg PO daily, take 1/2 tab on Mon/Fri", "Furosemide 40 mg PO daily", "Pantoprazole 40 mg PO Q24H",
        "Insulin glargine 20 units SC at bedtime", "Levofloxacin 750 mg PO Q48H x 3 doses", "Senna 8.6 mg PO BID PRN constipation",
        "Docusate 100 mg PO BID", "Acetaminophen 650 mg PO Q6H PRN pain", "Tamsulosin 0.4 mg PO QHS", "Carbidopa-levodopa 25/100 1 tab PO TID",
        "Levothyroxine 75 mcg PO daily", "Sertraline 50 mg PO daily", "Albuterol 90 mcg 1-2 puffs Q4H PRN")
FOLLOWUP = (
    "{dr_full} at {clinic} on {date_fu} at {time}, phone {phone}",
    "Provider: {dr_full} Phone: {phone} Date/Time: {date_fu} {time}",
    "Please follow up with your PCP {pcp} within 1-2 weeks. Call {phone} to schedule.",
    "Follow up with {dr} in the {clinic} on {date_fu} at {time}. Phone: {phone}.",
    "You have an appointment with {dr_full} ({clinic}) on {date_fu} at {time}. If you need to reschedule please call {phone}.",
    "Cardiology: {dr}, {date_fu} {time}, {clinic}, tel {phone}.",
    "{pcp} (PCP) in 1 week: {date_fu} at {time}, {phone}.",
    "PCP: {pcp}, {clinic}, phone {phone}; please call for an appointment within 7 days.",
)


def _list(b: Builder, rec: Record, pool, k: int, slots, numbered: bool) -> None:
    rng = rec.rng
    train, test = partition(tuple(pool))
    pool = test if rec.split == "test" else train
    items = rng.sample(list(pool), k=min(k, len(pool)))
    for i, t in enumerate(items, 1):
        b.text(f"{i}. " if numbered else rng.choice(["- ", "* ", ""]))
        b.render(t, slots)
        b.text("\n")


def discharge_summary(rec: Record, b: Builder) -> None:
    rng, split = rec.rng, rec.split
    s = common_slots(rec)
    s["pmh"] = lambda: rng.choice(["hypertension, diabetes and CAD", "COPD and CHF", "atrial fibrillation on warfarin",
                                   "ESRD on hemodialysis", "alcoholic cirrhosis"]) if rng.random() < 0.7 else [negative(rng, "eponym")]
    s["cc"] = lambda: rng.choice(["shortness of breath", "chest pain", "fevers", "abdominal pain", "melena", "weakness", "a fall"])
    s["finding"] = lambda: rng.choice(["a small subdural hematoma", "a RLL consolidation", "free air", "a pericardial effusion"])
    s["problem"] = lambda: rng.choice(PROBLEMS)
    up = rng.random() < 0.3
    H = (lambda h: h.upper()) if up else (lambda h: h)
    sp = rng.choice(["   ", "  ", "\t", "     "])
    b.text(H("Admission Date:") + " ")
    b.phi(fmt_date(rec.admit, rng, "full"), "DATE")
    b.text(sp + H("Discharge Date:") + " ")
    b.phi(fmt_date(rec.discharge, rng, "full"), "DATE")
    b.text("\n\n" + H("Date of Birth:") + " ")
    b.phi(fmt_date(rec.dob, rng, "full"), "DATE")
    b.text(sp + H("Sex:") + f" {rec.patient.sex}\n\n")
    if rng.random() < 0.6:
        b.text(H(rng.choice(["Name:", "Patient:", "Patient Name:"])) + " ")
        b.items(rng.choice([[P(f"{rec.patient.last}, {rec.patient.first}", "PATIENT")], [P(rec.patient.full, "PATIENT")]]))
        b.text(sp if rng.random() < 0.5 else "\n")
    b.text(H(rng.choice(["Unit No:", "MRN:", "Medical Record #:", "Unit No."])) + " ")
    b.phi(rec.mrn, "MRN")
    if rng.random() < 0.2:
        b.text(sp + H(rng.choice(["Insurance:", "Health plan:", "Payer:"])) + " " + rng.choice(["Medicare ", "BCBS ", "Medicaid ", "Tufts HP "])
               + rng.choice(["#", "ID ", "member "]))
        b.phi(rng.choice([f"{digits(rng, 1)}{rng.choice('ABCDEFGHJK')}{rng.choice('ABCDEFGHJK')}{digits(rng, 1)}-{rng.choice('ABCDEFGHJK')}{rng.choice('ABCDEFGHJK')}{digits(rng, 1)}-{rng.choice('ABCDEFGHJK')}{rng.choice('ABCDEFGHJK')}{digits(rng, 2)}",
                          f"{rng.choice(['XJH', 'BCB', 'TUF', 'HPH'])}{digits(rng, 9)}", digits(rng, 11)]), "HEALTH_PLAN")
    if rng.random() < 0.15:
        b.text(sp + H("Acct #:") + " ")
        b.phi(digits(rng, rng.choice([8, 9, 10])), "ACCOUNT")
    b.text("\n\n" + H("Service:") + " " + rng.choice(["MEDICINE", "SURGERY", "CARDIOLOGY", "NEUROLOGY", "CSURG", "MED"]) + "\n\n")
    if rng.random() < 0.7:
        b.text(H("Allergies:") + " " + rng.choice(["No Known Allergies to Drugs", "Penicillins", "Sulfa (Sulfonamides) / Codeine"]) + "\n\n")
    b.text(H("Attending:") + " ")
    b.items(rec.dr(rec.providers[0], form="full"))
    b.text("\n\n" + H("Chief Complaint:") + "\n" + rng.choice(["dyspnea", "chest pain", "fever, confusion", "GI bleed", "s/p fall"]) + "\n\n")
    b.text(H(rng.choice(["History of Present Illness:", "HPI:"])) + "\n")
    hpi = [choose(rng, HPI, split) for _ in range(rng.randint(3, 6))]
    intro = [t for t in hpi if " is a {age}" in t][:1]  # one summary line, and it opens the HPI
    hpi = intro + [t for t in hpi if " is a {age}" not in t]
    for i, t in enumerate(dict.fromkeys(hpi)):
        b.text(" " if i else "")
        b.render(t, s)
    if rng.random() < 0.4:
        b.text(" ")
        b.render(choose(rng, NEG_SENTENCES_PROSE, split), s)
    b.text("\n\n" + H("Past Medical History:") + "\n")
    _list(b, rec, PMH_ITEMS, rng.randint(3, 7), s, False)
    b.text("\n" + H("Social History:") + "\n")
    for i, t in enumerate(dict.fromkeys(choose(rng, SOCIAL, split) for _ in range(rng.randint(2, 4)))):
        b.text(" " if i else "")
        b.render(t, s)
    b.text("\n\n" + H("Family History:") + "\n")
    b.render(choose(rng, FAMILY, split), s)
    b.text("\n\n" + H("Physical Exam:") + "\n")
    b.render(rng.choice(["Vitals: {vitals}\nGen: NAD, A&Ox3\nCV: RRR, 2/6 SEM at LUSB\nLungs: CTAB\nAbd: soft, NT, {ng_sign}\nExt: no edema",
                         "VS: {vitals}\nGENERAL: elderly, frail, in no distress\nHEENT: MMM\nNEURO: CN II-XII intact, 5/5 strength, {ng_sign}",
                         "T 99.1 BP {bp} HR 92 RR 18 96% RA\nGeneral: Alert, oriented\nAbdomen: soft, {ng_sign}\nSkin: {ng_score}"]), s)
    b.text("\n\n" + H("Pertinent Results:") + "\n")
    for _ in range(rng.randint(1, 3)):
        d = rec.admit + dt.timedelta(days=rng.randint(0, (rec.discharge - rec.admit).days))
        b.phi(rng.choice([f"{d.month:02d}/{d.day:02d}/{d.year}", d.isoformat(), f"{d.month}/{d.day}"]), "DATE")
        b.text(f" {fmt_time(rng)} BLOOD WBC-{rng.randint(3, 19)}.{rng.randint(0, 9)} Hgb-{rng.randint(7, 15)}.{rng.randint(0, 9)} "
               f"Plt-{rng.randint(90, 450)} Na-{rng.randint(128, 146)} K-{rng.randint(3, 5)}.{rng.randint(0, 9)} "
               f"Cr-{rng.randint(0, 3)}.{rng.randint(0, 9)}\n")
    b.text("\n" + H(rng.choice(["Brief Hospital Course:", "Hospital Course:"])) + "\n")
    for t in dict.fromkeys(choose(rng, COURSE, split) for _ in range(rng.randint(2, 5))):
        b.render(t, s)
        if rng.random() < 0.15:
            b.text(" ")
            b.render(choose(rng, NEG_SENTENCES_PROSE, split), s)
        b.text("\n")
    b.text("\n" + H("Discharge Medications:") + "\n")
    _list(b, rec, MEDS, rng.randint(3, 8), s, True)
    b.text("\n" + H("Discharge Disposition:") + "\n")
    if rng.random() < 0.5:
        b.text("Extended Care\n\n" + H("Facility:") + "\n")
        b.phi(rec.rehab, "HOSPITAL")
        b.text("\n\n")
    else:
        b.text(rng.choice(["Home", "Home With Service\n\nFacility:\n"]))
        if b.value().endswith("Facility:\n"):
            b.phi(rec.places.rehab().replace("Rehab", "VNA"), "HOSPITAL")
        b.text("\n\n")
    b.text(H("Discharge Diagnosis:") + "\n" + rng.choice(["Community acquired pneumonia", "Acute on chronic systolic CHF",
                                                          "Upper GI bleed", "Urosepsis", "Syncope"]) + "\n\n")
    b.text(H("Discharge Condition:") + "\nMental Status: Clear and coherent. Activity Status: Ambulatory - requires assistance.\n\n")
    b.text(H("Discharge Instructions:") + "\n")
    b.render(rng.choice(["You were admitted with pneumonia. You may need oxygen at home. Please take all medications as prescribed.",
                         "Weigh yourself every morning; call your doctor if weight goes up more than 3 lbs.",
                         "Please return to the ED for fever, chest pain, or black tarry stool. We will mark your chart."]), s)
    b.text("\n\n" + H("Followup Instructions:") + "\n")
    for t in dict.fromkeys(choose(rng, FOLLOWUP, split) for _ in range(rng.randint(1, 3))):
        b.render(t, s)
        b.text("\n")
    b.text("\n")
    doc = rec.providers[0]
    b.items([P(f"{doc.first} {doc.last}", "PROVIDER"), rng.choice([" MD ", ", MD ", " M.D. "])])
    b.phi(digits(rng, rng.choice([5, 6, 7])), "ID") if rng.random() < 0.5 else b.text("")
    b.text("\n\n" + H("Completed by:") + " ")
    b.phi(rng.choice(rec.providers[1:]).full, "PROVIDER")
    b.text(" ")
    b.phi(fmt_date(rec.discharge, rng, "full"), "DATE")
    b.text(f" @ {fmt_time(rng)}\n")


# ------------------------------------------------------------------------------------------------
# radiology
# ------------------------------------------------------------------------------------------------

EXAMS = {
    "CT HEAD W/O CONTRAST": (
        ("There is no acute intracranial hemorrhage, mass effect or shift of midline structures.",
         "Ventricles and sulci are prominent, consistent with age-related volume loss.",
         "Periventricular white matter hypodensities likely reflect chronic small vessel ischemic disease.",
         "A small left frontal subdural hematoma measures 6 mm, unchanged from {prior}.",
         "The visualized paranasal sinuses and mastoid air cells are clear."),
        ("No acute intracranial process.", "Stable small left subdural hematoma.", "Chronic small vessel disease; no acute hemorrhage."),
    ),
    "CHEST (PORTABLE AP)": (
        ("Endotracheal tube terminates 4 cm above the carina. Nasogastric tube courses below the diaphragm.",
         "Right IJ central line tip in the distal SVC. No pneumothorax.",
         "Patchy opacity at the right lung base may reflect atelectasis or pneumonia.",
         "Moderate cardiomegaly with mild pulmonary vascular congestion.",
         "Swan-Ganz catheter tip projects over the right main pulmonary artery.",
         "Small bilateral pleural effusions, slightly increased since {prior}."),
        ("Lines and tubes in appropriate position.", "Right basilar opacity, pneumonia not excluded.", "Mild CHF."),
    ),
    "MRI RIGHT SHOULDER W/O CONTRAST": (
        ("There is a Bankart lesion of the anteroinferior glenoid labrum with a small Hill-Sachs deformity.",
         "Full-thickness tear of the supraspinatus tendon with 1.5 cm of retraction.",
         "Moderate acromioclavicular joint arthrosis.", "Small glenohumeral joint effusion."),
        ("Bankart lesion with Hill-Sachs deformity.", "Full-thickness supraspinatus tear."),
    ),
    "US ABDOMEN LIMITED (RUQ)": (
        ("The gallbladder is distended with multiple shadowing stones. Sonographic Murphy's sign is positive.",
         "Gallbladder wall thickened to 5 mm with pericholecystic fluid.", "CBD measures 4 mm. No intrahepatic ductal dilation.",
         "The liver is echogenic, consistent with fatty infiltration."),
        ("Findings consistent with acute cholecystitis.", "Cholelithiasis without evidence of cholecystitis."),
    ),
    "MRI L-SPINE W/O CONTRAST": (
        ("At {ng_spine} there is a broad-based disc bulge with moderate central canal stenosis.",
         "At {ng_spine} a left paracentral disc extrusion contacts the descending left S1 nerve root.",
         "Schmorl's nodes at {ng_spine}.", "Conus terminates at L1 and is normal in signal."),
        ("Moderate canal stenosis at {ng_spine}.", "Disc extrusion at {ng_spine} with nerve root contact."),
    ),
    "CT ABDOMEN/PELVIS WITH CONTRAST": (
        ("There is a 3.2 cm low-attenuation lesion in the right hepatic lobe, not significantly changed from {prior}.",
         "Dilated loops of small bowel with a transition point in the right lower quadrant, compatible with SBO.",
         "Status post Roux-en-Y gastric bypass.", "No free air. Foley catheter in a decompressed bladder.",
         "Mild hydronephrosis on the left."),
        ("Small bowel obstruction.", "Stable hepatic lesion, likely hemangioma.", "No acute abdominal process."),
    ),
}
RAD_HISTORY = (
    "{age} {sexw} with {cc}, r/o {ro}.",
    "{age} {sexw} s/p fall, on coumadin. Eval for bleed.",
    "Hx of {ng_e}, now with {cc}.",
    "{cc}. Evaluate for {ro}.",
    "Transfer from {hosp_prior}, {cc}.",
    "{age} {sexw}, outside imaging at {hosp_prior} concerning for {ro}.",
    "Known {ng_e}; new {cc}.",
    "{cc} after fall. Patient on anticoagulation.",
    "ED referral from {hosp_prior}: {cc}, eval {ro}.",
)
COMPARISON = (
    "Prior study of {prior}.",
    "Compared to prior study of {prior}.",
    "None.",
    "CT from {hosp_prior} dated {prior}, images reviewed.",
    "{prior} and {prior2}.",
    "Outside films from {hosp_prior} ({prior}).",
    "Multiple prior studies, most recently {prior} and {prior2}.",
    "Comparison is made to {prior}; also reviewed {prior2} from {hosp_prior}.",
)
COMMS = (
    "Findings discussed with {dr} at {time} on {date_exam} by {dr} via telephone.",
    "These findings were communicated to {dr} by telephone at {time} on {date_exam}, who acknowledged receipt.",
    "Results were paged to the covering NP, {staff}, at {time}.",
    "Discussed with {dr} ({phone_local}) at the time of dictation.",
    "Wet read by {dr} at {time}.",
    "Critical result called to {dr} at {phone_local} at {time} on {date_exam}.",
    "Discussed with {staff} on the care team at {time}.",
    "Preliminary findings given to {dr} at {time}, {date_exam}.",
    "Findings were relayed to {dr} (pager {phone_local}) at {time}.",
)


def radiology_report(rec: Record, b: Builder) -> None:
    rng, split = rec.rng, rec.split
    s = common_slots(rec)
    exam = rng.choice(list(EXAMS))
    findings, impression = EXAMS[exam]
    exam_date = rec.admit + dt.timedelta(days=rng.randint(0, 4))
    prior = exam_date - dt.timedelta(days=rng.randint(20, 900))
    s["prior"] = lambda: [_d(rec, prior, rng.choice(("full", "full", "any")))]
    s["prior2"] = lambda: [_d(rec, prior - dt.timedelta(days=rng.randint(30, 400)), "full")]
    s["date_exam"] = lambda: [_d(rec, exam_date, "any")]
    s["cc"] = lambda: rng.choice(["headache", "hypoxia", "RUQ pain", "low back pain radiating to L leg", "fever", "shoulder instability"])
    s["ro"] = lambda: rng.choice(["pneumonia", "bleed", "cholecystitis", "cord compression", "abscess", "fracture"])
    s["phone_local"] = lambda: [P(phone_number(rng, "local"), "PHONE")]
    acc = rng.choice([f"RA{exam_date.year % 100:02d}-{digits(rng, 6)}", digits(rng, 8), f"CT-{exam_date.year}-{digits(rng, 7)}",
                      f"{rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}{digits(rng, 7)}"])
    header = []
    if rng.random() < 0.5:
        b.phi(rec.hospital, "HOSPITAL")
        b.text(rng.choice([" DEPARTMENT OF RADIOLOGY\n", " - Radiology\n", "\nDepartment of Imaging\n"]))
    fields = [
        ("EXAMINATION:", [exam]),
        ("DATE:", [P(fmt_date(exam_date, rng, "full"), "DATE"), " " + fmt_time(rng)]),
        (rng.choice(["ACCESSION #:", "Accession:", "ACC#", "Accession No."]), [P(acc, "ID")]),
        (rng.choice(["MRN:", "MR#:", "Unit No:"]), [P(rec.mrn, "MRN")]),
    ]
    if rng.random() < 0.6:
        fields.append(("PATIENT:", [P(f"{rec.patient.last}, {rec.patient.first}".upper() if rng.random() < 0.5 else rec.patient.full, "PATIENT")]))
    if rng.random() < 0.5:
        fields.append(("DOB:", [P(fmt_date(rec.dob, rng, "full"), "DATE")]))
    if rng.random() < 0.7:
        fields.append((rng.choice(["ORDERING PHYSICIAN:", "Referring:", "Ordered by:"]), rec.dr(form="full")))
    if rng.random() < 0.5:
        rng.shuffle(fields)
    for k, v in fields:
        header.append((k, v))
        b.text(k + rng.choice([" ", "  ", "\t"]))
        b.items(v)
        b.text(rng.choice(["\n", "\n", "   "]))
    b.text("\n" + rng.choice(["CLINICAL HISTORY: ", "INDICATION: ", "HISTORY: ", "Clinical information: "]))
    b.render(choose(rng, RAD_HISTORY, split), s)
    b.text("\n\n" + rng.choice(["COMPARISON: ", "Comparison: ", "COMPARISONS: "]))
    b.render(choose(rng, COMPARISON, split), s)
    b.text("\n\nTECHNIQUE: " + rng.choice(["Axial images were obtained without contrast.", "Single portable AP view.",
                                           "Multiplanar multisequence images.", "Standard protocol."]))
    if rng.random() < 0.1:
        b.text(" Patient has an MRI-conditional pacemaker, serial no. ")
        b.phi(rng.choice(["PJN", "RNX", "BLT"]) + digits(rng, 6) + rng.choice(["", "H", "S"]), "DEVICE_ID")
        b.text(", programmed by device clinic.")
    b.text("\n\nFINDINGS:\n")
    tr, te = partition(tuple(findings))
    pool = list(te if split == "test" else tr)
    fs = rng.sample(pool, k=rng.randint(min(2, len(pool)), len(pool)))
    for t in fs:
        b.render(t, s)
        b.text(rng.choice([" ", "\n", "\n\n"]))
    b.text("\nIMPRESSION:\n")
    for i, t in enumerate(rng.sample(impression, k=rng.randint(1, len(impression)))):
        b.text(f"{i + 1}. ")
        b.render(t, s)
        b.text("\n")
    if rng.random() < 0.6:
        b.text("\n")
        b.render(choose(rng, COMMS, split), s)
        b.text("\n")
    b.text("\n" + rng.choice(["DICTATED BY: ", "Dictated by: ", "Radiologist: "]))
    b.items(rec.dr(rec.providers[-1], form="full"))
    b.text("\n" + rng.choice(["Electronically signed by: ", "Signed: ", "E-signed "]))
    b.items(rec.dr(rec.providers[-1], form="full"))
    b.text(" on ")
    b.phi(fmt_date(exam_date + dt.timedelta(days=rng.randint(0, 1)), rng, "full"), "DATE")
    b.text(f" {fmt_time(rng)}\n")


# ------------------------------------------------------------------------------------------------
# pathology
# ------------------------------------------------------------------------------------------------

PATH_SPECIMENS = (
    ("Prostate, right base, needle biopsy", "Prostatic adenocarcinoma, Gleason score 3+4=7 (Grade Group 2), involving 40% of core.",
     "Received in formalin are three tan cores of tissue measuring 1.0 to 1.6 cm."),
    ("Colon, sigmoid, segmental resection", "Invasive adenocarcinoma, moderately differentiated; pT3N0M0. Margins negative.",
     "Received fresh is a segment of colon measuring 22 cm with attached mesentery."),
    ("Lymph node, left cervical, excision", "Classical Hodgkin lymphoma, nodular sclerosis type.",
     "Received in formalin is a tan-pink lymph node measuring 2.1 x 1.4 x 1.0 cm."),
    ("Skin, left back, shave biopsy", "Malignant melanoma, superficial spreading type, Breslow depth 0.6 mm, Clark level III.",
     "Received in formalin is a shave of tan skin measuring 0.8 x 0.6 x 0.1 cm."),
    ("Gallbladder, cholecystectomy", "Chronic cholecystitis with cholelithiasis.", "Received fresh is a 7.5 cm gallbladder."),
    ("Breast, right, lumpectomy", "Invasive ductal carcinoma, Nottingham grade 2, 1.4 cm; pT1cN0. ER/PR positive.",
     "Received fresh is an oriented lumpectomy specimen measuring 6 x 4 x 3 cm."),
    ("Stomach, antrum, biopsy", "Chronic active gastritis with Helicobacter organisms; no intestinal metaplasia.",
     "Received in formalin are four fragments of tan tissue, each 0.2 cm."),
)
PATH_CLIN = (
    "{age} {sexw} with elevated PSA.", "Mass on colonoscopy {date}.", "Lymphadenopathy; r/o lymphoma.",
    "Changing pigmented lesion, noted by {rel}.", "Outside consult, referred by {dr}.", "RUQ pain, gallstones on US.",
    "{age} {sexw}; abnormal imaging {date}.",
    "Referred by {dr} for second opinion; prior biopsy {date}.",
    "Weight loss noted by {rel}. History of {ng_e}.",
    "{age} {sexw} with {ng_e}; new mass.",
)


def pathology_report(rec: Record, b: Builder) -> None:
    rng, split = rec.rng, rec.split
    s = common_slots(rec)
    proc = rec.admit + dt.timedelta(days=rng.randint(0, 3))
    s["date"] = lambda: [_d(rec, proc - dt.timedelta(days=rng.randint(5, 60)), "any")]
    b.text(rng.choice(["SURGICAL PATHOLOGY REPORT\n\n", "Surgical Pathology Consultation Report\n\n", "PATHOLOGY REPORT\n", ""]))
    if rng.random() < 0.5:
        b.phi(rec.hospital, "HOSPITAL")
        b.text(rng.choice([" Department of Pathology\n", "\nAnatomic Pathology\n"]))
    acc = rng.choice([f"S{proc.year % 100:02d}-{digits(rng, 5)}", f"SP-{proc.year % 100:02d}-{digits(rng, 6)}",
                      f"{rng.choice('SCB')}{proc.year}-{digits(rng, 5)}"])
    b.text(rng.choice(["Accession No: ", "Accession #: ", "Case: ", "Path #: "]))
    b.phi(acc, "ID")
    b.text(rng.choice(["\n", "    "]) + "Patient: ")
    b.phi(rng.choice([f"{rec.patient.last}, {rec.patient.first}", rec.patient.full, f"{rec.patient.last.upper()}, {rec.patient.first.upper()}"]), "PATIENT")
    b.text(rng.choice(["\n", "   "]) + rng.choice(["MRN: ", "Med Rec #: ", "Unit No: "]))
    b.phi(rec.mrn, "MRN")
    b.text(rng.choice(["\n", "   "]) + "DOB: ")
    b.phi(fmt_date(rec.dob, rng, "full"), "DATE")
    b.text(rng.choice(["   ", "\n"]) + rng.choice(["Age: ", "Age/Sex: "]))
    b.items(rec.age_items((" y", "Y", " years")) + [f" {rec.patient.sex}" if rng.random() < 0.5 else ""])
    b.text("\nDate of Procedure: ")
    b.phi(fmt_date(proc, rng, "full"), "DATE")
    b.text(rng.choice(["\n", "   "]) + "Date Received: ")
    b.phi(fmt_date(proc + dt.timedelta(days=rng.randint(0, 2)), rng, "full"), "DATE")
    b.text("\nSubmitting Physician: ")
    b.items(rec.dr(form="full"))
    b.text("\n")
    if rng.random() < 0.5:
        b.text(rng.choice(["Specimen received from ", "Outside material received from ", "Consult case from "]))
        b.phi(rec.prior_hospital, "HOSPITAL")
        paren = rng.random() < 0.5
        b.text(" (outside #" if paren else ", outside #")
        b.phi(f"{rng.choice(['X', 'OS', 'H'])}{proc.year % 100:02d}-{digits(rng, 4)}", "ID")
        b.text(")\n" if paren else "\n")
    b.text("\nCLINICAL HISTORY:\n")
    b.render(choose(rng, PATH_CLIN, split), s)
    specs = rng.sample(PATH_SPECIMENS, k=rng.randint(1, 2))
    b.text("\n\nSPECIMEN(S):\n")
    for i, (name, _, _) in enumerate(specs):
        b.text(f"{'AB'[i]}. {name}\n")
    b.text("\nGROSS DESCRIPTION:\n")
    for i, (name, _, gross) in enumerate(specs):
        b.text(f"{'AB'[i]}. " + rng.choice(["The specimen is labeled with the patient's name ", "Labeled with the patient's name ",
                                              "The container is labeled "]))
        nm = rng.choice([rec.patient.full, f"{rec.patient.last}, {rec.patient.first}", f"{rec.patient.first[0]}. {rec.patient.last}"])
        b.items(['"', P(nm, "PATIENT"), '"'])
        b.text(rng.choice([", medical record number and ", " and "]) + f'"{name.split(",")[0].lower()}". ' + gross + "\n")
    b.text("Gross dictated by ")
    b.items(rec.staff())
    b.text(".\n\nDIAGNOSIS:\n")
    for i, (name, dx, _) in enumerate(specs):
        b.text(f"{'AB'[i]}. {name}:\n   - ")
        for part in dx.split("; "):
            if any(w in part for w in ("Gleason", "Hodgkin", "Breslow", "Clark", "Helicobacter", "Nottingham")):
                b.neg(part, "eponym")
            elif "N0" in part:
                b.neg(part, "code")
            else:
                b.text(part)
            if part != dx.split("; ")[-1]:
                b.text("; ")
        b.text("\n")
    if rng.random() < 0.5:
        b.text("\nResults discussed with ")
        b.items(rec.dr())
        b.text(" on ")
        b.phi(fmt_date(proc + dt.timedelta(days=rng.randint(1, 4)), rng, "any"), "DATE")
        b.text(f" at {fmt_time(rng)}.\n")
    b.text("\nPathologist: ")
    b.items(rec.dr(rec.providers[-1], form="full"))
    b.text("\nElectronically signed ")
    b.phi(fmt_date(proc + dt.timedelta(days=rng.randint(1, 5)), rng, "full"), "DATE")
    b.text("\n")


# ------------------------------------------------------------------------------------------------
# referral / clinic letters
# ------------------------------------------------------------------------------------------------

LETTER_OPEN = (
    "Thank you for referring {pt_title}, a {age} {sexw}, whom I saw in the {spec} clinic on {date_v}.",
    "I had the pleasure of seeing your patient, {pt}, in consultation on {date_v} for {reason}.",
    "I saw {pt_any} today for follow-up of {reason}.",
    "Many thanks for asking me to see {pt_title} regarding {reason}. I saw {him} at {clinic} on {date_v}.",
    "Re the above patient, seen in clinic on {date_v} with {his} {rel_word}.",
    "I saw {pt_title} in the {spec} clinic at {clinic} on {date_v} at your request.",
    "Thank you for asking me to see {pt}, a {age} {sexw} with {reason}.",
    "{pt_any} attended the {spec} clinic on {date_v} accompanied by {his} {rel_word}.",
    "I reviewed {pt_title} on {date_v}; as you know {he} has been troubled by {reason}.",
    "This {age} {sexw} was seen at {clinic} on {date_v} regarding {reason}.",
    "Following your referral, I met {pt} on {date_v} to discuss {his} {reason}.",
)
LETTER_BODY = (
    "As you know, {he} has a history of {ng_e} and hypertension.",
    "{He} lives with {rel} in {city} and remains independent in activities of daily living.",
    "{He} reports worsening tremor over the past year; {his} handwriting has become smaller.",
    "On examination {his} blood pressure was {bp} and heart sounds were normal ({ng_heart}).",
    "{He} was previously followed at {hosp_prior} by {dr} until {year}.",
    "{He} may need a repeat MRI in six months; I will arrange this through our office.",
    "{His} {rel_word}, who attended with {him}, confirmed the history.",
    "I have asked {him} to keep a diary and to bring it to {his} next visit on {date_later}.",
    "{He} works at {employer} and is keen to return to work.",
    "Strength was 5/5 throughout and reflexes were 2+ and symmetric; {ng_sign}.",
    "I have started {him} on carbidopa-levodopa 25/100, 1/2 tab three times daily.",
    "Laboratory results from {date} were unremarkable.",
    "{He} was born in {country} and moved to {city} in {year}.",
    "{He} continues to live in {city} with {rel}.",
    "{He} is originally from {country} and is accompanied today by {his} {rel_word}.",
    "I reviewed notes from {hosp_prior} and from {dr}, who saw {him} on {date}.",
    "Past history includes {ng_e}, diagnosed in {year}.",
    "Blood pressure today was {bp}; cardiac exam revealed {ng_heart}.",
    "{His} {rel_word} reports that {he} has become more forgetful since {date}.",
    "Neurological examination showed {ng_sign} with normal gait.",
    "{He} retired from {employer} in {year}.",
    "I will review {him} again on {date_later}, or sooner if needed.",
    "{rel} telephoned on {date} with further concerns.",
)
LETTER_CLOSE = (
    "Please do not hesitate to contact me at {phone} if you have any questions.",
    "I will see {him} again in three months. Please call {phone} with any concerns.",
    "Thank you again for involving me in {his} care.",
    "Our office can be reached at {phone} or by fax at {fax}.",
    "Feel free to email me at {email}.",
    "If you have any questions you can reach me by email at {email}.",
    "Please send further correspondence by fax to {fax}.",
    "I will keep you informed of {his} progress. My direct line is {phone}.",
    "With best wishes for {his} continued care; please call {phone} or email {email}.",
    "Results will be faxed to your office; our fax number is {fax}.",
)


def referral_letter(rec: Record, b: Builder) -> None:
    rng, split = rec.rng, rec.split
    s = common_slots(rec)
    author = rec.providers[-1]
    recipient = rec.pcp
    visit = rec.admit
    spec = rng.choice(["neurology", "cardiology", "movement disorders", "rheumatology", "sleep", "gastroenterology"])
    domain = rng.choice(["clinic", "health", "med", "hosp"]) + rng.choice([".org", ".com", ".net"])
    email = f"{author.first[0].lower()}{author.last.lower().replace(' ', '').replace(chr(39), '')}@{rec.clinic.split()[0].lower()}{domain}"
    s.update({
        "spec": lambda: spec,
        "date_v": lambda: [_d(rec, visit, "any")],
        "reason": lambda: rng.choice(["tremor", "palpitations", "joint pain", "daytime sleepiness", "dysphagia", "memory loss"]),
        "rel_word": lambda: rng.choice(["daughter", "wife", "husband", "son"]),
        "email": lambda: [P(email, "EMAIL")],
        "date_later": lambda: [_d(rec, visit + dt.timedelta(days=rng.randint(30, 120)), "any")],
    })
    state_name, state_abbr = rec.state
    # letterhead
    b.phi(rec.clinic, "HOSPITAL")
    b.text("\n" + rng.choice(["Department of ", "Division of ", ""]) + spec.title() + "\n")
    b.phi(rec.places.p.street(rng), "STREET")
    b.text("\n")
    b.phi(rec.places.p.city(rng), "CITY")
    b.text(", ")
    b.phi(state_abbr, "STATE")
    b.text(" ")
    b.phi(f"{rng.randint(1000, 99999):05d}", "ZIP")
    b.text("\n" + rng.choice(["Tel: ", "Phone ", "T "]))
    b.phi(phone_number(rng), "PHONE")
    b.text(rng.choice(["  Fax: ", " | Fax ", "\nFax: "]))
    b.phi(phone_number(rng), "FAX")
    if rng.random() < 0.3:
        b.text("\n")
        b.phi("www." + rec.clinic.split()[0].lower() + domain, "URL")
    b.text("\n\n")
    b.phi(fmt_date(visit + dt.timedelta(days=rng.randint(0, 7)), rng, "full"), "DATE")
    b.text("\n\n")
    b.items(rec.dr(recipient, form="full"))
    b.text("\n")
    b.phi(rec.places.clinic(), "HOSPITAL")
    b.text("\n")
    b.phi(rec.street, "STREET")
    b.text("\n")
    b.phi(rec.city, "CITY")
    b.text(rng.choice([", ", " "]))
    b.phi(rng.choice([state_abbr, state_abbr, state_name]), "STATE")
    b.text(rng.choice([" ", "  "]))
    b.phi(rec.zip + (f"-{rng.randint(1000, 9999)}" if rng.random() < 0.2 else ""), "ZIP")
    b.text("\n\n" + rng.choice(["Re: ", "RE: ", "Re:  ", "Regarding: "]))
    b.phi(rng.choice([rec.patient.full, f"{rec.patient.first} {rec.patient.middle[:1] + '. ' if rec.patient.middle else ''}{rec.patient.last}"]), "PATIENT")
    b.text(rng.choice([", DOB ", ", DOB: ", " (DOB ", " - born "]))
    b.phi(fmt_date(rec.dob, rng, "full"), "DATE")
    b.text(rng.choice([", MRN ", ", MRN: ", ", Hospital No. ", "; MRN "]))
    b.phi(rec.mrn, "MRN")
    if b.value()[-len(rec.mrn) - 20:].count("(DOB"):
        b.text(")")
    b.text("\n\n" + rng.choice(["Dear Dr. ", "Dear Dr ", "Dear Doctor "]))
    b.phi(recipient.last if rng.random() < 0.8 else recipient.full, "PROVIDER")
    b.text(rng.choice([",\n\n", ":\n\n", ",\n"]))
    b.render(choose(rng, LETTER_OPEN, split), s)
    b.text(rng.choice([" ", "\n\n"]))
    body = list(dict.fromkeys(choose(rng, LETTER_BODY, split) for _ in range(rng.randint(3, 6))))
    if rng.random() < 0.5:
        body.insert(rng.randint(0, len(body)), choose(rng, NEG_SENTENCES_PROSE, split))
    for t in body:
        b.render(t, s)
        b.text(rng.choice([" ", " ", "\n\n"]))
    b.text("\n\n")
    b.render(choose(rng, LETTER_CLOSE, split), s)
    b.text(rng.choice(["\n\nSincerely,\n\n", "\n\nYours sincerely,\n\n", "\n\nBest regards,\n\n", "\n\nKind regards,\n"]))
    b.items(rng.choice([[P(author.full, "PROVIDER"), ", MD"], [P(author.full, "PROVIDER"), " MD"],
                        ["Dr. ", P(author.full, "PROVIDER")], [P(f"{author.first[0]}. {author.last}", "PROVIDER"), ", MD, PhD"]]))
    b.text("\n" + rng.choice(["Attending Physician", "Assistant Professor of Neurology", "Consultant Cardiologist", ""]) + "\n")
    if rng.random() < 0.3:
        b.text(rng.choice(["NPI: ", "NPI ", "DEA: ", "License # "]))
        b.phi(rng.choice(["1" + digits(rng, 9), f"{rng.choice('ABFM')}{author.last[0].upper()}{digits(rng, 7)}", digits(rng, 6)]), "LICENSE")
        b.text("\n")
    if rng.random() < 0.8:
        b.text("\ncc: ")
        ccs = [[P(rec.pcp.full, "PROVIDER"), ", MD"], [P(rec.patient.full, "PATIENT")],
               [P(rng.choice(rec.providers[:-1]).full, "PROVIDER")]]
        for i, c in enumerate(rng.sample(ccs, k=rng.randint(1, 3))):
            b.text("; " if i else "")
            b.items(c)
        b.text("\n")


# ------------------------------------------------------------------------------------------------
# XML exports
# ------------------------------------------------------------------------------------------------


def _xml_esc(s: str) -> str:
    return _xml_escape(s, {'"': "&quot;"})


def xml_export(rec: Record, b: Builder) -> tuple[int, int]:
    """A small record export; returns the character range of the free-text note (for casing)."""
    rng = rec.rng
    p = rec.patient
    ind = rng.choice(["  ", "    ", "\t", ""])
    nl = "\n" if ind else ""

    def tag(name: str, items, depth: int = 1, attrs: str = "") -> None:
        b.escape = None
        b.text(f"{ind * depth}<{name}{attrs}>", typos=False)
        b.escape = _xml_esc
        b.items(items)
        b.escape = None
        b.text(f"</{name}>{nl}", typos=False)

    b.text('<?xml version="1.0" encoding="UTF-8"?>\n' if rng.random() < 0.7 else "", typos=False)
    b.text(f'<record system="{rng.choice(["EHR", "CLINDOC", "ADT"])}" version="{rng.randint(1, 4)}.{rng.randint(0, 9)}"', typos=False)
    if rng.random() < 0.3:
        b.text(' source="', typos=False)
        b.phi(f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}" if rng.random() < 0.7
              else f"172.{rng.randint(16, 31)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}", "IP_ADDRESS")
        b.text('"', typos=False)
    b.text(f">{nl}", typos=False)
    b.text(f"{ind}<patient>{nl}", typos=False)
    if rng.random() < 0.5:
        b.text(f"{ind * 2}<name>{nl}", typos=False)
        tag("given", [P(p.first, "PATIENT")], 3)
        if p.middle:
            tag("middle", [P(p.middle, "PATIENT")], 3)
        tag("family", [P(p.last, "PATIENT")], 3)
        b.text(f"{ind * 2}</name>{nl}", typos=False)
    else:
        tag("name", [P(rng.choice([p.full, f"{p.last}, {p.first}", f"{p.last.upper()}^{p.first.upper()}"]), "PATIENT")], 2)
    tag("mrn", [P(rec.mrn, "MRN")], 2)
    tag("dob", [P(rec.dob.isoformat() if rng.random() < 0.6 else fmt_date(rec.dob, rng, "full"), "DATE")], 2)
    tag("sex", [p.sex], 2)
    if rng.random() < 0.3:
        tag("ssn", [P(f"{rng.randint(100, 665)}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}", "SSN")], 2)
    if rng.random() < 0.7:
        b.text(f"{ind * 2}<address>{nl}", typos=False)
        tag("street", [P(rec.street, "STREET")], 3)
        tag("city", [P(rec.city, "CITY")], 3)
        tag("state", [P(rec.state[1], "STATE")], 3)
        tag("zip", [P(rec.zip, "ZIP")], 3)
        b.text(f"{ind * 2}</address>{nl}", typos=False)
    if rng.random() < 0.7:
        tag("phone", [rec.phone()], 2, ' type="home"')
    if rng.random() < 0.4:
        tag("insurance", [P(rng.choice(["XJH", "BCB", "HPH", "TUF", "MCR"]) + digits(rng, 9), "HEALTH_PLAN")], 2,
            f' payer="{rng.choice(["Medicare", "Medicaid", "commercial"])}"')
    if rng.random() < 0.4:
        r = rec.relative()
        b.escape = None
        b.text(f'{ind * 2}<contact relation="{r.role}">{nl}', typos=False)
        tag("name", [P(r.full, "RELATIVE")], 3)
        tag("phone", [rec.phone()], 3)
        b.text(f"{ind * 2}</contact>{nl}", typos=False)
    b.text(f"{ind}</patient>{nl}", typos=False)
    b.text(f"{ind}<encounter>{nl}", typos=False)
    tag("account", [P(digits(rng, rng.choice([8, 9, 10])), "ACCOUNT")], 2)
    tag("admitted", [P(rec.admit.isoformat(), "DATE"), f"T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00"], 2)
    tag("discharged", [P(rec.discharge.isoformat(), "DATE"), f"T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00"], 2)
    tag("facility", [P(rec.hospital, "HOSPITAL")], 2)
    tag("attending", [P(rec.providers[0].full, "PROVIDER")], 2)
    b.text(f"{ind}</encounter>{nl}", typos=False)
    n = rng.choice(rec.nurses)
    b.text(f'{ind}<note type="nursing" author="', typos=False)
    b.escape = _xml_esc
    b.phi(f"{n.last}, {n.first}", "PROVIDER")
    b.escape = None
    b.text('" date="', typos=False)
    b.phi((rec.admit + dt.timedelta(days=1)).isoformat(), "DATE")
    b.text('">' + ("\n" if rng.random() < 0.5 else ""), typos=False)
    b.escape = _xml_esc
    start = b.pos
    nursing_note(rec, b)
    end = b.pos
    b.escape = None
    b.text(f"</note>{nl}</record>\n", typos=False)
    return start, end


__all__ = ["discharge_summary", "radiology_report", "pathology_report", "referral_letter", "xml_export", "MON"]
