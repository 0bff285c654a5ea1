"""`make bench-scale`: the site at 1,000, 10,000 and 100,000 stories on PostgreSQL.

`fill.py` loads a size in bulk with SQL (generate_series, no ORM row by row), `measure.py`
times the pages in-process with every cache off and EXPLAINs their queries, `run.py` starts a
private PostgreSQL, runs both at each size and writes bench/SCALE.md. Not part of `make bench`
or the tests.
"""
