-- Full-text search over branches, members, meetings, notices and indicators (FTS5).
-- Text is folded by fold_vi() (registered by the application on every connection): lower case,
-- no tone or vowel marks, đ → d, which FTS5's remove_diacritics does not do by itself. Each
-- document's rowid is its id × 8 + a kind number, so a trigger can replace it directly.
CREATE VIRTUAL TABLE `search_index` USING fts5(
	kind UNINDEXED,
	ref_id UNINDEXED,
	title,
	body,
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO search_index(rowid, kind, ref_id, title, body)
	SELECT id * 8 + 1, 'branch', id, fold_vi(name), fold_vi(code || ' ' || coalesce(short_name, '')) FROM branches;
--> statement-breakpoint
INSERT INTO search_index(rowid, kind, ref_id, title, body)
	SELECT id * 8 + 2, 'member', id, fold_vi(full_name), fold_vi(coalesce(code, '')) FROM members;
--> statement-breakpoint
INSERT INTO search_index(rowid, kind, ref_id, title, body)
	SELECT id * 8 + 3, 'meeting', id, fold_vi(title), fold_vi(agenda || ' ' || location) FROM meetings WHERE status <> 'draft';
--> statement-breakpoint
INSERT INTO search_index(rowid, kind, ref_id, title, body)
	SELECT id * 8 + 4, 'notice', id, fold_vi(title), fold_vi_html(body) FROM notices WHERE status IN ('sending', 'sent');
--> statement-breakpoint
INSERT INTO search_index(rowid, kind, ref_id, title, body)
	SELECT id * 8 + 5, 'indicator', id, fold_vi(code || ' ' || title), fold_vi(description || ' ' || source_text) FROM indicators;
--> statement-breakpoint
CREATE TRIGGER search_branches_ins AFTER INSERT ON branches BEGIN
	INSERT INTO search_index(rowid, kind, ref_id, title, body)
		VALUES (new.id * 8 + 1, 'branch', new.id, fold_vi(new.name), fold_vi(new.code || ' ' || coalesce(new.short_name, '')));
END;
--> statement-breakpoint
CREATE TRIGGER search_branches_upd AFTER UPDATE OF code, name, short_name ON branches BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 1;
	INSERT INTO search_index(rowid, kind, ref_id, title, body)
		VALUES (new.id * 8 + 1, 'branch', new.id, fold_vi(new.name), fold_vi(new.code || ' ' || coalesce(new.short_name, '')));
END;
--> statement-breakpoint
CREATE TRIGGER search_members_ins AFTER INSERT ON members BEGIN
	INSERT INTO search_index(rowid, kind, ref_id, title, body)
		VALUES (new.id * 8 + 2, 'member', new.id, fold_vi(new.full_name), fold_vi(coalesce(new.code, '')));
END;
--> statement-breakpoint
CREATE TRIGGER search_members_upd AFTER UPDATE OF full_name, code ON members BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 2;
	INSERT INTO search_index(rowid, kind, ref_id, title, body)
		VALUES (new.id * 8 + 2, 'member', new.id, fold_vi(new.full_name), fold_vi(coalesce(new.code, '')));
END;
--> statement-breakpoint
CREATE TRIGGER search_meetings_ins AFTER INSERT ON meetings WHEN new.status <> 'draft' BEGIN
	INSERT INTO search_index(rowid, kind, ref_id, title, body)
		VALUES (new.id * 8 + 3, 'meeting', new.id, fold_vi(new.title), fold_vi(new.agenda || ' ' || new.location));
END;
--> statement-breakpoint
CREATE TRIGGER search_meetings_upd AFTER UPDATE OF title, agenda, location, status ON meetings BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 3;
	INSERT INTO search_index(rowid, kind, ref_id, title, body)
		SELECT new.id * 8 + 3, 'meeting', new.id, fold_vi(new.title), fold_vi(new.agenda || ' ' || new.location) WHERE new.status <> 'draft';
END;
--> statement-breakpoint
CREATE TRIGGER search_notices_upd AFTER UPDATE OF status ON notices WHEN new.status IN ('sending', 'sent') BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 4;
	INSERT INTO search_index(rowid, kind, ref_id, title, body)
		VALUES (new.id * 8 + 4, 'notice', new.id, fold_vi(new.title), fold_vi_html(new.body));
END;
--> statement-breakpoint
CREATE TRIGGER search_indicators_ins AFTER INSERT ON indicators BEGIN
	INSERT INTO search_index(rowid, kind, ref_id, title, body)
		VALUES (new.id * 8 + 5, 'indicator', new.id, fold_vi(new.code || ' ' || new.title), fold_vi(new.description || ' ' || new.source_text));
END;
--> statement-breakpoint
CREATE TRIGGER search_indicators_upd AFTER UPDATE OF code, title, description, source_text ON indicators BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 5;
	INSERT INTO search_index(rowid, kind, ref_id, title, body)
		VALUES (new.id * 8 + 5, 'indicator', new.id, fold_vi(new.code || ' ' || new.title), fold_vi(new.description || ' ' || new.source_text));
END;
