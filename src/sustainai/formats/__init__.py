"""One date and one date-time format per language across the platform (``FORMAT_MODULE_PATH``):
"4 December 2026" and "4 December 2026, 17:45" in English, "4 décembre 2026" and
"4 décembre 2026, 17:45" in French, in place of Django's defaults (which mix "Dec. 4, 2026" and
"12/04/2026 5:45 a.m." in English). Input formats and number separators stay Django's."""
