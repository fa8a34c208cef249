#!/bin/sh
# Rule 5 + 7: "reject" with action poweroff ends the guest at once.
# expect-outcome: poweroff
# timeout: 60
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

setup_armed timeout="$(ts 30)" poll_ms=100 action=poweroff
wd reject
sleep "$(ts 10)"
fail "still running 10 s after reject (action poweroff)"
