#!/bin/sh
# Rule 1: a starved watchdog warns (pretimeout), then fires within
# timeout + 1 s (not before the timeout); the fired state persists until a
# valid ack re-arms it (rule 9) and fire_count only grows.
# timeout: 60
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

# The ack happens inside setup_armed: the true ack-to-fire time lies
# between (now - t0) and (now - tb). The lower bound is refuted only if
# even the longer one is short, the upper only if even the shorter is long.
tb=$(now_ms)
setup_armed timeout="$(ts 5)" poll_ms=100 action=log
dmesg_mark
t0=$(now_ms)
sleep "$(ts 2)"	# well inside the 5 s timeout, even on a slow guest
expect_attr state armed
expect_attr fire_count 0
wait_state fired "$(ts 5)"
tn=$(now_ms)
el=$(( tn - t0 ))
expect_int_ge "$(( tn - tb ))" "$(ts 4900)" "ms from before the ack to firing"
expect_int_le "$el" "$(ts 6000)" "ms from the ack to firing"
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
wait_state fired "$(ts 7)"
expect_attr fire_count 2
pass
