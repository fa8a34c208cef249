#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Command-line checks of the tcb-renewd binary: usage errors, --help,
# --version, check-config's refusals, status from a fake sysfs and run dir,
# once --dry-run refusing to run without configfs-tsm.
# Usage: cli.sh BINARY   (prints PASS:/FAIL: lines, exit 1 on a failure)
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

# check NAME EXPECTED-EXIT PATTERN CMD...: run CMD, compare its exit
# status, grep its combined output for PATTERN (fixed string).
check() {
	name=$1 want=$2 pat=$3
	shift 3
	out=$("$@" 2>&1)
	rc=$?
	if [ "$rc" = "$want" ] && printf '%s\n' "$out" | grep -qF -- "$pat"; then
		echo "PASS: tcb-renewd-cli/$name"
	else
		echo "FAIL: tcb-renewd-cli/$name (exit $rc, wanted $want and '$pat')"
		printf '%s\n' "$out" | sed 's/^/    /'
		fails=$((fails + 1))
	fi
}

check help 0 "tcb-renewd COMMAND" "$bin" --help
check version 0 "sd_notify: " "$bin" --version
check no-command 2 "missing command" "$bin"
check bad-command 2 "unexpected argument 'frobnicate'" "$bin" frobnicate
check bad-option 2 "Try 'tcb-renewd --help'" "$bin" run --bogus
check json-only-for-status 2 "--json is not an option" "$bin" run --json

printf '[policy]\napprove = snp:d315000000000004\n' > "$tmp/good.conf"
check check-config-good 0 "good.conf: valid" "$bin" check-config -c "$tmp/good.conf"
printf '[policy]\napprove = snp:d315000000000004\n[watchdog]\nheartbeat = often\n' > "$tmp/bad.conf"
check check-config-bad 2 "$tmp/bad.conf:4: heartbeat: 'often' is not a whole number" \
	"$bin" check-config -c "$tmp/bad.conf"
check run-bad-config 2 "$tmp/bad.conf:4: heartbeat:" "$bin" run -c "$tmp/bad.conf"
check once-bad-config 2 "$tmp/bad.conf:4: heartbeat:" "$bin" once -c "$tmp/bad.conf"
printf '[watchdog]\nheartbeat = 5\n' > "$tmp/nopolicy.conf"
check no-policy 2 "no policy" "$bin" run -c "$tmp/nopolicy.conf"
check missing-config 2 "$tmp/none.conf: No such file or directory" "$bin" run -c "$tmp/none.conf"

printf '[watchdog]\ndevice = %s/nodev\n[policy]\napprove = snp:d315000000000004\n' "$tmp" > "$tmp/nodev.conf"
check run-no-device 1 "no such device (is the tsm_watchdog module loaded?)" \
	"$bin" run -c "$tmp/nodev.conf" --run-dir "$tmp/run"
printf '[report]\nconfigfs = %s/nocfs\n[policy]\napprove = snp:d315000000000004\nstate = %s/state\n' "$tmp" "$tmp" > "$tmp/nocfs.conf"
check once-dry-run-no-configfs 2 "error" "$bin" once -n -c "$tmp/nocfs.conf" --run-dir "$tmp/run"

mkdir -p "$tmp/sysfs" "$tmp/run"
echo armed > "$tmp/sysfs/state"
echo 30 > "$tmp/sysfs/timeout"
printf 'snp:d316000000000004\nsnp:d317000000000004\n' > "$tmp/sysfs/expected_tcbs"
check status-no-daemon 3 "no status file" "$bin" status --sysfs "$tmp/sysfs" --run-dir "$tmp/run"
printf 'pid=%s\nstate=running\nlast_result=approved\nlast_reason=say "hi"\n' $$ > "$tmp/run/status"
check status-human 0 "last_result       approved" "$bin" status --sysfs "$tmp/sysfs" --run-dir "$tmp/run"
check status-json 0 '{"kernel":{"state":"armed","timeout":30,"expected_tcbs":["snp:d316000000000004","snp:d317000000000004"]},"daemon":{"running":true,"pid":' \
	"$bin" status --json --sysfs "$tmp/sysfs" --run-dir "$tmp/run"
check status-json-escape 0 '"last_reason":"say \"hi\""' "$bin" status --json --sysfs "$tmp/sysfs" --run-dir "$tmp/run"
printf 'pid=999999999\nstate=running\n' > "$tmp/run/status"
check status-dead-daemon 3 "not running" "$bin" status --sysfs "$tmp/sysfs" --run-dir "$tmp/run"
rm -rf "$tmp/sysfs" "$tmp/run"
check status-nothing 1 "not available" "$bin" status --sysfs "$tmp/sysfs" --run-dir "$tmp/run"

# the shipped example configuration is valid; the man pages name every
# configuration key and every option the code knows
src=$(dirname "$0")/..
check example-config-unedited 2 "no policy" "$bin" check-config -c "$src/tcb-renewd.conf.example"
sed 's/^;approve/approve/; s/^;expect/expect/; s/^;\[verifier\]/[verifier]/; s/^;command/command/; s/^;timeout/timeout/' \
	"$src/tcb-renewd.conf.example" > "$tmp/example.conf"
check example-config-filled-in 0 "valid" "$bin" check-config -c "$tmp/example.conf"
for k in $(sed -n 's/^\t\[K_[A-Z_]*\]\t*= { "[a-z]*", "\([a-z_]*\)" },/\1/p' "$src/config.c"); do
	check "man5-key-$k" 0 "" grep -q "^\.BR $k " "$src/tcb-renewd.conf.5"
done
for o in $(sed -n 's/^\t\t{ "\([a-z-]*\)", .*/\1/p' "$src/main.c"); do
	check "man8-option-$o" 0 "" grep -q -- "$(echo "$o" | sed 's/-/\\\\-/g')" "$src/tcb-renewd.8"
done

[ "$fails" -eq 0 ]
