"""Witnessed heads: the audit chain's head kept outside the database, optionally signed.

The one idea (Certificate Transparency's, git's): a hash chain proves nothing against someone who can
rewrite the whole database, because they can recompute every hash after their edit. A head written
somewhere they cannot reach (a file on another machine, a mail to the editor, a signed line in a
repository) pins the chain: every witnessed head must still be an event of the chain with the same
hash, so a truncated tail or a rewrite at or before the head shows. A line signed with a newsroom
Ed25519 key (kept outside the database) cannot be forged by someone holding only the database and the
witness file.

A witness file holds one JSON object a line: {"sequence", "hash", "time"} and, when signed,
"signature" (base64 of Ed25519 over the canonical JSON of those three) and "public_key" (base64, raw).
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimtrack import canonical_json as canonical
from claimtrack.errors import InputError


@dataclass(frozen=True)
class Head:
    sequence: int
    hash: str
    time: str | None
    signature: str | None = None
    public_key: str | None = None

    def signed_part(self) -> bytes:
        return canonical.dumps({"sequence": self.sequence, "hash": self.hash, "time": self.time}).encode("utf-8")

    def as_dict(self) -> dict[str, Any]:
        line = {"sequence": self.sequence, "hash": self.hash, "time": self.time}
        if self.signature:
            line.update(signature=self.signature, public_key=self.public_key)
        return line


def _crypto():
    try:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import ed25519
    except ImportError:  # pragma: no cover - a dependency; only a broken install lacks it
        raise InputError("signing needs the 'cryptography' package: pip install cryptography") from None
    return InvalidSignature, serialization, ed25519


def _read_key(path: Path, *, private: bool):
    _, serialization, ed25519 = _crypto()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read key {path}: {exc.strerror or exc}") from None
    try:
        if private:
            key = serialization.load_pem_private_key(data, password=None)
            wanted = ed25519.Ed25519PrivateKey
        else:
            try:
                key = serialization.load_pem_public_key(data)
            except ValueError:
                key = serialization.load_pem_private_key(data, password=None).public_key()
            wanted = ed25519.Ed25519PublicKey
    except (ValueError, TypeError):
        raise InputError(f"{path} is not a PEM {'private' if private else 'public'} key (without a password)") from None
    if not isinstance(key, wanted):
        raise InputError(f"{path} is not an Ed25519 key")
    return key


def _raw_public(key) -> str:
    _, serialization, _ = _crypto()
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def make_head(info: dict[str, Any], key_path: Path | None = None) -> Head:
    """The head `info` (audit.head_info) as a witness line, signed with the private key at `key_path`."""
    head = Head(int(info["sequence"]), info["hash"], info["time"])
    if key_path is None:
        return head
    key = _read_key(key_path, private=True)
    signature = base64.b64encode(key.sign(head.signed_part())).decode("ascii")
    return Head(head.sequence, head.hash, head.time, signature, _raw_public(key.public_key()))


def append(path: Path, head: Head) -> None:
    """Append one line to the witness file (created if missing), flushed to disk."""
    line = (canonical.dumps(head.as_dict()) + "\n").encode("utf-8")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    except OSError as exc:
        raise InputError(f"cannot write witness file {path}: {exc.strerror or exc}") from None
    try:
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


def load(path: Path, public_key: Path | None = None) -> list[Head]:
    """Every head in the witness file; each signature checked (against `public_key` when given, which
    then every line must carry). A malformed or forged line is an `InputError` naming the line."""
    InvalidSignature, _, ed25519 = _crypto() if public_key is not None else (None, None, None)
    pinned = _raw_public(_read_key(public_key, private=False)) if public_key is not None else None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read witness file {path}: {getattr(exc, 'strerror', None) or exc}") from None
    heads = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            head = Head(int(data["sequence"]), str(data["hash"]), data.get("time"), data.get("signature"),
                        data.get("public_key"))
        except (ValueError, KeyError, TypeError):
            raise InputError(f"witness file {path}, line {number}: not a witnessed head") from None
        if pinned is not None and not head.signature:
            raise InputError(f"witness file {path}, line {number}: head {head.sequence} is not signed")
        if head.signature:
            _check_signature(head, pinned, f"witness file {path}, line {number}")
        heads.append(head)
    return heads


def _check_signature(head: Head, pinned: str | None, where: str) -> None:
    InvalidSignature, _, ed25519 = _crypto()
    if pinned is not None and head.public_key != pinned:
        raise InputError(f"{where}: head {head.sequence} is signed by another key than the one given")
    try:
        key = ed25519.Ed25519PublicKey.from_public_bytes(base64.b64decode(head.public_key or ""))
        key.verify(base64.b64decode(head.signature or ""), head.signed_part())
    except (InvalidSignature, ValueError):
        raise InputError(f"{where}: the signature of head {head.sequence} does not verify (forged line)") from None
