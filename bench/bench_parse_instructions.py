"""Benchmark: a bulk import's worker path, in instructions per document (callgrind).

Run as ``.venv/bin/python bench/bench_parse_instructions.py --folder DIR [--every N]
[--phase NAME ...]``, ``DIR`` being the 115th Congress unpacked (``tar -xJf
../shared/corpus/BILLSTATUS-115.tar.xz -C /tmp/imp``, then ``/tmp/imp/BILLSTATUS/115``).

Why instructions: on the 2-core test machine the same import takes 9.7 to 14.7 s from
one minute to the next, and CPU seconds swing as much, so a change of a few percent in
the workers cannot be seen in seconds. ``valgrind --tool=callgrind`` counts the
instructions a process executes, the same from run to run (to a few hundredths of a
percent). For each phase this script runs itself under callgrind twice: once building
the phase's inputs only (``base``), once building them and running the phase ``REPEAT``
times over every ``--every``-th document (sorted by name); the difference, divided by
documents and repeats, is the phase's cost per document. Compare two versions of the
code by running the script in each checkout.

Not counted the same as native: OpenSSL's sha256 runs without the CPU's SHA
instructions under valgrind (some 0.2M instructions a document instead of ~9 µs).
Needs valgrind (Debian: ``apt-get install valgrind``); each phase takes some seconds.
"""

from __future__ import annotations

import argparse
import os
import pickle
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

REPEAT = 5
PHASES = (
    "xml",  # lxml's parse alone, with the parser's options
    "parse",  # the whole parse to a BillSnapshot (lxml included)
    "cosponsors",
    "actions",
    "to_dict",  # snapshot_to_dict
    "fingerprint",  # content_fingerprint of that dict
    "as_rows",  # everything a worker builds from a snapshot
    "pickle",  # one prepared bill, as the pool pickles it
    "unpickle",  # the same, in the writer
    "prepare",  # the worker's whole path: read, parse, rows (not pickled)
)


def main() -> int:
    args = _arguments()
    if args.inner:
        _run_phase(args.inner, Path(args.folder), args.every)
        return 0
    if subprocess.run(["valgrind", "--version"], capture_output=True).returncode != 0:
        print("valgrind is not installed: this benchmark counts instructions with it")
        return 2
    folder = Path(args.folder)
    documents = len(_documents(folder, args.every))
    print(f"{documents} documents (every {args.every}th of {folder}), {REPEAT} repeats")
    base = _instructions("base", folder, args.every)
    for phase in args.phase or PHASES:
        per_document = (_instructions(phase, folder, args.every) - base) / documents / REPEAT
        print(f"  {phase:12s} {per_document / 1e6:6.2f}M instructions per document")
    return 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folder", required=True, help="the corpus unpacked (one Congress)")
    parser.add_argument("--every", type=int, default=40, help="take every Nth document")
    parser.add_argument("--phase", action="append", choices=PHASES, help="only these phases")
    parser.add_argument("--inner", help=argparse.SUPPRESS)  # the run under callgrind
    return parser.parse_args()


def _instructions(phase: str, folder: Path, every: int) -> int:
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "callgrind.out"
        command = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out}",
            sys.executable,
            __file__,
            "--folder",
            str(folder),
            "--every",
            str(every),
            "--inner",
            phase,
        ]
        env = {**os.environ, "PYTHONHASHSEED": "0"}  # the same dict layouts every run
        subprocess.run(command, check=True, capture_output=True, env=env)
        found = re.search(r"^(?:summary|totals): (\d+)", out.read_text(), re.MULTILINE)
        if found is None:
            raise SystemExit(f"no instruction count in callgrind's output for {phase}")
        return int(found.group(1))


def _documents(folder: Path, every: int) -> list[Path]:
    return sorted(folder.rglob("*.xml"), key=lambda p: p.name)[::every]


def _run_phase(phase: str, folder: Path, every: int) -> None:
    from scrapers.archives import Document
    from scrapers.sources.govinfo._doc import Doc
    from scrapers.sources.govinfo._history import read_actions
    from scrapers.sources.govinfo._members import read_cosponsors
    from scrapers.sources.govinfo._xml import children_by_tag, parse_xml
    from scrapers.sources.govinfo.parse import parse_billstatus
    from tracker.bulk.prepare import PrepareOptions, as_rows, prepare
    from tracker.checking.fingerprint import content_fingerprint
    from tracker.vocab.serialize import snapshot_to_dict

    paths = _documents(folder, every)
    contents = [p.read_bytes() for p in paths]
    snapshots = [parse_billstatus(c, where=p.name) for c, p in zip(contents, paths, strict=True)]
    parts = [children_by_tag(parse_xml(c).find("bill")) for c in contents]  # type: ignore[arg-type]
    doc = Doc("bench")
    prepared = [as_rows("bench", s, source_url="https://example.org/") for s in snapshots]
    pickled = [pickle.dumps(p, protocol=pickle.HIGHEST_PROTOCOL) for p in prepared]
    options = PrepareOptions(base_url="https://www.govinfo.gov")
    documents = [
        Document(name=p.name, content=b"", position=n, path=p) for n, p in enumerate(paths)
    ]
    runs: dict[str, tuple[Callable[[Any], object], list[Any]]] = {
        "base": (lambda _: None, []),
        "xml": (parse_xml, contents),
        "parse": (lambda c: parse_billstatus(c, where="bench"), contents),
        "cosponsors": (lambda p: read_cosponsors(doc, p.get("cosponsors")), parts),
        "actions": (lambda p: read_actions(doc, p), parts),
        "to_dict": (snapshot_to_dict, snapshots),
        "fingerprint": (content_fingerprint, [snapshot_to_dict(s) for s in snapshots]),
        "as_rows": (lambda s: as_rows("bench", s, source_url="https://example.org/"), snapshots),
        "pickle": (lambda p: pickle.dumps(p, protocol=pickle.HIGHEST_PROTOCOL), prepared),
        "unpickle": (pickle.loads, pickled),
        "prepare": (lambda d: prepare(d, options), documents),
    }
    run, inputs = runs[phase]
    for _ in range(REPEAT):
        for item in inputs:
            run(item)


if __name__ == "__main__":
    sys.exit(main())
