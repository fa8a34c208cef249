#!/bin/sh
# Rule 7: action "reboot" ends the guest: run-guest must report outcome=reboot.
# expect-outcome: reboot
# timeout: 60
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

setup_armed timeout="$(ts 2)" poll_ms=100 action=reboot
expect_attr action reboot
log "starving the watchdog; the guest must reboot within 3 s"
sleep "$(ts 10)"
fail "still running 10 s after the heartbeat stopped (action reboot)"
