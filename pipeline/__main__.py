"""``python -m pipeline <command>``: the implementation of ``python3 dev.py <command>`` (see dev.py)."""

import importlib
import sys

from pipeline import notebooks, runner, site, store
from pipeline.page import ROOT, pages


def main(argv: list[str]) -> int:
    command, args = (argv[0], argv[1:]) if argv else ("", [])
    if command in {"generate", "check"}:
        expected, present = notebooks.committed(site.settings())
        if command == "generate":
            for path in notebooks.sync(expected, present):
                print(f"{'wrote' if path in expected else 'deleted'} {path.relative_to(ROOT)}")
            return 0
        problems = [f"{path.relative_to(ROOT)} is " + ("not a chapter's notebook" if path not in expected else
                                                       "out of date" if path.exists() else "missing")
                    for path in notebooks.differing(expected, present)]
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
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
