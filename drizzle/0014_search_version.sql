-- A number that changes whenever the search index does, so the search service may keep what it
-- read from the index (the documents that match a search, their folded text) until it changes:
-- one trigger next to each trigger of 0008_search_without_app_functions.sql, on the same events,
-- in plain SQL, so a write by any SQLite client raises it too. The index itself is unchanged.
-- A member's notices (which search lets them find) are read from notice_recipients_member_idx
-- alone, now that it holds the notice too.
CREATE TABLE `search_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
DROP INDEX `notice_recipients_member_idx`;--> statement-breakpoint
CREATE INDEX `notice_recipients_member_idx` ON `notice_recipients` (`member_id`,`notice_id`);
--> statement-breakpoint
INSERT INTO search_version (id, version) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER search_version_branches_ins AFTER INSERT ON branches BEGIN
	UPDATE search_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER search_version_branches_upd AFTER UPDATE OF code, name, short_name ON branches BEGIN
	UPDATE search_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER search_version_members_ins AFTER INSERT ON members BEGIN
	UPDATE search_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER search_version_members_upd AFTER UPDATE OF full_name, code ON members BEGIN
	UPDATE search_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER search_version_meetings_ins AFTER INSERT ON meetings WHEN new.status <> 'draft' BEGIN
	UPDATE search_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER search_version_meetings_upd AFTER UPDATE OF title, agenda, location, status ON meetings BEGIN
	UPDATE search_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER search_version_notices_upd AFTER UPDATE OF status ON notices WHEN new.status IN ('sending', 'sent') BEGIN
	UPDATE search_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER search_version_indicators_ins AFTER INSERT ON indicators BEGIN
	UPDATE search_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER search_version_indicators_upd AFTER UPDATE OF code, title, description, source_text ON indicators BEGIN
	UPDATE search_version SET version = version + 1 WHERE id = 1;
END;
