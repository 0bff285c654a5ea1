"""Reading gettext catalogues (.po) without a library: enough to check they are complete."""

import ast
from dataclasses import dataclass, field


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    msgstr: dict = field(default_factory=dict)  # plural index (0 when singular) -> text
    flags: set = field(default_factory=set)
    obsolete: bool = False

    @property
    def is_header(self):
        return self.msgid == ""

    @property
    def untranslated(self):
        return not self.msgstr or any(not text for text in self.msgstr.values())


def read_po(path):
    """Every entry of the catalogue at `path`, the header included."""
    entries, entry, target = [], Entry(), None

    def finish():
        nonlocal entry
        if entry.msgstr or entry.msgid:
            entries.append(entry)
        entry = Entry()

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#~"):
            entry.obsolete = True
            continue
        if line.startswith("#,"):
            if entry.msgstr:
                finish()
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if not line.strip() or line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            text = ast.literal_eval(line)
        else:
            text = ast.literal_eval(rest)
            if keyword == "msgid" and entry.msgstr:
                finish()
            if keyword == "msgid":
                target = ("msgid", None)
            elif keyword == "msgid_plural":
                target = ("msgid_plural", None)
            elif keyword == "msgstr":
                target = ("msgstr", 0)
            elif keyword.startswith("msgstr["):
                target = ("msgstr", int(keyword[7:-1]))
            else:
                continue
            if target[0] == "msgstr":
                entry.msgstr[target[1]] = ""
        name, index = target
        if name == "msgstr":
            entry.msgstr[index] += text
        else:
            setattr(entry, name, getattr(entry, name) + text)
    finish()
    return entries
