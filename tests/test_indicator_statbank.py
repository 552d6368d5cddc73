"""Statistics Denmark: the real request against a local server that answers with recorded
bodies in the API's real shapes, and saved answers loaded with --from-file."""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from dashboard.cli import main
from dashboard.db import session_scope
from dashboard.model import LoadLog
from dashboard.queries.indicators import measurements
from data_loaders.errors import InputError
from data_loaders.load_dst import load_dst
from data_loaders.statbank import parse_jsonstat
from tests.browser import SHUTDOWN_POLL
from tests.indicator_helpers import table_counts

DST = Path(__file__).parent / "fixtures" / "indicators" / "dst"


class RecordedStatbank:
    """A StatBank stand-in on 127.0.0.1: records each request, answers with a set body."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.status, self.body = 200, b""
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length", 0))
                owner.requests.append(
                    {"path": self.path, "json": json.loads(self.rfile.read(length))}
                )
                self.send_response(owner.status)
                self.send_header("Content-Type", "text/json; charset=utf-8")
                self.send_header("Content-Length", str(len(owner.body)))
                self.end_headers()
                self.wfile.write(owner.body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_port}/v1"
        self.thread = threading.Thread(
            target=self.server.serve_forever, args=(SHUTDOWN_POLL,), daemon=True
        )
        self.thread.start()

    def answer(self, path: Path, status: int = 200) -> None:
        self.status, self.body = status, path.read_bytes()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def statbank():
    server = RecordedStatbank()
    yield server
    server.close()


def _quarters(url: str, indicator: str) -> list[tuple[str, str, float]]:
    with session_scope(url) as session:
        frame = measurements(session, indicators=[indicator])
    return list(zip(frame["period"], frame["area"], frame["value"], strict=True))


def test_bulk_answer_is_requested_and_loaded_per_quarter(db_url, statbank):
    statbank.answer(DST / "straf11_bulk.txt")
    result = load_dst(db_url, "STRAF11", ["101"], fmt="BULK", base_url=statbank.base_url)
    request = statbank.requests[0]
    assert request["path"] == "/v1/data"
    assert request["json"] == {
        "table": "STRAF11",
        "format": "BULK",
        "lang": "da",
        "variables": [
            {"code": "OMRÅDE", "values": ["101"]},
            {"code": "OVERTRÆD", "values": ["TOT", "1", "12", "13"]},
            {"code": "Tid", "values": ["*"]},
        ],
    }
    assert (result.outcome, result.inserted) == ("loaded", 5)  # the ".." quarter is skipped
    assert _quarters(db_url, "dst_anmeldte_i_alt") == [
        ("2019Q2", "København", 21034.0),
        ("2019Q3", "København", 22517.0),
    ]
    with session_scope(db_url) as session:
        frame = measurements(session, indicators=["dst_anmeldte_vold"])
        assert frame["period_start"].map(str).tolist() == ["2019-04-01", "2019-07-01", "2019-10-01"]
        assert set(frame["source"]) == {"https://www.statistikbanken.dk/STRAF11"}
        log = session.scalars(select(LoadLog)).one()
        assert (log.kind, log.outcome) == ("dst", "loaded")


def test_jsonstat_answer_loads_by_codes(db_url, statbank):
    statbank.answer(DST / "straf11_jsonstat.json")
    load_dst(db_url, "STRAF11", ["101"], fmt="JSONSTAT", base_url=statbank.base_url)
    assert statbank.requests[0]["json"]["format"] == "JSONSTAT"
    assert _quarters(db_url, "dst_anmeldte_i_alt") == [
        ("2019Q3", "København", 22517.0),
        ("2019Q4", "København", 21876.0),
    ]
    assert _quarters(db_url, "dst_anmeldte_vold") == [
        ("2019Q3", "København", 1120.0),
        ("2019Q4", "København", 998.0),
    ]


def test_same_answer_twice_is_unchanged_and_bulk_then_jsonstat_agree(db_url, statbank):
    statbank.answer(DST / "straf11_bulk.txt")
    load_dst(db_url, "STRAF11", ["101"], base_url=statbank.base_url)
    assert load_dst(db_url, "STRAF11", ["101"], base_url=statbank.base_url).outcome == "unchanged"
    statbank.answer(DST / "straf11_jsonstat.json")
    result = load_dst(db_url, "STRAF11", ["101"], fmt="JSONSTAT", base_url=statbank.base_url)
    # every figure agrees with the BULK answer; only the quarter BULK left as ".." is new
    assert (result.inserted, result.updated) == (1, 0)


def test_the_shared_real_jsonstat_shape_parses(tmp_path):
    # The verbatim FOLK1A answer of the project's reference data, in the same wrapper.
    path = tmp_path / "folk1a.json"
    path.write_text(
        json.dumps(
            {
                "dataset": {
                    "dimension": {
                        "OMRÅDE": {"category": {"index": {"101": 0}}},
                        "ContentsCode": {"category": {"index": {"FOLK1A": 0}}},
                        "Tid": {"category": {"index": {"2026K3": 0}}},
                        "id": ["OMRÅDE", "ContentsCode", "Tid"],
                        "size": [1, 1, 1],
                        "role": {"geo": ["OMRÅDE"], "metric": ["ContentsCode"], "time": ["Tid"]},
                    },
                    "value": [670389],
                }
            }
        )
    )
    (row,) = parse_jsonstat(path.read_bytes(), "folk1a")
    assert (row.area, row.figure, row.period, row.value) == ("101", "FOLK1A", "2026Q3", 670389.0)


@pytest.mark.parametrize(
    ("answer", "status", "message"),
    [
        ("error_notfound.json", 400, "Can't find value: 999 (OMRÅDE) (EXTRACT-NOTFOUND)"),
        ("error_format.json", 400, "Format not found or not valid. (REQUEST-MISSING)"),
        ("straf11_bulk.txt", 503, "HTTP 503"),
    ],
)
def test_api_errors_give_a_clear_message_and_write_nothing(
    db_url, statbank, answer, status, message
):
    statbank.answer(DST / answer, status=status)
    before = table_counts(db_url)
    with pytest.raises(InputError, match="Statistics Denmark") as caught:
        load_dst(db_url, "STRAF11", ["999"], base_url=statbank.base_url)
    assert message in str(caught.value)
    assert table_counts(db_url) == before


def test_unreachable_server_is_reported(db_url):
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(InputError, match="could not be reached"):
        load_dst(db_url, "STRAF11", ["101"], base_url=f"http://127.0.0.1:{port}/v1")


def test_cli_loads_a_saved_answer(db_url, cli_env):
    runner = CliRunner()
    result = runner.invoke(
        main,
        [
            "load", "dst", "--table", "STRAF11", "--format", "jsonstat",
            "--from-file", str(DST / "straf11_jsonstat.json"),
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "4 figures: 4 new" in result.stdout
    bad = runner.invoke(
        main, ["load", "dst", "--table", "STRAF11", "--from-file", str(DST / "error_notfound.json")]
    )
    assert bad.exit_code == 1
    assert "error answer from Statistics Denmark" in bad.stderr
