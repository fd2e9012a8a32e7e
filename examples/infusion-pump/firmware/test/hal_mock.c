/**
 * @file hal_mock.c
 * @brief Recording doubles of the board support functions for the host
 *        unit tests.
 * @unit SU-SUP
 */
#include "hal_mock.h"

hal_mock_t g_hal;

void hal_mock_reset(void)
{
    g_hal = (hal_mock_t){ 0 };
}

void hal_motor_stop(void)
{
    g_hal.motor_stops++;
}

void hal_motor_disable(void)
{
    g_hal.motor_disables++;
}

void hal_wdg_kick(void)
{
    g_hal.wdg_kicks++;
}

void hal_alarm_annunciate(alarm_priority_t priority)
{
    if (priority != g_hal.annunciated) {
        g_hal.annunciated = priority;
        g_hal.annunciated_at_ms = g_hal.now_ms;
    }
}

uint32_t hal_millis(void)
{
    return g_hal.now_ms;
}
