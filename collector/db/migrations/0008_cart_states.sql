-- WITHOUT ROWID (not modelled by drizzle-kit): rows lie in (last_activity, person_id)
-- order, so a range of them is one sequential read (collector/db/schema/cart-states.ts).
CREATE TABLE `cart_states` (
	`last_activity` integer NOT NULL,
	`person_id` integer NOT NULL,
	`next_order` integer,
	`cart` text,
	PRIMARY KEY(`last_activity`, `person_id`)
) WITHOUT ROWID;
--> statement-breakpoint
-- The state of persons stored before this migration: latest activity and the next
-- order after it. `cart` stays null (abandoned carts replay those persons from their
-- events) until a batch changes the person's cart or ids and ingest writes it whole.
INSERT INTO `cart_states` (`last_activity`, `person_id`, `next_order`, `cart`)
  SELECT l.`at`, l.`p`, (
      SELECT min(o.`timestamp`) FROM `events` o INDEXED BY `events_cart_history`
      WHERE o.event in ('Product Added', 'Product Removed', 'Cart Viewed', 'Checkout Started', 'Order Completed') and o.bot = 0 and o.person_id is not null
        AND o.`event` = 'Order Completed' AND o.`person_id` = l.`p` AND o.`timestamp` >= l.`at`), NULL
  FROM (
    SELECT e.`person_id` AS `p`, max(e.`timestamp`) AS `at` FROM `events` e INDEXED BY `events_cart_history`
    WHERE e.event in ('Product Added', 'Product Removed', 'Cart Viewed', 'Checkout Started', 'Order Completed') and e.bot = 0 and e.person_id is not null
      AND e.`event` IN ('Product Added', 'Cart Viewed', 'Checkout Started')
    GROUP BY e.`person_id`) l;
--> statement-breakpoint
-- Built after the fill: cheaper than keeping it up to date through every insert.
CREATE INDEX `cart_states_person` ON `cart_states` (`person_id`);
