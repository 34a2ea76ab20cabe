"""pipeline/rendered.py: the notebook pages' fix-ups, without MkDocs."""

import pytest

from pipeline import rendered


def test_chinese_headings_get_the_sites_ids() -> None:
    html = ('<h1 id="">梯度 ¶<a class="anchor-link" href="#">¶</a></h1><h2 id="">小结</h2>'
            '<h2 id="">小结</h2><h2 id="Summary">Summary</h2>')
    fixed, ids = rendered.heading_ids(html)
    assert ids == ["梯度", "小结", "小结_1", "summary"]
    assert '<h1 id="梯度">' in fixed and 'href="#梯度"' in fixed


def test_nbconvert_stylesheets_and_third_party_loaders_are_removed() -> None:
    page = ('<script>copy</script><style type="text/css">.jp-Cell{}</style><!-- Load mathjax --><script src="">'
            '</script><!-- End of mathjax configuration --><script type="module">import("https://cdnjs/m")</script>'
            '<style>.mermaid{}</style><!-- End of mermaid configuration --><div class="jupyter-wrapper"></div>'
            "<style>['.highlight-ipynb{}']</style>")
    assert rendered.EXTRAS.sub("", page) == '<script>copy</script><div class="jupyter-wrapper"></div>'


def test_figures_get_the_chapters_alt_texts_or_fail() -> None:
    page = f"<img {rendered.NO_ALT}><img {rendered.NO_ALT}>"
    assert rendered.with_alt_texts(page, ['one "1"', "two"]) == '<img alt="one &quot;1&quot;"><img alt="two">'
    assert rendered.with_alt_texts("<p>no outputs</p>", ["one"]) == "<p>no outputs</p>"
    with pytest.raises(ValueError, match="2 images but 1 figures"):
        rendered.with_alt_texts(page, ["one"])

