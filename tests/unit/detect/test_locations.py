from __future__ import annotations

import pytest

from medveil.detect.locations import LocationDetector
from medveil.document import Document
from medveil.resolve import resolve


def found(text: str) -> dict[str, str]:
    spans = resolve(LocationDetector().detect(Document(text)), text)
    return {text[s.start : s.end]: s.label for s in spans}


@pytest.mark.parametrize(
    ("text", "place", "label"),
    [
        ("Transferred from Mount Auburn Hospital today.", "Mount Auburn Hospital", "HOSPITAL"),
        ("seen at Boston Medical Center", "Boston Medical Center", "HOSPITAL"),
        ("pt lives in Springfield with wife", "Springfield", "CITY"),
        ("Richmond, MA 09051", "Richmond", "CITY"),
        ("He moved to Brazil in 1999.", "Brazil", "COUNTRY"),
        ("plan to go to Veronica's Home when stable", "Veronica's Home", "HOSPITAL"),
        ("TRANSFERRED FROM ST. ANNE'S HOSPITAL", "ST. ANNE'S HOSPITAL", "HOSPITAL"),
        ("works nights at Needham Savings Bank, will call", "Needham Savings Bank", "ORGANIZATION"),
        ("Prior travel: Afghanistan and Peru.", "Afghanistan", "COUNTRY"),
        ("records requested from Beth Israel, reviewed", "Beth Israel", "HOSPITAL"),
        ("Served U.S. Navy 1971-1975; stationed at Naval Station Norfolk", "U.S. Navy", "ORGANIZATION"),
        ("Enlisted 1990; 2nd Battalion, 9th Marines, then Camp Kessler", "2nd Battalion, 9th Marines", "ORGANIZATION"),
        ("VETERAN, 4TH INFANTRY DIVISION, FORT HOLLIS", "4TH INFANTRY DIVISION", "ORGANIZATION"),
        ("deployed twice, Zabul Province and Tarin Airfield", "Zabul Province", "LOCATION"),
        ("deployed twice, Zabul Province and Tarin Airfield", "Tarin Airfield", "LOCATION"),
        ("military hx: trained at Fort Ordway, then Camp Arbela", "Fort Ordway", "LOCATION"),
    ],
)
def test_places(text, place, label):
    assert found(text).get(place) == label, found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Father with Huntington's disease.",
        "Glasgow coma scale 15.",
        "Foley catheter in place.",
        "Brief Hospital Course: uneventful.",
        "Jorge Kane, MD",
        "prepped and draped in normal sterile fashion",
        "enrolled in NIH grant study",
        "abdominal injury during the Vietnam War",
        "India Ink stain negative.",
        "turkey sandwich for lunch",
        "s/p AVR with a St. Jude mechanical valve",
        "cuff clamped with curved Lahey\nclamps",
        "transferred to the General Surgery Service",
        "3rd ventricle normal; 2nd degree burn; 1st Group session",
        "Lives near Fort Perry, goes to Camp Hollow each summer",
        "Army of volunteers at the food pantry",
    ],
)
def test_no_place(text):
    got = {k: v for k, v in found(text).items() if v != "ZIP"}
    assert not got, got


def test_offsets_stay_right_after_a_letter_that_lowercases_longer():
    # "İ".lower() is two characters: places after it must still be found at the note's own offsets
    text = "İstanbul notu: pt transferred from Boston Medical Center, lives in Chicago."
    found = {text[s.start : s.end] for s in LocationDetector().detect(Document(text))}
    assert {"Boston Medical Center", "Chicago"} <= found


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("f/u at Juniper Court Pediatrics next week", "Juniper Court Pediatrics", "HOSPITAL"),
        ("D/C home w/ VNA (Bay & Harbor Home Health).", "Bay & Harbor Home Health", "HOSPITAL"),
        ("Insurance: Prairie Gold Health Plan", "Prairie Gold Health Plan", "ORGANIZATION"),
        ("Client: Ostrander Urology Group", "Ostrander Urology Group", "HOSPITAL"),
        ("CLIENT: OSTRANDER UROLOGY GROUP", "OSTRANDER UROLOGY GROUP", "HOSPITAL"),
        ("Parish: Our Lady of Fatima Parish", "Our Lady of Fatima Parish", "ORGANIZATION"),
        ("retired from Wabash Valley Rail Works in 2010", "Wabash Valley Rail Works", "ORGANIZATION"),
        ("pcp at bronx kids health, f/u 2 days", "bronx kids health", "HOSPITAL"),
        ("Hospice: Heartland Hospice of the Piedmont", "Heartland Hospice of the Piedmont", "HOSPITAL"),
        ("kindergarten form for Ashland Elementary", "Ashland Elementary", "ORGANIZATION"),
        ("letter to Hampden District Court re: custody", "Hampden District Court", "ORGANIZATION"),
        ("referred to Pioneer Valley Legal Services", "Pioneer Valley Legal Services", "ORGANIZATION"),
        ("plans to deliver at Brookhaven Birth Center", "Brookhaven Birth Center", "HOSPITAL"),
        ("PSG at Wethersfield Sleep Center showed AHI 32", "Wethersfield Sleep Center", "HOSPITAL"),
    ],
)
def test_trade_names(text, name, label):
    assert found(text).get(name) == label, found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Consult Physical Therapy and Occupational Therapy.",
        "Home Health aide 3x/week; Pharmacy note reviewed.",
        "Seen by Pediatric Cardiology and General Surgery.",
        "Nuclear Medicine stress test negative. Sent to Sleep Laboratory.",
        "Family Medicine Progress Note",
        "Mental Health: stable. Women's Health clinic.",
        "NEPHEW OLIVER WORKS NIGHTS AT THE PLANT",
        "Dr. Lima of Radiation Oncology reviewed the plan",
        "protocol for managing post-operative pain in a male",
        "Ellis Hospital - Radiology",
        "Completed High School; Middle School grades fine.",
        "Referred to the Sleep Center for PSG; Legal Services consult.",
        "Dropped out of Elementary school.",
    ],
)
def test_no_trade_name(text):
    spans = [s for s in LocationDetector().detect(Document(text)) if s.source == "locations:trade_name"]
    assert not spans, [(text[s.start : s.end], s.label) for s in spans]


def test_a_place_name_never_runs_across_the_end_of_a_sentence():
    names = found("Pt finished the Harbor Street Tutoring. Bayview Tower is where she works.")
    assert "Bayview Tower" in names and not any(". " in n for n in names)
