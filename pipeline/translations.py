"""Which version of the other language each section of a page was last checked against
(docs/contributing.en.md#translations): ``docs/translations.json`` holds the digests of both languages' text
(prose and alt text, not code; wrapping ignored) of each ``##``/``###`` section, named by its ``{#id}`` or its
position (``0``: the title and the prose above the first ``##``), as they were when last checked.

    python3 dev.py translations                         # what changed since it was checked
    python3 dev.py translations check docs/x.md '#id'   # both languages say the same now
    python3 dev.py translations check --all             # every section of every page
"""

import hashlib
import json
import sys
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path

from pipeline.page import DOCS, Figure, Heading, Page, Prose, pages, split_file_name

RECORD = DOCS / "translations.json"
COMMAND = "python3 dev.py translations check"


@dataclass(frozen=True)
class Section:
    id: str  # the heading's {#id}, else its position
    heading: Heading | None  # the ## or ### heading; the page's title for section 0
    title: str  # the heading's text ("top" for a page without a title)
    digest: str


def sections(page: Page) -> list[Section]:
    """The sections of ``page``, in order; each digest is of its prose's words and its figures' alt text."""
    found = []
    for n, part in enumerate(page.sections(levels=(2, 3))):
        words = [f"![{b.alt}]" if isinstance(b, Figure) else " ".join(b.lines)
                 for b in part.blocks if isinstance(b, (Figure, Prose))]
        digest = hashlib.sha256(" ".join(" ".join(words).split()).encode()).hexdigest()[:16]
        heading = part.heading or page.title  # the first part has none
        found.append(Section((part.heading and part.heading.id) or str(n), heading,
                             heading.text if heading else "top", digest))
    return found


def pair(zh: Page, en: Page) -> list[tuple[Section, Section]]:
    """The two pages' sections side by side; ``ValueError`` where they do not pair up."""
    a, b = sections(zh), sections(en)
    for x, y in zip_longest(a[1:], b[1:]):  # section 0 always pairs up
        if not (x and y and (x.heading.level, x.id) == (y.heading.level, y.id)):
            raise ValueError(f"sections differ: {_shown(zh, x)} vs {_shown(en, y)}: the two languages need "
                             "the same ## and ### headings, in the same order, with the same {#id}s")
    return list(zip(a, b))


def _shown(page: Page, s: Section | None) -> str:
    """Where and how the section's heading is written: ``docs/x.md:12 ## Title {#id}``."""
    if s is None:
        return f"{page.path}: no more headings"
    return f"{page.path}:{s.heading.line} {'#' * s.heading.level} {s.title} {{#{s.id}}}"


def problems(zh: Page, en: Page, record: dict) -> list[str]:
    """Each section of the pair whose texts are not the ones recorded, with the command that records them."""
    try:
        pairs = pair(zh, en)
    except ValueError as error:
        return [str(error)]
    entries = record.get(zh.name)
    if entries is None:
        return [f"{zh.path}: no translation record for this page: {_command(zh.path, [])}"]
    found = []
    for a, b in pairs:
        changed = [name for name, s, old in zip(("Chinese", "English"), (a, b), entries.get(a.id, "").split())
                   if s.digest != old]
        if a.id not in entries:
            why = "a new section, not recorded yet"
        elif changed:
            why = f"the {' and the '.join(changed)} text changed since the two were last checked"
        else:
            continue
        found.append(f"{zh.path} '#{a.id}' ({a.title} / {b.title}): {why}\n"
                     f"  once both languages say the same: {_command(zh.path, [a.id])}")
    gone = [i for i in entries if i not in {a.id for a, _ in pairs}]
    if gone:
        found.append(f"{zh.path}: {', '.join(gone)} recorded, but the page has no such section any more: "
                     f"forget them with {_command(zh.path, gone)}")
    return found


def _command(page: str, ids: list[str]) -> str:
    return " ".join([COMMAND, page, *(f"'#{i}'" for i in ids)])


def mark(zh: Page, en: Page, record: dict, ids: list[str] | None = None) -> None:
    """Record sections ``ids`` of the pair (all when ``None``) as checked; forget those no longer on the page.
    ``ValueError`` for a pair whose sections differ, or an id of no section."""
    pairs = pair(zh, en)
    entries = record.get(zh.name, {})
    unknown = [i for i in ids or [] if i not in entries and i not in {a.id for a, _ in pairs}]
    if unknown:
        raise ValueError(f"{zh.path} has no section {', '.join(unknown)}; its sections: "
                         + ", ".join(f"'#{a.id}' ({b.title})" for a, b in pairs))
    record[zh.name] = {}
    for a, b in pairs:
        if ids is None or a.id in ids:
            record[zh.name][a.id] = f"{a.digest} {b.digest}"
        elif a.id in entries:
            record[zh.name][a.id] = entries[a.id]


def load(path: Path = RECORD) -> dict[str, dict[str, str]]:
    """The record: page name -> section id -> "<digest of the Chinese> <digest of the English>"."""
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def save(record: dict[str, dict[str, str]], path: Path = RECORD) -> None:
    path.write_text(json.dumps(dict(sorted(record.items())), indent=2) + "\n", encoding="utf-8")


def page_pairs() -> list[tuple[Page, Page]]:
    """Every page written in both languages: (docs/x.md, docs/x.en.md)."""
    english = {p.name: p for p in pages() if p.language == "en"}
    return [(p, english[p.name]) for p in pages() if p.language == "zh" and p.name in english]


def main(argv: list[str], path: Path = RECORD) -> int:
    """No argument: report, exit 1 on any problem. ``check PAGE ['#id' ...]`` / ``check --all``: record."""
    record, pairs = load(path), page_pairs()
    names = {zh.name for zh, _ in pairs}
    if not argv:
        found = [p for zh, en in pairs for p in problems(zh, en, record)]
        found += [f"'{n}' is recorded but docs/{n}.md is gone: {COMMAND} {n}" for n in record if n not in names]
        print("\n".join(found) or "every section of every page is checked against its translation")
        return 1 if found else 0
    if argv[0] != "check" or len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    every, name = argv[1:] == ["--all"], split_file_name(argv[1])[0]
    if every:
        record.clear()
    elif name not in names:
        if record.pop(name, None) is None:
            print(f"{argv[1]}: no page docs/{name}.md with docs/{name}.en.md", file=sys.stderr)
            return 1
        print(f"forgot {name}")
    try:
        for zh, en in pairs:
            if every or zh.name == name:
                mark(zh, en, record, [i.removeprefix("#") for i in argv[2:]] or None)
                print(f"{zh.path}: checked {' '.join(argv[2:]) or 'every section'}")
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    save(record, path)
    return 0
