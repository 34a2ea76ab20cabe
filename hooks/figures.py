"""MkDocs event for the figures: each ``figures/<chapter>/<idea>.svg`` is the stored ``fig`` of its snippet.

A page that writes ``![alt text](figures/spiral/data.svg)`` gets the figure that
``snippets/spiral/data.py``, shown above it on the page, leaves in its variable
``fig``: the runner saved it as SVG in the result store (pipeline/store.py) when
the snippet ran. There are no figure files in the repository, and the build runs
nothing that is stored already.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # mkdocs loads hooks by path: find pipeline/

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from pipeline.page import pages
from pipeline.runner import MissingRecords, stored
from pipeline.store import Store


@event_priority(50)  # before the i18n plugin sorts the files by language
def on_files(files, config):
    store = Store()
    shown = [page for page in pages() if page.figures]
    drawn: dict[str, File] = {}
    for page in shown:
        try:
            records = stored(page, store)
        except MissingRecords as missing:
            raise PluginError(str(missing)) from None
        for figure in page.figures:
            record = records[page.runnable.index(page.drawn_by(figure))]
            if not record.ok or not record.figure:
                raise PluginError(f"{page.path}:{figure.line}: {figure.snippet} must run and leave a matplotlib "
                                  f"Figure in `fig`{'' if record.ok else ' (it failed: run python3 dev.py run)'}")
            uri = f"figures/{figure.name}.svg"
            if uri not in drawn:
                drawn[uri] = File.generated(config, uri, abs_src_path=str(store.figure(record.key, "svg")))
                files.append(drawn[uri])
    return files
