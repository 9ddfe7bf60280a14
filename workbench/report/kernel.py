"""Running one notebook headless with papermill: bounded in time, and never left waiting.

**Why a papermill engine of our own.** nbclient mimics the front end of an ipywidgets ``Output``
widget: every output captured inside ``with out:`` makes it send the widget's new state back to
the kernel, on the *shell* channel, from the coroutine that reads IOPub. nbclient is at that moment
awaiting the cell's ``execute_reply`` on that same zmq socket, and the send can consume the
socket's edge-triggered "readable" notification: the reply sits in the socket, the wait is never
woken, and with no timeout the render hangs for ever (nbclient issue #312). Measured here: a
notebook of 20 cells that each print 50 lines into an Output widget stalled in 2 to 6 of its 20
cells in each of 10 runs, every stall lasting exactly the cell timeout although the kernel had
replied within 0.1 s; with :class:`_HeadlessOutput`, 0 stalls in 8 runs.

A headless run has no front end that needs the widget's state, so :class:`_HeadlessOutput` keeps
capturing the outputs (papermill still stores them in the notebook's widget state) but sends
nothing to the kernel. Nothing else in nbclient writes to the shell socket while a cell runs.

**Timeouts.** Each cell gets at most ``cell_timeout`` seconds, and the whole call at most what is
left of ``deadline`` (a :func:`time.monotonic` value shared by the reports of one render). A kernel
that never answers (loopback down, a broken kernelspec) fails after ``start_timeout`` seconds.
Each failure is a :class:`KernelError` whose message is one line naming the notebook and the cell.
"""

from __future__ import annotations

import contextvars
import math
import socket
import tempfile
import time
from pathlib import Path

from nbclient.exceptions import CellTimeoutError
from nbclient.output_widget import OutputWidget
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.exceptions import PapermillExecutionError
from papermill.utils import merge_kwargs, remove_args

ENGINE = "workbench"
KERNEL = "python3"


class KernelError(Exception):
    """A notebook could not be run to its end: the one-line reason."""


class _HeadlessOutput(OutputWidget):
    """nbclient's Output widget mimic, minus the state it sends back to the kernel."""

    def _publish_msg(self, msg_type: str, data=None, metadata=None, buffers=None, **keys) -> None:
        return None


class _Client(PapermillNotebookClient):
    def __init__(self, nb_man, km=None, **kw):
        super().__init__(nb_man, km=km, **kw)
        self.widget_registry["@jupyter-widgets/output"] = {"OutputModel": _HeadlessOutput}


class _Engine(NBClientEngine):
    """papermill's nbclient engine with :class:`_Client` (papermill builds its client inline)."""

    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man,
        kernel_name,
        log_output=False,
        stdout_file=None,
        stderr_file=None,
        start_timeout=60,
        execution_timeout=None,
        **kwargs,
    ):
        kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
        final = merge_kwargs(
            kwargs,
            timeout=execution_timeout,
            startup_timeout=start_timeout,
            kernel_name=kernel_name,
            log_output=log_output,
            stdout_file=stdout_file,
            stderr_file=stderr_file,
        )
        # The kernel's own stderr (its log, and its complaints when stopped mid-cell) goes to a
        # file, so that a failure stays one line; its last line explains a failed start.
        return _Client(nb_man, **final).execute(stderr=_KERNEL_LOG.get())


papermill_engines.register(ENGINE, _Engine)
_KERNEL_LOG: contextvars.ContextVar = contextvars.ContextVar("kernel_log", default=None)


class _Clock:
    """nbclient's ``timeout_func``: each cell's time limit, remembering which cell asked last."""

    def __init__(self, cell_timeout: float, deadline: float | None) -> None:
        self.cell_timeout, self.deadline = cell_timeout, deadline
        self.cell = None
        self.limit = cell_timeout
        self.by_deadline = False

    def __call__(self, cell) -> float:
        self.cell, self.limit, self.by_deadline = cell, self.cell_timeout, False
        if self.deadline is not None:
            left = self.deadline - time.monotonic()
            if left < self.limit:
                self.limit, self.by_deadline = max(left, 0.1), True
        return self.limit


