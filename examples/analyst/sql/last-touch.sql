-- Orders and revenue by the campaign source of the last touch (an event with
-- utm_source) at most 30 days before each order; "(direct)" when there was none.
-- `revenue` is kept per event at ingest: properties.revenue, else total, else 0.
with orders as (
  select id, person_id, timestamp, revenue from events
  where type = 'track' and event = 'Order Completed' and bot = 0
), last_touch as (
  select o.id as order_id, t.campaign_source as source,
         row_number() over (partition by o.id order by t.timestamp desc, t.id desc) as rank
  from orders o
  join events t on t.person_id = o.person_id and t.campaign_source is not null and t.bot = 0
   and t.timestamp between o.timestamp - 30 * 86400000 and o.timestamp
)
select coalesce(l.source, '(direct)') as source, count(*) as orders, sum(o.revenue) as revenue
from orders o left join last_touch l on l.order_id = o.id and l.rank = 1
group by 1
order by revenue desc, source
