/**
 * @file alarm_manager.c
 * @brief Holds the active alarm set, stops the pumping mechanism for
 *        high-priority conditions, escalates unacknowledged medium-priority
 *        alarms and drives the annunciator.
 *
 * @unit SU-ALARM
 */
#include "alarm.h"

/**
 * Runtime state of one alarm condition.
 * @implements SRS-022, SRS-023
 */
typedef struct {
    bool active;
    bool acknowledged;
    alarm_priority_t priority;
    uint32_t raised_ms;
} alarm_state_t;

/** Initial priority of each alarm condition (risk file, table 12). */
static const alarm_priority_t k_initial_priority[ALARM_COUNT] = {
    [ALARM_OCCLUSION_DOWNSTREAM] = ALARM_PRIO_HIGH,
    [ALARM_AIR_IN_LINE] = ALARM_PRIO_HIGH,
    [ALARM_VTBI_NEAR_END] = ALARM_PRIO_MEDIUM,
    [ALARM_BATTERY_LOW] = ALARM_PRIO_MEDIUM,
};

static alarm_state_t s_alarms[ALARM_COUNT];

/** @implements SRS-022 */
void alarm_init(void)
{
    for (unsigned i = 0; i < (unsigned)ALARM_COUNT; i++) {
        s_alarms[i] = (alarm_state_t){ .active = false, .acknowledged = false, .priority = ALARM_PRIO_NONE, .raised_ms = 0u };
    }
}

/**
 * Activate an alarm condition. High-priority conditions stop the motor here,
 * in the caller's context, before the annunciator runs, and are announced
 * immediately rather than on the next tick.
 *
 * @implements SRS-022, SRS-024
 * @mitigates RC-04, RC-05
 */
void alarm_raise(alarm_id_t id, uint32_t now_ms)
{
    if ((unsigned)id >= (unsigned)ALARM_COUNT) {
        return;
    }
    alarm_state_t *a = &s_alarms[id];
    if (a->active) {
        return;
    }
    a->active = true;
    a->acknowledged = false;
    a->priority = k_initial_priority[id];
    a->raised_ms = now_ms;
    if (a->priority == ALARM_PRIO_HIGH) {
        hal_motor_stop();
        hal_alarm_annunciate(ALARM_PRIO_HIGH);
    }
}

/**
 * Acknowledging stops escalation; it does not clear the condition.
 * @implements SRS-023
 */
void alarm_acknowledge(alarm_id_t id)
{
    if ((unsigned)id < (unsigned)ALARM_COUNT && s_alarms[id].active) {
        s_alarms[id].acknowledged = true;
    }
}

/** @implements SRS-022 */
void alarm_clear(alarm_id_t id)
{
    if ((unsigned)id < (unsigned)ALARM_COUNT) {
        s_alarms[id].active = false;
        s_alarms[id].acknowledged = false;
        s_alarms[id].priority = ALARM_PRIO_NONE;
    }
}

/** @implements SRS-022 */
bool alarm_is_active(alarm_id_t id)
{
    return (unsigned)id < (unsigned)ALARM_COUNT && s_alarms[id].active;
}

/** @implements SRS-023 */
alarm_priority_t alarm_priority(alarm_id_t id)
{
    return ((unsigned)id < (unsigned)ALARM_COUNT) ? s_alarms[id].priority : ALARM_PRIO_NONE;
}

/**
 * Called every 100 ms by the alarm task: escalates medium-priority alarms
 * left unacknowledged for ALARM_ESCALATION_MS and annunciates the highest
 * active priority.
 *
 * @return the priority being annunciated.
 * @implements SRS-023, SRS-024
 */
alarm_priority_t alarm_tick(uint32_t now_ms)
{
    alarm_priority_t highest = ALARM_PRIO_NONE;
    for (unsigned i = 0; i < (unsigned)ALARM_COUNT; i++) {
        alarm_state_t *a = &s_alarms[i];
        if (!a->active) {
            continue;
        }
        if (a->priority == ALARM_PRIO_MEDIUM && !a->acknowledged &&
            (uint32_t)(now_ms - a->raised_ms) >= ALARM_ESCALATION_MS) {
            a->priority = ALARM_PRIO_HIGH;
        }
        if (a->priority > highest) {
            highest = a->priority;
        }
    }
    hal_alarm_annunciate(highest);
    return highest;
}
