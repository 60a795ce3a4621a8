#!/bin/sh
# The recipes as plain SQL on the libSQL file, run by `footfall sql` (read-only;
# no sqlite3 shell needed). Each query is a file in sql/, to copy into any SQLite tool.
#   sh examples/analyst/sql.sh [person id]      (FOOTFALL_DB_URL)
set -eu
SQL=$(dirname "$0")/sql
PERSON=${1:-cust-1042}

echo "## Journey of $PERSON"
npx footfall sql --file "$SQL/journey.sql" --param "id=$PERSON"

echo '## Funnel: viewed, added, checkout, order within 7 days of the first view'
npx footfall sql --file "$SQL/funnel.sql"

echo '## Attribution: last touch by source, 30 days'
npx footfall sql --file "$SQL/last-touch.sql"

echo '## Abandoned carts: no order within 24 hours'
npx footfall sql --file "$SQL/abandoned-carts.sql"

echo '## Orders by channel'
npx footfall sql --file "$SQL/orders-by-channel.sql"
