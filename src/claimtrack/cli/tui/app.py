"""`ReviewApp`: the reviewer's full-screen workspace over `review.queue` (Textual).

The screen: a header line (position "3 of 52", the claim's score, status and rating, the filters), the
queue pane (the next claims; a column beside the claim when the terminal is 120 columns or wider, three
lines above it otherwise), the claim in its article with the span highlighted (scrollable), the
quantities folded, evidence with capture status, verdict history, dismissals, similar claims and the
"checked elsewhere" alerts, a message line and the key bar. Every action is one use case (`review/`)
called with the verdict the reviewer was shown; the session's actions are kept for `u` (undo), which
writes a superseding row (`review.queue.undo`). Quitting returns the `Tally`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Collapsible, Footer, Static

from claimtrack.cli.tui import view as show
from claimtrack.cli.tui.dialogs import DIALOG_CSS, EvidenceDialog, failure, HelpScreen, RateDialog, ReasonDialog
from claimtrack.review import queue as q
from claimtrack.store.db import Store
from claimtrack.store.models import STANCES

QUEUE_PANE = 12  # claims listed in the queue pane


class ReviewApp(App[q.Tally]):
    """One reviewer's session over the queue (or, with `QueueFilter(approve=True)`, the approver's)."""

    TITLE = "claimtrack review"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    CSS = """
    #header { height: 1; background: $boost; }
    #body { height: 1fr; }
    #queue { height: 4; border-bottom: solid $primary-darken-2; text-wrap: nowrap; text-overflow: ellipsis; }
    .-wide #body { layout: horizontal; }
    .-wide #queue { width: 48; height: 1fr; border-bottom: none; border-right: solid $primary-darken-2; }
    .-narrow #body { layout: vertical; }
    #claim { height: 1fr; padding: 0 1; }
    #context { margin-bottom: 1; }
    #message { height: 1; }
    #message.error { color: $error; text-style: bold; }
    Collapsible { padding: 0; margin: 0; border: none; }
    Collapsible Contents { padding: 0 0 0 2; }
    """ + DIALOG_CSS
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("e", "evidence", "evidence"),
        Binding("r", "rate", "rate"),
        Binding("d", "dismiss", "dismiss"),
        Binding("b", "restore", "restore", show=False),
        Binding("a", "approve", "approve"),
        Binding("s", "skip", "skip"),
        Binding("u", "undo", "undo"),
        Binding("f", "fold", "fold", show=False),
        Binding("question_mark", "help", "help", key_display="?"),
        Binding("q", "quit_review", "quit"),
        Binding("ctrl+c", "ctrl_c", "cancel / quit", show=False, priority=True),
    ]

    def __init__(self, store: Store, actor: str, ratings: tuple[str, ...], queue: q.QueueFilter | None = None,
                 *, fetcher: Callable[[], Any] | None = None, fetch_now: bool = True) -> None:
        super().__init__()
        self.store, self.actor, self.ratings = store, actor, ratings
        self.queue = queue or q.QueueFilter()
        self.queue.check()
        self.fetcher, self.fetch_now = fetcher, fetch_now
        self.tally = q.Tally()
        self.skipped: set[int] = set()
        self.left: list[int] = []  # claims that left the queue in this session, in order
        self.history: list[q.Done] = []
        self.view: dict[str, Any] | None = None

    # -- layout ----------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("", id="header")
        with Horizontal(id="body"):
            yield Static("", id="queue")
            with VerticalScroll(id="claim"):
                yield Static("", id="context")
                with Collapsible(title="quantities", collapsed=True, id="quantities"):
                    yield Static("", id="quantity-lines")
                yield Static("", id="sections")
        yield Static("", id="message")
        yield Footer()

    def on_mount(self) -> None:
        self.show_next()
        self.query_one("#claim").focus()

    def on_resize(self) -> None:
        self.call_after_refresh(self.refresh_screen)  # the queue pane's lines are cut to its new width

    # -- the queue -------------------------------------------------------------------------------------

    def show_next(self, claim_id: int | None = None) -> None:
        """Show `claim_id`, or the first claim of the queue; with none left, say so."""
        from claimtrack.views.claims import show_claim

        if claim_id is None:
            claim_id = q.next_claim(self.store, self.skipped, self.queue, actor=self.actor)
        self.view = None if claim_id is None else show_claim(self.store, claim_id)
        self.refresh_screen()

    def refresh_screen(self) -> None:
        remaining = q.queue_count(self.store, self.skipped, self.queue, actor=self.actor)
        upcoming = q.queue_rows(self.store, q.queue_ids(self.store, self.skipped, self.queue, actor=self.actor,
                                                        limit=QUEUE_PANE))
        header, queue_pane = self.query_one("#header", Static), self.query_one("#queue", Static)
        filters = self.queue.describe()
        if self.view is None:
            header.update(Text(f"nothing (more) to review · {len(self.left)} handled"
                               + (f"  ({filters})" if filters else "")))
            self.query_one("#context", Static).update(Text("The queue is empty. u undoes the last action, "
                                                           "q quits and prints the session summary."))
            self.query_one("#quantities", Collapsible).display = False
            self.query_one("#sections", Static).update("")
        else:
            position = len(self.left) + 1
            header.update(show.header(self.view, position, len(self.left) + max(remaining, 1), filters,
                                      self.queue.approve))
            self.query_one("#context", Static).update(show.context(self.view))
            fold = self.query_one("#quantities", Collapsible)
            fold.display = True
            fold.title = f"quantities ({len(self.view['quantities'])})"
            self.query_one("#quantity-lines", Static).update(show.quantities(self.view))
            self.query_one("#sections", Static).update(show.sections(self.view))
            self.query_one("#claim", VerticalScroll).scroll_home(animate=False)
        current = self.view["id"] if self.view else None
        width = (queue_pane.content_size.width or (47 if self.screen.has_class("-wide") else 80)) - 1
        lines = Text(f"queue: {remaining} left", style="bold")
        for row in upcoming:
            lines.append("\n")
            lines.append_text(show.queue_line(row, row["id"] == current, width))
        queue_pane.update(lines)

    def say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#message", Static)
        message.set_class(error, "error")
        message.update(Text(text, no_wrap=True, overflow="ellipsis"))

    def leave(self, done: q.Done) -> None:
        """The current claim left the queue through `done`: record it and show the next one."""
        self.history.append(done)
        if done.claim_id not in self.left:
            self.left.append(done.claim_id)
        self.show_next()

    def _claim(self) -> dict[str, Any] | None:
        if self.view is None:
            self.say("nothing to act on: the queue is empty (u undoes, q quits)", error=True)
        return self.view

    # -- actions ---------------------------------------------------------------------------------------

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def action_fold(self) -> None:
        fold = self.query_one("#quantities", Collapsible)
        fold.collapsed = not fold.collapsed

    def action_skip(self) -> None:
        if (view := self._claim()) is None:
            return
        self.skipped.add(view["id"])
        self.tally.skipped += 1
        self.say(f"claim {view['id']} skipped for this session")
        self.leave(q.Done("skip", view["id"]))

    def action_evidence(self) -> None:
        if (view := self._claim()) is None:
            return
        claim_id = view["id"]

        def save(url: str, stance: str, note: str) -> str:
            from claimtrack.review.evidence import add_evidence

            fetcher = self.fetcher() if self.fetcher else None
            try:
                result = add_evidence(self.store, fetcher, claim_id, url, stance, note=note,
                                      fetch_now=fetcher is not None and self.fetch_now, actor=self.actor)
            finally:
                if fetcher is not None:
                    fetcher.client.close()
            self.tally.evidence += 1
            self.history.append(q.Done("evidence", claim_id, result.evidence["id"]))
            return result.warning or f"evidence {result.evidence['id']} added to claim {claim_id}"

        self.push_screen(EvidenceDialog(claim_id, STANCES, save), self._after_dialog(stay=True))

    def action_rate(self) -> None:
        from claimtrack.review.verdicts import NO_EVIDENCE_NEEDED

        if (view := self._claim()) is None:
            return
        claim_id, shown = view["id"], q.current_verdict_id(view)

        def save(rating: str, rationale: str) -> str:
            from claimtrack.review.verdicts import set_verdict

            verdict = set_verdict(self.store, claim_id, rating, rationale, actor=self.actor, ratings=self.ratings,
                                  expect_current=shown if shown is not None else "none")
            self.tally.rated += 1
            self._pending = q.Done("rate", claim_id, verdict.id)
            return f"verdict {verdict.id}: claim {claim_id} rated {verdict.rating}"

        self.push_screen(RateDialog(claim_id, self.ratings, any(e.get("retracted") is None for e in view["evidence"]),
                                    NO_EVIDENCE_NEEDED, save),
                         self._after_dialog())

    def action_dismiss(self) -> None:
        if (view := self._claim()) is None:
            return
        claim_id = view["id"]

        def save(reason: str) -> str:
            from claimtrack.review.dismissals import dismiss_claim

            dismissal = dismiss_claim(self.store, claim_id, reason, actor=self.actor)
            self.tally.dismissed += 1
            self._pending = q.Done("dismiss", claim_id, dismissal.id)
            return f"claim {claim_id} dismissed (dismissal {dismissal.id})"

        self.push_screen(ReasonDialog(f"Dismiss claim {claim_id}: why is it not check-worthy?", save),
                         self._after_dialog())

    def action_restore(self) -> None:
        if (view := self._claim()) is None:
            return
        claim_id = view["id"]
        if view["status"] != "dismissed":
            self.say(f"claim {claim_id} is not dismissed (status {view['status']}): nothing to restore", error=True)
            return

        def save(reason: str) -> str:
            from claimtrack.review.dismissals import restore_claim

            restoration = restore_claim(self.store, claim_id, reason, actor=self.actor)
            self.tally.restored += 1
            self._pending = q.Done("restore", claim_id, restoration.id)
            return f"claim {claim_id} restored (restoration {restoration.id})"

        self.push_screen(ReasonDialog(f"Restore claim {claim_id}: why is it check-worthy after all?", save),
                         self._after_dialog())

    def action_approve(self) -> None:
        from claimtrack.review.verdicts import approve

        if (view := self._claim()) is None:
            return
        shown = q.current_verdict_id(view)
        try:
            approval = approve(self.store, view["id"], actor=self.actor,
                               expect_current=shown if shown is not None else "none")
        except Exception as exc:  # noqa: BLE001 - said on the message line; the session goes on
            self.tally.errors += 1
            self.say(f"Error: {failure(exc)}", error=True)
            return
        self.tally.approved += 1
        self.say(f"verdict {approval.verdict_id} on claim {view['id']} approved")
        self.leave(q.Done("approve", view["id"], approval.id))

    def action_undo(self) -> None:
        if not self.history:
            self.say("nothing to undo in this session", error=True)
            return
        done = self.history[-1]
        try:
            message = q.undo(self.store, done, actor=self.actor, ratings=self.ratings)
        except Exception as exc:  # noqa: BLE001 - said on the message line; the session goes on
            self.tally.errors += 1
            self.say(f"Error: {failure(exc)}", error=True)
            return
        self.history.pop()
        self.tally.undone += 1
        self.skipped.discard(done.claim_id)
        if done.claim_id in self.left:
            self.left.remove(done.claim_id)
        back = q.in_queue(self.store, done.claim_id, self.skipped, self.queue, actor=self.actor)
        self.show_next(done.claim_id if back else None)
        self.say(message)

    def action_quit_review(self) -> None:
        self.exit(self.tally)

    def action_ctrl_c(self) -> None:
        """Ctrl-C cancels the open dialog (or closes the help); without one it quits with the summary."""
        from claimtrack.cli.tui.dialogs import Dialog

        if isinstance(self.screen, Dialog):
            self.screen.close(None)
        elif isinstance(self.screen, HelpScreen):
            if not self.screen.closing:
                self.screen.closing = True
                self.screen.dismiss(None)
        elif isinstance(self.screen, ModalScreen):
            self.screen.dismiss(None)
        else:
            self.exit(self.tally)

    def _after_dialog(self, stay: bool = False) -> Callable[[str | None], None]:
        """What happens when a dialog closes: its message; the claim leaves the queue unless `stay`."""
        self._pending = None

        def closed(message: str | None) -> None:
            if message is None:
                self.say("cancelled: nothing saved")
                return
            if stay:
                self.show_next(self.view["id"])
            else:
                self.leave(self._pending)
            self.say(message)

        return closed


def screen_text(app: App) -> str:
    """The screen as plain text, dialogs over the screen below included (tests and captures)."""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, record=True,
                      color_system=None, legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()
