-- Carts left without an order within 24 hours of their last activity. The
-- collector keeps each person's latest cart ready in `cart_states` (its `cart`
-- column is the abandoned-carts API's JSON entry); a person who is still active
-- after it is worked out from their events by the API, so prefer it for a range.
select coalesce(json_extract(cart, '$.userIds[0]'), json_extract(cart, '$.anonymousIds[0]')) as person,
       strftime('%Y-%m-%d %H:%M', last_activity / 1000, 'unixepoch') as last_activity,
       (select group_concat(json_extract(p.value, '$.productId') || ' x' || json_extract(p.value, '$.quantity'), ', ')
          from json_each(cart, '$.products') p) as products,
       json_extract(cart, '$.value') as value
from cart_states
where cart is not null and (next_order is null or next_order > last_activity + 86400000)
order by last_activity, first_id
