-- 0008's trigger for notices stripped a notice's HTML with 32 nested replace() calls: the parser
-- of the sqlite3 shell (and of any client built with SQLite's default parser stack) overflowed on
-- it and could not open the database at all ("malformed database schema (search_notices_upd) -
-- parser stack overflow"). The same replacements in the same order, in two stages of 16: the
-- first in a subquery, the second over its result. What the index holds is unchanged.
DROP TRIGGER search_notices_upd;
--> statement-breakpoint
CREATE TRIGGER search_notices_upd AFTER UPDATE OF status ON notices WHEN new.status IN ('sending', 'sent') BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 4;
	INSERT INTO search_index(rowid, kind, ref_id, title, body)
		SELECT new.id * 8 + 4, 'notice', new.id, replace(replace(new.title, 'đ', 'd'), 'Đ', 'D'), replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(stripped.body, '<s>', ' '), '</s>', ' '), '<tg-spoiler>', ' '), '</tg-spoiler>', ' '), '<code>', ' '), '</code>', ' '), '<pre>', ' '), '</pre>', ' '), '<blockquote>', ' '), '<blockquote expandable>', ' '), '</blockquote>', ' '), '</a>', ' '), '</tg-emoji>', ' '), '</tg-time>', ' '), 'đ', 'd'), 'Đ', 'D')
		FROM (SELECT replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(new.body, '&lt;', ' '), '&gt;', ' '), '&quot;', ' '), '&amp;', ' '), '<a href="', ' '), '<tg-emoji emoji-id="', ' '), '<tg-time unix="', ' '), '" format="', ' '), '<code class="language-', ' '), '">', ' '), '<b>', ' '), '</b>', ' '), '<i>', ' '), '</i>', ' '), '<u>', ' '), '</u>', ' ') AS body) AS stripped;
END;
