-- A person's journey: their events on every device and channel, in time order.
-- :id is any of their ids (userId or anonymousId); `identities` maps each id to
-- its person, and every event row carries the person it belongs to.
select strftime('%Y-%m-%d %H:%M', e.timestamp / 1000, 'unixepoch') as time,
       coalesce(e.channel, 'web') as channel,
       e.type,
       coalesce(e.event, e.name, e.page_path) as what,
       e.campaign_source as campaign
from events e
where e.person_id = (select person_id from identities where value = :id)
  and e.bot = 0
order by e.timestamp, e.id
