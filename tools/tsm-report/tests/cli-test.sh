#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# tsm-report CLI tests on the host: decode saved fixtures, check JSON keys
# and values, exit statuses and messages.
# Usage: cli-test.sh LABEL TSM-REPORT-BINARY FIXTURE-DIR
set -uo pipefail
label=$1 bin=$2 fx=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

result() {	# result NAME STATUS(0=pass) [detail]
	if [ "$2" -eq 0 ]; then
		echo "PASS: $label/$1"
	else
		echo "FAIL: $label/$1${3:+ ($3)}"
		fails=$((fails + 1))
	fi
}

# run EXPECTED-STATUS ARGS...: output in $tmp/out, $tmp/err
run() {
	local want=$1; shift
	"$bin" "$@" > "$tmp/out" 2> "$tmp/err"
	local rc=$?
	[ "$rc" -eq "$want" ] || { echo "  exit $rc, wanted $want: $*"; sed 's/^/  stderr: /' "$tmp/err"; return 1; }
}

# json_get KEY: the value of KEY in $tmp/out (strings unquoted), or
# "<absent>"; validates the document as JSON when python3 exists.
json_get() {
	if command -v python3 > /dev/null; then
		python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
v = d.get(sys.argv[2], "<absent>")
print(json.dumps(v, separators=(",", ":")) if isinstance(v, (dict, list, bool)) else v)' "$tmp/out" "$1"
	else
		local l
		l=$(grep -E "^  \"$1\": " "$tmp/out") || { echo "<absent>"; return; }
		l=${l#*: }; l=${l%,}; l=${l#\"}; l=${l%\"}
		echo "$l"
	fi
}

# expect_json NAME KEY VALUE...: pairs checked against the last output
expect_json() {
	local name=$1; shift
	local ok=0 got
	while [ $# -ge 2 ]; do
		got=$(json_get "$1")
		if [ "$got" != "$2" ]; then
			echo "  $name: $1 = '$got', wanted '$2'"
			ok=1
		fi
		shift 2
	done
	result "$name" $ok
}

milan=snp:d315000000000004
turin=snp:4800000015000401
svn=03010200000000000000000000000000
svn2=05010200000000000000000000000009
cpusvn=0b0b0202ff0103000000000000000000

# --- SNP fixtures ---------------------------------------------------------
for f in snp-v2 snp-v3-milan snp-v3-turin snp-v5-genoa snp-v5-turin; do
	case $f in
	*turin) tcb=$turin rep=snp:4700000014020302 com=snp:4600000013010203
		lau=snp:4500000012000104
		comp='{"fmc":1,"bl":4,"tee":0,"snp":21,"ucode":72}' ;;
	*)	tcb=$milan rep=snp:d214000000000003 com=snp:d113000000000002
		lau=snp:d012000000000001
		comp='{"bl":4,"tee":0,"snp":21,"ucode":211}' ;;
	esac
	ver=${f#snp-v}; ver=${ver%%-*}
	if run 0 parse "$fx/$f.bin" --json; then
		expect_json "parse-json-$f" format snp-report version "$ver" \
			tcb "$tcb" current_tcb "$tcb" reported_tcb "$rep" \
			committed_tcb "$com" launch_tcb "$lau" tcb_components "$comp"
		for k in report_data measurement chip_id; do
			v=$(json_get $k)
			[[ $v =~ ^[0-9a-f]+$ ]] || { echo "  $k=$v"; false; }
			result "parse-json-$f-$k-hex" $?
		done
		[ "$(json_get report_data | wc -c)" -eq 129 ]
		result "parse-json-$f-report-data-64-bytes" $?
		[ "$(json_get tee_tcb_svn)" = "<absent>" ]
		result "parse-json-$f-no-tdx-keys" $?
	else
		result "parse-json-$f" 1
	fi
	run 0 parse "$fx/$f.bin" --format snp && grep -q "^tcb: *$tcb$" "$tmp/out"
	result "parse-text-$f" $?
done
run 0 parse "$fx/snp-v2.bin" && grep -q "assumed" "$tmp/out"
result "parse-text-snp-v2-says-layout-assumed" $?

# --- TDX fixtures ---------------------------------------------------------
# tcb = running module SVN (TEE_TCB_SVN2 where valid, else TEE_TCB_SVN)
# followed by CPUSVN (TDREPORT: REPORTMACSTRUCT; quote: the QE report's).
for f in tdx-quote-v4 tdx-quote-v5-td10 tdx-quote-v5-td15 \
	 tdx-quote-v5-td15-svn2-zero tdreport-v0 tdreport-v1 \
	 tdreport-v1-svn2-invalid; do
	case $f in
	tdx-quote-v4) fmt=tdx-quote ver=4 s2='<absent>' run_svn=$svn ;;
	tdx-quote-v5-td10) fmt=tdx-quote ver=5 s2='<absent>' run_svn=$svn ;;
	tdx-quote-v5-td15) fmt=tdx-quote ver=5 s2=$svn2 run_svn=$svn2 ;;
	tdx-quote-v5-td15-svn2-zero) fmt=tdx-quote ver=5 s2='<absent>' run_svn=$svn ;;
	tdreport-v0) fmt=tdreport ver=0 s2='<absent>' run_svn=$svn ;;
	tdreport-v1) fmt=tdreport ver=1 s2=$svn2 run_svn=$svn2 ;;
	tdreport-v1-svn2-invalid) fmt=tdreport ver=1 s2='<absent>' run_svn=$svn ;;
	esac
	if run 0 parse "$fx/$f.bin" --json; then
		expect_json "parse-json-$f" format $fmt version $ver \
			tcb "tdx:$run_svn$cpusvn" tee_tcb_svn $svn tee_tcb_svn2 "$s2" \
			cpusvn $cpusvn current_tcb '<absent>'
		for k in mrseam mrtd report_data; do
			v=$(json_get $k)
			[[ $v =~ ^[0-9a-f]+$ ]] || { echo "  $k=$v"; false; }
			result "parse-json-$f-$k-hex" $?
		done
		[ "$(json_get mrtd | wc -c)" -eq 97 ]
		result "parse-json-$f-mrtd-48-bytes" $?
		[ "$(json_get tcb_components)" = "{\"module_minor\":${run_svn:1:1},\"module_major\":1,\"seamldr\":2$([ "$run_svn" = "$svn2" ] && echo ',"svn15":9'),\"cpusvn\":\"$cpusvn\"}" ]
		result "parse-json-$f-tcb-components" $? "$(json_get tcb_components)"
	else
		result "parse-json-$f" 1
	fi
	run 0 parse "$fx/$f.bin" --format $fmt &&
		grep -q "^tcb: *tdx:$run_svn$cpusvn$" "$tmp/out" &&
		grep -q "^cpusvn: *$cpusvn$" "$tmp/out"
	result "parse-text-$f" $?
