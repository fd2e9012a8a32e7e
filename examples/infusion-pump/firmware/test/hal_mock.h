/**
 * @file hal_mock.h
 * @brief Recording doubles of the board support functions (see hal_mock.c).
 * @unit SU-SUP
 */
#ifndef INFUCARE_HAL_MOCK_H
#define INFUCARE_HAL_MOCK_H

#include "platform.h"

typedef struct {
    unsigned motor_stops;
    unsigned motor_disables;
    unsigned wdg_kicks;
    alarm_priority_t annunciated;
    uint32_t annunciated_at_ms;
    uint32_t now_ms;
} hal_mock_t;

extern hal_mock_t g_hal;

void hal_mock_reset(void);

#endif /* INFUCARE_HAL_MOCK_H */
