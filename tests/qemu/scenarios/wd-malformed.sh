#!/bin/sh
# Malformed and oversized commands get EINVAL and change no sysfs attribute
# (disarmed and armed; long timers, so no timer event changes last_event);
# a multi-command write applies the commands before the bad one and nothing
# after it, and returns their bytes.
# timeout: 90
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

load_sim
sim_tcb_set "$TCB1"
load_wd mode=relaxed timeout=600 grace=600 poll_ms=100 action=log
wait_attr current_tcb "$TCB1" "$(ts 3)"

long_hex=$(printf '%0130d' 0)		# 65 bytes: one more than a TCB holds
big=$(printf 'ack snp:%0260d' 0)	# a 268-byte command
long_scheme=abcdefghijklmnop		# 16 characters
bad_cmds="
ack
ack 
ack snp:
ack snp
ack :d315000000000004
ack snp:d31500000000000
ack snp:xyz5000000000004
ack snp:d315 000000000004
ack SNP:d315000000000004
ack sn-p:d315000000000004
ack $long_scheme:d315000000000004
ack snp:$long_hex
$big
ack $TCB1 extra
bogus
ACK $TCB1
expect
expect snp:zz
unexpect
unexpect snp:
set
set timeout
set timeout abc
set timeout -1
set timeout 0
set timeout 86401
set timeout 4294967297
set grace 0
set grace 86401
set poll_ms 49
set poll_ms 600001
set mode
set mode lenient
set action
set action explode
set colour blue
"

check_all() {
	before=$(wd_snapshot)
	echo "$bad_cmds" | while IFS= read -r c; do
		[ -n "$c" ] || continue
		r=$(wdctl write "$c")
		[ "$r" = EINVAL ] || { echo "BAD: '$c' -> $r"; continue; }
		echo "ok: '$(echo "$c" | cut -c1-60)' -> EINVAL"
	done > /tmp/malformed.out
	cat /tmp/malformed.out
	! grep -q '^BAD' /tmp/malformed.out || fail "commands not refused with EINVAL: $(grep '^BAD' /tmp/malformed.out | tr '\n' ';')"
	# A lone newline is a blank line: no command, no error.
	r=$(wdctl raw '\n'); [ "$r" = ok ] || fail "lone newline: $r"
	ok "lone newline -> ok"
	expect_eq "$(wd_snapshot)" "$before" "every sysfs attribute after $1"
}

check_all "malformed commands (disarmed)"
expect_attr state disarmed
expect_ok "ack $TCB1"
check_all "malformed commands (armed)"
expect_attr state armed

# Multi-command writes stop at the bad command: write() returns the bytes
# of the commands before it, writing the rest gives EINVAL (wdctl feed
# prints both).
r=$(wdctl feed "expect $TCB2" "bogus" "expect $TCB3")
expect_eq "$r" "28 EINVAL" "write of expect, bogus, expect"
expect_eq "$(wd_attr expected_tcbs | tr '\n' ' ')" "$TCB2 " "expected_tcbs after the partial write"
r=$(wdctl feed "set timeout 15" "set timeout 0" "set grace 3")
expect_eq "$r" "15 EINVAL" "write of set, bad set, set"
expect_attr timeout 15
expect_attr grace 600
r=$(wdctl feed "unexpect $TCB2" "$big" "set grace 3")
expect_eq "$r" "30 EINVAL" "write with an oversized command in the middle"
expect_attr expected_tcbs ""
expect_attr grace 600
pass
