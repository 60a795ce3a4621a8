#!/bin/sh
# Loads sample-events.json (4 shoppers, 20 events, October 2026) into a running
# collector, so that every recipe has known answers. Loading it twice stores
# nothing twice: the events have fixed messageIds.
#   sh examples/analyst/seed.sh        (FOOTFALL_URL, FOOTFALL_WRITE_KEY)
set -eu
URL=${FOOTFALL_URL:-http://localhost:8787}
curl -sS --fail -u "${FOOTFALL_WRITE_KEY:-dev_write_key}:" \
  -H 'content-type: application/json' --data-binary "@$(dirname "$0")/sample-events.json" "$URL/v1/batch"
echo
