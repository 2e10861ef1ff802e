"""Use cases the UI and CLI call: each a transaction plus its audit entry, returning dataclasses."""