def check_loopback() -> None:
    """Raise KernelError at once when this machine cannot talk to itself over TCP on 127.0.0.1,
    which is how papermill reaches its kernel (otherwise the start-up waits its whole timeout)."""
    try:
        with socket.socket() as server, socket.socket() as client:
            server.bind(("127.0.0.1", 0))
            server.listen(1)
            client.settimeout(5)
            client.connect(server.getsockname())
    except OSError as exc:
        raise KernelError(
            f"no kernel can be reached: loopback networking (127.0.0.1) is unavailable "
            f"({exc.strerror or exc})"
        ) from None


def run_notebook(
    notebook: Path,
    output: Path,
    parameters: dict,
    *,
    cell_timeout: float,
    deadline: float | None = None,
    start_timeout: float = 60,
    kernel: str = KERNEL,
) -> None:
    """Run ``notebook`` into ``output`` (cwd = the output's folder). Raises KernelError."""
    check_loopback()
    clock = _Clock(cell_timeout, deadline)
    if deadline is not None:
        start_timeout = min(start_timeout, deadline - time.monotonic())
    with tempfile.TemporaryFile("w+") as log:
        token = _KERNEL_LOG.set(log)
        try:
            _execute(notebook, output, parameters, clock, max(math.ceil(start_timeout), 1), kernel)
        except _NoStart as exc:
            log.seek(0)
            said = [line.strip() for line in log if line.strip()][-1:]
            raise KernelError(f"{exc}{': ' + said[0] if said else ''}") from None
        finally:
            _KERNEL_LOG.reset(token)


class _NoStart(KernelError):
    """The kernel did not start (the message is completed with the kernel's last log line)."""


def _execute(
    notebook: Path, output: Path, parameters: dict, clock: _Clock, start_timeout: int, kernel: str
) -> None:
    import papermill
    from jupyter_client.kernelspec import NoSuchKernel

    try:
        papermill.execute_notebook(
            str(notebook),
            str(output),
            parameters=parameters,
            engine_name=ENGINE,
            kernel_name=kernel,
            cwd=str(output.parent),
            progress_bar=False,
            log_output=False,
            # the notebook written when it is done, not after every cell (papermill still saves
            # it every 30 s and on a failure): each save serialises every output so far
            request_save_on_cell_execute=False,
            start_timeout=start_timeout,
            timeout_func=clock,
            # Quiet the kernel's own log (its loopback-TCP notice); cell errors still surface.
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
        )
    except PapermillExecutionError as exc:
        raise KernelError(
            f"{notebook.name}: cell {exc.exec_count} failed: {exc.ename}: {exc.evalue}"
        ) from None
    except CellTimeoutError:
        why = "the render's time limit" if clock.by_deadline else f"{clock.cell_timeout:g} s"
        raise KernelError(
            f"{notebook.name}: cell {_cell_number(clock.cell)} did not finish within {why} "
            f"(stopped after {clock.limit:.0f} s)"
        ) from None
    except NoSuchKernel:
        raise KernelError(f"{notebook.name}: no Jupyter kernel named {kernel!r}") from None
    except (RuntimeError, TimeoutError, OSError) as exc:  # DeadKernelError is a RuntimeError
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if clock.cell is None:
            message = f"{notebook.name}: the {kernel!r} kernel did not start ({reason})"
            raise _NoStart(message) from None
        cell = _cell_number(clock.cell)
        raise KernelError(f"{notebook.name}: cell {cell}: the kernel stopped ({reason})") from None


def _cell_number(cell) -> str:
    """The cell as papermill's executed notebook shows it: its execution count."""
    if cell is None:
        return "?"
    return str(cell.get("execution_count") or "?")
