#!/bin/sh
# Rule 12: a failing (or busy) source keeps the last TCB: "source-error"
# once per run of failures, sysfs source_errors counts every failed read,
# nothing fires while the last good read is younger than grace; an ack is
# checked against the last TCB, and accepted only within that grace. Past
# grace (and at least three failed polls) the TCB is unverifiable:
# "source-lost" (event and uevent), relaxed fires, permissive only reports.
# timeout: 150
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

# part 1 has a long grace (a slow kernel takes seconds for its steps),
# part 2 a short one
G=$(ts 10)
setup_armed mode=relaxed action=log timeout="$(ts 60)" grace="$G" poll_ms=100
expect_attr source_errors 0
uevents_start "$(ts 60)"
events_reset

# A busy source (EBUSY, as a throttling host answers): errors, no fire.
t0=$(now_ms)
sim_errno 16
wait_event source-error "$(ts 1)"
sleep "$(ts 1)"
n=$(wd_attr source_errors)
expect_int_ge "$n" 3 "failed reads counted after 1 s at poll_ms 100"
expect_attr state armed
expect_attr current_tcb "$TCB1"
# Within grace an ack is checked against the last TCB.
expect_ok "ack $TCB1"
expect_errno "ack $TCB2" ESTALE
expect_eq "$(count_events source-error)" 1 "source-error events in one run of failures"
# The source recovers before grace ends: the run is over, nothing lost.
sim_errno 0
el=$(( $(now_ms) - t0 ))
expect_int_le "$el" "$(( G * 1000 - 500 ))" "ms of failures before recovering"
wait_attr current_tcb "$TCB1" "$(ts 1)"
sleep "$(ts 0.5)"
expect_no_event source-lost
expect_attr fire_count 0
expect_ok "ack $TCB1"

# A failing source past grace: source-lost, relaxed fires.
G=$(ts 3)
expect_ok "set grace $G"
events_reset
t0=$(now_ms)
sim_errno 5
wait_event source-lost "$(( G + $(ts 2) ))"
el=$(( $(now_ms) - t0 ))
expect_int_ge "$el" "$(( G * 1000 - 200 ))" "ms from the failure to source-lost"
wait_state fired "$(ts 1)"
expect_attr fire_count 1
expect_event source-lost "$TCB1"
order=$(awk '{ printf "%s ", $2 }' "$EVLOG")
expect_eq "$order" "source-error source-lost fired " "events of a lost source"
# An ack past grace can not be verified: refused with the source's error.
expect_errno "ack $TCB1" EIO
expect_attr state fired
expect_attr acked_tcb "$TCB1"
n=$(wd_attr source_errors)
sim_errno 0
wait_attr current_tcb "$TCB1" "$(ts 1)"
expect_ok "ack $TCB1"
expect_attr state armed
# source_errors only grows.
expect_int_ge "$(wd_attr source_errors)" "$n" "source_errors after recovery"

# Permissive: source-lost is reported, nothing fires.
expect_ok "set mode permissive"
events_reset
sim_errno 5
wait_event source-lost "$(( G + $(ts 2) ))"
sleep "$(ts 0.5)"
expect_attr state armed
expect_attr fire_count 1
expect_no_event fired
sim_errno 0
sleep "$(ts 0.5)"

uevents_stop
expect_uevent source-lost "$TCB1"
pass
