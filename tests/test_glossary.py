"""The glossary (英汉术语对照) is the one list of terms: the chapters must follow it.

A Chinese page names the English term in brackets where a term first appears,
as in 自编码器（autoencoder）. When that English term is in the glossary, the
Chinese in front of the bracket (or inside it, as in GELU（Gaussian error linear
unit，高斯误差线性单元）) must be one of the glossary's Chinese names for it.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from pipeline import glossary
from pipeline.page import DOCS
from pipeline.site import load_config

_BRACKET = re.compile(r"（(?P<english>[A-Za-z][A-Za-z0-9 \-']*?)(?P<rest>[，,][^）]*)?）")


def terms_by_english() -> dict[str, set[str]]:
    """English term (lower case; an abbreviation in brackets counts too) -> its Chinese names."""
    terms: dict[str, set[str]] = {}
    for english, chinese in glossary.rows():
        names = {re.sub(r"[（(].*?[）)]", "", name).strip() for name in re.split(r"[；;]", chinese)} - {""}
        keys = {re.sub(r"\s*\(.*?\)", "", english).strip().lower()}
        keys |= {m.strip().lower() for m in re.findall(r"\(([^)]+)\)", english)}
        for key in keys:
            terms.setdefault(key, set()).update(names)
    return terms


def inconsistencies(text: str, terms: dict[str, set[str]]) -> list[str]:
    problems = []
    for n, line in enumerate(text.splitlines(), 1):
        for match in _BRACKET.finditer(line):
            english = match["english"].strip().lower()
            key = english if english in terms else english.removesuffix("s")
            if key not in terms:
                continue
            before, inside = line[: match.start()].rstrip().rstrip("*_` "), match["rest"] or ""
            if not any(before.endswith(name) or name in inside for name in terms[key]):
                problems.append(f"line {n}: …{before[-12:]}（{match['english']}） but the glossary says "
                                f"{' / '.join(sorted(terms[key]))}")
    return problems


CHINESE_PAGES = sorted(p for p in DOCS.glob("*.md") if not p.name.endswith(".en.md") and p.stem != "glossary")


@pytest.mark.parametrize("page", CHINESE_PAGES, ids=lambda p: p.name)
def test_chinese_terms_follow_the_glossary(page: Path) -> None:
    assert inconsistencies(page.read_text(encoding="utf-8"), terms_by_english()) == []


def test_the_check_catches_a_term_translated_another_way() -> None:
    terms = {"autoencoder": {"自编码器"}, "gelu": {"高斯误差线性单元"}}
    assert inconsistencies("用自编码器（autoencoder）压缩", terms) == []
    assert inconsistencies("GELU（GELU，高斯误差线性单元）", terms) == []
    assert len(inconsistencies("用自动编码机（autoencoder）压缩", terms)) == 1
    assert len(inconsistencies("几个自编码机（autoencoders）", terms)) == 1


def test_glossary_names_each_english_term_once_and_is_sorted() -> None:
    rows = [english for english, _ in glossary.rows()]
    assert len(rows) == len(set(rows)), "a term is listed twice"
    assert rows == sorted(rows, key=str.lower)
    assert (DOCS / "glossary.md").read_text(encoding="utf-8").split("| English")[1] == \
        (DOCS / "glossary.en.md").read_text(encoding="utf-8").split("| English")[1], "one table for both languages"


def test_search_words_are_the_glossarys_chinese_terms() -> None:
    """mkdocs.yml gives docs/glossary-words.txt to jieba: it must list the glossary's terms."""
    assert glossary.WORDS.read_text(encoding="utf-8") == glossary.search_words(), "run: python3 dev.py generate"
    assert {"自编码器", "受限玻尔兹曼机", "梯度消失"} <= set(glossary.search_words().split())


# Tooltips: each glossary term shows the other language's name (pipeline/glossary.py, hooks/glossary.py).

def tooltips(text: str, language: str) -> str:
    """``text`` rendered as on the site (mkdocs.yml's Markdown extensions), with the tooltips of ``language``."""
    names = [next(iter(item)) if isinstance(item, dict) else item for item in load_config()["markdown_extensions"]]
    return markdown.markdown(text, extensions=[*names, glossary.Tooltips(language)],
                             extension_configs={"pymdownx.arithmatex": {"generic": True}})


def abbrs(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<abbr title="([^"]*)">([^<]*)</abbr>', html)


