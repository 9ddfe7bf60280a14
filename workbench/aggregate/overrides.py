"""Analyst overrides: a YAML file that sets or corrects matrix cells, adds aliases, fixes speakers.

```yaml
cells:     # set or correct a cell
  - {country: ITA, topic: troop_deployment, label: sceptical, note: "Rome briefing, 2 June"}
aliases:   # add an actor alias (used when analysing)
  - {alias: Kai Kallas, name: Kaja Kallas, country: EUU, role: high representative}
speakers:  # fix a quote's speaker, by its stable quote_id
  - {quote_id: "000_9e8ae43d946c058c:2054-2898", speaker: Oleksandr Merezhko, country: UKR}
```

Overridden values carry ``origin = analyst``. An override that matches nothing (an unknown quote_id,
topic or label, an alias that never occurs in the corpus) is reported as a warning.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import pandas as pd

from workbench.resources.datafiles import read_data
from workbench.schema import LABELS, Corpus

_LABELS = LABELS


@dataclass
class Overrides:
    cells: list[dict] = field(default_factory=list)
    aliases: list[dict] = field(default_factory=list)
    speakers: list[dict] = field(default_factory=list)
    source: str = ""
    warnings: list[str] = field(default_factory=list)


def load_overrides(path: str | os.PathLike) -> Overrides:
    """Read an overrides file, checked against ``schemas.OverridesFile``. Raises ValueError
    (DataFileError) with one line naming the file and the key when it is unreadable or wrong."""
    data, _ = read_data(path, "overrides")
    return Overrides(
        *(list(data.get(k) or []) for k in ("cells", "aliases", "speakers")), str(path)
    )


def as_overrides(value) -> Overrides:
    return value if isinstance(value, Overrides) else load_overrides(value)


def actor_entries(ov: Overrides) -> list[dict]:
    """Aliases as actors-file entries (merged into the gazetteer when analysing)."""
    return [
        {
            "name": a["name"],
            "aliases": [a["alias"]],
            "country": a.get("country"),
            "role": a.get("role"),
        }
        for a in ov.aliases
        if a.get("alias") and a.get("name")
    ]


def apply_overrides(corpus: Corpus, ov: Overrides) -> set[str]:
    """Fix speakers in (part of) a corpus in place; returns which overrides matched (keys
    ``speaker:QUOTE_ID`` and ``alias:ALIAS``), so a streamed run can warn at the end."""
    matched = set()
    for fix in ov.speakers:
        qid = fix.get("quote_id")
        hit = corpus.quotes.quote_id == qid
        if not hit.any():
            continue
        matched.add(f"speaker:{qid}")
        corpus.quotes.loc[hit, ["speaker", "speaker_country", "origin", "country_via"]] = [
            fix.get("speaker"),
            fix.get("country"),
            "analyst",
            "analyst" if fix.get("country") else None,
        ]
        own = (corpus.stances.quote_id == qid) & (corpus.stances.attribution == "self")
        corpus.stances.loc[own, ["actor", "country_code", "voiced_by", "origin"]] = [
            fix.get("speaker"),
            fix.get("country"),
            fix.get("speaker"),
            "analyst",
        ]
        other = (corpus.stances.quote_id == qid) & ~own
        corpus.stances.loc[other, ["voiced_by", "origin"]] = [fix.get("speaker"), "analyst"]
    texts = corpus.articles.text.str.lower()
    for a in ov.aliases:
        alias = str(a.get("alias") or "").lower()
        if alias and texts.str.contains(alias, regex=False).any():
            matched.add(f"alias:{alias}")
    return matched


def unmatched_warnings(ov: Overrides, matched: set[str]) -> list[str]:
    """Warnings for the speaker and alias overrides that matched nothing."""
    warnings = []
    for fix in ov.speakers:
        qid = fix.get("quote_id")
        if f"speaker:{qid}" not in matched:
            warnings.append(f"{ov.source}: speaker override for unknown quote_id {qid!r}")
    for a in ov.aliases:
        alias = str(a.get("alias") or "").lower()
        if not alias or f"alias:{alias}" not in matched:
            warnings.append(f"{ov.source}: alias {a.get('alias')!r} does not occur in the corpus")
    return warnings


def apply_cell_overrides(long: pd.DataFrame, ov: Overrides, by: str = "country") -> pd.DataFrame:
    """Set or correct cells of the long matrix; unusable cell overrides become warnings."""
    rows = long.to_dict("records")
    index = {(r["key"], r["topic"]): r for r in rows}
    for fix in ov.cells:
        key = fix.get(by) or fix.get("key")
        label = fix.get("label")
        if key is None or fix.get("topic") is None or label not in _LABELS:
            ov.warnings.append(
                f"{ov.source}: cell override {fix!r} needs {by}, topic and a label "
                f"from {sorted(_LABELS)}"
            )
            continue
        note = {
            "text": fix.get("note") or "analyst override",
            "voiced_by": "analyst",
            "attribution": "analyst",
            "label": label,
            "origin": "analyst",
        }
        row = index.get((key, fix["topic"]))
        if row is None:
            row = {
                "key": key,
                "topic": fix["topic"],
                "score": None,
                "n_statements": 0,
                "evidence": [],
                "changed": False,
                "change": None,
            }
            rows.append(row)
            index[(key, fix["topic"])] = row
        row.update(
            stance=_LABELS[label], label=label, origin="analyst", evidence=[note, *row["evidence"]]
        )
    return pd.DataFrame(rows, columns=long.columns)
