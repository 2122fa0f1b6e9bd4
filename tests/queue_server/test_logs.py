from __future__ import annotations

import json
import logging
import sys

from queue_server.logs import JsonFormatter


def test_records_become_one_json_object_with_extras() -> None:
    record = logging.makeLogRecord({"name": "queue_server.x", "levelname": "INFO",
                                    "msg": "called %s", "args": ("B023",), "desk": 4})
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "called B023"
    assert entry["desk"] == 4 and entry["level"] == "INFO"
    assert entry["time"].endswith("+00:00")


def test_exceptions_are_included() -> None:
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.makeLogRecord({"msg": "failed", "levelname": "ERROR"})
        record.exc_info = sys.exc_info()
    entry = json.loads(JsonFormatter().format(record))
    assert "ValueError: boom" in entry["exception"]
