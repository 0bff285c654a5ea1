"""How many SQL queries each reader page may run, whatever the number of stories and comments.

One place for the numbers, so a change that costs a query is a visible, deliberate edit here.
"""

# Home, section and author pages: the page cache's generations, the navigation, the stories and
# their count.
LISTING = 4
FEED = 3
# A story page: the page cache's generations, the story, the related stories (one search,
# however many stories match), the navigation, the counts of threads and comments, the page's
# top-level comments and their threads.
STORY = 7
# A story whose text shows media library pictures: one more, whatever their number
# (articles/body_pictures.py); a text without one costs nothing.
STORY_WITH_PICTURES = STORY + 1
