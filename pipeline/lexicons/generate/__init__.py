"""Scripts that write lexicon files from libraries of the field: `python -m pipeline.lexicons.generate.NAME`.
Their output is committed, so a build needs neither the network nor the script."""
