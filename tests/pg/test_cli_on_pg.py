"""netcrm-cli's networking and stats tests run again with `--db` naming a PostgreSQL database."""

# ruff: noqa: F401  (the imported tests are collected here, on PostgreSQL)
from __future__ import annotations

import pytest

from netcrm.cli import main
from tests.cli.test_networking_cli import (
    test_cadence_and_lapsed,
    test_followup_reschedule_and_ics_export,
    test_intro_and_who,
    test_networking_commands_through_a_real_process,
    test_open_networkers_detect_review_apply,
    test_pitch_templates_and_messages,
)
from tests.cli.test_stats_cli import (
    test_stats_goal_and_summary,
    test_stats_goal_needs_a_date,
    test_stats_json_has_every_figure,
)


@pytest.fixture
def db(request: pytest.FixtureRequest, pg_url: str, capsys: pytest.CaptureFixture[str]) -> str:
    """The URL where those tests expect a file path; the stats tests expect 200 demo contacts in it."""
    if request.node.name.startswith("test_stats_"):
        assert main(["--db", pg_url, "demo", "--contacts", "200"]) == 0
        capsys.readouterr()
    return pg_url
