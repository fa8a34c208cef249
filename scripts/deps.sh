#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Install the Debian packages a build or test stage needs, and nothing when
# they are all present. Usage: scripts/deps.sh GROUP...
# Groups: base kernel checkpatch qemu unit fuzz daemon debug-kernel dkms deb pkgtest
#         trixie (what tests/qemu/trixie-root needs to make the Debian 13 root
#         for the 7.3 kernel; the Debian 13 packages go into that root only)
#         model (spin, for make model)
set -euo pipefail

pkgs_for() {
	case "$1" in
	base)		echo build-essential make gcc pkg-config git ;;
	kernel)		echo linux-headers-6.12-amd64 sparse ;;
	checkpatch)	echo linux-source-6.12 xz-utils perl ;;
	qemu)		echo qemu-system-x86 busybox-static cpio kmod ;;
	unit)		echo libcmocka-dev ;;
	fuzz)		echo clang libclang-rt-14-dev ;;
	daemon)		echo libinih-dev libsystemd-dev ;;
	debug-kernel)	echo linux-source-6.12 xz-utils bc bison flex libelf-dev libssl-dev dwarves ;;
	dkms)		echo dkms ;;
	deb)		echo debhelper devscripts lintian dh-dkms ;;
	pkgtest)	echo debootstrap zstd prometheus-node-exporter curl ;;
	trixie)		echo debootstrap util-linux ;;
	model)		echo spin ;;
	*)		echo "deps.sh: unknown group '$1'" >&2; exit 2 ;;
	esac
}

want=()
for g in "$@"; do
	for p in $(pkgs_for "$g"); do
		if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		     grep -q '^install ok installed$'; then
			want+=("$p")
		fi
	done
done
[ ${#want[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "deps.sh: missing packages: ${want[*]}; run as root or install them" >&2
	exit 1
fi
echo "deps.sh: installing ${want[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${want[@]}" >&2
