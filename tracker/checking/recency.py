"""Is a fetched document older than what is stored? One rule for checks and imports.

Sources, CDNs and mirrors do serve stale copies: an earlier BILLSTATUS of
hr2473-115 moved its stage back from ``passed_one_chamber`` to ``reported`` and
sent a "reported by committee" alert, and when the real file returned, ten
more alerts went out for 2017 actions. A check must never move a bill back.

The source's own update stamp decides where both documents have one (GovInfo's
``updateDate``, the Congress.gov API's ``updateDate``). Where a stamp is
missing, or both carry the same one, the action history does: a document
that lacks actions the stored one has, and adds none of its own, is an older
copy. A document that drops some
actions and adds others is a correction (sources do reword and re-date
actions), and is taken.
"""

from __future__ import annotations

from datetime import datetime

from scrapers.model import BillSnapshot


def older_than_stored(
    new: BillSnapshot, stored: BillSnapshot | None, stored_updated_at: datetime | None
) -> str | None:
    """Why ``new`` is older than the stored state, in a few words; None when it is not."""
    if new.updated_at is not None and stored_updated_at is not None:
        if new.updated_at < stored_updated_at:
            return f"updated {new.updated_at.isoformat()}, stored {stored_updated_at.isoformat()}"
        if new.updated_at > stored_updated_at:
            return None
        # The same stamp on different content: a copy edited without a new stamp.
    if stored is None:
        return None
    new_actions = {(a.on, a.text) for a in new.actions}
    stored_actions = {(a.on, a.text) for a in stored.actions}
    missing = stored_actions - new_actions
    if missing and not new_actions - stored_actions:
        return f"{len(missing)} stored action(s) missing and none new"
    return None
