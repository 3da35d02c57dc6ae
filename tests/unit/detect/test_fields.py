from __future__ import annotations

import re

from medveil.detect.fields import FieldDetector
from medveil.document import Document


def found(text: str) -> dict[str, str]:
    return {text[s.start : s.end]: s.label for s in FieldDetector().detect(Document(text))}


def test_colon_fields_same_line_and_next_line():
    assert found("Facility: Smart Manor\nCity: Boston") == {"Smart Manor": "HOSPITAL", "Boston": "CITY"}
    assert found("Facility:\nMeadows Skilled Nursing Facility\n") == {"Meadows Skilled Nursing Facility": "HOSPITAL"}


def test_xml_fields():
    got = found("<city>New Shea</city><state>WA</state><zip>40902</zip><facility>Mercy</facility>")
    assert got == {"New Shea": "CITY", "WA": "STATE", "40902": "ZIP", "Mercy": "HOSPITAL"}


def test_placeholder_values_and_prose_are_not_fields():
    assert found("Address: see above\nFacility: none\nLocation: the patient was found in the hallway near the nurses station") == {}


def test_delimited_tables_with_pipes_tabs_and_semicolons():
    for d in ("|", "\t", ";"):
        text = f"export run 7\nmrn{d}patient_name{d}dob{d}note\n00412{d}Adair, Wren{d}2001-04-05{d}stable\n"
        assert found(text) == {"00412": "MRN", "Adair, Wren": "PATIENT", "2001-04-05": "DATE"}, d


def test_table_name_cells_leave_the_credential_out():
    assert found("id,provider,clinic\n7,\"Moss, Ilse MD\",Eastgate Clinic\n") == {"Moss, Ilse": "PROVIDER", "Eastgate Clinic": "HOSPITAL"}


def test_a_row_with_another_number_of_cells_is_not_read():
    assert found("mrn|patient|dob\n00412|Adair, Wren\n") == {}


def test_plain_cells_are_one_word_cells_of_care_columns():
    from medveil.detect.fields import plain_cells

    text = ("census 4B\nBED | PATIENT | AGE/SEX | RESP | DX / PLAN | RN\n"
            "07 | VANTERPOOL, ODA | 71F | NIPPV | CHF, diurese | T. Varga\n"
            "09 | ROSE, HOPE | 66F | RA | son Micah at bedside | T. Varga\n")
    body = text.index("\n07")
    got = sorted(text[i : text.index(" ", i)] for i in plain_cells(text) if i > body)
    # bed numbers, sex and respiratory support; not the names, nor a plain column's cell of several words
    assert got == ["07", "09", "66F", "71F", "NIPPV", "RA"]
    # and every word of the header row: a column's name is no identifier
    header = sorted(re.match(r"[A-Z]+", text[i:]).group() for i in plain_cells(text) if i < body)
    assert header == ["AGE", "BED", "DX", "PATIENT", "PLAN", "RESP", "RN", "SEX"]
    assert plain_cells("no table here | just | pipes, and, commas") == frozenset()


def test_plain_cells_read_quoted_csv_cells():
    from medveil.detect.fields import plain_cells

    # a quoted cell holding the delimiter leaves the row readable: the sex column's cell is still found
    text = ('mrn,last_name,first_name,sex,chief_complaint\n'
            'B0448127,EXANTUS,JESULA,F,"CHEST PAIN, CREOLE INTERPRETER"\n')
    cells = plain_cells(text)
    assert text.index(",F,") + 1 in cells
    assert text.index("EXANTUS") not in cells


def test_st_is_a_state_beside_the_city_or_zip_column():
    got = found("MRN|PT_NAME|CITY|ST|ZIP|CASE_MGR\nF0092214|RUNNINGWATER, DALE|DENVER|CO|80211|KOVACEVIC\n")
    assert got["CO"] == "STATE"
    assert got["KOVACEVIC"] == "PROVIDER"
    # alone, "st" may be a status: its cell is left to the other detectors
    assert "OK" not in found("MRN|PT_NAME|ST\nF0092214|RUNNINGWATER, DALE|OK\n")
