"""The core service tests that need no SQLite file, run again on PostgreSQL (tests/pg/conftest's `svc`).

Imported rather than parametrised: the SQLite run stays where it is, and this list says at a glance which
behaviour is proven on the server. Tests that read the SQLite file itself (fingerprints, pragmas) have
PostgreSQL counterparts in test_services_pg.py.
"""

# ruff: noqa: F401  (the imported tests are collected here, on PostgreSQL)
from __future__ import annotations

from tests.core.test_networking import (
    test_bad_templates_are_reported_not_sent,
    test_cadence_per_contact_and_tag_and_logging_restarts_it,
    test_cadence_without_dates_counts_from_creation,
    test_decide_unknown_id_is_refused,
    test_due_summary_counts_what_became_due_since,
    test_every_formats_example_through_the_database,
    test_ics_export_parses_back_with_stable_uids,
    test_introduction_requests_move_on_with_follow_ups,
    test_month_end_recurrence_keeps_the_31st,
    test_render_and_send_messages,
    test_user_tag_is_a_signal,
    test_who_at_company_folds_case_and_accents,
)
from tests.core.test_services import (
    test_add_normalises_and_derives,
    test_counts,
    test_delete_goes_to_trash_and_restore_brings_back,
    test_duplicate_emails_keep_the_first_spelling_and_order,
    test_edit_keeps_history_and_checks_version,
    test_edit_renames_display_name_unless_user_chose_one,
    test_list_rows_match_records,
    test_log_interaction_validates_kind,
    test_recurring_follow_up_done_logs_and_schedules_next,
    test_search_is_case_and_accent_insensitive,
    test_slug_is_unique,
    test_tags_and_open_networker_decisions,
)
from tests.core.test_smart_lists import (
    test_bulk_follow_ups_are_one_step_and_removable,
    test_list_row_and_trash_rows_have_the_list_shape,
    test_merge_keeps_everything_of_both,
    test_merge_refuses_nonsense,
    test_smart_list_ids_refuses_unknown_lists,
    test_smart_lists,
)
from tests.core.test_stats import (
    network,
    test_contacts_without_dates_count_from_the_day_they_were_added,
    test_empty_database,
    test_every_figure_on_a_hand_made_network,
    test_growth_goal_is_stored_and_paced,
)
