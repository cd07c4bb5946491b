"""The public names of ``redact.batch`` are exported on purpose."""

from __future__ import annotations

import redact.batch


def test_all_is_sorted_and_complete() -> None:
    names = redact.batch.__all__
    assert list(names) == sorted(names)
    assert all(hasattr(redact.batch, n) for n in names)
    public = {n for n in vars(redact.batch) if not n.startswith("_")}
    assert public - set(names) <= {"annotations"}


def test_importing_the_batch_package_does_not_load_dask_or_engines() -> None:
    import subprocess
    import sys

    code = "import sys, redact.batch; print(any(m in sys.modules for m in ('distributed', 'spacy', 'tesserocr')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
