#!/bin/sh
# The event queue holds 256 events; past that the oldest are dropped and a
# line "<seq> overflow <n>" says how many.
# timeout: 90
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

setup_armed timeout="$(ts 60)" poll_ms=1000 action=log
events_reset
# 300 acks (each one an "acked" event), 100 to a write, nothing read.
i=0
while [ $i -lt 3 ]; do
	set --
	j=0
	while [ $j -lt 100 ]; do set -- "$@" "ack $TCB1"; j=$((j + 1)); done
	r=$(wdctl write "$@")
	[ "$r" = ok ] || fail "write of 100 acks: $r"
	i=$((i + 1))
done
wdctl read > /tmp/ev.txt || fail "read: $(cat /tmp/ev.txt)"
n_lines=$(wc -l < /tmp/ev.txt)
head -n 2 /tmp/ev.txt
tail -n 1 /tmp/ev.txt
ov=$(grep -c '^[0-9][0-9]* overflow [0-9][0-9]*$' /tmp/ev.txt)
expect_eq "$ov" 1 "overflow lines"
expect_eq "$(head -n 1 /tmp/ev.txt | awk '{print $2}')" overflow "first line"
dropped=$(awk '$2 == "overflow" { print $3 }' /tmp/ev.txt)
events=$(grep -vc ' overflow ' /tmp/ev.txt)
expect_int_le "$events" 256 "events kept"
expect_int_ge "$events" 250 "events kept"
expect_int_ge "$((dropped + events))" 300 "dropped + kept"
expect_eq "$(grep -vc '^[0-9][0-9]* acked snp:d315000000000004$' /tmp/ev.txt)" 1 "lines that are not 'acked TCB1' (the overflow line)"
# Sequence numbers keep growing across the drop.
awk 'NR > 1 && $1 <= prev { exit 1 } { prev = $1 }' /tmp/ev.txt ||
	fail "sequence numbers do not increase"
ok "sequence numbers increase"
expect_int_ge "$n_lines" 251 "lines read"
# The queue is empty afterwards; new events come through normally.
r=$(wdctl read)
expect_eq "$r" "" "second read"
expect_ok "ack $TCB1"
r=$(wdctl read)
echo "$r" | grep -q "^[0-9][0-9]* acked $TCB1\$" || fail "no acked event after the overflow: $r"
ok "events flow after the overflow"
pass
