#!/bin/sh
# Rule 7: action "warn" is a WARN() (a "WARNING:" line and a backtrace) in
# the fire path: at tsm_wd_fire(), reached by the reject command from
# write(); without panic_on_warn the machine keeps running.
# expect-console: WARN tsm_wd_fire+
# timeout: 120
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

expect_eq "$(cat /proc/sys/kernel/panic_on_warn)" 0 "panic_on_warn"
setup_armed timeout="$(ts 30)" poll_ms=100 action=warn
dmesg_mark
expect_ok reject
wait_state fired "$(ts 1)"
dmesg_since > /tmp/warn.txt
head -n 40 /tmp/warn.txt
expect_eq "$(grep -c 'WARNING:' /tmp/warn.txt)" 1 "WARNING: lines"
grep 'WARNING:' /tmp/warn.txt | grep -q ' tsm_wd_fire+0x[0-9a-f]*/0x[0-9a-f]* \[tsm_watchdog\]' ||
	fail "the WARNING: line is not at tsm_wd_fire in tsm_watchdog"
ok "WARNING: at tsm_wd_fire"
grep -q 'RIP: [0-9a-f]*:tsm_wd_fire+' /tmp/warn.txt || fail "RIP is not in tsm_wd_fire"
ok "RIP in tsm_wd_fire"
# The backtrace, after "Call Trace:", comes from write() (reject reaches
# tsm_wd_fire() by a tail call, so tsm_wd_reject is not in it).
sed -n '/Call Trace:/,/<\/TASK>/p' /tmp/warn.txt > /tmp/trace.txt
grep -v ' ? ' /tmp/trace.txt | grep -q ' tsm_wd_write+0x' || fail "tsm_wd_write not in the backtrace"
ok "tsm_wd_write in the backtrace"
grep -q 'tsm_watchdog: fired: rejected by userspace (tcb '"$TCB1"')' /tmp/warn.txt ||
	fail "the WARNING does not say why it fired"
ok "WARN message names the reason and the TCB"
expect_attr fire_count 1
expect_attr state fired
# Still alive and re-armable.
expect_ok "ack $TCB1"
expect_attr state armed
pass
