#!/bin/sh
# Rule 14: unless disarmed (armed, changed, fired) the core holds a
# reference on itself and on its source's module, so rmmod of either fails
# until "disarm", with or without nowayout; a source that registers while
# armed is pinned too; a source that goes away after disarm is an event
# "source-gone".
# timeout: 120
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

# refuse_rmmod MODULE WHAT: rmmod fails and the module stays loaded.
refuse_rmmod() {
	rmmod "$1" 2>/dev/null && fail "rmmod $1 succeeded while $2"
	grep -q "^$1 " /proc/modules || fail "$1 gone after a refused rmmod"
	ok "rmmod $1 refused while $2"
}
refcnt() { cat "/sys/module/$1/refcnt"; }

# --- without nowayout ---------------------------------------------------------
# Armed before any source: only the core is pinned.
load_wd mode=relaxed action=log timeout="$(ts 60)" grace="$(ts 60)" poll_ms=100
expect_eq "$(refcnt tsm_watchdog)" 0 "core refcnt while disarmed"
expect_ok "ack $TCB1"
expect_attr state armed
expect_eq "$(refcnt tsm_watchdog)" 1 "core refcnt while armed"
refuse_rmmod tsm_watchdog "armed without a source"
# A source registering while armed is pinned at once.
load_sim
sim_tcb_set "$TCB1"
wait_attr source sim "$(ts 3)"
expect_eq "$(refcnt tsm_wd_sim)" 1 "sim refcnt while the core is armed"
refuse_rmmod tsm_wd_sim "armed"
expect_attr source sim
# changed: still pinned
sim_tcb_set "$TCB2"
wait_state changed "$(ts 3)"
refuse_rmmod tsm_wd_sim "changed"
refuse_rmmod tsm_watchdog "changed"
# fired (action log): still pinned
expect_ok reject
expect_attr state fired
refuse_rmmod tsm_wd_sim "fired"
refuse_rmmod tsm_watchdog "fired"
# disarm drops both references
events_reset
expect_ok disarm
expect_eq "$(refcnt tsm_watchdog)" 0 "core refcnt after disarm"
expect_eq "$(refcnt tsm_wd_sim)" 0 "sim refcnt after disarm"
unload_sim
expect_attr source none
expect_event source-gone
expect_attr state disarmed
expect_attr fire_count 1
# The source may come back and go again while disarmed.
load_sim
wait_attr source sim "$(ts 3)"
events_reset
unload_sim
expect_event source-gone
unload_wd
[ -e "$WD_DEV" ] && fail "$WD_DEV still there after rmmod"
ok "both modules unloaded after disarm"

# --- nowayout ---------------------------------------------------------------
setup_armed nowayout=1 mode=relaxed action=log timeout="$(ts 60)" grace="$(ts 60)" poll_ms=100
refuse_rmmod tsm_wd_sim "armed under nowayout"
refuse_rmmod tsm_watchdog "armed under nowayout"
expect_errno disarm EPERM
expect_ok reject
expect_attr state fired
refuse_rmmod tsm_wd_sim "fired under nowayout"
refuse_rmmod tsm_watchdog "fired under nowayout"
expect_errno disarm EPERM
expect_attr source sim
# The pinned source keeps working: a change is still seen.
events_reset
sim_tcb_set "$TCB2"
wait_event changed "$(ts 3)"
expect_event changed "$TCB2"
pass
