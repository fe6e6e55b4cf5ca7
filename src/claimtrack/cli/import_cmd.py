"""`claimtrack import …` and `claimtrack extract …`: articles in, claims out (or just previewed).

Thin adapters over `ingest.importer` and `ingest.sources`: results go to stdout (one line a source, flushed
as it is done, or the JSON summary of CLI.md with `--json`), one `Error: <source>: <reason>` line per failed
source and the summary line to stderr, a progress bar only on a terminal and only for many sources. Exit 1 if
any source failed, after all of them were tried; exit 130 when Ctrl-C stopped the run between articles
(`--json` still prints the whole document, with `"interrupted": true`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from claimtrack.cli import render
from claimtrack.cli.options import AllowPrivate, Json

PROGRESS_MIN_SOURCES = 5

Sources = Annotated[list[str] | None, typer.Argument(
    help="Files, folders (recursive), http(s):// URLs, or - for stdin.", show_default=False)]
FromList = Annotated[Path | None, typer.Option(
    "--from-list", help="A file with one path or URL a line (# comments); - reads the list from stdin.")]
Lang = Annotated[str | None, typer.Option("--lang", help="Language of the articles: zh or en (default: detect).")]
FollowSymlinks = Annotated[bool, typer.Option(
    "--follow-symlinks", help="In a folder, also follow symbolic links whose target is outside the folder.")]
Title = Annotated[str | None, typer.Option("--title", help="Title to use (default: page metadata, else first line).")]
Jobs = Annotated[int | None, typer.Option(
    "--jobs", "-j", min=1, show_default=False,
    help="Worker processes that read and analyse the sources while one process stores them in input order "
         "(default: the CPU count, from 8 sources on; 1 = everything in this process).")]
Format = Annotated[str | None, typer.Option(
    "--format", help="Read every source as html, md or txt (default: by extension; stdin and files without "
                     "one are sniffed).")]


def _check_lang(lang: str | None) -> str | None:
    if lang is not None and lang not in ("zh", "en"):
        render.error(f"--lang must be zh or en, not {lang!r}")
        raise typer.Exit(2)
    return lang


def _check_format(fmt: str | None) -> str | None:
    if fmt is not None and fmt not in ("html", "md", "txt"):
        render.error(f"--format must be html, md or txt, not {fmt!r}")
        raise typer.Exit(2)
    return fmt


def import_command(ctx: typer.Context, sources: Sources = None, from_list: FromList = None, lang: Lang = None,
                   title: Title = None, json: Json = False, allow_private: AllowPrivate = False,
                   fmt: Format = None, follow_symlinks: FollowSymlinks = False, jobs: Jobs = None) -> None:
    """Import articles (files, folders, URLs, stdin) and extract their claims.

    One line a source as it is done (flushed, also into a pipe); Ctrl-C stops after the current article
    (exit 130; run the same import again to continue: done articles come back `unchanged`).

    Example: claimtrack import examples/articles https://example.org/news.html
    """
    from claimtrack.ingest.importer import ImportSummary, import_sources

    if not sources and from_list is None:
        render.error("name at least one SOURCE (file, folder, URL or -) or --from-list FILE")
        raise typer.Exit(2)
    names = list(sources or [])
    lines = _Lines(show=not json)
    with _StopOnInterrupt() as stop, \
            _progress(len(names) >= PROGRESS_MIN_SOURCES or any(_is_dir(n) for n in names)) as tick:
        def progress(done: int, total: int, result) -> None:
            lines.add(done, total, result)
            if tick:
                tick(done, total, result.given)

        try:
            summary = import_sources(ctx.obj, names, from_list=str(from_list) if from_list else None,
                                     lang=_check_lang(lang), title=title, allow_private=allow_private,
                                     progress=progress, fmt=_check_format(fmt), follow_symlinks=follow_symlinks,
                                     jobs=jobs, should_stop=stop)
        except KeyboardInterrupt:  # a second Ctrl-C: the article being stored was rolled back
            summary = ImportSummary(results=list(lines.results), total=lines.total, interrupted=True)
    for result in summary.failed:
        if not any(result is seen for seen in lines.results):  # sources that could not even be listed
            render.error(f"{result.given}: {result.error}")
    if json:
        render.emit_json(summary.as_dict())
    render.note(_summary_line(summary))
    if summary.interrupted:
        render.error(f"interrupted after {len(lines.results)}/{summary.total}; run again to continue")
        raise typer.Exit(130)
    if summary.failed:
        raise typer.Exit(1)


class _Lines:
    """The per-source lines, printed (and flushed) as each source is done; failures as `Error:` lines."""

    def __init__(self, show: bool) -> None:
        import time

        self.show, self.results, self.total = show, [], 0
        self.clock, self.last = time.monotonic, time.monotonic()

    def add(self, done: int, total: int, result) -> None:
        self.results.append(result)
        self.total = total
        now = self.clock()
        if result.status == "failed":
            render.error(f"{result.given}: {result.error}")
        elif self.show and not render.quiet():
            render.echo(_line(result), flush=True)
        render.detail(f"[{done}/{total}] {render.field(result.given)}: {result.status} in {now - self.last:.2f} s"
                      + (f", {render.field(result.title)}" if result.title else ""))
        self.last = now


class _StopOnInterrupt:
    """Ctrl-C (SIGINT) asks the import to stop before its next article; a second Ctrl-C aborts the current
    one (its transaction rolls back). `stop()` is the `should_stop` callback of `import_sources`."""

    def __init__(self) -> None:
        self.requested = False
        self.previous: Any = None

    def __enter__(self):
        import signal

        try:
            self.previous = signal.signal(signal.SIGINT, self._handle)
        except ValueError:  # not the main thread (an embedding program): keep its handler
            self.previous = None
        return self.stop

    def stop(self) -> bool:
        return self.requested

    def _handle(self, signum, frame) -> None:
        import os
        import signal

        if self.requested:
            signal.signal(signal.SIGINT, signal.default_int_handler)
            raise KeyboardInterrupt
        self.requested = True
        if not render.quiet():
            try:  # os.write, not sys.stderr: the handler may run in the middle of a buffered write
                os.write(2, b"stopping after the current article (Ctrl-C again to abort it)\n")
            except OSError:
                pass

    def __exit__(self, *exc) -> None:
        if self.previous is not None:
            import signal

            signal.signal(signal.SIGINT, self.previous)


def _is_dir(name: str) -> bool:
    try:
        return len(name) < 4096 and Path(name).is_dir()
    except OSError:
        return False


def _line(r) -> str:
    parts = [f"{r.status:<9} article {r.article_id} v{r.version}", render.field(r.source or r.given)]
    if r.status != "unchanged":
        parts.append(f"claims: {r.claims_new} new, {r.claims_matched} matched; mentions: {r.mentions}")
        if r.reanchored or r.orphaned:
            parts.append(f"re-anchored {r.reanchored}, orphaned {r.orphaned}")
    if r.repeats:
        parts.append(f"repeated blocks: {len(r.repeats)}")
    if r.previously_checked:
        parts.append("previously checked: " + ", ".join(f"#{c['claim_id']} {c['rating']}" for c in r.previously_checked))
    return "  ".join(parts)


def _summary_line(summary) -> str:
    data = summary.as_dict()
    line = (f"{data['imported']} imported, {data['updated']} updated, {data['unchanged']} unchanged, "
            f"{len(data['failed'])} failed; claims: {data['claims_new']} new, {data['claims_matched']} matched")
    repeats = sum(len(r.repeats) for r in summary.results)
    if repeats:
        line += f"; {repeats} repeated block(s) found"
    if summary.skipped_hidden or summary.skipped_unsupported:
        line += f"; skipped {summary.skipped_hidden} hidden, {summary.skipped_unsupported} unsupported file(s)"
    return line


class _progress:
    """A rich progress bar on stderr when at a terminal and asked for; otherwise a no-op callback."""

    def __init__(self, wanted: bool) -> None:
        self.bar: Any = None
        self.task: Any = None
        self.wanted = wanted and render.interactive() and not render.quiet()

    def __enter__(self):
        if not self.wanted:
            return None
        from rich.progress import Progress

        self.bar = Progress(console=render.console(stderr=True), transient=True)
        self.bar.start()
        self.task = self.bar.add_task("importing", total=None)
        return self.tick

    def tick(self, done: int, total: int, given: str) -> None:
        self.bar.update(self.task, completed=done, total=total,
                        description=render.markup(render.field(given)[-40:]))

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def extract_command(ctx: typer.Context,
                    source: Annotated[str, typer.Argument(help="A file, http(s):// URL, or - for stdin.")],
                    all_sentences: Annotated[bool, typer.Option("--all", help="Show every sentence, not only "
                                                                              "the check-worthy ones.")] = False,
                    lang: Lang = None, json: Json = False, allow_private: AllowPrivate = False,
                    fmt: Format = None) -> None:
    """Run the import pipeline without the database: sentences, scores, reasons, quantities, spans.

    Example: claimtrack extract examples/articles/haidian-ai.txt --json
    """
    from claimtrack.ingest.importer import preview

    result = preview(ctx.obj, source, lang=_check_lang(lang), allow_private=allow_private, everything=all_sentences,
                     fmt=_check_format(fmt))
    if json:
        render.emit_json(result)
        return
    for s in result["sentences"]:
        mark = "*" if s["check_worthy"] else " "
        reasons = ",".join(s["reasons"]) or "-"
        render.echo(f"{mark} {s['score']:.2f} [{s['start']}:{s['end']}] {reasons}  {render.field(s['text'])}")
        for q in s["quantities"]:
            render.echo(f"      {render.field(q['text'])} = {_value(q)}")


def _value(q: dict[str, Any]) -> str:
    parts = [f"{k}={q[k]}" for k in ("value", "low", "high", "qualifier", "unit", "currency") if q.get(k) is not None]
    return " ".join(parts) or "?"
