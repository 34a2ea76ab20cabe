"""Fix-ups of the notebook pages that mkdocs-jupyter (nbconvert) renders, as plain string functions.

``hooks/notebooks.py`` calls them from MkDocs' events; they know nothing of MkDocs.
"""

import html
import re

from pymdownx.slugs import slugify

EXTRAS = re.compile(r"<style[^>]*>.*?</style>|<!-- Load mathjax -->.*?<!-- End of mermaid configuration -->", re.S)
"""What nbconvert's page template writes besides the notebook: JupyterLab's stylesheet (574 KB a page:
docs/stylesheets/notebooks.css styles what a notebook uses) and Pygments' (Material colours the code);
a MathJax loader (KaTeX renders the maths, as on every page) and a Mermaid one that imports from cdnjs
(the site loads nothing from third parties)."""
NO_ALT = 'alt="No description has been provided for this image"'
_HEADING = re.compile(r'<h(?P<level>[1-6]) id="(?P<id>[^"]*)">(?P<body>.*?)</h(?P=level)>', re.S)


def heading_ids(content: str) -> tuple[str, list[str]]:
    """Give each heading the id the site would give it; return the HTML and the ids in order.

    nbconvert's ids, and mkdocs-jupyter's table of contents, drop every non-ASCII
    character: Chinese headings get ``id=""`` and the contents link to ``#_1``.
    """
    slug, seen, ids = slugify(case="lower"), {}, []

    def fix(match: re.Match) -> str:
        text = html.unescape(re.sub(r"<[^>]+>", "", match["body"]).replace("¶", "")).strip()
        base = slug(text, "-") or "section"
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}_{seen[base] - 1}")
        body = re.sub(r'class="anchor-link" href="#[^"]*"', f'class="anchor-link" href="#{ids[-1]}"', match["body"])
        return f'<h{match["level"]} id="{ids[-1]}">{body}</h{match["level"]}>'

    return _HEADING.sub(fix, content), ids


def with_alt_texts(output: str, alts: list[str]) -> str:
    """Give the notebook's figures, in order, the chapter's alt texts. Raises ValueError if the page
    shows another number of images than the chapter has figures (none is fine: a notebook without outputs)."""
    count = output.count(NO_ALT)
    if count not in (0, len(alts)):
        raise ValueError(f"{count} images but {len(alts)} figures on the page")
    for alt in alts:
        output = output.replace(NO_ALT, f'alt="{html.escape(alt, quote=True)}"', 1)
    return output

