"""The access log's direct line (ops/access_log.py) against what the logging machinery writes for
the same call, in-process, for the text and the JSON log format."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import logging.config
from collections.abc import Iterator

import pytest

from camunda_hub.server.ops.access_log import AccessLine, access_logger
from camunda_hub.server.ops.logging import LineBatchingHandler, log_config, request_id

NAME = "camunda_hub_test.access"
# uvicorn's call, as httptools_impl makes it.
FORMAT = '%s - "%s %s HTTP/%s" %d'
SECRET = "s3cr3t-VALUE_abcdefghijklmnopqrstuvwxyz012345"


def _configure(json_logs: bool) -> tuple[logging.Logger, io.StringIO]:
    """``log_config``'s access-logger set-up, on a logger of the test's own."""
    config = log_config(json_logs=json_logs)
    config["loggers"] = {NAME: config["loggers"]["uvicorn.access"]}
    del config["root"]
    logging.config.dictConfig(config)
    logger = logging.getLogger(NAME)
    stream = io.StringIO()
    logger.handlers[0].setStream(stream)  # type: ignore[attr-defined]
    return logger, stream


@pytest.fixture
def restore_logger() -> Iterator[None]:
    yield
    logger = logging.getLogger(NAME)
    logger.handlers.clear()
    logger.setLevel(logging.NOTSET)
    logger.propagate = True


@pytest.mark.parametrize("json_logs", [False, True])
@pytest.mark.usefixtures("restore_logger")
def test_lines_are_the_loggers_lines(json_logs: bool) -> None:
    logger, stream = _configure(json_logs)
    fast = access_logger(logger)
    assert isinstance(fast, AccessLine)
    calls = [
        ("127.0.0.1:5555", "GET", "/api/v2/info", "1.1", 200),
        ("127.0.0.1:5555", "GET", f"/oauth/token?client_secret={SECRET}", "1.1", 400),
        ("[::1]:80", "POST", "/api/v2/files/%22x%22/ü", "1.0", 500),
    ]
    for rid in (None, "rid-42"):
        token = request_id.set(rid)
        try:
            for args in calls:
                logger.info(FORMAT, *args)
                fast.info(FORMAT, *args)
        finally:
            request_id.reset(token)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2 * 2 * len(calls)
    assert SECRET not in stream.getvalue()
    for by_logger, direct in zip(lines[::2], lines[1::2], strict=True):
        if json_logs:
            entries = json.loads(by_logger), json.loads(direct)
            times = [entry.pop("time") for entry in entries]
            # Both stamped within the same few milliseconds, in the same shape.
            assert [len(t) for t in times] == [len(times[0])] * 2
            assert entries[0] == entries[1]
        else:
            assert by_logger == direct
    assert "[request_id=rid-42]" in lines[-1] or '"request_id": "rid-42"' in lines[-1]


@pytest.mark.usefixtures("restore_logger")
def test_level_and_disabling_still_apply() -> None:
    logger, stream = _configure(json_logs=False)
    fast = access_logger(logger)
    logger.setLevel(logging.WARNING)
    fast.info(FORMAT, "127.0.0.1:1", "GET", "/", "1.1", 200)
    logger.setLevel(logging.INFO)
    logger.disabled = True
    try:
        fast.info(FORMAT, "127.0.0.1:1", "GET", "/", "1.1", 200)
    finally:
        logger.disabled = False
    assert stream.getvalue() == ""


@pytest.mark.usefixtures("restore_logger")
def test_any_other_set_up_keeps_the_logger() -> None:
    logger, _ = _configure(json_logs=False)
    extra = logging.StreamHandler(io.StringIO())
    logger.addHandler(extra)
    assert access_logger(logger) is logger
    logger.removeHandler(extra)
    handler = logger.handlers[0]
    handler.setFormatter(logging.Formatter("%(message)s"))
    assert access_logger(logger) is logger
    logger, _ = _configure(json_logs=False)
    logger.handlers[0].filters.pop()
    assert access_logger(logger) is logger
    logger, _ = _configure(json_logs=False)
    logger.propagate = True
    assert access_logger(logger) is logger


class _CountingStream(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        return super().write(text)


def test_lines_of_one_loop_pass_go_out_together_in_order_and_before_any_record() -> None:
    stream = _CountingStream()
    handler = LineBatchingHandler(stream)
    handler.setFormatter(logging.Formatter("%(message)s"))

    async def serve() -> tuple[str, str]:
        handler.write_line("one\n")
        handler.write_line("two\n")
        waiting = stream.getvalue()
        await asyncio.sleep(0)  # the loop's next pass
        return waiting, stream.getvalue()

    waiting, written = asyncio.run(serve())
    assert waiting == "" and written == "one\ntwo\n" and stream.writes == 1

    async def then_a_record() -> None:
        handler.write_line("three\n")
        handler.handle(logging.makeLogRecord({"msg": "a record"}))

    asyncio.run(then_a_record())
    assert stream.getvalue().endswith("two\nthree\na record\n")


def test_waiting_lines_are_written_on_flush_and_when_many() -> None:
    stream = _CountingStream()
    handler = LineBatchingHandler(stream)

    async def stop_with_lines_waiting() -> None:
        handler.write_line("last\n")
        handler.flush()  # what logging.shutdown does at exit
        assert stream.getvalue() == "last\n"
        for number in range(LineBatchingHandler.MAX_WAITING):
            handler.write_line(f"{number}\n")
        assert stream.getvalue().endswith(f"{LineBatchingHandler.MAX_WAITING - 1}\n")

    asyncio.run(stop_with_lines_waiting())
    # Outside an event loop a line goes out at once.
    handler.write_line("now\n")
    assert stream.getvalue().endswith("now\n")
