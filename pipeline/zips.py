"""Zips that are the same bytes whenever their contents are: fixed times and modes."""

from __future__ import annotations

import zipfile
from pathlib import Path

TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold


def write(path: Path, entries: dict[str, bytes | Path]) -> Path:
    """Write ``entries`` (name in the zip -> bytes, or a file to read), in their order, to ``path``, atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in entries:
            info = zipfile.ZipInfo(name, date_time=TIME)
            info.compress_type, info.create_system, info.external_attr = zipfile.ZIP_DEFLATED, 3, 0o644 << 16
            data = entries[name]
            archive.writestr(info, data if isinstance(data, bytes) else data.read_bytes())
    partial.replace(path)
    return path
