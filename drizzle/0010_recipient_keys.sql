-- The dedupe keys of meeting messages (announcements, updates, reminders, nudges, the digest) and
-- of reporting nudges now name the recipient by what survives a change of chat id: 'm<member id>'
-- for a private chat, 'c<chat row id>' for a group (the row of the basic group it was before an
-- upgrade to a supergroup), instead of the Telegram chat id. Rows already in the outbox get the new
-- keys, so the planner (which enqueues the same reminder every 30 s until the meeting starts) finds
-- them and nothing is sent twice after the upgrade. OR IGNORE: a row whose new key is already taken
-- (a duplicate of the kind this removes) keeps its old key.
UPDATE OR IGNORE `outbox`
SET `dedupe_key` = substr(`dedupe_key`, 1, length(`dedupe_key`) - length(`chat_id`)) || 'm' || `member_id`
WHERE `member_id` IS NOT NULL
	AND `source` IN ('meeting', 'meeting-nudge', 'digest', 'report-nudge')
	AND `dedupe_key` LIKE '%:' || `chat_id`;
--> statement-breakpoint
-- A group's row may already have moved to the supergroup's id (its key still ends with the old id).
UPDATE OR IGNORE `outbox`
SET `dedupe_key` = coalesce((
	SELECT substr(`outbox`.`dedupe_key`, 1, length(`outbox`.`dedupe_key`) - length(c.`telegram_chat_id`)) || 'c' || coalesce(o.`id`, c.`id`)
	FROM `chats` c
	LEFT JOIN `chats` o ON o.`telegram_chat_id` = c.`migrated_from_chat_id`
	WHERE (c.`telegram_chat_id` = `outbox`.`chat_id` OR c.`migrated_to_chat_id` = `outbox`.`chat_id`)
		AND `outbox`.`dedupe_key` LIKE '%:' || c.`telegram_chat_id`
	LIMIT 1
), `dedupe_key`)
WHERE `member_id` IS NULL AND `source` = 'meeting';
