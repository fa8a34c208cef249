#!/bin/sh
# Rule 7: action "panic" ends the guest: run-guest must report outcome=panic.
# expect-outcome: panic
# timeout: 60
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

setup_armed timeout="$(ts 2)" poll_ms=100 action=panic
expect_attr action panic
log "starving the watchdog; the guest must panic within 3 s"
sleep "$(ts 10)"
fail "still running 10 s after the heartbeat stopped (action panic)"
