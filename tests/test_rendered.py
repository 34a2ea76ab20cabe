"""pipeline/rendered.py: the notebook pages' fix-ups, without MkDocs."""

from __future__ import annotations

import pytest

from pipeline import rendered


def test_chinese_headings_get_the_sites_ids() -> None:
    html = ('<h1 id="">梯度 ¶<a class="anchor-link" href="#">¶</a></h1><h2 id="">小结</h2>'
            '<h2 id="">小结</h2><h2 id="Summary">Summary</h2>')
    fixed, ids = rendered.heading_ids(html)
    assert ids == ["梯度", "小结", "小结_1", "summary"]
    assert '<h1 id="梯度">' in fixed and 'href="#梯度"' in fixed


def test_third_party_loaders_are_removed() -> None:
    page = "a<!-- Load mathjax --><script src='https://cdn'></script><!-- End of mathjax configuration -->b"
    assert rendered.without_loaders(page) == "ab"


def test_figures_get_the_chapters_alt_texts_or_fail() -> None:
    page = f"<img {rendered.NO_ALT}><img {rendered.NO_ALT}>"
    assert rendered.with_alt_texts(page, ['one "1"', "two"]) == '<img alt="one &quot;1&quot;"><img alt="two">'
    assert rendered.with_alt_texts("<p>no outputs</p>", ["one"]) == "<p>no outputs</p>"
    with pytest.raises(ValueError, match="2 images but 1 figures"):
        rendered.with_alt_texts(page, ["one"])


def test_a_notebook_page_keeps_only_the_rules_that_can_match_it() -> None:
    css = ('@charset "UTF-8";/* a {comment} .jp-Cell */.w .jp-Cell,.w .jp-Menu{color:red}'
           ".w .jp-Menu{x:1}.w :root{--jp-icon: url(data:image/svg+xml;base64,e30=)}"
           ".w .jp-Cell:not(.jp-mod-active){y:2}.w .jp-Cell .md-typeset__table{z:3}"
           "@media print{.w .jp-Menu{a:1}.w .jp-Cell{b:2}}@media print{.jp-Dialog{c:3}}"
           "@keyframes spin{0%{t:0}to{t:1}}.w{--md-red: #f00; d: '}'}.jp-a\\:hover{e:5}")
    page = f'<div class="w"><div class="jp-Cell jp-Other"></div></div><style>{css}</style>'
    kept = rendered.with_trimmed_styles(page)
    assert kept == ('<div class="w"><div class="jp-Cell jp-Other"></div></div><style>@charset "UTF-8";'
                    ".w .jp-Cell{color:red}.w .jp-Cell:not(.jp-mod-active){y:2}"
                    ".w .jp-Cell .md-typeset__table{z:3}@media print{.w .jp-Cell{b:2}}"
                    "@keyframes spin{0%{t:0}to{t:1}}.w{--md-red: #f00; d: '}'}.jp-a\\:hover{e:5}</style>")
