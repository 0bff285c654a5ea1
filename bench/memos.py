"""Each per-process memo measured alone: what it saves on the pages nobody's cache serves.

Reader pages are served from the page cache; a memo only matters where a page is drawn for one
request: a signed-in editor reading the site, a search. This renders those pages in this
process (the test client, the benchmark's data set on a throwaway SQLite file) with every memo
on, then with one memo at a time turned off, and prints the median time per page and what each
memo saves. A memo that saves nothing measurable has no place (docs/kept-copies.md).

    python -m bench.memos            (part of `make bench`)
"""

import os
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROUNDS = 9
RENDERS_PER_ROUND = 40


def memos():
    """{name: context manager turning that memo off}."""
    from newsroom import addresses, templating

    def unwrapped(module, name):
        @contextmanager
        def off():
            memo = getattr(module, name)
            setattr(module, name, memo.__wrapped__)
            try:
                yield
            finally:
                setattr(module, name, memo)

        return off

    @contextmanager
    def nothing_drawn_once():
        drawn_once_as = templating.drawn_once_as

        def draw(environment, template_name, key, context):
            return environment.get_template(template_name).render(context)

        templating.drawn_once_as = draw
        try:
            yield
        finally:
            templating.drawn_once_as = drawn_once_as

    return {
        "drawn_once (masthead, banner, dialog)": nothing_drawn_once,
        "reverse": unwrapped(addresses, "_reverse"),
        "static": unwrapped(templating, "_static"),
        "date": unwrapped(templating, "_formatted_time"),
        "hreflang": unwrapped(templating, "_versions_of"),
    }


def round_ms(client, path):
    """Milliseconds of this process's CPU per render of `path`, over RENDERS_PER_ROUND renders.
    CPU time, not wall time: what else the machine runs does not count against the page."""
    started = time.process_time()
    for _ in range(RENDERS_PER_ROUND):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    return (time.process_time() - started) * 1000 / RENDERS_PER_ROUND


def compare(client, path, off):
    """(median ms with the memo, median ms without it): rounds alternate, so a drift in the
    machine's speed weighs on both alike."""
    on_rounds, off_rounds = [], []
    for _ in range(ROUNDS):
        on_rounds.append(round_ms(client, path))
        with off():
            off_rounds.append(round_ms(client, path))
    return statistics.median(on_rounds), statistics.median(off_rounds)


def main():
    folder = Path(tempfile.mkdtemp(prefix="newsroom-memos-"))
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": f"sqlite:///{folder / 'memos.sqlite3'}",
            "CACHE_URL": "locmemcache://memos",
            "DEBUG": "False",
            "SECRET_KEY": "bench-memos-only-" + "x" * 40,
            "ALLOWED_HOSTS": "testserver",
            "SECURE_SSL_REDIRECT": "False",
            "BENCH_STATIC_ROOT": str(folder / "static"),
        }
    )
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from bench.dataset import seed

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    paths = seed()["paths"]
    editor = get_user_model().objects.create_superuser("memo-editor", "e@x.test", "x" * 20)
    client = Client()
    client.force_login(editor)
    pages = [paths["home"], paths["article_50"], "/search/?q=council+bus"]
    for path in pages:
        round_ms(client, path)  # warm every memo and kept copy
    print(f"CPU ms per page drawn for a signed-in editor, median of {ROUNDS} rounds:")
    for name, off in memos().items():
        figures = []
        for path in pages:
            with_memo, without = compare(client, path, off)
            figures.append(
                f"{path} {with_memo:.2f} -> {without:.2f} ({(without - with_memo) / without:+.0%})"
            )
        print(f"  {name} on -> off: " + ", ".join(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
