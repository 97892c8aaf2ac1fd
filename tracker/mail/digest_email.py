"""The digest email: every bill that moved since the last digest, with whom to call.

Bounded: at most ``BILLS_PER_DIGEST`` bills (``tracker.mail.digest_plan``) are told;
the others are named in one line at the end.

Rendering only; gathering the events and writing the outbox row is
``tracker.mail.digests``. The per-bill parts are fragments the caller renders once
and shares between advocates (see ``tracker.mail.render``), so this outer
template is the only work done per advocate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tracker.mail.render import Fragment, Page, RenderedEmail, render_email
from tracker.vocab.wording import long_date

#: Bills named in the "why you got this" line before "and N more".
REASON_BILLS = 5


@dataclass(frozen=True, slots=True, kw_only=True)
class DigestBill:
    citation: str
    section: Fragment
    calls: Fragment


def digest_subject(cadence: str, bills: int) -> str:
    return f"Your {cadence} digest: {bills} bill{'' if bills == 1 else 's'} moved"


def more_bills(others: Sequence[str]) -> str:
    """What a digest bounded to its first bills left out, named (empty when nothing)."""
    if not others:
        return ""
    names = ", ".join(others[:REASON_BILLS])
    rest = len(others) - REASON_BILLS
    if rest > 0:
        names += f" and {rest} more"
    many = len(others) != 1
    return (
        f"{len(others)} more bill{'s' if many else ''} you follow also moved ({names}); "
        f"{'they are' if many else 'it is'} on the tracker, left out here to keep this short."
    )


def digest_reason(cadence: str, citations: Sequence[str]) -> str:
    named = ", ".join(citations[:REASON_BILLS])
    more = len(citations) - REASON_BILLS
    if more > 0:
        named += f" and {more} more"
    return f"You get a {cadence} digest of the bills you follow: {named}."


def render_digest(
    *,
    cadence: str,
    greeting_name: str,
    bills: Sequence[DigestBill],
    others: Sequence[str] = (),
    since: date | None,
    reason: str,
    public_url: str,
    unsubscribe_url: str,
) -> RenderedEmail:
    moved = len(bills) + len(others)
    subject = digest_subject(cadence, moved)
    when = f" since {long_date(since)}" if since else ""
    count = f"{moved} bill{'' if moved == 1 else 's'} you follow"
    page = Page(
        subject=subject,
        cadence=cadence,
        greeting_name=greeting_name,
        intro=f"Here is what happened{when} on {count}.",
        bills=bills,
        more=more_bills(others),
        reason=reason,
        public_url=public_url,
        unsubscribe_url=unsubscribe_url,
    )
    return render_email("digest", page)
