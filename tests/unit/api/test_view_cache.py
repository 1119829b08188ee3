"""The view cache: a view is made once per key, and the least recently used goes first."""

from dojo.api.views import ViewCache


def test_a_view_is_made_once_per_key_and_the_oldest_is_dropped() -> None:
    made: list[str] = []

    def make(name: str):  # type: ignore[no-untyped-def]
        def run() -> str:
            made.append(name)
            return name.upper()
        return run

    cache = ViewCache(size=2)
    assert cache.get(("month", "b", 1), make("a")) == "A"
    assert cache.get(("month", "b", 1), make("a")) == "A"
    assert made == ["a"]
    cache.get(("month", "b", 2), make("b"))          # a new version is a new key
    cache.get(("month", "b", 1), make("a"))          # a is used again: b is now the oldest
    cache.get(("month", "b", 3), make("c"))          # evicts b
    cache.get(("month", "b", 1), make("a"))
    cache.get(("month", "b", 2), make("b"))
    assert made == ["a", "b", "c", "b"]
