"""The benchmark harness (`make bench`): measures reader pages against a bare Django view.

Not part of the test suite and never loaded by the production settings.
"""

# Where bench/urls.py serves the bare reference view; bench/run.py requests it.
BARE_VIEW_PATH = "__bench__/bare/"
