"""Progress bars for the training loops: shown where a student watches, silent where output is recorded.

[fit][dlnotes.train.fit], [RBM.fit][dlnotes.rbm.RBM.fit] and
[DBN.pretrain][dlnotes.dbn.DBN.pretrain] take ``progress``: ``True`` shows a bar,
``False`` never does, and ``None`` (the default) shows one when
[interactive][dlnotes.progress.interactive] says someone is watching and the run
has lasted ``DELAY`` seconds, so quick runs leave nothing behind. The bar is
``tqdm.auto``'s: a widget in Jupyter and Colab, a line on stderr in a terminal;
it never writes to stdout.
"""

import sys
import warnings

DELAY = 0.5
"""Seconds a run lasts before ``progress=None`` shows its bar."""


def interactive() -> bool:
    """Whether someone is watching this process: the one place dlnotes decides it.

    True when the code runs in a Jupyter kernel (Jupyter, JupyterLab, Colab, VS
    Code: IPython's shell has a ``kernel``), or when ``sys.stderr`` is a terminal
    (a script or IPython in a terminal). False otherwise: under pytest, which
    captures stderr; in the pages' runner, whose snippets run with stderr captured
    in a child process; and wherever stderr goes to a file or a pipe (logs, CI).

    Examples:
        >>> interactive() in (True, False)
        True
    """
    ipython = sys.modules.get("IPython")  # imported by every kernel; never imported here
    shell = ipython.get_ipython() if ipython is not None else None
    if getattr(shell, "kernel", None) is not None:
        return True
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (AttributeError, ValueError):  # a replaced or closed stream
        return False


def progress_bar(total: int, description: str, progress: bool | None):
    """Return a ``tqdm.auto`` bar over ``total`` steps (a silent one when it is not to be shown).

    Args:
        total: the number of steps (epochs) the loop will take.
        description: the bar's label, e.g. ``"fit"``.
        progress: ``True`` shows the bar at once, ``False`` never, ``None`` when
            [interactive][dlnotes.progress.interactive], after ``DELAY`` seconds.

    Raises:
        TypeError: ``progress`` is not ``True``, ``False`` or ``None``.

    Examples:
        >>> with progress_bar(3, "demo", progress=False) as bar:   # silent: its update() does nothing
        ...     bar.update()
        >>> bar.disable
        True
    """
    if progress is not None and not isinstance(progress, bool):
        raise TypeError(f"progress must be True, False or None, got {type(progress).__name__}")
    show = interactive() if progress is None else progress
    from tqdm.std import TqdmWarning

    with warnings.catch_warnings():
        # In a kernel without ipywidgets tqdm.auto warns, then writes a text bar to stderr,
        # which Jupyter shows well: the fallback is fine, the warning only alarms a student.
        warnings.simplefilter("ignore", TqdmWarning)
        from tqdm.auto import tqdm
    return tqdm(total=total, desc=description, unit="epoch", disable=not show, leave=True,
                delay=DELAY if progress is None else 0, file=sys.stderr, dynamic_ncols=True)
