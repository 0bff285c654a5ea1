"""Which spellings of an email address are one: the form addresses are stored in, and the
mailbox a limit counts.

`normalize_email()` is the form every address is stored and looked up in (comments, commenter
addresses): trimmed and in lower case, since mail providers treat the whole address
case-insensitively in practice, and one form in the tables lets "have they been approved
before?" use an index.

Limits count mailboxes, not strings: a limit of three confirmation mails a day per address is
no limit if `victim+1@`, `victim+2@` and `v.i.c.t.i.m@gmail.com` each get three. `mailbox()`
maps the usual aliases of one inbox to one string, used only to key limits, never stored as the
address or used to send mail:
- the whole address in lower case (providers treat it case-insensitively in practice);
- everything from the first `+` in the local part dropped (sub-addressing: Gmail, Outlook,
  Fastmail, iCloud, Proton and most self-hosted servers deliver `name+tag@` to `name@`);
- dots dropped from Gmail local parts, and googlemail.com read as gmail.com, since Google
  delivers all of them to one inbox.
Folding two real mailboxes into one only makes a limit stricter for them, never looser, so
the rules lean towards folding.
"""

GMAIL_DOMAINS = frozenset({"gmail.com", "googlemail.com"})


def normalize_email(email):
    """`email` as it is stored and looked up: trimmed, in lower case."""
    return (email or "").strip().lower()


def mailbox(email):
    """The mailbox `email` is delivered to, as the key of a per-mailbox limit."""
    local, at, domain = normalize_email(email).rpartition("@")
    if not at:
        return domain
    local = local.split("+", 1)[0]
    domain = domain.rstrip(".")
    if domain in GMAIL_DOMAINS:
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}"
