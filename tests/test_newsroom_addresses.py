"""newsroom/addresses.py: remembered addresses give what reverse() gives."""

import pytest
from django.urls import reverse
from django.utils import translation

from newsroom.addresses import url_for_ids


@pytest.mark.parametrize("language", ["en", "de", "fr"])
@pytest.mark.parametrize("name", ["comments:permalink", "comments:report"])
def test_addresses_made_from_one_reverse_are_reverses_own(name, language):
    with translation.override(language):
        address = url_for_ids(name)
        for pk in (1, 7, 42, 10**12, 9_876_543_210_123):
            assert address(pk) == reverse(name, args=[pk])
