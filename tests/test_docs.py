"""The README and the manual in docs/ are checked like code: their links lead somewhere and
their commands run.

- Every relative link (and image) in README.md, docs/*.md and bench/RESULTS.md names a file
  that exists, and a `#anchor` names a heading of the page it points to.
- README.md is the front door: under 150 lines, with `make run` and `make test` on its first
  screen (`.ci/run` calls `make test`).
- Every command in a ```sh or ```bash block is `make <target>` with a target the Makefile has,
  or `python manage.py <command>` (or `.venv/bin/python manage.py <command>`) with a command
  Django knows; a block meant only to show something is marked with `<!-- example -->` on the
  line before it (docs/README.md, "How these pages are written").
"""

import re
from pathlib import Path

import pytest
from django.core.management import get_commands

PROJECT = Path(__file__).resolve().parent.parent
README = PROJECT / "README.md"
PAGES = [README, *sorted((PROJECT / "docs").glob("*.md")), PROJECT / "bench" / "RESULTS.md"]
EXAMPLE_MARK = "<!-- example -->"
SHELL_LANGUAGES = {"sh", "bash", "shell"}

FENCE = re.compile(r"^(```+)([\w-]*)[^\n]*\n(.*?)^\1[ \t]*$", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`+[^`]*`+")
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
MAKE_TARGET = re.compile(r"^([A-Za-z0-9_.-]+(?:[ \t]+[A-Za-z0-9_.-]+)*)[ \t]*:(?!=)", re.MULTILINE)


def page_id(path):
    return str(path.relative_to(PROJECT))


def without_code_blocks(text):
    """The text with fenced blocks blanked out (their lines kept, empty)."""
    return FENCE.sub(lambda match: "\n" * match.group(0).count("\n"), text)


def without_code(text):
    """The text without fenced blocks or inline code: links in code are not links."""
    return INLINE_CODE.sub("", without_code_blocks(text))


def anchor(heading):
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    heading = re.sub(r"[`*_]|<[^>]+>", "", heading).strip().lower()
    return re.sub(r"[^\w\- ]", "", heading).replace(" ", "-")


def anchors(path):
    found, seen = set(), {}
    for match in HEADING.finditer(without_code_blocks(path.read_text())):
        name = anchor(match.group(1))
        found.add(f"{name}-{seen[name]}" if name in seen else name)
        seen[name] = seen.get(name, 0) + 1
    return found


def relative_links(path):
    for target in LINK.findall(without_code(path.read_text())):
        if not re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):  # http:, mailto:...
            yield target


def shell_blocks(path):
    """(language, body, marked as an example) for each fenced block of the page."""
    text = path.read_text()
    for match in FENCE.finditer(text):
        before = text[: match.start()].rstrip().rsplit("\n", 1)[-1].strip()
        yield match.group(2).lower(), match.group(3), before == EXAMPLE_MARK


def commands(body):
    """The commands of a shell block: comments dropped, continued lines joined."""
    body = re.sub(r"\\\n", " ", body)
    for line in body.splitlines():
        command = re.sub(r"(^|\s)#.*$", "", line).strip()
        if command:
            yield command


def make_targets():
    return {
        target
        for targets in MAKE_TARGET.findall((PROJECT / "Makefile").read_text())
        for target in targets.split()
    }


def command_problem(command, targets, django_commands):
    """Why `command` is not one the docs may show unmarked, or None."""
    words = command.split()
    if words[0] == "make":
        target = next((word for word in words[1:] if "=" not in word), None)
        if target not in targets:
            return f"`make {target}`: no such target in the Makefile"
        return None
    if words[0] in ("python", ".venv/bin/python") and words[1:2] == ["manage.py"]:
        name = words[2] if len(words) > 2 else None
        if name not in django_commands:
            return f"`manage.py {name}`: Django knows no such command"
        return None
    return "neither `make ...` nor `python manage.py ...` (mark the block as an example)"


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_every_relative_link_leads_to_a_file_and_heading(path):
    broken = []
    for target in relative_links(path):
        file_part, _, fragment = target.partition("#")
        linked = (path.parent / file_part).resolve() if file_part else path
        if not linked.exists():
            broken.append(f"{target}: no such file")
        elif fragment and linked.suffix == ".md" and fragment not in anchors(linked):
            broken.append(f"{target}: no heading #{fragment} in {page_id(linked)}")
    assert not broken, f"{page_id(path)}: {broken}"


def linked_files(path):
    return {(path.parent / target.partition("#")[0]).resolve() for target in relative_links(path)}


def test_the_readme_links_the_manuals_index():
    assert (PROJECT / "docs" / "README.md").resolve() in linked_files(README)


def test_every_manual_page_is_in_the_index():
    index = PROJECT / "docs" / "README.md"
    listed = linked_files(index)
    missing = [
        page_id(page)
        for page in (PROJECT / "docs").glob("*.md")
        if page != index and page.resolve() not in listed
    ]
    assert not missing


def test_the_readme_is_a_front_door_under_150_lines():
    assert len(README.read_text().splitlines()) < 150


def test_the_two_commands_are_on_the_readmes_first_screen():
    first_screen = "\n".join(README.read_text().splitlines()[:25])
    assert "make run" in first_screen
    assert "make test" in first_screen


def test_ci_runs_the_readmes_test_command():
    assert "make test" in (PROJECT / ".ci" / "run").read_text()


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_every_shell_command_runs_or_is_marked_as_an_example(path):
    targets, django_commands = make_targets(), get_commands()
    problems = [
        f"{command}: {problem}"
        for language, body, example in shell_blocks(path)
        if language in SHELL_LANGUAGES and not example
        for command in commands(body)
        if (problem := command_problem(command, targets, django_commands))
    ]
    assert not problems, f"{page_id(path)}: {problems}"


def test_the_checks_catch_what_they_are_for(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "# A page\n\n## Two words\n\n[ok](#two-words) [gone](#nowhere) `[code](nowhere.md)`\n\n"
        "```sh\nmake test   # fine\npython manage.py migrate\nrm -rf /\n"
        "python manage.py no_such_command\nmake no-such-target\n```\n\n"
        "<!-- example -->\n```sh\ncurl https://example.com\n```\n"
    )
    assert list(relative_links(page)) == ["#two-words", "#nowhere"]
    assert anchors(page) == {"a-page", "two-words"}
    targets, django_commands = make_targets(), get_commands()
    flagged = [
        command
        for language, body, example in shell_blocks(page)
        if not example
        for command in commands(body)
        if command_problem(command, targets, django_commands)
    ]
    assert flagged == ["rm -rf /", "python manage.py no_such_command", "make no-such-target"]
