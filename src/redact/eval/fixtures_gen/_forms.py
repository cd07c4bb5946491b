"""Page templates, part two: banking, HR, medical, API-key settings, code review, checkout, logs."""

from __future__ import annotations

from redact.eval.fixtures_gen._page import field, shell, table
from redact.eval.fixtures_gen._values import Values


def banking(v: Values) -> tuple[str, str]:
    holder = v.fake.name()
    head = (f"<div class='card'><h2>Checking account</h2><div class='grid3'>"
            + field("Account holder", v.s("PERSON", holder)) + field("Account number", v.bank_account())
            + field("IBAN", v.iban()) + field("Routing", v.a("ROUTING", v.fake.aba()))
            + field("Card", v.masked_card()) + field("Mailing address", v.street()) + "</div></div>")
    rows = []
    for _ in range(9):
        payee = v.name() if v.rng.random() < 0.5 else v.fake.company().replace("&", "and")
        rows.append([v.timestamp(), payee, v.a("REFERENCE", f"TRX{v.rng.randint(10**9, 10**10 - 1)}"),
                     f"-${v.rng.randint(5, 900)}.{v.rng.randint(0, 99):02d}"])
    main = "<h1>Accounts</h1>" + head + "<h2>Recent activity</h2>" + table(["Date", "Payee", "Reference", "Amount"], rows)
    return ("Bank", shell("First Harbor Bank", ["Accounts", "Transfers", "Cards", "Statements"], main,
                          user=v.s("PERSON", holder)))


def hr_form(v: Values) -> tuple[str, str]:
    person = v.fake.name()
    grid = "".join([
        field("Legal name", v.s("PERSON", person)), field("Employee ID", v.a("EMPLOYEE_ID", f"E{v.rng.randint(10**5, 10**6)}")),
        field("Date of birth", v.dob()), field("Social Security number", v.ssn()),
        field("Home address", v.street()), field("City / State / ZIP", v.city_line()),
        field("Personal email", v.email(person)), field("Mobile phone", v.phone()),
        field("Emergency contact", v.name()), field("Emergency phone", v.phone()),
        field("Direct deposit account", v.bank_account()), field("Routing number", v.a("ROUTING", v.fake.aba())),
        field("Start date", v.timestamp()), field("Cost center", v.a("SKU", f"CC-{v.rng.randint(100, 999)}")),
    ])
    main = f"<h1>New hire onboarding</h1><div class='card'><div class='grid'>{grid}</div></div><div class='btn'>Submit</div>"
    return ("HR", shell("PeopleHub", ["Onboarding", "Directory", "Payroll", "Time off"], main))


def medical(v: Values) -> tuple[str, str]:
    person = v.fake.name()
    grid = "".join([
        field("Patient", v.s("PERSON", person)), field("MRN", v.mrn()), field("Date of birth", v.dob()),
        field("Insurance member ID", v.insurance_id()), field("Phone", v.phone()), field("Address", v.street()),
        field("Primary physician", v.s("PERSON", "Dr. " + v.fake.name())), field("Visit ID", v.uuid()),
    ])
    rows = [[v.timestamp(), v.a("ICD10", v.rng.choice(["E11.9", "I10", "J45.909", "M54.5", "K21.9"])),
             v.rng.choice(["Follow-up", "Lab results", "Annual physical", "Prescription refill"]),
             v.a("LAB_ID", f"LAB-{v.rng.randint(10**5, 10**6)}")] for _ in range(6)]
    main = (f"<h1>Patient chart</h1><div class='card'><div class='grid'>{grid}</div></div>"
            + table(["Date", "Code", "Encounter", "Lab"], rows))
    return ("EHR", shell("CareChart", ["Patients", "Schedule", "Labs", "Billing"], main))


