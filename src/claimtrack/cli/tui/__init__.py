"""The full-screen `claimtrack review` (Textual): the same queue and use cases as the line mode.

`cli.review_cmd` starts it when stdin and stdout are a terminal; everything here is imported lazily from
that command, so `import textual` never costs the CLI's start-up. `app.ReviewApp` is the application,
`dialogs` its modal dialogs, `view` turns a claim record into `rich.text.Text` (never markup: untrusted
text is shown as it is, cleaned of control characters).
"""
