"""Writers of what researchers publish: CSV tables, run provenance (and later workbooks, charts, HTML)."""
