"""Fix-ups of the notebook pages that mkdocs-jupyter (nbconvert) renders, as plain string functions.

``hooks/notebooks.py`` calls them from MkDocs' events; they know nothing of MkDocs.
"""

from __future__ import annotations

import html
import re

from pipeline import stylesheets

# nbconvert's page template has a MathJax loader (with an empty URL, since no
# `custom_mathjax_url` is set: KaTeX renders the notebooks' maths, as on every
# page) and a Mermaid loader that imports from cdnjs when a notebook has a
# diagram. Neither is wanted on a site that loads nothing from third parties.
_LOADERS = [
    re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S),
    re.compile(r'<script type="module">\s*document\.addEventListener\("DOMContentLoaded", async \(\) => \{\s*'
               r'const diagrams = document\.querySelectorAll\("\.jp-Mermaid.*?</script>', re.S),
]
NO_ALT = 'alt="No description has been provided for this image"'
_STYLE = re.compile(r"(<style[^>]*>)([^<]*(?:<(?!/style>)[^<]*)*)(</style>)")  # as nbconvert writes them
_HEADING = re.compile(r'<h(?P<level>[1-6]) id="(?P<id>[^"]*)">(?P<body>.*?)</h(?P=level)>', re.S)


def heading_ids(content: str) -> tuple[str, list[str]]:
    """Give each heading the id the site would give it; return the HTML and the ids in order.

    nbconvert's ids, and mkdocs-jupyter's table of contents, drop every non-ASCII
    character: Chinese headings get ``id=""`` and the contents link to ``#_1``.
    """
    from pymdownx.slugs import slugify

    slug, seen, ids = slugify(case="lower"), {}, []

    def fix(match: re.Match) -> str:
        text = html.unescape(re.sub(r"<[^>]+>", "", match["body"]).replace("¶", "")).strip()
        base = slug(text, "-") or "section"
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}_{seen[base] - 1}")
        body = re.sub(r'class="anchor-link" href="#[^"]*"', f'class="anchor-link" href="#{ids[-1]}"', match["body"])
        return f'<h{match["level"]} id="{ids[-1]}">{body}</h{match["level"]}>'

    return _HEADING.sub(fix, content), ids


def without_loaders(output: str) -> str:
    """The page without nbconvert's MathJax and Mermaid loaders."""
    for loader in _LOADERS:
        output = loader.sub("", output)
    return output


def with_alt_texts(output: str, alts: list[str]) -> str:
    """Give the notebook's figures, in order, the chapter's alt texts.

    Raises:
        ValueError: the page shows another number of images than the chapter has figures
            (zero images is fine: a notebook shown without outputs).
    """
    count = output.count(NO_ALT)
    if count not in (0, len(alts)):
        raise ValueError(f"{count} images but {len(alts)} figures on the page")
    for alt in alts:
        output = output.replace(NO_ALT, f'alt="{html.escape(alt, quote=True)}"', 1)
    return output


def with_trimmed_styles(output: str) -> str:
    """Each inline stylesheet of the page with only the rules that can match it
    (:mod:`pipeline.stylesheets`): JupyterLab's 574 KB come down to about 50 KB."""
    classes = stylesheets.page_classes(output)
    return _STYLE.sub(lambda m: m[1] + stylesheets.trimmed(m[2], classes) + m[3], output)
