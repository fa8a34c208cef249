#!/bin/sh
# Rule 7: action "warn" is a WARN() (a "WARNING:" line and a backtrace) in
# the fire path: at tsm_wd_fire(), called by the reject command from
# write(); without panic_on_warn the machine keeps running.
# expect-warn: tsm_wd_fire+
# timeout: 60
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
# The backtrace, after "Call Trace:": reject's path from write().
sed -n '/Call Trace:/,/<\/TASK>/p' /tmp/warn.txt > /tmp/trace.txt
for f in tsm_wd_reject tsm_wd_write; do
	grep -v ' ? ' /tmp/trace.txt | grep -q " $f+0x" || fail "$f not in the backtrace"
	ok "$f in the backtrace"
done
grep -q 'tsm_watchdog: fired: rejected by userspace (tcb '"$TCB1"')' /tmp/warn.txt ||
	fail "the WARNING does not say why it fired"
ok "WARN message names the reason and the TCB"
expect_attr fire_count 1
expect_attr state fired
# Still alive and re-armable.
expect_ok "ack $TCB1"
expect_attr state armed
pass
