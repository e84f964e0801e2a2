"""Convert the Phoenix/PETRARCH2 actor and agent dictionaries into onrecord's shipped tables.

    python scripts/convert_actor_dictionaries.py ../shared/data/actors

writes ``src/onrecord/data/actors/actors.tsv`` (one actor a line: key, default code, dated
roles, name variants) and ``agents.tsv`` (agent word -> CAMEO sector code), the compact forms
``onrecord.entities.actor_dictionary`` reads. The dictionaries are MIT (openeventdata/petrarch2,
``LICENSE-petrarch2``, copied next to the tables). The format of the sources is described in
their ``dictionaries.rst``: a primary phrase (optionally ``[CODE]``), ``+`` synonym lines, and
tab-indented ``[CODE date-restriction]`` lines; ``_`` joins words.
"""

from __future__ import annotations

import argparse
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "onrecord" / "data" / "actors"
ACTOR_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
CODE = re.compile(r"\[([^\]]*)\]")
RESTRICTION = re.compile(r"^([A-Z~\-]+)\s*(?:([<>])\s*(\d{6,8})|(\d{6,8})\s*-\s*(\d{6,8}))?$")


def normalise(phrase: str) -> str:
    """The look-up form of a name: lower case, words split at ``_``, space and hyphen, no dots."""
    phrase = phrase.replace("_", " ").replace("-", " ").lower()
    phrase = re.sub(r"[.'’`,()]", "", phrase)
    return " ".join(phrase.split())


def iso_date(raw: str) -> str | None:
    """``YYMMDD`` or ``YYYYMMDD`` as ``YYYYMMDD`` (two-digit years up to 30 are 20xx)."""
    if len(raw) == 6:
        year = int(raw[:2])
        raw = f"{2000 + year if year <= 30 else 1900 + year}{raw[2:]}"
    if len(raw) != 8 or not ("01" <= raw[4:6] <= "12") or not ("01" <= raw[6:] <= "31"):
        return None
    return raw


@dataclass
class Actor:
    key: str
    default: str | None = None
    names: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)  # CODE:START-END, either end may be empty


def _strip_comment(line: str) -> str:
    return re.split(r"[#;]", line, maxsplit=1)[0].rstrip()


def _role(body: str) -> str | None:
    """``RUSGOV >080508`` as ``RUSGOV:20080508-``; None for a null or malformed restriction."""
    match = RESTRICTION.match(" ".join(body.split()))
    if not match or match.group(1).strip("-") == "":
        return None
    code, side, single, start, end = match.groups()
    if single:
        day = iso_date(single)
        if day is None:
            return None
        return f"{code}:{day}-" if side == ">" else f"{code}:-{day}"
    if start:
        first, last = iso_date(start), iso_date(end)
        if first is None or last is None:
            return None
        return f"{code}:{first}-{last}"
    return f"{code}:-"


def read_actors(path: Path) -> list[Actor]:
    actors: list[Actor] = []
    pending: list[Actor] = []  # codeless primaries waiting for the codes of the next record
    current: Actor | None = None

    def close() -> None:
        nonlocal current
        if current is None:
            return
        if current.default is None and not current.roles:
            pending.append(current)
        else:
            for waiting in pending:
                waiting.default, waiting.roles = current.default, list(current.roles)
                actors.append(waiting)
            pending.clear()
            actors.append(current)
        current = None

    for raw in path.read_text(encoding="latin-1").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        line = _strip_comment(raw)
        if not line.strip():
            continue
        if raw[0] in " \t":
            if current is None:
                continue
            for body in CODE.findall(line):
                role = _role(body)
                if role is None:
                    continue
                if role.endswith(":-") and current.default is None:
                    current.default = role[:-2]
                elif not role.endswith(":-"):
                    current.roles.append(role)
            continue
        if line.startswith("+"):
            if current is not None:
                for synonym in line[1:].split("+"):
                    name = normalise(CODE.sub("", synonym))
                    if name:
                        current.names.append(name)
            continue
        close()
        phrase = CODE.sub("", line).strip()
        key = phrase.strip("_ ").upper()
        current = Actor(key=re.sub(r"\s+", "_", key))
        codes = CODE.findall(line)
        if codes and codes[0].strip("- "):
            current.default = codes[0].strip().split()[0]
        current.names.append(normalise(phrase))
    close()
    return actors


