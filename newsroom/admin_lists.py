"""Change lists that answer as fast over millions of rows as over a hundred.

The admin counts every row a list matches, twice (the filtered count for the pages, the full
count beside it), and a count reads every row: seconds on 2 million comments or 10 million
consent records. A big table's list counts at most COUNT_CAP + 1 rows instead, says "more than
1,000" when it finds more, and pages through the first COUNT_CAP rows; an editor who needs an
older row narrows the list with a filter, the date bar or a search, which is how lists that
long are read anyway.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNT_CAP = 1000


class CappedCountPaginator(Paginator):
    """A paginator that counts no further than COUNT_CAP + 1 rows."""

    cap = COUNT_CAP

    @cached_property
    def count(self):
        # COUNT over a LIMITed subquery: the database stops reading at the cap.
        return self.object_list[: self.cap + 1].count()

    @property
    def count_is_capped(self):
        return self.count > self.cap


class BigTableAdminMixin:
    """For the change list of a table that grows with every reader (comments, consent records,
    mail, stories): no full count, a capped count for the pages (template
    newsroom/templates/admin/pagination.html says "more than")."""

    show_full_result_count = False
    paginator = CappedCountPaginator
