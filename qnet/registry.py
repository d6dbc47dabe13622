"""Places where the apps plug into the ground floor, which imports no app: dashboard
panels, demo seeders, scale seeders. Each app adds its function from AppConfig.ready() (or
its autodiscovered module); the ground floor calls them in their order."""

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T", bound=Callable)


class OrderedRegistry(Generic[T]):
    def __init__(self) -> None:
        self._entries: list[tuple[int, T]] = []

    def add(self, entry: T, *, order: int = 500) -> None:
        # ready() may run more than once (tests, management commands): add each entry once.
        # Equality, not identity: an entry may be a frozen dataclass made anew each time.
        if all(existing != entry for _, existing in self._entries):
            self._entries.append((order, entry))
            self._entries.sort(key=lambda item: item[0])

    def __iter__(self) -> Iterator[T]:
        return iter([entry for _, entry in self._entries])
