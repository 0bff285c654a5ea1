"""Fill a migrated PostgreSQL database with a newspaper of a given size, in SQL.

For N stories: 20 sections, 400 authors (fewer below 4,000 stories), 20 comments per story on
average (a third of them replies; the newest story has 5,000), 5 subscriptions per story and
100 consent records per story: at 100,000 stories, 2 million comments, 500,000 subscriptions
and 10 million consent records, as issue 32 describes a few years of a newspaper.

Everything is written by generate_series in a handful of INSERT ... SELECT statements, so the
largest size loads in minutes; the search vectors are computed in the same statement.
"""

SECTIONS = 20
BIG_STORY_COMMENTS = 5000
COMMENTS_PER_STORY = 20
SUBSCRIPTIONS_PER_STORY = 5
CONSENT_RECORDS_PER_STORY = 100
# News topics (bench/search.py's words): story i is about topics[i % 24] and topics[i*7 % 24];
# "council" is in 40% of bodies, the "word in 30-55% of stories" of the issue.
TOPICS = [
    "harbour", "council", "budget", "school", "river", "bridge", "election", "hospital",
    "library", "festival", "museum", "railway", "market", "energy", "climate", "housing",
    "football", "theatre", "airport", "forest", "vaccine", "court", "police", "garden",
]  # fmt: skip
TABLES = [
    "consent_consentrecord", "comments_subscription", "comments_commenteraddress",
    "comments_comment", "articles_article", "articles_byline", "articles_category",
]  # fmt: skip


def authors_for(stories):
    return max(10, min(400, stories // 10))


def statements(stories):
    """The SQL, in order, that fills an emptied database with `stories` stories."""
    topics = "ARRAY[" + ", ".join(f"'{topic}'" for topic in TOPICS) + "]"
    authors = authors_for(stories)
    comments = max(COMMENTS_PER_STORY * stories, BIG_STORY_COMMENTS * 2)
    return [
        f"""INSERT INTO articles_category (id, name, slug, description, position)
            SELECT s, 'Section ' || s, 'section-' || s, 'Stories of section ' || s, s
            FROM generate_series(1, {SECTIONS}) s""",
        f"""INSERT INTO auth_user (id, password, is_superuser, username, first_name, last_name,
                email, is_staff, is_active, date_joined)
            SELECT 1000 + a, '!', false, 'writer' || a, 'Writer', 'Number ' || a, '', true,
                true, now() FROM generate_series(1, {authors}) a""",
        f"""INSERT INTO articles_byline (user_id, slug)
            SELECT 1000 + a, 'writer-number-' || a FROM generate_series(1, {authors}) a""",
        # Story 1 is the newest; one every 20 minutes backwards (100,000: almost four years).
        f"""INSERT INTO articles_article (id, headline, slug, standfirst, body, category_id,
                author_id, status, published_at, created_at, updated_at, lead_image,
                lead_image_alt, lead_image_focus_x, lead_image_focus_y, comments_open,
                language, edit_version, search_vector)
            SELECT i, h.headline, 'scale-story-' || i, h.standfirst, h.body,
                1 + i % {SECTIONS}, 1000 + 1 + i % {authors}, 'published',
                now() - i * interval '20 minutes', now() - i * interval '20 minutes',
                now() - i * interval '20 minutes', '', '', 0.5, 0.5, true, 'en', 0,
                setweight(to_tsvector('english', h.headline), 'A')
                || setweight(to_tsvector('english', h.standfirst), 'B')
                || setweight(to_tsvector('english', h.body), 'C')
            FROM generate_series(1, {stories}) i,
            LATERAL (SELECT
                initcap(t.first) || ' ' || t.second || ' plan number ' || i
                    || ' is put to residents' AS headline,
                'What the ' || t.first || ' decision means for the town, and what comes next.'
                    AS standfirst,
                '<p>The ' || t.first || ' report was read on Tuesday. '
                    || CASE WHEN i % 5 < 2 THEN 'The council will vote on it. ' ELSE '' END
                    || 'Residents asked about the ' || t.second || ' and the '
                    || ({topics})[1 + (i * 13) % 24] || ' before the meeting closed.</p>'
                    || repeat('<p>Speakers came from every part of the town, and the debate '
                    || 'went on long into the evening, as such debates do.</p>', 6) AS body
                FROM (SELECT ({topics})[1 + i % 24] AS first,
                             ({topics})[1 + (i * 7) % 24] AS second) t) h""",
        # Comments in threes on one story: a comment, a second one, a reply to the first. The
        # first BIG_STORY_COMMENTS are all on story 1, the newest.
        f"""INSERT INTO comments_comment (id, article_id, parent_id, thread_id, depth, name,
                email, website, text, text_html, status, held_reason, created_at, ip_hash,
                ip_network, language, by_staff)
            SELECT c, a.story, CASE WHEN c % 3 = 0 THEN c - 2 END,
                CASE WHEN c % 3 = 0 THEN c - 2 END, CASE WHEN c % 3 = 0 THEN 1 ELSE 0 END,
                'Reader ' || c % 5000, 'reader' || c % 5000 || '@example.org', '',
                'Comment number ' || c || ' on the story.',
                '<p>Comment number ' || c || ' on the story.</p>',
                CASE WHEN c % 50 = 0 THEN 'pending' ELSE 'approved' END, '',
                now() - ({comments} - c) * interval '1 minute' / 20, '', '', 'en', false
            FROM generate_series(1, {comments}) c,
            LATERAL (SELECT CASE WHEN c <= {BIG_STORY_COMMENTS} THEN 1
                ELSE 1 + ((c - 1) / 3) % {stories} END AS story) a""",
        f"""INSERT INTO comments_commenteraddress (id, email, created_at, confirmed_at)
            SELECT r, 'subscriber' || r || '@example.org', now(), now()
            FROM generate_series(1, {max(1, stories // 2)}) r""",
        f"""INSERT INTO comments_subscription (kind, created_at, confirmed_at, address_id,
                article_id, comment_id, language)
            SELECT CASE WHEN c.id % 2 = 0 THEN 'replies' ELSE 'story' END, now(), now(),
                1 + c.id % {max(1, stories // 2)}, c.article_id, c.id, 'en'
            FROM comments_comment c WHERE c.parent_id IS NULL
            ORDER BY c.id LIMIT {SUBSCRIPTIONS_PER_STORY * stories}""",
        # Two decisions per visitor, over the last six months.
        f"""INSERT INTO consent_consentrecord (visitor_id, choices, action, policy_version,
                created_at, page, user_agent, ip_hash, language, embeds)
            SELECT md5((k / 2)::text)::uuid,
                jsonb_build_object('necessary', true, 'functional', k % 3 = 0,
                    'analytical', k % 4 = 0, 'performance', false, 'advertisement', k % 7 = 0),
                CASE WHEN k % 3 = 0 THEN 'accept_all' ELSE 'reject_all' END, 'scale',
                now() - k * (interval '180 days' / {CONSENT_RECORDS_PER_STORY * stories}),
                '/', 'Mozilla/5.0 (scale)', '', 'en', '[]'::jsonb
            FROM generate_series({CONSENT_RECORDS_PER_STORY * stories}, 1, -1) k""",
        *(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT coalesce(max(id), 1) FROM {table}))"
            for table in [*TABLES, "auth_user"]
        ),
    ]


