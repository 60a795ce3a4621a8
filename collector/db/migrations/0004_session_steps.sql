CREATE TABLE `step_labels` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`label` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `step_labels_label_unique` ON `step_labels` (`label`);--> statement-breakpoint
ALTER TABLE `sessions` ADD `steps` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Steps of the sessions stored before this migration, with the label → character
-- mapping of collector/identity/step-codes.ts. Each person's non-bot events are
-- numbered in (timestamp, id) order and a session takes the next event_count of them,
-- which stays exact where two sessions meet at one millisecond.
INSERT OR IGNORE INTO `step_labels` (`label`) SELECT DISTINCT CASE WHEN `type` = 'track' THEN coalesce(`event`, '') ELSE 'page ' || coalesce(`page_path`, `name`, '') END FROM `events` WHERE `bot` = 0 AND `person_id` IS NOT NULL AND `type` IN ('track', 'page', 'screen');--> statement-breakpoint
-- A plain table, not TEMP: libSQL servers (sqld, Turso) refuse temporary tables.
CREATE TABLE `steps_backfill` AS SELECT `person_id`, row_number() OVER (PARTITION BY `person_id` ORDER BY `timestamp`, `id`) AS `n`, CASE WHEN `type` = 'track' THEN coalesce(`event`, '') WHEN `type` IN ('page', 'screen') THEN 'page ' || coalesce(`page_path`, `name`, '') END AS `label` FROM `events` WHERE `bot` = 0 AND `person_id` IS NOT NULL;--> statement-breakpoint
CREATE INDEX `steps_backfill_person_n` ON `steps_backfill` (`person_id`, `n`);--> statement-breakpoint
UPDATE `sessions` SET `steps` = coalesce((
  -- Ordered in a subquery rather than with group_concat(… ORDER BY …): libSQL
  -- servers' SQL parser does not accept aggregate ORDER BY.
  SELECT group_concat(`ch`, '') FROM (
    SELECT char(l.`id` + 32 + CASE WHEN l.`id` + 32 >= 55296 THEN 2048 ELSE 0 END) AS `ch`
    FROM `steps_backfill` b JOIN `step_labels` l ON l.`label` = b.`label`
    WHERE b.`person_id` = `sessions`.`person_id`
      AND b.`n` > `c`.`cumulative` - `sessions`.`event_count`
      AND b.`n` <= `c`.`cumulative`
    ORDER BY b.`n`
  )), '') FROM (SELECT `id` AS `session_id`, sum(`event_count`) OVER (PARTITION BY `person_id` ORDER BY `start`, `id`) AS `cumulative` FROM `sessions`) AS `c` WHERE `sessions`.`id` = `c`.`session_id`;--> statement-breakpoint
DROP TABLE `steps_backfill`;--> statement-breakpoint
-- Built after the fill: cheaper than keeping it up to date through every update.
CREATE INDEX `sessions_steps_start` ON `sessions` (`steps`,`start`);
