"""Row-for-row comparison of two claimtrack SQLite databases built from the same corpus (e.g. main vs a branch).

    python benchmarks/compare_imports.py A.db B.db    (exit 1, naming the first difference, if any)

Every column of every import table is compared, ids included, except the wall-clock stamps (created_at, fetched_at),
which are compared by format only; events are compared by id, actor, action, entity, entity_id and payload,
with the digests (which cover created_at) replaced by the set of row ids they commit to."""
import json, re, sqlite3, sys

a, b = (sqlite3.connect(p) for p in sys.argv[1:3])
STAMPS = ("created_at", "fetched_at")  # wall-clock: when the row was written, when the file was read
tables = ["article", "article_version", "claim", "claim_key", "quantity", "claim_link", "mention", "version_key",
          "factcheck_match"]

def columns(conn, t):
    return [r[1] for r in conn.execute(f"PRAGMA table_info({t})")]

def norm(v):
    """The corpus folder's path, which differs between the two runs' work folders."""
    if isinstance(v, str):
        return re.sub(r"/[^\s\"']*/(corpus-\d+/)", r"<work>/\1", v)
    return v

def shape(v):
    return re.sub(r"\d", "d", v) if isinstance(v, str) else type(v).__name__

ok = True
for t in tables:
    cols = columns(a, t)
    assert cols == columns(b, t), t
    keep = [c for c in cols if c not in STAMPS]
    order = "id" if "id" in cols else ", ".join(cols)
    ra = a.execute(f"SELECT {', '.join(keep)} FROM {t} ORDER BY {order}").fetchall()
    rb = b.execute(f"SELECT {', '.join(keep)} FROM {t} ORDER BY {order}").fetchall()
    ra = [tuple(map(norm, r)) for r in ra]
    rb = [tuple(map(norm, r)) for r in rb]
    same = ra == rb
    for stamp in (c for c in cols if c in STAMPS):
        fa = {shape(r[0]) for r in a.execute(f"SELECT {stamp} FROM {t}")}
        fb = {shape(r[0]) for r in b.execute(f"SELECT {stamp} FROM {t}")}
        same = same and fa == fb
    print(f"{t}: {len(ra)} vs {len(rb)} rows, {'identical' if same else 'DIFFERENT'}")
    if not same:
        ok = False
        for x, y in zip(ra, rb):
            if x != y:
                print("  first difference:", str(x)[:200], "\n  vs", str(y)[:200]); break

def events(conn):
    out = []
    for row in conn.execute("SELECT id, actor, action, entity, entity_id, payload, created_at FROM event ORDER BY id"):
        payload = json.loads(norm(row[5]))
        payload.pop("digest", None)
        covered = payload.pop("row_digests", None) or {}
        payload["row_ids"] = {t: sorted(v) for t, v in covered.items()}
        out.append((row[:5], payload, shape(row[6])))
    return out

ea, eb = events(a), events(b)
same = ea == eb
print(f"event: {len(ea)} vs {len(eb)} rows, {'identical' if same else 'DIFFERENT'} (digests aside)")
if not same:
    ok = False
    for x, y in zip(ea, eb):
        if x != y:
            print("  first difference:", str(x)[:300], "\n  vs", str(y)[:300]); break
print("ALL IDENTICAL" if ok else "DIFFERENCES FOUND")
sys.exit(0 if ok else 1)
