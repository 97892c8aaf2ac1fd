"""Fixtures shared by the whole suite.

Real documents come from one place: ``TRACKER_TEST_DATA`` (default
``../shared/data`` beside the repository). Tests that need them skip with a
reason naming the folder when it is absent, so a fresh clone elsewhere passes.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
_LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", ""}


def _data_root() -> Path:
    return Path(os.environ.get("TRACKER_TEST_DATA", REPO.parent / "shared" / "data")).resolve()


def _corpus_root() -> Path:
    default = _data_root().parent / "corpus"
    return Path(os.environ.get("TRACKER_TEST_CORPUS", default)).resolve()


@pytest.fixture(scope="session")
def test_data() -> Path:
    """The folder of real public documents (see its README)."""
    root = _data_root()
    if not (root / "README.md").is_file():
        pytest.skip(f"real test documents not found at {root} (set TRACKER_TEST_DATA)")
    return root


@pytest.fixture(scope="session")
def corpus_tarball() -> Path:
    """The 115th Congress BILLSTATUS corpus (11,272 bills), for bulk tests."""
    path = _corpus_root() / "BILLSTATUS-115.tar.xz"
    if not path.is_file():
        pytest.skip(f"115th Congress corpus not found at {path} (set TRACKER_TEST_CORPUS)")
    return path


# --- guard: tests never reach the internet -------------------------------------------


def _is_loopback(host: Any) -> bool:
    host = str(host).strip("[]")
    return host in _LOOPBACK_HOSTS or host.startswith("127.")


_real_connect = socket.socket.connect
_real_getaddrinfo = socket.getaddrinfo


def _guarded_connect(self: socket.socket, address: Any) -> Any:
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
        raise RuntimeError(f"tests must not reach the network (tried {address!r})")
    return _real_connect(self, address)


def _guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    if host is not None and not _is_loopback(host if isinstance(host, str) else host.decode()):
        raise RuntimeError(f"tests must not resolve outside hosts (tried {host!r})")
    return _real_getaddrinfo(host, *args, **kwargs)


socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
socket.getaddrinfo = _guarded_getaddrinfo
