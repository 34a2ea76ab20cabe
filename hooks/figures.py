"""MkDocs event: each ``figures/<chapter>/<idea>.svg`` is the ``fig`` of ``snippets/<chapter>/<idea>.py``, as the
runner stored it (pipeline/store.py): no figure files in the repository."""

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
    store, drawn = Store(), {}  # uri -> the stored SVG (both languages show it)
    for page in [page for page in pages() if page.figures]:
        try:
            records = stored(page, store)
        except MissingRecords as missing:
            raise PluginError(str(missing)) from None
        for figure in page.figures:
            record = records[page.runnable.index(page.drawn_by(figure))]
            if not record.ok or not record.figure:
                raise PluginError(f"{page.path}:{figure.line}: {figure.snippet} must run and leave a matplotlib "
                                  f"Figure in `fig`{'' if record.ok else ' (it failed: run python3 dev.py run)'}")
            drawn[f"figures/{figure.name}.svg"] = store.file(record.key, "svg")
    for uri, path in drawn.items():
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files
