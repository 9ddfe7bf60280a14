"""Analyst overrides: cells, aliases, speakers, origin = analyst, warnings for unmatched ones."""

import pytest
from conftest import one_line_error

import workbench
from workbench.aggregate.overrides import apply_cell_overrides, load_overrides

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


@pytest.mark.parametrize(
    "text, where, expected",
    [
        ("cells: 5", "cells", "expected a list, got 5"),
        ("cells: abc", "cells", "expected a list, got 'abc'"),
        ("aliases: &a [*a]", "aliases[0]", "recursive YAML alias"),
        ("speaker:\n  - {quote_id: 'a:1-2', speaker: Jane Roe}", "speaker", "unknown key"),
        ("cell:\n  - {country: ITA, topic: sanctions, label: support}", "cell", "unknown key"),
        ("speakers:\n  - {quote_id: 'a:1-2', speeker: Jane Roe}", "speakers[0].speeker", "unknown"),
        ("cells:\n  - {topic: sanctions, label: support}", "cells[0]", "country, actor or key"),
        ("aliases:\n  - {alias: J. Roe, name: 7}", "aliases[0].name", "expected a string"),
    ],
)
def test_bad_overrides_file_one_line(tmp_path, text, where, expected):
    path = tmp_path / "ov.yml"
    path.write_text(text + "\n", encoding="utf-8")
    message = one_line_error(load_overrides, path)
    assert message.startswith(f"{path}: {where}: ") and expected in message, message
