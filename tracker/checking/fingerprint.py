"""A content hash of a parsed snapshot: equal hashes mean "nothing to tell".

GovInfo rewrites thousands of BILLSTATUS files with new stamps and no new
content, so whether a bill changed is decided from this hash of the *parsed*
content, never from the bytes or the listing dates. Imports only
``scrapers.model`` and ``tracker.vocab.serialize``.

Included: everything in ``snapshot_to_dict`` (see ``tracker.vocab.serialize`` for
the fields) except the keys below, as canonical JSON (sorted keys, no extra
spaces, UTF-8), prefixed with ``FINGERPRINT_VERSION``:

- left out: ``updated_at`` (the source's stamp), ``source_url`` (mirrors and
  URL forms of one document), ``latest_action`` and ``became_law`` (derived:
  the first from action order, the second from the stage), ``schema``.
- ``actions``: as a set, sorted by date and then by content, so a new order
  of same-day actions and exact duplicates hash the same (order across days
  is kept by the dates themselves).
- ``cosponsors``, ``committees`` (and their activities), ``text_versions``,
  ``laws``, ``subjects``, ``scheduled``: sorted, duplicates dropped; their
  order carries no news.

The canonical JSON is made by orjson, byte for byte what ``json.dumps(sort_keys=True,
ensure_ascii=False, separators=(",", ":"))`` made before (keys are ASCII names, values
strings, ints, bools and nulls), several times faster: hashes stored by earlier versions
still match, so an upgrade sees no bill as changed.

Changing this recipe changes every hash once; the next check then runs a full
diff, which finds nothing new, so bump ``FINGERPRINT_VERSION`` freely.
"""

from __future__ import annotations

import hashlib
from typing import Any

import orjson

from scrapers.model import BillSnapshot
from tracker.vocab.serialize import snapshot_to_dict

FINGERPRINT_VERSION = 1

_LEFT_OUT = ("schema", "updated_at", "source_url", "latest_action", "became_law")
_PREFIX = f"fingerprint-v{FINGERPRINT_VERSION}\n".encode()
_UNORDERED = ("cosponsors", "committees", "text_versions", "laws", "subjects", "scheduled")


def snapshot_fingerprint(s: BillSnapshot) -> str:
    """sha256 hex of the snapshot's news-bearing content (see the module docstring)."""
    return content_fingerprint(snapshot_to_dict(s))


def content_fingerprint(content: dict[str, Any]) -> str:
    """The same hash from ``snapshot_to_dict``'s output, which is left untouched.

    For callers that need the dict anyway (a bulk import stores it as JSON): the
    costly conversion is then done once.
    """
    kept = {key: value for key, value in content.items() if key not in _LEFT_OUT}
    # (date, action) pairs: sorting them keeps the days in order and forgets the
    # order within a day; the set drops exact duplicates.
    kept["actions"] = sorted({(a["date"], _canonical(a)) for a in content["actions"]})
    kept["committees"] = [
        {**c, "activities": _as_set(c["activities"])} for c in content["committees"]
    ]
    for key in _UNORDERED:
        kept[key] = _as_set(kept[key])
    text = orjson.dumps(kept, None, orjson.OPT_SORT_KEYS)  # UTF-8 already
    return hashlib.sha256(_PREFIX + text).hexdigest()


def _as_set(items: list[Any]) -> list[str]:
    if not items:  # most bills have no laws, schedule or activities: no work
        return []
    return sorted({_canonical(item) for item in items})


def _canonical(value: Any) -> str:
    # Text, not bytes: the items of a set are sorted and encoded again as strings.
    # (The option is passed by position: orjson parses a keyword on every call.)
    return orjson.dumps(value, None, orjson.OPT_SORT_KEYS).decode()
