"""Errors of the tracker's domain and faces.

TrackerError            anything the operator can act on; the CLI prints it as one line
├── ConfigError         a setting is missing, malformed, or a secret is in a file
│   └── BadSetting      a value no rule allows (tracker.core.setting_checks; exit code 2)
├── UnknownReference    text that names no bill we can read (exit code 2)
├── UnknownBill         a well-formed reference that is not in the database
├── DatabaseNotReady    the database is missing or not at the migration head
└── InvalidInput        a bad email address, state, district, CSV row ...
"""

from __future__ import annotations


class TrackerError(Exception):
    """Base of the errors the CLI turns into one line and a non-zero exit."""

    exit_code = 1


class ConfigError(TrackerError):
    pass


class UnknownReference(TrackerError):
    exit_code = 2


class UnknownBill(TrackerError):
    pass


class DatabaseNotReady(TrackerError):
    pass


class InvalidInput(TrackerError):
    exit_code = 2
