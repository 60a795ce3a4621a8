CREATE TABLE `identities` (
	`value` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`person_id` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `identities_person_id` ON `identities` (`person_id`);--> statement-breakpoint
CREATE TABLE `persons` (
	`id` integer PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`event_count` integer NOT NULL,
	`channel` text,
	`campaign_source` text,
	`campaign_medium` text,
	`campaign_name` text
);
--> statement-breakpoint
CREATE INDEX `sessions_person_start` ON `sessions` (`person_id`,`start`);--> statement-breakpoint
CREATE INDEX `sessions_start` ON `sessions` (`start`);--> statement-breakpoint
ALTER TABLE `events` ADD `person_id` integer;--> statement-breakpoint
CREATE INDEX `events_person_timestamp` ON `events` (`person_id`,`timestamp`);