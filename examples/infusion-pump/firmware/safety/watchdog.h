/**
 * @file watchdog.h
 * @brief Software check-in supervisor in front of the independent hardware
 *        watchdog (window 200 ms).
 *
 * @unit SU-SUP
 * @implements SRS-025
 * @mitigates RC-06
 */
#ifndef INFUCARE_WATCHDOG_H
#define INFUCARE_WATCHDOG_H

#include "platform.h"

#define WDG_CLIENT_DOSE   (1u << 0)
#define WDG_CLIENT_ALARM  (1u << 1)
#define WDG_CLIENT_COMM   (1u << 2)
#define WDG_ALL_CLIENTS   (WDG_CLIENT_DOSE | WDG_CLIENT_ALARM | WDG_CLIENT_COMM)

/** Maximum time between two complete rounds of check-ins. */
#define WDG_WINDOW_MS     200u

void wdg_init(uint32_t now_ms);
void wdg_checkin(uint32_t client);
bool wdg_service(uint32_t now_ms);
bool wdg_tripped(void);

#endif /* INFUCARE_WATCHDOG_H */
