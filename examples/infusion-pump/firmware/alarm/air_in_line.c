/**
 * @file air_in_line.c
 * @brief Air-in-line detection from the ultrasonic bubble sensor: a single
 *        bubble above AIL_SINGLE_BUBBLE_UL, or more than AIL_ACCUMULATED_UL
 *        of air within a sliding 15 minute window.
 *
 * @unit SU-ALARM
 */
#include "alarm.h"

#define MS_PER_MINUTE 60000u

/**
 * @implements SRS-021
 * @mitigates RC-05
 */
void ail_init(air_detector_t *d)
{
    if (d == NULL) {
        return;
    }
    for (unsigned i = 0; i < AIL_WINDOW_MINUTES; i++) {
        d->minute_ul[i] = 0u;
    }
    d->current_minute = 0u;
    d->started = false;
    d->latched = false;
}

/**
 * Account one detected bubble (bubble_ul may be 0 to just advance time).
 *
 * @return true on the call that raised the air-in-line alarm.
 * @implements SRS-021, SRS-022
 * @mitigates RC-05
 */
bool ail_update(air_detector_t *d, uint32_t bubble_ul, uint32_t now_ms)
{
    if (d == NULL || d->latched) {
        return false;
    }
    uint32_t minute = now_ms / MS_PER_MINUTE;
    if (!d->started) {
        d->started = true;
        d->current_minute = minute;
    }
    /* Expire the buckets of the minutes that passed since the last call. */
    if (minute - d->current_minute >= AIL_WINDOW_MINUTES) {
        for (unsigned i = 0; i < AIL_WINDOW_MINUTES; i++) {
            d->minute_ul[i] = 0u;
        }
        d->current_minute = minute;
    }
    while (d->current_minute < minute) {
        d->current_minute++;
        d->minute_ul[d->current_minute % AIL_WINDOW_MINUTES] = 0u;
    }
    d->minute_ul[minute % AIL_WINDOW_MINUTES] += bubble_ul;

    uint32_t total = 0u;
    for (unsigned i = 0; i < AIL_WINDOW_MINUTES; i++) {
        total += d->minute_ul[i];
    }
    if (bubble_ul > AIL_SINGLE_BUBBLE_UL || total > AIL_ACCUMULATED_UL) {
        d->latched = true;
        alarm_raise(ALARM_AIR_IN_LINE, now_ms);
        return true;
    }
    return false;
}
