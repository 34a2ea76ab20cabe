"""The glossary table (docs/glossary.md, 英汉术语对照), read in one place.

Its Chinese terms are the search's words: jieba would split 自编码器 into 自 / 编码器, and the query
自编码器 would find nothing, so ``docs/glossary-words.txt`` (mkdocs.yml's ``jieba_dict_user``) lists
them. Its rows are the pages' tooltips (:class:`Tooltips`): 张量 shows "tensor", "tensor" shows 张量.
"""

import functools
import re
from xml.etree.ElementTree import Element

from markdown import Extension
from markdown.util import ETX, STX, AtomicString

from pipeline.page import DOCS

WORDS = DOCS / "glossary-words.txt"
_QUALIFIER = re.compile(r"^(?:of|in)\b|\bof$")  # code (of an autoencoder), steepest ascent (direction of)
_BRACKETED = re.compile(r"\s*[（(][^）)]*[）)]\s*")
# not prose: links (autoref: mkdocs-autorefs' link, before it is one), abbreviations, code, headings
_SKIPPED = frozenset({"a", "autoref", "abbr", "code", "pre", "kbd", "samp", "h1", "h2", "h3", "h4", "h5", "h6"})
_PLACEHOLDER = f"{STX}[^{ETX}]*{ETX}"  # stashed raw HTML or an escaped character: kept whole


def rows() -> tuple[tuple[str, str], ...]:
    """(English, 中文) of each term of the glossary table, in order (read every call, parsed once per text:
    a build converts Markdown some 800 times)."""
    return _table((DOCS / "glossary.md").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def _table(text: str) -> tuple[tuple[str, str], ...]:
    cells = ([cell.strip() for cell in line.strip().strip("|").split("|")] for line in text.splitlines()
             if line.startswith("| "))
    return tuple((c[0], c[1]) for c in cells if len(c) >= 3 and c[0] != "English" and not set(c[0]) <= set("-: "))


def search_words() -> str:
    """A jieba user dictionary: each Chinese term (alternatives split at ；) that is one word, one a line."""
    terms = (term.strip() for _, chinese in rows() for term in re.split(r"[；;]", chinese))
    return "".join(f"{term}\n" for term in dict.fromkeys(terms) if re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9-]+", term))


def english_names(english: str, terms: set[str]) -> list[str]:
    """A row's names of two letters or more: ``ReLU (rectified linear unit)`` -> ReLU, rectified linear unit.
    None for one sense of a word, ``code (of an autoencoder)``, ``inertia (k-means)`` (a row of ``terms``)."""
    inner = [part.strip() for part in re.findall(r"\(([^)]*)\)", english)]
    if any(_QUALIFIER.search(part) or part.lower() in terms for part in inner):
        return []
    return [name for name in [_BRACKETED.sub(" ", english).strip(), *inner] if len(name) > 1]


def chinese_names(chinese: str) -> list[str]:
    """A row's Chinese names (split at ；, brackets dropped) of two characters or more, one Chinese at least:
    a single character (迹, 批) would match inside other words, as Chinese has no word boundaries."""
    names = (_BRACKETED.sub("", name).strip() for name in re.split(r"[；;]", chinese))
    return [name for name in names if len(name) > 1 and re.search(r"[\u4e00-\u9fff]", name)]


def counterparts(language: str, table: list[tuple[str, str]] | None = None) -> dict[str, str]:
    """Each name a reader meets on a ``language`` page -> the other language's cell, longest name first
    (``zh``: 张量 -> tensor; ``en``: tensor -> 张量); a name in two rows (内积) shows both, joined by " / "."""
    found: dict[str, dict[str, None]] = {}  # name -> the other language's cells, in order
    table = rows() if table is None else table
    terms = {english.lower() for english, _ in table}
    for english, chinese in table:
        names, other = ((chinese_names(chinese), english) if language == "zh"
                        else (english_names(english, terms), chinese))
        for name in names:
            found.setdefault(name, {})[other] = None
    return {name: " / ".join(found[name]) for name in sorted(found, key=lambda n: (-len(n), n))}


@functools.lru_cache(maxsize=4)
def _matcher(language: str, table: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern of a placeholder or a name, and the title of each match in lower case. Names go longest first,
    none starts or ends inside a word (of Latin letters in Chinese: k 均值); English ones capitalised, plural too."""
    names = counterparts(language, list(table))
    if language == "en":
        word, plural = r"[\w-]", "(?:e?s)?"
        parts = [f"[{n[0].upper()}{n[0]}]{re.escape(n[1:])}" if n[0].islower() else re.escape(n) for n in names]
    else:
        word, plural, parts = "[A-Za-z0-9]", "", [re.escape(name) for name in names]
    edge = f"(?!(?<={word}){word})"
    suffixes = ("es", "s", "")  # the last wins: a name over another name's plural
    titles = {name.lower() + suffix: title for suffix in suffixes for name, title in names.items()}
    return re.compile(f"{_PLACEHOLDER}|{edge}(?:{'|'.join(parts)}){plural}{edge}"), titles


class Tooltips(Extension):
    """Python-Markdown extension: each glossary name in the prose of a page in ``language`` (zh, en; "": none)
    becomes ``<abbr title="the other language's name">``, which Material's ``content.tooltips`` styles.
    Markdown's abbr extension cannot: it matches between word boundaries, which Chinese lacks."""

    def __init__(self, language: str = "") -> None:
        super().__init__()
        self.language = language

    def extendMarkdown(self, md) -> None:  # noqa: N802 (Markdown's name)
        md.treeprocessors.register(self, "glossary", 12)  # its own tree processor (run); after "inline" (20)

    def run(self, root: Element) -> None:
        if self.language:
            self.pattern, self.titles = _matcher(self.language, rows())
            self.mark(root)

    def mark(self, element: Element) -> None:
        """The names in ``element``'s text and its children's tails, and in its children but code, links,
        headings, abbreviations and maths (pymdownx.arithmatex's elements): in document order."""
        element.text, children = self.wrap(element.text)
        for child in list(element):
            if child.tag not in _SKIPPED and "arithmatex" not in child.get("class", ""):
                self.mark(child)
            child.tail, added = self.wrap(child.tail)
            children += [child, *added]
        element[:] = children

    def wrap(self, text: str | None) -> tuple[str | None, list[Element]]:
        """``text`` up to the first name, and an ``<abbr title>`` for each name, its tail the text up to the next."""
        head, abbrs = text, []
        for match in reversed([m for m in self.pattern.finditer(text or "") if not m[0].startswith(STX)]):
            abbr = Element("abbr", title=self.titles[match[0].lower()])
            abbr.text, abbr.tail = AtomicString(match[0]), head[match.end():]
            abbrs.insert(0, abbr)
            head = head[:match.start()]
        return head, abbrs
