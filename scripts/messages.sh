#!/bin/sh
# Refresh the translation catalogues (locale/*/LC_MESSAGES/django.po) from the code. Django's
# makemessages reads the Python files and the admin's templates, and `_()` calls in the Jinja2
# reader templates (templates/); Babel reads those templates' {% trans %} blocks, which
# makemessages cannot parse. Translate the new entries, then run
# `python manage.py compilemessages`. Needs gettext (msgcat, msgmerge): `make messages`.
set -eu
python=${PYTHON:-.venv/bin/python}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r locale "$work/before"
"$python" manage.py makemessages --all --keep-pot --no-location --verbosity 0 \
    --ignore='.venv/*' --ignore='node_modules/*' --ignore='tests/*' --ignore='bench/*'
mv locale/django.pot "$work/python.pot"
# makemessages has just merged a catalogue without the templates' messages: start again from
# the catalogues as they were.
rm -rf locale && cp -r "$work/before" locale
"$(dirname "$python")/pybabel" extract --no-location --mapping-file scripts/babel.cfg \
    --output-file "$work/templates.pot" templates >/dev/null 2>&1
msgcat --use-first --output-file "$work/all.pot" "$work/python.pot" "$work/templates.pot"
for catalogue in locale/*/LC_MESSAGES/django.po; do
    msgmerge --quiet --update --backup=none --no-location "$catalogue" "$work/all.pot"
done
