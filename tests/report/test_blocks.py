"""Report building blocks: renderer output, header, evidence and quote tables, escaping."""

import plotly.graph_objects as go
from conftest import datatable, hand_corpus, kinds_corpus, positions_corpus

import workbench
from workbench.aggregate.views import quote_view
from workbench.report import blocks as report

PAYLOAD = "<img src=x onerror=alert(1)>"


def test_renderer_gives_plotly_json_and_a_div_with_counter_ids():
    r = report.ReportRenderer()
    fig = go.Figure(go.Scatter(x=[1], y=[2])).to_dict()
    first, second = r.to_mimebundle(fig), r.to_mimebundle(fig)
    assert 'id="wb-figure-1"' in first["text/html"] and 'id="wb-figure-2"' in second["text/html"]
    assert "<script src" not in first["text/html"]  # plotly.js comes once, from the template
    assert "mathjax" not in first["text/html"].lower()
    assert first["application/vnd.plotly.v1+json"]["data"][0]["type"] == "scatter"


def test_header_says_what_the_report_covers(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    c = hand_corpus()
    c.articles.loc[0, "source"] = PAYLOAD
    html = report.header(c, "Title <b>", {"countries": ["FRA", "DEU"], "start": ""}).data
    assert "<h1>Title &lt;b&gt;</h1>" in html
    assert "3 articles from 2 named sources" in html
    unnamed = hand_corpus()
    unnamed.articles["source"] = None
    assert "3 articles (the files name no source)" in report.header(unnamed, "T", {}).data
    unnamed.articles.loc[0, "source"] = "Wire"
    assert (
        "from 1 named source: Wire; 2 with no source named" in report.header(unnamed, "T", {}).data
    )
    assert "2026-03-01 to 2026-06-01 (1 undated)" in html
    assert "2026-05-28 20:26 UTC" in html and f"workbench {workbench.__version__}" in html
    assert "<code>FRA, DEU</code>" in html
    assert 'href="#method-notes"' in html and 'id="method-notes"' in report.method_notes().data
    assert PAYLOAD not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_header_warns_when_the_topic_catalogue_may_not_fit():
    off = "Finland said it was ready to send troops to the mission in Estmark."
    html = report.header(positions_corpus([off] * 25), "T", {}).data
    assert '<li class="wb-warning"><b>Topic catalogue:</b> the topic catalogue may not fit' in html
    assert "only 0 of 25 positions (0%)" in html
    on = "Finland said it was ready to send troops to Ukraine after a ceasefire."
    assert "wb-warning" not in report.header(positions_corpus([on] * 25), "T", {}).data
    assert "wb-warning" not in report.header(hand_corpus(), "T", {}).data  # 4 positions


def test_evidence_table_lists_cells_with_voice_source_and_date():
    c = hand_corpus()
    c.stances.loc[3, "evidence"] = PAYLOAD
    html = report.evidence_table(workbench.stance_matrix(c), c.articles).data
    columns, rows = datatable(html, "wb-evidence")
    assert len(rows) == 4  # one row per statement (3 cells, 4 statements)
    assert columns == [
        "country",
        "topic",
        "position",
        "statement",
        "its stance",
        "voiced by",
        "source",
        "date",
    ]
    assert "&#8635; sceptical (2026-03-01) → conditional (2026-06-01)" in html
    assert "Ledger" in html and "2026-06-01" in html and "(self)" in html
    assert PAYLOAD not in html and "&lt;img" in html
    # topic labels where a person reads, ids on hover; country names, codes on hover
    assert '<abbr title="troop_deployment">Troops to Ukraine</abbr>' in {r[1] for r in rows}
    assert '<abbr title="FRA">France</abbr>' in {r[0] for r in rows}
    # each statement shows its own stance beside the cell's position
    assert {r[4] for r in rows} <= {"support", "conditional", "neutral", "sceptical", "oppose"}


def test_analyst_cells_are_marked(tmp_path):
    c = hand_corpus()
    overrides = tmp_path / "o.yml"
    overrides.write_text(
        "cells:\n  - country: FRA\n    topic: us_backstop\n    label: oppose\n"
        "    note: from a briefing\n"
    )
    html = report.evidence_table(workbench.stance_matrix(c, overrides=overrides), c.articles).data
    assert "&#9998; analyst" in html


def test_quote_table_escapes_and_limits():
    c = hand_corpus()
    c.quotes.loc[0, "text"] = PAYLOAD
    html = report.quote_table(quote_view(c), limit=2).data
    assert len(datatable(html)[1]) == 2 and "2 more quotes not shown" in html
    assert PAYLOAD not in report.quote_table(quote_view(c)).data


def test_quote_table_has_a_speaker_kind_column_and_says_what_the_kinds_mean():
    c = kinds_corpus()
    c.quotes.loc[4, "co_speakers"] = PAYLOAD  # a joint subject's names come from the article
    c.quotes.loc[3, "co_speakers"] = PAYLOAD
    html = report.quote_table(quote_view(c)).data
    columns, rows = datatable(html)
    assert columns[1:4] == ["speaker", "speaker kind", "country"]
    kinds = {r[2] for r in rows}
    for cell in ("person", "government", "organisation", "anonymous", "document", "unresolved"):
        assert cell in kinds
    assert "group, with &lt;img src=x onerror=alert(1)&gt;" in kinds
    assert "none" in kinds  # the unattributed quote
    assert PAYLOAD not in html
    assert "Speaker kind: person, government and organisation name who spoke" in html


def test_method_notes_say_what_the_speaker_kinds_mean():
    notes = report.method_notes().data
    assert "Speaker kind: person, government and organisation name who spoke" in notes
    assert "{kinds}" not in notes and "<code>speaker_kinds</code>" in notes


def test_evidence_from_a_quote_shows_its_speaker_kind():
    c = hand_corpus()
    c.quotes.loc[2, "speaker_kind"] = "group"  # b:2, Claire Morel's "we are ready"
    c.quotes.loc[2, "co_speakers"] = "Ivo Marek"
    c.stances["voiced_by"] = c.stances.actor
    matrix = workbench.stance_matrix(c)
    html = report.evidence_table(matrix, c.articles, quotes=c.quotes).data
    assert "Jonas Albrecht <small>(self, person)</small>" in html
    assert "Claire Morel <small>(self, group, with Ivo Marek)</small>" in html
    assert "(self)</small>" not in html
    assert "Jonas Albrecht <small>(self)</small>" in report.evidence_table(matrix, c.articles).data


def test_list_markers_do_not_leak_into_the_evidence():
    assert report.display_text("- Strengthening Ukraine’s armed forces") == (
        "Strengthening Ukraine’s armed forces"
    )
    for marked in ("• Sanctions", "* Sanctions", "– Sanctions", "2. Sanctions", "3) Sanctions"):
        assert report.display_text(marked) == "Sanctions"
    assert report.display_text("-5 degrees and 2.5 percent") == "-5 degrees and 2.5 percent"
    assert report.display_text(None) == ""


def test_the_parameters_panel_says_all_or_none_and_half_life_in_days():
    params = {"countries": [], "overrides": "", "half_life": 14.0, "voices": "all"}
    html = report.header(hand_corpus(), "T", params).data
    assert "<code></code>" not in html
    assert '<th>countries</th><td><span class="wb-unset">all</span>' in html
    assert '<th>overrides</th><td><span class="wb-unset">none</span>' in html
    assert "<th>half_life</th><td><code>14</code> days" in html
    assert '<a href="index.html">Index</a>' in html  # every report links to the index


def test_a_quote_on_no_topic_says_so_in_the_stance_column():
    c = hand_corpus()
    frame = report.quote_frame(quote_view(c))
    stances = set(frame.stance)
    assert "sceptical on Troops to Ukraine" in stances  # labels, not ids
    view = quote_view(c).assign(label=None, topics=None)
    assert set(report.quote_frame(view).stance) == {'<span class="wb-unset">no topic</span>'}
