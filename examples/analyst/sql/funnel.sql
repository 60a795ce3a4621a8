-- Persons who viewed a product, then added one, started checkout and ordered,
-- each step at or after the one before and within 7 days of their first view.
-- Simpler than the funnel API, which tries every view as a start (a later view
-- may lead further): the counts agree whenever a person's first view is their best.
with viewed as (
  select person_id, min(timestamp) as start from events
  where event = 'Product Viewed' and bot = 0 group by person_id
), added as (
  select v.person_id, v.start, min(e.timestamp) as at from viewed v
  join events e on e.person_id = v.person_id and e.event = 'Product Added' and e.bot = 0
   and e.timestamp >= v.start and e.timestamp <= v.start + 7 * 86400000
  group by v.person_id
), checkout as (
  select a.person_id, a.start, min(e.timestamp) as at from added a
  join events e on e.person_id = a.person_id and e.event = 'Checkout Started' and e.bot = 0
   and e.timestamp >= a.at and e.timestamp <= a.start + 7 * 86400000
  group by a.person_id
), ordered as (
  select c.person_id from checkout c
  join events e on e.person_id = c.person_id and e.event = 'Order Completed' and e.bot = 0
   and e.timestamp >= c.at and e.timestamp <= c.start + 7 * 86400000
  group by c.person_id
)
select 'Product Viewed' as step, (select count(*) from viewed) as persons
union all select 'Product Added', (select count(*) from added)
union all select 'Checkout Started', (select count(*) from checkout)
union all select 'Order Completed', (select count(*) from ordered)
