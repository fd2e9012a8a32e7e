/**
 * @file platform.h
 * @brief Platform interface shared by all InfuCare firmware units: status
 *        codes and the board-support (BSP) functions the units call.
 *
 * @unit SU-SUP
 * @untraced Interface only (status codes and BSP prototypes implemented by the board support package, SDD section 4.2); no logic to trace.
 */
#ifndef INFUCARE_PLATFORM_H
#define INFUCARE_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** Result of every fallible firmware operation. */
typedef enum {
    IC_OK = 0,
    IC_ERR_PARAM,            /* argument out of range or NULL */
    IC_ERR_HARD_LIMIT,       /* rate above drug library hard limit or mechanism maximum */
    IC_NEEDS_CONFIRMATION,   /* rate above soft limit, clinician has not confirmed */
    IC_ERR_LIBRARY_CORRUPT,  /* drug library failed its integrity check */
    IC_ERR_NOT_FOUND,        /* drug id not in the active library */
    IC_ERR_FRAME,            /* malformed frame or CRC mismatch */
    IC_ERR_AUTH,             /* message authentication failed */
    IC_ERR_REPLAY,           /* sequence counter did not increase */
    IC_ERR_CRYPTO            /* crypto library error */
} ic_status_t;

/** Alarm priority as defined by IEC 60601-1-8. */
typedef enum {
    ALARM_PRIO_NONE = 0,
    ALARM_PRIO_LOW,
    ALARM_PRIO_MEDIUM,
    ALARM_PRIO_HIGH
} alarm_priority_t;

/* Board support package, implemented in bsp/ (not part of this example). */
void hal_motor_stop(void);
void hal_motor_disable(void);
void hal_wdg_kick(void);
void hal_alarm_annunciate(alarm_priority_t priority);
uint32_t hal_millis(void);

#endif /* INFUCARE_PLATFORM_H */
