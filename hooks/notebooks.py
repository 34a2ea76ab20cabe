"""MkDocs events for the chapter notebooks; the work is in pipeline/notebooks.py, site.py and rendered.py.

mkdocs-jupyter renders each chapter's notebook with its stored outputs (docs/notebooks/, written by
``dev.py run``) as a page beside its chapter; these events check those notebooks, make them pages again
after the i18n plugin, fix the rendered HTML, add the Colab and download buttons, and publish the
committed notebooks. They lean on both plugins' internals: versions pinned in requirements/constraints.txt,
effects tested in tests/test_site.py.
"""

import sys
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # mkdocs loads hooks by path: find pipeline/

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from pipeline import notebooks, rendered, site
from pipeline.page import LANGUAGES, ROOT, file_name, parse, split_file_name
from pipeline.runner import FILL, MissingRecords
from pipeline.site import SITE_NOTEBOOKS


def on_config(config):
    """One mkdocs-jupyter cache per language (a build evicts what it did not use); the notebooks current."""
    language = site.language(config)
    config.plugins["mkdocs-jupyter"].config["cache_dir"] = str(ROOT / ".cache" / "mkdocs-jupyter" / language)
    if language != "zh":
        return config  # the default language's build wrote both languages' notebooks
    try:
        expected = notebooks.site_notebooks(site.settings())  # as dev.py run wrote them (serve changes site_url)
    except MissingRecords as missing:
        raise PluginError(str(missing)) from None
    differ = notebooks.differing(expected, SITE_NOTEBOOKS.glob("*.ipynb"))
    if differ:
        raise PluginError(f"{differ[0].relative_to(ROOT)} is out of date with the store: run {FILL}")
    return config


class NotebookPage(File):
    def is_documentation_page(self) -> bool:
        return True


@event_priority(-150)  # after the i18n plugin's on_files (-100)
def on_files(files, config):
    """The i18n plugin rebuilds the file list as plain ``File`` objects, so the notebooks would be
    copied as JSON (mkdocs-static-i18n issue 198): make them pages again, at its destination."""
    end = "/" if config.use_directory_urls else ".html"
    for file in [f for f in files if f.src_uri.endswith(".ipynb")]:
        dest = Path(file.dest_uri)  # the i18n plugin's: en/notebooks/spiral/index.html for spiral.en.ipynb
        if dest.suffix == ".ipynb":
            dest = dest.parent / dest.stem / "index.html"
        page = NotebookPage(file.src_path, file.src_dir, config.site_dir, config.use_directory_urls,
                            dest_uri=dest.as_posix(), inclusion=file.inclusion)
        for name in ("locale", "locale_alternate_of", "localization", "norm_src_uri"):
            if hasattr(file, name):
                setattr(page, name, getattr(file, name))
        # the language switcher: the i18n plugin finds alternates only for pages
        chapter, _ = split_file_name(file.src_uri)
        page.alternates = {language: SimpleNamespace(url=site.notebook_page(chapter, language, end))
                           for language in LANGUAGES}
        files.remove(file)  # in place: the i18n plugin's Files subclass resolves links per language
        files.append(page)
    return files


def _walk(items):
    for item in items:
        yield item
        yield from _walk(item.children)


def on_page_content(content: str, page, config, files) -> str:
    """Notebook pages: none of nbconvert's stylesheets and loaders, the chapter's alt texts, the site's
    heading ids (and the table of contents pointed at them)."""
    if not page.file.src_uri.endswith(".ipynb"):
        return content
    chapter = parse(f"docs/{file_name(*split_file_name(page.file.src_uri))}")
    try:
        content = rendered.with_alt_texts(rendered.EXTRAS.sub("", content), [f.alt for f in chapter.figures])
    except ValueError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None
    content, ids = rendered.heading_ids(content)
    entries = list(_walk(page.toc))
    if len(entries) == len(ids):  # the contents list the same headings, in the same order
        for entry, new in zip(entries, ids):
            entry.id = new
    return content


def on_post_build(config):
    """The committed notebooks and their zips, once, into the site's root (the default language's build)."""
    if site.language(config) == "zh":
        try:
            notebooks.publish(site.settings(config), Path(config.site_dir))
        except FileNotFoundError as error:
            raise PluginError(str(error)) from None


@event_priority(100)  # before the search plugin reads page.meta
def on_page_context(context, page, config, nav):
    """Give chapter pages and their notebook pages the Colab and download buttons
    (overrides/partials/actions.html); the Colab chapter also links the zip of all notebooks."""
    chosen = site.settings(config)
    uri = page.file.src_uri
    name, _ = split_file_name(uri)
    is_chapter = "/" not in uri and uri.endswith(".md") and name in chosen.chapters
    is_notebook = uri.startswith("notebooks/") and uri.endswith(".ipynb") and name in chosen.chapters
    if not (is_chapter or is_notebook):
        return context
    language = site.language(config)
    labels = site.WORDS[language]["colab"]
    end = "/" if config.use_directory_urls else ".html"  # x.html in the offline copy (pipeline/offline.py)
    context["colab"] = {
        **labels,
        "url": chosen.colab_url(name, language),
        "other_url": site.notebook_page(name, language, end) if is_chapter else f"{site.PREFIXES[language]}{name}{end}",
        "other": labels["notebook"] if is_chapter else labels["chapter"],
        "download_url": site.notebook_path(name, language),
        "download_name": f"{name}.ipynb",
    }
    if is_chapter and name == "colab":
        context["colab"]["all_url"] = site.archive_path(language)
    if is_notebook:
        page.meta["search"] = {"exclude": True}  # the chapter itself is what search should find
        # the notebook is generated (git-ignored): "edit" goes to the chapter it comes from
        page.edit_url = page.edit_url and f"{page.edit_url.rsplit('/notebooks/', 1)[0]}/{file_name(name, language)}"
    return context
