"""Archives made from the real BILLSTATUS files, for the bulk-import tests.

GovInfo's bulk layout (``BILLSTATUS/115/hr/BILLSTATUS-115hr4030.xml``) is kept
inside tar archives, as in the 115th Congress corpus; ZIPs are flat like GPO's.
xz runs at preset 0: the tests read archives, they do not measure compression.
"""

from __future__ import annotations

import tarfile
import zipfile
from pathlib import Path


def real_files(test_data: Path) -> list[Path]:
    """The 42 real BILLSTATUS files (37 bills: some appear in two format generations)."""
    return sorted((test_data / "billstatus").rglob("*.xml"))


def make_zip(files: list[Path], root: Path, path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for f in files:
            archive.write(f, f.relative_to(root).as_posix())
    return path


def make_tar(files: list[Path], root: Path, path: Path) -> Path:
    options = {"preset": 0} if path.name.endswith(".xz") else {"compresslevel": 1}
    mode = "w:xz" if path.name.endswith(".xz") else "w:gz"
    with tarfile.open(path, mode, **options) as archive:  # type: ignore[call-overload]
        for f in files:
            archive.add(f, f.relative_to(root).as_posix())
    return path
