"""Negative pages: no personal data and no secrets, only look-alikes that a redactor should leave."""

from __future__ import annotations

from redact.eval.fixtures_gen._page import shell, table
from redact.eval.fixtures_gen._values import Values


def releases(v: Values) -> tuple[str, str]:
    rows = [[v.version(), v.sha(short=True), v.sha(), v.timestamp(), v.a("BUILD_ID", f"#{v.rng.randint(1000, 99999)}"),
             v.rng.choice(["passed", "passed", "failed", "running"])] for _ in range(16)]
    main = "<h1>Builds</h1>" + table(["Version", "Commit", "Full SHA", "Finished", "Build", "Status"], rows)
    return ("CI", shell("Pipelines", ["Builds", "Artifacts", "Environments"], main))


def inventory(v: Values) -> tuple[str, str]:
    rows = [[v.sku(), v.barcode(), v.uuid(), v.a("LOT", f"LOT-{v.rng.randint(10**5, 10**6)}"),
             str(v.rng.randint(0, 500)), v.timestamp()] for _ in range(16)]
    main = "<h1>Stock</h1>" + table(["SKU", "Barcode", "Item UUID", "Lot", "Qty", "Counted"], rows)
    return ("Inventory", shell("Warehouse", ["Stock", "Receiving", "Shipping"], main))


def api_docs(v: Values) -> tuple[str, str]:
    snippets = [
        f"curl https://api.example.com/v1/charges \\\n  -H \"Authorization: Bearer {v.placeholder()}\"",
        f"export API_TOKEN={v.placeholder()}\nexport KEY_ID={v.key_id()}",
        f"client = Client(api_key={v.placeholder()}, version=\"{v.version()}\")",
        f"# checksum {v.sha256()}\n# md5 {v.md5()}",
        f"Your key: {v.masked_key()}  ·  Legacy key: {v.masked_key()}",
        f"request_id: {v.request_id()}  trace: {v.uuid()}",
        f"password: {v.placeholder()}   # set in the vault, never here",
    ]
    main = "<h1>Authentication</h1><p>Pass your key in the header. Examples:</p>" + "".join(
        f"<pre style='margin-bottom:.8em'>{s}</pre>" for s in snippets)
    return ("Docs", shell("API reference", ["Introduction", "Authentication", "Errors", "Pagination"], main))
