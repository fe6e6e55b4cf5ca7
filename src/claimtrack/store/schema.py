"""The schema revision this code expects, without importing Alembic (which costs ~0.3 s at start-up).

A test asserts that HEAD_REVISION equals the head of `migrations/versions`; bump it with every new revision.
"""

HEAD_REVISION = "0012"
