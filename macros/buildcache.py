"""What a live preview can keep from one rebuild to the next, in the `mkdocs serve` process.

MkDocs makes a new Jinja environment for the theme on every rebuild, so each rebuild compiled
Material's templates again (about a fifth of a rebuild of this site). ``THEME`` keeps each
compiled template, keyed by its name and a checksum of its source, so an edited template is
compiled afresh and an unchanged one is not (``hooks/assets.py`` gives it to the theme).
It lives here, not in ``hooks/``, because MkDocs imports hook files anew for every rebuild.
"""
from __future__ import annotations

import jinja2


class MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


THEME = MemoryBytecodeCache()
