ALTER TABLE `events` ADD `ip` text;--> statement-breakpoint
ALTER TABLE `events` ADD `bot` integer DEFAULT false NOT NULL;