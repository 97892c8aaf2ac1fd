"""The status report: health and status rows, one bill's timeline, announced hearings
and votes, recorded roll-call votes with every member's position, search and what a
topic matches now.

Read-only over the database; used by the CLI, the web and mail. Never checks a bill
or sends mail.
"""
