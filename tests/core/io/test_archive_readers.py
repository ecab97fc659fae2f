"""The archive's readers on fixtures shaped like real 2025-2026 exports (tests/data/archive)."""

from __future__ import annotations

import shutil
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from netcrm.core.errors import FileRefusedError
from netcrm.core.io.archive import messages, network
from netcrm.core.io.archive.members import kind_of
from netcrm.core.io.archive.reader import read_archive
from netcrm.core.io.archive.table import EmptyFile, parse_when

DATA = Path(__file__).parents[2] / "data" / "archive"
COMPLETE = DATA / "Complete_LinkedInDataExport_11-20-2026"
BASIC = DATA / "Basic_LinkedInDataExport_12-01-2026"


def zip_folder(folder: Path, target: Path, only: set[str] | None = None) -> Path:
    """A zip of `folder` as LinkedIn sends it (members relative to the folder)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder).as_posix()
            if path.is_file() and (only is None or name in only):
                archive.write(path, name)
    return target


def test_messages_map_quoted_2026_headers_by_name() -> None:
    rows = messages.read((COMPLETE / "messages.csv").read_bytes(), "messages.csv")
    assert len(rows) == 9
    first = rows[0]
    assert first.sent_at == datetime(2026, 11, 18, 9, 5, 12)
    assert first.text == "<p>Thanks Mara!</p><p>Tuesday works.</p>"  # kept as written, shown as text
    assert first.row == 2
    multiline = rows[1]
    assert multiline.text == "Hi Ingrid,\nshall we catch up next week?\nMara"
    assert rows[2].row == 6  # the line where the record starts, after lines 3-5 of one message
    group = rows[4]
    assert group.conversation_title == "Data folks"
    assert len(group.recipient_urls) == 3 and group.recipients[2] == "Priya Raman"
    assert "\u202e" in group.text  # hostile text is stored as text
    assert rows[6].folder == "INMAIL" and rows[6].subject == "Staff Data Engineer"
    assert rows[7].folder == "SPONSORED" and rows[7].sender_url == ""
    assert rows[8].is_draft and not rows[0].is_draft


def test_message_key_is_conversation_date_and_sender() -> None:
    rows = messages.read((COMPLETE / "messages.csv").read_bytes(), "messages.csv")
    assert len({row.key for row in rows}) == len(rows)
    again = messages.read((BASIC / "messages_1.csv").read_bytes(), "messages_1.csv")
    assert {row.key for row in again[1:]} == {row.key for row in rows[:4]}


def test_messages_of_2022_lack_recipient_urls_and_drafts() -> None:
    text = (
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n"
        "2-abc==,,Ann Lee,https://www.linkedin.com/in/ann-lee,Mara Lindqvist,"
        "2022-03-01 10:00:00 UTC,,Hi,INBOX\n"
    )
    (row,) = messages.read(text.encode(), "messages.csv")
    assert row.recipient_urls == () and not row.is_draft and row.sender_url.endswith("ann-lee")


def test_a_bad_date_names_file_row_and_column() -> None:
    text = (
        '"CONVERSATION ID","FROM","SENDER PROFILE URL","TO","DATE","CONTENT"\n'
        "2-a,Ann,https://www.linkedin.com/in/ann,Mara,2026-01-01 10:00:00 UTC,ok\n"
        "2-a,Ann,https://www.linkedin.com/in/ann,Mara,yesterday,not ok\n"
    )
    with pytest.raises(FileRefusedError) as caught:
        messages.read(text.encode(), "messages.csv")
    assert str(caught.value) == "messages.csv, row 3, column 'DATE': not a date: 'yesterday'"


def test_a_row_of_the_wrong_width_refuses_the_file_naming_the_row() -> None:
    text = '"CONVERSATION ID","FROM","DATE","CONTENT"\n2-a,Ann,2026-01-01 10:00:00 UTC,ok\n2-a,Ann,x\n'
    with pytest.raises(FileRefusedError, match=r"messages.csv, row 3: 3 fields where the header has 4"):
        messages.read(text.encode(), "messages.csv")


def test_a_missing_required_column_is_named() -> None:
    with pytest.raises(FileRefusedError, match=r"no header row with the columns .*CONVERSATION ID"):
        messages.read(b"FROM,TO,SUBJECT\nAnn,Bob,hi\n", "messages.csv")


def test_one_line_of_prose_is_an_empty_file_not_a_malformed_one() -> None:
    with pytest.raises(EmptyFile, match="No conversations found"):
        messages.read((BASIC / "messages_2.csv").read_bytes(), "messages_2.csv")


def test_invitations_directions_dates_and_notes() -> None:
    rows = network.invitations((COMPLETE / "Invitations.csv").read_bytes(), "Invitations.csv")
    assert [row.direction for row in rows] == ["outgoing", "outgoing", "incoming"]
    assert rows[0].sent_at == datetime(2026, 11, 2, 9, 14)
    assert rows[1].sent_at == datetime(2025, 10, 3, 14, 22)
    assert rows[0].message == "Hi Oskar, we met at PyData Berlin."
    assert rows[0].other_url.endswith("oskar-brandt") and rows[2].other_url.endswith("rafael-dias-sales")
    assert rows[2].other_name == "Rafael Dias"


def test_an_unknown_direction_is_refused_with_its_column() -> None:
    text = b'From,To,Sent At,Message,Direction\nA,B,"10/3/25, 2:22 PM",,SIDEWAYS\n'
    with pytest.raises(FileRefusedError, match=r"Invitations.csv, row 2, column 'Direction'"):
        network.invitations(text, "Invitations.csv")


def test_endorsements_received_and_given() -> None:
    received = network.endorsements(
        (COMPLETE / "Endorsement_Received_Info.csv").read_bytes(), "e.csv", given=False
    )
    given = network.endorsements((COMPLETE / "Endorsement_Given_Info.csv").read_bytes(), "g.csv", given=True)
    assert received[0].on == date(2026, 2, 14) and received[0].skill == "Data Engineering"
    assert received[1].name == "Tomás Okafor" and not received[1].given
    assert given[0].given and given[0].url.endswith("priya-raman-77")


def test_recommendations_keep_multiline_text_and_status() -> None:
    rows = network.recommendations(
        (COMPLETE / "Recommendations_Received.csv").read_bytes(), "r.csv", given=False
    )
    assert rows[0].text.startswith("Mara rebuilt") and "\n" in rows[0].text
    assert rows[0].on == date(2026, 4, 22) and rows[1].status == "HIDDEN"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-10-03 14:22:51 UTC", datetime(2025, 10, 3, 14, 22, 51)),
        ("2019/05/22 09:41:29 UTC", datetime(2019, 5, 22, 9, 41, 29)),
        ("10/3/25, 2:22 PM", datetime(2025, 10, 3, 14, 22)),
        ("12/1/25, 12:05 AM", datetime(2025, 12, 1, 0, 5)),
        ("Tue Mar 04 10:12:44 UTC 2025", datetime(2025, 3, 4, 10, 12)),
        ("18 Nov 2024", datetime(2024, 11, 18)),
        ("", None),
    ],
)
def test_every_date_shape_of_the_archive(text: str, expected: datetime | None) -> None:
    assert parse_when(text) == expected


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("messages.csv", "messages"),
        ("Complete_LinkedInDataExport_11-20-2026/messages_2.csv", "messages"),
        ("Connections_123456789.csv", "connections"),
        ("Jobs/Saved Jobs_1.csv", "saved_jobs"),
        ("Endorsement_Received_Info.csv", "endorsements_received"),
        ("Company Follows.csv", "follows"),
        ("Articles/Articles/post.html", None),
        ("Ad_Targeting.csv", None),
        ("../../etc/messages.csv.exe", None),
    ],
)
def test_member_kinds_ignore_folders_member_ids_and_part_numbers(name: str, kind: str | None) -> None:
    assert kind_of(name) == kind


def test_the_unzipped_folder_reads_whole_with_a_count_per_file() -> None:
    archive = read_archive([COMPLETE])
    uses = {Path(use.name).name: use for use in archive.files}
    assert uses["messages.csv"].count == 9 and uses["messages.csv"].status == "used"
    assert uses["Invitations.csv"].count == 3
    assert uses["Connections.csv"].count == 4 and archive.connections is not None
    assert uses["Ad_Targeting.csv"].status == "unknown"
    assert uses["Saved Jobs_1.csv"].status == "kept" and "job-search" in uses["Saved Jobs_1.csv"].reason
    assert uses["2025-05-01 Why data contracts.html"].status == "unknown"
    assert len(archive.endorsements) == 3 and len(archive.recommendations) == 3
    assert [follow.organization for follow in archive.follows] == ["Northwind Analytics, Inc.", "Hooli"]
    assert archive.owner is not None and archive.owner.headline == "Data platform lead | ex-Northwind"
    assert archive.owner.positions[0] == "Data Platform Lead at Hooli"


def test_the_zip_reads_like_the_folder(tmp_path: Path) -> None:
    archive = read_archive([zip_folder(COMPLETE, tmp_path / "Complete_LinkedInDataExport_11-20-2026.zip")])
    assert len(archive.messages) == 9 and len(archive.invitations) == 3 and archive.connections is not None


def test_an_archive_split_across_two_zips_reads_as_one(tmp_path: Path) -> None:
    first = zip_folder(COMPLETE, tmp_path / "export_1.zip", {"Connections.csv", "messages.csv"})
    second = zip_folder(COMPLETE, tmp_path / "export_2.zip", {"Invitations.csv", "Profile.csv"})
    archive = read_archive([first, second])
    assert len(archive.messages) == 9 and len(archive.invitations) == 3
    assert archive.owner is not None and archive.owner.first_name == "Mara"


def test_numbered_parts_join_and_prose_parts_are_listed_as_empty() -> None:
    archive = read_archive([BASIC])
    assert len(archive.messages) == 5
    prose = next(use for use in archive.files if use.name.endswith("messages_2.csv"))
    assert prose.status == "empty" and "No conversations found" in prose.reason


def test_a_malformed_file_fails_alone(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    shutil.copytree(COMPLETE, folder)
    (folder / "Invitations.csv").write_text("From,To,Sent At,Message,Direction\nA,B,someday,,OUTGOING\n")
    archive = read_archive([folder])
    (failed,) = archive.failed
    assert failed.name.endswith("Invitations.csv")
    assert "row 2, column 'Sent At'" in failed.reason
    assert archive.invitations == () and len(archive.messages) == 9


def test_a_zip_bomb_member_is_refused_before_inflating(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("messages.csv", b"0" * (30 * 1024 * 1024))
    with pytest.raises(FileRefusedError, match="zip bomb"):
        read_archive([bomb])


def test_member_names_are_never_paths(tmp_path: Path) -> None:
    target = tmp_path / "evil.zip"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("../../outside/messages.csv", (COMPLETE / "messages.csv").read_bytes())
    archive_read = read_archive([target])
    assert len(archive_read.messages) == 9
    assert not (tmp_path.parent / "outside").exists()
