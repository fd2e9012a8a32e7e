/**
 * @file watchdog.c
 * @brief Check-in supervisor. The hardware watchdog is only kicked when the
 *        dose, alarm and communication tasks have all checked in within the
 *        window; otherwise the motor driver is de-energised and the kick is
 *        withheld so that the hardware watchdog resets the controller.
 *
 * @unit SU-SUP
 */
#include "watchdog.h"

static uint32_t s_checked_in;
static uint32_t s_window_start_ms;
static bool s_tripped;

/**
 * Start a new supervision window.
 * @implements SRS-025
 * @mitigates RC-06
 */
void wdg_init(uint32_t now_ms)
{
    s_checked_in = 0u;
    s_window_start_ms = now_ms;
    s_tripped = false;
}

/**
 * Record that a supervised task completed one loop iteration.
 * @implements SRS-025
 * @mitigates RC-06
 */
void wdg_checkin(uint32_t client)
{
    s_checked_in |= (client & WDG_ALL_CLIENTS);
}

/**
 * Called from the 10 ms timer interrupt. Kicks the hardware watchdog when all
 * clients checked in; when the window expires first, disables the motor
 * driver and stops kicking (latched until reset).
 *
 * @return true when the hardware watchdog was kicked.
 * @implements SRS-025
 * @mitigates RC-06
 */
bool wdg_service(uint32_t now_ms)
{
    if (s_tripped) {
        return false;
    }
    if (s_checked_in == WDG_ALL_CLIENTS) {
        hal_wdg_kick();
        s_checked_in = 0u;
        s_window_start_ms = now_ms;
        return true;
    }
    if ((uint32_t)(now_ms - s_window_start_ms) > WDG_WINDOW_MS) {
        hal_motor_disable();
        s_tripped = true;
    }
    return false;
}

/**
 * @return true once a missed check-in has latched the safe state.
 * @implements SRS-025
 */
bool wdg_tripped(void)
{
    return s_tripped;
}
