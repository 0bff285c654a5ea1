"""Logs are one JSON object per line, tracebacks and extra fields included."""

import json
import logging
import sys

from newsroom.logs import JsonLineFormatter


def format_record(**kwargs):
    defaults = {"name": "newsroom.test", "level": logging.WARNING, "msg": "Something %s"}
    record = logging.LogRecord(
        pathname=__file__,
        lineno=1,
        args=kwargs.pop("args", ("happened",)),
        exc_info=kwargs.pop("exc_info", None),
        **{**defaults, **kwargs},
    )
    return JsonLineFormatter().format(record)


def test_a_record_is_one_line_of_json_with_time_level_logger_and_message():
    line = format_record()

    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "warning"
    assert entry["logger"] == "newsroom.test"
    assert entry["message"] == "Something happened"
    assert entry["time"].endswith("+00:00")


def test_a_traceback_stays_inside_its_record():
    try:
        raise ValueError("the database went away")
    except ValueError:
        line = format_record(exc_info=sys.exc_info())

    assert "\n" not in line
    assert "ValueError: the database went away" in json.loads(line)["exception"]


def test_extra_fields_are_kept():
    record = logging.makeLogRecord(
        {"name": "newsroom.admin_login", "msg": "Admin login failed", "username": "editor"}
    )

    entry = json.loads(JsonLineFormatter().format(record))

    assert entry["username"] == "editor"


def test_gunicorn_access_records_become_named_fields():
    atoms = {"h": "203.0.113.9", "m": "GET", "U": "/", "q": "", "s": "200", "B": 512, "M": 12}
    record = logging.LogRecord(
        "gunicorn.access", logging.INFO, __file__, 1, "%(h)s", (atoms,), exc_info=None
    )

    entry = json.loads(JsonLineFormatter().format(record))

    assert entry["message"] == "request"
    assert entry["method"] == "GET"
    assert entry["path"] == "/"
    assert entry["status"] == "200"
    assert entry["duration_ms"] == 12
    assert entry["remote_addr"] == "203.0.113.9"
