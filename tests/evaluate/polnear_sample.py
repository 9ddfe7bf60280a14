"""A PolNeAR-format sample with fictional text, written out by the tests (never a committed copy).

Three short articles with fictional people and places, laid out like a copy of the PolNeAR
corpus (`data/train/text/NAME.txt`, `data/train/attributions/NAME_ANNOTATOR.ann`, brat standoff),
for the tests of `workbench evaluate polnear` (`tests/evaluate/test_polnear.py`), which write it
to a temporary folder with :func:`write_sample`: nothing laid out like the corpus is committed.
The real corpus is copyrighted news and is never committed; the tests never need it.

14 attribution relations in the first annotators' files: speech cues (said, told, according to,
added, argue, wrote, was announced) and non-speech ones (believes, fear, thinks); a content
discontinuous in one span (`156 192;235 266`) and one in two roles (`Content`, `Content2`); a
relation without source (`Attribution-no-source`); an event without arguments, an annotator note
and `Discuss`/`Discard` spans, which the reader ignores. `harbour_…` has a second annotator file
(`_b2`, one relation): the reader takes the first file in name order (`_a1`).

The offsets were computed from the phrases, not typed: edit the text and the `.ann` files together.
"""

from __future__ import annotations

from pathlib import Path

FILES: dict[str, str] = {
    "data/train/attributions/harbour_2031-03-02_varnholm-bridge_a1.ann": (
        "T1\tSource 57 77\tMayor Tilda Varnholm\n"
        "T2\tCue 78 82\tsaid\n"
        "T3\tContent 99 153\tthe old harbour bridge would be replaced before winter\n"
        "T4\tAttribution 78 82\tsaid\n"
        "E1\tAttribution:T4 Cue:T2 Content:T3 Source:T1\n"
        "T5\tSource 193 201\tVarnholm\n"
        "T6\tCue 202 206\ttold\n"
        "T7\tContent 156 192;235 266\t“We will rebuild it stone by stone,” "
        "“Nobody will be cut off again.”\n"
        "T8\tAttribution 202 206\ttold\n"
        "E2\tAttribution:T8 Cue:T6 Content:T7 Source:T5\n"
        "T9\tSource 268 298\tCouncil member Osric Pellinore\n"
        "T10\tCue 299 307\tbelieves\n"
        "T11\tContent 308 344\tthe budget is too small for the work\n"
        "T12\tAttribution 299 307\tbelieves\n"
        "E3\tAttribution:T12 Cue:T10 Content:T11 Source:T9\n"
        "T13\tSource 405 435\ta report by the town treasurer\n"
        "T14\tCue 392 404\taccording to\n"
        "T15\tContent 347 390\tThe plan would cost about 40 million crowns\n"
        "T16\tAttribution 392 404\taccording to\n"
        "E4\tAttribution:T16 Cue:T14 Content:T15 Source:T13\n"
        "#1\tAnnotatorNotes T3\tcheck the scope\n"
        "T99\tDiscuss 0 5\tMayor\n"
    ),
    "data/train/attributions/harbour_2031-03-02_varnholm-bridge_b2.ann": (
        "T1\tSource 193 201\tVarnholm\n"
        "T2\tCue 202 206\ttold\n"
        "T3\tContent 156 192\t“We will rebuild it stone by stone,”\n"
        "T4\tAttribution 202 206\ttold\n"
        "E1\tAttribution:T4 Cue:T2 Content:T3 Source:T1\n"
    ),
    "data/train/attributions/herald_2031-05-20_school-day_a1.ann": (
        "T1\tSource 156 183\tboard chair Edwin Halvorsen\n"
        "T2\tCue 143 155\taccording to\n"
        "T3\tContent 92 142\ta decision that parents “welcomed with open arms,”\n"
        "T4\tAttribution 143 155\taccording to\n"
        "E1\tAttribution:T4 Cue:T2 Content:T3 Source:T1\n"
        "T5\tSource 186 195\tHalvorsen\n"
        "T6\tCue 196 201\twrote\n"
        "T7\tContent 231 266\tthe change would start in September\n"
        "T8\tAttribution 196 201\twrote\n"
        "E2\tAttribution:T8 Cue:T6 Content:T7 Source:T5\n"
        "T9\tSource 304 315\tone teacher\n"
        "T10\tCue 316 320\tsaid\n"
        "T11\tContent 269 303\t“Children need more time to play,”\n"
        "T12\tContent 322 346\t“and more time to read.”\n"
        "T13\tAttribution 316 320\tsaid\n"
        "E3\tAttribution:T13 Cue:T10 Content:T11 Content2:T12 Source:T9\n"
        "T14\tSource 348 357\tThe union\n"
        "T15\tCue 358 364\tthinks\n"
        "T16\tContent 365 383\tthe plan is rushed\n"
        "T17\tAttribution 358 364\tthinks\n"
        "E4\tAttribution:T17 Cue:T15 Content:T16 Source:T14\n"
    ),
    "data/train/attributions/ledger_2031-04-11_fishing-talks_a1.ann": (
        "T1\tSource 109 118\tofficials\n"
        "T2\tCue 119 123\tsaid\n"
        "T3\tContent 39 107\tNegotiators from the two coastal provinces failed "
        "to agree on Friday\n"
        "T4\tAttribution 119 123\tsaid\n"
        "E1\tAttribution:T4 Cue:T2 Content:T3 Source:T1\n"
        "T5\tSource 164 226\tMarit Oyelaran, the chief negotiator for the "
        "northern province\n"
        "T6\tCue 159 163\tsaid\n"
        "T7\tContent 126 158\t“There is no deal on the table,”\n"
        "T8\tAttribution 159 163\tsaid\n"
        "E2\tAttribution:T8 Cue:T6 Content:T7 Source:T5\n"
        "T9\tSource 228 231\tShe\n"
        "T10\tCue 232 237\tadded\n"
        "T11\tContent 238 272\tthat talks could resume next month\n"
        "T12\tAttribution 232 237\tadded\n"
        "E3\tAttribution:T12 Cue:T10 Content:T11 Source:T9\n"
        "T13\tSource 275 282\tCritics\n"
        "T14\tCue 283 288\targue\n"
        "T15\tContent 289 321\tthe quotas favour large trawlers\n"
        "T16\tAttribution 283 288\targue\n"
        "E4\tAttribution:T16 Cue:T14 Content:T15 Source:T13\n"
        "T17\tSource 323 337\tSome fishermen\n"
        "T18\tCue 338 342\tfear\n"
        "T19\tContent 343 366\tthe season will be lost\n"
        "T20\tAttribution 338 342\tfear\n"
        "E5\tAttribution:T20 Cue:T18 Content:T19 Source:T17\n"
        "T21\tCue 372 385\twas announced\n"
        "T22\tContent 386 439\tthat the ferry would run twice a day during the talks\n"
        "T23\tAttribution-no-source 372 385\twas announced\n"
        "E6\tAttribution-no-source:T23 Cue:T21 Content:T22\n"
        "E99\tAttribution-no-source\n"
    ),
    "data/train/text/harbour_2031-03-02_varnholm-bridge.txt": (
        "Mayor promises new bridge for Kestrel Bay\n"
        "\n"
        "KESTREL BAY — Mayor Tilda Varnholm said on Tuesday that the old "
        "harbour bridge would be replaced before winter.\n"
        "\n"
        "“We will rebuild it stone by stone,” Varnholm told reporters at the "
        "town hall. “Nobody will be cut off again.”\n"
        "\n"
        "Council member Osric Pellinore believes the budget is too small for "
        "the work.\n"
        "\n"
        "The plan would cost about 40 million crowns, according to a report by "
        "the town treasurer.\n"
    ),
    "data/train/text/herald_2031-05-20_school-day.txt": (
        "School board backs longer day\n"
        "\n"
        "The school board voted on Monday to lengthen the school day, a "
        "decision that parents “welcomed with open arms,” according to board "
        "chair Edwin Halvorsen.\n"
        "\n"
        "Halvorsen wrote in a letter to families that the change would start "
        "in September.\n"
        "\n"
        "“Children need more time to play,” one teacher said, “and more time "
        "to read.”\n"
        "\n"
        "The union thinks the plan is rushed.\n"
    ),
    "data/train/text/ledger_2031-04-11_fishing-talks.txt": (
        "Trade talks stall over fishing quotas\n"
        "\n"
        "Negotiators from the two coastal provinces failed to agree on Friday, "
        "officials said.\n"
        "\n"
        "“There is no deal on the table,” said Marit Oyelaran, the chief "
        "negotiator for the northern province. She added that talks could "
        "resume next month.\n"
        "\n"
        "Critics argue the quotas favour large trawlers. Some fishermen fear "
        "the season will be lost.\n"
        "\n"
        "It was announced that the ferry would run twice a day during the talks.\n"
    ),
}


def write_sample(root: Path) -> Path:
    """Write the sample under ``root`` (``root/data/train/…``) and return ``root``."""
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
