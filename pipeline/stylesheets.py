"""A stylesheet cut down to the rules that can match one page (the notebook pages' 574 KB of JupyterLab CSS).

mkdocs-jupyter writes JupyterLab's whole stylesheet into every notebook page: rules
for menus, dialogs, file browsers and icons that a rendered notebook never shows.
:func:`trimmed` keeps a rule when one of its selectors can match the page:

* every class the selector needs is in the page's markup, or is one that the
  reader's browser adds later (Material's ``md-*``, KaTeX's ``katex*``);
  classes inside ``:not(...)`` are not needed (they must be absent);
* the selector does not look for ``:root`` inside another element, which
  nothing matches (JupyterLab's icons, 87 KB, sit in such a rule once scoped
  under ``.jupyter-wrapper``).

Everything else is kept as written: declarations (custom properties too, since
other stylesheets may read them), ``@media`` blocks (their rules are trimmed the
same way), ``@keyframes``, ``@font-face`` and other at-rules. A selector that
escapes a character (``\\:``) is kept: it is not parsed here.

tests/test_browser_features.py checks the cut in a browser: JupyterLab's whole
stylesheet, put back into a notebook page, changes no computed style. (When this
was written, screenshots of the pages with and without the cut were also identical,
pixel for pixel, in both colour schemes, at phone and desktop widths.)
"""

from __future__ import annotations

import functools
import re

RUNTIME_CLASSES = ("md-", "katex")
"""Prefixes of the classes that scripts add in the reader's browser (Material, KaTeX)."""

# what matters to the block structure: strings, comments, brackets, braces, semicolons, commas
_TOKEN = re.compile(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'|/\*.*?\*/|[(){};,]', re.S)
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_NOT = re.compile(r":not\([^()]*\)")
_INNER_ROOT = re.compile(r"\S\s*:root")  # :root inside another element: matches nothing
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_CLASSES_IN_PAGE = re.compile(r'\sclass="([^"]*)"')


def _parse(css: str) -> list:
    """The stylesheet's items, each one of: a statement (``@charset "UTF-8";``); ``(prelude, items)``,
    a block of rules (``@media``, ``@supports``); ``(prelude, text)``, another at-rule, kept as
    written (``@keyframes``, ``@font-face``); ``(selectors, declarations)``, a rule, where
    selectors is a tuple of ``(selector, the classes it needs or None)``."""
    stack: list = [[]]  # open blocks: a list of rules, or where a text body starts
    preludes: list[str] = []
    start = depth = 0
    for match in _TOKEN.finditer(css):
        token = match.group()
        if token == "(":
            depth += 1
        elif token == ")":
            depth = max(depth - 1, 0)
        elif depth or token[0] in "\"'/,":
            continue
        elif token == "{":
            prelude = _COMMENT.sub("", css[start:match.start()]).strip()
            preludes.append(prelude)
            if prelude.startswith(("@media", "@supports", "@layer", "@container", "@document")):
                stack.append([])  # a block of rules
            else:
                stack.append(match.end())  # declarations (or keyframes): kept as text
            start = match.end()
        elif token == "}":
            top, prelude = stack.pop(), preludes.pop()
            if isinstance(stack[-1], list):  # else: a block inside a kept text (a keyframe)
                if isinstance(top, list) or prelude.startswith("@"):
                    stack[-1].append((prelude, top if isinstance(top, list) else css[top:match.start()]))
                else:
                    selectors = tuple((s, _needs(s)) for s in _selectors(prelude))
                    stack[-1].append((selectors, css[top:match.start()]))
            start = match.end()
        elif token == ";" and isinstance(stack[-1], list):
            statement = _COMMENT.sub("", css[start:match.start()]).strip()
            if statement:
                stack[-1].append(f"{statement};")
            start = match.end()
    return stack[0]


def _selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside ``:is(a, b)``)."""
    parts, depth, start = [], 0, 0
    for match in re.finditer(r"[(),]", prelude):
        token = match.group()
        depth += {"(": 1, ")": -1}.get(token, 0)
        if token == "," and depth == 0:
            parts.append(prelude[start:match.start()].strip())
            start = match.end()
    return parts + [prelude[start:].strip()]


def _needs(selector: str) -> frozenset[str] | None:
    """The classes ``selector`` needs on the page; None if it can never match."""
    if "\\" in selector:
        return frozenset()  # escaped characters: not parsed here, kept
    if _INNER_ROOT.search(selector):
        return None
    needed = _CLASS.findall(re.sub(r"\[[^\]]*\]", "", _NOT.sub("", selector)))
    return frozenset(c for c in needed if not c.startswith(RUNTIME_CLASSES))


@functools.lru_cache(maxsize=8)
def _parsed(css: str) -> list:
    return _parse(css)


def _serialise(items: list, classes: frozenset[str]) -> str:
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(item)
            continue
        head, body = item
        if isinstance(body, list):
            inner = _serialise(body, classes)
            if inner:
                out.append(f"{head}{{{inner}}}")
        elif isinstance(head, str):
            out.append(f"{head}{{{body}}}")
        elif kept := [s for s, need in head if need is not None and need <= classes]:
            out.append(f"{','.join(kept)}{{{body}}}")
    return "".join(out)


def page_classes(html: str) -> frozenset[str]:
    """Every class named in ``html``'s ``class`` attributes."""
    return frozenset(c for value in _CLASSES_IN_PAGE.findall(html) for c in value.split())


def trimmed(css: str, classes: frozenset[str]) -> str:
    """``css`` with only the rules that can match a page whose markup has ``classes``."""
    return _serialise(_parsed(css), classes)
