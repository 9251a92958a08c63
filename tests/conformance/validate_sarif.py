#!/usr/bin/env python3
"""Validates lexgate's SARIF output against the official SARIF 2.1.0 schema.

Usage: validate_sarif.py LEXGATE SOURCE_DIR
Exits 77 (skipped) when ../shared/conformance is absent, as in a user's clone.
"""
import json
import os
import subprocess
import sys

SKIP = 77


def main():
    lexgate, source = sys.argv[1], sys.argv[2]
    schema_path = os.path.join(source, "..", "shared", "conformance", "sarif-schema-2.1.0.json")
    if not os.path.exists(schema_path):
        print("skipped: ../shared/conformance/sarif-schema-2.1.0.json is not present")
        return SKIP
    try:
        import jsonschema
    except ImportError:
        print("skipped: the Python jsonschema module is not installed (Debian: python3-jsonschema)")
        return SKIP
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    cases = [
        ("fixtures/profiles/helpdesk-multi-market.yaml", "2025-03-01"),
        ("fixtures/profiles/deepseek-app-2025-02.yaml", "2025-02-20"),
        # Resolved names on the run and on results, a name match among them.
        ("fixtures/names/reupload-gov-tw.yaml", "2025-03-01"),
    ]
    for profile, as_of in cases:
        run = subprocess.run([lexgate, "check", profile, "--as-of", as_of, "--format", "sarif"],
                             cwd=source, capture_output=True, text=True, check=False)
        if run.returncode not in (0, 1):
            print(f"lexgate failed on {profile}: {run.stderr}")
            return 1
        sarif = json.loads(run.stdout)
        jsonschema.validate(sarif, schema)
        results = sarif["runs"][0]["results"]
        if not results:
            print(f"{profile}: no results to validate")
            return 1
        with open(os.path.join(source, profile), encoding="utf-8") as f:
            lines = f.read().split("\n")
        for r in results:
            region = r["locations"][0]["physicalLocation"]["region"]
            line = lines[region["startLine"] - 1]
            if region["startLine"] > 1 and not line.strip():
                print(f"{profile}: result {r['ruleId']} points at an empty line")
                return 1
        print(f"{profile}: {len(results)} results valid against SARIF 2.1.0")
    # `scan --format sarif`: one run over every profile of a folder.
    run = subprocess.run([lexgate, "scan", "fixtures/profiles", "--as-of", "2025-03-01",
                          "--format", "sarif"], cwd=source, capture_output=True, text=True,
                         check=False)
    if run.returncode not in (0, 1):
        print(f"lexgate scan failed: {run.stderr}")
        return 1
    sarif = json.loads(run.stdout)
    jsonschema.validate(sarif, schema)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in sarif["runs"][0]["results"]}
    if len(uris) < 2:
        print(f"scan: results cover {len(uris)} profile(s), expected several")
        return 1
    print(f"scan fixtures/profiles: results on {len(uris)} profiles valid against SARIF 2.1.0")
    return 0


if __name__ == "__main__":
    sys.exit(main())
