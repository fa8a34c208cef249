#!/bin/sh
# write() reports partial progress (issue 12, defect 5): it returns the
# bytes of the commands applied before a failing one, and writing the rest
# again gives the error (at once when the first command fails); blank
# lines are no error. ESTALE, ENOSPC, EINVAL (an over-long line) and
# EPERM (nowayout) in the middle of a write; the 4096-byte write limit;
# a scheme with a Latin-1 letter is malformed.
# `wdctl feed` writes like a caller that honours partial writes and prints
# each write()'s result: "28 ESTALE" = 28 bytes, then ESTALE.
# timeout: 200
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

setup_armed mode=relaxed timeout=600 grace=600 poll_ms=100 action=log
events_reset

# len CMD...: the bytes of the commands, a newline each
len() {
	_n=0
	for _c in "$@"; do _n=$((_n + ${#_c} + 1)); done
	echo $_n
}

# Blank lines: no command, no error, nothing changes.
before=$(wd_snapshot)
expect_eq "$(wdctl raw '\n')" ok "a lone newline"
expect_eq "$(wdctl raw ' \x09 \n\n  ')" ok "blank lines and blanks"
expect_eq "$(wdctl feed "" "")" 2 "two empty lines"
expect_eq "$(wd_snapshot)" "$before" "sysfs after blank lines"
expect_no_event acked
r=$(wdctl feed "ack $TCB1" "" " " "ack $TCB1")
expect_eq "$r" "$(len "ack $TCB1" "" " " "ack $TCB1")" "two acks around blank lines"
expect_eq "$(count_events acked)" 2 "acked events"

# ESTALE in the middle: the expect is applied, the set is not.
c1="expect $TCB3"
r=$(wdctl feed "$c1" "ack $TCB2" "set grace 5")
expect_eq "$r" "$(len "$c1") ESTALE" "expect, stale ack, set"
expect_attr expected_tcbs "$TCB3"
expect_attr grace 600
expect_attr acked_tcb "$TCB1"
# One write() sees only the partial count.
r=$(wdctl write "set timeout 500" "ack $TCB2" "set grace 5")
expect_eq "$r" "short $(len "set timeout 500") of $(len "set timeout 500" "ack $TCB2" "set grace 5")" "one write of set, stale ack, set"
expect_attr timeout 500
expect_attr grace 600
# The first command failing: the error at once.
expect_eq "$(wdctl feed "ack $TCB2" "set grace 5")" ESTALE "stale ack first"
expect_attr grace 600
# Blank lines before a failing command count as applied.
expect_eq "$(wdctl feed "" "ack $TCB2")" "1 ESTALE" "blank line, stale ack"

# ENOSPC in the middle: 8 held, the set before is applied, the one after not.
expect_ok "unexpect all"
for i in 0 1 2 3 4 5 6 7; do
	expect_ok "expect snp:00000000000000a$i"
done
r=$(wdctl feed "set timeout 400" "expect snp:00000000000000a8" "set grace 7")
expect_eq "$r" "$(len "set timeout 400") ENOSPC" "set, 9th expect, set"
expect_attr timeout 400
expect_attr grace 600
expect_eq "$(wd_attr expected_tcbs | wc -l)" 8 "expected TCBs held"
wd_attr expected_tcbs | grep -qx snp:00000000000000a8 && fail "9th TCB listed"
ok "9th TCB not held"

# ENOENT and EINVAL (malformed, over-long) in the middle.
r=$(wdctl feed "unexpect snp:00000000000000a0" "unexpect snp:00000000000000a0" "set grace 7")
expect_eq "$r" "$(len "unexpect snp:00000000000000a0") ENOENT" "unexpect, unexpect again, set"
expect_eq "$(wd_attr expected_tcbs | wc -l)" 7 "expected TCBs held"
big=$(printf 'ack snp:%0260d' 0)	# a 268-byte command
r=$(wdctl feed "set timeout 300" "$big" "set grace 7")
expect_eq "$r" "$(len "set timeout 300") EINVAL" "set, over-long command, set"
expect_attr timeout 300
r=$(wdctl feed "set timeout 200" "bogus" "set grace 7")
expect_eq "$r" "$(len "set timeout 200") EINVAL" "set, bogus, set"
expect_attr timeout 200
expect_attr grace 600
# A NUL byte in a line makes it malformed.
expect_eq "$(wdctl raw 'set timeout 100\nset grace 7\x00\nset grace 8\n')" "short 16 of 41" "a NUL in the second line"
expect_attr timeout 100
expect_attr grace 600
# A scheme is [a-z0-9]: no Latin-1 letter (0xe9, e acute).
expect_eq "$(wdctl raw 'ack sn\xe9:d315000000000004\n')" EINVAL "ack of a scheme with a Latin-1 letter"
expect_eq "$(wdctl raw 'expect \xe9:d315000000000004\n')" EINVAL "expect of a scheme with a Latin-1 letter"

# The 4096-byte write limit: 163 acks and 21 blank lines are 4096 bytes,
# all applied; one byte more is EINVAL, and nothing of it is applied.
ack4096=""
i=0
while [ $i -lt 163 ]; do ack4096="${ack4096}ack $TCB1\\n"; i=$((i + 1)); done
ack4096="$ack4096$(printf '%21s' '' | sed 's/ /\\n/g')"
events_reset
expect_eq "$(wdctl raw "$ack4096")" ok "a write of 4096 bytes"
expect_eq "$(count_events acked)" 163 "acked events of the 4096-byte write"
events_reset
expect_eq "$(wdctl raw "$ack4096\\n")" EINVAL "a write of 4097 bytes"
expect_no_event acked

# EPERM under nowayout in the middle: a stricter set is applied, the
# weaker one and everything after it not.
expect_ok disarm
unload_sim
unload_wd
load_sim
sim_tcb_set "$TCB1"
load_wd nowayout=1 mode=relaxed timeout=600 grace=600 poll_ms=100 action=log
wait_attr current_tcb "$TCB1" "$(ts 3)"
expect_ok "ack $TCB1"
r=$(wdctl feed "set timeout 500" "set mode permissive" "set grace 5")
expect_eq "$r" "$(len "set timeout 500") EPERM" "stricter set, weaker set, set"
expect_attr timeout 500
expect_attr mode relaxed
expect_attr grace 600
r=$(wdctl feed "set grace 500" "disarm" "set timeout 5")
expect_eq "$r" "$(len "set grace 500") EPERM" "set, disarm under nowayout, set"
expect_attr grace 500
expect_attr timeout 500
expect_attr state armed
expect_eq "$(wdctl feed "set mode permissive" "set timeout 5")" EPERM "weaker set first"
expect_attr timeout 500
pass
