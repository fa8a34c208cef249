#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Host-side tests of wdctl (built with ASan + UBSan) against regular files,
# since the guest can only run the static build. One PASS:/FAIL: line each.
# Usage: tools/test-wdctl.sh WDCTL-BINARY
set -uo pipefail
W=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
check() {	# check NAME EXPECTED ACTUAL
	if [ "$2" = "$3" ]; then
		echo "PASS: wdctl/$1"
	else
		echo "FAIL: wdctl/$1: expected '$2', got '$3'"
		fails=$((fails + 1))
	fi
}

"$W" >/dev/null 2>&1; check usage-exit 2 "$?"
"$W" bogus >/dev/null 2>&1; check unknown-command 2 "$?"
"$W" wait x abc >/dev/null 2>&1; check bad-seconds 2 "$?"

: > "$T/dev"
out=$("$W" -d "$T/dev" write "ack snp:00" "reject"); rc=$?
check write-ok "ok 0" "$out $rc"
check write-joins-lines "$(printf 'ack snp:00\nreject\n' | od -An -tx1)" "$(od -An -tx1 < "$T/dev")"

: > "$T/dev"
out=$("$W" -d "$T/dev" raw 'a\x41\n\\b\x4'); rc=$?
check raw-ok "ok 0" "$out $rc"
check raw-decodes "$(printf 'aA\n\\b\\x4' | od -An -tx1)" "$(od -An -tx1 < "$T/dev")"

out=$("$W" -d "$T/missing" write x); rc=$?
check errno-name "ENOENT 1" "$out $rc"

printf '1 armed snp:00\n2 acked snp:00\n3 chan' > "$T/ev"
out=$("$W" -d "$T/ev" read | tr '\n' ';'); check read-lines "1 armed snp:00;2 acked snp:00;" "$out"
out=$("$W" -d "$T/ev" wait acked 1 | tr '\n' ';'); rc=$?
check wait-finds "1 armed snp:00;2 acked snp:00; 0" "$out $rc"
"$W" -d "$T/ev" wait armedx 0.3 >/dev/null; check wait-exact-name 1 "$?"
"$W" -d /dev/null wait changed 0.2 >/dev/null; check wait-timeout 1 "$?"

out=$("$W" -d "$T/ev" stream 1 | od -An -tx1); check stream-1 "$(od -An -tx1 < "$T/ev")" "$out"
out=$("$W" -d "$T/ev" stream 3,1,100 | od -An -tx1); check stream-sizes "$(od -An -tx1 < "$T/ev")" "$out"
"$W" -d "$T/ev" stream 1,x >/dev/null 2>&1; check stream-bad-sizes 2 "$?"
"$W" -d "$T/ev" stream 0 >/dev/null 2>&1; check stream-zero-size 2 "$?"
out=$("$W" -d "$T/ev" read0); check read0 0 "$out"
out=$("$W" -d "$T/ev" efault 5 2>"$T/efault.err" | od -An -tx1)
check efault-bytes "$(od -An -tx1 < "$T/ev")" "$out"
check efault-report "bad: EFAULT;split: 5;" "$(tr '\n' ';' < "$T/efault.err")"
: > "$T/dev"
out=$("$W" -d "$T/dev" feed "ack snp:00" "reject"); rc=$?
check feed-ok "18 0" "$out $rc"
out=$("$W" -d "$T/missing" feed x); rc=$?
check feed-errno "ENOENT 1" "$out $rc"

out=$("$W" -d "$T/ev" open-twice); check open-twice-file ok "$out"
out=$("$W" -d "$T/ev" hold 0.1); check hold open "$out"

if [ "$(id -u)" = 0 ]; then
	: > "$T/dev"; chmod 600 "$T/dev"
	out=$("$W" -d "$T/dev" nocap "ack x"); check nocap-keeps-dac ok "$out"
	out=$("$W" -d "$T/dev" nobody "ack x"); check nobody-eacces EACCES "$out"
	out=$("$W" -d "$T/dev" opened-nobody "ack x"); check opened-nobody-writes ok "$out"
	out=$("$W" -d "$T/dev" opened-nocap "ack x"); check opened-nocap-writes ok "$out"
fi
"$W" uevents 0.2 1 >/dev/null 2>&1; check uevents-none 1 "$?"
[ $fails = 0 ]
