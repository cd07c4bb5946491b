"""Page templates, part one: sign-in, webmail, chat, terminal, IDE, CRM table.

Each template takes a seeded :class:`Values` and returns ``(title, body_html)``. Every personal
value and secret is wrapped with ``v.s``/the typed helpers, every look-alike with ``v.a``; nothing
personal may appear unmarked, or the truth would miss it.
"""

from __future__ import annotations

from redact.eval.fixtures_gen._page import field, shell, table
from redact.eval.fixtures_gen._values import Values

_PROSE = ("Sounds good, let's sync after standup.", "Can you take a look at the failing build?",
          "The deploy went out at noon, no alerts so far.", "I'll update the ticket once QA signs off.",
          "Moving the review to Thursday, the demo slipped.", "Did anyone rotate the staging certs yet?",
          "Lunch is on the team today.", "Docs are updated, see the changelog.",
          "Please keep the channel for incidents only.", "Thanks, merged!")


def login(v: Values, *, revealed: bool = False) -> tuple[str, str]:
    pw = v.password() if revealed else v.bullets()
    toggle = "Hide" if revealed else "Show"
    body = (
        "<div style='display:flex;height:100vh;align-items:center;justify-content:center'>"
        "<div class='card' style='width:26em'><h1>Sign in to Acme Cloud</h1>"
        + field("Email address", v.email())
        + "<div style='height:.8em'></div>"
        + field(f"Password <span style='float:right'>{toggle}</span>", pw)
        + "<p><label><input type='checkbox' checked> Keep me signed in</label></p>"
        "<div class='btn'>Sign in</div><p class='muted'>Forgot password? · Build "
        + v.version() + "</p><p class='muted'>Session " + v.uuid() + "</p></div></div>"
    )
    return ("Sign in", body)


def login_revealed(v: Values) -> tuple[str, str]:
    return login(v, revealed=True)


def webmail(v: Values) -> tuple[str, str]:
    rows = []
    for _ in range(9):
        rows.append([v.name(), v.v_subject(), v.timestamp()])
    sender = v.fake.name()
    sig = (f"<p>Best regards,<br>{v.s('PERSON', sender)}<br>Account Manager<br>{v.street()}<br>{v.city_line()}"
           f"<br>Mobile: {v.phone()}<br>{v.email(sender)}</p>")
    msg = (f"<div class='card'><h2>Re: contract renewal</h2><p class='muted'>From {v.s('PERSON', sender)} · "
           f"{v.timestamp()} · Message-ID {v.uuid()}</p><p>Hi {v.name()},</p><p>Attached is the signed copy. "
           f"Your customer number stays {v.order_id()} and the invoice reference is {v.sku()}. Call me at "
           f"{v.phone()} if anything is unclear.</p>{sig}</div>")
    main = "<div class='grid'><div>" + table(["From", "Subject", "Date"], rows) + "</div><div>" + msg + "</div></div>"
    return ("Inbox", shell("Mail", ["Inbox", "Starred", "Sent", "Drafts", "Spam"], main, user=v.email()))


def chat(v: Values) -> tuple[str, str]:
    people = [v.fake.name() for _ in range(3)]
    items = []
    planted = [
        lambda: f"my cell is {v.phone()}, text me when you land",
        lambda: f"here's the staging key {v.secret('stripe_key')} please rotate after the demo",
        lambda: f"send the NDA to {v.email()}",
        lambda: f"ship it to {v.street()}, {v.city_line()}",
        lambda: f"wifi password is {v.password()}",
        lambda: f"use this token for now: {v.secret('github_classic')}",
        lambda: f"build {v.version()} is at commit {v.sha(short=True)}",
        lambda: f"ticket {v.uuid()} is the one",
    ]
    v.rng.shuffle(planted)
    for i in range(12):
        who = people[i % 3]
        text = planted[i]() if i < len(planted) and i % 3 != 2 else v.rng.choice(_PROSE)
        mine = " mine" if i % 3 == 2 else ""
        items.append(f"<div class='bubble{mine}'><div class='muted' style='font-size:.85em'>{v.s('PERSON', who)} · "
                     f"{v.timestamp()}</div>{text}</div>")
    main = "<h2># team-infra</h2>" + "".join(items)
    return ("Chat", shell("Chat", ["# general", "# team-infra", "# random", "Direct messages"], main))


