"""Shared assertions of the extraction tests."""

from __future__ import annotations

from extractors.claims import Claim


def has(claims: list[Claim], actor: str, polarity: str, word: str) -> bool:
    """Whether a claim of ``actor`` (label, ISO country or actor id) with ``polarity`` has
    ``word`` in its topic label."""
    return any(
        actor in (c.actor.label, c.actor.country, c.actor.id.rsplit("/", 1)[-1])
        and c.polarity == polarity
        and word in c.topic.label
        for c in claims
    )


def summary(claims: list[Claim]) -> list[tuple[str, str, str, str]]:
    """Actor, stance, polarity and topic of each claim: the message of a failed assertion."""
    return [(c.actor.label, c.stance, c.polarity, c.topic.label) for c in claims]
