CREATE TABLE `cart_signals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cart_id` text NOT NULL,
	`cart_event_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`covered_activity` integer NOT NULL,
	`cart` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cart_signals_cart_id_unique` ON `cart_signals` (`cart_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `cart_signals_cart_event_id_unique` ON `cart_signals` (`cart_event_id`);--> statement-breakpoint
CREATE INDEX `cart_signals_person` ON `cart_signals` (`person_id`,`covered_activity`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`signal_id` integer PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_until` integer,
	`last_status` integer,
	`last_error` text,
	`delivered_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_due` ON `webhook_deliveries` (`next_attempt_at`) WHERE "webhook_deliveries"."status" = 'pending';