"""What every part of ``tracker`` uses: settings, the clock, errors, the app context,
and reading the bill references people type or paste.

Knows nothing of checking, mail, people or the faces; imports only ``db``,
``scrapers`` and itself.
"""
