"""Finding input files, the output marker, and article ids."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from workbench.schema import Article, Problem, path_name, quote_path

SUFFIXES = {
    ".txt": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}

# A folder's own notes (seeds/NOTICE.md, a README.md beside the articles) are not articles.
NOTES = frozenset({"README", "NOTICE", "LICENSE", "LICENCE", "COPYING"})


def find_inputs(
    paths: Iterable[str | os.PathLike], skip: Iterable[str | os.PathLike] = ()
) -> tuple[list[Path], list[Problem]]:
    """Expand files and folders (recursively) into readable files, sorted within each folder.

    Hidden files and folders are skipped inside folders; a folder or file reached twice (through a
    symlink loop or two arguments) is read once. Files given by name with an unknown suffix are
    reported; inside folders they are skipped quietly, and so are a folder's notes (``README``,
    ``NOTICE``, ``LICENSE``, ``COPYING``, any suffix; read when named). Never read: the folders
    in ``skip`` (the run's output) met inside an input folder, and whatever the workbench wrote
    (listed in a folder's :data:`OUTPUT_MARKER`). An input that is not a regular file (a named
    pipe, a device, a broken symbolic link) is reported and never opened.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    outputs = {os.path.realpath(s) for s in skip}
    seen: set[str] = set(outputs)

    def add(p: Path, explicit: bool) -> None:
        real = os.path.realpath(p)
        if real in seen:
            return
        if p.suffix.lower() not in SUFFIXES:
            if explicit:
                problems.append(
                    Problem(path_name(p), f"unsupported file type {p.suffix or '(none)'!r}")
                )
            return
        seen.add(real)
        files.append(p)

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            if os.path.realpath(p) in outputs:  # an output folder named as input is read
                outputs.discard(os.path.realpath(p))
                seen.discard(os.path.realpath(p))
            for f in _walk(p, seen, problems):
                add(f, explicit=False)
        elif p.name in written_by_workbench(p.parent):
            problems.append(
                Problem(path_name(p), "written by the workbench; not read", level="warning")
            )
        elif p.is_file():
            add(p, explicit=True)
        elif os.path.lexists(p):
            problems.append(Problem(path_name(p), not_regular(p)))
        else:
            raise FileNotFoundError(f"no such file or folder: {quote_path(p)}")
    return files, problems


def _walk(root: Path, seen: set[str], problems: list[Problem]) -> Iterator[Path]:
    real = os.path.realpath(root)
    if real in seen:
        return
    seen.add(real)
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        problems.append(Problem(path_name(root), f"cannot read folder ({exc.strerror or exc})"))
        return
    written = written_by_workbench(root)
    for e in entries:
        if e.name.startswith(".") or e.name in written or Path(e.name).stem.upper() in NOTES:
            continue
        path = Path(e.path)
        try:
            if e.is_dir(follow_symlinks=True):
                yield from _walk(path, seen, problems)
            elif e.is_file(follow_symlinks=True):
                yield path
            elif path.suffix.lower() in SUFFIXES:
                problems.append(Problem(path_name(path), not_regular(path)))
        except OSError:
            continue


def not_regular(path: str | os.PathLike) -> str:
    """Why ``path`` (not a folder, not a regular file) cannot be read, without opening it."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.islink(path):
            return "broken symbolic link (its target does not exist)"
        return "no such file"
    except OSError as exc:
        return f"cannot read file ({exc.strerror or exc})"
    if stat.S_ISFIFO(mode):
        return "not a regular file (a named pipe); not opened"
    if stat.S_ISSOCK(mode):
        return "not a regular file (a socket); not opened"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "not a regular file (a device); not opened"
    return "not a regular file; not opened"


OUTPUT_MARKER = ".workbench-output"  # in a folder the workbench writes into: what it wrote there


def mark_output(folder: str | os.PathLike, names: Iterable[str]) -> None:
    """Record in ``folder``'s :data:`OUTPUT_MARKER` that the workbench writes ``names`` (files or
    folders) there, so that no run reads them as articles (:func:`find_inputs`)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    new = [n for n in dict.fromkeys(names) if n not in written_by_workbench(folder)]
    if new:
        with open(folder / OUTPUT_MARKER, "a", encoding="utf-8") as f:
            f.writelines(f"{n}\n" for n in new)


def written_by_workbench(folder: str | os.PathLike) -> set[str]:
    """The names :func:`mark_output` recorded in ``folder`` (none when it has no marker)."""
    marker = Path(folder) / OUTPUT_MARKER
    if not marker.is_file():  # never open a named pipe
        return set()
    try:
        with open(marker, encoding="utf-8") as f:
            return {line.rstrip("\n") for line in f if line.strip()}
    except (OSError, UnicodeDecodeError):
        return set()


def assign_ids(articles: list[Article]) -> None:
    """Give each article a unique ``article_id``: its own id, else the file stem (``-N`` on clash).

    Lines of a .jsonl file without an id are named ``{stem}-{line}``. Runs in input order, so the
    same inputs always get the same ids.
    """
    used: set[str] = set()
    for a in articles:
        if a.id:
            base = _clean_id(a.id)
        else:
            stem = Path(a.path).stem
            base = _clean_id(f"{stem}-{a.line}" if a.line else stem)
        candidate, n = base, 2
        while candidate in used:
            candidate = f"{base}-{n}"
            n += 1
        used.add(candidate)
        a.article_id = candidate


def _clean_id(s: str) -> str:
    s = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in str(s).strip())
    return s or "article"
