#!/bin/sh
# Analyst recipes over HTTP: each report of the query API, with curl and a read key.
#   sh examples/analyst/curl.sh [person id]     (FOOTFALL_URL, FOOTFALL_READ_KEY)
# Each answer is one line of JSON; pipe it to `jq .` to read it comfortably.
set -eu
URL=${FOOTFALL_URL:-http://localhost:8787}
KEY=${FOOTFALL_READ_KEY:-dev_read_key}
PERSON=${1:-cust-1042}

get() { curl -sS --fail -H "Authorization: Bearer $KEY" "$URL$1"; }
post() { curl -sS --fail -H "Authorization: Bearer $KEY" -H 'content-type: application/json' "$URL$1" -d "$2"; }

echo "## Journey of $PERSON (any of their ids), every device and channel"
get "/v1/people/$PERSON/journey"; echo

echo '## Funnel: viewed, added, checkout, order within 7 days'
post /v1/query/funnel '{"steps":[{"event":"Product Viewed"},{"event":"Product Added"},
  {"event":"Checkout Started"},{"event":"Order Completed"}],"window":"7d"}'; echo

echo '## Attribution: orders and revenue by the last campaign source within 30 days'
post /v1/query/attribution '{"conversion":"Order Completed","model":"last_touch","by":"source","lookback":"30d"}'; echo

echo '## Abandoned carts: no order within 24 hours of the last cart activity'
get '/v1/query/abandoned-carts?idle=24h'; echo

# Every report takes from/to (ISO-8601, [from, to)); without them, all time.
echo '## Export: every event of October 2026, as CSV'
get '/v1/export?format=csv&from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z'
