#!/usr/bin/env python3
"""Validates lexgate's OSCAL assessment results against NIST's OSCAL 1.0.6 JSON schema, and
checks what a GRC tool reads from them: a finding per rule judged, the evidence, the waivers.

Usage: validate_oscal.py LEXGATE SOURCE_DIR
Exits 77 (skipped) when ../shared/conformance/oscal is absent, as in a user's clone.
"""
import json
import os
import subprocess
import sys
import tempfile

SKIP = 77


def python_patterns(node):
    """NIST's schema writes its patterns for ECMAScript with Unicode classes (\\p{L}, \\p{N})
    that Python's `re` lacks; the same classes in Python's Unicode-aware syntax."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                value = value.replace("\\p{L}", "[^\\W\\d_]").replace("\\p{N}", "\\d")
            out[key] = python_patterns(value)
        return out
    if isinstance(node, list):
        return [python_patterns(v) for v in node]
    return node


def fail(message):
    print(message)
    sys.exit(1)


def run(lexgate, source, args):
    done = subprocess.run([lexgate, "check", *args, "--format", "oscal"], cwd=source,
                          capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        fail(f"lexgate {' '.join(args)} failed ({done.returncode}): {done.stderr}")
    return json.loads(done.stdout)["assessment-results"]


def main():
    lexgate, source = sys.argv[1], sys.argv[2]
    schema_path = os.path.join(source, "..", "shared", "conformance", "oscal",
                               "oscal_assessment-results_schema.json")
    if not os.path.exists(schema_path):
        print("skipped: ../shared/conformance/oscal/oscal_assessment-results_schema.json is not present")
        return SKIP
    try:
        import jsonschema
    except ImportError:
        print("skipped: the Python jsonschema module is not installed (Debian: python3-jsonschema)")
        return SKIP
    with open(schema_path, encoding="utf-8") as f:
        schema = python_patterns(json.load(f))
    validator = jsonschema.Draft7Validator(schema)

    with tempfile.TemporaryDirectory() as tmp:
        waivers = os.path.join(tmp, "waivers.yaml")
        with open(waivers, "w", encoding="utf-8") as f:
            f.write("- rule: au.pspf_direction_001_2025.deepseek_on_government_systems\n"
                    "  justification: exemption requested\n"
                    "  approver: CISO\n"
                    "  expires: 2099-12-31\n")
        cases = [
            ["fixtures/profiles/helpdesk-multi-market.yaml", "--as-of", "2025-03-01"],
            ["fixtures/profiles/deepseek-app-2025-02.yaml", "--as-of", "2025-02-20"],
            ["fixtures/profiles/deepseek-gov-au.yaml", "--as-of", "2025-03-01"],
            ["fixtures/profiles/deepseek-gov-au.yaml", "--as-of", "2025-03-01",
             "--waivers", waivers],
            ["fixtures/profiles/cn-public-chatbot-unknown.yaml",
             "fixtures/profiles/cn-public-chatbot-filed.yaml", "--as-of", "2025-03-01"],
        ]
        documents = []
        for args in cases:
            doc = run(lexgate, source, args)
            errors = sorted(validator.iter_errors({"assessment-results": doc}), key=str)
            if errors:
                fail(f"{args}: not valid OSCAL: {errors[0].message} at "
                     f"{list(errors[0].absolute_path)}")
            if len(doc["results"]) != 1:
                fail(f"{args}: expected one result, got {len(doc['results'])}")
            documents.append(doc)
            print(f"{' '.join(args)}: {len(doc['results'][0].get('findings', []))} findings "
                  "valid against OSCAL 1.0.6 assessment results")

    # The same inputs give the same document (v5 UUIDs, as-of timestamps).
    if run(lexgate, source, cases[0]) != documents[0]:
        fail("two runs on the same inputs differ")

    # The blocked AU profile: the DeepSeek rule is not satisfied, cites its article, and its
    # observation carries the profile line that decided it.
    blocked = documents[2]
    result = blocked["results"][0]
    rule = "au.pspf_direction_001_2025.deepseek_on_government_systems"
    hits = [f for f in result["findings"] if f["target"]["target-id"] == rule]
    if not hits or hits[0]["target"]["status"]["state"] != "not-satisfied":
        fail(f"{rule} should be not-satisfied")
    if not hits[0]["target"].get("title"):
        fail(f"{rule} carries no citation")
    obs_id = hits[0]["related-observations"][0]["observation-uuid"]
    obs = [o for o in result["observations"] if o["uuid"] == obs_id][0]
    if not any("deepseek-gov-au.yaml:" in e["description"] for e in obs["relevant-evidence"]):
        fail("the observation does not locate its evidence in the profile")
    if not any(f["target"]["status"]["state"] == "satisfied" for f in
               documents[0]["results"][0]["findings"]):
        fail("no satisfied finding for the helpdesk profile")
    digest = [p["value"] for p in result["props"] if p["name"] == "rule-library-sha256"]
    hashes = blocked["back-matter"]["resources"][0]["rlinks"][0]["hashes"]
    if not digest or hashes[0]["value"] != digest[0] or len(digest[0]) != 64:
        fail("the rule library digest is missing")

    # The waiver: an approved deviation with its approver and expiry.
    waived = documents[3]
    risks = waived["results"][0].get("risks", [])
    if len(risks) != 1 or risks[0]["status"] != "deviation-approved":
        fail(f"expected one approved deviation, got {risks}")
    if not risks[0]["deadline"].startswith("2099-12-31"):
        fail("the deviation does not expire with the waiver")
    party = risks[0]["origins"][0]["actors"][0]["actor-uuid"]
    if [p["name"] for p in waived["metadata"]["parties"] if p["uuid"] == party] != ["CISO"]:
        fail("the approver is not the risk's origin")
    print("findings, evidence, digest and waivers as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
