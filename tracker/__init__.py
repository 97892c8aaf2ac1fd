"""The domain and the faces, one folder per concern (DESIGN.md, "Packages").

    core/      settings, clock, errors, the app context, bill references
    vocab/     change events, the snapshot's JSON form, stage and event wording
    checking/  one check cycle: fetch, diff into events, store, queue alerts
    people/    advocates, subscriptions, topics, officials, whom to call
    mail/      rendering alerts and digests, the outbox's delivery over SMTP
    report/    the status report, one bill's timeline, schedules, search
    bulk/      importing a whole Congress
    cli/, web/ the faces, on top of everything else

``jobs`` (the daemon) sits above ``tracker``; only ``tracker.cli.daemon`` reaches
it, lazily. The rules of who imports whom are stated once, in
``tests/test_import_direction.py``.
"""