def write_actors(actors: list[Actor], out: Path) -> int:
    seen: dict[str, Actor] = {}
    for actor in actors:
        if actor.key in seen:  # a repeated key adds its names and roles to the first record
            first = seen[actor.key]
            first.names += actor.names
            first.roles += actor.roles
            first.default = first.default or actor.default
        else:
            seen[actor.key] = actor
    lines = [
        "# Phoenix/PETRARCH2 actor dictionaries (openeventdata/petrarch2, MIT: LICENSE-petrarch2),",
        "# converted by scripts/convert_actor_dictionaries.py. Roles are CAMEO codes (country +",
        "# sector, e.g. RUSGOV) with inclusive YYYYMMDD ranges, either end open; names are",
        "# lower case, words separated by one space, no dots or apostrophes.",
        "# key\tdefault code\troles\tnames",
    ]
    for actor in seen.values():
        names = list(dict.fromkeys(n for n in actor.names if n))
        if not names or (actor.default is None and not actor.roles):
            continue
        roles = ",".join(dict.fromkeys(actor.roles)) or "-"
        lines.append(f"{actor.key}\t{actor.default or '-'}\t{roles}\t{'|'.join(names)}")
    (out / "actors.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - 5


def _plurals(word: str) -> list[str]:
    if word.endswith("y") and not word.endswith(("ay", "ey", "oy", "uy")):
        return [word[:-1] + "ies"]
    if word.endswith(("ss", "sh", "ch", "x")):
        return [word + "es"]
    if word.endswith("s"):
        return []
    return [word + "s"]


def read_agents(path: Path) -> dict[str, str]:
    """Agent phrase -> sector code (``[~GOVPRS]`` -> GOVPRS), with generated regular plurals."""
    substitutions: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("!") and "=" in line:
            marker, values = line.split("=", 1)
            substitutions[marker.strip()] = [v.strip() for v in values.split(",") if v.strip()]
            continue
        codes = CODE.findall(line)
        if not codes:
            continue
        code = codes[0].replace("~", "").strip()
        if not re.fullmatch(r"[A-Z]{3,}", code):
            continue
        head = CODE.sub("", line)
        plural_block = re.search(r"\{([^}]*)\}", head)
        phrase = re.sub(r"\{[^}]*\}", "", head).strip()
        variants = [phrase]
        for marker, values in substitutions.items():
            if marker in phrase:
                variants = [phrase.replace(marker, value) for value in values]
        for variant in variants:
            base = normalise(variant)
            if not base:
                continue
            forms = [base]
            if plural_block is not None:
                forms += [normalise(p) for p in plural_block.group(1).split() if p.strip()]
            elif "!" not in phrase:  # substituted forms get no further plurals
                words = base.split()
                forms += [" ".join([*words[:-1], p]) for p in _plurals(words[-1])]
            for form in forms:
                agents.setdefault(form, code)
    return agents


def write_agents(agents: dict[str, str], out: Path) -> int:
    lines = [
        "# Phoenix/PETRARCH2 agents dictionary (openeventdata/petrarch2, MIT: LICENSE-petrarch2),",
        "# converted by scripts/convert_actor_dictionaries.py: an agent word or phrase (lower",
        "# case, regular plurals generated) and its CAMEO code, whose first three letters are the",
        "# sector (GOV government, MIL military, REB rebels, OPP opposition, ...).",
        "# agent\tcode",
    ]
    lines += [f"{agent}\t{code}" for agent, code in sorted(agents.items())]
    (out / "agents.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(agents)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder with the Phoenix.*.txt dictionaries")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    actors = [a for name in ACTOR_FILES for a in read_actors(args.source / name)]
    print("actors:", write_actors(actors, OUT))
    print("agents:", write_agents(read_agents(args.source / "Phoenix.agents.txt"), OUT))
    shutil.copyfile(args.source / "LICENSE-petrarch2", OUT / "LICENSE-petrarch2")


if __name__ == "__main__":
    main()
