"""`evidence archive`: submit an evidence URL to an outside archive and keep the archived copy's address.

The one idea: this is off unless `[archive] endpoint` is configured, and it speaks the Wayback Machine's
Save Page Now shape, which covers a self-hosted pywb/SPN-compatible service too:
- POST `endpoint` with form field `url` (and `Authorization` from `[archive] auth`, e.g. SPN2's
  `LOW key:secret`), asking for JSON;
- an answer with `Content-Location: /web/<timestamp>/<url>` (SPN1) or a JSON `archive_url` is final;
- an answer with a JSON `job_id` (SPN2) is polled at `endpoint/status/<job_id>` until `status` is
  `success` (the copy is `<origin>/web/<timestamp>/<original_url>`) or `error`, at most `poll_max` times.
Every attempt is stored (EvidenceArchive, audited), a failed one with its reason, so the evidence's
history shows it; the command exits 1 on failure. The archive's answer is untrusted text: capped, and the
archive URL must be http(s).
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urljoin, urlsplit

from claimtrack.config import Settings
from claimtrack.errors import ConfigError
from claimtrack.review.captures import get_evidence
from claimtrack.store import audit
from claimtrack.store.db import Store
from claimtrack.store.models import EvidenceArchive
from claimtrack import canonical_json as canonical

MAX_ANSWER = 1_000_000


class _Failed(Exception):
    pass


def submit(store: Store, settings: Settings, evidence_id: int, *, actor: str, client,
           sleep=time.sleep, check=None) -> dict[str, Any]:
    """Submit one evidence URL to the configured archive; the stored attempt.

    `check(url)` is the fetcher's address policy (`Fetcher.check_url`): the archive endpoint and the job-status
    URLs it hands back are checked like any other fetch before the client connects (to the checked address).
    """
    endpoint = settings.archive_endpoint
    if not endpoint:
        raise ConfigError("archive submission is off: set [archive] endpoint (or CLAIMTRACK_ARCHIVE_ENDPOINT) "
                          "to a Save Page Now-shaped service")
    with store.read() as session:
        url = get_evidence(session, evidence_id).url
    try:
        archive_url, error = _submit(_Checked(client, check), settings, url, sleep), None
    except _Failed as exc:
        archive_url, error = None, str(exc)
    with store.write() as session:
        get_evidence(session, evidence_id)
        row = EvidenceArchive(evidence_id=evidence_id, endpoint=endpoint, outcome="ok" if archive_url else "error",
                              archive_url=archive_url, error=error, requested_by=actor)
        session.add(row)
        audit.record(session, actor, "evidence.archive", row, payload={"evidence_id": evidence_id,
                                                                       "outcome": row.outcome})
        return {"id": row.id, "evidence_id": evidence_id, "url": url, "endpoint": endpoint,
                "outcome": row.outcome, "archive_url": archive_url, "error": error,
                "requested_at": canonical.isoformat(row.requested_at)}


def _submit(client, settings: Settings, url: str, sleep) -> str:
    headers = {"Accept": "application/json"}
    if settings.archive_auth:
        headers["Authorization"] = settings.archive_auth
    endpoint = settings.archive_endpoint
    answer = _call(client, "POST", endpoint, headers, data={"url": url, "capture_all": "1"})
    if location := answer.headers.get("content-location"):
        return _checked(urljoin(endpoint, location))
    body = _json(answer)
    if body.get("archive_url"):
        return _checked(str(body["archive_url"]))
    job = body.get("job_id")
    if not job:
        raise _Failed(f"the archive did not accept {url}: {_message(body) or 'no job id in its answer'}")
    status_url = f"{endpoint.rstrip('/')}/status/{job}"
    for _ in range(max(1, settings.archive_poll_max)):
        state = _json(_call(client, "GET", status_url, headers))
        if state.get("status") == "success":
            origin = "{0.scheme}://{0.netloc}".format(urlsplit(endpoint))
            return _checked(f"{origin}/web/{state.get('timestamp')}/{state.get('original_url') or url}")
        if state.get("status") == "error":
            raise _Failed(f"the archive failed to save {url}: {_message(state) or 'error'}")
        sleep(settings.archive_poll_seconds)
    raise _Failed(f"the archive had not finished saving {url} after {settings.archive_poll_max} polls "
                  f"(job {job})")


class _Checked:
    """The HTTP client behind the address policy: every URL is checked before the request is made."""

    def __init__(self, client, check) -> None:
        self.client, self.check = client, check

    def request(self, method: str, url: str, **options):
        if self.check is not None:
            from claimtrack.errors import FetchError

            try:
                self.check(url)
            except FetchError as exc:
                raise _Failed(f"the archive at {url} may not be fetched: {exc}") from None
        return self.client.request(method, url, **options)


def _call(client, method: str, url: str, headers: dict[str, str], data: dict[str, str] | None = None):
    import httpx

    try:
        response = client.request(method, url, headers=headers, data=data)
    except httpx.HTTPError as exc:
        raise _Failed(f"cannot reach the archive at {url}: {str(exc).splitlines()[0] if str(exc) else exc!r}") \
            from None
    if len(response.content) > MAX_ANSWER:
        raise _Failed(f"the archive's answer is larger than {MAX_ANSWER:,} bytes")
    if response.status_code >= 400:
        raise _Failed(f"the archive answered HTTP {response.status_code}: "
                      f"{_message(_json(response, strict=False)) or response.reason_phrase}")
    return response


def _json(response, strict: bool = True) -> dict[str, Any]:
    try:
        value = response.json()
    except ValueError:
        if strict:
            raise _Failed("the archive's answer is not JSON") from None
        return {}
    return value if isinstance(value, dict) else {}


def _message(body: dict[str, Any]) -> str:
    return " ".join(str(body.get("message") or body.get("status_ext") or body.get("error") or "").split())[:300]


def _checked(archive_url: str) -> str:
    if urlsplit(archive_url).scheme.lower() not in ("http", "https"):
        raise _Failed(f"the archive returned a URL that is not http(s): {archive_url[:200]!r}")
    return archive_url[:2048]
