#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# make model: check every property of model.pml exhaustively (within the
# bounds written at the top of model.pml), then check that every property
# can fail: each broken variant (a BUG_* macro of rules.h) must give spin a
# counterexample for its property. Prints "PASS: model/..." or
# "FAIL: model/..." per check, with state count and time; counterexamples
# (the MSC: lines of the trail) go to $BUILD/model/.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BUILD=${BUILD:-$HERE/../../build}
OUT=$BUILD/model
mkdir -p "$OUT"
JOBS=${JOBS:-2}

# Properties (see model.pml and README.md); "Nn": property N with a
# source without a floor (TDX: -DNOFLOOR).
PROPS="1 2 3 4 5 6 7 8 9 10 3n 4n"
# property:broken variant
VARIANTS="1:BUG_REVERT_IGNORED 1:BUG_GRACE_RESTART 2:BUG_EXPECT_NOT_IN_CHANGED
2:BUG_ACK_VS_BASELINE 3:BUG_EXPECT_FIRST 3:BUG_NO_FLOOR_CHECK
4:BUG_BASELINE_ROLLBACK 5:BUG_STALE_ACK_RESETS 6:BUG_NO_RESUME_GRACE
7:BUG_FIRED_POLL_REARM 8:BUG_LONGER_IS_STRICTER 8:BUG_DISARM_ONLY_ARMED
9:BUG_UNPIN_IN_FIRED 10:BUG_OVERFLOW_COUNT_ONE 3n:BUG_NOFLOOR_AS_ZERO"

# one NAME PROP[n] [BUG]: generate, build and run one verifier in $OUT/NAME
# (-O0: gcc -O1 on pan.c takes longer than the faster pan saves).
one() {
	local name=$1 prop=${2%n} bug=${3:-} d=$OUT/$1 nofloor=
	[ "$prop" != "$2" ] && nofloor=-DNOFLOOR
	rm -rf "$d"; mkdir -p "$d"
	cp "$HERE"/model.pml "$HERE"/rules.h "$HERE"/rules-const.h "$d"/
	(
		cd "$d" || exit 1
		spin -a -DPROP="$prop" $nofloor ${bug:+-D$bug} model.pml > spin.log 2>&1 &&
		gcc -O0 -w -DSAFETY -DNOFAIR -DMEMLIM=2048 -I. -o pan pan.c \
			> gcc.log 2>&1 || { echo "build failed" > result; exit 0; }
		./pan -m200000 -w22 > pan.log 2>&1
		if grep -q 'errors: 0' pan.log; then
			echo holds > result
		elif grep -q 'assertion violated' pan.log; then
			echo violated > result
			./pan -r 2>&1 | grep -E '^MSC:|violated' | sed 's/^MSC: //' > trail.txt
		else
			echo "incomplete" > result
		fi
	)
}

stats() {	# stats DIR: "N states, T s"
	local s t
	s=$(sed -n 's/^ *\([0-9.e+]*\) states, stored.*/\1/p' "$1/pan.log")
	t=$(sed -n 's/^pan: elapsed time \([0-9.e+]*\) seconds/\1/p' "$1/pan.log")
	echo "${s:-?} states, ${t:-?} s"
}

command -v spin > /dev/null || { echo "FAIL: model (spin missing: scripts/deps.sh model)"; exit 1; }

pids=()
for p in $PROPS; do
	one "prop$p" "$p" & pids+=($!)
	while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
done
for v in $VARIANTS; do
	one "${v#*:}" "${v%%:*}" "${v#*:}" & pids+=($!)
	while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
done
wait

rc=0
for p in $PROPS; do
	r=$(cat "$OUT/prop$p/result")
	if [ "$r" = holds ]; then
		echo "PASS: model/property-$p holds ($(stats "$OUT/prop$p"))"
	else
		echo "FAIL: model/property-$p: $r (see $OUT/prop$p)"; rc=1
		[ -f "$OUT/prop$p/trail.txt" ] && sed 's/^/    /' "$OUT/prop$p/trail.txt" | tail -n 25
	fi
done
for v in $VARIANTS; do
	b=${v#*:} p=${v%%:*}
	r=$(cat "$OUT/$b/result")
	if [ "$r" = violated ]; then
		echo "PASS: model/property-$p falsifiable by $b ($(stats "$OUT/$b"), counterexample of $(grep -c . "$OUT/$b/trail.txt") lines: $OUT/$b/trail.txt)"
		if [ -n "${MODEL_VERBOSE:-}" ]; then
			grep -v '^tick$' "$OUT/$b/trail.txt" | tail -n 12 | sed 's/^/    /'
		fi
	else
		echo "FAIL: model/property-$p: broken variant $b found no counterexample ($r)"; rc=1
	fi
done
echo "model: $(echo $PROPS | wc -w) properties, $(echo $VARIANTS | wc -w) broken variants in ${SECONDS} s"
exit $rc
