-- The search index without application functions: the triggers of 0004_search.sql called fold_vi()
-- and fold_vi_html(), which only the bot's own connections define, so any other SQLite client (the
-- sqlite3 shell, drizzle-kit studio, a manual fix after a restore) failed to write a branch, member,
-- meeting or notice. Now the triggers are plain SQL: đ/Đ become d/D with replace() (FTS5's
-- remove_diacritics keeps đ, a letter of its own), and FTS5's tokenizer does the rest of the
-- folding (case, tone and vowel marks, composed or decomposed). A notice's body loses the tags and
-- entities the bot writes (src/bot/render/entities.ts); a link's address stays as words. The app
-- folds the user's words the same way (src/domain/text.ts) and folds the indexed text again
-- before ranking it. Same rowids (id × 8 + kind) and prefix indexes as 0006_search_prefix.sql.
DROP TRIGGER search_branches_ins;
--> statement-breakpoint
DROP TRIGGER search_branches_upd;
--> statement-breakpoint
DROP TRIGGER search_members_ins;
--> statement-breakpoint
DROP TRIGGER search_members_upd;
--> statement-breakpoint
DROP TRIGGER search_meetings_ins;
--> statement-breakpoint
DROP TRIGGER search_meetings_upd;
--> statement-breakpoint
DROP TRIGGER search_notices_upd;
--> statement-breakpoint
DROP TRIGGER search_indicators_ins;
--> statement-breakpoint
DROP TRIGGER search_indicators_upd;
--> statement-breakpoint
DROP TABLE `search_index`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_index` USING fts5(
	kind UNINDEXED,
	ref_id UNINDEXED,
	title,
	body,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3 4 5 6 7'
);
--> statement-breakpoint
INSERT INTO search_index(rowid, kind, ref_id, title, body)
	SELECT id * 8 + 1, 'branch', id, replace(replace(name, 'đ', 'd'), 'Đ', 'D'), replace(replace(code || ' ' || coalesce(short_name, ''), 'đ', 'd'), 'Đ', 'D') FROM branches;
--> statement-breakpoint
INSERT INTO search_index(rowid, kind, ref_id, title, body)
	SELECT id * 8 + 2, 'member', id, replace(replace(full_name, 'đ', 'd'), 'Đ', 'D'), replace(replace(coalesce(code, ''), 'đ', 'd'), 'Đ', 'D') FROM members;
--> statement-breakpoint
INSERT INTO search_index(rowid, kind, ref_id, title, body)
	SELECT id * 8 + 3, 'meeting', id, replace(replace(title, 'đ', 'd'), 'Đ', 'D'), replace(replace(agenda || ' ' || location, 'đ', 'd'), 'Đ', 'D') FROM meetings WHERE status <> 'draft';
--> statement-breakpoint
INSERT INTO search_index(rowid, kind, ref_id, title, body)
	SELECT id * 8 + 4, 'notice', id, replace(replace(title, 'đ', 'd'), 'Đ', 'D'), replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(body, '&lt;', ' '), '&gt;', ' '), '&quot;', ' '), '&amp;', ' '), '<a href="', ' '), '<tg-emoji emoji-id="', ' '), '<tg-time unix="', ' '), '" format="', ' '), '<code class="language-', ' '), '">', ' '), '<b>', ' '), '</b>', ' '), '<i>', ' '), '</i>', ' '), '<u>', ' '), '</u>', ' '), '<s>', ' '), '</s>', ' '), '<tg-spoiler>', ' '), '</tg-spoiler>', ' '), '<code>', ' '), '</code>', ' '), '<pre>', ' '), '</pre>', ' '), '<blockquote>', ' '), '<blockquote expandable>', ' '), '</blockquote>', ' '), '</a>', ' '), '</tg-emoji>', ' '), '</tg-time>', ' '), 'đ', 'd'), 'Đ', 'D') FROM notices WHERE status IN ('sending', 'sent');
--> statement-breakpoint
INSERT INTO search_index(rowid, kind, ref_id, title, body)
	SELECT id * 8 + 5, 'indicator', id, replace(replace(code || ' ' || title, 'đ', 'd'), 'Đ', 'D'), replace(replace(description || ' ' || source_text, 'đ', 'd'), 'Đ', 'D') FROM indicators;
--> statement-breakpoint
CREATE TRIGGER search_branches_ins AFTER INSERT ON branches BEGIN
	INSERT INTO search_index(rowid, kind, ref_id, title, body)
		VALUES (new.id * 8 + 1, 'branch', new.id, replace(replace(new.name, 'đ', 'd'), 'Đ', 'D'), replace(replace(new.code || ' ' || coalesce(new.short_name, ''), 'đ', 'd'), 'Đ', 'D'));
END;
--> statement-breakpoint
CREATE TRIGGER search_branches_upd AFTER UPDATE OF code, name, short_name ON branches BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 1;
	INSERT INTO search_index(rowid, kind, ref_id, title, body)
		VALUES (new.id * 8 + 1, 'branch', new.id, replace(replace(new.name, 'đ', 'd'), 'Đ', 'D'), replace(replace(new.code || ' ' || coalesce(new.short_name, ''), 'đ', 'd'), 'Đ', 'D'));
END;
--> statement-breakpoint
CREATE TRIGGER search_members_ins AFTER INSERT ON members BEGIN
	INSERT INTO search_index(rowid, kind, ref_id, title, body)
		VALUES (new.id * 8 + 2, 'member', new.id, replace(replace(new.full_name, 'đ', 'd'), 'Đ', 'D'), replace(replace(coalesce(new.code, ''), 'đ', 'd'), 'Đ', 'D'));
END;
--> statement-breakpoint
CREATE TRIGGER search_members_upd AFTER UPDATE OF full_name, code ON members BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 2;
	INSERT INTO search_index(rowid, kind, ref_id, title, body)
		VALUES (new.id * 8 + 2, 'member', new.id, replace(replace(new.full_name, 'đ', 'd'), 'Đ', 'D'), replace(replace(coalesce(new.code, ''), 'đ', 'd'), 'Đ', 'D'));
END;
--> statement-breakpoint
CREATE TRIGGER search_meetings_ins AFTER INSERT ON meetings WHEN new.status <> 'draft' BEGIN
	INSERT INTO search_index(rowid, kind, ref_id, title, body)
		VALUES (new.id * 8 + 3, 'meeting', new.id, replace(replace(new.title, 'đ', 'd'), 'Đ', 'D'), replace(replace(new.agenda || ' ' || new.location, 'đ', 'd'), 'Đ', 'D'));
END;
--> statement-breakpoint
CREATE TRIGGER search_meetings_upd AFTER UPDATE OF title, agenda, location, status ON meetings BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 3;
	INSERT INTO search_index(rowid, kind, ref_id, title, body)
		SELECT new.id * 8 + 3, 'meeting', new.id, replace(replace(new.title, 'đ', 'd'), 'Đ', 'D'), replace(replace(new.agenda || ' ' || new.location, 'đ', 'd'), 'Đ', 'D') WHERE new.status <> 'draft';
END;
--> statement-breakpoint
CREATE TRIGGER search_notices_upd AFTER UPDATE OF status ON notices WHEN new.status IN ('sending', 'sent') BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 4;
	INSERT INTO search_index(rowid, kind, ref_id, title, body)
		VALUES (new.id * 8 + 4, 'notice', new.id, replace(replace(new.title, 'đ', 'd'), 'Đ', 'D'), replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(new.body, '&lt;', ' '), '&gt;', ' '), '&quot;', ' '), '&amp;', ' '), '<a href="', ' '), '<tg-emoji emoji-id="', ' '), '<tg-time unix="', ' '), '" format="', ' '), '<code class="language-', ' '), '">', ' '), '<b>', ' '), '</b>', ' '), '<i>', ' '), '</i>', ' '), '<u>', ' '), '</u>', ' '), '<s>', ' '), '</s>', ' '), '<tg-spoiler>', ' '), '</tg-spoiler>', ' '), '<code>', ' '), '</code>', ' '), '<pre>', ' '), '</pre>', ' '), '<blockquote>', ' '), '<blockquote expandable>', ' '), '</blockquote>', ' '), '</a>', ' '), '</tg-emoji>', ' '), '</tg-time>', ' '), 'đ', 'd'), 'Đ', 'D'));
END;
--> statement-breakpoint
CREATE TRIGGER search_indicators_ins AFTER INSERT ON indicators BEGIN
	INSERT INTO search_index(rowid, kind, ref_id, title, body)
		VALUES (new.id * 8 + 5, 'indicator', new.id, replace(replace(new.code || ' ' || new.title, 'đ', 'd'), 'Đ', 'D'), replace(replace(new.description || ' ' || new.source_text, 'đ', 'd'), 'Đ', 'D'));
END;
--> statement-breakpoint
CREATE TRIGGER search_indicators_upd AFTER UPDATE OF code, title, description, source_text ON indicators BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 5;
	INSERT INTO search_index(rowid, kind, ref_id, title, body)
		VALUES (new.id * 8 + 5, 'indicator', new.id, replace(replace(new.code || ' ' || new.title, 'đ', 'd'), 'Đ', 'D'), replace(replace(new.description || ' ' || new.source_text, 'đ', 'd'), 'Đ', 'D'));
END;
