"""The text's claims in structured form (``data/published_claims.yaml``), validated at load.

Each claim has an ``id``, a ``location`` in the paper (section and sentence), the
``claim`` in our words and a ``check``: the kind of claim, which fixes the other keys
it must carry (:data:`CLAIM_KINDS`). A malformed claim fails when the file is read,
with the file, the claim's position and id and what is wrong, not deep inside the
audit's checker for that kind (:mod:`mutsup_helpers.checks.claims`).

Imports nothing from the package but ``paths``. Used in: the audit, notebook 10.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from ..paths import data_file

__all__ = ["CLAIM_KINDS", "ClaimsError", "claims_table", "load_claims"]

#: Every kind of claim and the keys (beyond id, location, claim, check) it must have, with their types.
CLAIM_KINDS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "anova_effects": {"effect": str, "significant": list},
    "value_means_order": {"higher": str, "than": str},
    "table2_flags": {"split": str, "items": list},
    "table3_stars": {"cells": list},
    "table3_complete": {"covered_by": list},
    "both_levels": {"effect": str, "across": str, "items": list},
    "posthoc_support": {"item": str, "factor": str, "pair": list},
    "mean_range": {"ranges": dict},
    "scale_reading": {"item": str, "group_type": str, "years": list, "construct": str,
                      "construct_high_at": int, "reading": str},
}
_COMMON = {"id": str, "location": str, "claim": str, "check": str}
#: Keys a kind may have, with their types: ``complete: false`` marks a table2_flags claim that
#: names some differences (a Discussion sentence) rather than the whole list for its split.
OPTIONAL: dict[str, dict[str, type]] = {"table2_flags": {"complete": bool}}


class ClaimsError(ValueError):
    """The claims file does not have the expected structure."""


def load_claims(path: str | Path | None = None) -> list[dict]:
    """The text's claims (``data/published_claims.yaml`` by default), each checked against its kind.

    >>> claims = load_claims()
    >>> {"id", "location", "claim", "check"} <= set(claims[0])
    True
    """
    path = Path(path) if path is not None else data_file("published_claims.yaml")
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ClaimsError(f"{path}: cannot read the claims: {exc}") from exc
    claims = raw.get("claims") if isinstance(raw, dict) else None
    if not isinstance(claims, list):
        raise ClaimsError(f"{path}: expected a top-level 'claims' list")
    seen: set[str] = set()
    for i, claim in enumerate(claims, start=1):
        problem = _problem(claim)
        if problem is None and claim["id"] in seen:
            problem = "repeats an id used above"
        if problem:
            name = f" ({claim.get('id')!r})" if isinstance(claim, dict) and "id" in claim else ""
            raise ClaimsError(f"{path}: claim {i}{name} {problem}")
        seen.add(claim["id"])
    return claims


def _problem(claim) -> str | None:
    """What is wrong with one claim, or None."""
    if not isinstance(claim, dict):
        return "is not a mapping of keys to values"
    missing = [k for k in _COMMON if k not in claim]
    if missing:
        return f"lacks {', '.join(missing)}"
    kind = claim["check"]
    if kind not in CLAIM_KINDS:
        return f"has an unknown check {kind!r} (one of {', '.join(CLAIM_KINDS)})"
    for key, kinds in {**_COMMON, **CLAIM_KINDS[kind]}.items():
        if key not in claim:
            return f"of kind {kind!r} lacks {key!r}"
        if not isinstance(claim[key], kinds) or (kinds is int and isinstance(claim[key], bool)):
            return f"of kind {kind!r}: {key!r} must be a {getattr(kinds, '__name__', kinds)}, not {claim[key]!r}"
    for key, kinds in OPTIONAL.get(kind, {}).items():
        if key in claim and not isinstance(claim[key], kinds):
            return f"of kind {kind!r}: {key!r} must be a {kinds.__name__}, not {claim[key]!r}"
    return None


def claims_table(claims: list[dict] | None = None) -> pd.DataFrame:
    """The claims as a table: id, location, check, claim (one row each).

    >>> claims_table().columns.tolist()
    ['id', 'location', 'check', 'claim']
    """
    claims = load_claims() if claims is None else claims
    return pd.DataFrame([{k: c[k] for k in ("id", "location", "check", "claim")} for c in claims])
