"""The input root must exist and be readable: a typo or an unmounted share is an error, not a quiet day."""

from __future__ import annotations

import errno
import os

from tasks.storage.store import Store


class InputNotReadable(RuntimeError):
    """The input folder is missing or cannot be listed; nothing has been done."""


def check_input_root(source: Store) -> None:
    """Stop before any work when the input folder cannot be listed, naming the folder and why."""
    try:
        if source.is_local:
            with os.scandir(source.root):
                pass
        elif not source.fs.isdir(source.root):
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT))
    except OSError as e:
        raise InputNotReadable(
            f"cannot read the input folder {source.url}: {e.strerror or e}; nothing was done"
        ) from None
