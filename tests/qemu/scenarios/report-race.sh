#!/bin/sh
# libtsm's racing-writer detection on the real configfs-tsm: another
# process writing into our report item bumps "generation"; tsm-report must
# retry (and succeed once the writer stops, with a correct report), give
# up with exit 1 when the writer never stops, and never leave items behind.
# timeout: 180
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

CFS=/sys/kernel/config/tsm/report
NONCE=5a5a5a5a

json_val() {
	sed -n "s/^  \"$1\": \"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}\$/\1/p" "$2"
}
items() { ls -A "$CFS" | wc -l; }

# write_others: one write into every libtsm report item (ours to race).
write_others() {
	for _d in "$CFS"/libtsm-*; do
		[ -d "$_d" ] && printf 'x' 2>/dev/null > "$_d/inblob"
	done
}

command -v tsm-report > /dev/null || fail "tsm-report is not on PATH"
load_sim tcb=$TCB2
sim_delay 500	# slow report generation: a wide window for the writer

# --- one racing write per report ----------------------------------------
# A writer polls for the first libtsm item and writes into it once. Its
# write blocks while the provider generates and then races our final
# "generation" read for the lock, so whether libtsm sees it is up to the
# scheduler: each run must be correct either way (a consistent report of
# our own single write), and over several runs at least one retry must
# show that the race was seen and recovered from.
one_writer() {
	i=0
	while [ $i -lt 20000 ]; do
		for d in "$CFS"/libtsm-*; do
			[ -d "$d" ] && printf 'x' 2>/dev/null > "$d/inblob" && exit 0
		done
		i=$((i + 1))
	done
	exit 1
}
retried=0
for run in 1 2 3 4 5 6; do
	( one_writer ) &
	writer=$!
	tsm-report --json --nonce "$NONCE" > /tmp/r1.json ||
		fail "run $run: tsm-report with one racing write: exit $?"
	wait "$writer" || fail "run $run: the racing writer never found an item"
	a=$(json_val attempts /tmp/r1.json)
	log "run $run: attempts $a"
	[ "$a" -ge 2 ] && retried=$((retried + 1))
	expect_eq "$(json_val tcb /tmp/r1.json)" "$TCB2" "run $run: tcb"
	expect_eq "$(json_val nonce_ok /tmp/r1.json)" true "run $run: nonce"
	expect_eq "$(json_val generation /tmp/r1.json)" 1 "run $run: generation = our one write"
	expect_eq "$(items)" 0 "run $run: no item left"
done
expect_int_ge "$retried" 1 "runs in which the racing write was seen and retried"

# --- a writer that never stops: give up, exit 1 ---------------------------
( while :; do write_others; done ) &
racer=$!
tsm-report --json --nonce "$NONCE" > /tmp/out 2> /tmp/err
rc=$?
kill "$racer"
wait "$racer" 2>/dev/null
cat /tmp/err /tmp/out
# Scheduling decides which attempts the writer hits (its write blocks while
# the provider generates, and may lose the lock to our final generation
# read): either libtsm gave up naming the race, or the attempt it accepted
# saw no foreign write (generation = our one write) and is consistent.
if [ "$rc" -eq 0 ]; then
	log "busy writer: accepted attempt $(json_val attempts /tmp/out)"
	expect_eq "$(json_val nonce_ok /tmp/out)" true "nonce of the accepted attempt"
	expect_eq "$(json_val tcb /tmp/out)" "$TCB2" "tcb of the accepted attempt"
	expect_eq "$(json_val generation /tmp/out)" 1 "generation of the accepted attempt"
else
	expect_eq "$rc" 1 "exit status against a writer that never stops"
	grep -q "racing" /tmp/err || fail "message does not name the racing writer"
fi
expect_eq "$(items)" 0 "no item left behind"

# --- writer gone: first attempt succeeds ----------------------------------
sim_delay 0
tsm-report --json --nonce "$NONCE" > /tmp/r2.json || fail "tsm-report after the writer stopped"
expect_eq "$(json_val attempts /tmp/r2.json)" 1 "attempts without a writer"
expect_eq "$(json_val generation /tmp/r2.json)" 1 "generation = our one write"
pass
