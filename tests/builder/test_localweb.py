"""The local servers of the tests, the audit and the benchmarks: a connection a browser drops is not reported as an
error, while a real error still is."""

from __future__ import annotations

import pytest

from builder.localweb import _Server


def test_a_dropped_connection_is_not_reported_but_other_errors_are(capsys: pytest.CaptureFixture[str]) -> None:
    server = _Server(("127.0.0.1", 0), lambda *args: None)
    try:
        for error in (ConnectionResetError(104, "Connection reset by peer"), ValueError("a real bug")):
            try:
                raise error
            except (ConnectionError, ValueError):
                server.handle_error(None, ("127.0.0.1", 1))
    finally:
        server.server_close()
    printed = capsys.readouterr().err
    assert "a real bug" in printed
    assert "Connection reset" not in printed