def test_every_row_is_a_tooltip_in_both_directions() -> None:
    """Chinese name -> the English cell; English name -> the Chinese cell; the only gaps are named ones."""
    zh, en = glossary.counterparts("zh"), glossary.counterparts("en")
    terms = {english.lower() for english, _ in glossary.rows()}
    for english, chinese in glossary.rows():
        chinese_names, english_names = glossary.chinese_names(chinese), glossary.english_names(english, terms)
        assert chinese_names or all(len(name) == 1 for name in re.split(r"[；;]", chinese)), chinese
        assert english_names or "(" in english, english  # one sense of a word: code (of an autoencoder)
        for name in chinese_names:
            assert english in zh[name].split(" / "), name
        for name in english_names:
            assert chinese in en[name].split(" / "), name
    assert zh["张量"] == "tensor" and en["tensor"] == "张量"
    assert en["RBM"] == en["restricted Boltzmann machine"] == "受限玻尔兹曼机"
    assert "dot product" in zh["内积"] and "inner product" in zh["内积"]
    assert "code" not in en and "迹" not in zh  # a word with other senses; a single character


def test_longest_term_first() -> None:
    for language in ("zh", "en"):
        lengths = [len(name) for name in glossary.counterparts(language)]
        assert lengths == sorted(lengths, reverse=True)
    assert abbrs(tooltips("自编码器的编码器；梯度下降沿梯度走；隐藏层有层归一化。", "zh")) == [
        ("autoencoder", "自编码器"), ("encoder", "编码器"), ("gradient descent", "梯度下降"),
        ("gradient", "梯度"), ("hidden layer", "隐藏层"), ("layer normalization", "层归一化")]
    assert abbrs(tooltips("Self-supervised learning, semi-supervised learning and Tensors.", "en")) == [
        ("自监督学习", "Self-supervised learning"), ("半监督学习", "semi-supervised learning"), ("张量", "Tensors")]
    # a Latin letter at the edge of a Chinese name needs a boundary there
    assert abbrs(tooltips("k 均值与死亡 ReLU；ak 近邻与死亡 ReLU6", "zh")) == [
        ("k-means", "k 均值"), ("dead ReLU", "死亡 ReLU")]


def test_tooltips_leave_code_links_headings_maths_and_raw_html_alone() -> None:
    text = r"""## 张量

[张量](x) `张量` $张量$ \(张量\) <span title="张量">x</span> <!-- 张量 --> \*

```python
张量 = 1
```

$$
\text{张量}
$$
"""
    assert tooltips(text, "zh") == tooltips(text, "")  # an empty language: the page left alone (the glossary)
    abbreviated = tooltips("An RBM in HTML.\n\n*[RBM]: x\n*[HTML]: y", "en")  # Markdown's abbr: no abbr in an abbr
    assert abbrs(abbreviated) == [("受限玻尔兹曼机", "RBM"), ("y", "HTML")]
    assert tooltips("矩阵的*张量*<b>x</b>张量", "zh") == (
        '<p><abbr title="matrix">矩阵</abbr>的<em><abbr title="tensor">张量</abbr></em>'
        '<b>x</b><abbr title="tensor">张量</abbr></p>')


def _built_pages(site: Path) -> dict[str, str]:
    """Each built page's article: ``tensors/``, ``en/notebooks/spiral/`` -> its HTML."""
    pages = {}
    for path in site.rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        if "<article" in html:
            page = f"{path.parent.relative_to(site)}/".removeprefix("./")
            pages[page] = html[html.index("<article"):html.index("</article>")]
    return pages


class _Abbrs(HTMLParser):
    """Every <abbr> of a page's article, with the names of the elements around it."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.found: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "abbr":
            self.found.append((dict(attrs).get("title", ""), list(self.open)))
        if tag not in {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "path"}:
            self.open.append(tag)

    def handle_endtag(self, tag) -> None:
        if tag in self.open:
            while self.open.pop() != tag:
                pass


@pytest.mark.site
def test_built_pages_have_tooltips_outside_code_links_and_headings(site: Path) -> None:
    """Both languages' chapters have tooltips; the glossary (both languages side by side already) and the
    notebook pages (a view of the notebook: mkdocs-jupyter renders them without Python-Markdown) have none."""
    pages = _built_pages(site)
    assert '<abbr title="tensor">张量' in pages["tensors/"] and '<abbr title="张量">tensor' in pages["en/tensors/"]
    for page, article in pages.items():
        parser = _Abbrs()
        parser.feed(article)
        inside = {tag for _, around in parser.found for tag in around}
        assert not inside & {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "abbr"}, page
        if page.removeprefix("en/").startswith(("glossary/", "notebooks/")):
            assert parser.found == [], page
        elif page.removeprefix("en/") not in ("api/", "contributing/"):
            assert len(parser.found) > 20, page
