"""The review screen's dialogs: rate, add evidence, a reason (dismiss, restore), and the help overlay.

Each dialog is given a `save` function that calls one use case and returns the message to show; when it
raises a `ClaimtrackError` the dialog stays open with everything typed in it and shows the error, so
typed text survives any error. Escape or Ctrl-C (the app's binding) cancels the dialog; nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from claimtrack.errors import ClaimtrackError

Save = Callable[..., str]

DIALOG_CSS = """
Dialog, HelpScreen { align: center middle; }
Dialog > Vertical, HelpScreen > Vertical { width: 76; max-width: 100%; height: auto; max-height: 100%;
                                           border: round $accent; padding: 0 1; background: $surface; }
Dialog .title { text-style: bold; }
Dialog .error { color: $error; text-style: bold; }
Dialog .hint { color: $text-muted; }
Dialog OptionList { height: auto; max-height: 9; border: none; padding: 0; }
Dialog Input { margin: 0; }
"""  # in the App's CSS (a screen's DEFAULT_CSS is scoped to the screen's own widgets)


class Dialog(ModalScreen[str | None]):
    """A modal dialog whose result is the message of what it saved (None: cancelled)."""

    BINDINGS = [Binding("escape", "cancel", "cancel", show=False)]

    closing = False

    def close(self, message: str | None) -> None:
        """Dismiss once (a second Enter or Ctrl-C typed before the screen is gone is ignored); no cancelling
        while a save runs (it may already have written)."""
        if message is None and self.busy:
            return
        if not self.closing:
            self.closing = True
            self.dismiss(message)

    def action_cancel(self) -> None:
        self.close(None)

    busy = False

    def attempt(self, save: Save, *args: object, threaded: bool = False) -> None:
        """Run `save`; success closes the dialog with its message, an error is shown and the dialog stays.
        `threaded`: in a worker thread (an evidence fetch takes seconds), the screen stays live meanwhile."""
        if self.closing or self.busy:
            return
        if not threaded:
            try:
                message = save(*args)
            except Exception as exc:  # noqa: BLE001 - any failure (a lost database too) keeps the dialog and text
                self.failed(exc)
                return
            self.close(message)
            return
        self.busy = True
        self.query_one("#error", Static).update(Text("saving…"))

        def work() -> None:
            try:
                message = save(*args)
            except Exception as exc:  # noqa: BLE001 - as above
                self.app.call_from_thread(self.failed, exc)
                return
            self.app.call_from_thread(self._saved, message)

        self.run_worker(work, thread=True, exclusive=True)

    def _saved(self, message: str) -> None:
        self.busy = False
        self.close(message)

    def failed(self, exc: BaseException) -> None:
        self.busy = False  # before close() can run, so cancelling works again
        self.query_one("#error", Static).update(Text(f"Error: {failure(exc)}"))


def failure(exc: BaseException) -> str:
    """One line for a failed action: the message of our errors, a short description of anything else."""
    if isinstance(exc, ClaimtrackError):
        return str(exc)
    from claimtrack.errors_map import describe

    return describe(exc)


class RateDialog(Dialog):
    """Choose a rating from the configured scale (checked at once), then type the rationale."""

    def __init__(self, claim_id: int, ratings: tuple[str, ...], has_evidence: bool, free_rating: str,
                 save: Save) -> None:
        super().__init__()
        self.claim_id, self.ratings, self.has_evidence, self.free = claim_id, ratings, has_evidence, free_rating
        self.save, self.rating = save, None

    def compose(self) -> ComposeResult:
        need = (f"evidence: this claim has some; any rating can be given" if self.has_evidence else
                f"evidence: none yet, so only {self.free!r} can be given (add evidence first with e)")
        with Vertical():
            yield Static(Text(f"Rate claim {self.claim_id}"), classes="title")
            yield Static(Text(need), id="requirement", classes="hint")
            yield OptionList(*[Option(Text(r), id=r) for r in self.ratings], id="ratings")
            yield Static(Text("↑↓ choose, Enter select · Esc / Ctrl-C cancel"), id="chosen", classes="hint")
            yield Input(placeholder="rationale (Enter saves)", id="rationale", disabled=True)
            yield Static("", id="error", classes="error")

    def on_mount(self) -> None:
        self.query_one("#ratings", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        rating = event.option.id
        error = self.query_one("#error", Static)
        if not self.has_evidence and rating != self.free:
            error.update(Text(f"Error: {rating!r} needs evidence: claim {self.claim_id} has none "
                              f"(choose {self.free!r}, or Esc and add evidence with e)"))
            return
        error.update("")
        self.rating = rating
        self.query_one("#chosen", Static).update(Text(f"rating: {rating}  (↑ to change)"))
        field = self.query_one("#rationale", Input)
        field.disabled = False
        field.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.attempt(self.save, self.rating, event.value)


class EvidenceDialog(Dialog):
    """URL, stance (a list), note; Enter moves on, Enter in the note saves."""

    def __init__(self, claim_id: int, stances: tuple[str, ...], save: Save) -> None:
        super().__init__()
        self.claim_id, self.stances, self.save = claim_id, stances, save

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(f"Add evidence to claim {self.claim_id}"), classes="title")
            yield Input(placeholder="URL", id="url")
            yield OptionList(*[Option(Text(s), id=s) for s in self.stances], id="stance")
            yield Input(placeholder="note (optional; Enter saves)", id="note")
            yield Static(Text("Enter next · Tab move · Esc / Ctrl-C cancel"), classes="hint")
            yield Static("", id="error", classes="error")

    def on_mount(self) -> None:
        self.query_one("#stance", OptionList).highlighted = 0
        self.query_one("#url", Input).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#note", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "url":
            self.query_one("#stance", OptionList).focus()
            return
        stance_list = self.query_one("#stance", OptionList)
        stance = self.stances[stance_list.highlighted or 0]
        self.attempt(self.save, self.query_one("#url", Input).value, stance, event.value, threaded=True)


class ReasonDialog(Dialog):
    """One line of text (a dismissal's or restoration's reason)."""

    def __init__(self, title: str, save: Save, placeholder: str = "reason (Enter saves)") -> None:
        super().__init__()
        self.heading, self.save, self.placeholder = title, save, placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.heading), classes="title")
            yield Input(placeholder=self.placeholder, id="reason")
            yield Static(Text("Enter saves · Esc / Ctrl-C cancel"), classes="hint")
            yield Static("", id="error", classes="error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.attempt(self.save, event.value)


HELP = [("e", "add evidence (URL, stance, note)"), ("r", "rate: choose a rating, then the rationale"),
        ("d", "dismiss (not check-worthy), with a reason"), ("b", "bring back (restore) a dismissed claim"),
        ("a", "approve the current verdict (not your own)"), ("s", "skip for this session"),
        ("u", "undo the last action (an audited retraction)"), ("f", "fold / unfold the quantities"),
        ("↑↓ PgUp PgDn", "scroll the claim"), ("?", "this help"), ("q, Ctrl-C", "quit (prints the summary)"),
        ("Esc, Ctrl-C", "in a dialog: cancel it")]


class HelpScreen(ModalScreen[None]):
    """The keys; any key closes it."""

    def compose(self) -> ComposeResult:
        text = Text("Keys\n", style="bold")
        for key, what in HELP:
            text.append(f"{key:>13}  ", style="bold")
            text.append(f"{what}\n")
        text.append("any key closes this help", style="dim")
        with Vertical():
            yield Static(text, id="help")

    closing = False

    def on_key(self, event) -> None:
        event.stop()
        if not self.closing:  # keys typed fast can arrive before the screen is gone: close once
            self.closing = True
            self.dismiss(None)
