"""``/unsubscribe``: where the signed link in every email leads.

GET checks the token and shows a one-button confirmation (mail scanners follow
links: a GET must never unsubscribe anyone); POST applies it, which is also
what mail clients send for ``List-Unsubscribe-Post: List-Unsubscribe=One-Click``.
The GET page names what the button will stop: the address, masked
(``a***@example.org``), and the bill or "all email"; never the full address or name.
"""

from __future__ import annotations

from werkzeug.exceptions import ServiceUnavailable
from werkzeug.wrappers import Response

from tracker.mail.tokens import InvalidToken, verify_unsubscribe_token
from tracker.mail.unsubscribe import describe_unsubscribe, unsubscribe_with_token
from tracker.web.context import RequestContext


def unsubscribe(ctx: RequestContext) -> Response:
    secret_key = ctx.settings.secret_key
    if not secret_key:
        raise ServiceUnavailable("Unsubscribing is not set up on this tracker.")
    token = ctx.request.form.get("token") or ctx.request.args.get("token") or ""
    try:
        if ctx.request.method == "POST":
            unsubscribe_with_token(ctx.session, token, secret_key=secret_key, now=ctx.now)
            ctx.session.commit()
            return ctx.render("unsubscribe.html", done=True, token="")
        plan = describe_unsubscribe(ctx.session, verify_unsubscribe_token(secret_key, token))
    except InvalidToken:
        return ctx.render("unsubscribe.html", status=400, invalid=True, done=False, token="")
    return ctx.render("unsubscribe.html", done=False, token=token, plan=plan)
