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


def referenced(docs_dir: Path) -> list[str]:
    """The names ``x/y`` of every ``figures/x/y.svg`` that a page shows."""
    names = set()
    for page in Path(docs_dir).rglob("*.md"):
        names.update(m["name"] for m in _IMAGE.finditer(page.read_text(encoding="utf-8")))
    return sorted(names)


def cached_path(root: Path, name: str) -> Path:
    """Where the figure drawn by snippets/<name>.py is cached for the current sources."""
    import matplotlib
    import torch

    snippet = root / "snippets" / f"{name}.py"
    if not snippet.is_file():
        raise PluginError(f"figures/{name}.svg needs snippets/{name}.py, which does not exist")
    digest = hashlib.sha256(snippet.read_bytes())
    for source in sorted((root / "dlnotes").rglob("*.py")):
        digest.update(source.read_bytes())
    digest.update(f"{torch.__version__} {matplotlib.__version__}".encode())
    return root / ".cache" / "figures" / digest.hexdigest()[:16] / "figures" / f"{name}.svg"


def save(fig: object, name: str, out: Path) -> None:
    """Save the ``fig`` left by snippets/<name>.py as a reproducible SVG."""
    import matplotlib
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        raise PluginError(f"snippets/{name}.py must leave a matplotlib Figure in `fig`")
    out.parent.mkdir(parents=True, exist_ok=True)
    with matplotlib.rc_context({"svg.hashsalt": name, "svg.fonttype": "none"}):
        fig.savefig(out, format="svg", dpi=150, metadata={"Date": None})


def draw(root: Path, name: str, out: Path) -> None:
    """Run snippets/<name>.py and save its ``fig`` as SVG to ``out``."""
    import torch

    torch.set_num_threads(1)  # small models: one thread is fastest on a shared machine
    with contextlib.redirect_stdout(io.StringIO()):
        namespace = runpy.run_path(str(root / "snippets" / f"{name}.py"), run_name="__main__")
    save(namespace.get("fig"), name, out)


@event_priority(50)  # before the i18n plugin sorts the files by language
def on_files(files, config):
    root = Path(config.config_file_path).parent
    for name in referenced(Path(config.docs_dir)):
        svg = cached_path(root, name)
        if not svg.is_file():
            draw(root, name, svg)
        src_dir = svg.parents[len(Path(name).parts)]  # the folder that holds figures/
        files.append(File(f"figures/{name}.svg", str(src_dir), config.site_dir, config.use_directory_urls))
    return files
