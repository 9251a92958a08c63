#!/usr/bin/env python3
"""The layer order of docs/architecture.md holds for every include of the engine and checker.

Reads the arrow line (`source → syntax → … → report`) from docs/architecture.md and fails when a
file includes a header of a later layer. A file's layer is its folder (engine/src/<layer>/,
checker/report/, checker/commands/); a public header and a file at the top of engine/src names
its layer on its first lines, `(layer: NAME)`. The command line (checker/) comes after every
layer.
    check_layers.py SOURCE_DIR
"""
import pathlib
import re
import sys

FOLDERS = {  # folder under the source tree -> layer
    "engine/src/source": "source",
    "engine/src/syntax": "syntax",
    "engine/src/check": "check",
    "engine/src/compile": "compile",
    "engine/tools": "compile",
    "engine/src/io": "profile",
    "engine/src/artifacts": "profile",
    "engine/src/eval": "evaluate",
    "engine/src/analyse": "analyse",
    "checker/report": "report",
    "checker/commands": "cli",
    "checker": "cli",
}
TAG = re.compile(r"\(layer: ([a-z]+)\)")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def main(root: pathlib.Path) -> int:
    arch = (root / "docs/architecture.md").read_text(encoding="utf-8")
    arrow = next((line for line in arch.splitlines() if line.count("→") >= 3), None)
    if arrow is None:
        print("docs/architecture.md: no arrow line (`source → syntax → …`)")
        return 1
    order = [name.strip() for name in arrow.split("→")] + ["cli"]
    rank = {name: i for i, name in enumerate(order)}
    for layer in set(FOLDERS.values()):
        if layer not in rank:
            print(f"docs/architecture.md: the arrow line does not name the layer `{layer}`")
            return 1

    search = [root / "engine/include", root / "engine/src", root / "checker"]
    problems = []

    tagged = {root / "engine/include/lexgate", root / "engine/src"}

    def layer_of(path: pathlib.Path):
        rel = path.relative_to(root).as_posix()
        if path.parent not in tagged:
            folder = max((f for f in FOLDERS if rel.startswith(f + "/")), key=len, default=None)
            if folder is not None:
                return FOLDERS[folder]
        head = "\n".join(path.read_text(encoding="utf-8").splitlines()[:3])
        m = TAG.search(head)
        if m is None:
            problems.append(f"{rel}:1: name the file's layer on its first lines: `(layer: NAME)`")
            return None
        if m.group(1) not in rank:
            problems.append(f"{rel}:1: `{m.group(1)}` is not a layer of docs/architecture.md")
            return None
        return m.group(1)

    files = [p for d in ("engine", "checker") for p in sorted((root / d).rglob("*"))
             if p.suffix in (".hpp", ".cpp")]
    layers = {p.resolve(): layer_of(p) for p in files}
    checked = 0
    for path in files:
        mine = layers[path.resolve()]
        if mine is None:
            continue
        text = path.read_text(encoding="utf-8")
        for m in INCLUDE.finditer(text):
            target = next(((d / m.group(1)).resolve() for d in [path.parent] + search
                           if (d / m.group(1)).is_file()), None)
            if target not in layers:
                continue  # generated at build time, or not lexgate's
            theirs = layers[target]
            checked += 1
            if theirs is not None and rank[theirs] > rank[mine]:
                line = text.count("\n", 0, m.start()) + 1
                problems.append(f"{path.relative_to(root)}:{line}: layer `{mine}` includes "
                                f"\"{m.group(1)}\" of the later layer `{theirs}` "
                                f"(order: {' → '.join(order[:-1])})")
    for p in problems:
        print(p)
    if problems:
        return 1
    print(f"{checked} includes of {len(files)} files follow {' → '.join(order[:-1])}")
    return 0


if __name__ == "__main__":
    sys.exit(main(pathlib.Path(sys.argv[1]).resolve()))
