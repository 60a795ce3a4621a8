CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`write_key` text NOT NULL,
	`message_id` text NOT NULL,
	`type` text NOT NULL,
	`event` text,
	`name` text,
	`anonymous_id` text,
	`user_id` text,
	`previous_id` text,
	`group_id` text,
	`timestamp` integer NOT NULL,
	`original_timestamp` text,
	`sent_at` text,
	`received_at` integer NOT NULL,
	`properties` text,
	`traits` text,
	`context` text,
	`page_path` text,
	`campaign_source` text,
	`campaign_medium` text,
	`campaign_name` text,
	`channel` text,
	`session_id` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_write_key_message_id` ON `events` (`write_key`,`message_id`);--> statement-breakpoint
CREATE INDEX `events_timestamp` ON `events` (`timestamp`);--> statement-breakpoint
CREATE INDEX `events_anonymous_id` ON `events` (`anonymous_id`) WHERE "events"."anonymous_id" is not null;--> statement-breakpoint
CREATE INDEX `events_user_id` ON `events` (`user_id`) WHERE "events"."user_id" is not null;--> statement-breakpoint
CREATE INDEX `events_event_timestamp` ON `events` (`event`,`timestamp`);--> statement-breakpoint
CREATE TABLE `quarantine` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`write_key` text NOT NULL,
	`received_at` integer NOT NULL,
	`batch_index` integer NOT NULL,
	`message_id` text,
	`anonymous_id` text,
	`user_id` text,
	`errors` text NOT NULL,
	`payload` text NOT NULL
);
