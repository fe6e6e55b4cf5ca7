"""Documented JSON: every command's `--json` output validates against its JSON Schema (draft 2020-12) in
`claimtrack/cli/schemas/<command>.json`, and every leaf command of `cli.app.COMMANDS` has `--json`.

One scenario runs every command with `--json`, reads and writes, on a copy of `claims.db.example` (SQLite;
the shapes do not depend on the engine), in-process and against a fake web (`httpx.MockTransport`), so the
whole module takes seconds.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO, invoke

SCHEMAS = REPO / "src" / "claimtrack" / "cli" / "schemas"
EXAMPLE = REPO / "claims.db.example"
# Leaf commands without --json, and why (none: `review --json` runs the line mode and prints its summary).
WITHOUT_JSON: dict[str, str] = {}
PAGE = b"<html><head><title>Register</title></head><body><p>1,187 licensed recyclers.</p></body></html>"
FEED = [{"@context": "https://schema.org", "@type": "ClaimReview", "url": "https://checks.example.net/drones",
         "claimReviewed": "深圳无人机配送订单已突破120万单", "author": {"@type": "Organization", "name": "Net Checks"},
         "datePublished": "2025-01-11", "reviewRating": {"@type": "Rating", "alternateName": "True"}},
        {"@context": "https://schema.org", "@type": "ClaimReview", "url": "https://checks.example.net/drones-2",
         "claimReviewed": "今年前10个月深圳无人机配送订单已突破120万单", "author": {"@type": "Organization", "name": "Net Checks"},
         "datePublished": "2025-01-12", "reviewRating": {"@type": "Rating", "alternateName": "True"}}]


def leaf_commands() -> list[tuple[str, object]]:
    """(`db upgrade`, click command) for every leaf command, from the one list in `cli.app`."""
    from claimtrack.cli.app import COMMANDS, load_command

    leaves = []
    for name, where in COMMANDS:
        command = load_command(name, where)
        if hasattr(command, "commands"):  # a group
            leaves += [(f"{name} {sub}", sub_command) for sub, sub_command in sorted(command.commands.items())]
        else:
            leaves.append((name, command))
    return leaves


def test_every_leaf_command_has_json():
    missing = [name for name, command in leaf_commands()
               if name not in WITHOUT_JSON and not any("--json" in p.opts for p in command.params)]
    assert missing == [], f"commands without --json: {missing}"
    assert len(leaf_commands()) > 30


def _web(request: httpx.Request) -> httpx.Response:
    if request.url.host == "archive.example.org":
        if request.method == "POST":
            return httpx.Response(200, json={"url": "https://data.example.gov/x", "job_id": "j1"})
        return httpx.Response(200, json={"status": "success", "job_id": "j1", "timestamp": "20261201201500",
                                         "original_url": "https://data.example.gov/x"})
    if request.url.path == "/gone":
        return httpx.Response(404, headers={"content-type": "text/html"}, content=b"<title>gone</title>")
    return httpx.Response(200, headers={"content-type": "text/html; charset=utf-8"}, content=PAGE)


def _context(db: str):
    from claimtrack.config import Settings
    from claimtrack.context import AppContext

    return AppContext(Settings(db=db, reviewer="carol", review_single_user=True, archive_endpoint="https://archive.example.org/save",
                               archive_auth="LOW key:secret", archive_poll_seconds=0),
                      transport=httpx.MockTransport(_web), resolve=lambda host, port: ["93.184.216.34"])


@cache
def _outputs(folder: str) -> dict[str, list[object]]:
    """Run the scenario once: {schema name: [parsed --json outputs]}."""
    tmp = Path(folder)
    db = tmp / "claims.db"
    db.write_bytes(EXAMPLE.read_bytes())
    feed = tmp / "feed.json"
    feed.write_text(json.dumps(FEED, ensure_ascii=False), encoding="utf-8")
    article = tmp / "budget.txt"
    article.write_text("Budget news\n\nThe council spent 4.5 million dollars on 127 new buses in 2023, the "
                       "mayor said.\n\nUnemployment fell by 3.2 percent last year.\n", encoding="utf-8")
    context = _context(str(db))
    found: dict[str, list[object]] = {}

    def run(name: str, *args: str, code: int = 0, reviewer: str | None = None, input: str | None = None) -> object:
        who = ("--reviewer", reviewer) if reviewer else ()
        result = invoke(*who, *args, "--json", context=context, input=input)
        assert result.exit_code == code, (args, result.stdout, result.stderr)
        data = json.loads(result.stdout)
        found.setdefault(name, []).append(data)
        return data

    run("db-upgrade", "db", "upgrade")
    run("db-current", "db", "current")
    run("db-check", "db", "check")
    run("db-backup", "db", "backup", str(tmp / "backup.db"))
    run("config-path", "config", "path")
    run("config-show", "config", "show")
    run("extract", "extract", str(article))
    run("extract", "extract", str(article), "--all")
    imported = run("import", "import", str(article), str(tmp / "missing.txt"), code=1)
    run("import", "import", str(article))
    assert imported["imported"] == 1 and len(imported["failed"]) == 1, imported
    new_article = imported["articles"][0]["id"]
    run("articles-list", "articles", "list")
    run("articles-show", "articles", "show", "1")
    run("articles-show", "articles", "show", str(new_article))
    run("articles-set", "articles", "set", str(new_article), "--published", "2024-05-03", "--author", "Jane Doe")
    claims = run("claims-list", "claims", "list", "--limit", "100")
    run("claims-list", "claims", "list", "--status", "approved")
    for c in claims[:10]:
        run("claims-show", "claims", "show", str(c["id"]))
    added = run("claims-add", "claims", "add", str(new_article), "--quote", "Unemployment fell by 3.2 percent")
    run("claims-add", "claims", "add", str(new_article), "--quote", "Unemployment fell by 3.2 percent")
    target = added["id"]
    run("claims-dismiss", "claims", "dismiss", str(target), "--reason", "opinion")
    run("claims-restore", "claims", "restore", str(target), "--reason", "a figure after all")
    run("claims-set", "claims", "set", str(target), "--summary", "Unemployment fell 3.2%", "--claimant", "Mayor",
        "--appearance", "https://news.example.org/a")
    run("claims-show", "claims", "show", str(target))
    others = [c["id"] for c in run("claims-list", "claims", "list", "--article", str(new_article)) if c["id"] != target]
    run("claims-merge", "claims", "merge", str(target), str(others[0]))
    run("claims-unlink", "claims", "unlink", str(target), str(others[0]))
    evidence = run("evidence-add", "evidence", "add", str(target), "https://data.example.gov/x", "--stance",
                   "refutes", "--note", "table 2")
    run("evidence-add", "evidence", "add", str(target), "https://data.example.gov/later", "--stance", "context",
        "--no-fetch")
    gone = run("evidence-add", "evidence", "add", str(target), "https://data.example.gov/gone", "--stance", "context")
    first = run("verdict-set", "verdict", "set", str(target), "unverifiable", "--rationale", "too early")
    run("verdict-retract", "verdict", "retract", str(target), "--reason", "rated too soon", "--expect-current",
        str(first["id"]))  # a first verdict: withdrawn by a retraction
    run("verdict-set", "verdict", "set", str(target), "false", "--rationale", "the office says 2.1")
    run("verdict-approve", "verdict", "approve", str(target), reviewer="dave")
    run("verdict-unapprove", "verdict", "unapprove", str(target), "--reason", "approved too fast", reviewer="dave")
    run("verdict-approve", "verdict", "approve", str(target), reviewer="dave")
    run("verdict-set", "verdict", "set", str(target), "half-true", "--rationale", "a slip", reviewer="carol")
    run("verdict-retract", "verdict", "retract", str(target), "--reason", "a slip")  # reinstates "false"
    run("verdict-set", "verdict", "set", str(target), "mostly-false", "--rationale", "revised")
    run("verdict-history", "verdict", "history", str(target))
    run("verdict-history", "verdict", "history", "1")
    run("claims-show", "claims", "show", str(target))
    run("evidence-check", "evidence", "check", "--claim", str(target))
    run("evidence-check", "evidence", "check", "--claim", str(target), "--fail-on", "dead", code=1)
    run("evidence-retract", "evidence", "retract", str(gone["id"]), "--reason", "dead link")
    run("evidence-list", "evidence", "list")
    run("evidence-show", "evidence", "show", str(evidence["id"]))
    run("evidence-show", "evidence", "show", str(evidence["id"]), "--text")
    run("evidence-show", "evidence", "show", str(evidence["id"]), "--headers")
    run("evidence-show", "evidence", "show", "1")
    run("evidence-diff", "evidence", "diff", str(evidence["id"]))
    run("evidence-diff", "evidence", "diff", "1")
    run("evidence-export", "evidence", "export", "--out", str(tmp / "all.warc.gz"))
    run("evidence-export", "evidence", "export", "--format", "wacz", "--claim", str(target), "--out",
        str(tmp / "c.wacz"))
    run("evidence-archive", "evidence", "archive", str(evidence["id"]))
    session = run("review", "review", "--min-score", "0.1", input="s\nd\nnot a claim\nq\n")
    assert session["skipped"] == 1 and session["dismissed"] == 1, session
    run("review", "review", "--approve", input="q\n")
    run("search", "search", "企业")
    run("search", "search", "council")
    run("factchecks-import", "factchecks", "import", str(feed))
    run("factchecks-import", "factchecks", "import", str(feed), str(tmp / "nope.json"), code=1)
    checks = run("factchecks-list", "factchecks", "list")
    run("factchecks-show", "factchecks", "show", str(checks[0]["id"]))
    pending = run("factchecks-suggestions", "factchecks", "suggestions", "--all")
    assert len(pending) >= 2, pending
    run("factchecks-confirm", "factchecks", "confirm", str(pending[0]["id"]), "--reason", "same claim")
    run("factchecks-reject", "factchecks", "reject", str(pending[1]["id"]))
    run("factchecks-suggestions", "factchecks", "suggestions", "--all")
    run("factchecks-reindex", "factchecks", "reindex")
    run("report", "report", "--format", "json", "--out", str(tmp / "report.json"))
    run("report", "report", "--format", "csv", "--out", str(tmp / "report.csv"), "--since", "last")
    run("audit-anchor", "audit", "anchor")
    run("audit-anchor", "audit", "anchor", "--witness", str(tmp / "heads"))
    run("audit-verify", "audit", "verify")
    run("audit-verify", "audit", "verify", "--witness", str(tmp / "heads"))
    run("status", "status")
    run("status", "status", reviewer="dave")
    run("audit-log", "audit", "log", "--limit", "20")
    run("audit-log", "audit", "log", "--claim", str(target))
    context.close()
    return found


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, list[object]]:
    return _outputs(str(tmp_path_factory.mktemp("schemas")))


def schema_name(command: str) -> str:
    return command.replace(" ", "-")


def load_schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))


def test_every_command_with_json_has_a_real_schema():
    for command, _ in leaf_commands():
        if command in WITHOUT_JSON:
            continue
        schema = load_schema(schema_name(command))
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", command
        assert schema.get("title") and schema.get("type") in ("object", "array"), command
        top = schema if schema["type"] == "object" else schema["items"]
        if "$ref" in top:
            top = schema["$defs"][top["$ref"].rsplit("/", 1)[1]]
        assert top.get("type") == "object" and top.get("required"), f"{command}: required keys, please"
    names = {schema_name(c) for c, _ in leaf_commands()}
    assert {p.stem for p in SCHEMAS.glob("*.json")} <= names, "a schema for a command that does not exist"


def test_every_command_output_validates(outputs):
    from jsonschema import Draft202012Validator

    expected = {schema_name(c) for c, _ in leaf_commands() if c not in WITHOUT_JSON}
    assert set(outputs) == expected, f"not run: {sorted(expected - set(outputs))}"
    for name, values in sorted(outputs.items()):
        schema = load_schema(name)
        Draft202012Validator.check_schema(schema)
        validator = Draft202012Validator(schema)
        for value in values:
            errors = sorted(validator.iter_errors(value), key=lambda e: list(e.absolute_path))
            assert not errors, f"{name}: {errors[0].message} at {list(errors[0].absolute_path)}"


def test_a_schema_catches_a_wrong_shape(outputs):
    """The schemas can fail: a claim without its id, or with a text score, is refused."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(load_schema("claims-show"))
    claim = dict(outputs["claims-show"][0])
    assert validator.is_valid(claim)
    assert not validator.is_valid({k: v for k, v in claim.items() if k != "id"})
    assert not validator.is_valid({**claim, "score": "high"})
    assert not Draft202012Validator(load_schema("import")).is_valid({**outputs["import"][0], "failed": [{}]})
