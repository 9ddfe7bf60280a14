"""Report rendering: run each report notebook with papermill on the analysed tables, then export
it to one self-contained, offline HTML file with nbconvert.

The HTML hides code (``exclude_input``), drops cells tagged ``remove_cell`` (live-only widgets,
whose Python callbacks would be dead in a static page) and uses the ``workbench_report`` template:
no CDN script, plotly.js inlined once from the plotly package.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from workbench.report.notebooks import REPORTS, RenderError, notebooks_dir
from workbench.report.params import check_parameters

CELL_TIMEOUT = 300.0  # seconds one notebook cell may run (``render --cell-timeout``)
RENDER_TIMEOUT = 1800.0  # seconds all the notebooks of one render may run (``--render-timeout``)
TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = "workbench_report"


def execute(
    notebook: Path,
    output: Path,
    parameters: dict,
    cell_timeout: float = CELL_TIMEOUT,
    deadline: float | None = None,
) -> None:
    """Run ``notebook`` with papermill into ``output`` (cwd = the output's folder), each cell
    within ``cell_timeout`` seconds and the whole run before ``deadline``
    (:mod:`workbench.report.kernel`).
    """
    from workbench.report.kernel import KernelError, run_notebook

    try:
        run_notebook(notebook, output, parameters, cell_timeout=cell_timeout, deadline=deadline)
    except KernelError as exc:
        raise RenderError(str(exc)) from None


def export_html(executed: Path, html_path: Path) -> None:
    """Export an executed notebook to offline HTML without code cells."""
    import nbformat
    import plotly
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    nb = nbformat.read(executed, as_version=4)
    nb.metadata.pop("widgets", None)  # no widget manager in the page: live widgets are removed
    for i, cell in enumerate(nb.cells):  # papermill gives its injected cell a random id
        cell.id = f"cell-{i}"
    exporter = HTMLExporter(
        template_name=TEMPLATE,
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    exporter.register_preprocessor(
        TagRemovePreprocessor(remove_cell_tags={"remove_cell"}, enabled=True), enabled=True
    )
    js = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    resources = {
        "plotly_js": js.read_text(encoding="utf-8"),
        "plotly_version": _plotly_js_version(),
    }
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    tmp = html_path.with_suffix(".html.tmp")
    tmp.write_text(body, encoding="utf-8")
    tmp.replace(html_path)


def _plotly_js_version() -> str:
    from plotly.offline import get_plotlyjs_version

    return get_plotlyjs_version()


def render_reports(
    data_dir: str | os.PathLike,
    out_dir: str | os.PathLike,
    parameters: dict | None = None,
    notebooks: str | os.PathLike | None = None,
    reports: tuple[str, ...] = REPORTS,
    progress: Callable[[str], None] | None = None,
    cell_timeout: float = CELL_TIMEOUT,
    render_timeout: float = RENDER_TIMEOUT,
) -> list[Path]:
    """Execute each report notebook on the tables in ``data_dir`` and export HTML into
    ``out_dir``: ``NAME.ipynb`` (executed) and ``NAME.html`` per report. Returns the HTML paths.
    Each cell may run ``cell_timeout`` seconds and all the notebooks together ``render_timeout``;
    past either, RenderError names the notebook and the cell. ``parameters`` are checked first
    (:func:`workbench.report.params.check_parameters`): ParameterError lists every problem.

    ``data_dir`` is passed to the notebooks relative to ``out_dir`` when it lies inside it, so the
    executed notebooks (and two renders of the same input) do not depend on where they were made.
    """
    say = progress or (lambda line: print(line, file=sys.stderr))
    source = notebooks_dir(notebooks)
    parameters = check_parameters(parameters or {}, reports, source)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    data = Path(data_dir).resolve()
    try:
        data_param = str(data.relative_to(out.resolve()))
    except ValueError:
        data_param = str(data)
    written = []
    deadline = time.monotonic() + render_timeout
    for i, name in enumerate(reports, 1):
        start = time.perf_counter()
        say(f"workbench: [{i}/{len(reports)}] {name}: running the notebook")
        executed = out / f"{name}.ipynb"
        params = {**parameters, "data_dir": data_param}
        execute(source / f"{name}.ipynb", executed, params, cell_timeout, deadline)
        html_path = out / f"{name}.html"
        export_html(executed, html_path)
        say(
            f"workbench: [{i}/{len(reports)}] {name}: {html_path} "
            f"({time.perf_counter() - start:.1f} s)"
        )
        written.append(html_path)
    # imported here: pandas, pyarrow and plotly are not in this process while the kernels run
    from workbench.report.index import COLUMNS_READ, TABLES_READ, write_index
    from workbench.store.tables import load

    index = write_index(load(data, TABLES_READ, COLUMNS_READ), out, reports)
    say(f"workbench: index of the reports: {index}")
    return written