def empty(cursor):
    cursor.execute("TRUNCATE " + ", ".join(TABLES) + " RESTART IDENTITY CASCADE")
    cursor.execute("DELETE FROM auth_user WHERE id > 1000")


# Their indexes are dropped for the load and built again after: one sort per index instead of
# millions of insertions into each (minutes less at 100,000 stories).
REINDEXED = [
    "articles_article", "comments_comment", "comments_subscription", "consent_consentrecord",
]  # fmt: skip
PLAIN_INDEXES = """
    SELECT indexname, indexdef FROM pg_indexes
    WHERE schemaname = current_schema() AND tablename = ANY(%s)
      AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = indexname::regclass)
"""


def fill(connection, stories, say=print):
    """Empty the newspaper's tables and fill them for `stories` stories; VACUUM ANALYZE."""
    import time

    with connection.cursor() as cursor:
        empty(cursor)
        cursor.execute(PLAIN_INDEXES, [REINDEXED])
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        for statement in statements(stories):
            started = time.monotonic()
            cursor.execute(statement)
            if statement.lstrip().startswith("INSERT"):
                say(f"  {statement.split()[2]:<28} {time.monotonic() - started:6.1f} s")
        started = time.monotonic()
        cursor.execute("SET maintenance_work_mem = '256MB'")
        for _, definition in indexes:
            cursor.execute(definition)
        say(f"  {len(indexes)} indexes built again      {time.monotonic() - started:6.1f} s")
        cursor.execute("VACUUM ANALYZE")
