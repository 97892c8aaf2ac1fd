"""What a bulk import tells its caller: the report it fills, and the progress it shows.

Apart from the writer (``tracker.bulk.run``) because the parsing side
(``tracker.bulk.pipeline``) fills it too, and neither it nor the command that starts
it should load SQLAlchemy to do so.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import TYPE_CHECKING, Any, Protocol

from scrapers.archives import SourceSize

if TYPE_CHECKING:
    from tracker.bulk.write import BatchResult


@dataclass(frozen=True, slots=True, kw_only=True)
class Failure:
    name: str  # the file, archive member or URL
    reason: str


@dataclass
class ImportReport:
    """What an import did, summed over its batches (and archives)."""

    documents: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    older: int = 0
    other_source: int = 0
    skipped: int = 0  # another Congress or bill type than asked for
    tracked_changed: int = 0
    events: int = 0
    alerts: int = 0
    topic_bills: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def add(self, batch: BatchResult) -> None:
        for f in fields(batch):
            setattr(self, f.name, getattr(self, f.name) + getattr(batch, f.name))

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["failed"] = self.failed
        return data


class ImportProgress(Protocol):
    """What a progress display is told (the CLI draws a rich bar with it)."""

    def start(self, name: str, size: SourceSize) -> None: ...

    def advance_to(self, position: int) -> None: ...
