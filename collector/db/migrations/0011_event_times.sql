-- WITHOUT ROWID (not modelled by drizzle-kit): an event name's rows lie in person
-- order, one sequential read (collector/db/schema/event-times.ts).
CREATE TABLE `event_times` (
	`event` text NOT NULL,
	`person_id` integer NOT NULL,
	`times` text NOT NULL,
	PRIMARY KEY(`event`, `person_id`)
) WITHOUT ROWID;
--> statement-breakpoint
-- Times of events stored before this migration, in time order (the inner ORDER BY).
INSERT INTO `event_times` (`event`, `person_id`, `times`)
  SELECT `event`, `person_id`, group_concat(`timestamp`, ',') FROM (
    SELECT `event`, `person_id`, `timestamp` FROM `events`
    WHERE `bot` = 0 AND `person_id` IS NOT NULL AND `event` IS NOT NULL
    ORDER BY `event`, `person_id`, `timestamp`)
  GROUP BY `event`, `person_id`;
--> statement-breakpoint
-- Built after the fill: cheaper than keeping it up to date through every insert.
CREATE INDEX `event_times_person` ON `event_times` (`person_id`);
--> statement-breakpoint
-- Each new event appends its time in the transaction that stores it. Merges move a
-- loser's rows to the survivor (identity/plan-identity-writes.ts); erasure deletes them.
CREATE TRIGGER `event_times_insert` AFTER INSERT ON `events`
  WHEN new.`bot` = 0 AND new.`person_id` IS NOT NULL AND new.`event` IS NOT NULL BEGIN
  INSERT INTO `event_times` (`event`, `person_id`, `times`) VALUES (new.`event`, new.`person_id`, new.`timestamp`)
    ON CONFLICT (`event`, `person_id`) DO UPDATE SET `times` = `times` || ',' || excluded.`times`;
END;
