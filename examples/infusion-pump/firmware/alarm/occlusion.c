/**
 * @file occlusion.c
 * @brief Downstream occlusion detection from the pressure sensor, sampled
 *        every 20 ms by the alarm task.
 *
 * @unit SU-ALARM
 */
#include "alarm.h"

static int32_t median3(int32_t a, int32_t b, int32_t c)
{
    if ((a >= b && a <= c) || (a <= b && a >= c)) {
        return a;
    }
    if ((b >= a && b <= c) || (b <= a && b >= c)) {
        return b;
    }
    return c;
}

/**
 * @param threshold_mmhg occlusion pressure limit selected on the pump
 *        (low 150, medium 300, high 600 mmHg).
 * @implements SRS-020
 * @mitigates RC-04
 */
void occlusion_init(occlusion_detector_t *d, int32_t threshold_mmhg)
{
    if (d == NULL) {
        return;
    }
    d->threshold_mmhg = threshold_mmhg > 0 ? threshold_mmhg : OCCLUSION_DEFAULT_MMHG;
    d->n_samples = 0u;
    d->above = false;
    d->above_since_ms = 0u;
    d->latched = false;
}

/**
 * Feed one pressure sample. A median of three rejects single-sample spikes
 * from the strain gauge; the filtered pressure must stay above the
 * threshold for OCCLUSION_CONFIRM_MS before the alarm is raised.
 *
 * @return true on the sample that raised the occlusion alarm.
 * @implements SRS-020, SRS-022
 * @mitigates RC-04
 */
bool occlusion_update(occlusion_detector_t *d, int32_t pressure_mmhg, uint32_t now_ms)
{
    if (d == NULL || d->latched) {
        return false;
    }
    d->samples[0] = d->samples[1];
    d->samples[1] = d->samples[2];
    d->samples[2] = pressure_mmhg;
    if (d->n_samples < 3u) {
        d->n_samples++;
        return false;
    }
    int32_t filtered = median3(d->samples[0], d->samples[1], d->samples[2]);
    if (filtered <= d->threshold_mmhg) {
        d->above = false;
        return false;
    }
    if (!d->above) {
        d->above = true;
        d->above_since_ms = now_ms;
        return false;
    }
    if ((uint32_t)(now_ms - d->above_since_ms) >= OCCLUSION_CONFIRM_MS) {
        d->latched = true;
        alarm_raise(ALARM_OCCLUSION_DOWNSTREAM, now_ms);
        return true;
    }
    return false;
}