done

# quote without QE report certification data: no CPUSVN, refused by name
cp "$fx/tdx-quote-v4.bin" "$tmp/cert5"
printf '\005' | dd of="$tmp/cert5" bs=1 seek=$((48 + 584 + 4 + 128)) conv=notrunc status=none
run 1 parse "$tmp/cert5" && grep -q "certification data type is 5" "$tmp/err"
result "quote-cert-type-not-6-exit-1" $?
# TDREPORT whose VALID does not mark TEE_TCB_SVN (bit 1 clear: 0x301fd)
cp "$fx/tdreport-v1.bin" "$tmp/nosvn"
printf '\375' | dd of="$tmp/nosvn" bs=1 seek=256 conv=notrunc status=none
run 1 parse "$tmp/nosvn" && grep -q "VALID" "$tmp/err"
result "tdreport-svn-not-valid-exit-1" $?
# VALID bit 16 alone marks TEE_TCB_SVN2 (0x101ff), as the kernel reads it
cp "$fx/tdreport-v1.bin" "$tmp/bit16"
printf '\001' | dd of="$tmp/bit16" bs=1 seek=$((256 + 2)) conv=notrunc status=none
full_tcb=$(run 0 parse "$fx/tdreport-v1.bin" --json && json_get tcb)
run 0 parse "$tmp/bit16" --json &&
	[ "$(json_get tee_tcb_svn2)" != "<absent>" ] &&
	[ "$(json_get tcb)" = "$full_tcb" ] && [ -n "$full_tcb" ]
