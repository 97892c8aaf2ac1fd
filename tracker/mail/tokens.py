"""Signed unsubscribe tokens: HMAC-SHA256 over the advocate and the scope.

A token is ``{advocate_id}.{scope}.{signature}``, where ``scope`` is a
subscription id (stop mail about one bill) or ``all`` (stop all mail), and the
signature is the URL-safe base64 HMAC-SHA256 of ``unsubscribe|advocate|scope``
under ``TRACKER_SECRET_KEY``. The purpose prefix keeps these signatures from
ever validating anything else signed with the same key. Verification compares
in constant time (``hmac.compare_digest``); anything malformed or forged is
refused with ``InvalidToken``.

Tokens do not expire: an unsubscribe link must keep working in an old email.
Rotating the key invalidates every link already sent.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass

from tracker.core.errors import ConfigError, InvalidInput
from tracker.core.settings import Settings

ALL = "all"
_PURPOSE = b"unsubscribe"


class InvalidToken(InvalidInput):
    """An unsubscribe token that is malformed or not signed with our key."""


@dataclass(frozen=True, slots=True, kw_only=True)
class UnsubscribeTarget:
    advocate_id: int
    subscription_id: int | None  # None: every email to this advocate


def require_secret_key(settings: Settings) -> str:
    """The signing key, or a ConfigError telling the operator how to set one."""
    key = settings.secret_key
    if not key:
        raise ConfigError(
            "TRACKER_SECRET_KEY is not set: no email is sent without it, because every "
            "email carries a signed unsubscribe link. Set it in the environment to a long "
            "random value, e.g. the output of "
            "`python3 -c 'import secrets; print(secrets.token_urlsafe(32))'`"
        )
    return key


def make_unsubscribe_token(
    secret_key: str, advocate_id: int, subscription_id: int | None = None
) -> str:
    scope = ALL if subscription_id is None else str(subscription_id)
    return f"{advocate_id}.{scope}.{_sign(secret_key, str(advocate_id), scope)}"


def verify_unsubscribe_token(secret_key: str, token: str) -> UnsubscribeTarget:
    """What a genuine token unsubscribes; raises InvalidToken for anything else."""
    parts = token.strip().split(".")
    # ASCII digits only: str.isdigit() also takes superscript and Arabic-Indic
    # digits, which int() or the ASCII signing input then choke on.
    if len(parts) != 3 or not _ID.fullmatch(parts[0]) or not _SCOPE.fullmatch(parts[1]):
        raise InvalidToken("this unsubscribe link is not valid")
    advocate, scope, signature = parts
    expected = _sign(secret_key, advocate, scope)
    if not hmac.compare_digest(expected.encode("ascii"), signature.encode("utf-8")):
        raise InvalidToken("this unsubscribe link is not valid")
    return UnsubscribeTarget(
        advocate_id=int(advocate), subscription_id=None if scope == ALL else int(scope)
    )


_ID = re.compile(r"[0-9]{1,18}")
_SCOPE = re.compile(rf"{ALL}|[0-9]{{1,18}}")


def _sign(secret_key: str, advocate: str, scope: str) -> str:
    message = b"|".join((_PURPOSE, advocate.encode("ascii"), scope.encode("ascii")))
    digest = hmac.new(secret_key.encode("utf-8"), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
