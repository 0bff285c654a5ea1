"""`make bench-scale` fills PostgreSQL in plain SQL, outside the ORM: a column a model gains
later must be written there too, or the fill stops at its first INSERT (as it did when the
lead image's focal point and the consent record's embeds arrived)."""

import re

import pytest
from django.apps import apps
from django.db.models.fields import NOT_PROVIDED

from bench.scale.fill import statements

INSERT = re.compile(r"INSERT INTO (\w+) \(([^)]*)\)")


def written_columns():
    written = {}
    for statement in statements(1000):
        for table, columns in INSERT.findall(statement):
            written.setdefault(table, set()).update(c.strip() for c in columns.split(","))
    return written


def models_by_table():
    return {model._meta.db_table: model for model in apps.get_models()}


def columns_the_database_needs(model):
    """Columns with neither NULL allowed nor a default in the database (Django's `default` is
    applied by the ORM, not by the table)."""
    return {
        field.column
        for field in model._meta.concrete_fields
        if not field.null and not field.primary_key and field.db_default is NOT_PROVIDED
    }


@pytest.mark.parametrize("table", sorted(written_columns()))
def test_the_fill_writes_every_column_its_tables_require(table):
    model = models_by_table()[table]
    missing = columns_the_database_needs(model) - written_columns()[table]
    assert not missing, f"bench/scale/fill.py leaves {table}.{sorted(missing)} empty"


def test_the_fill_covers_the_tables_the_bench_reads():
    assert {"articles_article", "comments_comment", "consent_consentrecord"} <= set(
        written_columns()
    )
