"""Draw every figure of the site from the snippet that shows it, at build time.

A page that writes ``![alt text](figures/spiral/data.svg)`` gets the figure that
``snippets/spiral/data.py`` leaves in its variable ``fig`` (a matplotlib Figure),
saved as SVG. So a figure is always the output of the code on the page, never a
stale file: there are no figure files in the repository.

Figures are cached in .cache/figures/, keyed by the snippet, the dlnotes sources
and the torch and matplotlib versions, so the second language's build and later
builds with nothing changed draw nothing. A missing snippet, or one without a
``fig``, fails the build.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import runpy
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

_IMAGE = re.compile(r"\]\((?:\.\./)*figures/(?P<name>[\w/-]+)\.svg\)")


def _key(root: Path, snippet: Path) -> str:
    import matplotlib
    import torch

    digest = hashlib.sha256(snippet.read_bytes())
    for source in sorted((root / "dlnotes").rglob("*.py")):
        digest.update(source.read_bytes())
    digest.update(f"{torch.__version__} {matplotlib.__version__}".encode())
    return digest.hexdigest()[:16]


def draw(root: Path, name: str, out: Path) -> None:
    """Run snippets/<name>.py and save its ``fig`` as SVG to ``out``."""
    import matplotlib
    from matplotlib.figure import Figure

    import torch

    snippet = root / "snippets" / f"{name}.py"
    torch.set_num_threads(1)  # small models: one thread is fastest on a shared machine
    with contextlib.redirect_stdout(io.StringIO()):
        namespace = runpy.run_path(str(snippet), run_name="__main__")
    fig = namespace.get("fig")
    if not isinstance(fig, Figure):
        raise PluginError(f"snippets/{name}.py must leave a matplotlib Figure in `fig`")
    out.parent.mkdir(parents=True, exist_ok=True)
    with matplotlib.rc_context({"svg.hashsalt": name, "svg.fonttype": "none"}):
        fig.savefig(out, format="svg", dpi=150, metadata={"Date": None})


@event_priority(50)  # before the i18n plugin sorts the files by language
def on_files(files, config):
    root = Path(config.config_file_path).parent
    names = set()
    for page in Path(config.docs_dir).rglob("*.md"):
        names.update(m["name"] for m in _IMAGE.finditer(page.read_text(encoding="utf-8")))
    cache = root / ".cache" / "figures"
    for name in sorted(names):
        snippet = root / "snippets" / f"{name}.py"
        if not snippet.is_file():
            raise PluginError(f"figures/{name}.svg needs snippets/{name}.py, which does not exist")
        src_dir = cache / _key(root, snippet)
        svg = src_dir / "figures" / f"{name}.svg"
        if not svg.is_file():
            draw(root, name, svg)
        files.append(File(f"figures/{name}.svg", str(src_dir), config.site_dir, config.use_directory_urls))
    return files
