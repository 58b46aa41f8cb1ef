"""A progress bar on standard error, without a dependency: `[#####-----] 50% 1200/2400`."""

from __future__ import annotations

from collections.abc import Callable


class ProgressBar:
    width = 30

    def __init__(
        self, total: int | None, action: str, write: Callable[[str], object], *, enabled: bool
    ) -> None:
        self.total = total
        self.action = action
        self.write = write
        self.enabled = enabled
        self.done = 0
        self.shown = False

    def update(self, done: int, label: str) -> None:
        self.done = done
        if not self.enabled:
            return
        if self.total:
            filled = min(self.width, self.width * done // self.total)
            bar = "#" * filled + "-" * (self.width - filled)
            line = (
                f"{self.action} [{bar}] {100 * done // self.total:3d}% {done}/{self.total} {label}"
            )
        else:
            line = f"{self.action} {done} records {label}"
        self.write(f"\r{line[:100]:<100}")
        self.shown = True

    def finish(self) -> None:
        if self.enabled and self.shown:
            self.write("\n")
