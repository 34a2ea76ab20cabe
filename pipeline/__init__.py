"""The machinery that turns the chapters into tests, figures, notebooks and the site (docs/contributing.md)."""
