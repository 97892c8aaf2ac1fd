"""Benchmark: parse every BILLSTATUS document of the 115th Congress corpus.

Run as ``.venv/bin/python bench/bench_parse.py [--corpus DIR] [--repeat N] [--profile N]``
(``--corpus`` defaults to ``$TRACKER_TEST_CORPUS``, else ``../shared/corpus``). The
tarball (``BILLSTATUS-115.tar.xz``) is read straight into memory, member by member, so
nothing is unpacked to disk and decompression is not timed. Then, in the same run, the
same bytes are parsed with a bare ``lxml.etree.fromstring`` (the floor) and with
``parse_billstatus`` (tree + snapshot + stage), after one warm-up pass, document by
document in alternating order, keeping the best of ``--repeat`` rounds (CPU time).
Prints documents/s, MB/s, the ratio of the two, peak memory, and every failure with
its reason.

Peak memory is the process's maximum resident set size (``resource.getrusage``
``ru_maxrss``), which includes the decompressed corpus held in memory; tracemalloc is
not used because it slows the parse it measures.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import math
import os
import pstats
import resource
import sys
import tarfile
import time
from pathlib import Path

from lxml import etree

from scrapers.errors import ParseError
from scrapers.sources.govinfo import parse_billstatus

REPO = Path(__file__).resolve().parent.parent

TARBALL = "BILLSTATUS-115.tar.xz"


def main() -> int:
    args = _arguments()
    documents = _load(args.corpus / TARBALL)
    megabytes = sum(len(content) for _, content in documents) / 1e6
    print(f"corpus: {len(documents):,} documents, {megabytes:,.1f} MB (decompressed)")
    loaded = _peak_rss_mb()
    failures = _ours(documents)  # a first pass warms caches and collects failures
    bare, ours = math.inf, math.inf
    for _ in range(args.repeat):  # best of N rounds: the machine may be shared
        round_bare, round_ours = _paired(documents)
        bare, ours = min(bare, round_bare), min(ours, round_ours)
    _report("bare lxml.etree.fromstring", bare, len(documents), megabytes)
    _report("parse_billstatus", ours, len(documents), megabytes)
    print(f"ratio parse_billstatus / bare lxml: {ours / bare:.2f}x (target <= 3x)")
    peak = _peak_rss_mb()
    print(f"peak memory (ru_maxrss, whole process): {peak:,.0f} MB")
    added = peak - loaded
    print(f"  {loaded:,.0f} MB once the corpus was read into memory; parsing added {added:,.0f} MB")
    _report_failures(failures)
    if args.profile:
        _profile(documents, args.profile)
    return 1 if failures else 0


def _arguments() -> argparse.Namespace:
    default = os.environ.get("TRACKER_TEST_CORPUS", str(REPO.parent / "shared" / "corpus"))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path(default), help="folder of the tarball")
    parser.add_argument("--repeat", type=int, default=3, help="timed rounds (best is kept)")
    parser.add_argument("--profile", type=int, default=0, help="show the N costliest functions")
    return parser.parse_args()


def _load(path: Path) -> list[tuple[str, bytes]]:
    documents = []
    with tarfile.open(path, "r:xz") as archive:
        for member in archive:
            if member.isfile() and member.name.endswith(".xml"):
                stream = archive.extractfile(member)
                if stream is not None:
                    documents.append((member.name.rsplit("/", 1)[-1], stream.read()))
    return documents


def _paired(documents: list[tuple[str, bytes]]) -> tuple[float, float]:
    """CPU seconds of the bare parse and of ours, document by document, alternating
    which goes first: whatever else runs on the machine weighs on both alike."""
    bare = ours = 0.0
    for n, (name, content) in enumerate(documents):
        if n % 2:
            ours += _time_ours(name, content)
            bare += _time_bare(content)
        else:
            bare += _time_bare(content)
            ours += _time_ours(name, content)
    return bare, ours


# CPU time, not wall time: other processes on a shared machine inflate the wall clock.
def _time_bare(content: bytes) -> float:
    start = time.process_time()
    etree.fromstring(content)  # the tree is freed here too, as ours is inside the call
    return time.process_time() - start


def _time_ours(name: str, content: bytes) -> float:
    start = time.process_time()
    with contextlib.suppress(ParseError):  # failures are counted in the warm-up pass
        parse_billstatus(content, where=name)
    return time.process_time() - start


def _ours(documents: list[tuple[str, bytes]]) -> list[tuple[str, str]]:
    failures = []
    for name, content in documents:
        try:
            parse_billstatus(content, where=name)
        except ParseError as exc:
            failures.append((name, str(exc)))
    return failures


def _report(label: str, seconds: float, count: int, megabytes: float) -> None:
    print(
        f"{label:28} {seconds:6.2f} CPU s  {count / seconds:8,.0f} documents/s"
        f"  {megabytes / seconds:6.1f} MB/s"
    )


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak / 1e3  # bytes vs KiB


def _report_failures(failures: list[tuple[str, str]]) -> None:
    print(f"failures: {len(failures)}")
    for name, reason in failures:
        print(f"  {name}: {reason}")


def _profile(documents: list[tuple[str, bytes]], top: int) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(_ours, documents)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)


if __name__ == "__main__":
    raise SystemExit(main())
