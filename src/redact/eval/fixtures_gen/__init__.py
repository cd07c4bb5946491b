"""Generator of the evaluation fixtures in ``fixtures/eval/``: real browser renders with DOM truth.

Templates are HTML/CSS pages of the applications screenshots come from (sign-in, mail, chat,
terminal, IDE, CRM, bank, HR, medical, API-key settings, code review, checkout, logs) plus
negative pages holding only look-alikes; :func:`generate` renders each in headless Chromium with
seeded Faker data and writes ``NAME.png`` with ``NAME.truth.json`` (format:
:mod:`redact.eval._truth`, plus a ``template`` field), and keystroke sessions with per-event
truth under ``keys/``. Needs Debian's ``chromium`` and ``chromium-driver`` and ``selenium``; the
rendered fixtures are committed, so nothing else needs a browser.

>>> from redact.eval.fixtures_gen import PAGES
>>> len({p.template for p in PAGES}) >= 14
True
"""

from redact.eval.fixtures_gen._build import PAGES, PageSpec, generate, pages_for, write_key_fixtures

__all__ = ["PAGES", "PageSpec", "generate", "pages_for", "write_key_fixtures"]
