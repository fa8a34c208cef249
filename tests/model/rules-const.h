/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rules-const.h - constants shared by model.pml (through spin's cpp), by
 * rules.h and by the C predictor. Plain #defines only: Promela reads this.
 */
#ifndef TSM_WD_MODEL_RULES_CONST_H
#define TSM_WD_MODEL_RULES_CONST_H

/* States, as sysfs "state" names them. */
#define WD_DISARMED	0
#define WD_ARMED	1
#define WD_CHANGED	2
#define WD_FIRED	3

/* Modes, weakest first (rule 11). */
#define WD_PERMISSIVE	0
#define WD_RELAXED	1
#define WD_STRICT	2

/* What one good read of the source means (rules 3, 4, 8): wd_classify(). */
#define WD_K_SAME	0	/* equal to the baseline: nothing (or armed again) */
#define WD_K_REPEAT	1	/* the unexpected TCB already reported */
#define WD_K_ROLLBACK	2	/* below the floor held at the last ack: fire */
#define WD_K_RENEWAL	3	/* an expected TCB: new baseline, "renewed" */
#define WD_K_CHANGE	4	/* anything else: "changed", then per mode */

/* What a running watchdog does with it, per mode: wd_effect(). */
#define WD_E_NONE	0	/* state unchanged */
#define WD_E_ARM	1	/* state := armed */
#define WD_E_CHANGED	2	/* state := changed (grace runs in relaxed) */
#define WD_E_FIRE	3	/* the action fires */

/* Why the action fired (the model's and the predictor's bookkeeping). */
#define WD_WHY_EXPIRED	1	/* heartbeat (rule 1) */
#define WD_WHY_GRACE	2	/* unexpected TCB not acked within grace */
#define WD_WHY_STRICT	3	/* unexpected TCB, strict */
#define WD_WHY_ROLLBACK	4	/* rule 4 */
#define WD_WHY_REJECT	5	/* rule 5 */
#define WD_WHY_LOST	6	/* rule 12 */

/* Policy fields ordered for rule 11 ("stricter"): wd_weaker(). */
#define WD_F_MODE	0	/* permissive < relaxed < strict */
#define WD_F_ACTION	1	/* log < warn < reboot < poweroff < panic */
#define WD_F_TIME	2	/* timeout, grace, poll_ms: shorter is stricter */

/* Errors of a command, as the model and the predictor name them. */
#define WD_OK		0
#define WD_ERR_PERM	1	/* EPERM: nowayout (rules 6, 11) */

#endif