result "tdreport-valid-bit16-alone-is-svn2" $? "$(json_get tcb) vs $full_tcb"

# --- evidence that does not parse: exit 1 and a reason -------------------
head -c 1000 "$fx/snp-v3-milan.bin" > "$tmp/short-snp"
run 1 parse "$tmp/short-snp" && grep -q "1000 bytes" "$tmp/err" && [ ! -s "$tmp/out" ]
result "truncated-snp-exit-1" $?
head -c 700 "$fx/tdx-quote-v4.bin" > "$tmp/short-quote"
run 1 parse "$tmp/short-quote" --json && grep -q "signature" "$tmp/err" && [ ! -s "$tmp/out" ]
result "truncated-quote-exit-1" $?
run 1 parse "$fx/snp-v3-milan.bin" --format tdx-quote && grep -q "not supported" "$tmp/err"
result "wrong-format-exit-1" $?
run 1 parse "$fx/tdx-quote-v4.bin" --format tdreport && grep -q "TDREPORT" "$tmp/err"
result "quote-as-tdreport-exit-1" $?
: > "$tmp/empty"
run 1 parse "$tmp/empty" && grep -q "neither" "$tmp/err"
result "empty-file-exit-1" $?
head -c 2000 /dev/zero | tr '\0' '\377' > "$tmp/ff"
run 1 parse "$tmp/ff"
result "garbage-exit-1" $?
cp "$fx/snp-v3-milan.bin" "$tmp/v4"; printf '\004' | dd of="$tmp/v4" bs=1 conv=notrunc status=none
run 1 parse "$tmp/v4" && grep -q "version 4" "$tmp/err"
result "snp-version-4-refused" $?
run 1 parse "$tmp/does-not-exist" && grep -q "does-not-exist" "$tmp/err"
result "missing-file-exit-1" $?

# --- usage errors: exit 2 -------------------------------------------------
run 2 parse;				result "usage-parse-without-file" $?
run 2 parse a b;			result "usage-parse-two-files" $?
run 2 --bogus;				result "usage-unknown-option" $?
run 2 parse "$fx/snp-v2.bin" --format sgx && grep -q "sgx" "$tmp/err"
result "usage-unknown-format" $?
run 2 --format snp;			result "usage-format-without-parse" $?
run 2 frobnicate;			result "usage-unknown-command" $?
run 2 --nonce xyz --configfs "$tmp";	result "usage-bad-nonce" $?
run 2 --nonce "$(printf '%0130d' 0)" --configfs "$tmp"; result "usage-nonce-too-long" $?
run 2 parse "$fx/snp-v2.bin" --nonce 00; result "usage-parse-with-nonce" $?
run 2 --privlevel -1;			result "usage-bad-privlevel" $?
run 2 --nonce;				result "usage-option-missing-argument" $?
run 0 --help && grep -q "^Usage: tsm-report" "$tmp/out" && grep -q -- "--configfs" "$tmp/out"
result "help" $?

# --help and the man page name the same options
man=$(dirname "$0")/../tsm-report.1
opts=$("$bin" --help | grep -o -- '--[a-z]*' | sort -u)
missing=
for o in $opts; do
	grep -q -- "$(printf '%s' "$o" | sed 's/-/\\\\-/g')" "$man" || missing="$missing $o"
done
[ -n "$opts" ] && [ -z "$missing" ]
result "man-page-documents-every-option" $? "missing:$missing"

# --- report mode without a working configfs-tsm: exit 1 ------------------
run 1 --configfs "$tmp/no-configfs" --nonce 0102 && grep -q "no report" "$tmp/err"
result "report-no-configfs-exit-1" $?
mkdir -p "$tmp/cfs"
run 1 --configfs "$tmp/cfs" --json && [ -z "$(ls -A "$tmp/cfs")" ] && [ ! -s "$tmp/out" ]
result "report-broken-configfs-item-removed" $?

[ "$fails" -eq 0 ]
