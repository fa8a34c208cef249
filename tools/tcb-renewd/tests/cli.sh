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
# a running daemon holds the lock on RUNDIR/pid; flock(1) stands in for it
printf 'pid=%s\nstate=running\nlast_result=approved\nlast_reason=say "hi"\n' $$ > "$tmp/run/status"
echo $$ > "$tmp/run/pid"
flock -x -o "$tmp/run/pid" sleep 30 &
locker=$!
sleep 0.3
check status-human 0 "last_result       approved" "$bin" status --sysfs "$tmp/sysfs" --run-dir "$tmp/run"
check status-json 0 '{"kernel":{"state":"armed","timeout":30,"expected_tcbs":["snp:d316000000000004","snp:d317000000000004"]},"daemon":{"running":true,"pid":' \
	"$bin" status --json --sysfs "$tmp/sysfs" --run-dir "$tmp/run"
check status-json-escape 0 '"last_reason":"say \"hi\""' "$bin" status --json --sysfs "$tmp/sysfs" --run-dir "$tmp/run"
# a value longer than 600 bytes stays one value: its tail used to be read
# as a line of its own, here a forged key
long=$(head -c 587 /dev/zero | tr '\0' x)forged=1
printf 'pid=%s\nstate=running\nlast_reason=%s\nlast_result=approved\n' $$ "$long" > "$tmp/run/status"
out=$("$bin" status --sysfs "$tmp/sysfs" --run-dir "$tmp/run")
if ! printf '%s\n' "$out" | grep -q '^  forged' && printf '%s\n' "$out" | grep -q '^  last_result       approved$'; then
	echo "PASS: tcb-renewd-cli/status-long-line"
else
	echo "FAIL: tcb-renewd-cli/status-long-line"; printf '%s\n' "$out" | cut -c1-100 | sed 's/^/    /'; fails=$((fails + 1))
fi
# issue 13 A.9: 8 expected TDX TCBs (8 x 69 bytes) and a long status
# value (a deep verifier path) are shown whole, not cut at 511 bytes
tdx_list= tdx_json=
for i in 1 2 3 4 5 6 7 8; do
	t=tdx:0301020000000000000000000000000$i$(printf '0b0b0202ff01030000000000000000%02d' "$i")
	tdx_list="$tdx_list$t
"
	tdx_json="$tdx_json${tdx_json:+,}\"$t\""
done
printf '%s' "$tdx_list" > "$tmp/sysfs/expected_tcbs"
deep=/$(head -c 900 /dev/zero | tr '\0' d)/hook
printf 'pid=%s\nstate=running\nverifier=%s\nlast_result=approved\n' $$ "$deep" > "$tmp/run/status"
check status-json-8-tdx-tcbs 0 "\"expected_tcbs\":[$tdx_json]}" \
	"$bin" status --json --sysfs "$tmp/sysfs" --run-dir "$tmp/run"
check status-human-8-tdx-tcbs 0 "$(printf '%s' "$tdx_list" | tr '\n' ' ' | sed 's/ $//')" \
	"$bin" status --sysfs "$tmp/sysfs" --run-dir "$tmp/run"
check status-long-value 0 "\"verifier\":\"$deep\",\"last_result\":\"approved\"" \
	"$bin" status --json --sysfs "$tmp/sysfs" --run-dir "$tmp/run"
pkill -P "$locker"; kill "$locker" 2>/dev/null; wait "$locker" 2>/dev/null
# the pid of a live process is not a running daemon: the lock decides
printf 'pid=%s\nstate=running\n' $$ > "$tmp/run/status"
check status-pid-reused 3 "not running" "$bin" status --sysfs "$tmp/sysfs" --run-dir "$tmp/run"
printf 'pid=999999999\nstate=running\n' > "$tmp/run/status"
check status-dead-daemon 3 "not running" "$bin" status --sysfs "$tmp/sysfs" --run-dir "$tmp/run"
# an unreadable status file is not "no status file"
if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null; then
	chmod 600 "$tmp/run/status"
	chmod 755 "$tmp" "$tmp/run" "$tmp/sysfs"
	check status-eacces 3 "cannot read the status file: Permission denied" \
		setpriv --reuid=65534 --regid=65534 --clear-groups "$bin" status --sysfs "$tmp/sysfs" --run-dir "$tmp/run"
	chmod 644 "$tmp/run/status"
