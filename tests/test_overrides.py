"""Analyst overrides: cells, aliases, speakers, origin = analyst, warnings for unmatched ones."""

import workbench
from workbench.overrides import apply_cell_overrides, load_overrides

TEXT = (
    "Talks in Rome\nItalian Defence Minister Paolo Ferretti said sending troops was premature.\n"
    "“We will see,” Ferretti said.\n"
)


def test_speaker_and_alias_overrides(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "rome.txt").write_text(TEXT, encoding="utf-8")
    first = workbench.analyse([tmp_path / "in"], cache=False)
    qid = first.quotes.quote_id.iloc[-1]
    ov = tmp_path / "ov.yml"
    ov.write_text(
        "speakers:\n"
        f"  - {{quote_id: '{qid}', speaker: Giulia Ferretti, country: ITA}}\n"
        "  - {quote_id: 'rome:1-2', speaker: Nobody, country: ITA}\n"
        "aliases:\n"
        "  - {alias: Paolo Ferretti, name: Paolo A. Ferretti, country: ITA, role: minister}\n"
        "  - {alias: Never Mentioned, name: Someone Else, country: FRA}\n",
        encoding="utf-8",
    )
    warnings = []
    fixed = workbench.analyse(
        [tmp_path / "in"], cache=False, overrides=ov, on_problem=warnings.append
    )
    row = fixed.quotes[fixed.quotes.quote_id == qid].iloc[0]
    assert (row.speaker, row.origin) == ("Giulia Ferretti", "analyst")
    assert "Paolo A. Ferretti" in set(fixed.entities.canonical)
    reasons = [w.reason for w in warnings]
    assert any("unknown quote_id 'rome:1-2'" in r for r in reasons)
    assert any("Never Mentioned" in r for r in reasons)
    assert all(w.level == "warning" for w in warnings)


def test_cell_overrides_are_marked(seed_corpus, tmp_path):
    ov = tmp_path / "cells.yml"
    ov.write_text(
        "cells:\n"
        "  - {country: ITA, topic: troop_deployment, label: oppose, note: briefing}\n"
        "  - {country: POL, topic: sanctions, label: support}\n"
        "  - {country: POL, topic: sanctions, label: maybe}\n",
        encoding="utf-8",
    )
    m = workbench.stance_matrix(seed_corpus, overrides=ov)
    ita = m.loc["ITA", "troop_deployment"]
    assert (ita.label, ita.origin) == ("oppose", "analyst")
    assert ita.evidence[0]["voiced_by"] == "analyst" and ita.n_statements == 1
    assert m.loc["POL", "sanctions"].origin == "analyst"
    loaded = load_overrides(ov)
    apply_cell_overrides(m.attrs["cells"].iloc[0:0], loaded)
    assert any("maybe" in w for w in loaded.warnings)
