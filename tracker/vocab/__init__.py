"""The shared vocabulary of changes: the change events a check produces, the JSON form
of a snapshot, and how stages and events read in plain English.

Checking writes these; mail, report and the faces read them. Nothing here opens a
session or sends anything; imports only ``scrapers`` and ``tracker.core``.
"""
