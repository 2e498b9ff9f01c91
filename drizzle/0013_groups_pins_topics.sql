ALTER TABLE `chats` ADD `thread_id` integer;--> statement-breakpoint
ALTER TABLE `chats` ADD `bot_can_pin` integer;--> statement-breakpoint
ALTER TABLE `chats` ADD `bot_rights_at` integer;--> statement-breakpoint
ALTER TABLE `notices` ADD `pin_in_groups` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox` ADD `thread_id` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `pin_after_sent` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox` ADD `target_message_id` integer;