"""Convert the PETRARCH2 CAMEO verb dictionary into onrecord's shipped verb tables.

    python scripts/convert_verb_patterns.py ../shared/data/actors/CAMEO.verbpatterns.150430.txt

writes ``src/onrecord/data/plover/cameo_verbs.tsv`` (verb or multi-word verb, lower case ->
CAMEO code of the verb alone: its own ``[code]`` or its block's) and
``cameo_verb_patterns.tsv`` (verb, the first word after the verb in a pattern, synsets
expanded -> CAMEO code). Words without a final ``_`` in the source are stems ("cooperat"):
the readers match them as prefixes. Source: openeventdata/petrarch2, MIT (the licence is in
``data/actors/LICENSE-petrarch2``).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "onrecord" / "data" / "plover"
BLOCK = re.compile(r"^---\s*(.*?)\s*\[([^\]]*)\]\s*---")
CODE = re.compile(r"\[([^\]]*)\]")
SKIP = {"*", "+", "$", "^", "%", "(", ")", "{", "}"}


def _code(raw: str) -> str | None:
    code = raw.split(":")[0].strip()
    return code if re.fullmatch(r"\d{2,4}", code) else None


def _word(raw: str) -> str:
    return raw.rstrip("_").replace("_", " ").lower()


def convert(path: Path) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    synsets: dict[str, list[str]] = {}
    verbs: dict[str, str] = {}
    patterns: dict[tuple[str, str], str] = {}
    current_synset: str | None = None
    block_code: str | None = None
    block_verbs: list[str] = []
    for raw in path.read_text(encoding="latin-1").splitlines():
        line, _, comment = raw.partition("#")
        line = line.rstrip()
        if not line.strip():
            continue
        if line.startswith("&"):
            current_synset = line.strip().rstrip("_")
            synsets[current_synset] = []
            continue
        if line.startswith("+") and current_synset is not None and block_code is None:
            synsets[current_synset].append(_word(line[1:].strip()))
            continue
        match = BLOCK.match(line)
        if match:
            current_synset = None
            block_code = _code(match.group(2)) or "---"
            block_verbs = []
            continue
        if block_code is None:
            continue
        if line.startswith("-"):
            code = _code(CODE.findall(line)[-1]) if CODE.search(line) else None
            body = CODE.sub("", line[1:]).split()
            if "*" not in body or code is None:
                continue
            after = [t for t in body[body.index("*") + 1 :] if t not in SKIP]
            if not after:
                continue
            first = after[0]
            heads = (
                [w.split()[-1] for w in synsets.get(first.rstrip("_"), [])]
                if first.startswith("&")
                else [_word(first).split()[-1]]
                if _word(first)
                else []
            )
            # The comment names the verb the pattern was written for ("# STRIKE <SLS ...>").
            named = comment.split()[0].rstrip(",").replace("_", " ").lower() if comment else ""
            targets = [named] if named in block_verbs else block_verbs
            for verb in targets:
                for head in heads:
                    if head.startswith("&"):
                        continue
                    patterns.setdefault((verb, head), code)
            continue
        # A verb line: VERB {irregular forms} [own code]
        head = re.sub(r"\{[^}]*\}", "", CODE.sub("", line)).strip()
        if not head or not re.fullmatch(r"[A-Z+][A-Z_+\-]*", head.split()[0]):
            continue
        verb = head.split()[0].replace("+", "")
        verb = _word(verb)
        own = CODE.search(line)
        code = _code(own.group(1)) if own else None
        if own and code is None:
            code = "---"
        code = code or block_code
        block_verbs.append(verb)
        if code != "---":
            verbs.setdefault(verb, code)
    return verbs, patterns


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="CAMEO.verbpatterns.*.txt")
    args = parser.parse_args()
    verbs, patterns = convert(args.source)
    header = (
        "# The PETRARCH2 CAMEO verb dictionary (openeventdata/petrarch2, MIT: see\n"
        f"# data/actors/LICENSE-petrarch2), {args.source.name}, converted by\n"
        "# scripts/convert_verb_patterns.py. Codes are CAMEO (map with cameo_to_plover.tsv).\n"
    )
    lines = [header + "# verb\tCAMEO code"] + [f"{v}\t{c}" for v, c in sorted(verbs.items())]
    (OUT / "cameo_verbs.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = [header + "# verb\tfirst word after the verb (a stem unless whole)\tCAMEO code"]
    lines += [f"{v}\t{w}\t{c}" for (v, w), c in sorted(patterns.items())]
    (OUT / "cameo_verb_patterns.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"verbs: {len(verbs)}  patterns: {len(patterns)}")


if __name__ == "__main__":
    main()
