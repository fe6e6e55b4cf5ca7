"""Placeholder: filled in next."""
from run import Bench, Skip


def postgres(bench: Bench) -> None:
    raise Skip("not written yet")
