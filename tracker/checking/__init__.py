"""Checking a bill: the cycle, its batches, one check, diffing snapshots into events,
the fingerprint, storing a snapshot, the check schedule, the sources, and queuing
the alerts a check raises, all in the check's transaction.

Writes outbox rows but never renders or sends mail (``tracker.mail``), and never
reads the status report (``tracker.report``).
"""