def terminal(v: Values) -> tuple[str, str]:
    db = v.plain_password()
    lines = [
        f"$ git log --oneline -3\n{v.sha(short=True)} Fix retry loop\n{v.sha(short=True)} Bump to {v.version()}",
        f"$ export AWS_ACCESS_KEY_ID={v.secret('aws_access_key')}",
        f"$ export AWS_SECRET_ACCESS_KEY={v.secret('aws_secret_key')}",
        f"$ curl -u admin:{v.s('PASSWORD', db)} https://ci.example.com/api/json",
        f"$ mysql -u root -p{v.password()} orders",
        f"$ docker pull registry.example.com/api@sha256:{v.sha256()}",
        f"$ export DATABASE_URL={v.secret('url_credentials')}",
        f"$ ssh deploy@{v.ip()}\nLast login: {v.timestamp()} from {v.ip()}",
        f"$ cat ~/.config/hub\ngithub.com:\n  - user: dev\n    oauth_token: {v.secret('github_classic')}",
        f"$ kubectl get pods\napi-7d9f{v.a('POD_ID', str(v.rng.randint(10000, 99999)))}   Running   {v.timestamp()}",
    ]
    v.rng.shuffle(lines)
    body = ("<div style='padding:1em;height:100vh;background:var(--code)'><pre style='border:0;padding:0'>"
            + "\n".join(lines) + "\n$ _</pre></div>")
    return ("Terminal", body)


def ide(v: Values) -> tuple[str, str]:
    env = "\n".join([
        "# .env.production",
        f"APP_VERSION={v.version()}",
        f"OPENAI_API_KEY={v.secret('openai_legacy_key')}",
        f"SENDGRID_API_KEY={v.secret('sendgrid_key')}",
        f"SLACK_BOT_TOKEN={v.secret('slack_bot_token')}",
        f"DB_PASSWORD={v.password()}",
        f"WEBHOOK_SECRET={v.secret('generic_secret')}",
        f"CACHE_KEY_SALT_ID={v.uuid()}",
        f"SENTRY_RELEASE={v.sha()}",
        f"API_KEY_TEMPLATE={v.placeholder()}",
    ])
    cfg = "\n".join([
        "# config/database.yml",
        "production:",
        "  adapter: postgresql",
        "  username: app_rw",
        f"  password: {v.password()}",
        f"  jwt_secret: {v.secret('jwt')}",
        f"  build: {v.timestamp()}",
        "-----BEGIN RSA PRIVATE KEY-----",
        "\n".join(v.s("PRIVATE_KEY", ln) for ln in v.pem_lines(5)),
        "-----END RSA PRIVATE KEY-----",
    ])
    main = (f"<div class='grid'><pre>{env}</pre><pre>{cfg}</pre></div>")
    return ("IDE", shell("Code", ["src/", "config/", ".env.production", "README.md", "package.json"], main))


def crm(v: Values) -> tuple[str, str]:
    rows = []
    for _ in range(14):
        person = v.fake.name()
        rows.append([v.s("PERSON", person), v.email(person), v.phone(), v.street(),
                     v.a("DEAL_ID", f"D-{v.rng.randint(10000, 99999)}"),
                     v.a("AMOUNT", f"${v.rng.randint(1, 400) * 250:,}"), v.timestamp()])
    main = "<h1>Contacts</h1>" + table(["Name", "Email", "Phone", "Address", "Deal", "Value", "Updated"], rows)
    return ("CRM", shell("SalesDesk", ["Contacts", "Deals", "Reports", "Settings"], main))
