// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libtsm: SEV-SNP ATTESTATION_REPORT parser (versions 2, 3, 5).
 * Offsets: AMD SEV Secure Nested Paging Firmware ABI Specification
 * (pub. 56860), ATTESTATION_REPORT structure table; see LAYOUTS.md.
 */
#include <errno.h>
#include <string.h>

#include "internal.h"

#define SNP_REPORT_SIZE		0x4a0	/* 1184 */

#define SNP_VERSION		0x000
#define SNP_GUEST_SVN		0x004
#define SNP_POLICY		0x008
#define SNP_FAMILY_ID		0x010
#define SNP_IMAGE_ID		0x020
#define SNP_VMPL		0x030
#define SNP_SIG_ALGO		0x034
#define SNP_CURRENT_TCB		0x038
#define SNP_PLATFORM_INFO	0x040
#define SNP_KEY_INFO		0x048
#define SNP_REPORT_DATA		0x050
#define SNP_MEASUREMENT		0x090
#define SNP_HOST_DATA		0x0c0
#define SNP_ID_KEY_DIGEST	0x0e0
#define SNP_AUTHOR_KEY_DIGEST	0x110
#define SNP_REPORT_ID		0x140
#define SNP_REPORT_ID_MA	0x160
#define SNP_REPORTED_TCB	0x180
#define SNP_CPUID_FAM_ID	0x188	/* v3+ */
#define SNP_CPUID_MOD_ID	0x189	/* v3+ */
#define SNP_CPUID_STEP		0x18a	/* v3+ */
#define SNP_CHIP_ID		0x1a0
#define SNP_COMMITTED_TCB	0x1e0
#define SNP_CURRENT_BUILD	0x1e8
#define SNP_CURRENT_MINOR	0x1e9
#define SNP_CURRENT_MAJOR	0x1ea
#define SNP_COMMITTED_BUILD	0x1ec
#define SNP_COMMITTED_MINOR	0x1ed
#define SNP_COMMITTED_MAJOR	0x1ee
#define SNP_LAUNCH_TCB		0x1f0
#define SNP_LAUNCH_MIT_VECTOR	0x1f8	/* v5 */
#define SNP_CURRENT_MIT_VECTOR	0x200	/* v5 */
#define SNP_SIGNATURE		0x2a0

#define CPUID_FAMILY_MILAN_GENOA	0x19
#define CPUID_FAMILY_TURIN		0x1a

#define COPY(dst, off)	memcpy((dst), b + (off), sizeof(dst))

static int parse_snp(const void *buf, size_t len, struct tsm_evidence *ev)
{
	const uint8_t *b = buf;
	struct tsm_snp_report *r;
	uint32_t version;
	int n;

	if (!buf)
		return tsm_fail(ev, -EINVAL, "no SNP report buffer");
	if (len < 4)
		return tsm_fail(ev, TSM_E_TRUNCATED,
				"SNP report is %zu bytes, too short for its version field",
				len);
	version = get_le32(b + SNP_VERSION);
	if (version != 2 && version != 3 && version != 5)
		return tsm_fail(ev, TSM_E_VERSION,
				"SNP report version %u is not supported (2, 3, 5 are)",
				version);
	if (len < SNP_REPORT_SIZE)
		return tsm_fail(ev, TSM_E_TRUNCATED,
				"SNP report is %zu bytes, the version %u layout needs %u",
				len, version, SNP_REPORT_SIZE);

	r = &ev->snp;
	r->version = version;
	r->guest_svn = get_le32(b + SNP_GUEST_SVN);
	r->policy = get_le64(b + SNP_POLICY);
	COPY(r->family_id, SNP_FAMILY_ID);
	COPY(r->image_id, SNP_IMAGE_ID);
	r->vmpl = get_le32(b + SNP_VMPL);
	r->signature_algo = get_le32(b + SNP_SIG_ALGO);
	r->current_tcb = get_le64(b + SNP_CURRENT_TCB);
	r->platform_info = get_le64(b + SNP_PLATFORM_INFO);
	r->key_info = get_le32(b + SNP_KEY_INFO);
	COPY(r->report_data, SNP_REPORT_DATA);
	COPY(r->measurement, SNP_MEASUREMENT);
	COPY(r->host_data, SNP_HOST_DATA);
	COPY(r->id_key_digest, SNP_ID_KEY_DIGEST);
	COPY(r->author_key_digest, SNP_AUTHOR_KEY_DIGEST);
	COPY(r->report_id, SNP_REPORT_ID);
	COPY(r->report_id_ma, SNP_REPORT_ID_MA);
	r->reported_tcb = get_le64(b + SNP_REPORTED_TCB);
	COPY(r->chip_id, SNP_CHIP_ID);
	r->committed_tcb = get_le64(b + SNP_COMMITTED_TCB);
	r->current_build = b[SNP_CURRENT_BUILD];
	r->current_minor = b[SNP_CURRENT_MINOR];
	r->current_major = b[SNP_CURRENT_MAJOR];
	r->committed_build = b[SNP_COMMITTED_BUILD];
	r->committed_minor = b[SNP_COMMITTED_MINOR];
	r->committed_major = b[SNP_COMMITTED_MAJOR];
	r->launch_tcb = get_le64(b + SNP_LAUNCH_TCB);
	COPY(r->signature, SNP_SIGNATURE);

	if (version >= 3) {
		r->has_cpuid = true;
		r->cpuid_fam_id = b[SNP_CPUID_FAM_ID];
		r->cpuid_mod_id = b[SNP_CPUID_MOD_ID];
		r->cpuid_step = b[SNP_CPUID_STEP];
		if (r->cpuid_fam_id == CPUID_FAMILY_MILAN_GENOA)
			r->layout = TSM_SNP_LAYOUT_MILAN_GENOA;
		else if (r->cpuid_fam_id == CPUID_FAMILY_TURIN)
			r->layout = TSM_SNP_LAYOUT_TURIN;
		else
			return tsm_fail(ev, TSM_E_MALFORMED,
					"SNP report version %u has CPUID_FAM_ID 0x%02x: no known TCB_VERSION layout (0x19 Milan/Genoa, 0x1a Turin)",
					version, r->cpuid_fam_id);
	} else {
		/* v2 has no CPUID fields: only Milan/Genoa produced v2. */
		r->layout = TSM_SNP_LAYOUT_MILAN_GENOA;
		r->layout_assumed = true;
	}
	if (version >= 5) {
		r->has_mit_vector = true;
		r->launch_mit_vector = get_le64(b + SNP_LAUNCH_MIT_VECTOR);
		r->current_mit_vector = get_le64(b + SNP_CURRENT_MIT_VECTOR);
	}

	ev->format = TSM_FORMAT_SNP_REPORT;
	ev->version = version;
	memcpy(ev->report_data, r->report_data, sizeof(ev->report_data));
	tsm_tcb_from_snp(r->current_tcb, &ev->tcb);
	tsm_evidence_set_tcb_text(ev);
	n = tsm_tcb_components(&ev->tcb, r->layout, ev->components,
			       sizeof(ev->components));
	if (n < 0)
		ev->components[0] = '\0';
	return 0;
}

int tsm_parse_snp_report(const void *buf, size_t len, struct tsm_evidence *ev)
{
	if (!ev)
		return -EINVAL;
	memset(ev, 0, sizeof(*ev));
	return tsm_parse_finish(ev, parse_snp(buf, len, ev));
}
