#!/bin/sh
# tsm-report and raw configfs-tsm against the sim provider: the TCB in a
# fresh report equals the sim's tcb knob, the nonce comes back in
# REPORT_DATA, report items are always removed, provider faults give exit 1.
# timeout: 120
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

CFS=/sys/kernel/config/tsm/report
NONCE=00112233445566778899aabbccddeeff0123456789abcdef

# json_val KEY FILE: the string or number value of a top-level key.
json_val() {
	sed -n "s/^  \"$1\": \"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}\$/\1/p" "$2"
}
# hexbytes FILE SKIP COUNT: bytes as lowercase hex, no spaces.
hexbytes() {
	dd if="$1" bs=1 skip="$2" count="$3" 2>/dev/null | od -A n -t x1 -v | tr -d ' \n'
}
# le64 FILE OFFSET: a little-endian u64 as 16 hex digits, most significant first.
le64() {
	hexbytes "$1" "$2" 8 | sed 's/\(..\)\(..\)\(..\)\(..\)\(..\)\(..\)\(..\)\(..\)/\8\7\6\5\4\3\2\1/'
}
items() { ls -A "$CFS" | wc -l; }

command -v tsm-report > /dev/null || fail "tsm-report is not on PATH"
[ -d "$CFS" ] || fail "$CFS missing (configfs-tsm not loaded?)"
load_sim tcb=$TCB1
expect_eq "$(sim_tcb_get)" "$TCB1" "sim tcb at load"
T=snp:d316000000000005
sim_tcb_set "$T"

# --- raw configfs-tsm ---------------------------------------------------------
d=$CFS/report-cli-raw
mkdir "$d" || fail "mkdir $d"
expect_eq "$(cat "$d/provider")" tsm_wd_sim "provider"
expect_eq "$(cat "$d/generation")" 0 "generation of a new item"
printf '0123456789abcdef' > "$d/inblob" || fail "write inblob"
expect_eq "$(cat "$d/generation")" 1 "generation after one inblob write"
cat "$d/outblob" > /tmp/raw.bin || fail "read outblob"
expect_eq "$(wc -c < /tmp/raw.bin | tr -d ' ')" 1184 "outblob size"
expect_eq "$(hexbytes /tmp/raw.bin 0 4)" 03000000 "report VERSION 3"
expect_eq "$(hexbytes /tmp/raw.bin 80 16)" 30313233343536373839616263646566 \
	"REPORT_DATA holds the inblob"
expect_eq "$(hexbytes /tmp/raw.bin 96 48 | tr -d 0)" "" "REPORT_DATA zero padded"
expect_eq "snp:$(le64 /tmp/raw.bin 56)" "$T" "CURRENT_TCB (0x38) equals the knob"
expect_eq "snp:$(le64 /tmp/raw.bin 496)" "$TCB1" "LAUNCH_TCB (0x1f0) is the TCB at load"
rmdir "$d" || fail "rmdir $d"
[ ! -e "$d" ] || fail "$d still exists after rmdir"
ok "raw configfs item removed"

# --- tsm-report --json ----------------------------------------------------
tsm-report --json --nonce "$NONCE" > /tmp/r.json || fail "tsm-report --json: exit $?"
cat /tmp/r.json
expect_eq "$(json_val provider /tmp/r.json)" tsm_wd_sim "JSON provider"
expect_eq "$(json_val format /tmp/r.json)" snp-report "JSON format"
expect_eq "$(json_val version /tmp/r.json)" 3 "JSON version"
expect_eq "$(json_val tcb /tmp/r.json)" "$T" "JSON tcb equals the sim knob"
expect_eq "$(json_val current_tcb /tmp/r.json)" "$T" "JSON current_tcb"
expect_eq "$(json_val launch_tcb /tmp/r.json)" "$TCB1" "JSON launch_tcb"
expect_eq "$(json_val components /tmp/r.json)" "bl=5 tee=0 snp=22 ucode=211" "JSON components"
# the JSON writer may indent: compare without white space
tr -d ' \n\t' < /tmp/r.json | grep -q '"tcb_components":{"bl":5,"tee":0,"snp":22,"ucode":211}' ||
	fail "tcb_components object"
rd=$(json_val report_data /tmp/r.json)
case $rd in
"$NONCE"*) ok "nonce at the start of report_data" ;;
*) fail "report_data $rd does not start with the nonce" ;;
esac
expect_eq "$(echo "${rd#"$NONCE"}" | tr -d 0)" "" "report_data zero after the nonce"
expect_eq "$(items)" 0 "no report item left behind"

# --- a host update shows in the next report --------------------------------
sim_tcb_set "$TCB3"
out=$(tsm-report) || fail "tsm-report: exit $?"
echo "$out"
echo "$out" | grep -q "^tcb: *$TCB3\$" || fail "text output does not show $TCB3"
echo "$out" | grep -q "^provider: *tsm_wd_sim\$" || fail "text output provider"
ok "text output follows the knob"

# --- --save, then parse the saved blob offline -------------------------------
rm -rf /tmp/saved
tsm-report --save /tmp/saved --nonce abcd > /dev/null || fail "tsm-report --save"
expect_eq "$(cat /tmp/saved/provider)" tsm_wd_sim "saved provider"
expect_eq "$(wc -c < /tmp/saved/outblob | tr -d ' ')" 1184 "saved outblob size"
expect_eq "$(hexbytes /tmp/saved/inblob 0 2)" abcd "saved inblob"
tsm-report parse /tmp/saved/outblob --json > /tmp/p.json || fail "parse saved outblob"
expect_eq "$(json_val tcb /tmp/p.json)" "$TCB3" "parsed saved tcb"

# --- provider faults: exit 1, nothing left behind ---------------------------
sim_errno 5
tsm-report --nonce 01 > /tmp/out 2> /tmp/err
rc=$?
cat /tmp/err
expect_eq "$rc" 1 "exit status while the provider fails"
grep -q "no report" /tmp/err || fail "no error message"
expect_eq "$(items)" 0 "no report item left behind after a failure"
sim_errno 0
tsm-report > /dev/null || fail "tsm-report after the fault cleared"

# --- usage error ---------------------------------------------------------------
tsm-report --nonce zz > /dev/null 2>&1
expect_eq "$?" 2 "exit status of a usage error"
pass
