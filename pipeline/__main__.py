"""``python -m pipeline <command>``: the implementation of ``python3 dev.py <command>`` (see dev.py)."""

from __future__ import annotations

import importlib
import sys

from pipeline import glossary, kernels, notebooks, runner, site, store
from pipeline.page import ROOT, pages


def main(argv: list[str]) -> int:
    command, args = (argv[0], argv[1:]) if argv else ("", [])
    settings = site.settings() if command in {"generate", "check", "kernels"} else None
    if command == "generate":
        for path in notebooks.write(settings):
            print(f"wrote {path.relative_to(ROOT)}")
        if glossary.write_search_words():
            print(f"wrote {glossary.WORDS.relative_to(ROOT)}")
        return 0
    if command == "check":
        problems = notebooks.out_of_date(settings)
        if glossary.WORDS.read_text(encoding="utf-8") != glossary.search_words():
            problems.append(f"{glossary.WORDS.relative_to(ROOT)} is out of date")
        print("\n".join(problems + ["run: python3 dev.py generate"]) if problems else "up to date")
        return 1 if problems else 0
    if command == "run":
        failed = runner.main(args)
        if not failed:
            notebooks.write_site()
        return failed
    if command == "prune":
        keep = {store.key(s) for page in pages() for s in page.runnable}
        print(f"deleted {store.Store().prune(keep)} stored results")
        return 0
    if command in {"offline", "pdf", "translations"}:
        return importlib.import_module(f"pipeline.{command}").main(args)
    if command == "kernels":
        problems = kernels.execute_all(settings)
        print("\n".join(problems) or "every notebook printed in a kernel what the store holds")
        return 1 if problems else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