fi
rm -rf "$tmp/sysfs" "$tmp/run"
check status-nothing 1 "not available" "$bin" status --sysfs "$tmp/sysfs" --run-dir "$tmp/run"

# JOURNAL_STREAM counts only when stderr is that stream (dev:ino)
check journal-stream-other 2 "tcb-renewd: error: $tmp/bad.conf:4:" env JOURNAL_STREAM=1:2 "$bin" check-config -c "$tmp/bad.conf"
"$bin" check-config -c "$tmp/bad.conf" 2> "$tmp/journal"
JOURNAL_STREAM=$(stat -c '%d:%i' "$tmp/journal") "$bin" check-config -c "$tmp/bad.conf" 2> "$tmp/journal"
check journal-stream-match 0 "<3>$tmp/bad.conf:4:" cat "$tmp/journal"

# check-config: a verifier that can not run, a timing that can not fit
printf '[verifier]\ncommand = %s/nohook\n' "$tmp" > "$tmp/nohook.conf"
check check-config-missing-hook 2 "$tmp/nohook.conf:2: command: '$tmp/nohook': No such file or directory" \
	"$bin" check-config -c "$tmp/nohook.conf"
printf '#!/bin/sh\nexit 0\n' > "$tmp/hook"; chmod 644 "$tmp/hook"
printf '[verifier]\ncommand = %s/hook\n' "$tmp" > "$tmp/noexec.conf"
check check-config-noexec-hook 2 "is not executable" "$bin" check-config -c "$tmp/noexec.conf"
chmod 755 "$tmp/hook"
mkdir -p "$tmp/sysfs2"
echo 60 > "$tmp/sysfs2/timeout"; echo 10 > "$tmp/sysfs2/grace"; echo relaxed > "$tmp/sysfs2/mode"
printf '[verifier]\ncommand = %s/hook\ntimeout = 20\n' "$tmp" > "$tmp/slow.conf"
check check-config-grace 2 "but the kernel's grace is 10 s" "$bin" check-config --sysfs "$tmp/sysfs2" -c "$tmp/slow.conf"
check check-config-defaults 2 "(checked against the module's default timeout and grace" "$bin" check-config --sysfs "$tmp/nosysfs" -c "$tmp/slow.conf"
printf '[report]\ntimeout = 0.5\n[verifier]\ncommand = %s/hook\ntimeout = 8\n' "$tmp" > "$tmp/fast.conf"
check check-config-fits 0 "valid (timing checked against $tmp/sysfs2: timeout 60 s, grace 10 s, relaxed)" \
	"$bin" check-config --sysfs "$tmp/sysfs2" -c "$tmp/fast.conf"

# the shipped example configuration is valid; the man pages name every
# configuration key and every option the code knows
src=$(dirname "$0")/..
check example-config-unedited 2 "no policy" "$bin" check-config -c "$src/tcb-renewd.conf.example"
sed 's/^;approve/approve/; s/^;expect/expect/; s/^;\[verifier\]/[verifier]/; s#^;command = .*#command = /bin/true#; s/^;timeout/timeout/' \
	"$src/tcb-renewd.conf.example" > "$tmp/example.conf"
check example-config-filled-in 0 "valid" "$bin" check-config -c "$tmp/example.conf"
for k in $(sed -n 's/^\t\[K_[A-Z_]*\]\t*= { "[a-z]*", "\([a-z_]*\)" },/\1/p' "$src/config.c"); do
	check "man5-key-$k" 0 "" grep -q "^\.BR $k " "$src/tcb-renewd.conf.5"
done
for o in $(sed -n 's/^\t\t{ "\([a-z-]*\)", .*/\1/p' "$src/main.c"); do
	check "man8-option-$o" 0 "" grep -q -- "$(echo "$o" | sed 's/-/\\\\-/g')" "$src/tcb-renewd.8"
done

[ "$fails" -eq 0 ]
