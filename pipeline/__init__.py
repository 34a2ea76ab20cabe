"""How a chapter becomes a test, a figure, a notebook and a page: plain modules, no MkDocs needed.

page      parse each Markdown page once into its blocks (snippets, figures, fences, prose)
store     the result of each snippet run, keyed by its code and its environment
runner    run a page's snippets (fresh namespace each, page order, one process per page)
notebooks a chapter as a notebook per language, with the stored outputs
examples  the sybil parser: a page's snippets as test items that check their #> lines
glossary  the terms table, read once (search words, glossary checks)
"""
