#!/bin/sh
# read() is a byte stream (issue 12, defect 4): any buffer size gives the
# same bytes (1 byte at a time as 64 KiB at a time, lines split across
# reads); read(fd, buf, 0) returns 0 and consumes nothing; a read that
# faults (EFAULT) loses nothing and one that faults part way returns what
# it copied; a line read in part by a closed file is read whole by the
# next opener; a blocking read waits for events, so a shell's
# `while read l; do ...; done <&3` follows them as they happen. Also:
# guest-lib's expect_no_event fails when it can not read the device.
# timeout: 200
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

setup_armed mode=relaxed timeout="$(ts 120)" grace="$(ts 120)" poll_ms=100 action=log
events_reset

# next_seq: set FIRST to the seq the next event gets (a marker ack, read).
next_seq() {
	expect_ok "ack $TCB1"
	_l=$(wdctl read)
	echo "$_l" | grep -q "^[0-9][0-9]* acked $TCB1\$" || fail "marker ack: '$_l'"
	FIRST=$(( ${_l%% *} + 1 ))
}
# expected_acks N: the exact text of N "acked TCB1" lines from $FIRST on
expected_acks() {
	awk -v f="$FIRST" -v n="$1" -v t="$TCB1" 'BEGIN { for (i = 0; i < n; i++) print f + i, "acked", t }'
}
# make_acks N: N acks in one write, N "acked" events
make_acks() {
	_n=$1
	set --
	while [ "$_n" -gt 0 ]; do set -- "$@" "ack $TCB1"; _n=$((_n - 1)); done
	_r=$(wdctl write "$@")
	[ "$_r" = ok ] || fail "write of acks: $_r"
}

# 1. Every read size gives exactly the same bytes.
for sizes in 65536 1 7 1,3,200,2 37; do
	next_seq
	make_acks 20
	expected_acks 20 > /tmp/want.txt
	wdctl stream "$sizes" > /tmp/got.txt || fail "stream $sizes: $(cat /tmp/got.txt)"
	cmp -s /tmp/want.txt /tmp/got.txt ||
		fail "read sizes $sizes: got '$(head -c 200 /tmp/got.txt)', want '$(head -c 200 /tmp/want.txt)'"
	ok "20 lines read with read() sizes $sizes: the same bytes"
done

# 2. read(fd, buf, 0) returns 0 and consumes nothing.
next_seq
make_acks 2
expect_eq "$(wdctl read0)" 0 "read of 0 bytes"
expected_acks 2 > /tmp/want.txt
wdctl stream 65536 > /tmp/got.txt
cmp -s /tmp/want.txt /tmp/got.txt || fail "events after a 0-byte read: '$(cat /tmp/got.txt)'"
ok "a 0-byte read consumed nothing"

# 3. EFAULT loses nothing; a read faulting after 10 bytes returns at most
# those 10, the stream goes on after them.
next_seq
make_acks 5
expected_acks 5 > /tmp/want.txt
wdctl efault 10 > /tmp/got.txt 2> /tmp/efault.err || fail "wdctl efault: $(cat /tmp/efault.err)"
cat /tmp/efault.err
expect_eq "$(sed -n 's/^bad: //p' /tmp/efault.err)" EFAULT "read into an unmapped page"
split=$(sed -n 's/^split: //p' /tmp/efault.err)
expect_int_ge "$split" 1 "bytes of a read faulting after 10"
expect_int_le "$split" 10 "bytes of a read faulting after 10"
cmp -s /tmp/want.txt /tmp/got.txt ||
	fail "bytes around EFAULT: got '$(cat /tmp/got.txt)', want '$(cat /tmp/want.txt)'"
ok "no byte lost or repeated around EFAULT"

# 4. A line read in part by a file that is then closed is read whole by
# the next opener.
next_seq
make_acks 2
expected_acks 2 > /tmp/want.txt
head3=$(dd if="$WD_DEV" bs=3 count=1 2>/dev/null)
expect_eq "$head3" "$(head -c 3 /tmp/want.txt)" "3 bytes read by dd"
wdctl stream 65536 > /tmp/got.txt
cmp -s /tmp/want.txt /tmp/got.txt || fail "after a closed partial read: '$(cat /tmp/got.txt)'"
ok "the next opener reads the partly read line whole"

# 5. A shell follows the events with `while read` on a blocking fd; the
# commands go through the same open file (one opener at a time).
exec 3<>"$WD_DEV"
(
	while read -r seq ev arg; do
		echo "$seq $ev $arg"
		[ "$ev" = fired ] && break
	done <&3
	echo "loop ended"
) > /tmp/follow.txt 2>&1 &
follower=$!
follow_wait() {	# follow_wait PATTERN: the follower printed a matching line
	_end=$(( $(now_ms) + $(ts 5) * 1000 ))
	until grep -q "$1" /tmp/follow.txt; do
		[ "$(now_ms)" -lt "$_end" ] || fail "the shell loop did not read '$1' (it has: $(tr '\n' ';' < /tmp/follow.txt))"
		sleep 0.1
	done
	ok "the shell loop read '$1'"
}
sleep 0.5
grep -q "loop ended" /tmp/follow.txt && fail "the shell loop ended with no event pending: $(cat /tmp/follow.txt)"
ok "the shell loop waits while no event is pending"
echo "ack $TCB1" >&3
follow_wait " acked $TCB1\$"
sim_tcb_set "$TCB2"
follow_wait " changed $TCB2\$"
echo "ack $TCB2" >&3
follow_wait " armed $TCB2\$"
echo reject >&3
follow_wait " fired $TCB2\$"
follow_wait "loop ended"
wait $follower
exec 3>&-
cat /tmp/follow.txt
expect_eq "$(awk '$2 != "ended" { printf "%s ", $2 }' /tmp/follow.txt)" "acked changed armed fired " "events the shell loop read"
awk '$2 != "ended" && NR > 1 && $1 != prev + 1 { exit 1 } { prev = $1 }' /tmp/follow.txt ||
	fail "sequence numbers read by the shell loop are not consecutive"
ok "sequence numbers consecutive"
expect_attr state fired

# 6. guest-lib's expect_no_event fails when the device can not be read.
wdctl hold "$(ts 10)" > /tmp/hold.txt &
holder=$!
i=0
until grep -q open /tmp/hold.txt; do
	i=$((i + 1)); [ $i -lt 50 ] || fail "wdctl hold did not open the device"; sleep 0.1
done
(expect_no_event fired) > /tmp/no-event.txt 2>&1 &&
	fail "expect_no_event passed while the device was busy: $(cat /tmp/no-event.txt)"
grep -q "can not read $WD_DEV: EBUSY" /tmp/no-event.txt ||
	fail "expect_no_event did not say why: $(head -n 3 /tmp/no-event.txt)"
ok "expect_no_event fails on a busy device"
kill $holder
wait $holder 2>/dev/null
pass
