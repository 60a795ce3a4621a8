-- Carts of one millisecond are listed by the person's first id: keeping it in the key
-- (WITHOUT ROWID, as in 0008) gives the listing order straight from the table, with
-- no sort and no JSON read (collector/db/schema/cart-states.ts).
CREATE TABLE `__new_cart_states` (
	`last_activity` integer NOT NULL,
	`first_id` text NOT NULL,
	`person_id` integer NOT NULL,
	`next_order` integer,
	`cart` text,
	PRIMARY KEY(`last_activity`, `first_id`, `person_id`)
) WITHOUT ROWID;
--> statement-breakpoint
-- The first id as the cart lists it: the least userId, else the least anonymousId
-- (min() compares text in BINARY order, the code point order of the cart's ids).
INSERT INTO `__new_cart_states` (`last_activity`, `first_id`, `person_id`, `next_order`, `cart`)
  SELECT s.`last_activity`, coalesce(
      (SELECT min(i.`value`) FROM `identities` i WHERE i.`person_id` = s.`person_id` AND i.`kind` = 'user'),
      (SELECT min(i.`value`) FROM `identities` i WHERE i.`person_id` = s.`person_id` AND i.`kind` = 'anonymous'), ''),
    s.`person_id`, s.`next_order`, s.`cart`
  FROM `cart_states` s;
--> statement-breakpoint
DROP TABLE `cart_states`;
--> statement-breakpoint
ALTER TABLE `__new_cart_states` RENAME TO `cart_states`;
--> statement-breakpoint
CREATE INDEX `cart_states_person` ON `cart_states` (`person_id`);
--> statement-breakpoint
CREATE INDEX `cart_states_unfilled` ON `cart_states` (`last_activity`) WHERE "cart_states"."cart" is null;
