#!/bin/sh
# The event queue holds 256 events; past that the oldest are dropped and a
# line "<seq> overflow <n>" says how many: 300 events with no read in
# between read as "<seq> overflow 44", seq that of the newest dropped,
# then exactly the newest 256, in order, whatever the read size.
# timeout: 120
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

setup_armed timeout="$(ts 60)" poll_ms=1000 action=log
events_reset
# A marker ack tells the seq the next event gets.
expect_ok "ack $TCB1"
l=$(wdctl read)
echo "$l" | grep -q "^[0-9][0-9]* acked $TCB1\$" || fail "marker ack: '$l'"
first=$(( ${l%% *} + 1 ))
# acks300: 300 acks (each one an "acked" event), 100 to a write.
acks300() {
	i=0
	while [ $i -lt 3 ]; do
		set --
		j=0
		while [ $j -lt 100 ]; do set -- "$@" "ack $TCB1"; j=$((j + 1)); done
		r=$(wdctl write "$@")
		[ "$r" = ok ] || fail "write of 100 acks: $r"
		i=$((i + 1))
	done
}
# The exact text: seqs first..first+43 dropped, first+44..first+299 kept.
want() {
	awk -v f="$1" -v t="$TCB1" 'BEGIN {
		print f + 43, "overflow", 44
		for (i = 44; i < 300; i++) print f + i, "acked", t }'
}
acks300
want "$first" > /tmp/want.txt
wdctl stream 65536 > /tmp/ev.txt || fail "read: $(cat /tmp/ev.txt)"
head -n 2 /tmp/ev.txt
tail -n 1 /tmp/ev.txt
expect_eq "$(wc -l < /tmp/ev.txt)" 257 "lines read"
expect_eq "$(head -n 1 /tmp/ev.txt)" "$((first + 43)) overflow 44" "first line"
cmp -s /tmp/want.txt /tmp/ev.txt || fail "the 256 kept events are not seqs $((first + 44))..$((first + 299)): $(diff /tmp/want.txt /tmp/ev.txt | head -n 5)"
ok "overflow 44, then the newest 256 events, in order"
# The same again, read 5 bytes at a time: the same split.
acks300
want "$((first + 300))" > /tmp/want.txt
wdctl stream 5 > /tmp/ev.txt || fail "read: $(cat /tmp/ev.txt)"
cmp -s /tmp/want.txt /tmp/ev.txt || fail "5-byte reads: $(diff /tmp/want.txt /tmp/ev.txt | head -n 5)"
ok "the same, read 5 bytes at a time"
# The queue is empty afterwards; new events come through normally.
r=$(wdctl read)
expect_eq "$r" "" "second read"
expect_ok "ack $TCB1"
r=$(wdctl read)
expect_eq "$r" "$((first + 600)) acked $TCB1" "the next event"
pass
