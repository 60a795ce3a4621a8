#!/bin/sh
# The same recipes with the footfall CLI, straight on the database: no server, no
# key; it reads FOOTFALL_DB_URL (default file:./data/footfall.db, the one `npm start` writes).
#   sh examples/analyst/cli.sh [person id]
# Add --json to any `query` for the HTTP API's JSON instead of a table.
set -eu
PERSON=${1:-cust-1042}

echo "## Journey of $PERSON"
npx footfall query journey "$PERSON"

echo '## Funnel: viewed, added, checkout, order within 7 days'
npx footfall query funnel --steps 'Product Viewed,Product Added,Checkout Started,Order Completed' --window 7d

echo '## Attribution: last touch by source, 30 days'
npx footfall query attribution --model last_touch --by source --lookback 30d

echo '## Abandoned carts: idle 24 hours'
npx footfall query abandoned-carts --idle 24h

echo '## Export: every event of October 2026, as CSV (add --out events.csv for a file)'
npx footfall export --format csv --from 2026-10-01 --to 2026-11-01
