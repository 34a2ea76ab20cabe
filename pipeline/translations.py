"""Which version of the other language each section of a page was last checked against.

The two languages of a page (``docs/x.md`` and ``docs/x.en.md``) have the same
sections in the same order. A section is a ``##`` or ``###`` heading with the
prose under it, down to the next ``##``/``###`` heading; section ``0`` is the
page's title and the prose above its first ``##``. A section's id is the
heading's ``{#id}`` where it has one, else its position (``3``: the third
heading). Its text is its :class:`~pipeline.page.Prose` lines and its figures'
alt text, read from the page model: code is left out (``parity_problems`` keeps
it identical in both languages already); its digest ignores how lines are wrapped.

``docs/translations.json`` records, per page and section, the digests of both
languages' texts when someone last said they agree (``checked``), or that one
language is ahead and the other's translation is ``pending``. The tests fail when
a section's texts differ from the record, naming the section and the command
that records it again; the site shows a notice in a pending section of the
language that is behind (``hooks/translations.py``).

    python3 dev.py translations                          # what is stale or pending
    python3 dev.py translations check docs/x.md '#id'    # both languages say the same now
    python3 dev.py translations check --all              # every section of every page
    python3 dev.py translations pending docs/x.md '#id'  # publish with a "translation pending" notice
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from pipeline.page import DOCS, Figure, Page, PageError, Prose, file_name, pages, parse, parse_text, split_file_name

RECORD = DOCS / "translations.json"
CHECKED, PENDING = "checked", "pending"
COMMAND = "python3 dev.py translations"
NAMES = {"zh": "Chinese", "en": "English"}
_EITHER = " --updated zh   # or en: the language that is ahead"

NOTICE = {
    # (the page's language, the language that was updated): the admonition shown in the section
    ("zh", "en"): ('!!! warning translation-pending "翻译待更新"', "此节的英文版已更新，中文翻译待更新。"),
    ("en", "zh"): ('!!! warning translation-pending "Translation pending"',
                   "This section's Chinese version was updated; the English translation is pending."),
}


class TranslationError(ValueError):
    """A command that cannot be carried out; the message says what to write instead."""


@dataclass(frozen=True)
class Section:
    id: str  # the heading's {#id}, else its position ("0": the title and the prose above the first ##)
    level: int  # 1 for section 0, else 2 or 3
    heading: str  # without its {...} attributes
    line: int  # of the heading in the page, 0 when section 0 has no title
    text: str  # the prose and figures' alt text, without blank lines or trailing spaces

    @property
    def digest(self) -> str:
        """Of the words: re-wrapping lines or changing spaces is no change."""
        return hashlib.sha256(" ".join(self.text.split()).encode()).hexdigest()[:16]


def sections(page: Page) -> list[Section]:
    """The sections of ``page``, in order (see the module's docstring)."""
    found = []
    for n, part in enumerate(page.sections(levels=(2, 3))):
        own = part.heading
        heading = own or (page.title if n == 0 else None)
        text = []
        for block in part.blocks:
            if isinstance(block, Figure):
                text.append(f"![{block.alt}]")
            elif isinstance(block, Prose):
                text.extend(line.rstrip() for line in block.lines if line.strip())
        found.append(Section((own and own.id) or str(n), own.level if own else 1, heading.text if heading else "",
                             heading.line if heading else 0, "\n".join(text)))
    return found


def structure_problems(zh: Page, en: Page) -> list[str]:
    """Where the two languages' sections do not pair up (same levels, same ids, same order)."""
    a, b = sections(zh), sections(en)
    shape = [[(s.level, s.id) for s in side] for side in (a, b)]
    if shape[0] == shape[1]:
        return []
    problems = [f"{len(a) - 1} headings (##/###) in {zh.path}, {len(b) - 1} in {en.path}"] if len(a) != len(b) else []
    for x, y in zip(a, b):
        if (x.level, x.id) != (y.level, y.id):
            problems.append(f"sections differ: {zh.path}:{x.line} {'#' * x.level} {x.heading} {{#{x.id}}} vs "
                            f"{en.path}:{y.line} {'#' * y.level} {y.heading} {{#{y.id}}}: the two languages "
                            "need the same ## and ### headings, in the same order, with the same {#id}s")
            break
    return problems


def _pairs(zh: Page, en: Page) -> list[tuple[Section, Section]]:
    problems = structure_problems(zh, en)
    if problems:
        raise TranslationError("\n".join(problems))
    return list(zip(sections(zh), sections(en)))


def load(path: Path = RECORD) -> dict:
    """The record: page name -> section id -> {"zh": digest, "en": digest, "state": ..., ...}."""
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def save(record: dict, path: Path = RECORD) -> None:
    """Write the record sorted by page, one line per section (short diffs)."""
    pages = [f"  {json.dumps(name)}: {{\n" + ",\n".join(
        f"    {json.dumps(i)}: {json.dumps(entry, ensure_ascii=False)}" for i, entry in entries.items()) + "\n  }"
        for name, entries in sorted(record.items())]
    path.write_text("{\n" + ",\n".join(pages) + "\n}\n", encoding="utf-8")


def _changed(entry: dict, zh: Section, en: Section) -> list[str]:
    return [language for language, section in (("zh", zh), ("en", en)) if entry[language] != section.digest]


def _commands(page: str, ids: list[str], pending: bool = True, updated: str = "") -> str:
    where = " ".join([page, *(f"'#{i}'" for i in ids)])
    lines = [f"  if both languages say the same: {COMMAND} check {where}"]
    if pending:
        lines.append(f"  to publish it with a notice:   {COMMAND} pending {where}{updated}")
    return "\n".join(lines)


def problems(zh: Page, en: Page, record: dict) -> list[str]:
    """Each section of the page pair whose texts are not the ones recorded, with the command to run."""
    structure = structure_problems(zh, en)
    if structure:
        return structure
    entries = record.get(zh.name)
    if entries is None:
        return [f"{zh.path}: no translation record for this page\n{_commands(zh.path, [], pending=False)}"]
    found = []
    pairs = _pairs(zh, en)
    for a, b in pairs:
        where = f"{zh.path} '#{a.id}' ({a.heading or 'top'} / {b.heading or 'top'})"
        entry = entries.get(a.id)
        if entry is None:
            found.append(f"{where}: a new section, not recorded yet\n"
                         f"{_commands(zh.path, [a.id], updated=_EITHER)}")
            continue
        changed = _changed(entry, a, b)
        if not changed:
            continue
        if len(changed) == 2:
            found.append(f"{where}: both languages changed since they were last checked against each other\n"
                         f"{_commands(zh.path, [a.id], updated=_EITHER)}")
        elif entry["state"] == PENDING and changed[0] != entry["updated"]:
            found.append(f"{where}: the {NAMES[changed[0]]} translation, pending, changed: is it done?\n"
                         f"{_commands(zh.path, [a.id], updated=' --updated ' + entry['updated'])}")
        else:
            other = "en" if changed[0] == "zh" else "zh"
            found.append(f"{where}: the {NAMES[changed[0]]} text changed, the {NAMES[other]} did not\n"
                         f"{_commands(zh.path, [a.id])}")
    gone = [i for i in entries if i not in {a.id for a, _ in pairs}]
    if gone:
        found.append(f"{zh.path}: {', '.join(gone)} recorded, but the page has no such section any more: forget "
                     f"them with\n{_commands(zh.path, gone, pending=False)}")
    return found


def mark(zh: Page, en: Page, record: dict, state: str, ids: list[str] | None = None,
         updated: str | None = None) -> list[str]:
    """Record the sections ``ids`` of the pair (all when ``None``; for pending, all that changed) as ``state``.

    ``updated`` is the language that is ahead of a pending section; by default the one
    whose text changed since the record. An id recorded but no longer on the page is
    forgotten. Returns the ids marked.
    """
    pairs = _pairs(zh, en)
    entries = record.setdefault(zh.name, {})
    current = {a.id for a, _ in pairs}
    if ids is None:
        ids = [a.id for a, b in pairs if state == CHECKED or a.id not in entries or _changed(entries[a.id], a, b)]
        ids += [i for i in entries if i not in current]
    unknown = [i for i in ids if i not in current and i not in entries]
    if unknown:
        raise TranslationError(f"{zh.path} has no section {', '.join(unknown)}; its sections: "
                               + ", ".join(f"'#{a.id}' ({b.heading or 'top'})" for a, b in pairs))
    for a, b in pairs:
        if a.id not in ids:
            continue
        entry = {"zh": a.digest, "en": b.digest, "state": state, "heading": b.heading or a.heading}
        if state == PENDING:
            old = entries.get(a.id)
            changed = _changed(old, a, b) if old else []
            side = updated or (changed[0] if len(changed) == 1 else old["updated"] if old and not changed
                               and old["state"] == PENDING else None)
            if side not in NAMES:
                raise TranslationError(f"{zh.path} '#{a.id}': say which language is ahead: --updated zh or "
                                       "--updated en")
            entry["updated"] = side
        entries[a.id] = entry
    for gone in [i for i in ids if i not in current]:
        del entries[gone]
    record[zh.name] = {a.id: entries[a.id] for a, _ in pairs if a.id in entries}
    return ids


def with_notices(markdown: str, path: str, record: dict) -> str:
    """``markdown`` (the page at ``path``) with a notice under the heading of each pending section it lags in."""
    page = parse_text(markdown, path)
    lagging = {i for i, entry in record.get(page.name, {}).items()
               if entry["state"] == PENDING and entry["updated"] != page.language}
    lines = markdown.split("\n")
    for section in reversed(sections(page)):
        if section.id in lagging:
            title, body = NOTICE[(page.language, "en" if page.language == "zh" else "zh")]
            lines[section.line:section.line] = ["", title, "", f"    {body}", ""]
    return "\n".join(lines)


def page_pairs() -> list[tuple[Page, Page]]:
    """Every page of the site with its translation: (docs/x.md, docs/x.en.md)."""
    return [_pair(p.path) for p in pages() if p.language == "zh" and (DOCS / file_name(p.name, "en")).is_file()]


def _pair(argument: str) -> tuple[Page, Page]:
    name, _ = split_file_name(argument)
    files = [DOCS / file_name(name, language) for language in NAMES]
    missing = [f.relative_to(DOCS.parent).as_posix() for f in files if not f.is_file()]
    if missing:
        raise TranslationError(f"{argument}: no page {' or '.join(missing)}")
    return parse(files[0]), parse(files[1])


def main(argv: list[str], path: Path = RECORD) -> int:
    """The command line: no command reports; ``check`` and ``pending`` record in ``path`` (see above)."""
    record = load(path)
    if not argv:
        found = [p for zh, en in page_pairs() for p in problems(zh, en, record)]
        names = {zh.name for zh, _ in page_pairs()}
        found += [f"'{n}' is recorded but docs/{n}.md is gone: {COMMAND} check {n}" for n in record if n not in names]
        pending = [f"docs/{n}.md '#{i}' ({e['heading']}): {NAMES[e['updated']]} ahead, translation pending"
                   for n, entries in record.items() for i, e in entries.items() if e["state"] == PENDING]
        print("\n".join(found + pending) or "every section of every page is checked against its translation")
        return 1 if found else 0
    command, args = argv[0], argv[1:]
    updated = None
    if "--updated" in args:
        at = args.index("--updated")
        updated, args = (args[at + 1] if at + 1 < len(args) else ""), args[:at] + args[at + 2:]
    state = {"check": CHECKED, "pending": PENDING}.get(command)
    if state is None or not args or (updated is not None and updated not in NAMES):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        if args == ["--all"]:
            pairs = page_pairs()
            names = {zh.name for zh, _ in pairs}
            for gone in [n for n in record if n not in names]:
                del record[gone]
            targets = [(zh, en, None) for zh, en in pairs]
        else:
            name, _ = split_file_name(args[0])
            if name in record and not (DOCS / file_name(name, "zh")).is_file():
                del record[name]
                save(record, path)
                print(f"forgot {name}")
                return 0
            zh, en = _pair(args[0])
            targets = [(zh, en, [i.removeprefix("#") for i in args[1:]] or None)]
        for zh, en, ids in targets:
            marked = mark(zh, en, record, state, ids, updated)
            if marked:
                print(f"{zh.path}: {state} {' '.join(f'#{i}' for i in marked)}")
    except (TranslationError, PageError) as error:
        print(error, file=sys.stderr)
        return 1
    save(record, path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
