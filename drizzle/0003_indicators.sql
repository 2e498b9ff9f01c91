CREATE TABLE `indicator_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`indicator_id` integer NOT NULL,
	`branch_id` integer NOT NULL,
	`period` text NOT NULL,
	`numerator` integer NOT NULL,
	`denominator` integer,
	`note` text,
	`reported_by_member_id` integer,
	`reported_at` integer NOT NULL,
	`superseded_at` integer,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reported_by_member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `indicator_reports_lookup_idx` ON `indicator_reports` (`indicator_id`,`period`);--> statement-breakpoint
CREATE UNIQUE INDEX `indicator_reports_current_idx` ON `indicator_reports` (`indicator_id`,`branch_id`,`period`) WHERE superseded_at is null;--> statement-breakpoint
CREATE TABLE `indicators` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`resolution_id` integer NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`source_text` text DEFAULT '' NOT NULL,
	`unit` text DEFAULT '' NOT NULL,
	`kind` text NOT NULL,
	`target` integer NOT NULL,
	`target_year` integer,
	`numerator_label` text DEFAULT '' NOT NULL,
	`denominator_label` text DEFAULT '' NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`resolution_id`) REFERENCES `resolutions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicators_code_idx` ON `indicators` (`resolution_id`,`code`);--> statement-breakpoint
CREATE TABLE `resolutions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`level` text DEFAULT 'bloc' NOT NULL,
	`term_start_year` integer NOT NULL,
	`term_end_year` integer NOT NULL,
	`current` integer DEFAULT false NOT NULL,
	`closed` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `resolutions_code_unique` ON `resolutions` (`code`);