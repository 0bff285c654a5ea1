"""Every migration added from now on leaves the big tables writable while it runs.

On PostgreSQL a plain CREATE INDEX blocks writes to the table until it is built, and a unique
or indexed new column does the same: minutes on 2 million comments or 10 million consent
records, while readers' comments and consent decisions wait. Migrations up to those listed in
REVIEWED were written before this check and ran when the tables were small.
"""

from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
from django.db import models
from django.db.migrations import Migration, operations
from django.db.migrations.loader import MigrationLoader

from newsroom.migration_operations import AddIndexWithoutLock

# The last migration of each app when the check was added; every later one is checked.
REVIEWED = {"articles": 13, "comments": 11, "consent": 12, "newsroom": 2}
BIG_TABLES = {
    ("articles", "article"),
    ("comments", "comment"),
    ("comments", "outgoingmail"),
    ("comments", "subscription"),
    ("consent", "consentrecord"),
}
CONCURRENT = (AddIndexConcurrently, RemoveIndexConcurrently)


def locking_operations(migration):
    """What in `migration` would lock a big table against writes, as readable lines."""
    found = []
    for operation in migration.operations:
        model = getattr(operation, "model_name", None)
        if (migration.app_label, (model or "").lower()) not in BIG_TABLES:
            continue
        plain_index = isinstance(operation, (operations.AddIndex, operations.RemoveIndex))
        if plain_index and not isinstance(operation, CONCURRENT):
            found.append(f"{operation.describe()}: use newsroom.migration_operations")
        elif isinstance(operation, CONCURRENT) and migration.atomic:
            found.append(f"{operation.describe()}: the migration needs atomic = False")
        elif isinstance(operation, operations.AddConstraint):
            found.append(f"{operation.describe()}: add it NOT VALID, then validate")
        elif isinstance(operation, (operations.AddField, operations.AlterField)):
            field = operation.field
            if field.db_index or field.unique:
                found.append(f"{operation.describe()}: add the index on its own, without lock")
    return found


def new_migrations():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for (app, name), migration in sorted(loader.disk_migrations.items()):
        if app in REVIEWED and name[:4].isdigit() and int(name[:4]) > REVIEWED[app]:
            yield migration


def test_no_new_migration_locks_a_big_table():
    problems = {
        f"{migration.app_label}.{migration.name}": locking_operations(migration)
        for migration in new_migrations()
    }
    assert not {name: found for name, found in problems.items() if found}


def example(*ops, atomic=True):
    migration = Migration("9999_example", "comments")
    migration.operations, migration.atomic = list(ops), atomic
    return migration


def test_the_check_catches_a_plain_index_and_a_concurrent_one_in_a_transaction():
    index = models.Index(fields=["name"], name="comment_name_idx")
    assert locking_operations(example(operations.AddIndex("comment", index)))
    assert locking_operations(example(AddIndexWithoutLock("comment", index)))
    assert not locking_operations(example(AddIndexWithoutLock("comment", index), atomic=False))
    indexed = models.CharField(max_length=10, db_index=True)
    assert locking_operations(example(operations.AddField("comment", "code", indexed)))
    # A small table is left alone.
    assert not locking_operations(example(operations.AddIndex("blockedword", index)))
