"""Settings for benchmark runs only: the production settings plus the bare reference view.

The bare view lives in its own URLconf so the real site's URL map never carries a benchmark
endpoint. Everything else (DEBUG, SECRET_KEY, database) comes from the environment that
`bench/run.py` prepares, exactly as in production.
"""

from newsroom.settings import *  # noqa: F403
from newsroom.settings import env

ROOT_URLCONF = "bench.urls"

# Collected static files go with the benchmark's other throwaway files, not the project's.
STATIC_ROOT = env.path("BENCH_STATIC_ROOT", default=STATIC_ROOT)  # noqa: F405
