"""Synthea FHIR notes labelled from the FHIR Patient, Practitioner and Organization records.

* Name tokens carry Synthea's digit suffixes ("Sumiko254"): they are removed from the records and
  from the note text alike before labelling (only tokens that are known names are touched, so
  drug names such as "b12" stay as they are).
* Every occurrence of the patient's given/family names in a note is PATIENT (adjacent name tokens
  make one span); practitioner names are PROVIDER, organization names HOSPITAL; ISO dates
  (1987-11-19) are DATE; "NN year-old" with NN > 89 is AGE.
* Synthea's note body names only the patient. To exercise header-aware detection, each note gets,
  chosen by a hash of its id, one of three headers built from the FHIR records of the note
  (none; author + facility from the DocumentReference; a full demographic block: name, DOB, MRN,
  SSN, address, phone, author, facility). Every header field is labelled by construction.
* The notes are very repetitive: at most ``CAP`` notes per patient are kept, chosen by a hash of
  the note id. All notes of a patient share the split ``split_of("synthea:<patient id>")``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import Any

from benchmarks.corpus import TextBuilder, find_all, resolve_overlaps, smart_title
from benchmarks.splits import split_of

CAP = 30
_SUFFIX = re.compile(r"^(.*?\D)\d+$")


def _h(s: str) -> int:
    return int(hashlib.sha1(s.encode("utf-8")).hexdigest(), 16)


def clean_name(token: str) -> str:
    m = _SUFFIX.match(token)
    return m.group(1) if m else token


def _read(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _ident(patient: dict[str, Any], code: str) -> str | None:
    for ident in patient.get("identifier", []):
        for c in ident.get("type", {}).get("coding", []):
            if c.get("code") == code:
                return ident.get("value")
    return None


def load(
    data_dir: Path, limit: int | None = None, stats: dict | None = None, cap: int = CAP
) -> list[dict[str, Any]]:
    base = Path(data_dir) / "synthea-fhir-10-patients"
    patients = {p["id"]: p for p in _read(base / "Patient.000.ndjson")}
    practitioners = _read(base / "Practitioner.000.ndjson")
    orgs = _read(base / "Organization.000.ndjson")
    stats = stats if stats is not None else {}

    raw_to_clean: dict[str, str] = {}
    for res in list(patients.values()) + practitioners:
        for n in res.get("name", []):
            for tok in n.get("given", []) + [n.get("family", "")]:
                for t in tok.split():
                    if t and t != clean_name(t):
                        raw_to_clean[t] = clean_name(t)
    raw_re = re.compile(
        r"\b(" + "|".join(sorted(map(re.escape, raw_to_clean), key=len, reverse=True)) + r")\b"
    )

    def unsuffix(s: str) -> str:
        return raw_re.sub(lambda m: raw_to_clean[m.group(1)], s)

    provider_names = sorted(
        {
            unsuffix(" ".join(n.get("given", []) + [n.get("family", "")]))
            for p in practitioners
            for n in p.get("name", [])
        }
    )
    org_names = sorted({o["name"] for o in orgs if o.get("name")})

    by_patient: dict[str, list[dict[str, Any]]] = {}
    for dr in _read(base / "DocumentReference.000.ndjson"):
        pid = dr["subject"]["reference"].split("/")[-1]
        by_patient.setdefault(pid, []).append(dr)

    docs = []
    stats["synthea_notes_total"] = sum(len(v) for v in by_patient.values())
    for pid in sorted(by_patient):
        notes = sorted(by_patient[pid], key=lambda d: _h(d["id"]))[:cap]
        if limit is not None:
            notes = notes[:limit]
        pat = patients.get(pid)
        if pat is None:
            raise ValueError(f"synthea: note subject {pid} has no Patient record")
        names = pat.get("name", [])
        given = [clean_name(g) for n in names for g in n.get("given", [])]
        family = [clean_name(n["family"]) for n in names if n.get("family")]
        official = next((n for n in names if n.get("use") == "official"), names[0] if names else {})
        full_name = " ".join(
            [clean_name(g) for g in official.get("given", [])] + [clean_name(official.get("family", ""))]
        ).strip()
        addr = (pat.get("address") or [{}])[0]
        phone = next((t["value"] for t in pat.get("telecom", []) if t.get("system") == "phone"), None)
        mrn = _ident(pat, "MR")
        ssn = _ident(pat, "SS")
        dob = pat.get("birthDate")
        # single tokens of fewer than 3 letters ("An") only count inside a longer name sequence
        patient_tokens = sorted(
            {t for t in given + family if len(t) >= 3}
            | {" ".join(clean_name(g) for g in n.get("given", [])) for n in names}
            | {full_name},
            key=len,
            reverse=True,
        )
        for dr in sorted(notes, key=lambda d: d["id"]):
            raw = next(
                c["attachment"]
                for c in dr["content"]
                if c["attachment"].get("contentType", "").startswith("text/plain")
            )
            body = unsuffix(base64.b64decode(raw["data"]).decode("utf-8"))
            author = unsuffix(dr.get("author", [{}])[0].get("display", ""))
            custodian = dr.get("custodian", {}).get("display", "")
            b = TextBuilder()
            kind = _h("hdr:" + dr["id"]) % 3
            if kind >= 1:
                if kind == 2:
                    b.add("PATIENT: ").add(full_name, "PATIENT").add("\nDOB: ").add(dob or "", "DATE")
                    b.add("   MRN: ").add(mrn or "", "MRN").add("\nSSN: ").add(ssn or "", "SSN")
                    b.add("\nADDRESS: ").add(" ".join(addr.get("line", [])), "STREET").add(", ")
                    b.add(addr.get("city", ""), "CITY").add(", ").add(addr.get("state", ""), "STATE").add(" ")
                    b.add(addr.get("postalCode", ""), "ZIP")
                    if phone:
                        b.add("\nPHONE: ").add(phone, "PHONE")
                    b.add("\n")
                if author:
                    m = re.match(r"(Dr\.?\s+)?(.*)", author)
                    b.add("Author: " + (m.group(1) or "")).add(m.group(2), "PROVIDER")
                if custodian:
                    b.add("\nFacility: ").add(
                        smart_title(custodian) if _h("case:" + dr["id"]) % 2 else custodian, "HOSPITAL"
                    )
                b.add("\n")
            offset = b.pos
            text = b.text + body
            spans = list(b.spans)
            body_spans = []
            for tok in patient_tokens:
                for st, en in find_all(body, tok):
                    body_spans.append({"start": st, "end": en, "label": "PATIENT"})
            for nm in provider_names:
                for st, en in find_all(body, nm):
                    body_spans.append({"start": st, "end": en, "label": "PROVIDER"})
            for nm in org_names:
                for st, en in find_all(body, nm):
                    body_spans.append({"start": st, "end": en, "label": "HOSPITAL"})
            for m in re.finditer(r"\b\d{4}-\d{2}-\d{2}\b", body):
                body_spans.append({"start": m.start(), "end": m.end(), "label": "DATE"})
            for m in re.finditer(r"\b(\d{2,3})(?=[ -]years?[ -]old)", body):
                if int(m.group(1)) > 89:
                    body_spans.append({"start": m.start(), "end": m.end(), "label": "AGE"})
            body_spans = _merge_names(body, resolve_overlaps(body_spans))
            for s in body_spans:
                spans.append({"start": s["start"] + offset, "end": s["end"] + offset, "label": s["label"]})
            spans = resolve_overlaps(spans)
            for s in spans:
                s["value"] = text[s["start"] : s["end"]]
            docs.append(
                {
                    "id": f"synthea:{pid}:{dr['id']}",
                    "text": text,
                    "spans": spans,
                    "source": "synthea",
                    "split": split_of(f"synthea:{pid}"),
                    "patient_id": pid,
                    "patient_name": full_name,
                    "dob": dob,
                    "mrn": mrn,
                    "note_type": (dr.get("type", {}).get("coding") or [{}])[0].get("display"),
                }
            )
    stats["synthea_notes_kept"] = len(docs)
    return docs


def _merge_names(text: str, spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Join name spans of one label separated only by spaces ("Sumiko" "Larue" -> "Sumiko Larue")."""
    out: list[dict[str, Any]] = []
    for s in spans:
        if (
            out
            and s["label"] == out[-1]["label"]
            and s["label"] in ("PATIENT", "PROVIDER")
            and re.fullmatch(r"[ \t]+", text[out[-1]["end"] : s["start"]] or "x")
        ):
            out[-1] = {**out[-1], "end": s["end"]}
        else:
            out.append(dict(s))
    return out
