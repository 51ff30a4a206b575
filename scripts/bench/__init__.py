"""The site benchmark: `make bench` runs `python -m scripts.bench` (see __main__.py)."""
