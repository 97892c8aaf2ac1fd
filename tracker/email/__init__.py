"""Email: rendering alerts and digests, signing unsubscribe links, sending over SMTP.

Module map (imports ``tracker``'s own modules and ``db``, never ``jobs``)::

    render      Jinja2 environment and the macro-based templates (templates/)
    wording     one headline per event kind, stage labels
    progress    the stage ladder as progress-bar steps
    compose     view values from stored rows (bills, events, actions, links)
    calls       whom to call: ContactBook (officials in bulk), CallPlanner (fragments)
    alert       the instant alert;  digest: the digest email
    message     MIME message, safe headers, stable Message-ID
    tokens      signed unsubscribe tokens;  unsubscribe: acting on them
    prepare     getting claimed outbox rows ready to send
    smtp        SmtpMailer and the temporary/permanent failure split

Delivery is ``tracker.delivery``; digests are queued by ``tracker.digests``.
"""

from __future__ import annotations

from tracker.email.smtp import SmtpMailer
from tracker.email.tokens import make_unsubscribe_token, verify_unsubscribe_token
from tracker.email.unsubscribe import unsubscribe_with_token

__all__ = [
    "SmtpMailer",
    "make_unsubscribe_token",
    "unsubscribe_with_token",
    "verify_unsubscribe_token",
]
