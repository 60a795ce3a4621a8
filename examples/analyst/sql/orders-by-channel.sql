-- Orders and revenue by channel: the web shop (no channel), and what the server
-- side sent with context.channel, such as "store" or "call_center".
select coalesce(channel, 'web') as channel, count(*) as orders, sum(revenue) as revenue
from events
where type = 'track' and event = 'Order Completed' and bot = 0
group by 1
order by revenue desc
