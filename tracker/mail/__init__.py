"""Mail: rendering alerts and digests, the outbox's delivery over SMTP, signed unsubscribe.

Module map (never imports ``tracker.checking``: it reads the outbox rows a check wrote)::

    delivery    claim due outbox rows with a lease, render, send, record
    digests     when each advocate's digest is due; gathering and queuing it
    digest_plan what is new for a batch of advocates, rendered from shared parts
    render      Jinja2 environment and the macro-based templates (templates/)
    compose     view values from stored rows (bills, events, actions, links)
    changes     what an email says changed: each fact once, weightiest first, procedure apart
    calls       whom to call: ContactBook (officials in bulk), CallPlanner (fragments)
    alert_email the instant alert;  digest_email: the digest email
    message     MIME message, safe headers, stable Message-ID
    tokens      signed unsubscribe tokens;  unsubscribe: acting on them
    prepare     getting claimed outbox rows ready to send
    smtp        SmtpMailer and the temporary/permanent failure split
    links       the warning when email links point to a loopback TRACKER_PUBLIC_URL

Stage labels, headlines and the progress ladder are ``tracker.vocab``.
"""

from __future__ import annotations

from tracker.mail.smtp import SmtpMailer
from tracker.mail.tokens import make_unsubscribe_token, verify_unsubscribe_token
from tracker.mail.unsubscribe import unsubscribe_with_token

__all__ = [
    "SmtpMailer",
    "make_unsubscribe_token",
    "unsubscribe_with_token",
    "verify_unsubscribe_token",
]
