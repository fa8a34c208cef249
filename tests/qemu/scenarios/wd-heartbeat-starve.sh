#!/bin/sh
# Rule 1: a starved watchdog warns (pretimeout), then fires within
# timeout + 1 s (not before the timeout); the fired state persists until a
# valid ack re-arms it (rule 9) and fire_count only grows.
# timeout: 60
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

# Timed by the kernel's clock (kmark, the "fired:" line), so that however
# long a slow guest takes to notice, only the kernel's own lateness counts:
# the ack lies between two marks, so the true ack-to-fire time lies
# between (fired - the mark after) and (fired - the mark before).
T=$(ts 5)
T_MS=$(awk -v t="$T" 'BEGIN { printf "%d\n", t * 1000 }')
setup_loaded timeout="$T" poll_ms=100 action=log
dmesg_mark
ack_timed "$TCB1"
expect_attr state armed
sleep "$(ts 2)"	# well inside the timeout, even on a slow guest
expect_attr state armed
expect_attr fire_count 0
wait_state fired "$(ts 10)"
expect_fired_kernel "$KMARK_BEFORE" "$KMARK_MS" "$T_MS" "the ack"
expect_attr fire_count 1
expect_attr last_event fired
expect_event pretimeout
expect_event expired
expect_event fired
# Order: pretimeout, then expired, then fired.
order=$(awk '$2 == "pretimeout" || $2 == "expired" || $2 == "fired" { printf "%s ", $2 }' "$EVLOG")
expect_eq "$order" "pretimeout expired fired " "order of the heartbeat events"
expect_dmesg tsm_watchdog
# Rule 9: stays fired (log is not terminal) until a valid ack.
sleep "$(ts 1)"
expect_attr state fired
expect_ok "ack $TCB1"
expect_attr state armed
expect_attr fire_count 1
# Starve again: fire_count grows.
wait_state fired "$(ts 10)"
expect_attr fire_count 2
pass
