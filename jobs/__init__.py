"""The daemon: APScheduler ticks that claim due work from the database and run it.

Wiring only: the rules live in ``tracker`` (what to check, what to send).
"""
