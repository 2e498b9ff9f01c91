CREATE TABLE `notice_recipients` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`notice_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`branch_id` integer,
	`acknowledged_at` integer,
	`nudge_stage` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`notice_id`) REFERENCES `notices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notice_recipients_unique` ON `notice_recipients` (`notice_id`,`member_id`);--> statement-breakpoint
CREATE INDEX `notice_recipients_member_idx` ON `notice_recipients` (`member_id`);--> statement-breakpoint
CREATE TABLE `notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`author_member_id` integer NOT NULL,
	`audience` text NOT NULL,
	`kind` text NOT NULL,
	`body` text NOT NULL,
	`file_id` text,
	`title` text NOT NULL,
	`require_ack` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`scheduled_at` integer,
	`released_at` integer,
	`completed_at` integer,
	`progress_chat_id` integer,
	`progress_message_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`author_member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notices_status_idx` ON `notices` (`status`,`scheduled_at`);--> statement-breakpoint
CREATE INDEX `notices_author_idx` ON `notices` (`author_member_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedupe_key` text NOT NULL,
	`chat_id` integer NOT NULL,
	`member_id` integer,
	`kind` text DEFAULT 'text' NOT NULL,
	`text` text DEFAULT '' NOT NULL,
	`file_id` text,
	`reply_markup` text,
	`priority` integer DEFAULT 5 NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`telegram_message_id` integer,
	`sent_at` integer,
	`source` text,
	`source_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_key_unique` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`priority`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_source_idx` ON `outbox` (`source`,`source_id`,`status`);--> statement-breakpoint
CREATE INDEX `outbox_chat_idx` ON `outbox` (`chat_id`,`status`);