def settings_keys(v: Values) -> tuple[str, str]:
    families = ["stripe_key", "openai_project_key", "anthropic_key", "huggingface_token", "twilio_key",
                "npm_token", "gitlab_token", "gcp_api_key"]
    v.rng.shuffle(families)
    rows = []
    for i, fam in enumerate(families[:6]):
        shown = v.secret(fam) if i % 2 == 0 else v.masked_key()
        rows.append([v.rng.choice(["Production", "CI", "Staging", "Local dev", "Analytics", "Backups"]),
                     shown, v.key_id(), v.timestamp()])
    main = ("<h1>API keys</h1><p class='muted'>Keys are shown once. Store them in a secret manager.</p>"
            + table(["Name", "Key", "ID", "Created"], rows)
            + "<h2 style='margin-top:1em'>Webhooks</h2><div class='grid'>"
            + field("Signing secret", v.secret("generic_secret")) + field("Endpoint ID", v.uuid())
            + field("Example header", v.placeholder()) + field("Owner", v.email()) + "</div>")
    return ("Settings", shell("Developer settings", ["Profile", "API keys", "Webhooks", "Billing", "Audit log"], main))


def code_review(v: Values) -> tuple[str, str]:
    author = v.fake.name()
    diff = [
        ("", f"@@ -12,7 +12,9 @@ import os"),
        ("", "def client():"),
        ("del", "    key = os.environ[\"STRIPE_KEY\"]"),
        ("add", f"    key = \"{v.secret('stripe_key')}\"  # TODO remove"),
        ("add", f"    hook = \"{v.secret('slack_bot_token')}\""),
        ("", f"    # see {v.uuid()}"),
        ("add", f"    headers = {{\"Authorization\": \"Bearer {v.secret('auth_header')}\"}}"),
        ("", f"    return Client(key, version=\"{v.version()}\")"),
    ]
    lines = "".join(f"<div class='{c}'>{'+' if c == 'add' else '-' if c == 'del' else ' '} {t}</div>" for c, t in diff)
    main = (f"<h1>Use live key in client #{v.rng.randint(100, 999)}</h1><p>{v.s('PERSON', author)} "
            f"({v.email(author)}) wants to merge {v.sha(short=True)} into main · {v.timestamp()}</p>"
            f"<pre>{lines}</pre><div class='card' style='margin-top:1em'>{v.name()}: please don't commit keys, "
            f"base {v.sha()}</div>")
    return ("Review", shell("Code review", ["Conversation", "Commits", "Files changed", "Checks"], main))


def checkout(v: Values) -> tuple[str, str]:
    person = v.fake.name()
    left = "".join([
        "<h2>Shipping</h2>", field("Full name", v.s("PERSON", person)), field("Street address", v.street()),
        field("City", v.city_line()), field("Phone", v.phone()), field("Email", v.email(person)),
        "<h2 style='margin-top:1em'>Payment</h2>", field("Card number", v.card()),
        field("Expiry / CVC", "<span class='muted'>•• / ••• </span>"),
    ])
    rows = [[v.sku(), v.rng.choice(["USB-C hub", "Desk lamp", "Notebook", "Cable kit"]), v.barcode(),
             f"${v.rng.randint(5, 200)}.99"] for _ in range(5)]
    right = f"<h2>Order {v.order_id()}</h2>" + table(["SKU", "Item", "EAN", "Price"], rows)
    main = f"<div class='grid'><div class='card'>{left}</div><div>{right}</div></div>"
    return ("Checkout", shell("ShopNow", ["Cart", "Checkout", "Orders"], main))


def admin_logs(v: Values) -> tuple[str, str]:
    out = []
    for i in range(22):
        kind = i % 5
        ts, rid = v.timestamp(), v.request_id()
        if kind == 0:
            msg = f"INFO login ok user={v.email()} ip={v.ip()}"
        elif kind == 1:
            msg = f"WARN auth header Authorization: Bearer {v.secret('jwt')}"
        elif kind == 2:
            msg = f"INFO GET /api/v2/orders/{v.uuid()} 200 12ms"
        elif kind == 3:
            msg = f"ERROR payment declined card={v.card(spaced=False)} client={v.ip()}"
        else:
            msg = f"DEBUG cache hit key={v.md5()} build={v.version()}"
        out.append(f"{ts} {rid} {msg}")
    main = "<h1>Logs</h1><pre>" + "\n".join(out) + "</pre>"
    return ("Logs", shell("Admin", ["Dashboard", "Users", "Logs", "Jobs"], main))
