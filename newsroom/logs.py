"""Log records as one JSON object per line, so a log collector can index them without parsing.

Used by Django (settings.LOGGING) and by gunicorn (gunicorn.conf.py) for its error and access
logs, so everything a machine prints to stdout has the same shape. A traceback stays inside
its record (as the "exception" field) instead of spilling over many lines.
"""

import json
import logging
from datetime import UTC, datetime

# Gunicorn hands its access-log fields over as the record's arguments; these keep their meaning
# under readable names.
ACCESS_FIELDS = {
    "h": "remote_addr",
    "m": "method",
    "U": "path",
    "q": "query",
    "s": "status",
    "B": "bytes",
    "M": "duration_ms",
    "f": "referer",
    "a": "user_agent",
}

# Attributes every LogRecord has; anything else was passed in `extra=` and is worth keeping.
STANDARD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonLineFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            entry["message"] = "request"
            entry.update({name: record.args.get(atom) for atom, name in ACCESS_FIELDS.items()})
        else:
            entry["message"] = record.getMessage()
        for key, value in vars(record).items():
            if key not in STANDARD_ATTRIBUTES and key not in entry and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def stdout_logging(root_level, levels):
    """A logging dictConfig printing every record to stdout as one JSON line.

    `levels` maps logger names to their level; those loggers do not also pass records up to the
    root logger, so nothing is printed twice.
    """
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "newsroom.logs.JsonLineFormatter"}},
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "json",
            }
        },
        "root": {"handlers": ["stdout"], "level": root_level},
        "loggers": {
            name: {"handlers": ["stdout"], "level": level, "propagate": False}
            for name, level in levels.items()
        },
    }
