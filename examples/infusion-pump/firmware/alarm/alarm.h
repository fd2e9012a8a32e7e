/**
 * @file alarm.h
 * @brief Alarm manager (IEC 60601-1-8 priorities, escalation) and the
 *        downstream occlusion and air-in-line detectors that feed it.
 *
 * @unit SU-ALARM
 * @implements SRS-020, SRS-021, SRS-022, SRS-023, SRS-024
 * @mitigates RC-04, RC-05
 */
#ifndef INFUCARE_ALARM_H
#define INFUCARE_ALARM_H

#include "platform.h"

typedef enum {
    ALARM_OCCLUSION_DOWNSTREAM = 0,
    ALARM_AIR_IN_LINE,
    ALARM_VTBI_NEAR_END,
    ALARM_BATTERY_LOW,
    ALARM_COUNT
} alarm_id_t;

/** Unacknowledged medium-priority alarms escalate after this time. */
#define ALARM_ESCALATION_MS          120000u

/** Occlusion: pressure above threshold for this long. */
#define OCCLUSION_CONFIRM_MS         2000u
#define OCCLUSION_DEFAULT_MMHG       300

/** Air in line: single bubble limit and accumulated limit per window. */
#define AIL_SINGLE_BUBBLE_UL         50u
#define AIL_ACCUMULATED_UL           1000u
#define AIL_WINDOW_MINUTES           15u

typedef struct {
    int32_t threshold_mmhg;
    int32_t samples[3];
    uint8_t n_samples;
    bool above;
    uint32_t above_since_ms;
    bool latched;
} occlusion_detector_t;

typedef struct {
    uint32_t minute_ul[AIL_WINDOW_MINUTES];
    uint32_t current_minute;
    bool started;
    bool latched;
} air_detector_t;

void alarm_init(void);
void alarm_raise(alarm_id_t id, uint32_t now_ms);
void alarm_acknowledge(alarm_id_t id);
void alarm_clear(alarm_id_t id);
bool alarm_is_active(alarm_id_t id);
alarm_priority_t alarm_priority(alarm_id_t id);
alarm_priority_t alarm_tick(uint32_t now_ms);

void occlusion_init(occlusion_detector_t *d, int32_t threshold_mmhg);
bool occlusion_update(occlusion_detector_t *d, int32_t pressure_mmhg, uint32_t now_ms);

void ail_init(air_detector_t *d);
bool ail_update(air_detector_t *d, uint32_t bubble_ul, uint32_t now_ms);

#endif /* INFUCARE_ALARM_H */
